"""What stands out in a week: three to five insights read from the digest's numbers.

Rules (thresholds are data below): low engagement (under the 1 % benchmark), high CTR with
low conversion, falling reach (20 %+ down week on week), best and worst platform, spend pace
against the campaign budget. Each gives an Insight (i18n key, arguments, severity); they are
ranked by severity, then strength, at most two of a kind and five in all. When fewer than
three fire, neutral facts fill up (best campaign by ROI, by engagement rate, biggest
spender).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from kpi.benchmarks import built_in
from kpi.counters import platform_label
from kpi.formatting import fmt_money, fmt_number, fmt_percent
from kpi.i18n import t
from kpi.periods import Period
from kpi.registry import REGISTRY, best_of, better_of, compute
from kpi.totals import Totals
from kpi.weeks import CampaignDigest, CampaignInfo, totals_by_week

Severity = Literal["high", "medium", "low", "info"]
NumUnit = Literal["percent", "money", "count", "ratio", "change"]
Args = dict[str, "str | Num"]
SEVERITY_RANK: Mapping[Severity, int] = {"high": 3, "medium": 2, "low": 1, "info": 0}

#: Engagement rate (%) under which engagement counts as low: the benchmark's lower end.
LOW_ENGAGEMENT: float = built_in("engagement_rate").low or 0.0
#: CTR (%) from which a CTR counts as high (the top of the organic range).
HIGH_CTR: float = built_in("ctr", "organic").high or 0.0
#: Conversion rate (%) under which clicks "do not convert".
LOW_CONVERSION = 1.0
#: Reach down at least this much (%) week on week is "falling"; twice this is severe.
REACH_DROP = 20.0
#: Spend ahead of the linear pace by this much (relative %) is over pace ...
PACE_OVER = 10.0
#: ... and behind it by this much (relative %) is under pace.
PACE_UNDER = 25.0
#: Minimum volumes so three clicks do not make a story (same spirit as target alerts).
MIN_REACH, MIN_IMPRESSIONS, MIN_CLICKS = 500.0, 1_000.0, 100.0
MAX_INSIGHTS, MIN_INSIGHTS, MAX_PER_KEY = 5, 3, 2


@dataclass(frozen=True, slots=True)
class Num:
    """A number argument with its unit, formatted by `render_insight`: percent (3.1 %),
    money (the insight's currency), count, ratio (2 decimals), change (unsigned whole %: the
    text says up or down)."""

    value: float
    unit: NumUnit


@dataclass(frozen=True, slots=True)
class Insight:
    """One thing that stands out: `key` (i18n text), `args` (strings and Num; `kpi` holds a
    registry name), `severity`, the campaign slug it is about (None: all), and `score`, its
    strength within the severity (bigger ranks first)."""

    key: str
    args: Mapping[str, str | Num] = field(default_factory=dict)
    severity: Severity = "info"
    campaign: str | None = None
    score: float = 0.0
    currency: str | None = None  # of its money arguments; None: the digest's


def _value(section: CampaignDigest, kpi: str) -> float | None:
    return section.line(kpi).current.value


def _count(totals: Totals, name: str) -> float:
    return totals.get(name) or 0.0


def low_engagement(section: CampaignDigest) -> Insight | None:
    """Engagement rate under LOW_ENGAGEMENT % on at least MIN_REACH reach."""
    rate = _value(section, "engagement_rate")
    if rate is None or rate >= LOW_ENGAGEMENT or _count(section.current, "reach") < MIN_REACH:
        return None
    args: Args = {"campaign": section.name, "rate": Num(rate, "percent")}
    args["benchmark"] = Num(LOW_ENGAGEMENT, "percent")
    return Insight("insight.low_engagement", args, "medium", section.slug, LOW_ENGAGEMENT - rate)


def clicks_not_converting(section: CampaignDigest) -> Insight | None:
    """CTR at least HIGH_CTR % while conversions / clicks x 100 is under LOW_CONVERSION %,
    on at least MIN_IMPRESSIONS impressions and MIN_CLICKS clicks."""
    ctr, cur = _value(section, "ctr"), section.current
    conversions = cur.get("conversions")
    clicks = _count(cur, "clicks")
    if ctr is None or conversions is None or ctr < HIGH_CTR or clicks < MIN_CLICKS:
        return None
    if _count(cur, "impressions") < MIN_IMPRESSIONS:
        return None
    rate = conversions / clicks * 100
    if rate >= LOW_CONVERSION:
        return None
    args: Args = {
        "campaign": section.name,
        "ctr": Num(ctr, "percent"),
        "rate": Num(rate, "percent"),
    }
    return Insight("insight.clicks_not_converting", args, "medium", section.slug, ctr - rate)


def falling_reach(section: CampaignDigest) -> Insight | None:
    """Reach down REACH_DROP % or more against the week before (which had MIN_REACH+);
    severity high from twice that drop."""
    before, after = section.previous.get("reach"), section.current.get("reach")
    if before is None or after is None or before < MIN_REACH:
        return None
    drop = (before - after) / before * 100
    if drop < REACH_DROP:
        return None
    args: Args = {
        "campaign": section.name,
        "change": Num(drop, "change"),
        "before": Num(before, "count"),
        "after": Num(after, "count"),
    }
    severity: Severity = "high" if drop >= 2 * REACH_DROP else "medium"
    return Insight("insight.falling_reach", args, severity, section.slug, drop)


def _spent_to_date(weekly: pd.DataFrame, info: CampaignInfo, week: Period) -> float | None:
    if info.spent_to_date is not None:
        return info.spent_to_date
    if info.start is None or not len(weekly):
        return None
    if min(pd.Timestamp(d).date() for d in weekly["week_start"]) > info.start:
        return None  # the frame starts after the campaign did: the sum would be short
    rows = totals_by_week(weekly[weekly["campaign"] == info.slug])
    return sum(tot.total_cost for (_, start), tot in rows.items() if start <= week.start)


def spend_pace(info: CampaignInfo, spent: float | None, week: Period) -> Insight | None:
    """Total cost so far (ad spend + other costs, campaign start through the week's end)
    against the budget's linear pace: budget x days elapsed / days of the campaign.

    budget used up before the end -> high; more than PACE_OVER % ahead of pace -> high;
    more than PACE_UNDER % behind -> low; otherwise an "on track" fact. None without a
    budget, dates or spend, or when the campaign is not running in the week.
    """
    budget, start, end = info.budget, info.start, info.end
    if not budget or start is None or end is None or spent is None:
        return None
    if start > week.end or end < week.start or end < start:
        return None
    elapsed = (min(week.end, end) - start).days + 1
    time_share = elapsed / ((end - start).days + 1) * 100
    spent_share = spent / budget * 100
    args: Args = {
        "campaign": info.name,
        "spent": Num(spent, "money"),
        "budget": Num(budget, "money"),
        "spent_share": Num(spent_share, "percent"),
        "time_share": Num(time_share, "percent"),
        "projected": Num(spent / elapsed * ((end - start).days + 1), "money"),
    }
    ahead = (spent_share - time_share) / time_share * 100
    if spent >= budget and end > week.end:
        return Insight("insight.pace.budget_spent", args, "high", info.slug, 1000.0, info.currency)
    if ahead > PACE_OVER:
        return Insight("insight.pace.over", args, "high", info.slug, ahead, info.currency)
    if ahead < -PACE_UNDER:
        return Insight("insight.pace.under", args, "low", info.slug, -ahead, info.currency)
    return Insight("insight.pace.on_track", args, "info", info.slug, 0.0)


#: Platforms are compared on the first of these KPIs that at least two platforms have.
PLATFORM_KPIS: tuple[tuple[str, NumUnit, str, float], ...] = (
    ("roas", "ratio", "spend", 1.0),
    ("engagement_rate", "percent", "reach", MIN_REACH),
    ("ctr", "percent", "impressions", MIN_IMPRESSIONS),
)


def best_and_worst_platform(
    platform_weekly: pd.DataFrame, week: Period, *, mixed_currencies: bool = False
) -> Insight | None:
    """The best and worst platform of the week on ROAS (revenue / ad spend; ROI needs costs
    that are not split by platform), else engagement rate, else CTR; platforms under the
    KPI's minimum volume are left out. None with fewer than two platforms to compare.
    ROAS is skipped when the campaigns' money is in several currencies (its sums would
    add them up)."""
    rows = totals_by_week(platform_weekly, key="platform")
    week_rows = {name: tot for (name, start), tot in rows.items() if start == week.start}
    for kpi, unit, volume, minimum in PLATFORM_KPIS:
        if mixed_currencies and kpi == "roas":
            continue
        values = {
            name: value
            for name, tot in week_rows.items()
            if _count(tot, volume) >= minimum and (value := compute(kpi, tot).value) is not None
        }
        if len(values) >= 2:
            best = best_of(REGISTRY[kpi], values)
            worst = min(values, key=lambda n: (values[n], n))
            if best is None or better_of(REGISTRY[kpi], values[best], values[worst]) != 0:
                return None
            args: Args = {"kpi": kpi, "best": platform_label(best)}
            args |= {"best_value": Num(values[best], unit), "worst": platform_label(worst)}
            args |= {"worst_value": Num(values[worst], unit)}
            return Insight("insight.platforms", args, "low", None, values[best] - values[worst])
    return None


def _leader(sections: Sequence[CampaignDigest], kpi: str, key: str) -> Insight | None:
    values = {s.slug: v for s in sections if (v := _value(s, kpi)) is not None}
    slug = best_of(REGISTRY[kpi], values)  # none on a tie: "most engaging" must be true
    if slug is None:
        return None
    name = next(s.name for s in sections if s.slug == slug)
    return Insight(key, {"campaign": name, "value": Num(values[slug], "percent")}, "info", slug)


def _top_spender(sections: Sequence[CampaignDigest]) -> Insight | None:
    spend = {s.slug: s.current.ad_spend for s in sections}
    total = sum(spend.values())
    if len(spend) < 2 or total <= 0 or len({s.currency for s in sections}) > 1:
        return None  # a share of a sum over currencies means nothing
    top = max(sections, key=lambda s: (spend[s.slug], s.slug))
    if sum(round(v, 2) == round(spend[top.slug], 2) for v in spend.values()) > 1:
        return None  # two spent the same: nobody "took" the most
    args: Args = {"campaign": top.name, "spend": Num(spend[top.slug], "money")}
    args["share"] = Num(spend[top.slug] / total * 100, "percent")
    return Insight("insight.top_spender", args, "info", top.slug, currency=top.currency)


def rank(insights: Iterable[Insight], limit: int = MAX_INSIGHTS) -> list[Insight]:
    """Most severe first, then strongest; at most MAX_PER_KEY of one key, `limit` in all."""
    ordered = sorted(insights, key=lambda i: (-SEVERITY_RANK[i.severity], -i.score, i.key))
    kept: list[Insight] = []
    for insight in ordered:
        if sum(k.key == insight.key for k in kept) < MAX_PER_KEY and len(kept) < limit:
            kept.append(insight)
    return kept


def find_insights(
    weekly: pd.DataFrame,
    *,
    campaigns: Mapping[str, CampaignInfo],
    week: Period,
    sections: Sequence[CampaignDigest],
    platform_weekly: pd.DataFrame | None = None,
) -> list[Insight]:
    """Three to five insights for the digest of `week` (fewer only when the data has fewer
    to say). `sections` are the digest's campaign sections, `weekly` its weekly frame."""
    rules: tuple[Callable[[CampaignDigest], Insight | None], ...] = (
        low_engagement,
        clicks_not_converting,
        falling_reach,
    )
    found = [i for s in sections for rule in rules if (i := rule(s)) is not None]
    pace = [
        spend_pace(info, _spent_to_date(weekly, info, week), week) for info in campaigns.values()
    ]
    found += [p for p in pace if p is not None and p.severity != "info"]
    if platform_weekly is not None and len(platform_weekly):
        mixed = len({s.currency for s in sections}) > 1
        found += [
            i for i in [best_and_worst_platform(platform_weekly, week, mixed_currencies=mixed)] if i
        ]
    ranked = rank(found)
    if len(ranked) < MIN_INSIGHTS:
        facts = [
            _leader(sections, "roi", "insight.best_roi"),
            _leader(sections, "engagement_rate", "insight.best_engagement"),
            _top_spender(sections),
            *(p for p in pace if p is not None and p.severity == "info"),
        ]
        ranked += [f for f in facts if f is not None][: MIN_INSIGHTS - len(ranked)]
    return ranked


def _fmt(arg: str | Num, name: str, locale: str, currency: str) -> str:
    if isinstance(arg, str):
        return t(f"kpi.{arg}.label", locale) if name == "kpi" else arg
    if arg.unit == "percent":
        return fmt_percent(arg.value, locale)
    if arg.unit == "money":
        return fmt_money(arg.value, currency, locale)
    if arg.unit == "change":
        return fmt_percent(abs(arg.value), locale, 0)
    return fmt_number(arg.value, locale, 0 if arg.unit == "count" else 2)


def render_insight(insight: Insight, locale: str, currency: str) -> str:
    """The insight as one sentence in `locale`, numbers formatted by their unit."""
    currency = insight.currency or currency
    text = {name: _fmt(arg, name, locale, currency) for name, arg in insight.args.items()}
    return t(insight.key, locale, **text)
