"""Posting into channels on our own initiative (digests, alerts): paced at one message a
second per channel, 429s retried after Retry-After by the client, and a channel the bot was
removed from reported instead of retried forever."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks.mrkdwn import mrkdwn, plain
from bot.errors import ChannelGone

log = logging.getLogger(__name__)

#: Errors that mean "this channel is gone for us": pause, don't retry.
GONE = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "account_inactive",
        "invalid_auth",
        "missing_scope",
        "restricted_action",
    }
)


class Pacer:
    """At most one message per `interval` seconds per channel, across threads."""

    def __init__(
        self,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        with self._lock:
            now = self.clock()
            at = max(now, self._next.get(channel, now))
            self._next[channel] = at + self.interval
        if at > now:
            self.sleep(at - now)


@dataclass
class Poster:
    client: WebClient
    pacer: Pacer

    def post(
        self,
        channel: str,
        *,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
        thread_ts: str | None = None,
    ) -> str:
        """Post a message; returns its ts. Raises ChannelGone when the channel is lost.
        `text` is raw (escaped here); `blocks` come from the builders, already escaped."""
        self.pacer.wait(channel)
        try:
            response = self.client.chat_postMessage(
                channel=channel, text=mrkdwn(text), blocks=blocks, thread_ts=thread_ts
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error", ""))
            if error in GONE:
                raise ChannelGone(channel, error) from exc
            raise
        return str(response["ts"])

    def upload(
        self,
        channel: str,
        files: list[dict[str, Any]],
        *,
        thread_ts: str | None = None,
        comment: str | None = None,
    ) -> None:
        """PNG charts into the channel with files_upload_v2 (files.upload is retired).
        Each file: {"content": bytes, "filename": ..., "title": ..., "alt_txt": ...}; title,
        alt text and comment are raw text, escaped here."""
        self.pacer.wait(channel)
        uploads = [
            {
                "content": f["content"],
                "filename": f["filename"],
                "title": plain(f["title"]) if f.get("title") else None,
                "alt_txt": plain(f["alt_txt"]) if f.get("alt_txt") else None,
            }
            for f in files
        ]
        try:
            self.client.files_upload_v2(
                file_uploads=uploads,
                channel=channel,
                thread_ts=thread_ts,
                initial_comment=mrkdwn(comment) if comment else None,
            )
        except SlackApiError as exc:
            error = str(exc.response.get("error", ""))
            if error in GONE:
                raise ChannelGone(channel, error) from exc
            raise


#: One pacer per process for everything kpibot posts on its own (alerts and digests), so
#: the one-message-a-second-per-channel rule holds across features, not just within one.
PACER = Pacer()
