"""Services on a database of the test's own: a SQLite file, or a fresh PostgreSQL database
(KPIBOT_TEST_POSTGRES_URL) dropped afterwards. Import `services_on` as a fixture."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bot.features import FEATURES
from bot.services import Services
from bot.settings import Settings

PG_URL = os.environ.get("KPIBOT_TEST_POSTGRES_URL")
TODAY = dt.date(2026, 11, 30)
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def open_services(
    kind: str, tmp_path: Path, today: dt.date = TODAY, bot_token: str | None = "xoxb-test"
) -> Iterator[Services]:
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'kpibot.db'}"
        admin = None
    else:
        if not PG_URL:
            pytest.skip("KPIBOT_TEST_POSTGRES_URL is not set: PostgreSQL half skipped")
        name = f"kpibot_test_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    settings = Settings(database_url=url, today=today, bot_token=bot_token)
    services = Services.open(settings, FEATURES)
    try:
        yield services
    finally:
        services.engine.dispose()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            admin.dispose()


@pytest.fixture(params=DATABASES)
def services_on(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    # No bot token: nothing here talks to Slack (users.info, an alert's post).
    with open_services(request.param, tmp_path, bot_token=None) as services:
        yield services
