"""A channel named the way people name it (`#marketing`, `marketing`) as Slack's channel ID,
looked up with conversations.list — for `kpibot ask --channel`, where targets and digests
need the channel they post to. Public channels only (the manifest's `channels:read`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

#: A Slack channel ID as typed (public C…, private G…).
CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{8,}")
#: Channels asked for per conversations.list page (Slack allows up to 1000; 200 is its
#: recommendation), and the most pages read: 10,000 channels.
PAGE, MAX_PAGES = 200, 50


@dataclass(frozen=True)
class Channel:
    """What `--channel` named: `id` where kpibot posts (None when not found, with `problem`
    saying why) and `name`, the channel's name (a campaign's channel picks the campaign)."""

    name: str | None
    id: str | None = None
    problem: str | None = None


def channel_named(client: WebClient | None, typed: str | None) -> Channel:
    """The channel `typed` names: an ID as it is; a name (a leading `#` dropped) looked up
    in the workspace's public channels with the workspace's client (services.clients)."""
    word = (typed or "").strip().lstrip("#")
    if not word:
        return Channel(None)
    if CHANNEL_ID.fullmatch(word):
        return Channel(word, word)
    name = word.lower()
    if client is None:
        return Channel(
            name, problem="no Slack token for this workspace, so kpibot cannot look it up"
        )
    cursor: str | None = None
    try:
        for _ in range(MAX_PAGES):
            page = client.conversations_list(
                types="public_channel", exclude_archived=True, limit=PAGE, cursor=cursor
            )
            for channel in page.get("channels") or []:
                if str(channel.get("name", "")).lower() == name:
                    return Channel(name, str(channel["id"]))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                break
    except SlackApiError as exc:
        error = exc.response.get("error", "error") if exc.response is not None else "error"
        return Channel(name, problem=f"Slack refused conversations.list ({error})")
    except (OSError, SlackClientError) as exc:
        return Channel(name, problem=f"kpibot can't reach Slack at {client.base_url} ({exc})")
    return Channel(name, problem="Slack has no public channel of that name")
