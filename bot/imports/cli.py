"""`kpibot import FILE`: the same import and report as a file shared in Slack, from the
terminal (a progress bar on stderr for large files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.context import Ctx
from bot.dispatch import make_ctx
from bot.errors import CliError
from bot.imports.blocks import report_blocks
from bot.imports.importing import run_import
from bot.render_text import render
from bot.services import Services
from bot.terminal import open_services, resolve_team
from storage.exports import AliasError, load_aliases


class ProgressBar:
    """A progress bar on stderr for large files (only when stderr is a terminal)."""

    def __init__(self, path: Path) -> None:
        self.enabled = sys.stderr.isatty() and path.stat().st_size > 2_000_000
        self.total = max(_lines(path) if self.enabled else 0, 1)

    def __call__(self, rows: int) -> None:
        if not self.enabled:
            return
        done = min(rows / self.total, 1.0)
        bar = "#" * int(done * 30)
        sys.stderr.write(f"\rReading  [{bar:<30}] {done:6.1%}  {rows:,} rows")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _lines(path: Path) -> int:
    """The file's line ends, counted a block at a time (the file is never held whole)."""
    with path.open("rb") as f:
        return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))


def import_file(services: Services, team_id: str, args: argparse.Namespace) -> int:
    """`kpibot import FILE`: prints the same report Slack shows; exit 1 when refused."""
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"There is no file {path}.")
    try:
        aliases = load_aliases(args.aliases) if args.aliases else None
    except AliasError as exc:
        raise CliError(str(exc)) from exc
    bar = ProgressBar(path)
    try:
        outcome = run_import(
            services,
            team_id,
            path,
            format=args.format,
            aliases=aliases,
            platform=args.platform,
            dry_run=args.dry_run,
            progress=bar,
        )
    finally:
        bar.close()
    ctx: Ctx = make_ctx(services, team_id)
    sys.stdout.write(render(report_blocks(outcome, ctx, filename=path.name)) + "\n")
    return 0 if outcome.ok else 1


def cmd_import(args: argparse.Namespace) -> int:
    services = open_services(args)
    team = resolve_team(services, args.team)
    return import_file(services, team, args)


def add_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import a CSV export of campaign numbers")
    p.add_argument("file")
    p.add_argument("--team", help="Slack workspace ID (optional with one workspace)")
    p.add_argument(
        "--format", help="meta, linkedin, google_ads, ga4 or canonical (default: detect)"
    )
    p.add_argument("--aliases", help="TOML file with your own header names")
    p.add_argument("--platform", help="platform for files without a platform column")
    p.add_argument("--dry-run", action="store_true", help="show the report, write nothing")
    p.set_defaults(func=cmd_import)
