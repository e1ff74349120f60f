"""A user's own header names: a small TOML file.

    [aliases]
    "Kosten" = "spend"
    "Datum" = "date"

Targets are counters (kpi.counters.COUNTERS) or date, date_end, campaign, platform.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from storage.errors import AliasError
from storage.exports.spec import ALIAS_TARGETS
from storage.exports.text import normalise


def load_aliases(path: str | Path) -> dict[str, str]:
    """Header -> field from the file's `[aliases]` table. Raises AliasError naming the
    problem (unreadable TOML, no [aliases] table, an unknown target)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AliasError(f"{path}: cannot read the alias file ({exc})") from exc
    table = data.get("aliases")
    if not isinstance(table, dict):
        raise AliasError(f'{path}: no [aliases] table (write e.g. [aliases] "Kosten" = "spend")')
    return check_aliases(table, source=str(path))


def check_aliases(aliases: Mapping[str, object], *, source: str = "aliases") -> dict[str, str]:
    """Validated aliases keyed as headers are looked up (lower case, single spaces)."""
    checked: dict[str, str] = {}
    for header, target in aliases.items():
        name = str(target).strip().lower()
        if name not in ALIAS_TARGETS:
            raise AliasError(
                f"{source}: “{header}” = “{target}”: kpibot has no field “{target}”. "
                f"Use one of: {', '.join(ALIAS_TARGETS)}."
            )
        checked[normalise(str(header))[0]] = name
    return checked
