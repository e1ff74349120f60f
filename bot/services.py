"""The long-lived parts a request handler uses, built once per instance: the settings, the
database, its repositories, and the table of features this instance runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.feature import Feature, Features
from bot.settings import Settings
from storage.db import make_engine, migrate
from storage.repository import Repository


@dataclass
class Services:
    settings: Settings
    engine: Engine
    repo: Repository
    #: what `/kpi`, the listeners, the scheduler and the hooks of this instance know
    features: Features = field(default_factory=Features)

    @classmethod
    def open(
        cls, settings: Settings, features: Sequence[Feature], *, run_migrations: bool = True
    ) -> Services:
        """`features`: the tuple an entry point runs (normally `bot.features.FEATURES`)."""
        engine = make_engine(settings.database_url)
        if run_migrations:
            migrate(engine)
        return cls(settings, engine, Repository(engine), Features(features))
