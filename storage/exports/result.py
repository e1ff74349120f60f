"""What reading a file gives, whatever its format: the checked rows, or every problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from storage.campaigns.records import MetricRow
from storage.exports.problems import RowProblem


@dataclass(frozen=True)
class ParseResult:
    format: str
    rows: Sequence[MetricRow]
    recognised: dict[str, str] = field(default_factory=dict)  # header -> field
    ignored: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count
    currency: str | None = None
    period_totals: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    summed_rows: int = 0  # rows summed into `rows` (ad-level exports, placements), 0: none
    summed_level: str = ""  # what those rows were: ad, ad_set, placement, breakdown
    sources: dict[str, str] = field(default_factory=dict)  # conversions/revenue -> header
    dimension: str = ""  # GA4: the column whose values became campaigns
    streamed: int = 0  # rows read and written chunk by chunk, not held in `rows`

    @property
    def row_count(self) -> int:
        """The rows read (held in `rows`, or streamed)."""
        return self.streamed or len(self.rows)
