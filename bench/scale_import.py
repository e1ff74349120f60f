"""The canonical CSV import against its floor, each in a process of its own (so its peak RSS
is its own), on the same file in the same run:

- SQLite floor: the CSV parsed by `csv.reader` and inserted with `sqlite3` executemany into
  daily_metrics (same schema, same index) in one transaction, streamed.
- PostgreSQL floor: `COPY` of the same CSV into an equivalent table (the CSV's columns, the
  same unique key).
- PostgreSQL reference (not a floor): the same rows, campaign ids resolved in Python, copied
  straight into daily_metrics — what its foreign key (a check per row) and its two indexes
  cost before any validation, staging or summary.
- ours: `bot.importing.run_import` (read, validate every row, upsert, summaries).

Run as `python -m bench.scale_import floor|table|ours <database url> <csv>`: prints
`rows seconds peak_rss_mb`.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import scale_data
from bench.data import COLUMNS, canonical_csv
from bench.scale_data import CAMPAIGNS, TEAM

GOAL_SQLITE, GOAL_PG, GOAL_RSS = 0.8, 0.5, 1024.0


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _campaigns(url: str) -> None:
    from storage.db import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    from sqlalchemy import text

    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
                "VALUES (:t, 'en', 'EUR', 'UTC', :now)"
            ),
            {"t": TEAM, "now": dt.datetime.now(dt.UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO campaigns (id, team_id, slug, name, created_at) "
                "VALUES (:id, :t, :slug, :slug, :now)"
            ),
            [{"id": c + 1, "t": TEAM, "slug": f"campaign-{c:04d}",
              "now": dt.datetime.now(dt.UTC)} for c in range(CAMPAIGNS)],
        )  # fmt: skip
    engine.dispose()


def floor_sqlite(path: str, csv_path: Path) -> tuple[int, float]:
    import sqlite3

    _campaigns(f"sqlite:///{path}")
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    ids = {f"campaign-{c:04d}": c + 1 for c in range(CAMPAIGNS)}
    sql = (
        f"INSERT INTO daily_metrics (campaign_id, day, platform, {', '.join(COLUMNS)}) "
        f"VALUES ({', '.join('?' * (3 + len(COLUMNS)))})"
    )
    n = 0
    started = time.perf_counter()
    with csv_path.open(newline="") as f, con:
        reader = csv.reader(f)
        next(reader)

        def rows():  # type: ignore[no-untyped-def]
            nonlocal n
            for r in reader:
                n += 1
                yield (ids[r[1]], r[0], r[2], *r[3:])

        con.executemany(sql, rows())
    elapsed = time.perf_counter() - started
    con.close()
    return n, elapsed


def floor_postgres(url: str, csv_path: Path) -> tuple[int, float]:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as con:
        counters = ", ".join(f"{c} NUMERIC(18, 4)" for c in COLUMNS)
        con.execute(
            f"CREATE TABLE floor_metrics (day DATE NOT NULL, campaign VARCHAR(100) NOT NULL, "
            f"platform VARCHAR(30) NOT NULL, {counters}, UNIQUE (campaign, day, platform))"
        )
        con.commit()
        started = time.perf_counter()
        with con.cursor() as cur, csv_path.open("rb") as f:
            copy_sql = "COPY floor_metrics FROM STDIN WITH (FORMAT csv, HEADER true)"
            with cur.copy(copy_sql) as copy:
                while block := f.read(1 << 20):
                    copy.write(block)
            n = cur.rowcount
        con.commit()
        return n, time.perf_counter() - started


def table_postgres(url: str, csv_path: Path) -> tuple[int, float]:
    """The CSV's rows as COPY text with campaign ids (made before the clock starts), copied
    into daily_metrics in one transaction."""
    import psycopg
    from sqlalchemy.engine import make_url

    _campaigns(url)
    ids = {f"campaign-{c:04d}": str(c + 1) for c in range(CAMPAIGNS)}
    with csv_path.open(newline="") as f:
        reader = csv.reader(f)
        next(reader)
        text = "".join("\t".join((ids[r[1]], r[0], *r[2:])) + "\n" for r in reader).encode()
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    columns = ", ".join(("campaign_id", "day", "platform", *COLUMNS))
    with psycopg.connect(plain) as con:
        started = time.perf_counter()
        with con.cursor() as cur:
            with cur.copy(f"COPY daily_metrics ({columns}) FROM STDIN") as copy:
                for at in range(0, len(text), 1 << 20):
                    copy.write(text[at : at + (1 << 20)])
            n = cur.rowcount
        con.commit()
        return n, time.perf_counter() - started


def ours(url: str, csv_path: Path) -> tuple[int, float]:
    from bot.features import FEATURES
    from bot.imports.importing import run_import
    from bot.services import Services
    from bot.settings import Settings

    services = Services.open(Settings(database_url=url), FEATURES)
    services.repo.ensure_workspace(TEAM)
    started = time.perf_counter()
    outcome = run_import(services, TEAM, csv_path)  # streamed, as `kpibot import FILE` does
    elapsed = time.perf_counter() - started
    assert outcome.ok and outcome.stats is not None, outcome.parsed.problems[:3]
    services.engine.dispose()
    return outcome.stats.inserted, elapsed


def _child(kind: str, url: str, csv_path: Path) -> tuple[int, float, float]:
    """Run one measurement in a fresh process; (rows, seconds, peak RSS MB)."""
    env = dict(os.environ, KPIBOT_TODAY="2026-10-31")
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale_import", kind, url, str(csv_path)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed: {done.stderr.strip().splitlines()[-1:]}")
    rows, seconds, rss = done.stdout.split()
    return int(rows), float(seconds), float(rss)


def import_section(out: Path, rows: int, dialects: list[str], *, keep: bool = False) -> list[str]:
    """`keep`: the CSV stays for the next run, which reads it instead of writing it again
    (the file is the same for the same `rows`)."""
    folder = out / "scale-csv"
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"canonical-{rows}.csv"
    started = time.perf_counter()
    days = scale_data.days_for(rows)
    if keep and csv_path.exists():
        n, written = CAMPAIGNS * 3 * days, "kept from an earlier run"
    else:
        n = canonical_csv(csv_path, CAMPAIGNS, days, scale_data.first_day(rows))
        written = f"written in {time.perf_counter() - started:.0f} s"
    lines = [
        f"### Import, {n:,} canonical CSV rows ({csv_path.stat().st_size / 1e6:.0f} MB, {written})",
        "",
        "| database | what | seconds | rows/s | peak RSS MB |",
        "|---|---|---:|---:|---:|",
    ]
    verdicts = []
    reference: list[str] = []  # PostgreSQL's reference row, after its floor and ours
    for dialect in dialects:
        if dialect == "sqlite":
            urls = {k: out / f"import-{k}-{rows}.db" for k in ("floor", "ours")}
            for path in urls.values():
                for extra in ("", "-wal", "-shm"):
                    Path(f"{path}{extra}").unlink(missing_ok=True)
            floor = _child("floor", str(urls["floor"]), csv_path)
            mine = _child("ours", f"sqlite:///{urls['ours']}", csv_path)
            goal, what = GOAL_SQLITE, "csv.reader + sqlite3 executemany, one transaction"
        else:
            server = __import__("bench.scale", fromlist=["pg_url"]).pg_url()
            made_urls = [scale_data.fresh_database(server, scale_data.scratch_name(k))
                         for k in ("floor", "table", "ours")]  # fmt: skip
            try:
                floor = _child("floor", made_urls[0], csv_path)
                table = _child("table", made_urls[1], csv_path)
                mine = _child("ours", made_urls[2], csv_path)
                reference = [f"| {dialect} | reference: the rows COPYed straight into "
                                 f"daily_metrics (its FK and indexes) | {table[1]:.1f} | "
                                 f"{table[0] / table[1]:,.0f} | {table[2]:.0f} |"]  # fmt: skip
            finally:
                for url in made_urls:
                    scale_data.drop_database(url)
            goal, what = GOAL_PG, "COPY into an equivalent table"
        ratio = (mine[0] / mine[1]) / (floor[0] / floor[1])
        for label, (count, seconds, rss) in ((f"floor: {what}", floor), ("`kpibot import`", mine)):
            lines.append(f"| {dialect} | {label} | {seconds:.1f} | {count / seconds:,.0f} | "
                         f"{rss:.0f} |")  # fmt: skip
        lines += reference
        reference = []
        verdicts.append(
            f"{dialect}: import at **{ratio:.2f}×** the floor's rate (goal ≥ {goal}×): "
            f"{'met' if ratio >= goal else 'NOT met'}; peak RSS {mine[2]:.0f} MB "
            f"(goal under {GOAL_RSS:.0f} MB at 10M): {'met' if mine[2] < GOAL_RSS else 'NOT met'}."
        )
    if not keep:
        csv_path.unlink(missing_ok=True)
    return [*lines, "", *verdicts, ""]


def main() -> int:
    kind, url, csv_path = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    if kind == "table":
        rows, seconds = table_postgres(url, csv_path)
    elif kind == "floor":
        rows, seconds = (
            floor_sqlite(url, csv_path) if "/" not in url or url.endswith(".db")
            else floor_postgres(url, csv_path)
        )  # fmt: skip
    else:
        import resource

        # The machine is shared: an import that would outgrow 4 GB fails here instead.
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
        rows, seconds = ours(url, csv_path)
    sys.stdout.write(f"{rows} {seconds:.3f} {_peak_mb():.1f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
