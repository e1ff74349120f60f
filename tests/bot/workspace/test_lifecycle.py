"""tokens_revoked naming a bot token, and app_uninstalled, stop a workspace's scheduled work
(no client for it any more, nothing claimed by the target check); a revoked user token
alone changes nothing (kpibot keeps none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import NotInstalled
from bot.features import FEATURES
from bot.services import Services
from bot.settings import Settings
from bot.workspace.lifecycle import on_tokens_revoked, on_uninstalled


def _services(tmp_path: Path) -> Services:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}", bot_token="xoxb-test")
    return Services.open(settings, FEATURES)


def _revoked(team: str, tokens: dict[str, list[str]]) -> dict[str, object]:
    return {"team_id": team, "type": "event_callback",
            "event": {"type": "tokens_revoked", "tokens": tokens}}  # fmt: skip


def test_a_revoked_bot_token_stops_the_workspace_and_only_it(tmp_path: Path) -> None:
    services = _services(tmp_path)
    on_tokens_revoked(services, _revoked("T1", {"oauth": ["U1"]}))  # a user token only
    assert services.clients.client_for("T1").token == "xoxb-test"
    on_tokens_revoked(services, _revoked("T1", {"bot": ["UBOT"]}))
    with pytest.raises(NotInstalled):
        services.clients.client_for("T1")
    assert services.clients.client_for("T2").token == "xoxb-test"
    on_uninstalled(services, {"team_id": "T2", "event": {"type": "app_uninstalled"}})
    assert not services.clients.installed("T2")
    # and a start with a working token for T1 (kpibot serve's auth.test) resumes it
    services.clients.installs.mark_installed("T1")
    assert services.clients.installed("T1")


def test_the_target_check_skips_an_uninstalled_workspace(tmp_path: Path) -> None:
    from bot.alerts.checker import check_targets

    services = _services(tmp_path)
    services.repo.ensure_workspace("T1")
    on_uninstalled(services, {"team_id": "T1"})
    report = check_targets(services)
    assert report.skipped == ["T1"] and report.checked == 0
