"""`/kpi log ...` (a day's numbers typed by hand) and `/kpi cost ...` (costs outside the ad
platforms: tools, staff hours, agency fees, content)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shlex
from collections.abc import Callable, Sequence

from bot.blocks.common import context, section
from bot.campaigns.blocks import log_ask
from bot.context import Ctx, Reply
from bot.errors import UserError
from bot.grammar import CostEntry, Log
from bot.numbers import parse_number
from bot.resolve import campaigns_for, find_campaign, one_campaign
from bot.validation import bounded
from kpi.counters import COUNTERS, DECIMAL_COUNTERS, MONEY_COUNTERS
from kpi.formatting import fmt_date, fmt_money, fmt_number
from storage import bounds
from storage.campaigns.naming import slugify
from storage.campaigns.records import CampaignRec
from storage.repository import Repository

COUNTER_ALIASES = {
    "weergaven": "impressions",
    "vertoningen": "impressions",
    "bereik": "reach",
    "klikken": "clicks",
    "sessies": "sessions",
    "kosten": "spend",
    "besteed": "spend",
    "omzet": "revenue",
    "conversies": "conversions",
    "volgers": "followers",
    "reacties": "comments",
    "gedeeld": "shares",
    "opgeslagen": "saves",
    "weergaven_video": "video_views",
}
CATEGORY_ALIASES = {
    "ads": "ads",
    "advertenties": "ads",
    "tools": "tools",
    "tool": "tools",
    "software": "tools",
    "staff": "staff",
    "personeel": "staff",
    "uren": "staff",
    "hours": "staff",
    "agency": "agency",
    "bureau": "agency",
    "content": "content",
    "other": "other",
    "overig": "other",
    "overige": "other",
}
_HOURS = re.compile(r"^(\d+(?:[.,]\d+)?)h@(.+)$", re.IGNORECASE)


def day_word(word: str, today: dt.date) -> dt.date | None:
    low = word.lower()
    if low in ("today", "vandaag"):
        return today
    if low in ("yesterday", "gisteren"):
        return today - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        return None


def log_reply(
    ctx: Ctx, repo: Repository, cmd: Log, after_log: Sequence[Callable[[Ctx, str], None]] = ()
) -> Reply:
    """Saves a day's numbers, then runs `after_log` (fn(ctx, campaign slug): the checks the
    features do after a log, such as the target check)."""
    campaign = _campaign(ctx, repo, cmd.campaign, cmd.words)
    if not isinstance(campaign, str):  # a new campaign's money: the workspace default
        ctx = ctx.in_currency(campaign.currency)
    day, platform = ctx.today, None
    for word in cmd.words:
        parsed = day_word(word, ctx.today)
        if parsed is not None:
            day = parsed
        elif platform is None and word.isalpha():
            platform = word.lower()
        else:
            raise UserError("error.log_word", "example.log", word=word)
    if day > ctx.today:
        raise UserError("error.log_future", "example.log", date=day.isoformat())
    with bounded(ctx, "example.day"):
        bounds.check_day("date", day, ctx.today)
    counters: dict[str, float] = {}
    for key, raw in cmd.values.items():
        name = COUNTER_ALIASES.get(key, key)
        if name not in COUNTERS:
            raise UserError("error.log_counter", "example.log", name=key, known=", ".join(COUNTERS))
        try:
            value = parse_number(raw, ctx.locale)
        except ValueError as exc:
            raise UserError("error.log_number", "example.log", name=key, value=raw) from exc
        if value < 0:
            raise UserError("error.log_negative", "example.log", name=key, value=raw)
        with bounded(ctx, "example.log"):
            bounds.check_counter(name, value, label=key)
        if name not in DECIMAL_COUNTERS and value != int(value):
            raise UserError("error.log_whole", "example.log", name=key, value=raw)
        counters[name] = value
    platform = platform or "other"
    with bounded(ctx, "example.log"):
        bounds.check_platform(platform)
    if isinstance(campaign, str):  # not a campaign yet: ask before creating it
        return _ask_to_create(ctx, repo, campaign, day, platform, cmd, counters)
    before = repo.metric_values(ctx.team_id, campaign.id, day, platform) or {}
    repo.log_metrics(ctx.team_id, campaign.slug, day, platform, counters)
    for step in after_log:
        step(ctx, campaign.slug)
    changed = any(k in before and before[k] != v for k, v in counters.items())
    text = ctx.t(
        "log.updated" if changed else "log.saved",
        campaign=campaign.slug,
        date=fmt_date(day, ctx.locale),
        platform=platform,
        values=_shown(ctx, counters, before),
    )
    return Reply(
        [section(":white_check_mark: " + text), context(ctx.t("log.hint", campaign=campaign.slug))],
        text,
    )


def _shown(ctx: Ctx, counters: dict[str, float], before: dict[str, float]) -> str:
    """`clicks 30 → 1` for a value that replaced another, `clicks 30 (unchanged)` for the
    same value again, `clicks 30` for a new one."""
    parts = []
    for name, value in counters.items():
        new = _amount(name, value, ctx)
        if name not in before:
            parts.append(f"{name} {new}")
        elif before[name] == value:
            parts.append(ctx.t("log.unchanged_value", name=name, value=new))
        else:
            parts.append(f"{name} {_amount(name, before[name], ctx)} → {new}")
    return ", ".join(parts)


def _ask_to_create(
    ctx: Ctx,
    repo: Repository,
    name: str,
    day: dt.date,
    platform: str,
    cmd: Log,
    counters: dict[str, float],
) -> Reply:
    known = [c.slug for c in repo.list_campaigns(ctx.team_id)]
    near = difflib.get_close_matches(slugify(name), known, n=3, cutoff=0.5)
    pairs = " ".join(shlex.quote(f"{k}={v}") for k, v in cmd.values.items())
    rest = f"{day.isoformat()} {platform} {pairs}"
    return log_ask(
        ctx,
        name,
        near,
        _shown(ctx, counters, {}),
        fmt_date(day, ctx.locale),
        platform,
        rest,
    )


def cost_reply(ctx: Ctx, repo: Repository, cmd: CostEntry) -> Reply:
    found = _campaign(ctx, repo, cmd.campaign, ())
    # A cost needs a campaign with numbers to count in: an unknown name is refused.
    campaign = one_campaign(ctx, repo, found) if isinstance(found, str) else found
    ctx = ctx.in_currency(campaign.currency)
    category = CATEGORY_ALIASES.get(cmd.category)
    if category is None:
        raise UserError(
            "error.cost_category_unknown",
            "example.cost",
            category=cmd.category,
            known=", ".join(sorted(set(CATEGORY_ALIASES.values()))),
        )
    hours = rate = None
    match = _HOURS.match(cmd.amount)
    try:
        if match:
            hours = parse_number(match.group(1), ctx.locale)
            rate = parse_number(match.group(2), ctx.locale)
            amount = hours * rate
        else:
            amount = parse_number(cmd.amount, ctx.locale)
    except ValueError as exc:
        raise UserError("error.cost_amount", "example.cost", value=cmd.amount) from exc
    if amount <= 0:
        raise UserError("error.cost_amount", "example.cost", value=cmd.amount)
    words = list(cmd.words)
    day = ctx.today
    if words and (parsed := day_word(words[0], ctx.today)) is not None:
        day = parsed
        words = words[1:]
    note = " ".join(words) or None
    with bounded(ctx, "example.cost"):
        if hours is not None and rate is not None:
            bounds.check_hours(hours)
            bounds.check_money("rate", rate)
        bounds.check_money("amount", amount)
        bounds.check_day("date", day, ctx.today)
        if note is not None:
            bounds.check_note(note)
    repo.add_cost(
        ctx.team_id,
        campaign.id,
        day,
        category,
        amount,
        hours=hours,
        hourly_rate=rate,
        note=note,
        created_by=ctx.user_id,
    )
    money = fmt_money(amount, ctx.currency, ctx.locale)
    if hours is not None and rate is not None:
        money = ctx.t(
            "cost.hours_times_rate",
            hours=fmt_number(hours, ctx.locale),
            rate=fmt_money(rate, ctx.currency, ctx.locale),
            amount=money,
        )
    text = ctx.t(
        "cost.saved",
        amount=money,
        category=ctx.t(f"cost.category.{category}"),
        campaign=campaign.slug,
        date=fmt_date(day, ctx.locale),
    )
    return Reply(
        [
            section(":white_check_mark: " + text),
            context(ctx.t("cost.hint", campaign=campaign.slug)),
        ],
        text,
    )


def _amount(counter: str, value: float, ctx: Ctx) -> str:
    if counter in MONEY_COUNTERS:
        return fmt_money(value, ctx.currency, ctx.locale)
    return fmt_number(value, ctx.locale)


def _campaign(
    ctx: Ctx, repo: Repository, word: str | None, rest: tuple[str, ...]
) -> CampaignRec | str:
    """The campaign a `/kpi log` names, or the word itself when no campaign has that name
    yet (the reply then asks before creating it)."""
    if word is None:
        found = campaigns_for(ctx, repo, None)
        assert found is not None
        return found[0]
    if day_word(word, ctx.today) is not None:
        raise UserError("error.campaign_missing", "example.log")
    with bounded(ctx, "example.log"):
        bounds.check_campaign_word(word)
    existing = find_campaign(repo, ctx.team_id, word)
    return word if existing is None else existing
