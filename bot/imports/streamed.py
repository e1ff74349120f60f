"""A canonical CSV imported chunk by chunk (storage.exports.stream): each chunk is read,
checked and upserted in the one transaction of the import, so memory holds a chunk, not
the file. Refusal stays all-or-nothing: after the first problem nothing more is written,
every chunk is still checked (so the report names every bad line), and the transaction is
rolled back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import BinaryIO

from bot.imports.outcome import ImportOutcome
from bot.services import Services
from storage.bounds import row_problems
from storage.exports.problems import MAX_PROBLEMS, Problems
from storage.exports.result import ParseResult
from storage.exports.stream import SeenKeys, read_chunks


def import_stream(
    services: Services,
    team_id: str,
    stream: BinaryIO,
    *,
    today: dt.date,
    dry_run: bool,
    progress: Callable[[int], None] | None,
    chunk_rows: int,
) -> ImportOutcome:
    problems = Problems()
    seen = SeenKeys()
    skipped: Counter[str] = Counter()
    shape: ParseResult | None = None  # the first chunk: the columns recognised and ignored
    rows = 0
    with services.repo.bulk_upsert(team_id) as bulk:
        for line, chunk in read_chunks(stream, as_of=today, chunk_rows=chunk_rows):
            shape = shape or chunk
            skipped.update(chunk.skipped)
            if chunk.problems:
                problems.found += chunk.problems
                problems.count += max(chunk.problem_count, len(chunk.problems))
            elif bounds := row_problems(chunk.rows, today):
                bounds.sort(key=lambda p: (p.line, p.column or ""))
                problems.found += bounds[:MAX_PROBLEMS]
                problems.count += len(bounds)
            else:
                seen.add(chunk.rows)  # type: ignore[arg-type]  # the canonical reader's FrameRows
                rows += len(chunk.rows)
                if not problems.count:
                    bulk.write(chunk.rows)
            if progress is not None:
                progress(line)
        seen.problems(problems)
        if not rows and not skipped and not problems.count:
            problems.add(2, None, "import.error.no_rows")
        assert shape is not None  # read_chunks yields at least one chunk
        parsed = ParseResult(
            shape.format,
            [],
            shape.recognised,
            shape.ignored,
            dict(skipped),
            problems=problems.result(),
            problem_count=problems.count,
            streamed=rows,
        )
        if problems.count:
            return ImportOutcome(parsed, None, dry_run)  # leaving the block rolls back
        stats = bulk.finish(commit=not dry_run)
    if not dry_run:
        for step in services.features.after_import:  # e.g. the target check
            step(services, team_id)
    return ImportOutcome(parsed, stats, dry_run)
