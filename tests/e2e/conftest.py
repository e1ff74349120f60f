from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, env_for, start_server


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e as `e2e` (a `pytestmark` in a conftest is not read),
    so `-m e2e` / `-m "not e2e"` select them. This hook sees the whole session's items."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


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
