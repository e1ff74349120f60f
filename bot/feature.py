"""What a feature is: one declarative value, and the lookup tables built from a tuple of them.

A feature (queries, imports, alerts, digests, demo) declares everything it adds to kpibot in
one `Feature`: the words people type after `/kpi` (English and Dutch) and the command each
word names, the handler of each command, its `kpibot` CLI sub-commands, its Slack
listeners, its scheduled jobs, and what it does after an import or a `/kpi log`. Nothing
registers itself by being imported: the entry points (`kpibot`, `build_app`, the scheduler)
take the tuple in `bot.features.FEATURES` and build a `Features` table per instance.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.context import Ctx, Reply

if TYPE_CHECKING:
    from slack_bolt import App

# `Services` (bot.services) holds the `Features` table of its instance, so it is written `Any`
# here: this module cannot import it without a cycle. Each feature's functions name it.
#: `/kpi <word> ...` → the reply: fn(services, ctx, the command value from the grammar).
Handler = Callable[[Any, Ctx, Any], Reply]
#: Adds sub-commands to the `kpibot` parser (each with `func=`).
CliInstaller = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]
#: Registers listeners on the Bolt app of one instance: fn(app, services).
ListenerInstaller = Callable[["App", Any], None]
#: After a successful, not dry-run import: fn(services, team_id).
AfterImport = Callable[[Any, str], None]
#: After `/kpi log` saved a day's numbers: fn(services, ctx, campaign slug).
AfterLog = Callable[[Any, Ctx, str], None]


@dataclass(frozen=True)
class Job:
    """A job the scheduler of `kpibot serve` runs every `minutes` minutes."""

    id: str
    run: Callable[[], None]
    minutes: float


def _no_jobs(services: Any) -> Sequence[Job]:
    return ()


@dataclass(frozen=True)
class Feature:
    name: str
    #: word typed after `/kpi` (lower case, English and Dutch) → command name
    keywords: Mapping[str, str] = field(default_factory=dict)
    #: command name → handler; "kpi" is the command of a text that starts with a KPI
    commands: Mapping[str, Handler] = field(default_factory=dict)
    #: commands that only read: a replay of one is answered again (see bot.listeners.once)
    read_only: frozenset[str] = frozenset()
    cli: CliInstaller | None = None
    listeners: ListenerInstaller | None = None
    jobs: Callable[[Any], Sequence[Job]] = _no_jobs
    after_import: AfterImport | None = None
    after_log: AfterLog | None = None


class Features:
    """The lookup tables of one instance, built from a tuple of features. Two features
    claiming the same word, command or job is a programming error, found at start-up."""

    def __init__(self, features: Sequence[Feature] = ()) -> None:
        self.features: tuple[Feature, ...] = tuple(features)
        self.keywords: dict[str, str] = {}
        self.commands: dict[str, Handler] = {}
        for feature in self.features:
            _merge(self.keywords, feature.keywords, feature.name, "word")
            _merge(self.commands, feature.commands, feature.name, "command")
        self.read_only: frozenset[str] = frozenset().union(*(f.read_only for f in self.features))
        self.after_import: tuple[AfterImport, ...] = tuple(
            f.after_import for f in self.features if f.after_import is not None
        )
        self.after_log: tuple[AfterLog, ...] = tuple(
            f.after_log for f in self.features if f.after_log is not None
        )

    def install_cli(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        for feature in self.features:
            if feature.cli is not None:
                feature.cli(sub)

    def install_listeners(self, app: App, services: Any) -> None:
        for feature in self.features:
            if feature.listeners is not None:
                feature.listeners(app, services)

    def jobs(self, services: Any) -> list[Job]:
        jobs = [job for feature in self.features for job in feature.jobs(services)]
        ids = [job.id for job in jobs]
        if len(set(ids)) != len(ids):
            raise ValueError(f"two jobs share an id: {sorted(ids)}")
        return jobs


def _merge(table: dict[str, Any], new: Mapping[str, Any], owner: str, what: str) -> None:
    for key, value in new.items():
        if key in table:
            raise ValueError(f"feature {owner!r} claims the {what} {key!r} a second time")
        table[key] = value
