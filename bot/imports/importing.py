"""Importing a file, for the CLI and for Slack: parse every row, refuse the whole file on any
problem, otherwise upsert in one transaction and report what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from bot.services import Services
from storage.bounds import row_problems
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.records import MetricRow, UpsertStats
from storage.exports import parse_file
from storage.exports.problems import MAX_PROBLEMS, RowProblem
from storage.exports.result import ParseResult


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
        for step in services.features.after_import:  # e.g. the target check
            step(services, team_id)
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
