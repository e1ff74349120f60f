"""LinkedIn Campaign Manager's campaign performance export.

Title and metadata lines (`Campaign Performance Report (in UTC)`, `Report Start: ...`,
`Account Name: ...`) stand above the header; dates are month first (`11/1/2026`); money is in
the account currency named by the `Currency` column. Platform: "linkedin".
"""

from __future__ import annotations

from storage.formats.spec import FormatSpec

HEADERS: dict[str, str] = {
    "start date (in utc)": "day",
    "start date": "day",
    "end date (in utc)": "day_end",
    "end date": "day_end",
    "campaign name": "campaign",
    "campaign": "campaign",
    "currency": "currency",
    "impressions": "impressions",
    "clicks": "clicks",
    "total spent": "spend",
    "amount spent": "spend",
    "conversions": "conversions",
    "total conversions": "conversions",
    "leads": "leads",
    "conversion value": "revenue",
    "total conversion value": "revenue",
    "reactions": "likes",
    "likes": "likes",
    "comments": "comments",
    "shares": "shares",
    "follows": "followers_gained",
    "video views": "video_views",
    "video completions": "video_completions",
    "reach": "reach",
    "approximate member reach": "reach",
}

SPEC = FormatSpec(
    name="linkedin",
    headers=HEADERS,
    required=("day", "campaign"),
    platform="linkedin",
    date_order="mdy",
)
