"""A CSV shared in a channel where kpibot is: imported, with the report in the file's thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.common import fit, section
from bot.blocks.mrkdwn import mrkdwn
from bot.competitors import importing as competitor_file
from bot.context import Ctx
from bot.dispatch import make_ctx
from bot.downloads import Allowed, download, file_url
from bot.errors import DownloadRefused
from bot.imports.blocks import report_blocks
from bot.imports.importing import run_import
from bot.services import Services

log = logging.getLogger(__name__)
#: Spreadsheet-like files get an answer (imported, or refused with the reason); photos and
#: documents shared in the channel are left alone.
DATA_TYPES = {"csv", "xlsx", "xls", "tsv", "ods", "numbers", "text", "json"}


def is_csv(file: dict[str, Any]) -> bool:
    name = (file.get("name") or "").lower()
    return name.endswith(".csv") or file.get("filetype") == "csv"


def fetch(services: Services, client: WebClient, file: dict[str, Any], limit: int) -> bytes:
    """The file's bytes, from the URL Slack gives for its id (files.info), never the URL in
    the event; raises DownloadRefused when that is not Slack's file host or it is too big."""
    file_id = file.get("id")
    if not isinstance(file_id, str) or not file_id:
        raise DownloadRefused("the event names no file id")
    try:
        info = client.files_info(file=file_id).get("file") or {}
    except SlackApiError as exc:
        raise DownloadRefused(f"files.info: {exc.response.get('error')}") from exc
    size = info.get("size")
    if isinstance(size, int) and size > limit:
        raise DownloadRefused(f"{size} bytes is over the limit of {limit}")
    token = client.token  # the workspace's own token, given by Bolt's authorize step
    if not token:
        raise DownloadRefused("no token for this workspace")
    allowed = Allowed.for_api(services.settings.api_url)
    return download(file_url(info), token, limit, allowed)


def handle_file(
    services: Services,
    client: WebClient,
    ctx: Ctx,
    file: dict[str, Any],
    channel: str,
    thread_ts: str | None,
) -> None:
    """Import one shared file and answer in its thread (refusals say why)."""
    name = file.get("name") or file.get("title") or "file"
    limit = services.settings.max_import_bytes
    blocks: list[dict[str, Any]]
    if not is_csv(file):
        blocks = [section(":no_entry: " + ctx.t("import.slack.not_csv", name=name))]
    elif int(file.get("size") or 0) > limit:
        size = f"{int(file['size']) / 1_048_576:.1f}"
        blocks = [
            section(
                ":no_entry: "
                + ctx.t("import.slack.too_big", name=name, size=size, limit=limit // 1_048_576)
            )
        ]
    else:
        try:
            data = fetch(services, client, file, limit)
        except DownloadRefused as exc:
            log.warning("file %s not downloaded: %s", file.get("id"), exc)
            blocks = [section(":warning: " + ctx.t("import.slack.download_failed", name=name))]
        except Exception:
            log.exception("downloading file %s failed", file.get("id"))
            blocks = [section(":warning: " + ctx.t("import.slack.download_failed", name=name))]
        else:
            if competitor_file.recognise(data):  # observations of competitors, not campaigns
                blocks = competitor_file.import_blocks(services, ctx, data, name)[0]
            else:
                outcome = run_import(services, ctx.team_id, data)
                blocks = report_blocks(outcome, ctx, filename=name)
    client.chat_postMessage(
        channel=channel, thread_ts=thread_ts, blocks=fit(blocks), text=mrkdwn(name)
    )


def register(app: App, services: Services) -> None:
    @app.event({"type": "message", "subtype": "file_share"})
    def on_file_share(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        files = [f for f in event.get("files", []) if is_csv(f) or f.get("filetype") in DATA_TYPES]
        if not files:
            return  # images and documents shared in the channel are none of our business
        team, channel = body.get("team_id") or event.get("team"), event.get("channel")
        if not team or not channel:
            return
        ctx = make_ctx(services, team, user_id=event.get("user"), channel_id=channel)
        for file in files:
            handle_file(services, client, ctx, file, channel, event.get("ts"))

    @app.event("message")
    def on_other_message() -> None:
        """Other messages in the channel: nothing to do (acknowledged so Slack stops retrying)."""
