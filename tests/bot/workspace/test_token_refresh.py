"""A rotating bot token about to expire is refreshed once, however many replicas (or
threads) need it at the same moment: Slack spends the refresh token on the first
oauth.v2.access, so a second refresh with it fails and would leave that replica without a
token. Each "replica" here is a TeamClients (or Bolt's authorize step) on an engine of its
own — its own connections, as two `kpibot serve` processes have — against one database,
with the loopback fake Slack answering oauth.v2.access slowly, so that the racers overlap."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path

import pytest
import sqlalchemy as sa
from slack_bolt import BoltContext
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy.engine import make_url

from bot import team_clients
from bot.settings import Settings
from bot.slack_client import make_client
from bot.team_clients import TeamClients
from storage.db import make_engine, migrate
from tests.bot.both_dbs import PG_URL
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.fake_slack_oauth import CLIENT_ID, CLIENT_SECRET, Team

TEAM = "T0ROTATE1"
OLD_TOKEN = f"xoxe.xoxb-{TEAM}-0000"
OLD_REFRESH = f"xoxe-1-{TEAM}-r0000"
#: the fake numbers what it issues from 1: the one refresh hands out token 0001
NEW_TOKEN = f"xoxe.xoxb-{TEAM}-0001"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.oauth.add_team(Team(TEAM, "Rotating", rotating=True))
    fake.oauth.tokens[OLD_TOKEN] = TEAM
    fake.oauth.refresh_tokens[OLD_REFRESH] = TEAM
    fake.delays["oauth.v2.access"] = 0.5  # both racers are inside the refresh together
    yield fake
    fake.stop()


@pytest.fixture
def pg_database() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("KPIBOT_TEST_POSTGRES_URL is not set")
    name = f"kpibot_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def replica(url: str, slack: FakeSlack) -> TeamClients:
    settings = Settings(
        database_url=url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        api_url=slack.api_url,
        token_refresh_minutes=120,
    )
    return TeamClients(settings, make_engine(url))


def install_expiring(clients: TeamClients) -> None:
    """The workspace's installation, its rotating token expiring in a minute (inside the
    two-hour refresh margin, so the next use refreshes it)."""
    assert clients.store is not None
    clients.store.save(
        Installation(
            app_id="A000APP01",
            team_id=TEAM,
            team_name="Rotating",
            user_id="U000ADMIN",
            bot_id=f"B{TEAM}",
            bot_user_id=f"U{TEAM}BOT",
            bot_token=OLD_TOKEN,
            bot_refresh_token=OLD_REFRESH,
            bot_token_expires_in=60,
            bot_scopes=list(team_clients.BOT_SCOPES),
        )
    )


def race(calls: list[Callable[[], str | None]]) -> list[str | None]:
    """Run the calls at the same moment in threads; what each returned (or its error)."""
    start = threading.Barrier(len(calls))
    got: list[str | None] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            got[i] = calls[i]()
        except Exception as exc:  # the racer that lost the refresh token
            got[i] = f"error: {type(exc).__name__}"

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return got


def refreshes(slack: FakeSlack) -> list[str]:
    return [
        str(c.body.get("refresh_token"))
        for c in slack.of("oauth.v2.access")
        if c.body.get("grant_type") == "refresh_token"
    ]


def stored_token(clients: TeamClients) -> str | None:
    assert clients.store is not None
    found = clients.store.find_installation(enterprise_id=None, team_id=TEAM)
    return None if found is None else found.bot_token


@pytest.mark.postgres
def test_two_replicas_refreshing_one_workspace_at_once_refresh_it_once(
    pg_database: str, slack: FakeSlack
) -> None:
    migrate(pg_database)
    first, second = replica(pg_database, slack), replica(pg_database, slack)
    install_expiring(first)
    try:
        got = race([lambda: first.token_for(TEAM), lambda: second.token_for(TEAM)])
        # one oauth.v2.access, with the stored refresh token; the other replica waited on the
        # workspace's lock, read the installation again and found the new token
        assert refreshes(slack) == [OLD_REFRESH]
        assert got == [NEW_TOKEN, NEW_TOKEN]
        assert stored_token(first) == stored_token(second) == NEW_TOKEN
        assert first.token_for(TEAM) == NEW_TOKEN  # fresh for 12 hours: no refresh now
        assert len(refreshes(slack)) == 1
    finally:
        first.engine.dispose()
        second.engine.dispose()


@pytest.mark.postgres
def test_a_request_and_a_scheduled_post_on_two_replicas_refresh_once(
    pg_database: str, slack: FakeSlack
) -> None:
    """Bolt's authorize step (a request on one replica) and a digest (scheduled work on the
    other) need the token together: still one refresh."""
    migrate(pg_database)
    first, second = replica(pg_database, slack), replica(pg_database, slack)
    install_expiring(first)
    client = make_client(None, slack.api_url)
    authorize = first.authorize(client)

    def by_request() -> str | None:
        context = BoltContext(client=client)  # as Bolt gives it: auth.test goes to the fake
        result = authorize(context=context, enterprise_id=None, team_id=TEAM, user_id="U000USER1")
        return None if result is None else result.bot_token

    try:
        got = race([by_request, lambda: second.token_for(TEAM)])
        assert refreshes(slack) == [OLD_REFRESH]
        assert got == [NEW_TOKEN, NEW_TOKEN]
        assert stored_token(second) == NEW_TOKEN
    finally:
        first.engine.dispose()
        second.engine.dispose()


@pytest.mark.postgres
def test_without_the_lock_across_replicas_the_second_refresh_fails(
    pg_database: str, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hazard the lock prevents, shown: each replica refreshes with the same refresh
    token, Slack refuses the second (invalid_refresh_token), and that replica has no token."""
    monkeypatch.setattr(team_clients, "across_replicas", lambda engine, name: nullcontext())
    migrate(pg_database)
    first, second = replica(pg_database, slack), replica(pg_database, slack)
    install_expiring(first)
    try:
        got = race([lambda: first.token_for(TEAM), lambda: second.token_for(TEAM)])
        assert refreshes(slack) == [OLD_REFRESH, OLD_REFRESH]
        assert sorted(str(g) for g in got) == ["error: NotInstalled", NEW_TOKEN]
    finally:
        first.engine.dispose()
        second.engine.dispose()


def test_threads_of_one_process_on_sqlite_refresh_once(tmp_path: Path, slack: FakeSlack) -> None:
    url = f"sqlite:///{tmp_path / 'kpibot.db'}"
    migrate(url)
    clients = replica(url, slack)
    install_expiring(clients)
    try:
        got = race([lambda: clients.token_for(TEAM) for _ in range(4)])
        assert refreshes(slack) == [OLD_REFRESH]
        assert got == [NEW_TOKEN] * 4
    finally:
        clients.engine.dispose()
