"""The benchmarks feature: `/kpi benchmark` (set or reset a workspace's own) and
`/kpi benchmarks` (list them with the built-in ones). The line a KPI reply shows comes from
bot.benchmarks.reply, called by the queries."""

from __future__ import annotations

from bot.benchmarks.commands import benchmark_command, benchmarks_command
from bot.feature import Feature

FEATURE = Feature(
    name="benchmarks",
    keywords={
        "benchmark": "benchmark",
        "norm": "benchmark",
        "benchmarks": "benchmarks",
        "normen": "benchmarks",
    },
    commands={"benchmark": benchmark_command, "benchmarks": benchmarks_command},
    read_only=frozenset({"benchmarks"}),
)
