"""`/kpi` commands acknowledged and not yet answered, kept in the database so that a replica
that dies (SIGKILL, a lost machine) does not take them along.

The ack writes one row (``record``: one INSERT) owned by the acking replica, with a lease it
renews while it lives and holds the command (``renew``). Another replica takes over a row
whose lease ran out (``claim``: a conditional UPDATE per row, so of two claimers exactly one
wins). Just before a reply goes to the response_url its row is marked sent
(``start_sending``, again conditional on the owner): a row marked sent is never taken over,
so every command is answered at most once — a replica killed in the middle of that one POST
leaves its reply to Slack. SQLite is one process: there the process starting up takes
every row another owner left (``adopt``). A response_url works for 30 minutes (URL_VALID):
older rows are not answered any more and ``prune`` removes them after KEEP."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Engine, and_, delete, func, insert, select, update

from storage.bounds import check_text
from storage.models import PendingAnswer
from storage.rows import aware, utcnow

#: Slack takes a reply at a command's response_url for 30 minutes; a minute less to be safe
URL_VALID = dt.timedelta(minutes=29)
#: rows (answered or given up) are removed this long after the command came in
KEEP = dt.timedelta(hours=1)
MAX_URL = 500


@dataclass(frozen=True)
class Command:
    """A `/kpi` command as Slack sent it: what is needed to answer it anywhere."""

    team_id: str
    team_name: str | None
    channel_id: str | None
    channel_name: str | None
    user_id: str | None
    text: str
    response_url: str
    locale: str | None
    received_at: dt.datetime


@dataclass(frozen=True)
class Pending:
    """A recorded command and its row id."""

    id: int
    command: Command


def _checked(command: Command) -> Command:
    """The command when every field fits its column (OutOfBounds otherwise): Slack's
    values are data from outside, even when signed."""
    check_text("team_id", command.team_id, 32)
    for label, value, limit in (
        ("team_name", command.team_name, 100),
        ("channel_id", command.channel_id, 32),
        ("channel_name", command.channel_name, 100),
        ("user_id", command.user_id, 32),
        ("locale", command.locale, 8),
    ):
        if value is not None:
            check_text(label, value, limit)
    check_text("text", command.text, None, newlines=False)
    check_text("response_url", command.response_url, MAX_URL)
    return command


def _command(row: PendingAnswer) -> Command:
    return Command(
        team_id=row.team_id,
        team_name=row.team_name,
        channel_id=row.channel_id,
        channel_name=row.channel_name,
        user_id=row.user_id,
        text=row.text,
        response_url=row.response_url,
        locale=row.locale,
        received_at=aware(row.received_at),
    )


class PendingAnswers:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, command: Command, owner: str, lease_until: dt.datetime) -> int:
        """Keep `command` as `owner`'s until `lease_until`: one INSERT. Its row id."""
        values = dataclasses.asdict(_checked(command))
        stmt = insert(PendingAnswer).values(**values, owner=owner, lease_until=lease_until)
        with self._engine.begin() as conn:
            key = conn.execute(stmt).inserted_primary_key
        assert key is not None
        return int(key[0])

    def renew(self, owner: str, lease_until: dt.datetime, ids: Collection[int]) -> int:
        """`owner` is alive and still holds rows `ids`: they stay its own until
        `lease_until` (a row it lost track of is left to run out). How many."""
        if not ids:
            return 0
        stmt = (
            update(PendingAnswer)
            .where(
                PendingAnswer.owner == owner,
                PendingAnswer.id.in_(list(ids)),
                PendingAnswer.sent_at.is_(None),
            )
            .values(lease_until=lease_until)
        )
        with self._engine.begin() as conn:
            return int(conn.execute(stmt).rowcount or 0)

    def claim(
        self,
        owner: str,
        lease_until: dt.datetime,
        limit: int,
        *,
        now: dt.datetime | None = None,
        adopt: bool = False,
    ) -> list[Pending]:
        """Take over up to `limit` unsent rows whose owner is gone (lease run out; with
        `adopt`, any other owner's: SQLite's one process starting up), oldest first, each
        with a conditional UPDATE: a row another claimer took first is skipped. Rows whose
        response_url no longer works are left for `prune`."""
        now = now or utcnow()
        if limit <= 0:
            return []
        free = self._free(owner, now, adopt)
        query = select(PendingAnswer.id).where(free).order_by(PendingAnswer.id).limit(limit)
        taken: list[int] = []
        with self._engine.connect() as conn:
            candidates = list(conn.execute(query).scalars())
        for row_id in candidates:
            stmt = (
                update(PendingAnswer)
                .where(PendingAnswer.id == row_id, free)
                .values(owner=owner, lease_until=lease_until)
            )
            with self._engine.begin() as conn:
                if conn.execute(stmt).rowcount == 1:
                    taken.append(row_id)
        if not taken:
            return []
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(PendingAnswer).where(PendingAnswer.id.in_(taken)).order_by(PendingAnswer.id)
            )
            return [Pending(row.id, _command(row)) for row in rows]  # type: ignore[arg-type]

    def start_sending(self, row_id: int, owner: str, now: dt.datetime | None = None) -> bool:
        """True for the one caller that may post row `row_id`'s reply now: its owner, while
        nobody marked it sent. After this nobody else answers it."""
        stmt = (
            update(PendingAnswer)
            .where(
                PendingAnswer.id == row_id,
                PendingAnswer.owner == owner,
                PendingAnswer.sent_at.is_(None),
            )
            .values(sent_at=now or utcnow())
        )
        with self._engine.begin() as conn:
            return conn.execute(stmt).rowcount == 1

    def done(self, row_id: int, now: dt.datetime | None = None) -> None:
        """The reply of row `row_id` was posted."""
        stmt = (
            update(PendingAnswer).where(PendingAnswer.id == row_id).values(done_at=now or utcnow())
        )
        with self._engine.begin() as conn:
            conn.execute(stmt)

    def prune(self, now: dt.datetime | None = None) -> tuple[int, int]:
        """Remove rows that came in more than KEEP ago. (removed, of those never sent)."""
        now = now or utcnow()
        old = PendingAnswer.received_at < now - KEEP
        lost = select(func.count()).select_from(PendingAnswer)
        lost = lost.where(old, PendingAnswer.sent_at.is_(None))
        with self._engine.begin() as conn:
            never = int(conn.execute(lost).scalar_one())
            removed = int(conn.execute(delete(PendingAnswer).where(old)).rowcount or 0)
        return removed, never

    def unsent(self) -> int:
        """Rows not (yet) answered, whoever owns them."""
        query = select(func.count()).select_from(PendingAnswer)
        with self._engine.connect() as conn:
            return int(conn.execute(query.where(PendingAnswer.sent_at.is_(None))).scalar_one())

    def _free(self, owner: str, now: dt.datetime, adopt: bool) -> ColumnElement[bool]:
        gone = PendingAnswer.owner != owner if adopt else PendingAnswer.lease_until < now
        return and_(
            PendingAnswer.sent_at.is_(None),
            PendingAnswer.received_at >= now - URL_VALID,
            gone,
        )
