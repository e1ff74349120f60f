"""kpi.competitors by hand: posts a week, growth between the two latest follower counts,
your growth from counts or from followers gained, and n/a with a reason, never a guess."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kpi.competitors import (
    better,
    covers,
    my_growth,
    per_week,
    their_engagement,
    their_growth,
    their_posting,
)

D = dt.date


@dataclass(frozen=True)
class Seen:
    day: dt.date
    followers: int | None = None
    engagement_rate: float | None = None
    posts: int | None = None
    days: int = 7

    @property
    def start(self) -> dt.date:
        return self.day - dt.timedelta(days=self.days - 1)


def test_their_latest_engagement_over_its_own_days() -> None:
    seen = [Seen(D(2026, 11, 24), engagement_rate=3.1), Seen(D(2026, 11, 17), engagement_rate=2.9)]
    fig = their_engagement(seen)
    assert (fig.value, fig.start, fig.end) == (3.1, D(2026, 11, 18), D(2026, 11, 24))
    assert their_engagement([Seen(D(2026, 11, 24), followers=1)]).reason is not None


def test_posting_is_posts_a_week_over_the_days_noted() -> None:
    assert per_week(12, 30) == pytest.approx(2.8)  # 12 / 30 x 7
    fig = their_posting([Seen(D(2026, 11, 30), posts=12, days=30)])
    assert fig.value == pytest.approx(2.8) and fig.start == D(2026, 11, 1)


def test_their_growth_is_between_the_two_latest_follower_counts() -> None:
    seen = [
        Seen(D(2026, 11, 10), followers=11000),
        Seen(D(2026, 11, 24), followers=12400),
        Seen(D(2026, 11, 17), followers=12000),
        Seen(D(2026, 11, 20), posts=3),  # no count: not a date of growth
    ]
    fig = their_growth(seen)
    # 12,400 - 12,000 = 400; 400 / 12,000 x 100 = 3.333 %
    assert fig.value == pytest.approx(3.3333, abs=1e-4) and fig.gained == 400
    assert (fig.start, fig.end) == (D(2026, 11, 17), D(2026, 11, 24))
    one = their_growth([Seen(D(2026, 11, 24), followers=5)])
    assert one.value is None and one.args == {"count": 1}


def test_my_growth_from_counts_else_from_followers_gained() -> None:
    a, b = D(2026, 11, 17), D(2026, 11, 24)
    assert my_growth(a, b, 2000, 2070, 999).value == pytest.approx(3.5)  # counts win: 70/2000
    assert my_growth(a, b, 2000, None, 50).value == pytest.approx(2.5)  # 50 / 2000
    no_start = my_growth(a, b, None, 2070, 50)
    assert no_start.value is None and no_start.gained == 50
    assert no_start.reason == "compare_me.na.my_start"
    assert my_growth(a, b, None, None, None).reason == "compare_me.na.my_followers"
    assert my_growth(a, b, 0, 10, None).reason == "compare_me.na.zero_start"


def test_covers_and_better() -> None:
    span = (D(2026, 11, 1), D(2026, 11, 20))
    assert covers(span, D(2026, 11, 1), D(2026, 11, 20))
    assert not covers(span, D(2026, 11, 14), D(2026, 11, 21))  # one day short
    assert not covers(None, D(2026, 11, 1), D(2026, 11, 2))
    assert better(5.0, 3.1) == 0 and better(3.04, 3.0) is None and better(None, 1) is None
