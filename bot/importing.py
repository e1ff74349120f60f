"""Importing a file, from the CLI or from Slack: parse every row, refuse the whole file on any
problem, otherwise upsert in one transaction and report what changed."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.blocks.import_report import report_blocks
from bot.context import Ctx
from bot.render_text import render
from bot.services import Services
from storage.bounds import row_problems
from storage.canonical import MAX_PROBLEMS, ParseResult, RowProblem
from storage.exports import AliasError, load_aliases, parse_file
from storage.frame_rows import FrameRows
from storage.records import MetricRow
from storage.repository import UpsertStats

#: Run after every successful import (e.g. the target checks): fn(services, team_id).
AFTER_IMPORT: list[Callable[[Services, str], None]] = []


class ImportRefused(Exception):
    """The file was refused as a whole; nothing was written."""


@dataclass(frozen=True)
class ImportOutcome:
    parsed: ParseResult
    stats: UpsertStats | None  # None when refused
    dry_run: bool
    refused_currency: tuple[str, str, str] | None = None  # (campaign, stored, file)
    warnings: Sequence[str] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.parsed.problems and self.refused_currency is None


def run_import(
    services: Services,
    team_id: str,
    data: bytes,
    *,
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
    platform: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Parse `data` (any export storage.exports recognises; `format` names it instead), refuse
    it whole on any problem or when a campaign is kept in another currency, else upsert."""
    repo = services.repo
    workspace = repo.ensure_workspace(team_id)
    today = services.settings.today_in(workspace.timezone)
    parsed = parse_file(
        data,
        format=format,
        aliases=aliases,
        default_platform=platform,
        progress=progress,
        as_of=today,
    )
    repo = services.repo
    workspace = repo.ensure_workspace(team_id)
    parsed = within_bounds(parsed, services.settings.today_in(workspace.timezone))
    if parsed.problems:
        return ImportOutcome(parsed, None, dry_run)
    if parsed.currency:
        kept = {c.slug: c.currency for c in repo.list_campaigns(team_id) if c.currency}
        for slug in sorted(_slugs(parsed.rows)):
            stored = kept.get(slug)
            if stored and stored != parsed.currency:
                return ImportOutcome(
                    parsed, None, dry_run, refused_currency=(slug, stored, parsed.currency)
                )
    stats = repo.upsert_metrics(team_id, parsed.rows, dry_run=dry_run, currency=parsed.currency)
    if not dry_run:
        for hook in AFTER_IMPORT:
            hook(services, team_id)
    return ImportOutcome(parsed, stats, dry_run)


def within_bounds(parsed: ParseResult, today: dt.date) -> ParseResult:
    """The parse, refused when a checked row holds what no column can (a day before
    2000-01-01 or after today, a name too long, control characters, a number too big) or
    when the file has no rows at all: the same bounds `/kpi log` and the forms have."""
    if parsed.problems:
        return parsed
    if not parsed.rows and not parsed.skipped:
        problem = RowProblem(2, None, "import.error.no_rows")
        return replace(parsed, problems=[problem], problem_count=1)
    problems = row_problems(parsed.rows, today)
    if not problems:
        return parsed
    problems.sort(key=lambda p: (p.line, p.column or ""))
    return replace(parsed, rows=[], problems=problems[:MAX_PROBLEMS], problem_count=len(problems))


def _slugs(rows: Sequence[MetricRow]) -> set[str]:
    """The campaigns a parse touches (column-held rows are read without building rows)."""
    if isinstance(rows, FrameRows):
        return set(rows.campaigns)
    return {row.campaign for row in rows}


class ProgressBar:
    """A progress bar on stderr for large files (only when stderr is a terminal)."""

    def __init__(self, total_bytes: int, total_lines: int) -> None:
        self.total = max(total_lines, 1)
        self.enabled = sys.stderr.isatty() and total_bytes > 2_000_000

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


def import_file(services: Services, team_id: str, args: argparse.Namespace) -> int:
    """`kpibot import FILE`: prints the same report Slack shows; exit 1 when refused."""
    from bot.cli import CliError
    from bot.dispatch import make_ctx

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"There is no file {path}.")
    data = path.read_bytes()
    try:
        aliases = load_aliases(args.aliases) if args.aliases else None
    except AliasError as exc:
        raise CliError(str(exc)) from exc
    bar = ProgressBar(len(data), data.count(b"\n"))
    try:
        outcome = run_import(
            services,
            team_id,
            data,
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
