"""Slack listeners of the Home tab: `app_home_opened` publishes the person's Home (in their
Slack language), and its buttons — Open report, Share, Set target (the alerts feature's
modal, alerts to the person's direct messages with kpibot), Unfollow / Follow again,
Previous / Next, Digest to a channel — and the two modals they open.

Every id in a payload is read by bot.payloads (a forged or outdated value does nothing
and is logged) and looked up in the workspace the request is signed for."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import payloads
from bot.alerts import modal as target_modal
from bot.blocks.common import context
from bot.blocks.mrkdwn import mention, mrkdwn
from bot.context import Ctx
from bot.dispatch import answer, make_ctx
from bot.errors import StalePayload
from bot.home import blocks as home_blocks
from bot.home import modals
from bot.home.publish import publish, user_locale
from bot.posting import GONE
from bot.services import Services
from kpi.errors import ScheduleError
from kpi.schedule import parse_time_of_day
from storage.campaigns.records import CampaignRec
from storage.limits import fits_id

log = logging.getLogger(__name__)
#: The highest page a Previous / Next button may name.
MAX_PAGE = 10_000


def _who(services: Services, body: dict[str, Any]) -> tuple[Ctx, str]:
    """The clicker's Ctx in the language their Home is in, and their user id."""
    found = payloads.who(body)
    if found.user_id is None:
        raise StalePayload("user")
    ctx = make_ctx(services, found.team_id, user_id=found.user_id)
    user = services.home.get_user(found.team_id, found.user_id)
    if user is not None:
        ctx = dataclasses.replace(ctx, locale=user.locale)
    return ctx, found.user_id


def _campaign(services: Services, ctx: Ctx, value: dict[str, Any]) -> CampaignRec:
    rec = services.repo.get_campaign(ctx.team_id, payloads.row_id(value, "c"))
    if rec is None:
        raise StalePayload("c")
    return rec


def on_opened(services: Services, body: dict[str, Any], client: WebClient) -> None:
    event = body.get("event") or {}
    if not isinstance(event, dict) or event.get("tab") != "home":
        return  # the Messages tab
    try:
        team = payloads.slack_id(body.get("team_id"))
        user = payloads.slack_id(event.get("user"))
    except StalePayload:
        log.warning("an app_home_opened without a workspace or user was ignored")
        return
    publish(services, client, team, user, user_locale(services, client, team, user))


def on_button(services: Services, body: dict[str, Any], client: WebClient) -> None:
    try:
        ctx, user = _who(services, body)
        action, value = payloads.action(body)
        trigger = body.get("trigger_id")
        if action == home_blocks.PAGE:
            page = value.get("p")
            if type(page) is not int or not 0 <= page <= MAX_PAGE:
                raise StalePayload("p")
            publish(services, client, ctx.team_id, user, page=page)
            return
        if action == home_blocks.SUBSCRIBE:
            client.views_open(trigger_id=str(trigger), view=modals.digest_view(ctx.locale))
            return
        rec = _campaign(services, ctx, value)
        if action == home_blocks.UNFOLLOW:
            services.home.unfollow(ctx.team_id, user, rec.id)
            publish(services, client, ctx.team_id, user)
        elif action == home_blocks.TARGET:
            view = target_modal.new_target_view(
                ctx.locale,
                services.repo.list_campaigns(ctx.team_id),
                channel_id=user,  # alerts of a target set on Home go to the person's DM
                today=ctx.today,
                preselect=rec.slug,
            )
            client.views_open(trigger_id=str(trigger), view=view)
        elif action in (home_blocks.REPORT, home_blocks.SHARE):
            reply = answer(services, ctx, f"report {rec.slug}")
            view = (
                modals.report_view(ctx.locale, reply.blocks)
                if action == home_blocks.REPORT
                else modals.share_view(ctx.locale, rec.id, reply.blocks)
            )
            client.views_open(trigger_id=str(trigger), view=view)
    except StalePayload as exc:
        log.warning("a Home button with an outdated or forged value was ignored (%s)", exc)


def on_follow(services: Services, body: dict[str, Any], client: WebClient) -> None:
    """ "Follow again…": the chosen campaign back on the person's Home."""
    try:
        ctx, user = _who(services, body)
        chosen = ((body.get("actions") or [{}])[0].get("selected_option") or {}).get("value")
        if not isinstance(chosen, str) or not chosen.isdigit() or not fits_id(int(chosen)):
            raise StalePayload("selected_option")
        rec = services.repo.get_campaign(ctx.team_id, int(chosen))
        if rec is None:
            raise StalePayload("campaign")
    except StalePayload as exc:
        log.warning("a Home follow with an outdated or forged value was ignored (%s)", exc)
        return
    services.home.follow(ctx.team_id, user, rec.id)
    publish(services, client, ctx.team_id, user)


def _selected(view: dict[str, Any], block: str) -> Any:
    element = ((view.get("state") or {}).get("values") or {}).get(block, {}).get(block, {})
    if not isinstance(element, dict):
        return None
    option = element.get("selected_option")
    if isinstance(option, dict):
        return option.get("value")
    return element.get("selected_conversation") or element.get("value")


def on_share(services: Services, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    """Post the campaign's report in the chosen channel, saying who shared it."""
    try:
        ctx, user = _who(services, body)
        view = body.get("view") or {}
        rec = services.repo.get_campaign(ctx.team_id, payloads.row_id(payloads.metadata(view), "k"))
        channel = payloads.slack_id(_selected(view, "channel"))
        if rec is None:
            raise StalePayload("k")
    except StalePayload:
        ack(response_action="errors", errors={"channel": ctx_text(services, body, "action.stale")})
        return
    reply = answer(services, dataclasses.replace(ctx, channel_id=channel), f"report {rec.slug}")
    shared = context(ctx.t("home.share.done", user=mention(user)))
    try:
        client.chat_postMessage(
            channel=channel,
            text=mrkdwn(reply.text),
            blocks=[*modals.report_blocks(reply.blocks)[:49], shared],
        )
    except SlackApiError as exc:
        if str(exc.response.get("error", "")) in GONE:
            ack(response_action="errors", errors={"channel": ctx.t("home.share.cannot")})
            return
        raise
    ack()


def ctx_text(services: Services, body: dict[str, Any], key: str) -> str:
    try:
        return _who(services, body)[0].t(key)
    except StalePayload:
        return key


def on_digest(services: Services, ack: Ack, body: dict[str, Any]) -> None:
    """Subscribe the chosen channel to the weekly digest (all campaigns), in the person's
    Slack time zone when it has one, else the workspace's."""
    try:
        ctx, user = _who(services, body)
        view = body.get("view") or {}
        channel = payloads.slack_id(_selected(view, "channel"))
        weekday = int(str(_selected(view, "weekday")))
        if not 0 <= weekday <= 6:
            raise StalePayload("weekday")
    except (StalePayload, ValueError):
        ack(response_action="errors", errors={"channel": ctx_text(services, body, "action.stale")})
        return
    try:
        time_of_day = parse_time_of_day(str(_selected(view, "time") or ""))
    except ScheduleError:
        ack(response_action="errors", errors={"time": ctx.t("home.digest.bad_time")})
        return
    # Stored before the ack (one quick write): when the form closes, `/kpi digest` already
    # shows the schedule (after the ack the handler may still be running).
    services.digests.subscribe(
        ctx.team_id, channel, weekday, time_of_day, ctx.timezone, None, created_by=user
    )
    ack()


def register(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def opened(body: dict[str, Any], client: WebClient) -> None:
        on_opened(services, body, client)

    for action_id in (
        home_blocks.REPORT, home_blocks.SHARE, home_blocks.TARGET, home_blocks.UNFOLLOW,
        home_blocks.PAGE, home_blocks.SUBSCRIBE,
    ):  # fmt: skip

        @app.action(action_id)
        def button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
            ack()
            on_button(services, body, client)

    @app.action(home_blocks.FOLLOW)
    def follow(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        on_follow(services, body, client)

    @app.view(modals.SHARE_CALLBACK)
    def share(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        on_share(services, ack, body, client)

    @app.view(modals.DIGEST_CALLBACK)
    def digest(ack: Ack, body: dict[str, Any]) -> None:
        on_digest(services, ack, body)
