"""The digests feature: the `/kpi digest` sub-command, the tick every minute in
`kpibot serve`, and `kpibot digest run-due|send`."""

from __future__ import annotations

from collections.abc import Sequence

from bot.digests.cli import add_cli
from bot.digests.commands import digest_command
from bot.digests.scheduler import JOB_ID, tick_quietly
from bot.feature import Feature, Job
from bot.services import Services


def jobs(services: Services) -> Sequence[Job]:
    """The digest tick, every minute (what is due comes from the database, not the job)."""
    return [Job(JOB_ID, lambda: tick_quietly(services), 1)]


FEATURE = Feature(
    name="digests",
    keywords={"digest": "digest"},
    commands={"digest": digest_command},
    cli=add_cli,
    jobs=jobs,
)
