"""The KPI registry: find a KPI by any of its names, compute it, and say how it moved.

The KPIs themselves are data in kpi.catalog; their value types live in kpi.metric and the
evaluation (n/a with a reason instead of an exception) in kpi.formulas.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from types import MappingProxyType

from kpi.catalog import KPIS
from kpi.errors import UnknownKpi
from kpi.formulas import evaluate
from kpi.metric import Change, ChangeUnit, Direction, Kpi, KpiResult, Unit
from kpi.totals import Totals

__all__ = [
    "REGISTRY",
    "Change",
    "Direction",
    "Kpi",
    "KpiResult",
    "Unit",
    "UnknownKpi",
    "best_of",
    "better_of",
    "change",
    "compute",
    "lookup",
]

#: Every KPI by canonical name, in the order `/kpi list` and `/kpi report` show them.
REGISTRY: Mapping[str, Kpi] = MappingProxyType({k.name: k for k in KPIS})


def _normal(word: str) -> str:
    """ "Engagement-Rate", "engagement rate" and "engagement_rate" all read the same."""
    return re.sub(r"[\s_\-]+", "_", word.strip().lower()).strip("_")


_BY_WORD: dict[str, str] = {}
for _kpi in KPIS:
    for _word in (_kpi.name, *_kpi.aliases):
        _BY_WORD.setdefault(_normal(_word), _kpi.name)


def _suggestions(word: str) -> list[str]:
    key = _normal(word)
    best: dict[str, float] = {}
    for alias, name in _BY_WORD.items():
        score = difflib.SequenceMatcher(None, key, alias).ratio()
        best[name] = max(best.get(name, 0.0), score)
    return sorted(best, key=lambda n: -best[n])


def lookup(word: str) -> Kpi:
    """The KPI called `word`: its name or an English or Dutch alias, case-insensitive, with
    spaces, hyphens and underscores alike. Raises UnknownKpi (with suggestions) otherwise."""
    name = _BY_WORD.get(_normal(word))
    if name is None:
        raise UnknownKpi(word, _suggestions(word))
    return REGISTRY[name]


def compute(kpi: Kpi | str, totals: Totals) -> KpiResult:
    """The KPI over `totals` (sums of the period, so ratios are ratios of sums).

    A zero or missing denominator, or a term not reported, gives value None with the reason
    ("na.zero_denominator", "na.not_reported", "na.not_set") and the term in `reason_args`;
    it never raises for those. A string is looked up first (UnknownKpi if it is no KPI).
    """
    return evaluate(lookup(kpi) if isinstance(kpi, str) else kpi, totals)


def change(current: KpiResult, previous: KpiResult) -> Change | None:
    """How the KPI moved from `previous` to `current`.

    Percent KPIs: the difference in percentage points (unit "pts"). Others: the relative
    change (current − previous) / |previous| x 100 in % (unit "%"), None when previous is 0.
    None when either value is n/a. `better` follows the KPI's direction and is None when the
    change rounds to 0.0 (shown as "= 0.0").
    """
    if current.value is None or previous.value is None:
        return None
    unit: ChangeUnit
    if current.kpi.unit == "percent":
        delta, unit = current.value - previous.value, "pts"
    elif previous.value == 0:
        return None
    else:
        delta = (current.value - previous.value) / abs(previous.value) * 100
        unit = "%"
    better: bool | None = None
    if round(delta, 1) != 0:
        better = (delta > 0) == (current.kpi.direction == "higher")
    return Change(current.value, previous.value, delta, unit, better)


#: KPIs that are money spent: between two campaigns a smaller sum is not a better result, so
#: `better_of` marks neither side (over time a rise is still "worse").
SPENT = frozenset({"spend", "total_cost"})


def shown_decimals(kpi: Kpi, value: float) -> int:
    """How many decimals a value of `kpi` is shown with (see kpi.formatting.fmt_value)."""
    if kpi.unit == "percent":
        return 2 if 0 < abs(round(value, 1)) < 1 else 1
    if kpi.unit == "count":
        return 0 if value == int(value) else 2
    return 2


def better_of(kpi: Kpi, first: float | None, second: float | None) -> int | None:
    """0 when `first` is the better value of `kpi`, 1 when `second` is; None when they look
    the same as shown (6.0 % and 6.04 % tie), either is n/a, or the KPI is money spent."""
    if first is None or second is None or kpi.name in SPENT:
        return None
    decimals = max(shown_decimals(kpi, first), shown_decimals(kpi, second))
    a, b = round(first, decimals), round(second, decimals)
    if a == b:
        return None
    return 0 if (a > b) == (kpi.direction == "higher") else 1


def best_of(kpi: Kpi, values: Mapping[str, float]) -> str | None:
    """The name whose value of `kpi` is best, by `better_of`; None when fewer than two
    values or the best ties with the runner-up."""
    if len(values) < 2:
        return None
    sign = 1 if kpi.direction == "higher" else -1
    ranked = sorted(values, key=lambda n: (-sign * values[n], n))
    if better_of(kpi, values[ranked[0]], values[ranked[1]]) != 0:
        return None
    return ranked[0]
