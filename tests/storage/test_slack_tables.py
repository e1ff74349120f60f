"""kpibot's migrations create exactly the tables slack_sdk's SQLAlchemy installation and
state stores use (compared with the stores' own metadata), and the stores work on them on
SQLite and PostgreSQL: save, find, refresh in place, delete, and a state used up once."""

from __future__ import annotations

import time

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData
from sqlalchemy.engine import Engine

SLACK_TABLES = {"slack_bots", "slack_installations", "slack_oauth_states"}


def _diff(engine: Engine, metadata: MetaData) -> list[object]:
    """Differences between the database and `metadata`, over Slack's tables only."""

    def only_slack(obj: object, name: str | None, type_: str, *_: object) -> bool:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table in SLACK_TABLES

    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": only_slack}
        )
        return list(compare_metadata(context, metadata))


def test_the_migrated_tables_are_slack_sdks_own(engine: Engine) -> None:
    store = SQLAlchemyInstallationStore(client_id="111.222", engine=engine)
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    merged = MetaData()
    for table in (*store.metadata.tables.values(), *states.metadata.tables.values()):
        table.to_metadata(merged)
    assert set(merged.tables) == SLACK_TABLES
    assert _diff(engine, merged) == []


def _installation(
    team: str, token: str, refresh: str | None, expires_in: int | None
) -> Installation:
    return Installation(
        app_id="A000APP01",
        team_id=team,
        team_name=f"Team {team}",
        bot_token=token,
        bot_id=f"B{team}",
        bot_user_id=f"U{team}BOT",
        bot_scopes="commands,chat:write",
        bot_refresh_token=refresh,
        bot_token_expires_in=expires_in,
        user_id="U000ADMIN",
        installed_at=time.time(),
    )


def test_installations_are_kept_per_workspace_and_refreshed_in_place(engine: Engine) -> None:
    store = SQLAlchemyInstallationStore(client_id="111.222", engine=engine)
    store.save(_installation("T1", "xoxe.xoxb-1-old", "xoxe-1-r1", 43200))
    store.save(_installation("T2", "xoxb-2", None, None))
    first = store.find_installation(enterprise_id=None, team_id="T1")
    assert first is not None and first.bot_token == "xoxe.xoxb-1-old"
    assert first.bot_token_expires_at is not None
    assert abs(first.bot_token_expires_at - (time.time() + 43200)) < 60

    # A refresh keeps the installation and changes its tokens (what Bolt's rotation does).
    refreshed = Installation(**first.to_dict_for_copying())
    refreshed.bot_token = "xoxe.xoxb-1-new"
    refreshed.bot_refresh_token = "xoxe-1-r2"
    store.save(refreshed)
    found = store.find_installation(enterprise_id=None, team_id="T1")
    bot = store.find_bot(enterprise_id=None, team_id="T1")
    assert found is not None and found.bot_token == "xoxe.xoxb-1-new"
    assert bot is not None and bot.bot_token == "xoxe.xoxb-1-new"
    assert bot.bot_refresh_token == "xoxe-1-r2"

    other = store.find_bot(enterprise_id=None, team_id="T2")
    assert other is not None and other.bot_token == "xoxb-2"
    store.delete_bot(enterprise_id=None, team_id="T1")
    store.delete_installation(enterprise_id=None, team_id="T1")
    assert store.find_bot(enterprise_id=None, team_id="T1") is None
    assert store.find_installation(enterprise_id=None, team_id="T1") is None
    assert store.find_bot(enterprise_id=None, team_id="T2") is not None


def test_a_state_is_used_up_once_and_expires(engine: Engine) -> None:
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    state = states.issue()
    assert states.consume(state) is True
    assert states.consume(state) is False  # a second redirect with the same state
    assert states.consume("forged-state") is False
    short = SQLAlchemyOAuthStateStore(expiration_seconds=-1, engine=engine)
    assert short.consume(short.issue()) is False  # issued already expired
