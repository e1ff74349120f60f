"""What a format is (its header names) and how one file's header maps onto fields.

A field is a counter of kpi.counters or a role: `day`, `day_end`, `campaign`,
`campaign_name`, `platform`, `placement` (the platform when there is no Platform column),
`breakdown` (age, gender, country, placement beside platform...: rows that differ only there
are summed), `currency`, `results` and `result_indicator` (Meta), `ignore`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from kpi.counters import COUNTERS, MONEY_COUNTERS
from storage.formats.dates import Order

ROLES = (
    "day",
    "day_end",
    "campaign",
    "campaign_name",
    "platform",
    "placement",
    "breakdown",
    "currency",
    "results",
    "result_indicator",
    "ignore",
)
#: Roles of which a file may have several columns.
MANY = frozenset({"breakdown", "ignore"})
_CURRENCY_SUFFIX = re.compile(r"^(.*?)\s*\(([a-z]{3})\)$")

Period = tuple[dt.date, dt.date]


def normalise(header: str) -> str:
    """Lower case, one space between words, no BOM or surrounding quotes."""
    return " ".join(header.replace("\ufeff", "").strip().strip('"').lower().split())


@dataclass(frozen=True)
class FormatSpec:
    """One export format. `headers` lists normalised header -> field in order of preference:
    when two columns give the same field (`Link clicks`, `Clicks (all)`), the first wins."""

    name: str
    headers: Mapping[str, str]
    required: tuple[str, ...] = ("day", "campaign")
    platform: str | None = None  # fixed platform; None: a column, else the default
    date_order: Order = "dmy"
    comment: str | None = None  # lines starting with it are not data (GA4's `#`)
    skip_campaign: Callable[[str], bool] | None = None  # GA4's `(direct)`, `(not set)`
    #: The period the title lines name, for files without a date column (GA4 `# Start date`).
    preamble_period: Callable[[Sequence[str]], Period | None] | None = None


@dataclass(frozen=True)
class Plan:
    """One file's header mapped: role -> column, counters -> columns, and what to report."""

    roles: Mapping[str, int]
    counters: tuple[tuple[str, int], ...]
    breakdowns: tuple[int, ...]
    recognised: dict[str, str]
    ignored: list[str]
    currency: str | None
    currencies: frozenset[str] = field(default_factory=frozenset)  # all in money headers

    @property
    def score(self) -> int:
        return len(self.recognised)

    def satisfies(self, spec: FormatSpec, period: Period | None) -> bool:
        """Every required role is there (a title-line period stands in for a day column)
        and at least one counter."""
        have = set(self.roles) | ({"day"} if period else set())
        return all(r in have for r in spec.required) and bool(
            self.counters or "results" in self.roles
        )


def _field_of(
    header: str, spec: FormatSpec, aliases: Mapping[str, str]
) -> tuple[str | None, int, str | None]:
    """(field, preference, currency) of one header; preference -1 = a user alias."""
    key = normalise(header)
    if key in aliases:
        return aliases[key], -1, None
    order = list(spec.headers)
    if key in spec.headers:
        return spec.headers[key], order.index(key), None
    match = _CURRENCY_SUFFIX.match(key)
    if match:
        base, code = match.groups()
        found = aliases.get(base) or spec.headers.get(base)
        if found in MONEY_COUNTERS:
            rank = -1 if base in aliases else order.index(base)
            return found, rank, code.upper()
    return None, 0, None


def make_plan(cells: Sequence[str], spec: FormatSpec, aliases: Mapping[str, str]) -> Plan:
    """Map a header row: each field goes to its preferred column, the rest is ignored."""
    best: dict[str, tuple[int, int]] = {}  # field -> (preference, column)
    breakdowns: list[int] = []
    currencies: dict[int, str] = {}
    for index, header in enumerate(cells):
        name, rank, code = _field_of(header, spec, aliases)
        if name is None or name == "ignore":
            continue
        if code:
            currencies[index] = code
        if name == "breakdown":
            breakdowns.append(index)
        elif name not in best or rank < best[name][0]:
            best[name] = (rank, index)
    used = {index: name for name, (_, index) in best.items()}
    used.update(dict.fromkeys(breakdowns, "breakdown"))
    roles = {name: i for name, (_, i) in best.items() if name not in COUNTERS}
    if "placement" in roles and "platform" in roles:  # Platform + Placement: sum placements
        breakdowns.append(roles.pop("placement"))
        used[breakdowns[-1]] = "breakdown"
    elif "placement" in roles:
        roles["platform"] = roles.pop("placement")
        used[roles["platform"]] = "platform"
    counters = tuple((name, i) for name in COUNTERS if name in best for i in [best[name][1]])
    money = {currencies[i] for name, i in counters if i in currencies}
    return Plan(
        roles=roles,
        counters=counters,
        breakdowns=tuple(breakdowns),
        recognised={cells[i]: used[i] for i in sorted(used)},
        ignored=[h for i, h in enumerate(cells) if i not in used and h.strip()],
        currency=min(money) if len(money) == 1 else None,
        currencies=frozenset(money),
    )
