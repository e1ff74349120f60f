"""The likely cause of a KPI's move, read from the data: this period's sums against the last.

Each rule looks at a few counters (reach, engagements, clicks, conversions, spend, posts)
and names the most plausible driver, e.g. "reach up 38 % while engagements stayed flat — a
new audience engages less". Rules are tried in order; the first that applies to the KPI
and fires wins. Thresholds are data (relative changes in %).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kpi.formatting import fmt_money, fmt_percent
from kpi.formulas import resolve_term
from kpi.i18n import t
from kpi.metric import Kpi
from kpi.totals import Totals

#: A relative change at least this big (in %) counts as "up" or "down".
MOVED = 20.0
#: A relative change at most this big (in %) counts as "flat" / "held".
FLAT = 10.0
#: CPM rising this much (in %) makes the auction the likely cause.
CPM_UP = 15.0
#: Fewer posts by this much (in %) explains less reach.
POSTS_DOWN = 30.0

Cause = tuple[str, dict[str, float]]
Args = dict[str, float] | None


def pct_change(current: float | None, previous: float | None) -> float | None:
    """(current − previous) / previous x 100; None when either is missing or previous is 0."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous) * 100


def _ratio(totals: Totals, top: str, bottom: str, scale: float = 1.0) -> float | None:
    num, den = resolve_term(top, totals), resolve_term(bottom, totals)
    if num is None or not den:
        return None
    return num / den * scale


def _change(cur: Totals, prev: Totals, term: str) -> float | None:
    return pct_change(resolve_term(term, cur), resolve_term(term, prev))


def _new_audience(cur: Totals, prev: Totals) -> Args:
    reach, engagements = _change(cur, prev, "reach"), _change(cur, prev, "engagements")
    if reach is None or engagements is None or reach < MOVED or abs(engagements) > FLAT:
        return None
    return {"reach_change": reach}


def _clicks_not_converting(cur: Totals, prev: Totals) -> Args:
    clicks = _change(cur, prev, "clicks")
    before = _ratio(prev, "conversions", "clicks", 100)
    after = _ratio(cur, "conversions", "clicks", 100)
    drop = pct_change(after, before)
    if clicks is None or drop is None or clicks < -FLAT or drop > -MOVED:
        return None
    assert before is not None and after is not None
    return {"rate_before": before, "rate_after": after, "clicks_change": clicks}


def _cpm_up(cur: Totals, prev: Totals) -> Args:
    before = _ratio(prev, "ad_spend", "impressions", 1000)
    after = _ratio(cur, "ad_spend", "impressions", 1000)
    rise = pct_change(after, before)
    if rise is None or rise < CPM_UP:
        return None
    assert before is not None and after is not None
    return {"cpm_change": rise, "cpm_before": before, "cpm_after": after}


def _ctr_fell(cur: Totals, prev: Totals) -> Args:
    impressions = _change(cur, prev, "impressions")
    before = _ratio(prev, "clicks", "impressions", 100)
    after = _ratio(cur, "clicks", "impressions", 100)
    drop = pct_change(after, before)
    if impressions is None or drop is None or impressions < -FLAT or drop > -MOVED:
        return None
    assert before is not None and after is not None
    return {"rate_before": before, "rate_after": after}


def _spend_fell(cur: Totals, prev: Totals) -> Args:
    spend = _change(cur, prev, "ad_spend")
    return None if spend is None or spend > -MOVED else {"spend_change": spend}


def _reach_fell(cur: Totals, prev: Totals) -> Args:
    reach = _change(cur, prev, "reach")
    per_person = pct_change(
        _ratio(cur, "engagements", "reach"), _ratio(prev, "engagements", "reach")
    )
    if reach is None or per_person is None or reach > -MOVED or abs(per_person) > FLAT:
        return None
    return {"reach_change": reach}


def _fewer_posts(cur: Totals, prev: Totals) -> Args:
    posts = _change(cur, prev, "posts")
    return None if posts is None or posts > -POSTS_DOWN else {"posts_change": posts}


@dataclass(frozen=True, slots=True)
class Rule:
    """A cause (i18n key) and the KPIs it can explain."""

    key: str
    kpis: frozenset[str]
    test: Callable[[Totals, Totals], Args]


_VOLUME = frozenset({"reach", "impressions", "engagements", "clicks", "follower_growth"})
_SALES = frozenset({"conversions", "conversion_rate", "cpa", "revenue", "roas", "roi", "leads"})

#: Most specific first: a cause that explains the KPI's own ratio before a volume story.
RULES: tuple[Rule, ...] = (
    Rule("targets.cause.new_audience", frozenset({"engagement_rate"}), _new_audience),
    Rule("targets.cause.clicks_not_converting", _SALES, _clicks_not_converting),
    Rule(
        "targets.cause.cpm_up",
        frozenset({"cpm", "cpc", "cpa", "cpl", "roas", "roi", "reach", "impressions"}),
        _cpm_up,
    ),  # fmt: skip
    Rule("targets.cause.ctr_fell", frozenset({"ctr", "clicks", "cpc", "conversions"}), _ctr_fell),
    Rule("targets.cause.spend_fell", _VOLUME | _SALES - {"cpa", "conversion_rate"}, _spend_fell),
    Rule("targets.cause.reach_fell", _VOLUME - {"reach"}, _reach_fell),
    Rule("targets.cause.fewer_posts", _VOLUME | {"engagement_rate"}, _fewer_posts),
)


def likely_cause(current: Totals, previous: Totals, kpi: Kpi | str) -> Cause | None:
    """The first rule for ``kpi`` that fires on ``current`` vs ``previous`` (the same
    length of period before), as (i18n key, args), or None when no rule explains the move.

    Args ending in ``_change`` are relative changes in % (negative = down), ``rate_*``
    percentages, ``cpm_*`` amounts; ``render_cause`` formats them.
    """
    name = kpi if isinstance(kpi, str) else kpi.name
    for rule in RULES:
        if name in rule.kpis:
            args = rule.test(current, previous)
            if args is not None:
                return rule.key, args
    return None


def render_cause(cause: Cause, locale: str, currency: str) -> str:
    """The cause as a sentence in ``locale``: changes as unsigned whole percentages (the
    text says up or down), rates as percentages, CPM as money."""
    key, args = cause
    text: Mapping[str, str] = {
        name: (
            fmt_percent(abs(value), locale, 0)
            if name.endswith("_change")
            else fmt_money(value, currency, locale)
            if name.startswith("cpm_")
            else fmt_percent(value, locale)
        )
        for name, value in args.items()
    }
    return t(key, locale, **text)
