"""Google Analytics 4: traffic acquisition by session campaign.

`#` comment lines above the header carry the report's title and its `Start date: 20261101` /
`End date: 20261130`; without a Date column each row is a total over that period. Decisions:
sessions are the `sessions` counter (not clicks: a session is a visit, not an ad click), on
platform `web` unless --platform says otherwise; GA4's non-campaigns `(direct)`,
`(organic)`, `(referral)`, `(not set)` are skipped.
"""

from __future__ import annotations

from storage.exports.spec import Spec, header_map

GA4 = Spec(
    name="ga4",
    headers=header_map(
        (
            "campaign",
            (
                "session campaign",
                "session manual campaign name",
                "sessiecampagne",
                "campaign",
                "campagne",
            ),
        ),
        ("date", ("date", "datum")),
        ("sessions", ("sessions", "sessies")),
        ("conversions", ("key events", "conversions", "belangrijke gebeurtenissen", "conversies")),
        (
            "revenue",
            ("total revenue", "totale opbrengst", "purchase revenue", "opbrengst uit aankopen"),
        ),
        (
            "breakdown",
            (
                "session source / medium",
                "session source",
                "session medium",
                "session default channel group",
                "sessiebron/-medium",
                "sessiebron / medium",
                "sessiebron",
                "sessiemedium",
            ),
        ),
    ),
    markers=frozenset(
        {
            "engaged sessions",
            "engagement rate",
            "average engagement time per session",
            "events per session",
            "event count",
            "session key event rate",
            "users",
            "betrokken sessies",
            "betrokkenheidspercentage",
            "aantal gebeurtenissen",
            "average engagement time",
            "engaged sessions per user",
        }
    ),
    platform="web",
    fractional=frozenset({"conversions"}),
    dateless=True,
)
