"""Generated benchmark data: deterministic, no randomness needed for timing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

PLATFORMS = ("facebook", "instagram", "linkedin")
COLUMNS = (
    "impressions",
    "reach",
    "likes",
    "comments",
    "shares",
    "clicks",
    "conversions",
    "revenue",
    "spend",
)


def canonical_csv(
    path: Path, campaigns: int = 1000, days: int = 334, start: dt.date = dt.date(2025, 12, 1)
) -> int:
    """`campaigns` x 3 platforms x `days` rows from `start` (1000 x 3 x 334 = 1,002,000)."""
    dates = [(start + dt.timedelta(days=d)).isoformat() for d in range(days)]
    n = 0
    with path.open("w") as out:
        out.write("date,campaign,platform," + ",".join(COLUMNS) + "\n")
        for c in range(campaigns):
            slug = f"campaign-{c:04d}"
            for p_i, platform in enumerate(PLATFORMS):
                for d_i, day in enumerate(dates):
                    base = 1000 + (c * 7 + d_i * 13 + p_i * 17) % 5000
                    out.write(
                        f"{day},{slug},{platform},{base},{base * 3 // 5},{base // 40},{base // 300},"
                        f"{base // 500},{base // 60},{base // 900},{base * 0.05:.2f},{base * 0.012:.2f}\n"
                    )
                    n += 1
    return n


def meta_csv(path: Path, campaigns: int = 1000, days: int = 334) -> int:
    """The same numbers as a Dutch Meta Ads Manager export: BOM, `;`, decimal commas."""
    start = dt.date(2025, 12, 1)
    dates = [(start + dt.timedelta(days=d)).isoformat() for d in range(days)]
    header = (
        "Start rapportage;Einde rapportage;Naam campagne;Platform;Weergaven;Bereik;"
        "Klikken op links;Resultaten;Besteed bedrag (EUR);Conversiewaarde aankopen;CPM"
    )
    n = 0
    with path.open("w", encoding="utf-8-sig") as out:
        out.write(header + "\n")
        for c in range(campaigns):
            name = f"Campagne {c:04d}"
            for p_i, platform in enumerate(PLATFORMS):
                for d_i, day in enumerate(dates):
                    base = 1000 + (c * 7 + d_i * 13 + p_i * 17) % 5000
                    spend = f"{base * 0.012:.2f}".replace(".", ",")
                    revenue = f"{base * 0.05:.2f}".replace(".", ",")
                    out.write(
                        f"{day};{day};{name};{platform};{base};{base * 3 // 5};{base // 60};"
                        f"{base // 900};{spend};{revenue};12,5\n"
                    )
                    n += 1
    return n
