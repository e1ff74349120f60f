"""The imports feature: a CSV export shared in a channel is imported with the report in its
thread (`listener`), `/kpi import` says how, and `kpibot import FILE` does it from the
terminal (`cli`); `importing` parses, bounds and upserts a file, `blocks` is the report."""

from __future__ import annotations

from bot.blocks.common import section
from bot.context import Ctx, Reply
from bot.feature import Feature
from bot.grammar import Sub
from bot.imports import cli, listener
from bot.services import Services


def import_command(services: Services, ctx: Ctx, cmd: Sub) -> Reply:
    text = ctx.t("import.slack.how")
    return Reply([section(":inbox_tray: " + text)], text)


FEATURE = Feature(
    name="imports",
    keywords={"import": "import", "importeer": "import"},
    commands={"import": import_command},
    read_only=frozenset({"import"}),
    cli=cli.add_cli,
    listeners=listener.register,
)
