"""What kpibot keeps about a workspace's installation of the Slack app, outside the tokens
themselves (slack_sdk's installation store reads and writes those, in the tables of
storage.models): whether the app is uninstalled there, and removing everything of a
workspace — its tokens on uninstall, all its data on `/kpi settings delete-data`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, Table, delete, func, select
from sqlalchemy.orm import Session

from storage.models import (
    AlertEvent,
    Base,
    Campaign,
    Cost,
    DailyMetric,
    SlackBot,
    SlackInstallation,
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

    def footprint(self, team_id: str) -> Removed:
        """What delete_workspace would remove, counted now."""
        campaign_ids = select(Campaign.id).where(Campaign.team_id == team_id)
        with Session(self.engine) as session:

            def count(model: Any, *where: ColumnElement[bool]) -> int:
                return int(
                    session.scalar(select(func.count()).select_from(model).where(*where)) or 0
                )

            return Removed(
                campaigns=count(Campaign, Campaign.team_id == team_id),
                metric_rows=count(DailyMetric, DailyMetric.campaign_id.in_(campaign_ids)),
                costs=count(Cost, Cost.campaign_id.in_(campaign_ids)),
                targets=count(Target, Target.team_id == team_id),
                alerts=count(AlertEvent, AlertEvent.team_id == team_id),
                subscriptions=count(Subscription, Subscription.team_id == team_id),
                installations=count(SlackBot, SlackBot.team_id == team_id)
                + count(SlackInstallation, SlackInstallation.team_id == team_id),
            )

    def delete_workspace(self, team_id: str) -> Removed:
        """Remove everything kpibot stores about `team_id`, in one transaction: every row of
        every table that names the workspace (`team_id`), and the rows that belong to those
        through a foreign key (a campaign's daily numbers and costs, a subscription's
        deliveries, ...) — children first. A table added later is covered as long as it
        names the team or hangs off one that does (tests check no row of the team is left)."""
        gone: dict[str, int] = {}
        with self.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                where = _owned_by(table, team_id)
                if where is not None:
                    gone[table.name] = int(conn.execute(table.delete().where(where)).rowcount or 0)
        return Removed(
            campaigns=gone.get("campaigns", 0),
            metric_rows=gone.get("daily_metrics", 0),
            costs=gone.get("costs", 0),
            targets=gone.get("targets", 0),
            alerts=gone.get("alert_events", 0),
            subscriptions=gone.get("subscriptions", 0),
            installations=gone.get("slack_bots", 0) + gone.get("slack_installations", 0),
        )


def _owned_by(table: Table, team_id: str) -> ColumnElement[bool] | None:
    """The rows of `table` that belong to `team_id`: its own team_id, else a foreign key to
    a table whose rows do (evaluated before the parent rows are deleted)."""
    if "team_id" in table.c:
        return table.c.team_id == team_id
    for fk in table.foreign_keys:
        parent = fk.column.table
        owner = _owned_by(parent, team_id)
        if owner is not None:
            return fk.parent.in_(select(fk.column).where(owner))
    return None
