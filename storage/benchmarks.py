"""A workspace's own benchmarks: one per KPI and platform ("all": every platform), a range or
one end of it in the KPI's unit, with the currency of a range of money. Part of
storage.repository.Repository; read back as kpi.benchmarks.Benchmark (own=True)."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kpi.benchmarks import Benchmark
from storage.models import WorkspaceBenchmark
from storage.rows import rowcount, utcnow


def _benchmark(row: WorkspaceBenchmark) -> Benchmark:
    year = row.set_at.year if row.set_at is not None else None
    return Benchmark(
        row.kpi,
        row.platform,
        low=row.low,
        high=row.high,
        currency=row.currency,
        source="own",
        year=year,
        own=True,
    )


class BenchmarkMethods:
    engine: Engine

    def benchmarks(self, team_id: str, kpi: str | None = None) -> list[Benchmark]:
        """The workspace's own benchmarks (of `kpi` only, when given), by KPI and platform."""
        query = select(WorkspaceBenchmark).where(WorkspaceBenchmark.team_id == team_id)
        if kpi is not None:
            query = query.where(WorkspaceBenchmark.kpi == kpi)
        query = query.order_by(WorkspaceBenchmark.kpi, WorkspaceBenchmark.platform)
        with Session(self.engine) as session:
            return [_benchmark(row) for row in session.scalars(query)]

    def set_benchmark(self, team_id: str, bench: Benchmark, user_id: str | None) -> None:
        """Sets the workspace's benchmark for the KPI and platform of `bench`, replacing the
        one it had (two people setting it at once: the last one wins)."""
        for _ in range(2):
            with Session(self.engine) as session:
                row = session.scalars(
                    select(WorkspaceBenchmark).where(
                        WorkspaceBenchmark.team_id == team_id,
                        WorkspaceBenchmark.kpi == bench.kpi,
                        WorkspaceBenchmark.platform == bench.platform,
                    )
                ).first()
                if row is None:
                    row = WorkspaceBenchmark(
                        team_id=team_id, kpi=bench.kpi, platform=bench.platform
                    )
                    session.add(row)
                row.low, row.high, row.currency = bench.low, bench.high, bench.currency
                row.set_by, row.set_at = user_id, utcnow()
                try:
                    session.commit()
                    return
                except IntegrityError:  # inserted by a concurrent request: update that one
                    session.rollback()
        raise RuntimeError("benchmark could not be stored")  # pragma: no cover

    def reset_benchmark(self, team_id: str, kpi: str, platform: str) -> bool:
        """Removes the workspace's benchmark of `kpi` on `platform`; False when it had none."""
        with Session(self.engine) as session:
            gone = session.execute(
                delete(WorkspaceBenchmark).where(
                    WorkspaceBenchmark.team_id == team_id,
                    WorkspaceBenchmark.kpi == kpi,
                    WorkspaceBenchmark.platform == platform,
                )
            )
            session.commit()
            return rowcount(gone) > 0
