"""Importing a file, for the CLI and for Slack: parse every row, refuse the whole file on any
problem, otherwise upsert in one transaction and report what changed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from bot.imports.outcome import ImportOutcome
from bot.imports.streamed import import_stream
from bot.services import Services
from storage.bounds import row_problems
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.records import MetricRow
from storage.exports import parse_file, streams_canonical
from storage.exports.chunks import CHUNK
from storage.exports.problems import MAX_PROBLEMS, RowProblem
from storage.exports.result import ParseResult

#: How much of a file decides whether it is read chunk by chunk (its header is in it).
HEAD_BYTES = 1 << 16


def run_import(
    services: Services,
    team_id: str,
    data: bytes | Path,
    *,
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
    platform: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK,
) -> ImportOutcome:
    """Parse `data` (a file's bytes or its path; any export storage.exports recognises;
    `format` names it instead), refuse it whole on any problem or when a campaign is kept in
    another currency, else upsert. A canonical CSV is read and written `chunk_rows` lines
    at a time (bot.imports.streamed), any other export whole."""
    repo = services.repo
    workspace = repo.ensure_workspace(team_id)
    today = services.settings.today_in(workspace.timezone)
    with open(data, "rb") if isinstance(data, Path) else io.BytesIO(data) as stream:
        if streams_canonical(stream.read(HEAD_BYTES), format=format, aliases=aliases):
            stream.seek(0)
            return import_stream(
                services, team_id, stream, today=today, dry_run=dry_run,
                progress=progress, chunk_rows=chunk_rows,
            )  # fmt: skip
    if isinstance(data, Path):
        data = data.read_bytes()
    parsed = parse_file(
        data,
        format=format,
        aliases=aliases,
        default_platform=platform,
        progress=progress,
        as_of=today,
    )
    parsed = within_bounds(parsed, today)
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
        return set(rows.coded("campaigns").values.tolist())
    return {row.campaign for row in rows}
