"""Every exception bot/ raises on purpose, in one tree. Anything else is a bug: logged with
its traceback by the one error handler (bot.listeners.errors, or `answer()`), answered
plainly — never a traceback, SQL or a stack in Slack.

    BotError
     ├── UserError              a user's mistake: an i18n key, its arguments and the key of
     │    │                     a valid example; the reply renders them in the user's language
     │    └── GrammarError      the `/kpi` text is not a command we understand
     ├── StalePayload (ValueError)  a button or form payload kpibot did not build (or
     │                          that names what is gone): answered as an out-of-date button
     ├── TargetRefused          a SMART letter refused a target; nothing was stored
     ├── ChannelGone            the bot can no longer post in a channel (removed, archived)
     ├── DownloadRefused        a shared file not fetched: not Slack's host, too big, unknown
     ├── NoBotToken             SLACK_BOT_TOKEN is not set, so nothing can be posted
     │    └── NotInstalled      no token for this workspace: never installed (OAuth), or
     │                          uninstalled / its token revoked or not refreshed
     ├── ConfigError            a setting is missing or malformed (what to set, and where)
     ├── CliError               a message for the terminal user: no traceback, exit code 2
     └── StartupError           `kpibot serve` cannot start (Slack unreachable, token refused):
                                said in one line, exit code 1

kpi/ and storage/ have trees of their own (kpi.errors, storage.errors).
"""

from __future__ import annotations

from collections.abc import Sequence


class BotError(Exception):
    """Root of the errors of bot/."""


class UserError(BotError):
    """Something the user can fix; `key` says what, `example` shows a valid command."""

    def __init__(self, key: str, example: str | None = "example.kpi", /, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.example = example
        self.args_ = args


class GrammarError(UserError):
    """The text is not a command we understand; `key` says why, `example` shows a valid one."""


class StalePayload(BotError, ValueError):  # noqa: N818 - reads as what happened to the button
    """A button or form whose payload is not one kpibot built (or names what is gone)."""


class TargetRefused(BotError):
    """A SMART letter refused the target; nothing was stored. ``lines`` holds the rendered
    letters in S, M, A, R, T order, ``refused`` the letters that refused."""

    def __init__(self, lines: list[str], refused: Sequence[tuple[str, str]]) -> None:
        super().__init__("; ".join(text for _, text in refused))
        self.lines = lines
        self.refused = refused  # (letter, rendered line)


class ChannelGone(BotError):
    """The bot can no longer post in the channel (removed, archived, deleted)."""

    def __init__(self, channel: str, error: str) -> None:
        super().__init__(f"cannot post in {channel}: {error}")
        self.channel = channel
        self.error = error


class DownloadRefused(BotError):
    """The file was not downloaded: a URL outside Slack, a redirect away from it, too big,
    or Slack did not know the file. Nothing was sent to the refused host."""


class NoBotToken(BotError):
    """Alerts or digests cannot be posted: SLACK_BOT_TOKEN is not set."""


class NotInstalled(NoBotToken):
    """No token talks to this workspace: the app was never installed there (OAuth), was
    uninstalled, its token was revoked, or refreshing the token failed. Scheduled work for
    the workspace is skipped until it is installed again."""

    def __init__(self, team_id: str, why: str = "not installed") -> None:
        super().__init__(f"kpibot is not installed in workspace {team_id} ({why}).")
        self.team_id = team_id


class ConfigError(BotError):
    """A setting is missing or malformed; the message says what to set and where to get it."""


class CliError(BotError):
    """A message for the terminal user; printed without a traceback, exit code 2."""


class StartupError(BotError):
    """`kpibot serve` cannot start: Slack cannot be reached or refuses the token. The message
    names the address and what to do; exit code 1."""
