"""Who is asking, where, and in which language: everything a command needs besides its text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpi.i18n import t


@dataclass(frozen=True)
class Ctx:
    team_id: str
    user_id: str | None
    channel_id: str | None
    channel_name: str | None
    locale: str
    currency: str
    timezone: str
    today: dt.date

    def t(self, key: str, /, **kw: object) -> str:
        return t(key, self.locale, **kw)


@dataclass(frozen=True)
class Reply:
    """What a command answers: Block Kit blocks plus the plain-text fallback Slack shows in
    notifications. `shareable` adds the "Share in channel" button."""

    blocks: list[dict]
    text: str
    shareable: bool = False
    ok: bool = True
