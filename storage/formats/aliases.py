"""A team's own header names: a small TOML file read before format detection.

```toml
[aliases]
"Kosten" = "spend"
"Sessions" = "clicks"
"Datum" = "date"
"Oude kolom" = "ignore"
```

Targets are counters of kpi.counters, `date` (or `day`), `day_end`, `campaign`,
`campaign_name`, `platform`, `currency`, or `ignore`. Headers match case- and
space-insensitively; an alias wins over a format's own name for the same header.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping

from kpi.counters import COUNTERS
from storage.errors import StorageError
from storage.formats.spec import normalise

TARGETS: tuple[str, ...] = (
    *COUNTERS,
    "date",
    "day",
    "day_end",
    "campaign",
    "campaign_name",
    "platform",
    "currency",
    "ignore",
)


class AliasError(StorageError, ValueError):
    """The alias file cannot be used; names the file and the entry."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def load_aliases(path: str | os.PathLike[str]) -> dict[str, str]:
    """`{header: target}` from the `[aliases]` table of a TOML file. Raises AliasError for
    a file that is not TOML, lacks the table, or maps to an unknown target."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as file:
            data = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise AliasError(name, f"not a TOML file ({error})") from error
    table = data.get("aliases")
    if not isinstance(table, dict):
        raise AliasError(name, 'no [aliases] table (e.g. [aliases]\n"Kosten" = "spend")')
    aliases: dict[str, str] = {}
    for header, target in table.items():
        if not isinstance(target, str) or target.strip().lower() not in TARGETS:
            raise AliasError(
                name, f"{header!r} = {target!r}: the target must be one of {', '.join(TARGETS)}"
            )
        aliases[header] = target.strip().lower()
    return aliases


def prepared(aliases: Mapping[str, str] | None) -> dict[str, str]:
    """Aliases keyed by normalised header, targets as format fields (`date` -> `day`).
    Raises ValueError for an unknown target (aliases passed in code, not from a file)."""
    out: dict[str, str] = {}
    for header, target in (aliases or {}).items():
        field = target.strip().lower()
        if field not in TARGETS:
            raise ValueError(f"alias {header!r} -> {target!r}: not one of {', '.join(TARGETS)}")
        out[normalise(header)] = "day" if field == "date" else field
    return out
