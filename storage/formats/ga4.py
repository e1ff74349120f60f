"""Google Analytics 4 traffic acquisition by session campaign.

Comment lines start with `#` (the property, `# Start date: 20261101`, `# End date: ...`);
`Session campaign`, `Date` (YYYYMMDD), `Key events` (or `Conversions`) as conversions,
`Total revenue` as revenue. Platform: "web". Rows for `(direct)`, `(organic)`, `(not set)`,
`(referral)` are traffic without a campaign: skipped and counted ("not_campaign").

Sessions are NOT imported as clicks: a session is a visit to the site, not a click on an ad,
and a campaign's clicks summed over platforms would count an ad click on Facebook and the
visit it led to twice. A team that wants them can map them in its alias file
(`"Sessions" = "clicks"`). Without a Date column each row is a total over the period the
`# Start date` / `# End date` comments give.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.formats.dates import parse_date
from storage.formats.spec import FormatSpec, Period

HEADERS: dict[str, str] = {
    "session campaign": "campaign",
    "session campaign name": "campaign",
    "session manual campaign name": "campaign",
    "sessiecampagne": "campaign",
    "date": "day",
    "datum": "day",
    "key events": "conversions",
    "conversions": "conversions",
    "belangrijke gebeurtenissen": "conversions",
    "conversies": "conversions",
    "total revenue": "revenue",
    "totale opbrengst": "revenue",
    "purchase revenue": "revenue",
}


def not_a_campaign(name: str) -> bool:
    """GA4's placeholders: `(direct)`, `(organic)`, `(referral)`, `(not set)`..."""
    return name.startswith("(") and name.endswith(")")


def comment_period(lines: Sequence[str]) -> Period | None:
    """`# Start date: 20261101` and `# End date: 20261130` among the comment lines."""
    found: dict[str, str] = {}
    for line in lines:
        text = line.lstrip("#").strip().lower()
        for key in ("start date", "end date", "startdatum", "einddatum"):
            if text.startswith(key + ":"):
                found["start" if key.startswith("start") else "end"] = text.split(":", 1)[1]
    start = parse_date(found.get("start", ""))
    end = parse_date(found.get("end", ""))
    return (start, end) if start and end and start <= end else None


SPEC = FormatSpec(
    name="ga4",
    headers=HEADERS,
    required=("day", "campaign"),
    platform="web",
    comment="#",
    skip_campaign=not_a_campaign,
    preamble_period=comment_period,
)
