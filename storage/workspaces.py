"""Workspaces: the Slack team a request comes from, with its locale, currency and timezone.
Part of storage.repository.Repository."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Workspace


@dataclass(frozen=True, slots=True)
class WorkspaceRec:
    team_id: str
    name: str | None
    locale: str
    currency: str
    timezone: str


def _workspace(row: Workspace) -> WorkspaceRec:
    return WorkspaceRec(row.team_id, row.name, row.locale, row.currency, row.timezone)


def ensure_workspace(engine: Engine, team_id: str, name: str | None = None) -> WorkspaceRec:
    """The workspace, created (with the default locale, currency and timezone) when new."""
    with Session(engine) as session:
        row = session.get(Workspace, team_id)
        if row is not None:
            return _workspace(row)
        session.add(Workspace(team_id=team_id, name=name))
        try:
            session.commit()
        except IntegrityError:  # created by a concurrent request: fine
            session.rollback()
        row = session.get(Workspace, team_id)
        assert row is not None
        return _workspace(row)


class WorkspaceMethods:
    engine: Engine

    def ensure_workspace(self, team_id: str, name: str | None = None) -> WorkspaceRec:
        return ensure_workspace(self.engine, team_id, name)

    def get_workspace(self, team_id: str) -> WorkspaceRec | None:
        with Session(self.engine) as session:
            row = session.get(Workspace, team_id)
            return None if row is None else _workspace(row)

    def update_workspace(
        self,
        team_id: str,
        *,
        locale: str | None = None,
        currency: str | None = None,
        timezone: str | None = None,
    ) -> WorkspaceRec:
        self.ensure_workspace(team_id)
        with Session(self.engine) as session, session.begin():
            row = session.get(Workspace, team_id)
            assert row is not None
            if locale is not None:
                row.locale = locale
            if currency is not None:
                row.currency = currency
            if timezone is not None:
                row.timezone = timezone
            session.flush()
            return _workspace(row)

    def list_workspaces(self) -> list[WorkspaceRec]:
        with Session(self.engine) as session:
            rows = session.scalars(select(Workspace).order_by(Workspace.team_id))
            return [_workspace(row) for row in rows]
