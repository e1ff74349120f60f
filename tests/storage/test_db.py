"""The engine and the migrations: SQLite's pragmas, the schema Alembic builds equals the
models on both databases, and the aggregate query runs over the summaries' and the rows'
(campaign_id, ...) indexes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine

from storage.campaigns.records import MetricRow
from storage.db import current_revision, make_engine, migrate
from storage.models import Base
from storage.repository import Repository

TABLES = {
    "workspaces", "campaigns", "daily_metrics", "costs", "targets", "alert_events",
    "subscriptions", "deliveries", "slack_requests", "metric_summaries", "slack_bots",
    "slack_installations", "slack_oauth_states",
}  # fmt: skip


def test_sqlite_connections_get_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()


def test_migrate_takes_a_url_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    migrate(url)
    migrate(url)  # nothing left to do, no error
    engine = make_engine(url)
    assert current_revision(engine) == _head()
    assert TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()


def _head() -> str:
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    engine = make_engine("sqlite://")
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    engine.dispose()
    assert head is not None
    return head


def test_the_migrated_schema_is_exactly_the_models(engine: Engine) -> None:
    assert TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_foreign_keys_hold(engine: Engine) -> None:
    # A metric row for a campaign that does not exist is refused by the database itself.
    with pytest.raises(Exception, match="(?i)foreign key"), engine.begin() as conn:
        conn.execute(
            text("INSERT INTO daily_metrics (campaign_id, day, platform) VALUES (999, :d, 'x')"),
            {"d": dt.date(2026, 11, 2)},
        )


def _statements_of(engine: Engine, call: Any) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return seen


@pytest.mark.parametrize("scope", ["one campaign", "whole workspace"])
def test_the_totals_query_searches_the_campaign_day_index(
    repo: Repository, engine: Engine, scope: str
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL picks plans by table size")
    rows = [MetricRow(0, f"c{c}", dt.date(2026, 11, d), "facebook", {"clicks": d})
            for c in range(3) for d in range(1, 29)]  # fmt: skip
    repo.upsert_metrics("T1", rows)
    ids = None if scope == "whole workspace" else [repo.list_campaigns("T1")[0].id]
    # A whole month (the summary bucket) and one week of November with a ragged day each side.
    for start, end, tables in (
        (dt.date(2026, 11, 1), dt.date(2026, 11, 30), ["metric_summaries"]),
        (dt.date(2026, 11, 8), dt.date(2026, 11, 16), ["metric_summaries", "daily_metrics"]),
    ):
        issued = _statements_of(engine, lambda s=start, e=end: repo.totals("T1", ids, s, e))
        sums = [(sql, params) for sql, params in issued if "sum(rows.clicks)" in sql]
        assert len(sums) == 1, issued  # one aggregate query, not the rows
        sql, params = sums[0]
        with engine.connect() as conn:
            plan = " | ".join(
                row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
            )
        for table in tables:
            assert f"SEARCH {table} USING INDEX ix_{table}_" in plan, plan
        assert "SCAN daily_metrics" not in plan and "SCAN metric_summaries" not in plan, plan
