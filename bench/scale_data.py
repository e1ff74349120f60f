"""Ten million rows, fast: the benchmark database is filled in the database itself (one
INSERT … SELECT over campaigns × days × platforms: a recursive CTE on SQLite,
generate_series on PostgreSQL), never row by row through the app, then summed into the
summaries the way migration 0006 does. 1,000 campaigns × 3 platforms; `rows` decides the
days (334 for 1M, 3,334 for 10M), ending the day before `LAST`."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from bench.data import COLUMNS, PLATFORMS

TEAM = "TBENCH001"
CAMPAIGNS = 1000
LAST = dt.date(2026, 10, 30)  # the bench serves with KPIBOT_TODAY=2026-10-31
#: (counter, expression of `base`) as in bench.data.canonical_csv.
VALUES = {
    "impressions": "{b}", "reach": "{b} * 3 / 5", "likes": "{b} / 40", "comments": "{b} / 300",
    "shares": "{b} / 500", "clicks": "{b} / 60", "conversions": "{b} / 900",
    "revenue": "ROUND({b} * 0.05, 2)", "spend": "ROUND({b} * 0.012, 2)",
}  # fmt: skip
assert tuple(VALUES) == COLUMNS


def days_for(rows: int) -> int:
    return max(1, rows // (CAMPAIGNS * len(PLATFORMS)))


def first_day(rows: int) -> dt.date:
    return LAST - dt.timedelta(days=days_for(rows) - 1)


def fresh_database(url: str, name: str) -> str:
    """A new PostgreSQL database next to `url`'s (dropped first if left over); its URL."""
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    name = make_url(url).database
    admin = sa.create_engine(url.replace(f"/{name}", "/postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def scratch_name(label: str) -> str:
    return f"kpibot_bench_{label}_{uuid.uuid4().hex[:6]}"


def _rows_sql(dialect: str, rows: int) -> str:
    days = days_for(rows)
    start = first_day(rows).isoformat()
    platforms = " UNION ALL ".join(
        f"SELECT '{name}' AS name, {i} AS i" for i, name in enumerate(PLATFORMS)
    )
    base = "(1000 + ((c.id - 1) * 7 + d.n * 13 + p.i * 17) % 5000)"
    values = ", ".join(v.format(b=base) for v in VALUES.values())
    columns = ", ".join(VALUES)
    if dialect == "sqlite":
        head = (
            f"WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < {days - 1}) "
        )
        day = f"date('{start}', '+' || d.n || ' days')"
        series = "d"
    else:
        head = ""
        day = f"DATE '{start}' + d.n"
        series = f"generate_series(0, {days - 1}) AS d(n)"
    return (
        f"{head}INSERT INTO daily_metrics (campaign_id, day, platform, {columns}) "
        f"SELECT c.id, {day}, p.name, {values} "
        f"FROM campaigns c CROSS JOIN {series} CROSS JOIN ({platforms}) p "
        f"WHERE c.team_id = '{TEAM}' ORDER BY c.id, d.n, p.i"
    )


def fill(engine: Engine, rows: int) -> dict[str, float]:
    """Workspace, campaigns, `rows` daily rows and their summaries; seconds per step."""
    from storage.campaigns import summaries

    seconds: dict[str, float] = {}
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO workspaces (team_id, name, locale, currency, timezone, created_at) "
                "VALUES (:t, 'Bench', 'en', 'EUR', 'UTC', :now)"
            ),
            {"t": TEAM, "now": dt.datetime.now(dt.UTC)},
        )
        conn.execute(
            sa.text(
                "INSERT INTO campaigns (id, team_id, slug, name, created_at) "
                "VALUES (:id, :t, :slug, :name, :now)"
            ),
            [
                {"id": c + 1, "t": TEAM, "slug": f"campaign-{c:04d}",
                 "name": f"Campaign {c:04d}", "now": dt.datetime.now(dt.UTC)}
                for c in range(CAMPAIGNS)
            ],
        )  # fmt: skip
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(sa.text(_rows_sql(engine.dialect.name, rows)))
    seconds["rows"] = time.perf_counter() - started
    started = time.perf_counter()
    with engine.begin() as conn:
        summaries.refresh_all(conn)
    seconds["summaries"] = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("ANALYZE"))
    return seconds


def add_targets(engine: Engine, count: int = 20) -> None:
    """`count` targets: half over all campaigns, half over one campaign each."""
    from storage.targets.repo import TargetRepository

    targets = TargetRepository(engine)
    for i in range(count):
        targets.add_target(
            TEAM,
            campaign_id=None if i % 2 == 0 else i * 37 % CAMPAIGNS + 1,
            kpi=("roi", "ctr", "cpa", "engagement")[i % 4],
            op=">=" if i % 4 != 2 else "<=",
            value=1.0 + i,
            deadline=dt.date(2026, 12, 31),
            channel_id="C0BENCH",
            window_days=7 + i,
        )
