"""`make bench`: the figures each issue names, written to bench/RESULTS.md.

Every section prints its numbers and its goal. Run from the repository root.
`python -m bench.run --only scale --rows 1000000,10000000` runs one section (here at two
sizes; `--only scale-import` its imports alone; `--only replicas` the two-replica load test
at those sizes; `--only targets` the 1,000-target check at those sizes); without --only
every section runs. A section run alone writes bench/out/RESULTS-<section>.md instead of
replacing bench/RESULTS.md.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import replicas_bench, scale, sections, sync_bench, targets_bench, unusual_bench
from bench.abuse import abuse

OUT = Path("bench/out")
RESULTS = Path("bench/RESULTS.md")


def main() -> int:
    args = sys.argv[1:]
    out, results = OUT, RESULTS
    if "--small" in args:  # a smoke run on tiny data; does not touch RESULTS.md
        args.remove("--small")
        sections.SCALE = (50, 30)
        sync_bench.SCALE = (20, 120)
        unusual_bench.CAMPAIGNS = 3
        scale.ROWS = [30_000]  # 10 days of the 1,000 campaigns × 3 platforms
        targets_bench.ROWS, targets_bench.TARGETS = [30_000], 100
        out, results = OUT / "small", OUT / "small" / "RESULTS.md"
    out.mkdir(parents=True, exist_ok=True)
    if "--rows" in args:  # the sizes of the scale section (issue 12), e.g. 1000000,10000000
        at = args.index("--rows")
        scale.ROWS = targets_bench.ROWS = [int(n) for n in args[at + 1].split(",")]
        del args[at : at + 2]
    only = {a for a in args if a != "--only"}
    if only and results == RESULTS:
        results = out / f"RESULTS-{'-'.join(sorted(only))}.md"
    parts: list[tuple[str, Callable[[Path], list[str]]]] = [
        ("import", sections.import_speed),
        ("meta", sections.meta_import_speed),
        ("latency", sections.reply_latency),
        ("digest", sections.digest_speed),
        ("abuse", abuse),
        ("scale", scale.scale),
        ("scale-import", scale.scale_import),
        ("replicas", replicas_bench.replicas),
        ("sync", sync_bench.sync_speed),
        ("unusual", unusual_bench.unusual_backtest),
        ("targets", targets_bench.targets),
    ]
    lines = [
        "# Benchmark results",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()} (`make bench`).",
        "",
    ]
    for name, section in parts:
        if only and name not in only:
            continue
        started = time.perf_counter()
        sys.stdout.write(f"== {name}\n")
        sys.stdout.flush()
        try:
            body = section(out)
        except Exception as exc:  # a broken section must not hide the others' figures
            body = [f"**failed**: {type(exc).__name__}: {exc}", ""]
        lines += body
        sys.stdout.write("\n".join(body) + f"\n({time.perf_counter() - started:.0f} s)\n")
    results.write_text("\n".join(lines) + "\n")
    sys.stdout.write(f"written to {results}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
