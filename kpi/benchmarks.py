"""Industry benchmark ranges as data, and where a value sits in one.

A `Benchmark` belongs to one KPI and one platform (or every platform, "all"): a low and/or
a high end in the KPI's unit (percent KPIs in %), the top quartile's threshold where it is
known, the currency of a range of money, and its source with the year. A workspace may set
its own (`own=True`, kpibot's storage); those are picked before the built-in ones.

Placement follows the KPI's favourable direction (kpi.catalog): for CPA and CPM lower is
better, so a CPM under the range is better than usual. Boundaries are inclusive: a value
equal to the low or high end is within the range, a value equal to the top-quartile
threshold is in the top quartile; only a value strictly beyond an end is below or above.

Money is never compared across currencies: a range in USD is compared only with a value in
USD; for any other currency `place` gives None (the reply shows the range, says it is in
USD and draws no conclusion). CPA ranges by sector span sectors, not one business: they
are shown for orientation and never placed (`sectors=True`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kpi.metric import Direction

ALL = "all"
Position = Literal["below", "within", "top", "above"]

#: The seeds' ranges: the rules of thumb the product was specified with (DESIGN's
#: "Benchmarks shipped as data"); they name no study, so neither does kpibot.
SEEDS = "seeds"
SEEDS_YEAR = 2026


@dataclass(frozen=True)
class Benchmark:
    """A range for `kpi` (canonical name) on `platform` ("all": every platform).

    `low`/`high`: the ends (None: open on that side, e.g. "video completion 75 % or more");
    `top`: the top quartile's threshold on the favourable side; `currency`: the ISO code of
    a range of money (None for percentages); `variant`: "organic" or "paid" where the range
    depends on it (CTR); `sectors`: spans sectors, shown but never placed; `own`: set by the
    workspace; `source`/`year`: where the numbers come from."""

    kpi: str
    platform: str = ALL
    low: float | None = None
    high: float | None = None
    top: float | None = None
    currency: str | None = None
    variant: str | None = None
    sectors: bool = False
    source: str = SEEDS
    year: int | None = SEEDS_YEAR
    own: bool = False


@dataclass(frozen=True)
class Placement:
    """Where a value sits: `position` below / within / top (quartile) / above the range, and
    `better` — True when that is better than the range's middle (top quartile, or beyond the
    favourable end), False when worse (beyond the unfavourable end), None within it."""

    position: Position
    better: bool | None


BUILT_IN: tuple[Benchmark, ...] = (
    Benchmark("engagement_rate", low=1.0, high=5.0, top=3.5),
    Benchmark("ctr", low=0.5, high=2.0, variant="organic"),
    Benchmark("ctr", low=2.0, high=5.0, variant="paid"),
    Benchmark("cpm", "facebook", low=10.0, high=15.0, currency="USD"),
    Benchmark("video_completion", low=75.0),
    Benchmark("cpa", low=20.0, high=100.0, currency="EUR", sectors=True),
)


def place(
    bench: Benchmark, value: float, direction: Direction, currency: str | None = None
) -> Placement | None:
    """Where `value` (in the KPI's unit; money in `currency`) sits in `bench`.

    None when it cannot be said honestly: a range of money in another currency than the
    value's, or a range that spans sectors. Ends are inclusive (see the module docstring).
    """
    if bench.sectors:
        return None
    if bench.currency is not None and (currency or "").upper() != bench.currency:
        return None
    if bench.low is not None and value < bench.low:
        return Placement("below", direction == "lower")
    if bench.high is not None and value > bench.high:
        return Placement("above", direction == "higher")
    if bench.top is not None:
        in_top = value >= bench.top if direction == "higher" else value <= bench.top
        if in_top:
            return Placement("top", True)
    return Placement("within", None)


def pick(
    kpi: str,
    platform: str | None,
    *,
    paid: bool,
    own: Iterable[Benchmark] = (),
    built_in: Iterable[Benchmark] = BUILT_IN,
    currency: str | None = None,
) -> Benchmark | None:
    """The benchmark of `kpi` for `platform` (None: every platform together).

    The workspace's own come first, then the built-in ones; within each, the platform's own
    range before the one for all platforms. `paid` chooses between the organic and the paid
    range where a KPI has both (CTR: paid when the figures include ad spend).

    `currency`: the value's. A range of money in that currency (or a range that is not
    money) is picked before any range in another currency, so a USD campaign on Facebook is
    placed against the built-in $10–15 even when the workspace set a CPM range in EUR. When
    only ranges in other currencies exist, the first of them is given, for the reply to say
    it is not compared (`place` gives None): never converted.
    """
    variant = "paid" if paid else "organic"
    ordered: list[Benchmark] = []
    for group in (list(own), list(built_in)):
        found = [b for b in group if b.kpi == kpi and b.variant in (None, variant)]
        for where in (*_names(platform), ALL):
            ordered += [b for b in found if b.platform == where]
    code = (currency or "").upper()
    same = [b for b in ordered if b.currency is None or b.currency == code]
    return next(iter(same or ordered), None)


#: A platform whose ranges are another's: Meta Ads Manager exports are Facebook's ads
#: (Instagram placements are bought the same way), so Facebook's CPM range applies to them.
SAME_AS: dict[str, str] = {"meta": "facebook"}


def _names(platform: str | None) -> tuple[str, ...]:
    """The platform names whose ranges apply to `platform`, its own first."""
    if not platform:
        return ()
    same = SAME_AS.get(platform)
    return (platform,) if same is None else (platform, same)


def built_in(kpi: str, variant: str | None = None) -> Benchmark:
    """kpibot's built-in range of `kpi` for every platform (`variant`: "organic"/"paid"),
    for the rules that use one of its ends (kpi.insights: low engagement under 1 %)."""
    return next(b for b in BUILT_IN if b.kpi == kpi and b.platform == ALL and b.variant == variant)


def platform_specific(kpi: str, own: Iterable[Benchmark] = ()) -> frozenset[str]:
    """The platforms with a range of their own for `kpi` (built in or the workspace's)."""
    every = (*own, *BUILT_IN)
    found = {b.platform for b in every if b.kpi == kpi and b.platform != ALL}
    return frozenset(found | {name for name, same in SAME_AS.items() if same in found})
