"""The benchmark sections. Each returns Markdown lines for bench/RESULTS.md."""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import time
from pathlib import Path

from bench.data import canonical_csv, meta_csv

TEAM = "TBENCH001"
#: (campaigns, days) x 3 platforms; `python -m bench.run --small` shrinks it for a smoke run.
SCALE = (1000, 334)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _services(db: Path):  # type: ignore[no-untyped-def]
    from bot.features import FEATURES
    from bot.services import Services
    from bot.settings import Settings

    if db.exists():
        db.unlink()
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    return Services.open(Settings(database_url=f"sqlite:///{db}"), FEATURES)


def _floor(out: Path, csv_path: Path) -> tuple[int, float]:
    """Plain sqlite3 executemany of ready-made tuples into the same table, one transaction."""
    import csv

    services = _services(out / "floor.db")
    services.repo.ensure_workspace(TEAM)
    with csv_path.open() as f:
        reader = csv.reader(f)
        header = next(reader)
        raw = list(reader)
    slugs = sorted({r[1] for r in raw})
    ids = {slug: services.repo.ensure_campaign(TEAM, slug).id for slug in slugs}
    services.engine.dispose()
    counters = header[3:]
    rows = [(ids[r[1]], r[0], r[2], *r[3:]) for r in raw]
    del raw
    con = sqlite3.connect(out / "floor.db")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    sql = (
        f"INSERT INTO daily_metrics (campaign_id, day, platform, {', '.join(counters)}) "
        f"VALUES ({', '.join('?' * (3 + len(counters)))})"
    )
    started = time.perf_counter()
    with con:
        con.executemany(sql, rows)
    elapsed = time.perf_counter() - started
    con.close()
    return len(rows), elapsed


def import_speed(out: Path) -> list[str]:
    from bot.imports.importing import run_import

    csv_path = out / "canonical-1m.csv"
    if not csv_path.exists():
        canonical_csv(csv_path, *SCALE)
    n_floor, floor_s = _floor(out, csv_path)
    services = _services(out / "import.db")
    data = csv_path.read_bytes()
    started = time.perf_counter()
    outcome = run_import(services, TEAM, data)
    ours_s = time.perf_counter() - started
    assert outcome.ok and outcome.stats is not None, "the benchmark file was refused"
    n = outcome.stats.inserted
    started = time.perf_counter()
    again = run_import(services, TEAM, data)
    again_s = time.perf_counter() - started
    assert again.stats is not None and again.stats.inserted == 0
    services.engine.dispose()
    floor_rate, ours_rate = n_floor / floor_s, n / ours_s
    ratio = ours_rate / floor_rate
    return [
        "## Import (issue 2)",
        "",
        f"{n:,} canonical CSV rows (1,000 campaigns × 3 platforms × 334 days), SQLite file, WAL.",
        "",
        "| what | seconds | rows/s |",
        "|---|---:|---:|",
        f"| floor: `sqlite3` executemany of ready tuples, one transaction | {floor_s:.1f} | {floor_rate:,.0f} |",
        f"| `kpibot import` (read, validate every row, upsert) | {ours_s:.1f} | {ours_rate:,.0f} |",
        f"| same file again (all updates, nothing doubled) | {again_s:.1f} | {n / again_s:,.0f} |",
        "",
        f"Import runs at **{ratio:.0%} of the floor's rate** (goal: at least 50 %): "
        f"{'met' if ratio >= 0.5 else 'NOT met'}.",
        "",
    ]


def meta_import_speed(out: Path) -> list[str]:
    from bot.imports.importing import run_import

    path = out / "meta-nl-1m.csv"
    if not path.exists():
        meta_csv(path, *SCALE)
    canonical = out / "canonical-1m.csv"
    if not canonical.exists():
        canonical_csv(canonical, *SCALE)
    rates = {}
    for name, file in (("canonical", canonical), ("meta", path)):
        services = _services(out / f"meta-{name}.db")
        data = file.read_bytes()
        started = time.perf_counter()
        outcome = run_import(services, TEAM, data)
        elapsed = time.perf_counter() - started
        assert outcome.ok and outcome.stats is not None, outcome.parsed.problems[:3]
        rates[name] = (outcome.stats.inserted, elapsed)
        services.engine.dispose()
    (n_c, s_c), (n_m, s_m) = rates["canonical"], rates["meta"]
    return [
        "## Meta export import (issue 3)",
        "",
        f"{n_m:,} rows of a Dutch Meta Ads Manager export (BOM, `;`, decimal commas, a derived "
        "CPM column to ignore) against the canonical CSV of the same numbers.",
        "",
        "| file | seconds | rows/s |",
        "|---|---:|---:|",
        f"| canonical CSV | {s_c:.1f} | {n_c / s_c:,.0f} |",
        f"| Meta export (nl) | {s_m:.1f} | {n_m / s_m:,.0f} |",
        "",
        f"The Meta import runs at {(n_m / s_m) / (n_c / s_c):.0%} of the canonical import's rate.",
        "",
    ]


def _rss_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reply_latency(out: Path, requests: int = 300) -> list[str]:
    from tests.e2e.fake_slack import FakeSlack
    from tests.e2e.harness import env_for, start_server

    db = out / "import.db"
    if not db.exists():
        import_speed(out)
    served = out / "serve.db"
    shutil.copy(db, served)
    for extra in ("-wal", "-shm"):
        if Path(f"{db}{extra}").exists():
            shutil.copy(f"{db}{extra}", f"{served}{extra}")
    slack = FakeSlack(team_id=TEAM).start()
    env = env_for(
        f"sqlite:///{served}", slack.api_url, KPIBOT_TODAY="2026-10-31", KPIBOT_LOG_LEVEL="WARNING"
    )
    server = start_server(env, out / "serve.log", "--no-scheduler")
    commands = [
        "roi {c}",
        "cpa {c} last month",
        "engagement {c} 2026-Q3",
        "ctr {c} last week on instagram",
    ]
    latencies = []
    try:
        for i in range(requests):
            campaign = f"campaign-{(i * 37) % SCALE[0]:04d}"
            text = commands[i % len(commands)].format(c=campaign)
            before = len(slack.of("response"))
            sent = time.time()
            status, _, _ = server.slash(text, slack.response_url(), team_id=TEAM)
            assert status == 200
            call = slack.wait_for("response", before + 1, timeout=30)[before]
            assert "error" not in str(call.body.get("text", "")).lower(), call.body
            latencies.append((call.at - sent) * 1000)
        rss = _rss_peak_mb(server.proc.pid)
    finally:
        server.stop()
        slack.stop()

    # The same aggregate as hand-written SQL, straight on sqlite3.
    con = sqlite3.connect(served)
    sql_ms = []
    for i in range(requests):
        cid = (i * 37) % SCALE[0] + 1
        started = time.perf_counter()
        con.execute(
            "SELECT SUM(revenue), SUM(spend), SUM(impressions), SUM(clicks), SUM(reach) "
            "FROM daily_metrics WHERE campaign_id = ? AND day BETWEEN ? AND ?",
            (cid, "2025-12-01", "2026-10-30"),
        ).fetchone()
        sql_ms.append((time.perf_counter() - started) * 1000)
    con.close()
    p50, p95 = statistics.median(latencies), _pct(latencies, 0.95)
    return [
        "## `/kpi` reply latency and memory (issue 2)",
        "",
        f"{requests} signed slash commands over HTTP to `kpibot serve` (waitress) on the 1,000,000-row "
        "SQLite database, one at a time, mixing ROI to date, CPA last month, engagement over a "
        "quarter and CTR on one platform. Latency = request sent → reply received at the fake "
        "response_url (includes the ack, two period totals, the platform split, rendering).",
        "",
        "| what | p50 ms | p95 ms |",
        "|---|---:|---:|",
        f"| `/kpi` reply over HTTP | {p50:.1f} | {p95:.1f} |",
        f"| the same aggregate as hand-written SQL (one SUM query) | {statistics.median(sql_ms):.2f} | {_pct(sql_ms, 0.95):.2f} |",
        "",
        f"Reply p95 **{p95:.0f} ms** (goal under 200 ms): {'met' if p95 < 200 else 'NOT met'}. "
        f"Peak RSS of `kpibot serve`: **{rss:.0f} MB** (goal under 300 MB): "
        f"{'met' if rss < 300 else 'NOT met'}.",
        "",
    ]


def digest_speed(out: Path) -> list[str]:
    try:
        from bench.digest_bench import run
    except ImportError:
        return ["## Digest (issue 5)", "", "Not built yet.", ""]
    return run(out)
