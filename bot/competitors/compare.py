"""`/kpi compare me <competitor> [engagement|followers|posting] [on <platform>]` (`/kpi
vergelijk mij …`): your own figures against a competitor's, over the dates of what was noted
of them, per platform. "You" is every campaign of the workspace that is not archived, on
that platform. A figure that cannot be computed — no follower counts of yours, your data
not spanning their dates — says why instead of guessing (kpi.competitors)."""

from __future__ import annotations

import datetime as dt

from bot.blocks.common import context, header, sections
from bot.competitors.commands import one_competitor
from bot.competitors.parse import platform_of
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import VERSUS, Compare, split_platform, tokenize
from bot.queries.blocks import reason_text, share_actions
from bot.services import Services
from kpi.competitors import (
    Figure,
    better,
    covers,
    my_growth,
    per_week,
    their_engagement,
    their_growth,
    their_posting,
)
from kpi.counters import platform_label
from kpi.errors import UnknownKpi
from kpi.formatting import fmt_date, fmt_date_range, fmt_number, fmt_percent
from kpi.registry import REGISTRY, compute, lookup
from storage.competitors.records import CompetitorRec, Observation

EXAMPLE = "example.compare_me"
#: what "me" is called (English and Dutch)
ME_WORDS = ("me", "myself", "us", "we", "mij", "mijzelf", "ik", "ons", "wij")
#: the most words a competitor's name may have when typed without quotes
MAX_NAME_WORDS = 6
#: words for the three measures, before the KPI registry's own names and aliases
MEASURE_WORDS = {
    "followers": "followers",
    "follower": "followers",
    "growth": "followers",
    "volgers": "followers",
    "groei": "followers",
    "posting": "posting",
    "posts": "posting",
    "frequency": "posting",
    "berichten": "posting",
    "frequentie": "posting",
    "engagement": "engagement",
    "betrokkenheid": "engagement",
}
#: the registry's KPIs that mean one of the measures
KPI_MEASURES = {
    "engagement_rate": "engagement",
    "engagements": "engagement",
    "follower_growth": "followers",
    "follower_growth_rate": "followers",
    "posts": "posting",
    "posts_per_day": "posting",
}
ORDER = ("engagement", "followers", "posting")
#: the competitor's figure of each measure from its observations
THEIRS = {"engagement": their_engagement, "followers": their_growth, "posting": their_posting}


def wants_me(cmd: Compare, services: Services, ctx: Ctx) -> bool:
    """`compare me …` (or `compare <competitor> me`) and no campaign is called "me"."""
    for word in (cmd.first, cmd.second):
        if word.lower() in ME_WORDS and services.repo.find_campaign(ctx.team_id, word) is None:
            return True
    return False


def _measures(words: list[str]) -> tuple[str, ...]:
    if not words:
        return ORDER
    text = " ".join(words).lower()
    if text in MEASURE_WORDS:
        return (MEASURE_WORDS[text],)
    try:
        kpi = lookup(text)
    except UnknownKpi:
        kpi = None
    if kpi is not None and kpi.name in KPI_MEASURES:
        return (KPI_MEASURES[kpi.name],)
    raise UserError("compare_me.error.kpi", EXAMPLE, word=" ".join(words))


def _read(services: Services, ctx: Ctx) -> tuple[CompetitorRec, tuple[str, ...], str | None]:
    """The competitor, the measures and the platform of the typed command."""
    words = tokenize(ctx.typed)[1:]  # without `compare`
    me = next(i for i, w in enumerate(words) if w.lower() in ME_WORDS)
    before, after = words[:me], words[me + 1 :]
    if after and after[0].lower() in VERSUS:  # `me vs Acme`
        after = after[1:]
    if before and before[-1].lower() in VERSUS:  # `Acme vs me`
        before = before[:-1]
    words = before + after
    words, platform_word = split_platform(words)
    if not words:
        raise UserError("compare_me.error.usage", EXAMPLE)
    for n in range(min(len(words), MAX_NAME_WORDS), 0, -1):
        found = services.competitors.find(ctx.team_id, " ".join(words[:n]))
        if found is not None:
            rest = words[n:]
            break
    else:  # an unknown name: the words up to where a measure starts
        cut = next((i for i in range(1, len(words)) if _is_measure(words[i:])), len(words))
        one_competitor(services, ctx, " ".join(words[:cut]), EXAMPLE)  # refuses
        raise AssertionError("unreachable")
    platform = None
    if platform_word is not None:
        platform = platform_of(platform_word)
        if platform is None:
            raise UserError("compare_me.error.platform", EXAMPLE, word=platform_word)
    return found, _measures(rest), platform


def _is_measure(words: list[str]) -> bool:
    try:
        _measures(words)
    except UserError:
        return False
    return True


def compare_me(services: Services, ctx: Ctx) -> Reply:
    competitor, measures, platform = _read(services, ctx)
    seen = services.competitors.observations(ctx.team_id, competitor.id, platform)
    if not seen:
        all_seen = services.competitors.observations(ctx.team_id, competitor.id)
        platforms = ", ".join(sorted({platform_label(o.platform) for o in all_seen}))
        key = "compare_me.error.no_platform" if all_seen else "compare_me.error.nothing"
        raise UserError(key, EXAMPLE, name=competitor.name, platforms=platforms,
                        platform=platform_label(platform or ""))  # fmt: skip
    by_platform: dict[str, list[Observation]] = {}
    for obs in seen:
        by_platform.setdefault(obs.platform, []).append(obs)
    title = ctx.t("compare_me.title", name=competitor.name)
    lines: list[str] = []
    for name, observed in by_platform.items():
        span = services.competitors.my_span(ctx.team_id, name)
        lines.append(f"*{platform_label(name)}*")
        lines += [
            measure_line(services, ctx, competitor.name, name, m, observed, span) for m in measures
        ]
    notes = [
        ctx.t("compare_me.you", platforms=", ".join(platform_label(p) for p in by_platform)),
        ctx.t("compare_me.them", name=competitor.name),
        ctx.t("compare_me.legend"),
    ]
    blocks = [header(title), *sections("\n".join(lines)), context(*notes)]
    if len(ctx.typed) <= 500:
        blocks.append(share_actions(ctx.typed, ctx))
    return Reply(blocks, title, shareable=True)


def measure_line(
    services: Services,
    ctx: Ctx,
    name: str,
    platform: str,
    measure: str,
    seen: list[Observation],
    span: tuple[dt.date, dt.date] | None,
) -> str:
    theirs = THEIRS[measure](seen)
    label = ctx.t(f"compare_me.measure.{measure}")
    if theirs.start is None or theirs.end is None:
        return f"{label}: " + ctx.t(theirs.reason or "na.unknown", name=name, **theirs.args)
    dates = fmt_date_range(theirs.start, theirs.end, ctx.locale, ctx.today.year)
    mine = _mine(services, ctx, platform, measure, theirs.start, theirs.end, span)
    marks = ["", ""]
    side = better(mine.value, theirs.value)
    if side is not None:
        marks[side] = " ✓"
    you = _shown(ctx, measure, mine) + marks[0]
    them = _shown(ctx, measure, theirs) + marks[1]
    return ctx.t("compare_me.line", measure=label, dates=dates, you=you, name=name, them=them)


def _mine(
    services: Services,
    ctx: Ctx,
    platform: str,
    measure: str,
    start: dt.date,
    end: dt.date,
    span: tuple[dt.date, dt.date] | None,
) -> Figure:
    """Your figure over exactly [start, end] on `platform`, or why there is none."""
    where = platform_label(platform)
    if span is None:
        return Figure(None, reason="compare_me.na.no_data", args={"platform": where})
    if not covers(span, start, end):
        shown = fmt_date_range(span[0], span[1], ctx.locale, ctx.today.year)
        return Figure(None, reason="compare_me.na.period", args={"platform": where, "yours": shown})
    totals = services.repo.totals
    team = ctx.team_id
    if measure == "engagement":
        result = compute(REGISTRY["engagement_rate"], totals(team, None, start, end, platform))
        if result.value is None:
            return Figure(None, reason="compare_me.na.kpi", args={"why": reason_text(result, ctx)})
        return Figure(result.value, start, end)
    if measure == "posting":
        posts = totals(team, None, start, end, platform).get("posts")
        if posts is None:
            return Figure(None, reason="compare_me.na.my_posts", args={"platform": where})
        return Figure(per_week(posts, (end - start).days + 1), start, end)
    after = start + dt.timedelta(days=1)
    return my_growth(
        start,
        end,
        totals(team, None, start, start, platform).get("followers"),
        totals(team, None, end, end, platform).get("followers"),
        totals(team, None, after, end, platform).get("followers_gained"),
    )


def _shown(ctx: Ctx, measure: str, figure: Figure) -> str:
    if figure.value is None:
        why = ctx.t(figure.reason or "na.unknown", **_args(ctx, figure))
        if measure == "followers" and figure.gained is not None:
            return ctx.t("compare_me.gained_only", gained=_signed(ctx, figure.gained), why=why)
        return ctx.t("compare_me.na", why=why)
    if measure == "engagement":
        return fmt_percent(figure.value, ctx.locale)
    if measure == "posting":
        return ctx.t("compare_me.per_week", count=fmt_number(figure.value, ctx.locale, 1))
    rate = fmt_percent(figure.value, ctx.locale)
    shown = ("+" if figure.value > 0 else "") + rate
    gained = _signed(ctx, figure.gained or 0)
    return ctx.t("compare_me.growth", rate=shown, gained=gained)


def _signed(ctx: Ctx, value: float) -> str:
    return ("+" if value > 0 else "") + fmt_number(value, ctx.locale)


def _args(ctx: Ctx, figure: Figure) -> dict[str, object]:
    args = dict(figure.args)
    if figure.start is not None and figure.end is not None:
        args.setdefault("start", fmt_date(figure.start, ctx.locale))
        args.setdefault("end", fmt_date(figure.end, ctx.locale))
    return args
