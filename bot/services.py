"""The long-lived parts a request handler uses, built once per process."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.settings import Settings
from storage.db import make_engine, migrate
from storage.repository import Repository


@dataclass
class Services:
    settings: Settings
    engine: Engine
    repo: Repository

    @classmethod
    def open(cls, settings: Settings, *, run_migrations: bool = True) -> Services:
        engine = make_engine(settings.database_url)
        if run_migrations:
            migrate(engine)
        return cls(settings=settings, engine=engine, repo=Repository(engine))
