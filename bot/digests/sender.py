"""Posting one digest: the message with chat.postMessage, then its PNG charts with
files_upload_v2 (never the retired files.upload) into the channel, each with alt text.

The charts go into the channel itself, right under the message, not into a thread: the
issue asks for charts "a manager can read at a glance", and a thread hides them behind a
"2 replies" link that most people never open. One files_upload_v2 call carries both charts,
so they arrive as one message (one files.completeUploadExternal).

`on_posted(ts)` runs as soon as the message is out and before the charts go: the scheduler
records the message there, so a retry after a chart upload failed (or the process died)
uploads the charts only (`posted_ts`) and never posts the message a second time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot.digests.data import Built
from bot.errors import ChannelGone, NoBotToken
from bot.posting import PACER, Poster
from bot.services import Services
from bot.slack_client import make_client

log = logging.getLogger(__name__)

#: One pace per process for digests: one message a second per channel.


@dataclass(frozen=True)
class Sent:
    """What a send did: the message's ts and whether the charts went up too."""

    ts: str
    charts: int
    charts_ok: bool
    chart_error: Exception | None = None


def make_poster(services: Services) -> Poster:
    token = services.settings.bot_token
    if not token:
        raise NoBotToken("SLACK_BOT_TOKEN is not set, so digests cannot be posted.")
    return Poster(make_client(token, services.settings.api_url), PACER)


def send(
    poster: Poster,
    channel: str,
    built: Built,
    on_posted: Callable[[str], object] | None = None,
    *,
    posted_ts: str | None = None,
) -> Sent:
    """Post `built` into `channel`: the message, then the charts under it; with
    `posted_ts` (the message went out on an earlier attempt) the charts only.

    Raises ChannelGone when the bot cannot post in the channel (removed, archived) and
    SlackApiError (429 after the client's retries, 5xx, ...) when the message failed. A chart
    upload that fails after the message is logged and reported in `Sent.charts_ok` and
    `Sent.chart_error`; the message stays (posting it again would double it)."""
    if posted_ts is not None:
        ts = posted_ts
    else:
        ts = poster.post(channel, text=built.text, blocks=built.blocks)
        if on_posted is not None:
            on_posted(ts)
    if not built.charts:
        return Sent(ts, 0, True)
    files = [
        {"content": c.png, "filename": c.filename, "title": c.title, "alt_txt": c.alt_text}
        for c in built.charts
    ]
    try:
        poster.upload(channel, files)
    except (ChannelGone, SlackApiError, OSError) as exc:
        log.warning("digest %s in %s: charts not uploaded: %s", ts, channel, exc)
        return Sent(ts, len(files), False, exc)
    return Sent(ts, len(files), True)
