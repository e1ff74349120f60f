"""Slack listeners of the sync feature: `/kpi connect <platform>` opens the platform's form
(a `/kpi` listener whose Bolt matcher takes exactly that, tried before the general one);
the form's submission checks the account id at once (an error beside the field), then —
after the acknowledgement, since the platform may take longer than Slack's 3 seconds —
checks the credentials with one call, stores them sealed, tells the user what it found and
starts the first sync (the backfill), whose progress message shows in the channel."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import payloads
from bot.blocks.mrkdwn import mrkdwn, plain
from bot.context import Ctx
from bot.dispatch import make_ctx
from bot.errors import StalePayload
from bot.services import Services
from bot.sync import texts
from bot.sync.expiry import told_expiry
from bot.sync.modal import CALLBACK, connect_view, read
from bot.sync.progress import in_background, sync_and_tell
from bot.sync.sources import (
    PLATFORMS,
    PlatformSpec,
    given_secrets,
    make_source,
    normalise,
    partial_secrets,
    vault,
)
from storage.errors import PlatformError, VaultError

log = logging.getLogger(__name__)
WORDS = ("connect", "koppel")


def opens_modal(body: dict[str, Any]) -> bool:
    words = str(body.get("text", "")).split()
    return (
        body.get("command") == "/kpi"
        and len(words) == 2
        and words[0].lower() in WORDS
        and words[1].lower() in PLATFORMS
        and isinstance(body.get("team_id"), str)
        and isinstance(body.get("trigger_id"), str)
    )


def _tell(client: WebClient, ctx: Ctx, text: str) -> None:
    """An ephemeral note to whoever connected, in the channel (a DM when that fails)."""
    if not ctx.user_id:
        return
    try:
        if ctx.channel_id:
            client.chat_postEphemeral(channel=ctx.channel_id, user=ctx.user_id, text=mrkdwn(text))
            return
    except Exception:
        log.warning("could not tell %s in %s; sending a DM", ctx.user_id, ctx.channel_id)
    client.chat_postMessage(channel=ctx.user_id, text=mrkdwn(text))


def connect(
    services: Services, client: WebClient, ctx: Ctx, platform: PlatformSpec,
    values: dict[str, str],
) -> None:  # fmt: skip
    """Check, store sealed, say what was found, then the first sync."""
    secrets = given_secrets(platform, values)
    config = {name: values[name] for name in platform.fields[1:] if values.get(name)}
    try:
        box = vault(services.settings)
        source = make_source(
            services.settings, platform.name, values["account"], secrets, config=config
        )
        info = source.check()
        _asked, expires_at = told_expiry(source)
        conn = services.connections.save(
            ctx.team_id, platform.name, info.account_id, box.seal(secrets),
            account_name=info.name, currency=info.currency, timezone=info.timezone,
            channel_id=ctx.channel_id, api_url=None, config=config, created_by=ctx.user_id,
            token_expires_at=expires_at,
        )  # fmt: skip
    except PlatformError as exc:
        _tell(client, ctx, texts.error_text(exc.key, dict(exc.args_), exc.detail, ctx.locale))
        return
    except VaultError:
        log.error("KPIBOT_SECRET_KEY is missing or wrong: a connection could not be stored")
        _tell(client, ctx, ctx.t("sync.no_key"))
        return
    days = max(services.settings.sync_backfill_days, source.lookback_days)
    _tell(client, ctx, texts.connected(info, platform.name, days, ctx.locale))
    sync_and_tell(services, conn, source=source)


def register(app: App, services: Services) -> None:
    @app.command("/kpi", matchers=[opens_modal])
    def open_form(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        ctx = make_ctx(services, str(body["team_id"]), user_id=body.get("user_id"))
        platform = PLATFORMS[str(body["text"]).split()[1].lower()]
        view = connect_view(platform, ctx.locale, body.get("channel_id"))
        client.views_open(trigger_id=str(body["trigger_id"]), view=view)

    @app.view(CALLBACK)
    def submitted(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        try:
            platform, channel, values = read(body["view"])
            found = payloads.who(body)
        except (KeyError, TypeError, StalePayload):
            ack(response_action="errors", errors={"account": "This form is out of date."})
            return
        ctx = make_ctx(services, found.team_id, user_id=found.user_id, channel_id=channel)
        for field in ("account", "login_customer"):
            if not values.get(field) and field != "account":
                continue
            try:
                values[field] = normalise(platform.name, values.get(field, ""))
            except PlatformError as exc:
                text = texts.error_text(exc.key, dict(exc.args_), exc.detail, ctx.locale)
                ack(response_action="errors", errors={field: plain(text.replace("`", ""))[:300]})
                return
        missing = [name for name in platform.secrets if not values.get(name)]
        partial = partial_secrets(platform, values)
        if partial is not None and not missing:
            key = f"sync.field.{platform.name.replace('-', '_')}.together"
            ack(response_action="errors", errors={partial: plain(ctx.t(key))})
            return
        if missing:
            key = f"sync.field.{platform.name.replace('-', '_')}.{missing[0]}"
            ack(response_action="errors", errors={missing[0]: plain(ctx.t(key))})
            return
        ack()
        in_background(
            lambda: connect(services, client, ctx, platform, values), "kpibot-sync-connect"
        )
