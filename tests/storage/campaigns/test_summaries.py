"""Long periods read the week and month summaries plus the days at their edges; every KPI
read that way equals the same KPI worked out here from the daily rows themselves (reach by
its rules: a row covering exactly the period is used alone, else daily reach is added up),
on random rows, random updates, merges and deletes, and random periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from kpi.counters import COUNTERS, MONEY_COUNTERS
from kpi.reach import REACH_PARTNERS
from kpi.registry import REGISTRY, compute
from kpi.totals import Totals
from storage.campaigns.memo import one_reply
from storage.campaigns.records import MetricRow
from storage.campaigns.summary_source import pieces
from storage.db import alembic_config, migrate
from storage.repository import Repository

T = "T1"
BASE = dt.date(2025, 12, 15)  # a Monday in the middle of a month
SPAN = 130  # days: five months, several weeks, ragged edges
PLATFORMS = ("facebook", "google")
USED = ("impressions", "reach", "clicks", "likes", "conversions", "revenue", "spend")
PLACES = {"conversions": 6, **dict.fromkeys(MONEY_COUNTERS, 4)}

money = st.decimals(min_value=0, max_value=5000, places=2).map(float)
count = st.integers(min_value=0, max_value=100_000).map(float)
counters = st.fixed_dictionaries(
    {},
    optional={
        "impressions": count, "reach": count, "clicks": count, "likes": count,
        "conversions": st.decimals(min_value=0, max_value=50, places=2).map(float),
        "revenue": money, "spend": money,
    },
)  # fmt: skip
row = st.builds(
    lambda c, d, p, values, total: MetricRow(
        0, f"c{c}", BASE + dt.timedelta(d), PLATFORMS[p], values,
        day_end=BASE + dt.timedelta(d + total) if total else None,
    ),
    st.integers(0, 2), st.integers(0, SPAN - 1), st.integers(0, 1), counters,
    st.sampled_from([0, 0, 0, 0, 6, 30]),
)  # fmt: skip
period = st.tuples(st.integers(-5, SPAN + 5), st.integers(0, SPAN)).map(
    lambda p: (BASE + dt.timedelta(p[0]), BASE + dt.timedelta(p[0] + p[1]))
)


def test_a_period_is_cut_into_whole_buckets_and_edge_days_that_never_overlap() -> None:
    cut = pieces(dt.date(2026, 1, 7), dt.date(2026, 4, 20))
    assert cut.years == []
    assert cut.months == [(dt.date(2026, 2, 1), dt.date(2026, 3, 1))]
    # Jan 7 (Wed) .. Jan 31: weeks from Mon Jan 12 to Mon Jan 19 (ends Sun Jan 25).
    # Apr 1 (Wed) .. Apr 20 (Mon): weeks Apr 6 and Apr 13 (ends Sun Apr 19).
    assert cut.weeks == [
        (dt.date(2026, 1, 12), dt.date(2026, 1, 19)),
        (dt.date(2026, 4, 6), dt.date(2026, 4, 13)),
    ]
    assert cut.days == [
        (dt.date(2026, 1, 7), dt.date(2026, 1, 11)),
        (dt.date(2026, 1, 26), dt.date(2026, 1, 31)),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 5)),
        (dt.date(2026, 4, 20), dt.date(2026, 4, 20)),
    ]
    one_day = pieces(dt.date(2026, 3, 4), dt.date(2026, 3, 4))
    assert (one_day.years, one_day.months, one_day.weeks) == ([], [], [])
    # 2024-12-30 .. 2027-01-03: the year 2025 and 2026, and a week either side.
    long = pieces(dt.date(2024, 12, 30), dt.date(2027, 1, 3))
    assert long.years == [(dt.date(2025, 1, 1), dt.date(2026, 1, 1))]
    assert long.months == []
    assert long.days == [
        (dt.date(2024, 12, 30), dt.date(2024, 12, 31)),
        (dt.date(2027, 1, 1), dt.date(2027, 1, 3)),
    ]
    assert one_day.days == [(dt.date(2026, 3, 4), dt.date(2026, 3, 4))]


def test_a_period_reaching_an_end_of_the_data_reads_the_bucket_there_whole() -> None:
    # Data from Wed 2025-12-03 to Fri 2026-10-30; "to date" = 3 Dec 2025 .. 31 Oct 2026.
    data = (dt.date(2025, 12, 3), dt.date(2026, 10, 30))
    cut = pieces(dt.date(2025, 12, 3), dt.date(2026, 10, 31), data)
    # No row before 3 Dec 2025 or after 30 Oct 2026: both years are read whole.
    assert cut.years == [(dt.date(2025, 1, 1), dt.date(2026, 1, 1))]
    assert (cut.months, cut.weeks, cut.days) == ([], [], [])
    # Ending before the data does: the end stays ragged (January to September, weeks of
    # Mon 5 Oct and 12 Oct, then 19–20 Oct as days); starting before the data: 2025 whole.
    cut = pieces(dt.date(2025, 11, 20), dt.date(2026, 10, 20), data)
    assert cut.years == [(dt.date(2025, 1, 1), dt.date(2025, 1, 1))]
    assert cut.months == [(dt.date(2026, 1, 1), dt.date(2026, 9, 1))]
    assert cut.weeks == [(dt.date(2026, 10, 5), dt.date(2026, 10, 12))]
    assert cut.days == [
        (dt.date(2026, 10, 1), dt.date(2026, 10, 4)),
        (dt.date(2026, 10, 19), dt.date(2026, 10, 20)),
    ]


def _stored(engine: Engine) -> list[dict[str, Any]]:
    """Every daily row as the database holds it, with its campaign's slug."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.slug AS slug, d.* FROM daily_metrics d "
                "JOIN campaigns c ON c.id = d.campaign_id"
            )
        )
        return [dict(r._mapping) for r in rows]


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _expected(rows: Sequence[dict[str, Any]], start: dt.date, end: dt.date) -> Totals:
    """The period's Totals worked out from the daily rows, reach by its rules."""
    inside = [r for r in rows if start <= _day(r["day"]) <= end]
    sums: dict[str, float | None] = {}
    for c in COUNTERS:
        reported = [Decimal(str(r[c])) for r in inside if r[c] is not None]
        total = sum(reported, Decimal(0)) if reported else None
        sums[c] = None if total is None else float(round(total, PLACES.get(c, 0)))
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for r in inside:
        if r["reach"] is not None:
            groups.setdefault((r["campaign_id"], r["platform"]), []).append(r)
    if not groups:
        return Totals(counters=sums, days=(end - start).days + 1)
    reach, summed = 0.0, False
    for members in groups.values():
        exact = [
            r for r in members if _day(r["day"]) == start and _day(r["day_end"] or r["day"]) == end
        ]
        if exact:
            reach += float(exact[0]["reach"])
        else:
            reach += sum(float(r["reach"]) for r in members)
            summed = summed or len(members) > 1
    sums["reach"] = reach
    with_reach: dict[str, float | None] = dict.fromkeys(REACH_PARTNERS)
    for r in inside:
        for c in REACH_PARTNERS:
            if r["reach"] is not None and r[c] is not None:
                with_reach[c] = (with_reach[c] or 0.0) + float(r[c])
    from kpi.reach import ReachBasis

    def silent_row(r: dict[str, Any]) -> bool:
        return r["reach"] is None and any(r[c] is not None for c in REACH_PARTNERS)

    reporting = {p for _, p in groups}
    silent = {r["platform"] for r in inside if silent_row(r)} - reporting
    partial = any(silent_row(r) for r in inside)
    campaigns = frozenset(c for c, _ in groups)
    basis = ReachBasis(
        len(groups), summed, partial, frozenset(reporting), frozenset(silent), campaigns
    )
    return Totals(
        counters=sums, days=(end - start).days + 1, reach_basis=basis, with_reach=with_reach
    )


def _same(got: Totals, want: Totals, label: str) -> None:
    assert dict(got.counters) == dict(want.counters), label
    assert got.reach_basis == want.reach_basis, label
    if want.reach_basis is not None:
        assert dict(got.with_reach) == dict(want.with_reach), label
    for kpi in REGISTRY.values():
        assert compute(kpi, got).value == compute(kpi, want).value, (label, kpi.name)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(row, min_size=1, max_size=60),
    second=st.lists(row, max_size=20),
    merge=st.booleans(),
    drop=st.booleans(),
    periods=st.lists(period, min_size=1, max_size=4),
)
def test_every_kpi_from_the_summaries_equals_the_kpi_from_the_daily_rows(
    engine: Engine,
    first: list[MetricRow],
    second: list[MetricRow],
    merge: bool,
    drop: bool,
    periods: list[tuple[dt.date, dt.date]],
) -> None:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM campaigns"))  # its rows and summaries go with it
    repo = Repository(engine)
    repo.upsert_metrics(T, first)
    repo.upsert_metrics(T, second)  # updates: a reported counter replaces, NULL keeps
    ids = {c.slug: c.id for c in repo.list_campaigns(T)}
    if merge and "c1" in ids and "c0" in ids:
        repo.merge_campaigns(T, ids["c1"], ids["c0"])
    if drop and "c2" in ids:
        repo.delete_campaign(T, ids["c2"])
    rows = _stored(engine)
    chosen = sorted(ids.values())[:1]
    _check_periods(repo, rows, ids, chosen, periods)
    # Inside one reply every split and every platform's totals are added up from the one
    # grid read per period (storage.campaigns.grid): the same figures.
    with one_reply():
        _check_periods(repo, rows, ids, chosen, periods)
    # Once the data range is known, a period reaching past the last day with data is read
    # as the period ending on that day (one read for "to date" and "to the last day").
    with one_reply():
        repo.data_range(T, None)
        repo.data_range(T, chosen)
        _check_periods(repo, rows, ids, chosen, periods)
    days = [_day(r["day"]) for r in rows]
    ends = [_day(r["day_end"] or r["day"]) for r in rows]
    assert repo.data_range(T, None) == ((min(days), max(ends)) if rows else None)


def _check_periods(
    repo: Repository,
    rows: list[dict[str, Any]],
    ids: dict[str, int],
    chosen: list[int],
    periods: list[tuple[dt.date, dt.date]],
) -> None:
    for start, end in periods:
        label = f"{start}..{end}"
        split = repo.totals_by_platform(T, None, start, end)
        _same(repo.totals(T, None, start, end), _expected(rows, start, end), label)
        mine = [r for r in rows if r["campaign_id"] in chosen]
        _same(repo.totals(T, chosen, start, end), _expected(mine, start, end), label + " one")
        by = repo.totals_by_campaign(T, None, start, end)
        for cid in ids.values():
            if cid in by:
                mine = [r for r in rows if r["campaign_id"] == cid]
                _same(by[cid], _expected(mine, start, end), f"{label} campaign {cid}")
        for name in PLATFORMS:
            some = [r for r in rows if r["platform"] == name]
            want = _expected(some, start, end)
            on = repo.totals(T, None, start, end, name)
            by_on = repo.totals_by_campaign(T, None, start, end, name)
            for cid, found in by_on.items():
                theirs = [r for r in some if r["campaign_id"] == cid]
                _same(found, _expected(theirs, start, end), f"{label} {name} campaign {cid}")
            if name not in split:
                assert all(v is None for v in want.counters.values()), (label, name)
                assert all(v is None for v in on.counters.values()), (label, name)
                continue
            _same(split[name], want, f"{label} {name}")
            _same(on, want, f"{label} on {name}")


def test_the_migration_sums_the_rows_already_stored(empty_engine: Engine) -> None:
    command.upgrade(alembic_config(empty_engine), "0008")
    with empty_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
                "VALUES ('T1', 'en', 'EUR', 'UTC', :now)"
            ),
            {"now": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO campaigns (id, team_id, slug, name, created_at) "
                "VALUES (1, 'T1', 'old', 'Old', :now)"
            ),
            {"now": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
        )
        # Every day of February and March 2026 (59 days): clicks 1..59, spend 0.10 a day,
        # reach 100 a day on facebook; one google row without reach.
        for n in range(59):
            conn.execute(
                text(
                    "INSERT INTO daily_metrics (campaign_id, day, platform, clicks, spend, reach)"
                    " VALUES (1, :d, 'facebook', :c, 0.1, 100)"
                ),
                {"d": dt.date(2026, 2, 1) + dt.timedelta(n), "c": n + 1},
            )
        conn.execute(
            text(
                "INSERT INTO daily_metrics (campaign_id, day, platform, clicks, impressions) "
                "VALUES (1, :d, 'google', 1000, 5000)"
            ),
            {"d": dt.date(2026, 3, 15)},
        )
    migrate(empty_engine)
    with empty_engine.connect() as conn:
        months = conn.execute(
            text("SELECT COUNT(*) FROM metric_summaries WHERE grain = 'm'")
        ).scalar_one()
        years = conn.execute(
            text(
                "SELECT platform, clicks FROM metric_summaries WHERE grain = 'y' ORDER BY platform"
            )
        ).all()
    assert months == 3  # February facebook, March facebook, March google
    assert [tuple(y) for y in years] == [("facebook", 59 * 60 / 2), ("google", 1000)]
    repo = Repository(empty_engine)
    both = repo.totals(T, None, dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    assert both.get("clicks") == 59 * 60 / 2 + 1000
    assert both.get("spend") == 5.9
    assert both.get("reach") == 5900 and both.reach_basis is not None
    assert both.reach_basis.days_summed and both.reach_basis.partial
    assert both.reach_basis.silent == {"google"}
    # Feb 3 (a Tuesday) .. Mar 10: edges of days and weeks around whole February.
    edges = repo.totals(T, None, dt.date(2026, 2, 3), dt.date(2026, 3, 10))
    assert edges.get("clicks") == sum(range(3, 39))
    assert repo.data_range(T, None) == (dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    with one_reply():  # the data range known: 2026 is read from its year buckets
        repo.data_range(T, None)
        year = repo.totals(T, None, dt.date(2026, 1, 15), dt.date(2026, 12, 31))
    assert year.get("clicks") == 59 * 60 / 2 + 1000
    assert year.get("spend") == 5.9


def test_a_log_and_a_second_import_update_the_buckets_they_touch(repo: Repository) -> None:
    day = dt.date(2026, 3, 10)
    days = [day + dt.timedelta(d) for d in range(20)]
    repo.upsert_metrics(
        T, [MetricRow(0, "c", d, "facebook", {"clicks": 10, "spend": 1.25}) for d in days]
    )
    march = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert repo.totals(T, None, *march).get("clicks") == 200
    repo.log_metrics(T, "c", day, "facebook", {"clicks": 110})
    assert repo.totals(T, None, *march).get("clicks") == 300
    assert repo.totals(T, None, *march).get("spend") == 25.0
    repo.log_metrics(T, "c", dt.date(2026, 3, 31), "google", {"spend": 0.1})
    assert repo.totals(T, None, *march).get("spend") == 25.1


def test_a_synced_window_updates_the_buckets_it_touches(repo: Repository) -> None:
    from storage.sync_store import SyncedRow, store_window

    repo.ensure_workspace(T)
    april = [dt.date(2026, 4, 1) + dt.timedelta(d) for d in range(30)]
    first = [SyncedRow("120", "Spring", d, {"clicks": 5, "spend": 2.5}) for d in april]
    store_window(repo.engine, T, "meta", "facebook", first)
    whole = (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert repo.totals(T, None, *whole).get("clicks") == 150
    # Meta restates the last week: 7 days of 9 clicks instead of 5.
    store_window(repo.engine, T, "meta", "facebook",
                 [SyncedRow("120", "Spring", d, {"clicks": 9}) for d in april[-7:]])  # fmt: skip
    assert repo.totals(T, None, *whole).get("clicks") == 150 + 7 * 4
    assert repo.totals(T, None, *whole).get("spend") == 75.0
