"""Reach is not additive: where it came from, and what a reply must say about it.

A platform's reach counts people, once each, over the period it was reported for. Adding
daily reach over days counts a person reached on three days three times; adding reach over
campaigns or platforms counts a person reached by two of them twice. Where the data holds a
de-duplicated reach for exactly the asked period (a period-total row), that is used instead;
otherwise every figure built on the summed reach (reach, frequency, engagement rate) says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReachBasis:
    """How a reach figure was put together.

    `parts`: how many (campaign, platform) reaches were added together (1 = one audience).
    `days_summed`: some part's reach is several days' (or periods') reach added up, not a
    de-duplicated reach over exactly the period asked. `partial`: some rows report
    impressions or interactions but no reach (e.g. Google Ads next to Meta), so frequency
    and engagement rate divide their sums by the reach of the other rows only.
    """

    parts: int = 0
    days_summed: bool = False
    partial: bool = False

    @property
    def summed(self) -> bool:
        """True when the figure overstates unique reach (people may be counted twice)."""
        return self.parts > 1 or self.days_summed

    def __add__(self, other: object) -> ReachBasis:
        if not isinstance(other, ReachBasis):
            return NotImplemented
        return ReachBasis(
            self.parts + other.parts,
            self.days_summed or other.days_summed,
            self.partial or other.partial,
        )


def combined(a: ReachBasis | None, b: ReachBasis | None) -> ReachBasis | None:
    """Both reaches added together; None when neither says how it was built."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def reach_note_keys(basis: ReachBasis | None) -> list[str]:
    """The i18n keys of what a reply showing this reach must say (empty: nothing to say)."""
    if basis is None:
        return []
    keys = []
    if basis.days_summed:
        keys.append("reach.note.days")
    if basis.parts > 1:
        keys.append("reach.note.parts")
    if basis.partial:
        keys.append("reach.note.partial")
    return keys
