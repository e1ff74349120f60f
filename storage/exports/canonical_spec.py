"""The canonical kpibot CSV as a Spec, for detection (the file itself is read by
storage.canonical.parse_canonical)."""

from __future__ import annotations

from kpi.counters import COUNTERS
from storage.exports.spec import Spec

CANONICAL = Spec(
    name="canonical",
    headers={
        "date": "date",
        "campaign": "campaign",
        "platform": "platform",
        "campaign_name": "campaign_name",
        **{c: c for c in COUNTERS},
    },
    needs=("date", "campaign", "platform"),
)
