"""The long-lived parts a request handler uses, built once per instance: the settings, the
database, every repository a feature needs (none is built on the spot), the Slack client
of each workspace, and the table of features this instance runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.answer_queue import AnswerQueue
from bot.feature import Feature, Features
from bot.settings import Settings
from bot.team_clients import TeamClients
from storage.answers import PendingAnswers
from storage.competitors.repo import CompetitorRepository
from storage.connections import Connections
from storage.db import make_engine, migrate
from storage.digests.repo import DigestRepository
from storage.home import HomeRepository
from storage.notices import Notices
from storage.repository import Repository
from storage.slack_ids import SlackIds
from storage.targets.repo import TargetRepository


@dataclass
class Services:
    settings: Settings
    engine: Engine
    #: workspaces, campaigns, metrics and costs
    repo: Repository
    #: targets and the alert claims (alerts, digests, campaigns)
    targets: TargetRepository
    #: digest subscriptions and the delivery claims
    digests: DigestRepository
    #: Slack event and trigger ids already acted on (bot.listeners.once)
    slack_ids: SlackIds
    #: the ad platforms a workspace syncs from, their sealed secrets and sync state
    connections: Connections
    #: who opened the Home tab, what they follow, the pages and sparklines published
    home: HomeRepository
    #: the one place that gives a Slack client for a workspace (bot.team_clients)
    clients: TeamClients
    #: what is told once (data gaps to channels, a target's problem to its creator)
    notices: Notices
    #: competitors followed by hand and their dated observations (bot.competitors)
    competitors: CompetitorRepository
    #: `/kpi` commands acked and not yet answered (bot.answer_queue, storage.answers)
    answers: AnswerQueue
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
        return cls(
            settings,
            engine,
            Repository(engine),
            TargetRepository(engine),
            DigestRepository(engine),
            SlackIds(engine),
            Connections(engine),
            HomeRepository(engine),
            TeamClients(settings, engine),
            Notices(engine),
            CompetitorRepository(engine),
            AnswerQueue(
                PendingAnswers(engine),
                bound=settings.answer_queue,
                lease=dt.timedelta(seconds=settings.answer_lease_seconds),
                adopt_at_start=engine.dialect.name == "sqlite",
            ),
            Features(features),
        )
