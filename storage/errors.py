"""Errors of the storage package; each names the thing it is about. (Import problems are
not exceptions: they are RowProblem values with message keys, rendered by the bot.)"""

from __future__ import annotations

from collections.abc import Sequence


class StorageError(Exception):
    """Base of storage's errors."""


class UnknownCampaign(StorageError, LookupError):
    """No campaign by this slug (or id) in this workspace."""

    def __init__(self, team_id: str, campaign: str) -> None:
        super().__init__(f"No campaign {campaign!r} in workspace {team_id}")
        self.team_id = team_id
        self.campaign = campaign


class CampaignExists(StorageError, ValueError):
    """Another campaign of this workspace already has this slug."""

    def __init__(self, team_id: str, slug: str) -> None:
        super().__init__(f"Campaign {slug!r} already exists in workspace {team_id}")
        self.team_id = team_id
        self.slug = slug


class UnknownCostCategory(StorageError, ValueError):
    """A cost booked under a category kpi.counters.COST_CATEGORIES does not know."""

    def __init__(self, category: str, known: Sequence[str]) -> None:
        super().__init__(f"No cost category {category!r}; known: {', '.join(known)}")
        self.category = category
        self.known = tuple(known)
