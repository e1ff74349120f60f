"""The Home tab feature: `app_home_opened` and the Home's buttons and modals (listeners),
the debounced rebuild after imports, logs and alert state changes (a job every half
minute), and marking every Home of a workspace changed after an import or a log."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.context import Ctx
from bot.feature import Feature, Job
from bot.home import actions
from bot.home.publish import mark_changed, refresh_due
from bot.services import Services

log = logging.getLogger(__name__)
JOB_ID = "kpibot-home-refresh"


def _refresh_quietly(services: Services) -> None:
    try:
        refresh_due(services)
    except Exception:
        log.exception("Home refresh failed")


def jobs(services: Services) -> Sequence[Job]:
    return [Job(JOB_ID, lambda: _refresh_quietly(services), 0.5)]


def after_import(services: Services, team_id: str) -> None:
    mark_changed(services, team_id)


def after_log(services: Services, ctx: Ctx, slug: str) -> None:
    mark_changed(services, ctx.team_id)


FEATURE = Feature(
    name="home",
    listeners=actions.register,
    jobs=jobs,
    after_import=after_import,
    after_log=after_log,
)
