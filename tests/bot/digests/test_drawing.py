"""Charts drawn in the tick's process pool: the same PNG as drawn here, each distinct
drawing once (two digests of the same campaigns share it), and drawn here when no pool can
start or the pool breaks."""

from __future__ import annotations

import datetime as dt
import struct
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from bot.digests import scheduler
from bot.digests.drawing import ChartPool
from bot.services import Services
from kpi.chart_data import Series, SpendRevenueData, TrendData
from kpi.charts import Drawing, draw
from tests.bot.digests.test_scheduler import AT, FakePoster, open_services, statuses, subscribe

WEEKS = tuple(dt.date(2026, 10, 5) + dt.timedelta(weeks=i) for i in range(4))
TREND: Drawing = (
    "trend",
    TrendData("ctr", WEEKS, (Series("a", "Campaign A", (1.5, 2.0, None, 2.5)),)),
    "en",
    "EUR",
)
MONEY: Drawing = (
    "cost_revenue",
    SpendRevenueData(WEEKS, (100.0, 120.0, 90.0, 110.0), (300.0, None, 250.0, 330.0)),
    "nl",
    "EUR",
)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (bytes 16-24)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_a_drawing_from_the_pool_is_the_drawing_made_here() -> None:
    with ChartPool(workers=2, pool_from=1) as pool:
        futures = [pool.submit(TREND), pool.submit(MONEY)]
        pngs = [f.result(timeout=120) for f in futures]
        assert pool.local == 0  # both were drawn by the workers
    assert pngs == [draw(TREND), draw(MONEY)]
    # 8 x 4.5 in at 150 dpi: Slack's preview size
    assert [png_size(p) for p in pngs] == [(1200, 675), (1200, 675)]


def test_an_equal_drawing_asked_twice_is_drawn_once() -> None:
    again: Drawing = (TREND[0], TrendData("ctr", WEEKS, TREND[1].series), "en", "EUR")  # type: ignore[union-attr]
    assert again == TREND and again is not TREND
    with ChartPool(workers=1) as pool:
        first, second = pool.submit(TREND), pool.submit(again)
        assert first is second and (pool.asked, pool.drawn) == (2, 1)
        pool.submit(MONEY)
        assert (pool.asked, pool.drawn) == (3, 2)


def test_a_tick_of_one_digest_draws_it_here() -> None:
    with ChartPool(workers=2, pool_from=3) as pool:
        pool.submit(TREND), pool.submit(MONEY)
        assert pool.local == 2 and pool._pool is None  # no process started


def test_no_pool_means_drawing_here() -> None:
    def cannot(workers: int) -> ProcessPoolExecutor:
        raise OSError("no processes here")

    with ChartPool(workers=2, start=cannot, pool_from=1) as pool:
        assert pool.png(TREND) == draw(TREND)
        assert pool.local == 1


def test_a_broken_pool_draws_here() -> None:
    class Broken(ProcessPoolExecutor):
        def submit(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def,override]
            raise BrokenProcessPool("a worker died")

    with ChartPool(workers=1, start=lambda n: Broken(n), pool_from=1) as pool:
        assert pool.png(MONEY) == draw(MONEY)
        assert pool.png(TREND) == draw(TREND)  # the pool is not asked again
        assert pool.local == 2


@pytest.fixture
def services(tmp_path: Path) -> Services:
    svc = open_services(tmp_path / "k.db")
    monday = dt.date(2026, 11, 30)
    for slug, spend in (("campaign-x", 10.0), ("campaign-y", 25.0)):
        for i in range(14):  # two weeks of data before the Monday
            day = monday - dt.timedelta(days=14 - i)
            counters = {"spend": spend, "revenue": 3 * spend, "clicks": 20.0,
                        "impressions": 2000.0}  # fmt: skip
            svc.repo.log_metrics("T1", slug, day, "facebook", counters)
    return svc


def test_a_tick_draws_the_charts_of_the_same_campaigns_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[ChartPool] = []

    class Recording(ChartPool):
        def __init__(self) -> None:
            super().__init__(pool_from=1)  # every drawing in the pool
            pools.append(self)

    monkeypatch.setattr(scheduler, "ChartPool", Recording)
    subscribe(services, "C1", ["campaign-x"])
    subscribe(services, "C2", ["campaign-x"])
    # with "you vs competitors": another digest (its own build), the same two charts
    scheduler.DigestRepository(services.engine).subscribe(
        "T1", "C3", 0, "09:00", "Europe/Amsterdam", ["campaign-x"], competitors=True
    )
    subscribe(services, "C4", ["campaign-y"])
    poster = FakePoster()
    report = scheduler.run_due(services, AT, poster=poster)
    assert report.sent == 4 and sorted(c for c, _ in poster.posts) == ["C1", "C2", "C3", "C4"]
    [pool] = pools
    # builds: x (C1 and C2), x with competitors (C3), y (C4) = 3, each 2 charts asked for;
    # drawn: x's two (shared by C3) and y's two
    assert (pool.asked, pool.drawn) == (6, 4)
    uploads = {channel: [f["content"] for f in files] for channel, files in poster.uploads}
    assert uploads["C1"] == uploads["C2"] == uploads["C3"] != uploads["C4"]
    assert statuses(services) == ["sent"] * 4
    # every claim taken: a second tick posts nothing
    assert scheduler.run_due(services, AT, poster=poster).sent == 0
    assert len(poster.posts) == 4
