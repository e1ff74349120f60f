"""What an export's header means: a Spec per format, and the header row matched against it.

A header cell maps to a *field*: a counter of kpi.counters, or one of the ROLES below. Cells
that map to nothing are reported as ignored (derived columns such as CPM, CTR or cost per
result are never imported: kpibot computes them from the sums).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kpi.counters import COUNTERS
from storage.exports.text import normalise

#: Fields that are not counters. `results` + `indicator` become conversions or leads (Meta),
#: `clicks_all` is used only when there is no link-clicks column, `frequency` only to derive
#: reach when there is no reach column, `breakdown` rows are summed per campaign, day and
#: platform (placements, GA4's source / medium).
ROLES = (
    "date",
    "date_end",
    "campaign",
    "campaign_name",
    "platform",
    "placement",
    "breakdown",
    "ad_set",
    "ad",
    "currency",
    "indicator",
    "results",
    "clicks_all",
    "frequency",
)
#: What a user's alias may point at.
ALIAS_TARGETS = (*COUNTERS, "date", "date_end", "campaign", "platform")
NUMERIC_ROLES = frozenset({"results", "clicks_all", "frequency"})


@dataclass(frozen=True)
class Spec:
    """One export format. `headers`: looked-up header -> field; `markers`: headers that are
    not imported but say "this is that export" (they count towards detection)."""

    name: str
    headers: Mapping[str, str]
    markers: frozenset[str] = frozenset()
    platform: str | None = None  # when the file has no platform column (nor --platform)
    month_first: bool = False  # 11/2/2026 is 2 November (LinkedIn, US style)
    fractional: frozenset[str] = frozenset()  # counts reported with decimals: kept exactly
    blank_campaign_is_total: bool = False  # Meta's summary row has no campaign name
    dateless: bool = False  # may come without a date column (GA4: the period in comments)
    needs: tuple[str, ...] = ("date", "campaign")


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # as written in the file
    field: str
    currency: str | None = None


@dataclass(frozen=True)
class Header:
    """A header row resolved against a spec."""

    spec: Spec
    line: int  # 0-based index of the header line in the text
    delimiter: str
    columns: tuple[Column, ...]
    ignored: tuple[str, ...]
    score: int = 0
    fields: Mapping[str, Column] = field(default_factory=dict)
    dimension: str = ""  # GA4: the dimension column that became the campaign

    @property
    def missing(self) -> list[str]:
        needs = [n for n in self.spec.needs if not (n == "date" and self.spec.dateless)]
        return [n for n in needs if n not in self.fields]


def resolve(
    cells: list[str],
    spec: Spec,
    aliases: Mapping[str, str],
    *,
    line: int,
    delimiter: str,
) -> Header:
    """Map each cell to a field (the user's aliases first, then the spec); a field named twice
    keeps its first column. Fallbacks: `clicks_all` becomes clicks when there is no clicks
    column; `frequency` is kept only when there is no reach column."""
    columns: list[Column] = []
    ignored: list[str] = []
    fields: dict[str, Column] = {}
    score = 0
    for index, cell in enumerate(cells):
        key, currency = normalise(cell)
        if not key:
            continue
        name = aliases.get(key) or spec.headers.get(key)
        if name is None or name in fields:
            ignored.append(cell.strip())
            score += key in spec.markers
            continue
        score += 1
        fields[name] = Column(index, cell.strip(), name, currency)
    if "clicks" not in fields and "clicks_all" in fields:
        fields["clicks"] = Column(fields["clicks_all"].index, fields["clicks_all"].header, "clicks")
        del fields["clicks_all"]
    for dropped, because in (("clicks_all", "clicks"), ("frequency", "reach")):
        if dropped in fields and because in fields:
            ignored.append(fields.pop(dropped).header)
    dimension = ""
    if "campaign" not in fields and "breakdown" in fields:  # GA4 by channel group or source
        found = fields.pop("breakdown")
        fields["campaign"] = Column(found.index, found.header, "campaign")
        dimension = found.header
    columns = sorted(fields.values(), key=lambda c: c.index)
    return Header(
        spec, line, delimiter, tuple(columns), tuple(ignored), score,
        {c.field: c for c in columns}, dimension,
    )  # fmt: skip


def header_map(*groups: tuple[str, tuple[str, ...]]) -> dict[str, str]:
    """(field, header spellings) pairs -> spelling -> field."""
    return {spelling: name for name, spellings in groups for spelling in spellings}
