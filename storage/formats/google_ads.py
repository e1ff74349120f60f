"""Google Ads campaign report (English and Dutch UI).

Title lines above the header (`Campaign report`, then the date range); `Day`, `Campaign`,
`Impr.`, `Clicks`, `Cost`, `Conversions`, `Conv. value`, `Currency code`. `Total: ...` rows
are skipped and counted. Platform: "google". Without a Day column every row is a total over
the date range of the title line (kept as one period-total row).
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.formats.dates import parse_date
from storage.formats.spec import FormatSpec, Period

HEADERS: dict[str, str] = {
    "day": "day",
    "dag": "day",
    "date": "day",
    "datum": "day",
    "campaign": "campaign",
    "campagne": "campaign",
    "currency code": "currency",
    "valutacode": "currency",
    "currency": "currency",
    "impr.": "impressions",
    "impressions": "impressions",
    "vert.": "impressions",
    "vertoningen": "impressions",
    "clicks": "clicks",
    "klikken": "clicks",
    "cost": "spend",
    "kosten": "spend",
    "conversions": "conversions",
    "conversies": "conversions",
    "conv. value": "revenue",
    "conversion value": "revenue",
    "conv.waarde": "revenue",
    "conversiewaarde": "revenue",
    "video views": "video_views",
    "weergaven van video": "video_views",
}


def title_period(lines: Sequence[str]) -> Period | None:
    """`November 1, 2026 - November 30, 2026` (or ISO dates) on a title line."""
    for line in lines:
        text = line.strip().strip('"').replace("–", " - ")
        if " - " not in text:
            continue
        first, _, last = text.partition(" - ")
        start, end = parse_date(first), parse_date(last)
        if start and end and start <= end:
            return start, end
    return None


SPEC = FormatSpec(
    name="google_ads",
    headers=HEADERS,
    required=("day", "campaign"),
    platform="google",
    preamble_period=title_period,
)
