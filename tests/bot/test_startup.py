"""What `kpibot serve` checks before serving: Slack reachable, HTTP or Socket Mode as the
manifest says. (The whole start-up, exit code included, is in tests/e2e/test_cli.py.)"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bot.errors import StartupError
from bot.settings import Settings
from bot.startup import manifest_socket_mode, mode_mismatch, reach_slack

ROOT = Path(__file__).resolve().parents[2]


def test_the_repository_manifest_enables_socket_mode() -> None:
    assert manifest_socket_mode([ROOT / "manifest.yml"]) is True


def test_a_manifest_is_read_from_the_first_place_it_is(tmp_path: Path) -> None:
    off = tmp_path / "manifest.yml"
    off.write_text("settings:\n  socket_mode_enabled: false\n")
    assert manifest_socket_mode([tmp_path / "missing.yml", off, ROOT / "manifest.yml"]) is False
    assert manifest_socket_mode([tmp_path / "missing.yml"]) is None


@pytest.mark.parametrize(
    ("socket_mode", "manifest", "forced", "says"),
    [
        (False, True, False, "SLACK_APP_TOKEN is empty, so kpibot serves HTTP on port 3000"),
        (False, True, True, "--http was given, so kpibot serves HTTP on port 3000"),
        (True, False, False, "manifest.yml has Socket Mode off"),
        (True, True, False, None),
        (False, False, False, None),
        (False, None, False, None),  # no manifest: nothing to compare with
    ],
)
def test_mode_mismatch_is_named(
    socket_mode: bool, manifest: bool | None, forced: bool, says: str | None
) -> None:
    text = mode_mismatch(socket_mode, manifest, 3000, forced_http=forced)
    if says is None:
        assert text is None
    else:
        assert text is not None and says in text


def test_an_unreachable_slack_is_named_with_its_address() -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/"
    settings = Settings(database_url="sqlite://", bot_token="xoxb-x", api_url=url)
    with pytest.raises(StartupError, match=f"can't reach Slack at {url}"):
        reach_slack(settings, timeout=2)
