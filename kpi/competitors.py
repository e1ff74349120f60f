"""You against a competitor, like for like: what can be set side by side from what was
noted of the competitor and what kpibot holds of your own campaigns on the same platform.

Three measures, each over the dates of the competitor's observations (never guessed):
- engagement rate (%): theirs as noted over an observation's days; yours engagements /
  reach x 100 over the same days (the registry's `engagement_rate`).
- follower growth (%): followers on the later of the two latest dated follower counts
  minus those on the earlier, / the earlier x 100; the same two days for you.
- posting frequency (posts a week): posts / days x 7 over an observation's days; yours the
  posts over the same days.

A figure that cannot be computed is `Figure(None, reason=…)` with an i18n key; nothing here
raises for missing data, and nothing compares different periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

MEASURES: tuple[str, ...] = ("engagement", "followers", "posting")
WEEK = 7


class Seen(Protocol):
    """One dated observation of a competitor on one platform (storage's Observation)."""

    @property
    def day(self) -> dt.date: ...
    @property
    def followers(self) -> int | None: ...
    @property
    def engagement_rate(self) -> float | None: ...
    @property
    def posts(self) -> int | None: ...
    @property
    def days(self) -> int: ...
    @property
    def start(self) -> dt.date: ...


@dataclass(frozen=True)
class Figure:
    """A measure over [start, end]: `value` (% or posts a week) and, for follower growth,
    `gained` followers; or None with `reason` (an i18n key) and its `args`."""

    value: float | None
    start: dt.date | None = None
    end: dt.date | None = None
    gained: float | None = None
    reason: str | None = None
    args: Mapping[str, object] = field(default_factory=dict)


def per_week(posts: float, days: int) -> float:
    """Posts a week over `days` days: posts / days x 7 (days > 0)."""
    return posts / days * WEEK


def growth_rate(start: float, end: float) -> float | None:
    """(end - start) / start x 100; None when there were no followers at the start."""
    return None if start <= 0 else (end - start) / start * 100


def their_engagement(seen: Sequence[Seen]) -> Figure:
    """The latest noted engagement rate, over that observation's days."""
    found = [s for s in seen if s.engagement_rate is not None]
    if not found:
        return Figure(None, reason="compare_me.na.their_engagement")
    last = max(found, key=lambda s: s.day)
    return Figure(last.engagement_rate, last.start, last.day)


def their_posting(seen: Sequence[Seen]) -> Figure:
    """The latest noted posts, as posts a week over that observation's days."""
    found = [s for s in seen if s.posts is not None]
    if not found:
        return Figure(None, reason="compare_me.na.their_posts")
    last = max(found, key=lambda s: s.day)
    assert last.posts is not None
    return Figure(per_week(last.posts, last.days), last.start, last.day)


def their_growth(seen: Sequence[Seen]) -> Figure:
    """Growth between the two latest dated follower counts."""
    found = sorted((s for s in seen if s.followers is not None), key=lambda s: s.day)
    if len(found) < 2:
        args = {"count": len(found)}
        return Figure(None, reason="compare_me.na.their_followers", args=args)
    first, last = found[-2], found[-1]
    assert first.followers is not None and last.followers is not None
    rate = growth_rate(first.followers, last.followers)
    gained = float(last.followers - first.followers)
    if rate is None:
        return Figure(None, first.day, last.day, gained, "compare_me.na.zero_start")
    return Figure(rate, first.day, last.day, gained)


def my_growth(
    start: dt.date,
    end: dt.date,
    followers_start: float | None,
    followers_end: float | None,
    gained: float | None,
) -> Figure:
    """Your growth from `start` to `end`: from the follower counts of both days when you
    have them, else the followers gained after `start` through `end` over the count on
    `start`. Without a count on `start` there is no rate (gained alone is kept)."""
    if followers_start is not None and followers_end is not None:
        gained = followers_end - followers_start
    if followers_start is None:
        reason = "compare_me.na.my_followers" if gained is None else "compare_me.na.my_start"
        return Figure(None, start, end, gained, reason)
    if gained is None:
        return Figure(None, start, end, None, "compare_me.na.my_followers")
    rate = growth_rate(followers_start, followers_start + gained)
    if rate is None:
        return Figure(None, start, end, gained, "compare_me.na.zero_start")
    return Figure(rate, start, end, gained)


def covers(span: tuple[dt.date, dt.date] | None, start: dt.date, end: dt.date) -> bool:
    """Whether your data on the platform (first, last day with data) spans [start, end]."""
    return span is not None and span[0] <= start and span[1] >= end


def better(mine: float | None, theirs: float | None, decimals: int = 1) -> int | None:
    """0 when yours is higher as shown, 1 when theirs is; None for a tie or an n/a (every
    measure here is higher-is-better)."""
    if mine is None or theirs is None:
        return None
    a, b = round(mine, decimals), round(theirs, decimals)
    return None if a == b else (0 if a > b else 1)
