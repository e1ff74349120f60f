"""What `kpibot serve` checks before it serves: that Slack answers with the bot token, and
that the way it serves (HTTP or Socket Mode) is the way the app's manifest.yml says."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import StartupError
from bot.settings import Settings

#: slack_sdk logs a failed request at ERROR; the StartupError says it once instead.
_QUIET = logging.getLogger("kpibot.startup.slack_sdk")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False
_SOCKET_MODE = re.compile(r"^\s*socket_mode_enabled:\s*(true|false)\s*$", re.MULTILINE)


def api_base(settings: Settings) -> str:
    base = settings.api_url or WebClient.BASE_URL
    return base if base.endswith("/") else base + "/"


def reach_slack(settings: Settings, timeout: float = 10.0) -> dict[str, Any]:
    """auth.test with the bot token, once and without retries: the workspace it belongs to
    (with many workspaces, OAuth, there is no one token: api.test only shows Slack answers).
    Raises StartupError naming the address when Slack cannot be reached or refuses the token."""
    base = api_base(settings)
    client = WebClient(
        token=None if settings.oauth else settings.bot_token,
        base_url=base,
        timeout=int(timeout),
        retry_handlers=[],  # one try: the answer is the message below, not retry logs
        logger=_QUIET,
    )
    try:
        data = (client.api_test() if settings.oauth else client.auth_test()).data
        return dict(data) if isinstance(data, dict) else {}
    except SlackApiError as exc:
        error = exc.response.get("error", "error") if exc.response is not None else "error"
        raise StartupError(
            f"Slack at {base} refused SLACK_BOT_TOKEN ({error}). Copy the Bot User OAuth "
            "Token (xoxb-…) from OAuth & Permissions into .env and start again."
        ) from None
    except (OSError, SlackClientError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise StartupError(
            f"kpibot can't reach Slack at {base} ({reason}). Check the network connection "
            "(and SLACK_API_URL if you set it), then start again."
        ) from None


def manifest_socket_mode(paths: list[Path]) -> bool | None:
    """settings.socket_mode_enabled of the first manifest.yml found; None without one."""
    for path in paths:
        if path.is_file():
            found = _SOCKET_MODE.search(path.read_text(encoding="utf-8"))
            return None if found is None else found.group(1) == "true"
    return None


def default_manifests() -> list[Path]:
    return [Path.cwd() / "manifest.yml", Path(__file__).resolve().parents[1] / "manifest.yml"]


def mode_mismatch(
    socket_mode: bool, manifest: bool | None, port: int, forced_http: bool = False
) -> str | None:
    """A sentence naming the mismatch between how kpibot serves and what the manifest
    enables, or None when they agree (or there is no manifest to compare with)."""
    if manifest is None or manifest == socket_mode:
        return None
    if manifest:
        why = "--http was given" if forced_http else "SLACK_APP_TOKEN is empty"
        return (
            f"{why}, so kpibot serves HTTP on port {port} (/slack/events), but manifest.yml "
            "enables Socket Mode: Slack will send nothing to that URL. Set SLACK_APP_TOKEN "
            "(xapp-…, Basic Information → App-Level Tokens), or turn Socket Mode off in the "
            "app and point its request URLs at /slack/events."
        )
    return (
        "SLACK_APP_TOKEN is set, so kpibot uses Socket Mode, but manifest.yml has Socket Mode "
        "off: Slack sends requests to the manifest's URLs instead. Turn Socket Mode on in the "
        "app (socket_mode_enabled: true), or empty SLACK_APP_TOKEN to serve HTTP."
    )
