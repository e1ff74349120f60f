"""One storage suite, run on SQLite and on PostgreSQL (KPIBOT_TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from storage.db import make_engine, migrate
from storage.repository import Repository

PG_URL = os.environ.get("KPIBOT_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database of the test's own: a SQLite file, or a fresh PostgreSQL
    database dropped afterwards (so parallel runs never see each other's rows)."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'kpibot.db'}")
        migrate(eng)
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip("KPIBOT_TEST_POSTGRES_URL is not set: PostgreSQL half of the suite skipped")
    name = f"kpibot_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    eng = make_engine(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    migrate(eng)
    yield eng
    eng.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def repo(engine: Engine) -> Repository:
    return Repository(engine)
