"""The canonical CSV (`date,campaign,platform` + counters) inside format detection.

A plain canonical file goes to storage.canonical.parse_canonical, the canonical importer's
own (column-wise, fast) reader, so `kpibot import` behaves the same whichever way it is
called. Files that only become canonical through the user's aliases, or that lack the
platform column when the caller names a default platform, are read by the shared row loop.
"""

from __future__ import annotations

from kpi.counters import COUNTERS
from storage.formats.spec import FormatSpec

HEADERS: dict[str, str] = {
    "date": "day",
    "day_end": "day_end",
    "campaign": "campaign",
    "campaign_name": "campaign_name",
    "platform": "platform",
    "currency": "currency",
    **{name: name for name in COUNTERS},
}
#: The header names storage.canonical accepts.
NATIVE = frozenset({"date", "campaign", "platform", "campaign_name", *COUNTERS})

SPEC = FormatSpec(name="canonical", headers=HEADERS, required=("day", "campaign"))
