"""Errors of the storage package; each names the thing it is about."""

from __future__ import annotations


class StorageError(Exception):
    """Base of storage's errors."""


class UnknownCampaign(StorageError, LookupError):
    def __init__(self, team_id: str, campaign: str) -> None:
        super().__init__(f"No campaign {campaign!r} in workspace {team_id}")
        self.team_id = team_id
        self.campaign = campaign
