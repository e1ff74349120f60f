"""bot.alerts.grouped.evaluations (what the check and `/kpi targets` judge every target with,
from a few grouped reads) gives each target exactly what judging it alone gives — the
same state, value, window, trend, pace and reason as `evaluation_of` and as `judge` on the
whole history — for a table of random targets over campaigns with gaps, two platforms,
money with cents, booked costs (one on a day without data), a campaign without data, an
archived campaign and all campaigns; on SQLite and PostgreSQL. `as_checked_all` (what
`/kpi targets` lists) equals `as_checked` of each target."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
import sqlalchemy as sa

from bot.alerts.data import as_checked, evaluation_of, judge
from bot.alerts.grouped import as_checked_all, evaluations
from bot.services import Services
from storage.models import Target
from storage.targets.records import TargetRec
from storage.targets.repo import TargetRepository
from tests.bot.both_dbs import services_on  # noqa: F401 (fixture)

TEAM = "T1"
FIRST = dt.date(2026, 3, 2)
DAYS = 200
KPIS = ("ctr", "roi", "cpa", "engagement_rate", "conversions", "revenue", "spend", "reach",
        "cpc", "frequency", "total_cost", "roas")  # fmt: skip
SLUGS = ("shop", "blog", "video", "late", "quiet", "gone")


def _fill(services: Services, rng: random.Random) -> None:
    """Four campaigns with data (each its own days, gaps and platforms), `quiet` without
    data, `gone` with data and archived; costs booked on some days."""
    repo = services.repo
    for n, slug in enumerate(SLUGS):
        repo.ensure_campaign(TEAM, slug)
        if slug == "quiet":
            continue
        begin = rng.randrange(0, 40) if slug != "late" else 150
        for i in range(begin, DAYS - rng.randrange(0, 30)):
            if rng.random() < 0.15 or (slug == "blog" and 80 <= i < 120):
                continue  # missing days, and a long gap
            day = FIRST + dt.timedelta(days=i)
            for platform in ("facebook", "instagram")[: 1 + (n + i) % 2]:
                base = rng.randrange(200, 3000)
                counters = {"impressions": 3 * base, "reach": base, "clicks": base // 25,
                            "likes": base // 9, "conversions": rng.randrange(0, 6),
                            "spend": rng.randrange(100, 9000) / 100,
                            "revenue": rng.randrange(0, 30000) / 100}  # fmt: skip
                repo.log_metrics(TEAM, slug, day, platform, counters)
    costs = (("shop", 150, "tools", 120.0), ("shop", 185, "agency", 33.3),
             ("blog", 100, "content", 80.25), ("video", 199, "other", 9.99))  # fmt: skip
    for slug, day, category, amount in costs:
        campaign = repo.find_campaign(TEAM, slug)
        assert campaign is not None
        repo.add_cost(TEAM, campaign.id, FIRST + dt.timedelta(days=day), category, amount)


def _targets(services: Services, rng: random.Random, count: int) -> list[TargetRec]:
    ids = {slug: services.repo.find_campaign(TEAM, slug) for slug in SLUGS}
    repo = TargetRepository(services.engine)
    made = []
    for _ in range(count):
        slug = rng.choice((*SLUGS, None))
        campaign = ids[slug] if slug else None
        target = repo.add_target(
            TEAM, campaign_id=campaign.id if campaign else None, kpi=rng.choice(KPIS),
            op=rng.choice((">=", "<=")), value=rng.choice((0.5, 2.0, 30.0, 400.0, 9000.0)),
            deadline=FIRST + dt.timedelta(days=rng.randrange(20, 320)), channel_id="C1",
            window_days=rng.choice((1, 3, 7, 14, 28, 45)),
        )  # fmt: skip
        created = dt.datetime.combine(
            FIRST + dt.timedelta(days=rng.randrange(-30, 230)), dt.time(rng.randrange(24)), dt.UTC
        )
        with services.engine.begin() as conn:
            conn.execute(sa.update(Target).where(Target.id == target.id).values(created_at=created))
        made.append(dataclasses.replace(target, created_at=created))
    return made


@pytest.mark.parametrize("seed", [1, 2])
def test_every_target_judged_as_alone(services_on: Services, seed: int) -> None:  # noqa: F811
    services = services_on
    rng = random.Random(seed)
    _fill(services, rng)
    targets = _targets(services, rng, 40)
    archived = services.repo.find_campaign(TEAM, "gone")
    assert archived is not None
    services.repo.archive_campaign(TEAM, archived.id)
    compared, states = 0, set()
    for as_of_day in (25, 170, 199, 260):
        as_of = FIRST + dt.timedelta(days=as_of_day)
        for tz in ("UTC", "Pacific/Auckland"):
            found = evaluations(services, TEAM, targets, as_of, tz)
            assert set(found) == {t.id for t in targets}
            for target in targets:
                grouped = found[target.id]
                if target.campaign_id == archived.id:
                    assert isinstance(grouped, LookupError)
                    with pytest.raises(LookupError):
                        evaluation_of(services, target, as_of, tz)
                    continue
                alone = evaluation_of(services, target, as_of, tz)
                assert grouped == alone, (target, as_of, tz)
                assert grouped == judge(services, target, as_of, tz)[0], (target, as_of, tz)
                compared += 1
                states.add(alone.state)
            # what `/kpi targets` lists: the same as checking each alone
            assert as_checked_all(services, TEAM, targets, as_of, tz) == [
                as_checked(services, target, as_of, tz) for target in targets
            ]
    assert compared > 200 and {"ok", "below", "insufficient"} <= states  # not a trivial table
