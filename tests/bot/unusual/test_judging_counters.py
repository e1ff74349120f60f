"""The unusual check reads a daily frame of only the counters its KPI reads
(kpi.formulas.counters_read): for every KPI, on random rows (reach on some rows only,
costs, several platforms) and on SQLite and PostgreSQL, its verdict is the verdict judged
from the frame of every counter, with and without a platform."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bot.services import Services
from bot.unusual.judging import SPAN, verdict_for
from kpi.formulas import counters_read
from kpi.registry import REGISTRY
from kpi.unusual import judge_last
from storage.campaigns.records import MetricRow
from tests.bot.both_dbs import services_on

__all__ = ["services_on"]

T = "T1"
DAY = dt.date(2026, 11, 29)
PLATFORMS = ("facebook", "google")

count = st.integers(min_value=0, max_value=50_000).map(float)
money = st.decimals(min_value=0, max_value=3000, places=2).map(float)
counters = st.fixed_dictionaries(
    {},
    optional={
        "impressions": count, "reach": count, "clicks": count, "likes": count,
        "comments": count, "conversions": st.integers(0, 60).map(float), "revenue": money,
        "spend": money, "followers": count, "customers": st.integers(0, 20).map(float),
    },
)  # fmt: skip
row = st.builds(
    lambda c, d, p, values: MetricRow(0, f"c{c}", DAY - dt.timedelta(d), PLATFORMS[p], values),
    st.integers(0, 1), st.integers(0, SPAN), st.integers(0, 1), counters,
)  # fmt: skip


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(row, min_size=1, max_size=120),
    costs=st.lists(st.tuples(st.integers(0, SPAN), money), max_size=6),
)
def test_every_kpi_judged_from_its_own_counters_is_judged_as_from_every_counter(
    services_on: Services, rows: list[MetricRow], costs: list[tuple[int, float]]
) -> None:
    repo = services_on.repo
    with services_on.engine.begin() as conn:
        conn.execute(text("DELETE FROM campaigns"))
    repo.ensure_workspace(T)
    repo.upsert_metrics(T, rows)
    ids = sorted(c.id for c in repo.list_campaigns(T))
    for back, amount in costs:
        repo.add_cost(T, ids[0], DAY - dt.timedelta(back), "tools", amount)
    start = DAY - dt.timedelta(SPAN)
    every = repo.daily_frame(T, None, start, DAY, with_costs=True)
    by_platform = repo.daily_frame(T, None, start, DAY, by="platform")
    for kpi in REGISTRY.values():
        assert set(counters_read(kpi)) >= set(kpi.needs), kpi.name
        want = judge_last(kpi, every, DAY)
        assert verdict_for(repo, T, kpi, None, DAY) == want, kpi.name
        for name in PLATFORMS:
            on = by_platform[by_platform["platform"] == name].drop(columns=["platform"])
            want = judge_last(kpi, on, DAY)
            got = verdict_for(repo, T, kpi, None, DAY, platform=name)
            assert got == want, (kpi.name, name)
