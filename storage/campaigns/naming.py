"""A campaign's slug: the name people type and the key it is stored under."""

from __future__ import annotations

import re
import unicodedata

_SLUG_DROP = re.compile(r"[\W_]+")  # not a letter or digit of any script


def slugify(name: str) -> str:
    """`Zomer Actie 2026` -> `zomer-actie-2026`: lower case, accents folded, letters and
    digits of every script kept (`Лиды Москва` -> `лиды-москва`, `春季促销` -> `春季促销`),
    anything else a hyphen. A name without letters or digits (only emoji) is spelled by its
    symbols' Unicode names (`🔥🚀` -> `fire-rocket`); only punctuation gives `campaign`: a
    slug is never empty for a name that is not."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    slug = _SLUG_DROP.sub("-", unicodedata.normalize("NFKC", folded).casefold()).strip("-")
    if slug or not name.strip():
        return slug
    symbols = [c for c in name if unicodedata.category(c).startswith("S")]
    spelled = " ".join(unicodedata.name(c, "") for c in symbols)
    return _SLUG_DROP.sub("-", spelled.lower()).strip("-") or "campaign"
