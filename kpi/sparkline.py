"""A campaign's sparkline for the Home tab: one KPI over the last weeks as a small line,
the last week's value written at its end and its dot coloured by the direction of the last
move (blue-green better, vermillion worse, grey unchanged — the label says it in words too).
Matplotlib's Figure with the Agg canvas (kpi.chart_style.png), never pyplot.

`spark_kpi` picks the KPI a campaign is judged on (a target's KPI first, else its goal's),
`spark_hash` the hash of exactly what the picture shows: the same data is never drawn or
uploaded twice (the bot keeps hash -> Slack file id).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from kpi.chart_style import PALETTE, png
from kpi.formatting import fmt_value
from kpi.registry import REGISTRY, compute
from kpi.totals import Totals

#: The smallest range the y axis spans, as a share of the values' mean: a 3 % move must not
#: fill the strip as if it were a crash.
MIN_RELATIVE_SPAN = 0.25
#: Width x height in inches at DPI: 480 x 120 pixels, a strip under the campaign's numbers.
SIZE_IN, DPI = (4.8, 1.2), 100
BETTER, WORSE, SAME = PALETTE[2], PALETTE[3], "#777777"
#: The KPI a campaign's goal is judged on, when no target names one.
GOAL_KPIS: Mapping[str, str] = {
    "conversion": "roi",
    "awareness": "reach",
    "engagement": "engagement_rate",
    "service": "engagement_rate",
}


@dataclass(frozen=True, slots=True)
class Spark:
    """What a sparkline shows: `kpi` over `weeks` (Mondays), None where a week is n/a."""

    kpi: str
    weeks: tuple[dt.date, ...]
    values: tuple[float | None, ...]
    locale: str
    currency: str

    @property
    def drawable(self) -> bool:
        """At least two weeks with a value: one point is not a line."""
        return sum(v is not None for v in self.values) >= 2


def spark_kpi(goal: str | None, target_kpis: Sequence[str] = ()) -> str:
    """The KPI of a campaign's sparkline: its first target's, else its goal's, else ROI."""
    for name in target_kpis:
        if name in REGISTRY:
            return name
    return GOAL_KPIS.get(goal or "", "roi")


def spark_of(
    kpi: str,
    by_week: Mapping[dt.date, Totals],
    weeks: Sequence[dt.date],
    locale: str,
    currency: str,
) -> Spark:
    """The KPI computed over each week's sums (sums first, ratios after)."""
    values = tuple(
        compute(REGISTRY[kpi], by_week[w]).value if w in by_week else None for w in weeks
    )
    return Spark(kpi, tuple(weeks), values, locale, currency)


def spark_hash(spark: Spark) -> str:
    """sha256 of what the picture shows (KPI, weeks, values rounded as drawn, locale and
    currency of the label)."""
    shown = {
        "kpi": spark.kpi,
        "weeks": [w.isoformat() for w in spark.weeks],
        "values": [None if v is None else round(v, 6) for v in spark.values],
        "locale": spark.locale,
        "currency": spark.currency,
        "v": 2,  # the drawing's version: bump when the picture changes
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def _colour(spark: Spark) -> str:
    known = [v for v in spark.values if v is not None]
    if len(known) < 2 or math.isclose(known[-1], known[-2]):
        return SAME
    up = known[-1] > known[-2]
    higher_better = REGISTRY[spark.kpi].direction == "higher"
    return BETTER if up == higher_better else WORSE


def spark_figure(spark: Spark) -> Figure:
    fig = Figure(figsize=SIZE_IN, dpi=DPI)
    fig.subplots_adjust(left=0.02, right=0.74, top=0.9, bottom=0.1)
    ax = fig.add_subplot()
    xs = [i for i, v in enumerate(spark.values) if v is not None]
    ys = [v for v in spark.values if v is not None]
    ax.plot(range(len(spark.values)), [math.nan if v is None else v for v in spark.values],
            color=PALETTE[0], linewidth=2)  # fmt: skip
    ax.plot(xs, ys, linestyle="none", marker="o", markersize=2.5, color=PALETTE[0])
    colour = _colour(spark)
    ax.plot([xs[-1]], [ys[-1]], marker="o", markersize=7, color=colour)
    unit = REGISTRY[spark.kpi].unit
    label = fmt_value(ys[-1], unit, spark.locale, spark.currency)
    ax.annotate(label, (xs[-1], ys[-1]), xytext=(10, 0), textcoords="offset points",
                va="center", ha="left", fontsize=13, color=colour, annotation_clip=False,
                fontweight="bold")  # fmt: skip
    low, high = min(ys), max(ys)
    middle = (low + high) / 2
    span = max(high - low, MIN_RELATIVE_SPAN * abs(sum(ys) / len(ys))) or 1.0
    ax.set_ylim(middle - span * 0.65, middle + span * 0.65)
    ax.set_xlim(-0.3, len(spark.values) - 0.7)
    ax.axis("off")
    return fig


def draw_spark(spark: Spark) -> bytes:
    """The sparkline as PNG bytes (only for a `drawable` spark)."""
    return png(spark_figure(spark))
