"""The Slack ids kpibot has already acted on, so a retried event or a replayed command does
nothing twice — across replicas, because the database decides.

Slack sends an event again (``X-Slack-Retry-Num``, same ``event_id``) when it did not see a
200 within three seconds, and a signed request can be replayed for five minutes (the
signature check's window). ``first_time`` inserts (workspace, kind, key) under a unique
constraint: exactly one caller, in any process, gets True and acts; every later one gets
False. Rows older than KEEP are removed on the way (Slack retries for minutes, a replay is
refused by the signature check after five)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, insert
from sqlalchemy.exc import IntegrityError

from storage.models import SlackRequest
from storage.rows import utcnow

#: How long an id is remembered.
KEEP = dt.timedelta(days=1)
KINDS = ("event", "trigger")
MAX_KEY = 128


class SlackIds:
    """Event ids and trigger ids already acted on, per workspace."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def first_time(
        self, team_id: str, kind: str, key: str, *, now: dt.datetime | None = None
    ) -> bool:
        """Record (team_id, kind, key); True the first time, False when any process recorded
        it before. `kind` is "event" (an event_id) or "trigger" (a command's trigger_id)."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        if not key or len(key) > MAX_KEY:
            raise ValueError(f"a Slack id of 1 to {MAX_KEY} characters, not {len(key)}")
        now = (now or utcnow()).astimezone(dt.UTC)
        with self._engine.begin() as conn:
            conn.execute(delete(SlackRequest).where(SlackRequest.created_at < now - KEEP))
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    insert(SlackRequest).values(team_id=team_id, kind=kind, key=key, created_at=now)
                )
        except IntegrityError:
            return False
        return True
