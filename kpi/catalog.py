"""Every KPI in one place, as data: one entry per KPI, in the order `/kpi list` shows — its
name and aliases (English and Dutch), unit, favourable direction, formula (the template
people read and the function that computes it, whose denominator is the KPI's), goals.
Industry benchmark ranges are not here: kpi.benchmarks holds them (one source). A KPI is
cumulative when it is a count or an amount that divides nothing.

CPA, CPL, CPC and CPM divide ad spend only; ROI and cost per post divide total cost.
"""

from __future__ import annotations

from collections.abc import Callable

from kpi import formulas as f
from kpi.counters import GOALS
from kpi.metric import Direction, Kpi, Terms, Unit

AWARE, ENGAGE, CONVERT, SERVICE = GOALS
ALL_GOALS = GOALS


def _kpi(
    name: str,
    unit: Unit,
    direction: Direction,
    formula: str,
    fn: Callable[[Terms], float],
    aliases: tuple[str, ...] = (),
    goals: tuple[str, ...] = ALL_GOALS,
    *,
    vanity: bool = False,
) -> Kpi:
    denominator = fn.denominator if isinstance(fn, f.Ratio | f.ReturnOn) else None
    return Kpi(
        name=name,
        unit=unit,
        direction=direction,
        formula=formula,
        fn=fn,
        aliases=aliases,
        needs=f.counters_needed(formula),
        vanity=vanity,
        goals=goals,
        denominator=denominator,
        cumulative=unit in ("count", "currency") and denominator is None,
    )


def _sum(
    name: str, unit: Unit, aliases: tuple[str, ...], goals: tuple[str, ...], *, vanity: bool
) -> Kpi:
    direction: Direction = "lower" if name == "spend" else "higher"
    formula = "{" + name + "}"
    return _kpi(name, unit, direction, formula, f.plain(name), aliases, goals, vanity=vanity)


KPIS: tuple[Kpi, ...] = (
    # reach and attention
    _sum("reach", "count", ("bereik",), (AWARE, ENGAGE), vanity=True),
    _sum("impressions", "count", ("weergaven", "vertoningen"), (AWARE,), vanity=True),
    _kpi("frequency", "ratio", "higher", "{impressions} / {reach}",
         f.ratio("impressions", "reach"), ("frequentie",), (AWARE,)),
    # engagement
    _kpi("engagements", "count", "higher", "{likes} + {comments} + {shares} + {clicks}",
         f.engagements, ("interactions", "interacties"), (ENGAGE, SERVICE), vanity=True),
    _kpi("engagement_rate", "percent", "higher", "{engagements} / {reach} × 100",
         f.ratio("engagements", "reach", 100),
         ("engagement", "er", "betrokkenheid", "engagementratio", "betrokkenheidsratio"),
         (ENGAGE, SERVICE)),
    _kpi("ctr", "percent", "higher", "{clicks} / {impressions} × 100",
         f.ratio("clicks", "impressions", 100),
         ("click through rate", "click-through rate", "doorklikratio", "klikratio"),
         (ENGAGE, CONVERT)),
    _kpi("conversion_rate", "percent", "higher", "{conversions} / {clicks} × 100",
         f.ratio("conversions", "clicks", 100), ("cr", "conversieratio", "conversiepercentage"),
         (CONVERT,)),
    # cost efficiency over ad spend
    _kpi("cpc", "currency", "lower", "{ad_spend} / {clicks}", f.ratio("ad_spend", "clicks"),
         ("cost per click", "kosten per klik"), (ENGAGE, CONVERT)),
    _kpi("cpm", "currency", "lower", "{ad_spend} / {impressions} × 1000",
         f.ratio("ad_spend", "impressions", 1000),
         ("cost per mille", "cost per thousand", "kosten per duizend"), (AWARE,)),
    _kpi("cpa", "currency", "lower", "{ad_spend} / {conversions}",
         f.ratio("ad_spend", "conversions"),
         ("cost per acquisition", "cost per conversion", "kosten per conversie"), (CONVERT,)),
    _kpi("cpl", "currency", "lower", "{ad_spend} / {leads}", f.ratio("ad_spend", "leads"),
         ("cost per lead", "kosten per lead"), (CONVERT,)),
    # money
    _kpi("total_cost", "currency", "lower", "{ad_spend} + {other_costs}", f.total_cost,
         ("total costs", "kosten", "totale kosten")),
    _kpi("roi", "percent", "higher", "({revenue} − {total_cost}) / {total_cost} × 100",
         f.return_on(f.plain("revenue")), ("return on investment", "rendement"), (CONVERT,)),
    _kpi("roas", "ratio", "higher", "{revenue} / {ad_spend}", f.ratio("revenue", "ad_spend"),
         ("return on ad spend", "advertentierendement"), (CONVERT,)),
    # followers
    _kpi("follower_growth", "count", "higher", "{followers_gained}",
         f.plain("followers_gained"),
         ("followers gained", "new followers", "volgersgroei", "nieuwe volgers", "volgers"),
         (AWARE, ENGAGE), vanity=True),
    _kpi("follower_growth_rate", "percent", "higher",
         "{followers_gained} / {followers_at_start} × 100",
         f.ratio("followers_gained", "followers_at_start", 100),
         ("follower growth %", "groeipercentage volgers", "volgersgroeipercentage"),
         (AWARE, ENGAGE)),
    # video
    _kpi("video_completion", "percent", "higher", "{video_completions} / {video_views} × 100",
         f.ratio("video_completions", "video_views", 100),
         ("video completion rate", "vcr", "completion rate", "voltooiingsgraad",
          "video voltooiing"), (AWARE, ENGAGE)),
    # lifetime value
    _kpi("ltv", "currency", "higher", "{customers} × {ltv_per_customer}", f.ltv,
         ("lifetime value", "customer lifetime value", "clv", "klantwaarde"), (CONVERT,)),
    _kpi("ltv_roi", "percent", "higher", "({ltv} − {total_cost}) / {total_cost} × 100",
         f.return_on(f.ltv), ("ltv based roi", "roi ltv", "ltv rendement"), (CONVERT,)),
    # posting
    _sum("posts", "count", ("berichten",), ALL_GOALS, vanity=True),
    _kpi("posts_per_day", "ratio", "higher", "{posts} / {days}", f.ratio("posts", "days"),
         ("posting frequency", "posts per dag", "berichten per dag")),
    _kpi("cost_per_post", "currency", "lower", "{total_cost} / {posts}",
         f.ratio("total_cost", "posts"), ("kosten per post", "kosten per bericht")),
    _kpi("hours_per_post", "ratio", "lower", "{staff_hours} / {posts}",
         f.ratio("staff_hours", "posts"), ("uren per post", "uren per bericht")),
    # plain sums
    _sum("spend", "currency", ("ad spend", "advertentie uitgaven", "uitgaven"),
         ALL_GOALS, vanity=False),
    _sum("revenue", "currency", ("omzet", "opbrengst", "inkomsten"), (CONVERT,), vanity=False),
    _sum("clicks", "count", ("klikken", "kliks"), (ENGAGE, CONVERT), vanity=False),
    _sum("sessions", "count", ("sessies", "visits", "bezoeken"), (ENGAGE, CONVERT),
         vanity=False),
    _sum("conversions", "count", ("conversies",), (CONVERT,), vanity=False),
    _sum("leads", "count", ("aanmeldingen",), (CONVERT,), vanity=False),
    _sum("likes", "count", ("vind-ik-leuks",), (ENGAGE,), vanity=True),
    _sum("comments", "count", ("reacties",), (ENGAGE, SERVICE), vanity=True),
    _sum("shares", "count", ("gedeeld", "keer gedeeld"), (ENGAGE,), vanity=True),
    _sum("saves", "count", ("opgeslagen", "bewaard"), (ENGAGE,), vanity=True),
    _sum("mentions", "count", ("vermeldingen",), (AWARE, SERVICE), vanity=True),
    _sum("video_views", "count", ("video weergaven", "videoweergaven"), (AWARE,), vanity=True),
)  # fmt: skip
