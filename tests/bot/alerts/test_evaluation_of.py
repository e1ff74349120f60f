"""bot.alerts.data.evaluation_of (what `/kpi targets` shows for a target not checked yet)
reads only the days a target's evaluation needs, and says exactly what judging it on the
whole history says: same state, value, window, trend and pace — with gaps in the data,
a lag, windows reaching back past the days read, cumulative targets set long ago and
deadlines before the last day."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.alerts.data import evaluation_of, judge
from bot.features import FEATURES
from bot.services import Services
from bot.settings import Settings
from storage.models import Target
from storage.targets.repo import TargetRepository

TEAM = "T1"
FIRST = dt.date(2026, 3, 2)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}", bot_token="xoxb-test")
    svc = Services.open(settings, FEATURES)
    for i in range(200):
        day = FIRST + dt.timedelta(days=i)
        if 60 <= i < 100 or i % 11 == 5:  # a long gap and a few missing days
            continue
        base = 1000 + (i * 37) % 400
        counters = {"impressions": 3 * base, "reach": base, "clicks": base / 20,
                    "likes": base / 10, "spend": base / 50, "conversions": 2 + i % 5,
                    "revenue": base / 7}  # fmt: skip
        svc.repo.log_metrics(TEAM, "shop", day, "facebook", counters)
        if i % 3 == 0:
            svc.repo.log_metrics(TEAM, "blog", day, "instagram", {"impressions": base, "clicks": 9})
    svc.repo.add_cost(TEAM, svc.repo.find_campaign(TEAM, "shop").id, FIRST + dt.timedelta(days=150),  # type: ignore[union-attr]
                      "tools", 120.0)  # fmt: skip
    yield svc
    svc.engine.dispose()


CASES = [  # kpi, op, value, window days, campaign ("shop" or None: all)
    ("ctr", ">=", 0.5, 7, "shop"),
    ("roi", ">=", 2.0, 14, None),
    ("cpa", "<=", 30.0, 45, "shop"),  # reaches back into the gap
    ("engagement", ">=", 1.0, 3, None),
    ("conversions", ">=", 400.0, 7, "shop"),  # cumulative
    ("revenue", ">=", 9000.0, 7, None),  # cumulative
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("as_of_day", [64, 105, 230])
@pytest.mark.parametrize("set_day", [10, 120])
def test_equals_judging_the_whole_history(
    services: Services, case: tuple[str, str, float, int, str | None], as_of_day: int,
    set_day: int,
) -> None:  # fmt: skip
    kpi, op, value, window, slug = case
    campaign = services.repo.find_campaign(TEAM, slug) if slug else None
    for deadline in (FIRST + dt.timedelta(days=150), dt.date(2026, 12, 31)):
        target = TargetRepository(services.engine).add_target(
            TEAM, campaign_id=campaign.id if campaign else None, kpi=kpi, op=op, value=value,
            deadline=deadline, channel_id="C1", window_days=window,
        )  # fmt: skip
        created = dt.datetime.combine(FIRST + dt.timedelta(days=set_day), dt.time(9), dt.UTC)
        with services.engine.begin() as conn:
            conn.execute(sa.update(Target).where(Target.id == target.id).values(created_at=created))
        target = dataclasses.replace(target, created_at=created)
        as_of = FIRST + dt.timedelta(days=as_of_day)
        assert (
            evaluation_of(services, target, as_of, "UTC")
            == judge(services, target, as_of, "UTC")[0]
        )


def test_reads_only_the_last_days(services: Services) -> None:
    """A 7-day CTR target judged on the last day reads nine weeks or so, not 200 days."""
    target = TargetRepository(services.engine).add_target(
        TEAM, campaign_id=None, kpi="ctr", op=">=", value=0.5,
        deadline=dt.date(2026, 12, 31), channel_id="C1",
    )  # fmt: skip
    asked: list[tuple[dt.date, dt.date]] = []
    read = services.repo.daily_frame

    def spy(team_id, ids, start, end, *args, **kw):  # type: ignore[no-untyped-def]
        asked.append((start, end))
        return read(team_id, ids, start, end, *args, **kw)

    services.repo.daily_frame = spy  # type: ignore[method-assign]
    as_of = FIRST + dt.timedelta(days=199)
    evaluation = evaluation_of(services, target, as_of, "UTC")
    assert evaluation.window_end == as_of and evaluation.window_start == as_of - dt.timedelta(6)
    assert len(asked) == 1 and (asked[0][1] - asked[0][0]).days < 80
