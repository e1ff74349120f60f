"""Migrations convert existing databases: rows written under an older schema keep their
values, and afterwards the database holds what the newest models promise."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine

from storage.campaigns.records import MetricRow
from storage.db import alembic_config, migrate
from storage.repository import Repository

DAY = dt.date(2026, 11, 2)


def _at(engine: Engine, revision: str) -> None:
    command.upgrade(alembic_config(engine), revision)


def test_whole_conversions_survive_the_move_to_fractional_counts(empty_engine: Engine) -> None:
    _at(empty_engine, "0001")
    with empty_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
                "VALUES ('T1', 'en', 'EUR', 'UTC', :now)"
            ),
            {"now": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO campaigns (id, team_id, slug, name, created_at) "
                "VALUES (1, 'T1', 'old', 'Old', :now)"
            ),
            {"now": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO daily_metrics (campaign_id, day, platform, conversions, leads, "
                "clicks, spend) VALUES (1, :d, 'google', 7, 3, 120, 50.5)"
            ),
            {"d": DAY},
        )
    migrate(empty_engine)  # to the newest revision

    totals = Repository(empty_engine).totals("T1", None, DAY, DAY)
    assert totals.get("conversions") == 7
    assert totals.get("leads") == 3
    assert totals.get("clicks") == 120
    assert totals.get("spend") == 50.5


def test_fractional_conversions_are_kept_and_summed_exactly(empty_engine: Engine) -> None:
    migrate(empty_engine)
    repo = Repository(empty_engine)
    # Google Ads data-driven attribution: 8.17 + 0.15 conversions, 2.5 + 0.25 leads.
    nxt = DAY + dt.timedelta(1)
    rows = [
        MetricRow(2, "brand", DAY, "google", {"conversions": 8.17, "leads": 2.5, "spend": 100.0}),
        MetricRow(3, "brand", nxt, "google", {"conversions": 0.15, "leads": 0.25, "spend": 4.0}),
    ]
    repo.upsert_metrics("T1", rows)
    totals = repo.totals("T1", None, DAY, DAY + dt.timedelta(1))
    assert round(totals.get("conversions") or 0, 9) == 8.32
    assert round(totals.get("leads") or 0, 9) == 2.75
    # Each day on its own keeps its decimals, not rounded to whole conversions.
    assert repo.totals("T1", None, DAY, DAY).get("conversions") == 8.17
    assert repo.totals("T1", None, nxt, nxt).get("conversions") == 0.15


def _old_rows(engine: Engine) -> None:
    """A workspace (default EUR) with a campaign holding spend, one holding only clicks and
    one with a cost booked, written under revision 0002 (no currency on any campaign)."""
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
                "VALUES ('T1', 'en', 'EUR', 'UTC', :now)"
            ),
            {"now": now},
        )
        for cid, slug in ((1, "spend"), (2, "clicks"), (3, "costs")):
            conn.execute(
                text(
                    "INSERT INTO campaigns (id, team_id, slug, name, created_at) "
                    "VALUES (:id, 'T1', :slug, :slug, :now)"
                ),
                {"id": cid, "slug": slug, "now": now},
            )
        conn.execute(
            text(
                "INSERT INTO daily_metrics (campaign_id, day, platform, spend) "
                "VALUES (1, :d, 'facebook', 10), (3, :d, 'facebook', NULL)"
            ),
            {"d": DAY},
        )
        conn.execute(
            text(
                "INSERT INTO daily_metrics (campaign_id, day, platform, clicks) "
                "VALUES (2, :d, 'facebook', 5)"
            ),
            {"d": DAY},
        )
        conn.execute(
            text(
                "INSERT INTO costs (campaign_id, day, category, amount, created_at) "
                "VALUES (3, :d, 'tools', 20, :now)"
            ),
            {"d": DAY, "now": now},
        )


def test_campaigns_holding_money_keep_the_default_they_were_shown_in(
    empty_engine: Engine,
) -> None:
    _at(empty_engine, "0002")
    _old_rows(empty_engine)
    migrate(empty_engine)
    repo = Repository(empty_engine)
    currencies = {c.slug: c.currency for c in repo.list_campaigns("T1")}
    assert currencies == {"spend": "EUR", "clicks": None, "costs": "EUR"}
    # Changing the default afterwards relabels nothing that holds money.
    repo.update_workspace("T1", currency="USD")
    groups = repo.currency_groups("T1", None)
    assert groups == {"EUR": [1, 3], "USD": [2]}


def test_platform_campaigns_of_a_lone_connection_are_marked_as_its(empty_engine: Engine) -> None:
    _at(empty_engine, "0012")
    now = {"now": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)}
    with empty_engine.begin() as conn:
        for team in ("T1", "T2"):
            conn.execute(text(
                "INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
                f"VALUES ('{team}', 'en', 'EUR', 'UTC', :now)"
            ), now)  # fmt: skip
        conn.execute(text(
            "INSERT INTO campaigns (id, team_id, slug, name, created_at) VALUES "
            "(1, 'T1', 'a', 'A', :now), (2, 'T2', 'b', 'B', :now), (3, 'T2', 'c', 'C', :now)"
        ), now)  # fmt: skip
        # T1 has one Meta connection; T2 two, so which one reported an id is not known.
        conn.execute(text(
            "INSERT INTO connections (id, team_id, platform, account_id, secret, created_at) "
            "VALUES (7, 'T1', 'meta', 'act_1', 's', :now), (8, 'T2', 'meta', 'act_2', 's', :now),"
            " (9, 'T2', 'meta', 'act_3', 's', :now)"
        ), now)  # fmt: skip
        conn.execute(text(
            "INSERT INTO platform_campaigns (team_id, platform, external_id, campaign_id) "
            "VALUES ('T1', 'meta', '100', 1), ('T2', 'meta', '200', 2), ('T2', 'meta', '300', 3)"
        ))  # fmt: skip
    migrate(empty_engine)
    with empty_engine.connect() as conn:
        found = conn.execute(text(
            "SELECT external_id, connection_id FROM platform_campaigns ORDER BY external_id"
        )).all()  # fmt: skip
    assert [tuple(r) for r in found] == [("100", 7), ("200", None), ("300", None)]


def test_web_clicks_become_sessions_in_rows_and_summaries(empty_engine: Engine) -> None:
    _at(empty_engine, "0008")  # 0009 then sums them into summaries
    now = {"now": dt.datetime(2026, 11, 1, tzinfo=dt.UTC)}
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
            "VALUES ('T1', 'en', 'EUR', 'UTC', :now)"
        ), now)  # fmt: skip
        conn.execute(text(
            "INSERT INTO campaigns (id, team_id, slug, name, created_at) "
            "VALUES (1, 'T1', 'a', 'A', :now)"
        ), now)  # fmt: skip
        conn.execute(text(
            "INSERT INTO daily_metrics (campaign_id, day, platform, clicks, conversions) VALUES "
            "(1, :d, 'web', 420, 12), (1, :e, 'web', 380, 9.5), (1, :d, 'google', 90, 2)"
        ), {"d": DAY, "e": DAY + dt.timedelta(days=1)})  # fmt: skip
    migrate(empty_engine)
    repo = Repository(empty_engine)
    web = repo.totals("T1", None, DAY, DAY + dt.timedelta(days=1), platform="web")
    assert (web.get("sessions"), web.get("clicks"), web.get("conversions")) == (800, None, 21.5)
    # November as a whole reads the month's summary: 800 sessions, 90 clicks (Google's only)
    month = repo.totals("T1", None, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (month.get("sessions"), month.get("clicks")) == (800, 90)
