"""The one place text becomes Slack markup: names can be shown, never mention, link or escape.

Everything kpibot builds a message from is *raw text*: catalogue texts from `t()`, campaign
names, platforms, CSV headers, file names, what a user typed. Nobody escapes anything by
hand. The Block Kit builders in `bot.blocks.common` (section, sections, context, header,
button, plain_text) and the senders (a message's fallback `text`, file titles and initial
comments) call `mrkdwn()` / `plain()` at the moment the text is placed, so
`&`, `<` and `>` are escaped exactly once and no builder can forget it.

kpibot's own markup — today only "mention the person who clicked" — is written with
`mention()`. It returns a placeholder signed with a key of this process, which survives
`t()`, f-strings, `+` and `join` unchanged; the builders turn a placeholder whose signature
holds into `<@U…>` and leave anything else as the text it is. A name such as `<!channel>`,
`<@U123>` or `<https://evil.example|Click>` is therefore shown exactly as typed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_KEY = secrets.token_bytes(16)
_PLACEHOLDER = re.compile(f"{_OPEN}([@#][A-Z0-9]{{1,40}}){_SEP}([0-9a-f]{{16}}){_CLOSE}")
_USER_ID = re.compile(r"[UW][A-Z0-9]{1,40}")
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{1,40}")


def _sign(payload: str) -> str:
    return hmac.new(_KEY, payload.encode(), hashlib.sha256).hexdigest()[:16]


def mention(user_id: str | None) -> str:
    """The user as a Slack mention, once a builder places it; an id that is not a Slack
    user id (U… / W…) stays plain text."""
    if not user_id or not _USER_ID.fullmatch(user_id):
        return user_id or "?"
    return f"{_OPEN}@{user_id}{_SEP}{_sign('@' + user_id)}{_CLOSE}"


def channel_link(channel_id: str | None) -> str:
    """The channel as a Slack channel link, once a builder places it."""
    if not channel_id or not _CHANNEL_ID.fullmatch(channel_id):
        return channel_id or "?"
    return f"{_OPEN}#{channel_id}{_SEP}{_sign('#' + channel_id)}{_CLOSE}"


def escape(text: str) -> str:
    """`&`, `<` and `>` as Slack's entities: shown as themselves, never read as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _placeholders(text: str, shown: str) -> str:
    def place(match: re.Match[str]) -> str:
        payload, signature = match.group(1), match.group(2)
        if not hmac.compare_digest(signature, _sign(payload)):
            return match.group(0)  # not ours: stays text (it holds no "<", so no markup)
        return shown.format(payload)

    return _PLACEHOLDER.sub(place, text)


def mrkdwn(text: object) -> str:
    """Raw text as the `text` of a mrkdwn object (or a message's fallback `text`): escaped,
    with kpibot's own mentions as Slack markup."""
    return _placeholders(escape(str(text)), "<{}>")


def plain(text: object) -> str:
    """Raw text as the `text` of a plain_text object (headers, buttons, modal labels):
    escaped; a mention shows as its id, since plain text renders no mentions."""
    return _placeholders(escape(str(text)), "{}")


def cut(markup: str, limit: int) -> str:
    """Escaped text within `limit` characters ("…" last), never cutting an entity (`&amp;`)
    or a mention (`<@U…>`) in half."""
    if len(markup) <= limit:
        return markup
    end = limit - 1
    amp, lt = markup.rfind("&", 0, end), markup.rfind("<", 0, end)
    if amp != -1 and ";" not in markup[amp:end]:
        end = amp
    if lt != -1 and ">" not in markup[lt:end]:
        end = min(end, lt)
    return markup[:end] + "…"


def unescape(markup: str) -> str:
    """Slack's entities back to characters (for `kpibot ask`, which prints what Slack shows)."""
    return markup.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
