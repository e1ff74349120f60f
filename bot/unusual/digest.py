"""The digest's "Unusual" lines: each campaign's key KPIs on the last day of the week with
data, judged against their usual range; only the unusual ones are named. A small function
the digest (or the Home tab) calls with the campaigns it shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.unusual.judging import daily_for
from bot.unusual.lines import unusual_line
from kpi.registry import lookup
from kpi.unusual import Verdict, judge_last_many
from storage.campaigns.memo import remembered
from storage.campaigns.records import CampaignRec
from storage.repository import Repository

#: The KPIs a digest looks at (those its campaign sections show).
DIGEST_KPIS = ("spend", "cpa", "ctr", "engagement_rate", "roas")
#: The campaigns a digest judges: its biggest spenders (a week's digest stays quick).
UNUSUAL_CAMPAIGNS = 10
#: At most this many lines: the most unusual first.
MAX_LINES = 8


def unusual_lines(
    repo: Repository,
    team_id: str,
    campaigns: Sequence[CampaignRec],
    last: dt.date,
    locale: str,
    currency: str,
) -> list[str]:
    """ "campaign-x: Unusual: CPA €30.00 on 29 Nov 2026 — expected €14.25–€15.75 (worse
    than usual)" for every campaign x DIGEST_KPIS whose last day with data up to ``last``
    is unusual, the furthest from its range first; empty when nothing is."""
    found: list[tuple[float, str]] = []
    kpis = [lookup(name) for name in DIGEST_KPIS]
    for campaign in campaigns:
        span = repo.data_range(team_id, [campaign.id])
        if span is None or span[0] > last:
            continue
        day = min(span[1], last)

        def fit(campaign: CampaignRec = campaign, day: dt.date = day) -> dict[str, Verdict]:
            daily = daily_for(repo, team_id, [campaign.id], day)
            return judge_last_many(kpis, daily, day, campaign.ltv_per_customer)

        # In a digest tick (storage.campaigns.memo) each campaign is fitted once, however
        # many digests show it: the same rows, the same day, the same verdicts.
        key = ("unusual", team_id, campaign.id, day, campaign.ltv_per_customer)
        verdicts = remembered(key, fit)
        for kpi in kpis:
            verdict = verdicts[kpi.name]
            if verdict.unusual:
                line = unusual_line(kpi, verdict, locale, campaign.currency or currency)
                found.append((abs(verdict.z or 0.0), f"{campaign.slug}: {line}"))
    found.sort(key=lambda item: -item[0])
    return [line for _, line in found[:MAX_LINES]]
