"""LinkedIn Campaign Manager: the campaign performance export.

Title lines (report name, report start and end, account) sit above the header; dates are US
style (`11/2/2026`); the currency is a column; every row is LinkedIn.
"""

from __future__ import annotations

from storage.exports.spec import Spec, header_map

LINKEDIN = Spec(
    name="linkedin",
    headers=header_map(
        ("date", ("start date (in utc)", "start date")),
        ("date_end", ("end date (in utc)", "end date")),
        ("campaign", ("campaign name", "campaign")),
        ("currency", ("currency",)),
        ("impressions", ("impressions",)),
        ("clicks", ("clicks",)),
        ("spend", ("total spent", "amount spent")),
        ("likes", ("reactions",)),
        ("comments", ("comments",)),
        ("shares", ("shares",)),
        ("followers_gained", ("follows",)),
        ("conversions", ("conversions",)),
        ("leads", ("leads",)),
        ("video_views", ("video views",)),
        ("video_completions", ("video completions",)),
    ),
    markers=frozenset(
        {
            "account name",
            "campaign group name",
            "campaign group id",
            "campaign id",
            "campaign type",
            "campaign status",
            "total budget",
            "average ctr",
            "average cpm",
            "average cpc",
            "total social actions",
            "total engagements",
            "engagement rate",
            "post-click conversions",
            "view-through conversions",
            "conversion rate",
            "cost per conversion",
            "lead forms opened",
            "cost per lead",
            "other clicks",
            "campaign group status",
            "daily budget",
        }
    ),
    platform="linkedin",
    month_first=True,
)
