"""Import the canonical CSV (`date,campaign,platform` + counters named as in kpi.counters,
optionally `campaign_name`) from a path or a stream.

Every row is checked first (storage.canonical.parse_canonical); one bad row refuses the whole
file with ImportRejected and nothing is written. A good file is upserted in one transaction
on (campaign, day, platform), so importing it twice doubles nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from storage.canonical import MAX_PROBLEMS, RowProblem, parse_canonical
from storage.errors import ImportRejected
from storage.records import MetricRow

if TYPE_CHECKING:
    from storage.repository import Repository

__all__ = ["MAX_PROBLEMS", "ImportRejected", "ImportReport", "RowProblem", "import_csv"]

Source = str | os.PathLike[str] | IO[bytes] | IO[str]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: data rows read, rows inserted and updated (read = inserted +
    updated), the campaigns (slugs) and the first and last day the file covers."""

    rows: int
    inserted: int
    updated: int
    campaigns: tuple[str, ...]
    first_day: dt.date | None
    last_day: dt.date | None


def _read_bytes(source: Source) -> bytes:
    """A path (str or PathLike) or an open stream, text or binary."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as file:
            return file.read()
    data = source.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def read_canonical(source: Source) -> list[MetricRow]:
    """Every row of a canonical CSV, checked. Raises ImportRejected with every problem (up
    to MAX_PROBLEMS, `count` says how many in all) when any row is bad or the header is
    wrong; line numbers count the header as line 1."""
    parsed = parse_canonical(_read_bytes(source))
    if parsed.problems:
        raise ImportRejected(parsed.problems, parsed.problem_count)
    return parsed.rows


def import_csv(repo: Repository, team_id: str, source: Source) -> ImportReport:
    """Read and check `source`, then upsert its rows into workspace `team_id` in one
    transaction (missing campaigns are created). Raises ImportRejected, writing nothing,
    when any row is bad."""
    rows = read_canonical(source)
    stats = repo.upsert_metrics(team_id, rows)
    return ImportReport(
        rows=len(rows),
        inserted=stats.inserted,
        updated=stats.updated,
        campaigns=stats.campaigns,
        first_day=stats.first_day,
        last_day=stats.last_day,
    )
