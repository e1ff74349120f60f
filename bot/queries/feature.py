"""The queries feature: the core `/kpi` commands — a KPI, `report`, `compare`, `list`, `help`,
`settings`, and typing numbers in with `log` and `cost` — and the Share / Full report buttons
under a reply (`actions`)."""

from __future__ import annotations

from functools import partial

from bot.competitors import compare as compare_me
from bot.context import Ctx, Reply
from bot.feature import Feature
from bot.grammar import Compare, CostEntry, Help, KpiQuery, ListCampaigns, Log, Report, SettingsCmd
from bot.queries import actions, entry, query, report, simple
from bot.services import Services
from bot.workspace import delete_data
from storage.campaigns.memo import one_reply


def _kpi(services: Services, ctx: Ctx, cmd: KpiQuery) -> Reply:
    with one_reply():  # reads only: each total read once
        return query.run(ctx, services.repo, cmd)


def _report(services: Services, ctx: Ctx, cmd: Report) -> Reply:
    with one_reply():  # reads only: each total read once
        return report.report_reply(ctx, services.repo, cmd)


def _compare(services: Services, ctx: Ctx, cmd: Compare) -> Reply:
    if compare_me.wants_me(cmd, services, ctx):  # `compare me <competitor>`: competitors'
        return compare_me.compare_me(services, ctx)
    with one_reply():  # reads only: each total read once
        return report.compare_reply(ctx, services.repo, cmd)


def _list(services: Services, ctx: Ctx, cmd: ListCampaigns) -> Reply:
    return simple.list_reply(ctx, services.repo)


def _help(services: Services, ctx: Ctx, cmd: Help) -> Reply:
    return simple.help_reply(ctx, cmd)


def _settings(services: Services, ctx: Ctx, cmd: SettingsCmd) -> Reply:
    if cmd.key in delete_data.WORDS:  # the workspace feature's question, with its buttons
        return delete_data.ask(services, ctx)
    return simple.settings_reply(ctx, services.repo, cmd)


def _log(services: Services, ctx: Ctx, cmd: Log) -> Reply:
    """Saves the day's numbers, then runs every feature's after-log step (the target check)
    — the same from Slack and from `kpibot ask`."""
    after = [partial(step, services) for step in services.features.after_log]
    return entry.log_reply(ctx, services.repo, cmd, after_log=after)


def _cost(services: Services, ctx: Ctx, cmd: CostEntry) -> Reply:
    return entry.cost_reply(ctx, services.repo, cmd)


FEATURE = Feature(
    name="queries",
    keywords={
        "help": "help",
        "hulp": "help",
        "list": "list",
        "lijst": "list",
        "campaigns": "list",
        "campagnes": "list",
        "report": "report",
        "rapport": "report",
        "compare": "compare",
        "vergelijk": "compare",
        "log": "log",
        "cost": "cost",
        "kosten": "cost",
        "settings": "settings",
        "instellingen": "settings",
    },
    commands={
        KpiQuery.name: _kpi,
        Report.name: _report,
        Compare.name: _compare,
        ListCampaigns.name: _list,
        Help.name: _help,
        SettingsCmd.name: _settings,
        Log.name: _log,
        CostEntry.name: _cost,
    },
    listeners=actions.register,
)
