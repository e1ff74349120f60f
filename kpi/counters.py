"""The additive counters a campaign reports per day and platform.

Every KPI is a formula over sums of these counters (sums first, ratios after).
"""

from __future__ import annotations

COUNTERS: tuple[str, ...] = (
    "impressions",
    "reach",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "sessions",
    "video_views",
    "video_completions",
    "followers",
    "followers_gained",
    "mentions",
    "conversions",
    "leads",
    "customers",
    "revenue",
    "spend",
    "posts",
)

#: Counters that hold money (in the campaign's currency); the rest are counts.
MONEY_COUNTERS: frozenset[str] = frozenset({"revenue", "spend"})

#: Counters platforms report with decimals and kpibot keeps exactly as reported: money, and
#: conversions and leads under fractional attribution (Google Ads data-driven: 8.17, 0.15).
#: Summed before any rounding; every other counter is a whole number.
DECIMAL_COUNTERS: frozenset[str] = MONEY_COUNTERS | {"conversions", "leads"}

#: Categories of the costs table. Ad spend lives in daily_metrics.spend; "ads" here is for
#: ad costs booked outside the platform exports.
COST_CATEGORIES: tuple[str, ...] = ("ads", "tools", "staff", "agency", "content", "other")

#: Platforms we know by name; any other lower-case word is accepted too.
PLATFORMS: tuple[str, ...] = (
    "facebook",
    "instagram",
    "linkedin",
    "tiktok",
    "x",
    "youtube",
    "google",
)

#: How a platform is written for people; a platform not named here is shown as stored.
PLATFORM_LABELS: dict[str, str] = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "x": "X",
    "youtube": "YouTube",
    "google": "Google Ads",
    "meta": "Meta",
    "web": "Website (GA4)",
}


def platform_label(platform: str) -> str:
    """ "linkedin" -> "LinkedIn"; an unknown platform as it is stored."""
    return PLATFORM_LABELS.get(platform, platform)


#: Campaign goals: what a campaign is for (awareness, engagement, conversion, service).
GOALS: tuple[str, ...] = ("awareness", "engagement", "conversion", "service")
