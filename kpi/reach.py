"""Reach is not additive: where it came from, and what a reply must say about it.

A platform's reach counts people, once each, over the period it was reported for. Adding
daily reach over days counts a person reached on three days three times; adding reach over
campaigns or platforms counts a person reached by two of them twice. Where the data holds a
de-duplicated reach for exactly the asked period (a period-total row), that is used instead;
otherwise every figure built on the summed reach (reach, frequency, engagement rate) says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Counters frequency and engagement rate set against reach: where only part of the rows
#: report reach, these are taken from those rows only, so the ratio is over like data.
REACH_PARTNERS = ("impressions", "likes", "comments", "shares", "clicks")

#: Columns a daily frame (storage's `daily_frame`) carries beside the counters, so ratios over
#: reach stay like for like after rows are summed per day: each reach partner summed over the
#: rows that report reach, and how many rows had impressions or interactions but no reach.
WITH_REACH = {name: f"with_reach_{name}" for name in REACH_PARTNERS}
ROWS_WITHOUT_REACH = "rows_without_reach"
REACH_SPLIT_COLUMNS = (*WITH_REACH.values(), ROWS_WITHOUT_REACH)


@dataclass(frozen=True, slots=True)
class ReachBasis:
    """How a reach figure was put together.

    `parts`: how many (campaign, platform) reaches were added together (1 = one audience).
    `days_summed`: some part's reach is several days' (or periods') reach added up, not a
    de-duplicated reach over exactly the period asked. `partial`: some rows report
    impressions or interactions but no reach (e.g. Google Ads next to Meta); frequency and
    engagement rate then count only the rows that report reach (Totals.with_reach).
    `reporting`: platforms with rows that report reach; `silent`: platforms with data but
    no reach at all. `campaigns`: the campaigns whose reach was added (empty: not known).
    """

    parts: int = 0
    days_summed: bool = False
    partial: bool = False
    reporting: frozenset[str] = field(default_factory=frozenset)
    silent: frozenset[str] = field(default_factory=frozenset)
    campaigns: frozenset[int] = field(default_factory=frozenset)

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
            self.reporting | other.reporting,
            (self.silent | other.silent) - (self.reporting | other.reporting),
            self.campaigns | other.campaigns,
        )


def combined(a: ReachBasis | None, b: ReachBasis | None) -> ReachBasis | None:
    """Both reaches added together; None when neither says how it was built."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def reach_note_keys(basis: ReachBasis | None) -> list[tuple[str, dict[str, Any]]]:
    """The i18n keys (with their values) of what a reply showing this reach must say
    (empty: nothing to say)."""
    if basis is None:
        return []
    keys: list[tuple[str, dict[str, Any]]] = []
    if basis.days_summed:
        keys.append(("reach.note.days", {}))
    if basis.parts > 1:
        keys.append((_parts_key(basis), {}))
    if basis.partial and basis.silent:
        total = len(basis.reporting | basis.silent)
        silent = ", ".join(sorted(basis.silent))
        values = {"reporting": len(basis.reporting), "total": total, "silent": silent}
        keys.append(("reach.note.partial_platforms", values))
    elif basis.partial:
        keys.append(("reach.note.partial", {}))
    return keys


def _parts_key(basis: ReachBasis) -> str:
    # say what was added up: one campaign's platforms, one platform's campaigns, or both
    campaigns, platforms = len(basis.campaigns), len(basis.reporting)
    if campaigns == 1 and platforms > 1:
        return "reach.note.parts_platforms"
    if campaigns > 1 and platforms == 1:
        return "reach.note.parts_campaigns"
    return "reach.note.parts"


def split_of_sums(
    sums: Mapping[str, float | None],
) -> tuple[ReachBasis | None, dict[str, float | None]]:
    """From the summed columns of a daily frame (the counters and REACH_SPLIT_COLUMNS): when
    some rows reported reach and others had data without it, the basis (partial, days
    summed) and the reach partners over the rows with reach; else (None, {})."""
    if sums.get("reach") is None or not sums.get(ROWS_WITHOUT_REACH):
        return None, {}
    with_reach = {name: sums.get(column) for name, column in WITH_REACH.items()}
    return ReachBasis(days_summed=True, partial=True), with_reach
