"""Sums of a period's counters and costs: the only input the KPI formulas ever see.

Sums first, ratios after: a KPI over a week is computed from the week's sums, never as a
mean of daily ratios. That is why this is the one value type between storage and kpi.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from kpi.reach import REACH_PARTNERS, ReachBasis, combined


def _frozen_counters(values: Mapping[str, float | None]) -> Mapping[str, float | None]:
    # float() so Decimal or int from a database adds up with float without surprises
    return MappingProxyType({k: None if v is None else float(v) for k, v in values.items()})


def _frozen_costs(values: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType({k: float(v) for k, v in values.items()})


def _add_optional(a: float | None, b: float | None) -> float | None:
    """None + None = None (nobody reported it); None + x = x (one part reported it)."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


@dataclass(frozen=True)
class Totals:
    """The sums of one scope (campaigns, platform) over one period.

    `counters`: counter -> sum; a missing key or None means "not reported" (0 means zero).
    `costs`: cost category -> amount outside the ad platforms (staff already hours x rate).
    `staff_hours`: the hours behind the "staff" cost. `days`: days in the period.
    `ltv_per_customer`, `followers_at_start`: campaign facts the formulas may need.
    `reach_basis`: how the reach counter was put together (None: not known).
    `with_reach`: the counters frequency and engagement rate set against reach, summed over
    only the rows that report reach (empty: the same as `counters`).
    """

    counters: Mapping[str, float | None] = field(default_factory=dict)
    costs: Mapping[str, float] = field(default_factory=dict)
    staff_hours: float = 0.0
    days: int = 0
    ltv_per_customer: float | None = None
    followers_at_start: float | None = None
    reach_basis: ReachBasis | None = None
    with_reach: Mapping[str, float | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A read-only copy: a Totals handed around must not change under anyone's feet.
        object.__setattr__(self, "counters", _frozen_counters(self.counters))
        object.__setattr__(self, "with_reach", _frozen_counters(self.with_reach))
        object.__setattr__(self, "costs", _frozen_costs(self.costs))

    @classmethod
    def empty(cls) -> Totals:
        """Nothing reported, no costs, zero days."""
        return cls()

    def get(self, name: str) -> float | None:
        """The sum of counter `name`, or None when it was not reported."""
        return self.counters.get(name)

    def _with_reach(self) -> dict[str, float | None]:
        """The reach partners over the rows that report reach: `with_reach` when known,
        else all counters when reach was reported, else nothing."""
        if self.with_reach:
            return {n: self.with_reach.get(n) for n in REACH_PARTNERS}
        reported = self.get("reach") is not None
        return {n: self.get(n) if reported else None for n in REACH_PARTNERS}

    def over_reach(self) -> Totals:
        """These totals as a KPI dividing by reach must see them: when only part of the
        rows report reach, impressions and interactions of those rows only."""
        if self.reach_basis is None or not self.reach_basis.partial:
            return self
        return replace(self, counters={**self.counters, **self._with_reach()})

    @property
    def ad_spend(self) -> float:
        """Ad spend from the platform exports (counter `spend`); 0 when not reported."""
        spend = self.counters.get("spend")
        return 0.0 if spend is None else spend

    @property
    def other_costs(self) -> float:
        """Sum of the costs outside the ad platforms (tools, staff, agency, content, ...)."""
        return float(sum(self.costs.values()))

    @property
    def total_cost(self) -> float:
        """Ad spend + the costs of every category."""
        return self.ad_spend + self.other_costs

    def __add__(self, other: object) -> Totals:
        """Both parts together: counters, costs, staff hours and days add up.

        `a + b` reads `a` as the earlier part: followers at the start (and the LTV per
        customer) come from `a` when it knows them, else from `b`.
        """
        if not isinstance(other, Totals):
            return NotImplemented
        names = list(self.counters) + [k for k in other.counters if k not in self.counters]
        costs = dict(self.costs)
        for category, amount in other.costs.items():
            costs[category] = costs.get(category, 0.0) + amount
        return Totals(
            counters={n: _add_optional(self.get(n), other.get(n)) for n in names},
            costs=costs,
            staff_hours=self.staff_hours + other.staff_hours,
            days=self.days + other.days,
            ltv_per_customer=(
                self.ltv_per_customer
                if self.ltv_per_customer is not None
                else other.ltv_per_customer
            ),
            followers_at_start=(
                self.followers_at_start
                if self.followers_at_start is not None
                else other.followers_at_start
            ),
            reach_basis=combined(self.reach_basis, other.reach_basis),
            with_reach=self._added_with_reach(other),
        )

    def _added_with_reach(self, other: Totals) -> dict[str, float | None]:
        if not self.with_reach and not other.with_reach:
            return {}
        mine, theirs = self._with_reach(), other._with_reach()
        return {n: _add_optional(mine[n], theirs[n]) for n in REACH_PARTNERS}

    def scaled_costs(self, share: float) -> Totals:
        """The same counters with costs (and staff hours) times `share`.

        Used to give a platform its share of the costs outside the ad platforms, by its share
        of ad spend, so per-platform ROI adds up to the whole.
        """
        return Totals(
            counters=self.counters,
            costs={k: v * share for k, v in self.costs.items()},
            staff_hours=self.staff_hours * share,
            days=self.days,
            ltv_per_customer=self.ltv_per_customer,
            followers_at_start=self.followers_at_start,
            reach_basis=self.reach_basis,
            with_reach=self.with_reach,
        )
