"""Issue 12, "1,000 targets checked in under 10 s": one alert-check tick (`check_targets`, what
the scheduler's leader runs) over 1,000 targets on a generated workspace (bench.scale_data:
1,000 campaigns × 3 platforms), and the `/kpi targets` reply over HTTP to `kpibot serve`,
against a floor measured in the same run: one grouped SUM over every daily row.

`python -m bench.run --only targets --rows 1000000` runs this section alone (SQLite, and
PostgreSQL when KPIBOT_BENCH_POSTGRES_URL or KPIBOT_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench import scale_data
from bench.scale import pg_url
from bench.scale_data import CAMPAIGNS, TEAM

ROWS = [1_000_000]
TARGETS = 1000
#: Campaigns added without any data (targets on them stay "insufficient").
EMPTY = 25
TODAY = dt.date(2026, 10, 31)
NOW = dt.datetime(2026, 10, 31, 12, 0, tzinfo=dt.UTC)
REPLIES = 10
GOAL_TICK_S, GOAL_REPLY_MS = 10.0, 200.0
#: (kpi, op, a value around what the generated data gives: per day for a sum)
KINDS: tuple[tuple[str, str, float], ...] = (
    ("ctr", ">=", 1.67),
    ("cpa", "<=", 10.8),
    ("roi", ">=", 316.0),
    ("engagement_rate", ">=", 7.8),
    ("conversions", ">=", 11.0),
    ("spend", "<=", 126.0),
    ("reach", ">=", 6300.0),
    ("clicks", ">=", 175.0),
    ("cpc", "<=", 0.72),
    ("frequency", ">=", 1.67),
)
DEADLINES = (dt.date(2026, 10, 15), dt.date(2026, 11, 30), dt.date(2026, 12, 31),
             dt.date(2027, 3, 31))  # fmt: skip


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def add_targets(engine: sa.Engine, count: int = TARGETS) -> None:
    """`count` targets over different campaigns, KPIs, windows and deadlines: one in 50 over
    all campaigns, one in 40 on a campaign without data, a tenth past their deadline; values
    around what the data gives (some met, some not); set on different days of October."""
    from storage.targets.repo import TargetRepository

    targets = TargetRepository(engine)
    # with ids of their own, as bench.scale_data's (PostgreSQL's sequence never moved)
    empty = [CAMPAIGNS + 1 + e for e in range(EMPTY)]
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO campaigns (id, team_id, slug, name, created_at) "
                "VALUES (:id, :t, :slug, :slug, :now)"
            ),
            [{"id": cid, "t": TEAM, "slug": f"empty-{cid:04d}", "now": NOW} for cid in empty],
        )
    for i in range(count):
        kpi, op, typical = KINDS[i % len(KINDS)]
        deadline = DEADLINES[i % len(DEADLINES)]
        campaign: int | None = i * 7 % CAMPAIGNS + 1
        if i % 50 == 0:
            campaign = None
        elif i % 40 == 1:
            campaign = empty[i % EMPTY]
        factor = (0.6, 0.95, 1.05, 1.6)[i * 3 % 4]
        value = typical * factor
        if kpi in ("conversions", "spend", "reach", "clicks"):  # a total by the deadline
            value *= (deadline - dt.date(2026, 10, 1)).days * (CAMPAIGNS if campaign is None else 1)
        target = targets.add_target(
            TEAM, campaign_id=campaign, kpi=kpi, op=op, value=round(value, 2),
            deadline=deadline, channel_id=f"C{i:05d}", window_days=(7, 14, 28)[i % 3],
        )  # fmt: skip
        created = dt.datetime(2026, 10, 1 + i % 20, 9, tzinfo=dt.UTC)
        with engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE targets SET created_at = :at WHERE id = :id"),
                {"at": created, "id": target.id},
            )


def floor_seconds(engine: sa.Engine) -> float:
    """One grouped SUM over every daily row (campaign × platform): the floor."""
    columns = ", ".join(f"SUM({c})" for c in scale_data.VALUES)
    query = sa.text(
        f"SELECT campaign_id, platform, {columns} FROM daily_metrics GROUP BY campaign_id, platform"
    )
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with engine.connect() as conn:
            found = conn.execute(query).all()
        best = min(best, time.perf_counter() - started)
    assert len(found) == CAMPAIGNS * 3
    return best


def _ticks(url: str, api_url: str) -> list[tuple[float, Any]]:
    """Two ticks as the leader runs them: the first (every target new: states claimed,
    alerts posted to the fake Slack), then one with nothing changed."""
    from bot.alerts.checker import check_targets
    from bot.features import FEATURES
    from bot.services import Services
    from bot.settings import Settings

    settings = Settings(database_url=url, bot_token="xoxb-bench-not-real", api_url=api_url,
                        today=TODAY)  # fmt: skip
    services = Services.open(settings, FEATURES, run_migrations=False)
    found = []
    try:
        for _ in range(2):
            started = time.perf_counter()
            report = check_targets(services, TEAM, now=NOW)
            found.append((time.perf_counter() - started, report))
    finally:
        services.engine.dispose()
    return found


def _replies(url: str, out: Path, label: str, slack: Any, count: int) -> list[float]:
    from tests.e2e.harness import env_for, start_server

    env = env_for(url, slack.api_url, KPIBOT_TODAY=TODAY.isoformat(), KPIBOT_LOG_LEVEL="WARNING")
    server = start_server(env, out / f"targets-serve-{label}.log", "--no-scheduler")
    found = []
    try:
        for _ in range(count):
            before = len(slack.of("response"))
            sent = time.time()
            status, _, _ = server.slash("targets", slack.response_url(), team_id=TEAM)
            assert status == 200
            call = slack.wait_for("response", before + 1, timeout=600)[before]
            text = str(call.body)
            assert "went wrong" not in text and "Traceback" not in text, call.body
            found.append((call.at - sent) * 1000)
    finally:
        server.stop()
    return found


def _backend(out: Path, rows: int, dialect: str) -> list[str]:
    from storage.db import make_engine, migrate
    from tests.e2e.fake_slack import FakeSlack

    if dialect == "sqlite":
        db = out / f"targets-{rows}.db"
        for extra in ("", "-wal", "-shm"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    else:
        server = pg_url()
        assert server is not None
        url = scale_data.fresh_database(server, scale_data.scratch_name(f"t{rows}"))
    slack = FakeSlack(team_id=TEAM).start()
    try:
        engine = make_engine(url)
        migrate(engine)
        scale_data.fill(engine, rows)
        add_targets(engine)
        floor = floor_seconds(engine)
        engine.dispose()
        cold = _replies(url, out, f"{dialect}-{rows}-cold", slack, 1)
        (first, report), (steady, again) = _ticks(url, slack.api_url)
        posts = len(slack.of("chat.postMessage"))
        warm = _replies(url, out, f"{dialect}-{rows}", slack, REPLIES)
    finally:
        slack.stop()
        if dialect != "sqlite":
            scale_data.drop_database(url)
    assert not report.failed and not again.failed, (report.failed, again.failed)
    assert again.posted == 0 and posts == report.posted, (again, posts)
    p95 = _pct(warm, 0.95)
    return [
        f"### {dialect}, {rows:,} rows, {TARGETS:,} targets",
        "",
        f"Floor (one grouped SUM over all {rows:,} rows by campaign × platform, best of 3): "
        f"**{floor * 1000:.0f} ms**.",
        "",
        "| step | time | × floor | goal |",
        "|---|---:|---:|---|",
        f"| first tick: {report.checked} checked, {report.changes} changes claimed, "
        f"{report.posted} alerts posted | {first:.2f} s | {first / floor:.0f} | "
        f"{'met' if first < GOAL_TICK_S else 'NOT met'} (< {GOAL_TICK_S:.0f} s) |",
        f"| next tick: {again.checked} checked, {again.changes} changes | {steady:.2f} s | "
        f"{steady / floor:.0f} | {'met' if steady < GOAL_TICK_S else 'NOT met'} |",
        f"| `/kpi targets` before any check (every target evaluated in the reply) | "
        f"{cold[0]:.0f} ms | {cold[0] / 1000 / floor:.0f} | – |",
        f"| `/kpi targets` after the tick, p50 of {REPLIES} | {statistics.median(warm):.0f} ms | "
        f"{statistics.median(warm) / 1000 / floor:.1f} | – |",
        f"| `/kpi targets` after the tick, p95 of {REPLIES} | {p95:.0f} ms | "
        f"{p95 / 1000 / floor:.1f} | {'met' if p95 < GOAL_REPLY_MS else 'NOT met'} "
        f"(< {GOAL_REPLY_MS:.0f} ms) |",
        "",
    ]


def targets(out: Path) -> list[str]:
    load = os.getloadavg()
    lines = [
        "## 1,000 targets checked (issue 12)",
        "",
        f"{CAMPAIGNS:,} campaigns × 3 platforms (bench.scale_data) plus {EMPTY} campaigns "
        f"without data; {TARGETS:,} targets ({len(KINDS)} KPIs, windows 7/14/28 days, "
        "deadlines past and future, 1 in 50 over all campaigns, 1 in 40 on a campaign "
        f"without data), each in its own channel; today {TODAY}. A tick is `check_targets` "
        "(what the scheduler's leader runs), in this process, posting to a fake Slack Web "
        "API over loopback; the replies are signed slash commands to `kpibot serve`. "
        f"Load average at the start: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
        f"({os.cpu_count()} cores).",
        "",
    ]
    dialects = ["sqlite"] + (["postgresql"] if pg_url() else [])
    for rows in ROWS:
        for dialect in dialects:
            started = time.perf_counter()
            try:
                lines += _backend(out, rows, dialect)
            except Exception as exc:  # one failed step must not hide the others' figures
                lines += [f"**{dialect} {rows} failed**: {type(exc).__name__}: {exc}", ""]
            lines += [f"({dialect} {rows}: {time.perf_counter() - started:.0f} s)", ""]
    load = os.getloadavg()
    lines += [f"Load average at the end: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.", ""]
    return lines
