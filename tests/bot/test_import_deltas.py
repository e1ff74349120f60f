"""Summary buckets kept by adding a chunk's own sums (storage.campaigns.deltas) when the
chunk only inserts rows, and summed again when it overwrites: after every import —
new campaigns, buckets split across chunks, rows overwritten, rows re-sent as stored,
reach reported on some rows only — the summaries are exactly what summing every daily row
again gives (summaries.refresh_all), on SQLite and PostgreSQL; one bucket checked by hand."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from bot.imports.importing import run_import
from bot.services import Services
from storage.campaigns import summaries
from tests.bot.both_dbs import services_on  # noqa: F401  # a fixture

TEAM = "TDELTAS01"
HEADER = "date,campaign,platform,impressions,reach,clicks,spend,conversions\n"

# 2026-11-02 is a Monday. Alpha's facebook week from 2026-10-26 holds Oct 30, Oct 31 and
# Nov 1 (three days in two months), split across chunks of 2 lines.
FIRST = [
    "2026-10-30,Alpha,facebook,100,60,5,1.25,0.5",
    "2026-10-31,Alpha,facebook,200,,7,2.50,",
    "2026-11-01,Alpha,facebook,300,90,11,,1.5",
    "2026-11-02,Alpha,facebook,400,100,13,0.10,",
    "2026-11-02,Beta,instagram,50,,,0.20,",
    "2026-11-03,Beta,instagram,,,,,",
    "2026-11-09,Beta,instagram,70,30,3,0.30,2",
]
# Alpha: Oct 31 overwritten (clicks 7 -> 8), Nov 1 sent again as stored, Nov 3 new.
# Beta: only new days. Gamma: a new campaign.
SECOND = [
    "2026-11-10,Beta,instagram,10,5,1,0.05,",
    "2026-10-31,Alpha,facebook,200,,8,2.50,",
    "2026-11-01,Alpha,facebook,300,90,11,,1.5",
    "2026-11-03,Alpha,facebook,1,1,1,0.01,",
    "2026-11-04,Gamma,linkedin,20,,2,0.70,0.25",
    "2026-11-11,Beta,instagram,10,,1,,",
]


def _csv(lines: list[str]) -> bytes:
    return (HEADER + "".join(f"{line}\n" for line in lines)).encode()


def _stored(services: Services) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Every summary row by (campaign, grain, bucket, platform), numbers made comparable
    across drivers (dates as ISO text, decimals rounded to their scale)."""
    table = summaries.SUMMARY
    names = [c.name for c in table.columns if c.name not in ("id",)]
    with services.engine.connect() as conn:
        rows = conn.execute(sa.select(*(table.c[n] for n in names))).all()

    def plain(value: Any) -> Any:
        if value is None or isinstance(value, int | str):
            return value
        if hasattr(value, "isoformat"):
            return value.isoformat()[:10]
        return round(float(value), 6)

    return {tuple(map(plain, row[:4])): tuple(map(plain, row[4:])) for row in rows}


def _summed_again(services: Services) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    with services.engine.begin() as conn:
        summaries.refresh_all(conn)
    return _stored(services)


def _column(services: Services, key: tuple[Any, ...], name: str) -> Any:
    names = [c.name for c in summaries.SUMMARY.columns if c.name != "id"][4:]
    return _stored(services)[key][names.index(name)]


def test_summaries_added_chunk_by_chunk_equal_the_rows_summed_again(
    services_on: Services,  # noqa: F811
) -> None:
    first = run_import(services_on, TEAM, _csv(FIRST), chunk_rows=2)
    assert first.ok and first.stats is not None, first.parsed.problems
    assert (first.stats.inserted, first.stats.updated) == (7, 0)
    added = _stored(services_on)
    assert added == _summed_again(services_on)

    with services_on.engine.connect() as conn:
        alpha = conn.execute(sa.text("SELECT id FROM campaigns WHERE slug = 'alpha'")).scalar()
    week = (alpha, "w", "2026-10-26", "facebook")
    # Oct 30 + Oct 31 + Nov 1, the first chunk's two lines and one of the second's.
    assert _column(services_on, week, "rows") == 3
    assert _column(services_on, week, "clicks") == 5 + 7 + 11
    assert _column(services_on, week, "spend") == 1.25 + 2.50  # Nov 1 reports none
    assert _column(services_on, week, "conversions") == 0.5 + 1.5
    assert _column(services_on, week, "reach_rows") == 2  # Oct 31 has no reach
    assert _column(services_on, week, "rows_without_reach") == 1
    assert _column(services_on, week, "with_reach_impressions") == 100 + 300
    assert (_column(services_on, week, "first_day"), _column(services_on, week, "last_day")) == (
        "2026-10-30",
        "2026-11-01",
    )

    second = run_import(services_on, TEAM, _csv(SECOND), chunk_rows=2)
    assert second.ok and second.stats is not None, second.parsed.problems
    # New: Beta Nov 10 and 11, Alpha Nov 3, Gamma Nov 4; changed: Alpha Oct 31; Nov 1 as stored.
    assert (second.stats.inserted, second.stats.updated) == (4, 1)
    assert _stored(services_on) == _summed_again(services_on)
    assert _column(services_on, week, "clicks") == 5 + 8 + 11

    # A file without reach (and without spend) adds to buckets that have them: those sums
    # are kept, the new rows count as rows without reach.
    third = run_import(services_on, TEAM, (
        b"date,campaign,platform,impressions,clicks\n"
        b"2026-11-04,Alpha,facebook,10,1\n2026-11-12,Beta,instagram,,2\n"
    ), chunk_rows=1)  # fmt: skip
    assert third.ok and third.stats is not None and third.stats.inserted == 2
    assert _stored(services_on) == _summed_again(services_on)
    nov = (alpha, "w", "2026-11-02", "facebook")  # Nov 2, 3 and 4
    assert _column(services_on, nov, "rows_without_reach") == 1
    assert _column(services_on, nov, "with_reach_impressions") == 400 + 1


def test_a_dry_run_leaves_the_summaries_as_they_were(services_on: Services) -> None:  # noqa: F811
    assert run_import(services_on, TEAM, _csv(FIRST), chunk_rows=3).ok
    before = _stored(services_on)
    tried = run_import(services_on, TEAM, _csv(SECOND), chunk_rows=3, dry_run=True)
    assert tried.ok and tried.stats is not None
    assert _stored(services_on) == before


def test_text_copied_to_postgresql_comes_back_as_written(services_on: Services) -> None:  # noqa: F811
    # A backslash in a platform (COPY's escape character), an empty counter (NULL), a
    # fraction and a large count: stored exactly as read, on both databases.
    lines = ["2026-11-02,Delta,web\\shop,123456789012,,1,0.0001,0.125"]
    done = run_import(services_on, TEAM, _csv(lines), chunk_rows=2)
    assert done.ok, done.parsed.problems
    query = "SELECT platform, impressions, reach, clicks, spend, conversions FROM daily_metrics"
    with services_on.engine.connect() as conn:
        [row] = conn.execute(sa.text(query)).all()
    assert (row[0], row[1], row[2], row[3]) == ("web\\shop", 123456789012, None, 1)
    assert (round(float(row[4]), 4), round(float(row[5]), 6)) == (0.0001, 0.125)
