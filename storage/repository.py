"""The repository kpibot's commands use, one facade over the aggregates' methods. Every
method takes the workspace (`team_id`) first and scopes every query by it: one workspace can
never read, list or change another's data. Returns records, Totals or DataFrames; ORM
objects stay inside this package.

Targets (storage.targets.repo.TargetRepository), digest subscriptions
(storage.digests.repo.DigestRepository) and Slack ids (storage.slack_ids.SlackIds) have
repositories of their own.
"""

from __future__ import annotations

from sqlalchemy import Engine

from storage.benchmarks import BenchmarkMethods
from storage.campaigns.admin import CampaignAdminMethods
from storage.campaigns.metrics import MetricMethods
from storage.campaigns.recency import RecencyMethods
from storage.campaigns.repo import CampaignMethods
from storage.costs import CostMethods
from storage.workspaces import WorkspaceMethods

__all__ = ["Repository"]


class Repository(
    WorkspaceMethods,
    CampaignMethods,
    MetricMethods,
    RecencyMethods,
    CampaignAdminMethods,
    CostMethods,
    BenchmarkMethods,
):
    """Workspaces (storage/workspaces.py), campaigns (storage/campaigns/repo.py), their
    metrics and aggregates (storage/campaigns/metrics.py), how recent each campaign's data
    is (storage/campaigns/recency.py), managing campaigns: rename,
    archive, merge, delete (storage/campaigns/admin.py), costs (storage/costs.py) and the
    workspace's own benchmarks (storage/benchmarks.py). Built from an Engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
