"""`kpibot serve`'s scheduler runs the features' jobs only on the replica that leads."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.server import _when_leading
from storage.db import make_engine
from storage.leader import Leadership
from tests.storage.conftest import engine  # noqa: F401  (fixture: SQLite and PostgreSQL)


def test_a_job_runs_only_while_its_replica_leads(engine: Engine) -> None:  # noqa: F811
    runs: list[str] = []
    mine = Leadership(engine)
    mine.check()
    _when_leading(mine, lambda: runs.append("mine"))()
    assert runs == ["mine"]  # the only replica leads, on SQLite and on PostgreSQL
    if engine.dialect.name != "postgresql":
        return
    other_engine = make_engine(engine.url.render_as_string(hide_password=False))
    other = Leadership(other_engine)
    try:
        other.check()
        _when_leading(other, lambda: runs.append("other"))()
        assert runs == ["mine"]  # the second replica skips the tick
        mine.release()
        other.check()
        _when_leading(other, lambda: runs.append("other"))()
        assert runs == ["mine", "other"]  # and runs it once it leads
    finally:
        mine.release()
        other.release()
        other_engine.dispose()
