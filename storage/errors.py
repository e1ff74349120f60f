"""Errors of the storage package; each names the thing it is about.

Import problems carry message keys and arguments, not sentences: the bot renders them in
the workspace's language through kpi.i18n. PROBLEM_TEXT holds the default English so the
CLI and logs can print them without the bot (a test keeps it equal to kpi.i18n's English).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.canonical import RowProblem


class StorageError(Exception):
    """Base of storage's errors."""


class UnknownCampaign(StorageError, LookupError):
    """No campaign by this slug (or id) in this workspace."""

    def __init__(self, team_id: str, campaign: str) -> None:
        super().__init__(f"No campaign {campaign!r} in workspace {team_id}")
        self.team_id = team_id
        self.campaign = campaign


class UnknownCostCategory(StorageError, ValueError):
    """A cost booked under a category kpi.counters.COST_CATEGORIES does not know."""

    def __init__(self, category: str, known: Sequence[str]) -> None:
        super().__init__(f"No cost category {category!r}; known: {', '.join(known)}")
        self.category = category
        self.known = tuple(known)


class ImportRejected(StorageError, ValueError):
    """A file refused as a whole; nothing was written. `problems` holds the first
    MAX_PROBLEMS of them (line, column, key, args), `count` how many there were."""

    def __init__(self, problems: Sequence[RowProblem], count: int | None = None) -> None:
        self.problems = tuple(problems)
        self.count = len(self.problems) if count is None else count
        shown = "\n".join(describe(p) for p in self.problems[:5])
        more = f"\n… and {self.count - 5} more" if self.count > 5 else ""
        super().__init__(f"{self.count} problem(s), nothing was written:\n{shown}{more}")


#: Default English of every import problem key (same text as kpi/i18n/import_en.py).
PROBLEM_TEXT: dict[str, str] = {
    "import.error.encoding": "the file is not UTF-8 text. Save or export it as “CSV UTF-8” and try again.",  # noqa: E501
    "import.error.missing_columns": "the header lacks {columns}; a kpibot CSV starts with {expected}.",  # noqa: E501
    "import.error.unknown_column": "“{column}” is not a column kpibot knows. Counters: {known}.",
    "import.error.cells": "{found} cells where the header has {expected}.",
    "import.error.date": "“{value}” is not a date kpibot can read (use YYYY-MM-DD, e.g. 2026-11-02).",  # noqa: E501
    "import.error.empty": "{column} is empty.",
    "import.error.number": "{column} “{value}” is not a number.",
    "import.error.negative": "{column} is {value}: counts and amounts can't be negative.",
    "import.error.duplicate": "{campaign} on {day} ({platform}) is already on line {first}; each campaign, day and platform may appear once.",  # noqa: E501
}


def describe(problem: RowProblem) -> str:
    """`line 3, column clicks: clicks “abc” is not a number.` in English (line 1 = header)."""
    template = PROBLEM_TEXT.get(problem.reason_key, problem.reason_key)
    try:
        reason = template.format(**problem.args)
    except (KeyError, IndexError):  # a key newer than this table: say at least which
        reason = f"{problem.reason_key} {dict(problem.args)}"
    where = f", column {problem.column}" if problem.column else ""
    return f"line {problem.line}{where}: {reason}"
