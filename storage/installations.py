"""What kpibot keeps about a workspace's installation of the Slack app, outside the tokens
themselves (slack_sdk's installation store reads and writes those, in the tables of
storage.models): whether the app is uninstalled there, and removing everything of a
workspace — its tokens on uninstall, all its data on `/kpi settings delete-data`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Delete, Engine, delete, select
from sqlalchemy.orm import Session

from storage.models import (
    AlertEvent,
    Campaign,
    Cost,
    DailyMetric,
    Delivery,
    SlackBot,
    SlackInstallation,
    SlackRequest,
    Subscription,
    Target,
    Workspace,
)


@dataclass(frozen=True)
class Removed:
    """Rows removed from each kind of data, for the reply that says what went."""

    campaigns: int = 0
    metric_rows: int = 0
    costs: int = 0
    targets: int = 0
    alerts: int = 0
    subscriptions: int = 0
    installations: int = 0


class Installations:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def mark_uninstalled(self, team_id: str, at: dt.datetime | None = None) -> None:
        """From now on no scheduled work runs for `team_id` (see is_uninstalled)."""
        at = at or dt.datetime.now(dt.UTC)
        with Session(self.engine) as session, session.begin():
            row = session.get(Workspace, team_id)
            if row is None:
                session.add(Workspace(team_id=team_id, uninstalled_at=at))
            elif row.uninstalled_at is None:
                row.uninstalled_at = at

    def mark_installed(self, team_id: str, name: str | None = None) -> None:
        """The app is (again) installed in `team_id`: its scheduled work runs again."""
        with Session(self.engine) as session, session.begin():
            row = session.get(Workspace, team_id)
            if row is None:
                session.add(Workspace(team_id=team_id, name=name))
            else:
                row.uninstalled_at = None

    def is_uninstalled(self, team_id: str) -> bool:
        with Session(self.engine) as session:
            at = session.scalar(
                select(Workspace.uninstalled_at).where(Workspace.team_id == team_id)
            )
            return at is not None

    def enterprise_of(self, team_id: str) -> str | None:
        """The Enterprise Grid org of the newest bot installed in `team_id`, if any."""
        with Session(self.engine) as session:
            return session.scalar(
                select(SlackBot.enterprise_id)
                .where(SlackBot.team_id == team_id)
                .order_by(SlackBot.installed_at.desc())
                .limit(1)
            )

    def installed_teams(self) -> list[str]:
        """Workspaces with a bot token stored (OAuth installs)."""
        with Session(self.engine) as session:
            rows = session.scalars(
                select(SlackBot.team_id)
                .where(SlackBot.bot_token.is_not(None), SlackBot.team_id.is_not(None))
                .distinct()
            )
            return sorted(str(team) for team in rows)

    def forget_tokens(self, team_id: str) -> int:
        """Delete every stored token (bot and installer) of `team_id`; how many rows went."""
        with self.engine.begin() as conn:
            bots = conn.execute(delete(SlackBot).where(SlackBot.team_id == team_id))
            installs = conn.execute(
                delete(SlackInstallation).where(SlackInstallation.team_id == team_id)
            )
            return int(bots.rowcount or 0) + int(installs.rowcount or 0)

    def delete_workspace(self, team_id: str) -> Removed:
        """Remove everything kpibot stores about `team_id`, in one transaction: campaigns
        with their daily numbers and costs, targets with their alerts, digest subscriptions
        with their deliveries, the Slack ids acted on, the installation and its tokens, and
        the workspace's settings."""
        with self.engine.begin() as conn:
            campaign_ids = select(Campaign.id).where(Campaign.team_id == team_id)
            sub_ids = select(Subscription.id).where(Subscription.team_id == team_id)

            def gone(statement: Delete) -> int:
                return int(conn.execute(statement).rowcount or 0)

            alerts = gone(delete(AlertEvent).where(AlertEvent.team_id == team_id))
            targets = gone(delete(Target).where(Target.team_id == team_id))
            gone(delete(Delivery).where(Delivery.subscription_id.in_(sub_ids)))
            subscriptions = gone(delete(Subscription).where(Subscription.team_id == team_id))
            costs = gone(delete(Cost).where(Cost.campaign_id.in_(campaign_ids)))
            metric_rows = gone(delete(DailyMetric).where(DailyMetric.campaign_id.in_(campaign_ids)))
            campaigns = gone(delete(Campaign).where(Campaign.team_id == team_id))
            gone(delete(SlackRequest).where(SlackRequest.team_id == team_id))
            installations = gone(delete(SlackBot).where(SlackBot.team_id == team_id))
            installations += gone(
                delete(SlackInstallation).where(SlackInstallation.team_id == team_id)
            )
            gone(delete(Workspace).where(Workspace.team_id == team_id))
        return Removed(campaigns, metric_rows, costs, targets, alerts, subscriptions, installations)
