"""The answers this replica owes: `/kpi` commands acked and not yet answered.

The ack records the command in the database (storage.answers: one INSERT) and hands it to
this process's answer threads. While the process lives, a keeper thread renews the lease on
the rows it holds every LEASE / 5 (a row whose answer failed before it was marked sent is
let go, and answered again once its lease runs out) and takes over rows whose owner is gone
(another replica killed, or on SQLite the previous run of this one), so a command acked by
a replica that dies is still answered, once. The queue is bounded: past `bound` commands
held (waiting or being answered) `offer` says no and the command is acked with "busy, try
again in a minute"."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from storage.answers import Command, Pending, PendingAnswers
from storage.errors import OutOfBounds, StorageError
from storage.rows import utcnow

log = logging.getLogger(__name__)

#: answers computed at once per process (the database pool holds 5 + 10 connections, and the
#: scheduler and the other listeners need some of them)
ANSWER_THREADS = 8
#: how often the answered and given-up rows are removed
PRUNE_EVERY = dt.timedelta(minutes=1)

#: the reply to a command: the message body for its response_url
Compute = Callable[[Command], dict[str, Any]]
Send = Callable[[str, dict[str, Any]], None]


def replica_name() -> str:
    """This process among the replicas: host, pid and a random part (a pid is reused)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class AnswerQueue:
    def __init__(
        self,
        store: PendingAnswers,
        *,
        bound: int,
        lease: dt.timedelta,
        adopt_at_start: bool,
        owner: str | None = None,
        threads: int = ANSWER_THREADS,
    ) -> None:
        self.store = store
        self.bound = bound
        self.lease = lease
        self.owner = owner or replica_name()
        self._adopt = adopt_at_start  # SQLite: one process, whatever is left is ours
        self._threads = threads
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._held = 0
        self._ids: set[int] = set()  # the recorded commands this process holds
        self._compute: Compute | None = None
        self._send: Send | None = None
        self._locales: dict[str, str] = {}
        self._stop = threading.Event()
        self._keeper: threading.Thread | None = None
        self._pruned: dt.datetime | None = None

    def answer_with(self, compute: Compute, send: Send) -> None:
        """How a command is answered (bot.listeners.commands) and its reply posted."""
        self._compute, self._send = compute, send

    @property
    def held(self) -> int:
        """Commands this process holds now: waiting or being answered."""
        return self._held

    def offer(self, command: Command) -> bool:
        """Record `command` and queue its answer; False (nothing recorded) when the queue
        already holds `bound` commands. A command that cannot be recorded (the database
        refuses it) is still answered, from memory only."""
        if not self._reserve():
            return False
        row_id: int | None = None
        try:
            row_id = self.store.record(command, self.owner, utcnow() + self.lease)
        except OutOfBounds as exc:  # a value no column holds: the answer refuses it at once
            log.info("a /kpi command kept in memory only (%s)", exc.key)
        except (StorageError, SQLAlchemyError):
            log.warning("a /kpi command could not be recorded: answered from memory only",
                        exc_info=True)  # fmt: skip
        self._submit(Pending(row_id, command) if row_id is not None else None, command)
        return True

    def remember_locale(self, team_id: str, locale: str) -> None:
        self._locales[team_id] = locale

    def locale_of(self, team_id: str) -> str | None:
        """The workspace's language as last seen by an answer here (None: not yet)."""
        return self._locales.get(team_id)

    def start(self) -> None:
        """Start the keeper (`kpibot serve`): leases renewed, orphans answered, old rows
        removed. Its first round runs at once."""
        if self._keeper is None:
            self._keeper = threading.Thread(target=self._keep, name="kpibot-answers", daemon=True)
            self._keeper.start()

    def stop(self) -> None:
        self._stop.set()

    def keep_once(self, now: dt.datetime | None = None) -> int:
        """One keeper round: renew this replica's leases, take over orphans (as many as the
        queue has room for), prune once a PRUNE_EVERY. How many orphans were taken."""
        now = now or utcnow()
        with self._lock:
            ids = set(self._ids)
        self.store.renew(self.owner, now + self.lease, ids)
        room = self.bound - self._held
        taken = self.store.claim(self.owner, now + self.lease, room, now=now, adopt=self._adopt)
        self._adopt = False
        for pending in taken:
            if self._reserve(force=True):
                self._submit(pending, pending.command)
        if taken:
            log.info("took over %d unanswered command(s) of a replica that is gone", len(taken))
        if self._pruned is None or now - self._pruned >= PRUNE_EVERY:
            removed, lost = self.store.prune(now)
            self._pruned = now
            if lost:
                log.warning("%d command(s) were never answered (their response_url expired)",
                            lost)  # fmt: skip
            del removed
        return len(taken)

    def _keep(self) -> None:
        every = max(self.lease.total_seconds() / 5, 0.2)
        while not self._stop.is_set():
            try:
                self.keep_once()
            except Exception:  # the database may be away for a moment: next round
                log.warning("keeping the pending answers failed", exc_info=True)
            self._stop.wait(every)

    def _reserve(self, *, force: bool = False) -> bool:
        with self._lock:
            if self._held >= self.bound and not force:
                return False
            self._held += 1
            return True

    def _release(self, row_id: int | None = None) -> None:
        with self._lock:
            self._held -= 1
            if row_id is not None:
                self._ids.discard(row_id)

    def _submit(self, pending: Pending | None, command: Command) -> None:
        with self._lock:
            if pending is not None:
                self._ids.add(pending.id)
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._threads, "kpibot-answer")
        self._pool.submit(self._work, pending, command)

    def _work(self, pending: Pending | None, command: Command) -> None:
        try:
            assert self._compute is not None and self._send is not None
            body = self._compute(command)
            if pending is not None and not self.store.start_sending(pending.id, self.owner):
                log.info("command %s was taken over by another replica: not answered here",
                         pending.id)  # fmt: skip
                return
            try:
                self._send(command.response_url, body)
            finally:
                if pending is not None:
                    self.store.done(pending.id)
        except Exception:  # nothing to tell the user with: the reply itself failed
            # (a row not marked sent is no longer renewed: answered again after its lease)
            log.exception("answering a /kpi command failed")
        finally:
            self._release(pending.id if pending is not None else None)
