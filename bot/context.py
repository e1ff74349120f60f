"""Who is asking, where, and in which language: everything a command needs besides its text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.texts import t


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
    #: the `/kpi` text being answered and the command it was read as ("kpi", "report",
    #: "target", "campaign" …): a refusal names the next command for what was typed
    typed: str = ""
    command: str = "kpi"

    def t(self, key: str, /, **kw: object) -> str:
        return t(key, self.locale, **kw)

    def answering(self, typed: str, command: str) -> Ctx:
        """The same request, answering `/kpi <typed>` read as `command`."""
        return dataclasses.replace(self, typed=typed, command=command)

    def in_currency(self, code: str | None) -> Ctx:
        """The same request showing money in `code`, the currency of the data at hand
        (`currency` starts as the workspace default, for data that carries none)."""
        return (
            self if not code or code == self.currency else dataclasses.replace(self, currency=code)
        )


@dataclass(frozen=True)
class Reply:
    """What a command answers: Block Kit blocks plus the plain-text fallback Slack shows in
    notifications. `shareable` adds the "Share in channel" button."""

    blocks: list[dict[str, Any]]
    text: str
    shareable: bool = False
    ok: bool = True
