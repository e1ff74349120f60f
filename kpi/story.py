"""A digest told as a story: the headline of at most five lines that goes into the channel
(the week in one sentence, the most important change with its direction, the targets at
risk, one suggested action) and whether anything moved beyond noise at all (a `quiet`
subscription skips a week when nothing did).

The suggested action comes from the optimisation rules the digest already applies: the
first insight (kpi.insights, ranked) that asks for an action, else the likely cause
(kpi.causes) of the biggest change when that change is for the worse. Noise thresholds are
data below.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from kpi.causes import FLAT, likely_cause
from kpi.digest import Digest, TargetInfo
from kpi.formatting import fmt_change, fmt_date_range, fmt_value
from kpi.i18n import t
from kpi.insights import render_insight
from kpi.metric import ChangeUnit
from kpi.weeks import CampaignDigest, KpiLine

#: A change at most this big did not move: relative % for amounts and ratios (the "flat" of
#: kpi.causes), percentage points for percent KPIs.
NOISE: Mapping[ChangeUnit, float] = {"%": FLAT, "pts": 0.5}
#: Target states that put a target at risk.
AT_RISK = frozenset({"below", "at_risk", "missed"})
#: Targets named in the headline line; the rest are counted.
NAMED_TARGETS = 3
#: Insight key -> the action it asks for (same arguments as the insight).
INSIGHT_ACTIONS: Mapping[str, str] = {
    "insight.clicks_not_converting": "story.action.clicks_not_converting",
    "insight.low_engagement": "story.action.low_engagement",
    "insight.falling_reach": "story.action.falling_reach",
    "insight.pace.budget_spent": "story.action.budget_spent",
    "insight.pace.over": "story.action.pace_over",
    "insight.pace.under": "story.action.pace_under",
    "insight.platforms": "story.action.platforms",
}
#: Cause key (kpi.causes) -> the action it suggests, with {campaign}.
CAUSE_ACTIONS: Mapping[str, str] = {
    "targets.cause.new_audience": "story.action.cause.new_audience",
    "targets.cause.reach_fell": "story.action.cause.reach_fell",
    "targets.cause.clicks_not_converting": "story.action.clicks_not_converting",
    "targets.cause.cpm_up": "story.action.cause.cpm_up",
    "targets.cause.ctr_fell": "story.action.cause.ctr_fell",
    "targets.cause.spend_fell": "story.action.cause.spend_fell",
    "targets.cause.fewer_posts": "story.action.cause.fewer_posts",
}


@dataclass(frozen=True, slots=True)
class Moved:
    """A KPI line that moved, of a campaign (slug "*": all campaigns); `score` is its
    change in units of noise (1.0 = just at the noise threshold)."""

    campaign: CampaignDigest
    line: KpiLine
    score: float


def _score(line: KpiLine) -> float:
    change = line.change
    if change is None or change.better is None:
        return 0.0
    return abs(change.delta) / NOISE[change.unit]


def biggest_change(digest: Digest) -> Moved | None:
    """The KPI line that moved most beyond noise (ad spend left out: more or less spend is
    a decision, not a result), over each campaign and, with several, all campaigns; None
    when nothing moved beyond noise."""
    shown = list(digest.campaigns)
    if len(shown) > 1 and not digest.mixed_currencies:
        shown.insert(0, digest.overall)
    found = [
        Moved(c, line, _score(line)) for c in shown for line in c.lines if line.kpi.name != "spend"
    ]
    beyond = [m for m in found if m.score > 1.0]
    if not beyond:
        return None
    return max(beyond, key=lambda m: (m.score, m.campaign.slug == "*"))


def at_risk(digest: Digest) -> list[TargetInfo]:
    return [x for x in digest.targets if x.state in AT_RISK]


def moved(digest: Digest) -> bool:
    """True when anything moved beyond noise or a target is at risk (a quiet subscription
    posts only then)."""
    return biggest_change(digest) is not None or bool(at_risk(digest))


def _name(campaign: CampaignDigest, locale: str) -> str:
    return t("digest.overall", locale) if campaign.slug == "*" else campaign.name or campaign.slug


def week_sentence(digest: Digest) -> str:
    """ "23–29 Nov 2026: €1,234.00 ad spend over 2 campaigns, revenue €2,345.00." """
    locale = digest.locale
    dates = fmt_date_range(digest.week.start, digest.week.end, locale, digest.week.end.year)
    if not digest.campaigns:
        return t("story.week.empty", locale, dates=dates)
    count = len(digest.campaigns)
    if digest.mixed_currencies:
        return t("story.week.mixed", locale, dates=dates, count=count)
    overall = digest.overall
    spend = overall.line("spend").current.value
    revenue = overall.line("revenue").current.value
    money = {"dates": dates, "count": count}
    shown = fmt_value(spend, "currency", locale, digest.currency)
    one = ".one" if count == 1 else ""
    if revenue is None:
        return t(f"story.week.spend{one}", locale, spend=shown, **money)
    revenue_shown = fmt_value(revenue, "currency", locale, digest.currency)
    return t(f"story.week{one}", locale, spend=shown, revenue=revenue_shown, **money)


def change_sentence(digest: Digest) -> str:
    """ "Biggest change: campaign-x · CPA €12.00 ▲ 18.0 % — worse." """
    locale = digest.locale
    top = biggest_change(digest)
    if top is None or top.line.change is None:
        return t("story.change.none", locale)
    currency = top.campaign.currency or digest.currency
    value = fmt_value(top.line.current.value, top.line.kpi.unit, locale, currency)
    return t(
        "story.change",
        locale,
        campaign=_name(top.campaign, locale),
        kpi=t(f"kpi.{top.line.kpi.name}.label", locale),
        value=value,
        change=fmt_change(top.line.change, locale),
    )


def targets_sentence(digest: Digest) -> str | None:
    """ "Targets at risk: 1 of 3 — campaign-x engagement rate (off target)." None without
    targets."""
    locale = digest.locale
    if not digest.targets:
        return None
    risky = at_risk(digest)
    if not risky:
        return t("story.targets.ok", locale, count=len(digest.targets))
    names = {c.slug: c.name for c in digest.campaigns}
    named = [
        t(
            "story.targets.item",
            locale,
            campaign=names.get(x.campaign, x.campaign)
            if x.campaign
            else t("targets.all_campaigns", locale),
            kpi=t(f"kpi.{x.kpi}.label", locale),
            state=t(f"targets.state.{x.state}", locale),
        )
        for x in risky[:NAMED_TARGETS]
    ]
    more = len(risky) - NAMED_TARGETS
    listed = ", ".join(named) + (t("list.and_more", locale, count=more) if more > 0 else "")
    return t("story.targets.risk", locale, count=len(risky), total=len(digest.targets), list=listed)


def action_sentence(digest: Digest) -> str:
    """One suggested action: the first ranked insight that asks for one, else the likely
    cause of the biggest change when it is for the worse, else "keep the plan"."""
    locale = digest.locale
    for insight in digest.insights:
        key = INSIGHT_ACTIONS.get(insight.key)
        if key is not None:
            action = render_insight(dataclasses.replace(insight, key=key), locale, digest.currency)
            return t("story.action", locale, action=action)
    top = biggest_change(digest)
    if top is not None and top.line.change is not None and top.line.change.better is False:
        cause = likely_cause(top.campaign.current, top.campaign.previous, top.line.kpi)
        if cause is not None and cause[0] in CAUSE_ACTIONS:
            action = t(CAUSE_ACTIONS[cause[0]], locale, campaign=_name(top.campaign, locale))
            return t("story.action", locale, action=action)
    return t("story.action", locale, action=t("story.action.keep", locale))


def headline(digest: Digest) -> tuple[str, ...]:
    """The channel message: at most five lines."""
    lines = [week_sentence(digest), change_sentence(digest)]
    targets = targets_sentence(digest)
    if targets is not None:
        lines.append(targets)
    lines.append(action_sentence(digest))
    return tuple(lines)
