"""The features kpibot runs, as one tuple of values. Importing this module registers nothing:
the entry points (`kpibot`, `build_app` through `Services.features`, the scheduler) read the
tuple and build their own lookup tables (`bot.feature.Features`)."""

from __future__ import annotations

from bot import demo
from bot.alerts import feature as alerts
from bot.benchmarks import feature as benchmarks
from bot.campaigns import feature as campaigns
from bot.competitors import feature as competitors
from bot.digests import feature as digests
from bot.feature import Feature
from bot.home import feature as home
from bot.imports import feature as imports
from bot.queries import feature as queries
from bot.selfmon import feature as selfmon
from bot.sync import feature as sync
from bot.unusual import feature as unusual
from bot.workspace import feature as workspace

FEATURES: tuple[Feature, ...] = (
    queries.FEATURE,
    imports.FEATURE,
    campaigns.FEATURE,
    alerts.FEATURE,
    digests.FEATURE,
    home.FEATURE,
    unusual.FEATURE,
    sync.FEATURE,
    selfmon.FEATURE,
    demo.FEATURE,
    workspace.FEATURE,
    competitors.FEATURE,
    benchmarks.FEATURE,
)
