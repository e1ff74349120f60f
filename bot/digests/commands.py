"""`/kpi digest weekly <weekday> <HH:MM> [timezone] [campaigns...]`, `/kpi digest off`,
`/kpi digest preview` (and `/kpi digest` alone: this channel's schedule)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from bot.blocks.common import context, divider, fit, section
from bot.context import Ctx, Reply
from bot.digests.data import build
from bot.errors import NoBotToken, UserError
from bot.grammar import Sub
from bot.resolve import ALL_WORDS, one_campaign
from bot.services import Services
from kpi.errors import ScheduleError
from kpi.formatting import fmt_date
from kpi.periods import last_complete_week
from kpi.schedule import (
    localize,
    next_send,
    parse_time_of_day,
    parse_timezone,
    parse_weekday,
)
from storage.digests.records import SubscriptionRec

log = logging.getLogger(__name__)

WEEKLY = ("weekly", "wekelijks", "week")
OFF = ("off", "uit", "stop")
PREVIEW = ("preview", "voorbeeld")
#: `/kpi digest weekly ... quiet`: skip weeks where nothing moved beyond noise
QUIET = ("quiet", "stil")
#: `/kpi digest weekly ... competitors`: add "You vs competitors" to the thread
VS = ("competitors", "concurrenten", "vs-competitors", "vs-concurrenten")


def digest_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    """Route `/kpi digest ...` by its first word."""
    word = cmd.args[0].lower() if cmd.args else ""
    if word in WEEKLY:
        return subscribe(services, ctx, cmd.args[1:])
    if word in OFF:
        return unsubscribe(services, ctx)
    if word in PREVIEW:
        return preview(services, ctx)
    if not word:
        return status(services, ctx)
    raise UserError("digest.usage", None)


def _channel(ctx: Ctx) -> str:
    if not ctx.channel_id:
        raise UserError("digest.error.channel", None)
    return ctx.channel_id


def user_timezone(services: Services, ctx: Ctx) -> str | None:
    """The caller's time zone from their Slack profile (users.info), None when Slack cannot
    tell (no token, no user, an error)."""
    if not ctx.user_id or ctx.user_id == "cli":
        return None
    try:
        client = services.clients.client_for(ctx.team_id)
    except NoBotToken:
        return None
    try:
        answer = client.users_info(user=ctx.user_id)
        tz = (answer.get("user") or {}).get("tz")
        return parse_timezone(tz) if tz else None
    except Exception:  # the workspace's zone is a fine answer; never fail the command on it
        log.warning("users.info for %s failed; using the workspace time zone", ctx.user_id)
        return None


def _schedule_error(exc: ScheduleError) -> UserError:
    return UserError(exc.key, "digest.example", value=exc.value)


def _looks_like_zone(word: str) -> bool:
    if "/" in word:
        return True
    try:
        parse_timezone(word)
    except ScheduleError:
        return False
    return True


def _campaigns(services: Services, ctx: Ctx, words: Sequence[str]) -> list[str] | None:
    if not words or any(w.lower() in ALL_WORDS for w in words):
        return None
    slugs: list[str] = []
    for word in words:
        for part in filter(None, word.split(",")):
            slug = one_campaign(ctx, services.repo, part).slug
            if slug not in slugs:
                slugs.append(slug)
    return slugs


def _now(services: Services, tz: str) -> dt.datetime:
    # With a fixed KPIBOT_TODAY (demos, tests) "now" is that day's start, so replies repeat.
    if services.settings.today is not None:
        return localize(dt.datetime.combine(services.settings.today, dt.time()), tz)
    return dt.datetime.now(dt.UTC)


def schedule_line(services: Services, ctx: Ctx, sub: SubscriptionRec) -> str:
    """ "every Monday at 09:00 (Europe/Amsterdam). Next one: 7 Dec 2026 09:00." """
    upcoming = next_send(sub.weekday, sub.time_of_day, sub.timezone, _now(services, sub.timezone))
    return ctx.t(
        "digest.subscribed",
        weekday=ctx.t(f"digest.weekday.{sub.weekday}"),
        time=sub.time_of_day,
        timezone=sub.timezone,
        next=f"{ctx.t(f'digest.weekday.{upcoming.weekday()}')} "
        f"{fmt_date(upcoming.date(), ctx.locale)} {upcoming:%H:%M}",
    )


def _campaigns_lines(ctx: Ctx, sub: SubscriptionRec) -> list[str]:
    """The campaigns line, and the quiet option's when it is on."""
    lines = [_campaigns_line(ctx, sub)]
    if sub.quiet:
        lines.append(ctx.t("digest.subscribed.quiet"))
    if sub.competitors:
        lines.append(ctx.t("digest.subscribed.competitors"))
    return lines


def _campaigns_line(ctx: Ctx, sub: SubscriptionRec) -> str:
    if sub.campaigns is None:
        return ctx.t("digest.subscribed.all_campaigns")
    return ctx.t(
        "digest.subscribed.campaigns", campaigns=", ".join(f"`{c}`" for c in sub.campaigns)
    )


def subscribe(services: Services, ctx: Ctx, args: Sequence[str]) -> Reply:
    """Subscribe this channel (again: update its schedule, resume it when paused). Time
    zone: the one given, else the caller's Slack time zone, else the workspace's."""
    channel = _channel(ctx)
    if len(args) < 2:
        raise UserError("digest.usage", None)
    try:
        weekday = parse_weekday(args[0])
        time_of_day = parse_time_of_day(args[1])
        rest = list(args[2:])
        if rest and _looks_like_zone(rest[0]):
            tz = parse_timezone(rest.pop(0))
        else:
            tz = user_timezone(services, ctx) or ctx.timezone
    except ScheduleError as exc:
        raise _schedule_error(exc) from exc
    quiet = any(w.lower() in QUIET for w in rest)
    vs = any(w.lower() in VS for w in rest)
    options = QUIET + VS
    campaigns = _campaigns(services, ctx, [w for w in rest if w.lower() not in options])
    sub = services.digests.subscribe(
        ctx.team_id, channel, weekday, time_of_day, tz, campaigns, created_by=ctx.user_id,
        quiet=quiet, competitors=vs,
    )  # fmt: skip
    text = schedule_line(services, ctx, sub)
    return Reply([section(":calendar: " + text), context(*_campaigns_lines(ctx, sub))], text)


def unsubscribe(services: Services, ctx: Ctx) -> Reply:
    if not services.digests.unsubscribe(ctx.team_id, _channel(ctx)):
        text = ctx.t("digest.not_subscribed")
    else:
        text = ctx.t("digest.unsubscribed")
    return Reply([section(text)], text)


def status(services: Services, ctx: Ctx) -> Reply:
    """`/kpi digest` alone: this channel's schedule (or how to start one)."""
    sub = services.digests.get_subscription(ctx.team_id, _channel(ctx))
    if sub is None:
        text = ctx.t("digest.not_subscribed")
        return Reply([section(text)], text)
    if sub.paused:  # no "next one": nothing is sent until it is resumed
        text = ctx.t("digest.paused", reason=ctx.t(paused_reason_key(sub.paused_reason)))
        was = ctx.t(
            "digest.paused.schedule",
            weekday=ctx.t(f"digest.weekday.{sub.weekday}"),
            time=sub.time_of_day,
            timezone=sub.timezone,
        )
        lines = [was, *_campaigns_lines(ctx, sub)]
        resume = ctx.t("digest.paused.resume")
        return Reply([section(f":pause_button: {text}\n{resume}"), context(*lines)], text)
    text = schedule_line(services, ctx, sub)
    return Reply([section(":calendar: " + text), context(*_campaigns_lines(ctx, sub))], text)


def paused_reason_key(error: str | None) -> str:
    """The text key saying, in a marketer's words, why Slack stopped a channel's digest
    (the stored reason is Slack's error code, e.g. ``not_in_channel``)."""
    if error == "is_archived":
        return "digest.paused.archived"
    if error in {"invalid_auth", "account_inactive", "missing_scope", "restricted_action"}:
        return "digest.paused.access"
    return "digest.paused.removed"


def preview(services: Services, ctx: Ctx) -> Reply:
    """This week's digest (the last complete week), to the caller only: the channel's
    campaigns when it is subscribed, else every campaign. Charts are not drawn: Slack has
    no private file upload, and the channel gets them with the real digest."""
    sub = services.digests.get_subscription(ctx.team_id, ctx.channel_id) if ctx.channel_id else None
    if sub is not None:
        note = ctx.t(
            "digest.preview_note",
            weekday=ctx.t(f"digest.weekday.{sub.weekday}"),
            time=sub.time_of_day,
        )
    else:
        note = ctx.t("digest.preview_note.none")
    week = last_complete_week(ctx.today)
    built = build(
        services,
        ctx.team_id,
        sub.campaigns if sub else None,
        week,
        charts=False,
        competitors=sub.competitors if sub else False,
    )
    # first that this is a preview (on a line of its own), then the headline as the channel
    # gets it, then what goes into its thread
    return Reply(fit([context(note), *built.headline, divider(), *built.blocks]), built.text)
