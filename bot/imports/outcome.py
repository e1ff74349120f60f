"""What an import did: the parse (rows or problems) and, unless refused, what it changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from storage.campaigns.records import UpsertStats
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
