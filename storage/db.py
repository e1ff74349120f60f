"""Engine and migrations. SQLite by default (WAL, foreign keys on); PostgreSQL via psycopg 3
(`postgresql+psycopg://user@host/db`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_URL = "sqlite:///kpibot.db"
MIGRATIONS = Path(__file__).parent / "migrations"

#: Run on every new SQLite connection. WAL lets readers (the /kpi replies) go on while an
#: import writes; synchronous=NORMAL is safe with WAL and much faster for imports; SQLite
#: leaves foreign keys off unless asked, and the busy timeout makes a second writer wait
#: instead of failing with "database is locked".
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=30000",
    "PRAGMA synchronous=NORMAL",
)


def make_engine(url: str = DEFAULT_URL, **kwargs: Any) -> Engine:
    """An engine for `url`: SQLite connections get the pragmas above, PostgreSQL
    connections are checked before use (a replica may have restarted the server)."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    return engine


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at the migrations inside the installed package (no
    alembic.ini needed) that hands `engine` to migrations/env.py."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine | str) -> None:
    """Bring the schema to the newest revision; does nothing when it is there already.
    A URL gets an engine of its own, disposed afterwards."""
    from alembic import command

    if isinstance(engine, str):
        own = make_engine(engine)
        try:
            command.upgrade(alembic_config(own), "head")
        finally:
            own.dispose()
        return
    command.upgrade(alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None before the first migration."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
