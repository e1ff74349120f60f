"""Issue 12, "ten million rows, answered at once": every kind of /kpi reply over HTTP to
`kpibot serve` on a generated database (SQLite and PostgreSQL), p95 against 200 ms, the
server's peak RSS against 300 MB, and the import against its floor (bench/scale_import.py).

`python -m bench.run --only scale --rows 1000000` runs this section alone; PostgreSQL is
measured when KPIBOT_BENCH_POSTGRES_URL (a server URL; scratch databases are created next
to it and dropped) is set, else KPIBOT_TEST_POSTGRES_URL."""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench import scale_data
from bench.scale_data import CAMPAIGNS, TEAM

ROWS = [1_000_000]
#: Each kind of question; {c} and {d} are two different campaigns.
KINDS: dict[str, str] = {
    "roi one campaign, to date": "roi {c}",
    "roi all, to date": "roi all",
    "cpa all, last month": "cpa all last month",
    "engagement all, a quarter": "engagement all 2026-Q3",
    "ctr all this year on instagram": "ctr all this year on instagram",
    "frequency all (reach), 2025": "frequency all 2025",
    "reach one campaign, last week": "reach {c} last week",
    "report all": "report all",
    "report one campaign, a month": "report {c} 2026-09",
    "compare two, roi last month": "compare {c} {d} roi last month",
    "compare two, to date": "compare {c} {d}",
    "targets (20, half over all)": "targets",
}
PER_KIND = 10
GOAL_MS, GOAL_RSS = 200.0, 300.0


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _rss_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pg_url() -> str | None:
    return os.environ.get("KPIBOT_BENCH_POSTGRES_URL") or os.environ.get("KPIBOT_TEST_POSTGRES_URL")


def _latencies(url: str, out: Path, label: str) -> tuple[dict[str, list[float]], float]:
    from tests.e2e.fake_slack import FakeSlack
    from tests.e2e.harness import env_for, start_server

    slack = FakeSlack(team_id=TEAM).start()
    env = env_for(url, slack.api_url, KPIBOT_TODAY="2026-10-31", KPIBOT_LOG_LEVEL="WARNING")
    server = start_server(env, out / f"serve-{label}.log", "--no-scheduler")
    found: dict[str, list[float]] = {kind: [] for kind in KINDS}
    try:
        for i in range(PER_KIND):
            for kind, command in KINDS.items():
                c = f"campaign-{(i * 37) % CAMPAIGNS:04d}"
                d = f"campaign-{(i * 37 + 500) % CAMPAIGNS:04d}"
                before = len(slack.of("response"))
                sent = time.time()
                status, _, _ = server.slash(command.format(c=c, d=d), slack.response_url(),
                                            team_id=TEAM)  # fmt: skip
                assert status == 200
                call = slack.wait_for("response", before + 1, timeout=120)[before]
                text = str(call.body)
                assert "went wrong" not in text and "Traceback" not in text, call.body
                found[kind].append((call.at - sent) * 1000)
        rss = _rss_peak_mb(server.proc.pid)
    finally:
        server.stop()
        slack.stop()
    return found, rss


def _backend(out: Path, rows: int, dialect: str) -> list[str]:
    from storage.db import make_engine, migrate

    if dialect == "sqlite":
        db = out / f"scale-{rows}.db"
        for extra in ("", "-wal", "-shm"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    else:
        server = pg_url()
        assert server is not None
        url = scale_data.fresh_database(server, scale_data.scratch_name(str(rows)))
    try:
        engine = make_engine(url)
        migrate(engine)
        made = scale_data.fill(engine, rows)
        scale_data.add_targets(engine)
        engine.dispose()
        found, rss = _latencies(url, out, f"{dialect}-{rows}")
    finally:
        if dialect != "sqlite":
            scale_data.drop_database(url)
    everything = [ms for values in found.values() for ms in values]
    worst = max(_pct(values, 0.95) for values in found.values())
    lines = [
        f"### {dialect}, {rows:,} rows",
        "",
        f"Generated in the database: rows {made['rows']:.0f} s, summaries {made['summaries']:.0f} s.",
        "",
        "| question | p50 ms | p95 ms | goal |",
        "|---|---:|---:|---|",
    ]
    for kind, values in found.items():
        p95 = _pct(values, 0.95)
        verdict = "met" if p95 < GOAL_MS else "NOT met"
        lines.append(f"| `/kpi {KINDS[kind]}` ({kind}) | {statistics.median(values):.0f} | "
                     f"{p95:.0f} | {verdict} |")  # fmt: skip
    lines += [
        f"| **all {len(everything)} replies** | {statistics.median(everything):.0f} | "
        f"{_pct(everything, 0.95):.0f} | {'met' if worst < GOAL_MS else 'NOT met'} |",
        "",
        f"Slowest kind p95 **{worst:.0f} ms** (goal under {GOAL_MS:.0f} ms): "
        f"{'met' if worst < GOAL_MS else 'NOT met'}. Peak RSS of `kpibot serve`: "
        f"**{rss:.0f} MB** (goal under {GOAL_RSS:.0f} MB): "
        f"{'met' if rss < GOAL_RSS else 'NOT met'}.",
        "",
    ]
    return lines


def scale(out: Path) -> list[str]:
    from bench.scale_import import import_section

    lines = [
        "## Ten million rows, answered at once (issue 12)",
        "",
        f"{CAMPAIGNS:,} campaigns × 3 platforms × N days ending 2026-10-30, served with "
        "KPIBOT_TODAY=2026-10-31; 20 targets (10 over all campaigns). Every question kind "
        f"asked {PER_KIND} times as a signed slash command over HTTP, one at a time; latency = "
        "request sent → reply received at the fake response_url.",
        "",
    ]
    dialects = ["sqlite"] + (["postgresql"] if pg_url() else [])
    steps: list[tuple[str, Callable[[], list[str]]]] = []
    for rows in ROWS:
        steps += [
            (f"replies {dialect} {rows}", lambda r=rows, d=dialect: _backend(out, r, d))
            for dialect in dialects
        ]
        steps.append((f"import {rows}", lambda r=rows: import_section(out, r, dialects)))
    for name, step in steps:
        started = time.perf_counter()
        try:
            lines += step()
        except Exception as exc:  # one failed step must not hide the others' figures
            lines += [f"**{name} failed**: {type(exc).__name__}: {exc}", ""]
        lines += [f"({name}: {time.perf_counter() - started:.0f} s)", ""]
    if not pg_url():
        lines += ["PostgreSQL not measured: KPIBOT_BENCH_POSTGRES_URL is not set.", ""]
    shutil.rmtree(out / "scale-csv", ignore_errors=True)
    return lines


def scale_import(out: Path) -> list[str]:
    """Only the import part of `scale` (`--only scale-import --rows 1000000,10000000`); the
    generated CSVs stay in bench/out/scale-csv for the next run."""
    from bench.scale_import import import_section

    dialects = ["sqlite"] + (["postgresql"] if pg_url() else [])
    lines = ["## Import at scale (issue 12)", ""]
    for rows in ROWS:
        started = time.perf_counter()
        try:
            lines += import_section(out, rows, dialects, keep=True)
        except Exception as exc:  # one failed size must not hide the others' figures
            lines += [f"**import {rows} failed**: {type(exc).__name__}: {exc}", ""]
        lines += [f"(import {rows}: {time.perf_counter() - started:.0f} s)", ""]
    return lines
