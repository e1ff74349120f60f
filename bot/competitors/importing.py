"""A competitor CSV shared in a channel (or `kpibot import-competitors FILE`): recognised by
its header (storage.competitors.csv_file), refused whole with every problem by line, or
noted in one transaction; the report says what was noted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.blocks.common import context, section, sections
from bot.competitors.parse import platform_of
from bot.context import Ctx
from bot.dispatch import make_ctx
from bot.errors import CliError
from bot.render_text import render
from bot.services import Services
from bot.terminal import open_services, resolve_team
from storage.competitors.csv_file import read, recognise

__all__ = ["add_cli", "import_blocks", "recognise"]


def import_blocks(
    services: Services, ctx: Ctx, data: bytes, filename: str
) -> tuple[list[dict[str, Any]], bool]:
    """Note the file's observations (all or none); the report's blocks and whether it was
    noted."""
    parsed = read(data, ctx.today, platform_of)
    if parsed.problems:
        lines = [
            ctx.t(
                "competitor.csv.line",
                line=p.line,
                column=p.column or "—",
                why=ctx.t(p.reason_key, **p.args),
            )  # fmt: skip
            for p in parsed.problems
        ]
        more = parsed.problem_count - len(parsed.problems)
        head = ctx.t("competitor.csv.refused", name=filename, count=parsed.problem_count)
        blocks = [section(":no_entry: " + head), *sections("\n".join(lines))]
        if more:
            blocks.append(context(ctx.t("competitor.csv.more", count=more)))
        blocks.append(context(ctx.t("competitor.csv.how")))
        return blocks, False
    services.repo.ensure_workspace(ctx.team_id)
    done = services.competitors.note_many(ctx.team_id, parsed.rows, created_by=ctx.user_id)
    names = {" ".join(r.name.split()).casefold() for r in parsed.rows}
    text = ctx.t(
        "competitor.csv.noted",
        name=filename,
        count=len(parsed.rows),
        competitors=len(names),
        added=done.added,
        updated=done.updated,
    )
    notes = [ctx.t("competitor.csv.columns", columns=", ".join(parsed.columns))]
    if done.new_competitors:
        notes.append(ctx.t("competitor.csv.new", names=", ".join(done.new_competitors)))
    notes.append(ctx.t("competitors.hint"))
    return [section(":white_check_mark: " + text), context(*notes)], True


def cmd_import_competitors(args: argparse.Namespace) -> int:
    """`kpibot import-competitors FILE [--team T]`: prints the report; exit 1 when refused."""
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"There is no file {path}.")
    services = open_services(args)
    team = resolve_team(services, args.team)
    ctx = make_ctx(services, team)
    data = path.read_bytes()  # a hand-made file: at most MAX_LINES lines
    if not recognise(data):
        sys.stdout.write(
            ctx.t("competitor.csv.no_header") + "\n" + ctx.t("competitor.csv.how") + "\n"
        )
        return 1
    blocks, ok = import_blocks(services, ctx, data, path.name)
    sys.stdout.write(render(blocks) + "\n")
    return 0 if ok else 1


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import-competitors", help="import a CSV of competitor observations")
    p.add_argument("file")
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.set_defaults(func=cmd_import_competitors)
