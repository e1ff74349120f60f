"""Drawing a tick's charts in other processes, each distinct drawing once.

matplotlib draws on one core and is not made for drawing from several threads, so a tick
with many digests draws their charts in a process pool (a forkserver, else spawn, context:
never fork, as the server has threads), as many workers as the machine has cores, while the
tick's thread goes on building the next digests. A drawing is keyed by its input (a
`kpi.charts.Drawing`: the chart's data, locale and currency, so its campaigns, weeks and
numbers): two digests of the same campaigns share one drawing.

A tick with one digest (most ticks) draws it here, as starting processes costs more than
it saves: the pool is started when a tick asks for its POOL_FROM-th distinct drawing (a
second digest) and stopped when the tick ends. When it cannot start or breaks (no process
can be made, a worker dies), the drawing is made here, in this process: slower, never
missing.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from kpi.charts import Drawing, draw

log = logging.getLogger(__name__)

#: The distinct drawing from which a tick draws in the pool (a digest has two).
POOL_FROM = 3
#: What starting a pool may raise when processes cannot be made here.
_CANNOT = (OSError, RuntimeError, ValueError, NotImplementedError, BrokenProcessPool)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _warm() -> None:
    """A worker imports matplotlib and the chart code before its first drawing."""
    import kpi.charts  # noqa: F401


class ChartPool:
    """`submit(drawing)` -> a Future of its PNG; `png(drawing)` waits for it. Use as a
    context manager (the pool is shut down on exit)."""

    def __init__(
        self,
        workers: int | None = None,
        start: Callable[[int], ProcessPoolExecutor] | None = None,
        pool_from: int = POOL_FROM,
    ) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.pool_from = pool_from
        self._start = start or _start
        self._pool: ProcessPoolExecutor | None = None
        self._failed = False
        self._futures: dict[Drawing, Future[bytes]] = {}
        #: drawings asked for (every digest's) and drawn (distinct): what the bench reports
        self.asked = 0
        self.local = 0

    def __enter__(self) -> ChartPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def drawn(self) -> int:
        return len(self._futures)

    def submit(self, drawing: Drawing) -> Future[bytes]:
        """The PNG of `drawing`, drawn once however often it is asked for."""
        self.asked += 1
        if drawing not in self._futures:
            self._futures[drawing] = self._submit(drawing)
        return self._futures[drawing]

    def png(self, drawing: Drawing) -> bytes:
        """The PNG of `drawing` (submitted first if it was not); drawn here if the pool
        broke on it."""
        future = self.submit(drawing) if drawing not in self._futures else self._futures[drawing]
        try:
            return future.result()
        except BrokenProcessPool:
            log.warning("chart pool broke: drawing in this process")
            self._failed = True
            self.local += 1
            return draw(drawing)

    def _submit(self, drawing: Drawing) -> Future[bytes]:
        few = len(self._futures) + 1 < self.pool_from
        pool = None if few else self._pool_or_none()
        if pool is not None:
            try:
                return pool.submit(draw, drawing)
            except _CANNOT as exc:  # broken meanwhile (a worker died)
                log.warning("chart pool cannot draw (%s): drawing in this process", exc)
                self._failed = True
        done: Future[bytes] = Future()
        self.local += 1
        try:
            done.set_result(draw(drawing))
        except Exception as exc:
            done.set_exception(exc)
        return done

    def _pool_or_none(self) -> ProcessPoolExecutor | None:
        if self._failed:
            return None
        if self._pool is None:
            try:
                self._pool = self._start(self.workers)
            except _CANNOT as exc:
                log.warning("chart pool not started (%s): drawing in this process", exc)
                self._failed = True
                return None
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _start(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_warm)
