"""Alembic environment: runs against the engine handed over by storage.db.migrate
(`kpibot db upgrade`, and every start of kpibot), or the `sqlalchemy.url` option."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from storage.db import DEFAULT_URL, make_engine
from storage.models import Base

config = context.config
target_metadata = Base.metadata
LOCK_KEY = 0x6B7069626F74  # "kpibot": the advisory lock that serialises migrations


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine  # type: ignore[no-any-return]  # Alembic's attributes are untyped
    return make_engine(config.get_main_option("sqlalchemy.url") or DEFAULT_URL)


def run() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Several replicas starting at once: one migrates, the others wait here and
                # then find nothing left to do. The lock ends with the transaction.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            context.run_migrations()
        connection.commit()


run()
