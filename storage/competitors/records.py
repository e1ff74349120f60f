"""What CompetitorRepository hands out: frozen records, never ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The most characters a competitor's name may have (the column's length).
NAME_MAX = 60
#: The days an observation's engagement rate and posts cover when nobody said otherwise.
DEFAULT_DAYS = 7


def competitor_key(name: str) -> str:
    """How a name is found again: case and runs of whitespace do not matter."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class CompetitorRec:
    id: int
    team_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Observation:
    """One competitor on one platform on `day`: `followers` that day; `engagement_rate` (%)
    and `posts` over the `days` days ending on `day`. None: not noted."""

    platform: str
    day: dt.date
    followers: int | None = None
    engagement_rate: float | None = None
    posts: int | None = None
    days: int = DEFAULT_DAYS

    @property
    def start(self) -> dt.date:
        """The first of the `days` days the engagement rate and posts cover."""
        return self.day - dt.timedelta(days=self.days - 1)


@dataclass(frozen=True, slots=True)
class NewObservation:
    """An observation to note: `line` is its line in a CSV (0 when typed). Fields left None
    keep what an earlier note of the same day said; `days` None keeps it (new: 7)."""

    name: str
    platform: str
    day: dt.date
    followers: int | None = None
    engagement_rate: float | None = None
    posts: int | None = None
    days: int | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Noted:
    """What noting did: the competitor (`created`: new to the workspace), the observation
    as stored now and whether it replaced values of the same day (`replaced`)."""

    competitor: CompetitorRec
    observation: Observation
    created: bool
    replaced: bool


@dataclass(frozen=True, slots=True)
class NotedMany:
    """A CSV's observations noted in one transaction: how many were new, how many updated
    a day already noted, and the competitors that were new."""

    added: int
    updated: int
    new_competitors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompetitorView:
    """A competitor with the latest observation per platform (by platform) and how many
    observations it has in all."""

    competitor: CompetitorRec
    latest: tuple[Observation, ...]
    count: int
