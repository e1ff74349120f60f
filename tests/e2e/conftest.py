from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, env_for, start_server

pytestmark = pytest.mark.e2e


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def env(tmp_path: Path, slack: FakeSlack) -> dict[str, str]:
    return env_for(f"sqlite:///{tmp_path / 'kpibot.db'}", slack.api_url, KPIBOT_TODAY="2026-11-30")


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    srv = start_server(env, tmp_path / "serve.log")
    yield srv
    srv.stop()
