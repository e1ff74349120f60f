"""`make bench`: the figures each issue names, written to bench/RESULTS.md.

Every section prints its numbers and its goal. Run from the repository root.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench import sections
from bench.abuse import abuse

OUT = Path("bench/out")
RESULTS = Path("bench/RESULTS.md")


def main() -> int:
    args = sys.argv[1:]
    out, results = OUT, RESULTS
    if "--small" in args:  # a smoke run on tiny data; does not touch RESULTS.md
        args.remove("--small")
        sections.SCALE = (50, 30)
        out, results = OUT / "small", OUT / "small" / "RESULTS.md"
    out.mkdir(parents=True, exist_ok=True)
    only = set(args)
    parts: list[tuple[str, Callable[[Path], list[str]]]] = [
        ("import", sections.import_speed),
        ("meta", sections.meta_import_speed),
        ("latency", sections.reply_latency),
        ("digest", sections.digest_speed),
        ("abuse", abuse),
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
