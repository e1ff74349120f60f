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


def _database(
    request: pytest.FixtureRequest, tmp_path: Path, *, migrated: bool
) -> Iterator[Engine]:
    """A database of the test's own: a SQLite file, or a fresh PostgreSQL database dropped
    afterwards (so parallel runs never see each other's rows); migrated to head if asked."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'kpibot.db'}")
        if migrated:
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
    if migrated:
        migrate(eng)
    yield eng
    eng.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database migrated to the newest revision, on SQLite and on PostgreSQL."""
    yield from _database(request, tmp_path, migrated=True)


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database without any table yet, for tests that migrate step by step."""
    yield from _database(request, tmp_path, migrated=False)


@pytest.fixture
def repo(engine: Engine) -> Repository:
    return Repository(engine)
