"""What drove a ratio KPI's change: the contributions of its parts (platforms, campaigns).

A ratio KPI over parts is the weighted mean of the parts' values, each weighted by its
share of the denominator: R = sum(w_i r_i) with w_i = D_i / sum(D) (CPA: r_i a platform's
CPA, w_i its share of spend... of conversions, the CPA's denominator). Its change between
two periods splits exactly (the symmetric, Shapley two-factor split) into

    rate effect_i = (w0_i + w1_i) / 2 x (r1_i - r0_i)   (the part's own value moved)
    mix effect_i  = (r0_i + r1_i) / 2 x (w1_i - w0_i)   (its share of the volume moved)

and rate_i + mix_i = w1_i r1_i - w0_i r0_i, so the effects of all parts add up to R1 - R0.
A part with no volume in one period has no value there; its value of the other period
stands in (its whole contribution is then mix). Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One part's value of the KPI and its denominator (volume) in a period."""

    value: float | None
    volume: float


@dataclass(frozen=True)
class Contribution:
    """One part's share in the change: its values and shares in both periods, and the rate
    and mix effects (in the KPI's unit) that add up to its contribution."""

    name: str
    before: float
    after: float
    share_before: float
    share_after: float
    rate: float
    mix: float

    @property
    def total(self) -> float:
        return self.rate + self.mix


@dataclass(frozen=True)
class Decomposition:
    """R0, R1 and every part's contribution, largest first (by its absolute size)."""

    before: float
    after: float
    parts: tuple[Contribution, ...]

    @property
    def change(self) -> float:
        return self.after - self.before

    def main(self) -> Contribution | None:
        """The part that moved the KPI most in the direction it moved; None without a
        change or when no part moved it that way."""
        if self.change == 0:
            return None
        same = [p for p in self.parts if p.total * self.change > 0]
        return max(same, key=lambda p: abs(p.total)) if same else None


def _weighted(parts: Mapping[str, Part]) -> dict[str, tuple[float, float]]:
    """Each part with a value and volume: (its share of the volume, its value)."""
    kept = {n: (p.volume, p.value) for n, p in parts.items() if p.value is not None}
    kept = {n: (vol, val) for n, (vol, val) in kept.items() if vol > 0}
    total = sum(vol for vol, _ in kept.values())
    return {n: (vol / total, val) for n, (vol, val) in kept.items()} if total > 0 else {}


def decompose(before: Mapping[str, Part], after: Mapping[str, Part]) -> Decomposition | None:
    """The change of the weighted mean from ``before`` to ``after`` split into each part's
    rate and mix effects. Parts without a value or volume weigh nothing. None when either
    period has no part with volume."""
    w0, w1 = _weighted(before), _weighted(after)
    if not w0 or not w1:
        return None
    contributions = []
    for name in sorted(set(w0) | set(w1)):
        s0, r0 = w0.get(name, (0.0, w1[name][1] if name in w1 else 0.0))
        s1, r1 = w1.get(name, (0.0, r0))
        rate = (s0 + s1) / 2 * (r1 - r0)
        mix = (r0 + r1) / 2 * (s1 - s0)
        contributions.append(Contribution(name, r0, r1, s0, s1, rate, mix))
    r_before = sum(share * value for share, value in w0.values())
    r_after = sum(share * value for share, value in w1.values())
    contributions.sort(key=lambda c: (-abs(c.total), c.name))
    return Decomposition(r_before, r_after, tuple(contributions))
