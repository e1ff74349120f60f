"""Posting one digest as a story: the headline (at most five lines) with chat.postMessage
into the channel, then the details — every campaign, the targets, what stands out — as a
reply in its thread, then the PNG charts with files_upload_v2 (never the retired
files.upload) into the same thread, each with alt text.

The channel sees what changed and what to do in five lines; whoever wants the numbers opens
the thread. One files_upload_v2 call carries both charts, so they arrive as one message.

Each step is recorded as soon as it is out, before the next one goes: `on_posted(ts)` after
the headline, `on_body(ts)` after the thread reply. A retry after a failure (or after the
process died) with `posted_ts` / `body_ts` does only what is missing and never posts the
headline or the details a second time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot.blocks.common import context
from bot.digests.data import Built
from bot.errors import ChannelGone
from bot.posting import PACER, Poster
from bot.services import Services
from bot.texts import t
from kpi.formatting import fmt_date_range

log = logging.getLogger(__name__)

#: One pace per process for digests: one message a second per channel.


@dataclass(frozen=True)
class Sent:
    """What a send did: the message's ts and whether the charts went up too."""

    ts: str
    charts: int
    charts_ok: bool
    chart_error: Exception | None = None


def make_poster(services: Services, team_id: str) -> Poster:
    """Posting into `team_id` with that workspace's current token (services.clients).
    Raises NoBotToken without one (NotInstalled: the app is not installed there)."""
    return Poster(services.clients.client_for(team_id), PACER)


def send(
    poster: Poster,
    channel: str,
    built: Built,
    on_posted: Callable[[str], object] | None = None,
    *,
    posted_ts: str | None = None,
    body_ts: str | None = None,
    on_body: Callable[[str], object] | None = None,
) -> Sent:
    """Post `built` into `channel`: the headline, the details in its thread, then the
    charts in the thread; with `posted_ts` (the headline went out on an earlier attempt)
    and `body_ts` (so did the details) only what is missing.

    Raises ChannelGone when the bot cannot post in the channel (removed, archived) and
    SlackApiError (429 after the client's retries, 5xx, ...) when the message failed. A chart
    upload that fails after the message is logged and reported in `Sent.charts_ok` and
    `Sent.chart_error`; the message stays (posting it again would double it)."""
    if posted_ts is not None:
        ts = posted_ts
    else:
        ts = poster.post(channel, text=built.text, blocks=built.headline)
        if on_posted is not None:
            on_posted(ts)
    if body_ts is None:
        body = poster.post(channel, text=built.text, blocks=built.blocks, thread_ts=ts)
        if on_body is not None:
            on_body(body)
    if not built.charts:
        return Sent(ts, 0, True)
    files = [
        {"content": c.png, "filename": c.filename, "title": c.title, "alt_txt": c.alt_text}
        for c in built.charts
    ]
    try:
        poster.upload(channel, files, thread_ts=ts)
    except (ChannelGone, SlackApiError, OSError) as exc:
        log.warning("digest %s in %s: charts not uploaded: %s", ts, channel, exc)
        return Sent(ts, len(files), False, exc)
    return Sent(ts, len(files), True)


def post_quiet_note(poster: Poster, channel: str, built: Built, thread_ts: str) -> str:
    """A quiet subscription's week without movement: one line in the thread of the previous
    digest instead of a digest. Returns the note's ts."""
    digest = built.digest
    dates = fmt_date_range(digest.week.start, digest.week.end, digest.locale, digest.week.end.year)
    text = t("story.quiet", digest.locale, dates=dates)
    return poster.post(channel, text=text, blocks=[context(text)], thread_ts=thread_ts)
