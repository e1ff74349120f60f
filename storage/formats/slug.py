"""Campaign names to slugs: one rule for every format.

The rule is the canonical importer's (storage.canonical.slugify), so a campaign imported from
a Meta export and from a kpibot CSV lands on the same slug: `Zomer Actie 2026` ->
`zomer-actie-2026` (accents folded to ASCII, anything else but letters and digits to one
hyphen, no hyphen at either end). A name with no letter or digit gives "".
"""

from __future__ import annotations

from storage.canonical import slugify

__all__ = ["slugify"]
