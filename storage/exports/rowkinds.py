"""Rows under the header that are not data: blank rows, totals (`Total: Account`, Meta's
summary row without a campaign), GA4's non-campaigns (`(direct)`, `(not set)`), the header
repeated (two exports pasted together) and `No data available.` (an export of a period
without delivery). Each kind is counted for the report. GA4 reports by channel group or
source / medium keep every value: there `(direct) / (none)` is traffic like any other."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from storage.exports.spec import Header
from storage.exports.text_column import TextColumn

_TOTAL = re.compile(r"^(?:total|totaal|totals|totalen)\s*(?::|$)", re.IGNORECASE)
_NOT_CAMPAIGN = re.compile(r"^\(.*\)$")  # GA4: (direct), (organic), (not set)
_NO_DATA = re.compile(
    r"^(?:no data available|geen gegevens beschikbaar|no data|geen gegevens)\.?$", re.I
)


@dataclass(frozen=True)
class RowKinds:
    ok: np.ndarray  # rows that hold data
    skipped: dict[str, int]  # reason -> rows
    no_data_line: int  # the line of a `No data available.` row, 0 when none


def row_kinds(
    text: Mapping[str, TextColumn],
    numbers: Mapping[str, np.ndarray],
    first: TextColumn | None,
    header: Header,
    blank_campaign_is_total: bool,
) -> RowKinds:
    blank = np.logical_and.reduce([t.empty() for t in text.values()])
    for values in numbers.values():
        blank &= np.isnan(values)
    campaign = text["campaign"]
    total = campaign.test(lambda v: bool(_TOTAL.match(v)))
    if first is not None:  # Google Ads writes `Total: Account` in the first column
        total |= first.test(lambda v: bool(_TOTAL.match(v)))
    if blank_campaign_is_total:  # Meta's summary row: numbers without a campaign
        total |= campaign.empty()
    total |= campaign.test(lambda v: v in ("--", "-"))  # Google Ads' totals: no campaign
    named = campaign.test(lambda v: bool(_NO_DATA.match(v)))
    if first is not None:
        named |= first.test(lambda v: bool(_NO_DATA.match(v)))
    no_data = named & ~blank
    total &= ~blank & ~no_data
    title = header.fields["campaign"].header
    again = campaign.test(lambda v: v == title) & ~blank & ~no_data
    outside = campaign.test(lambda v: bool(_NOT_CAMPAIGN.match(v))) & ~blank & ~total
    if header.dimension:  # by channel group or source / medium every value is a campaign
        outside[:] = False
    ok = ~blank & ~total & ~outside & ~no_data & ~again
    skipped = {
        reason: int(mask.sum())
        for reason, mask in (
            ("blank", blank),
            ("total_row", total),
            ("not_campaign", outside),
            ("header_again", again),
            ("no_data", no_data),
        )
        if mask.any()
    }
    found = np.flatnonzero(no_data)
    line = header.line + 2 + int(found[0]) if len(found) else 0
    return RowKinds(ok, skipped, line)
