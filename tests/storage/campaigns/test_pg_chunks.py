"""PostgreSQL's import writer (storage.campaigns.pg_chunks): a chunk the server refuses
while the next one is being read is raised at the next step, and nothing is kept."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from storage.campaigns import deltas, upsert
from storage.campaigns.frame_rows import FrameRows
from storage.campaigns.pg_chunks import ChunkWriter

DAY = dt.date(2026, 11, 2)


def _rows(slug: str, clicks: list[int]) -> FrameRows:
    n = len(clicks)
    return FrameRows(
        lines=list(range(2, 2 + n)),
        campaigns=[slug] * n,
        names=[None] * n,
        days=[(DAY + dt.timedelta(days=i)).isoformat() for i in range(n)],
        platforms=["facebook"] * n,
        counters={"clicks": clicks},
    )


def _submit(writer: ChunkWriter, rows: FrameRows, ids: dict[str, int]) -> None:
    blocks = upsert.copy_blocks(rows, ids, ["clicks"])
    writer.submit(blocks, ["clicks"], deltas.chunk_counts(rows, ids), rows.span())  # type: ignore[arg-type]


def test_a_chunk_the_server_refuses_is_raised_next_and_nothing_is_kept(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the writer thread is PostgreSQL's")
    with engine.connect() as conn:
        writer = ChunkWriter(conn)
        # Campaign 424242 does not exist: daily_metrics' foreign key refuses the chunk.
        _submit(writer, _rows("ghost", [1, 2, 3]), {"ghost": 424242})
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            writer.settle()
        writer.close()
        conn.rollback()
        assert conn.execute(sa.text("SELECT count(*) FROM daily_metrics")).scalar_one() == 0


def test_chunks_written_one_after_another_are_all_there(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the writer thread is PostgreSQL's")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO workspaces (team_id, locale, currency, timezone, created_at) "
            "VALUES ('T1', 'en', 'EUR', 'UTC', now())"
        ))  # fmt: skip
        cid = conn.execute(sa.text(
            "INSERT INTO campaigns (team_id, slug, name, created_at) "
            "VALUES ('T1', 'alpha', 'Alpha', now()) RETURNING id"
        )).scalar_one()  # fmt: skip
    with engine.connect() as conn:
        writer = ChunkWriter(conn)
        _submit(writer, _rows("alpha", [1, 2, 3]), {"alpha": cid})
        first = writer.settle()
        second_rows = _rows("alpha", [5, 6, 7, 8])
        second_rows.days = [(DAY + dt.timedelta(days=10 + i)).isoformat() for i in range(4)]
        _submit(writer, second_rows, {"alpha": cid})
        second = writer.settle()
        writer.close()
        conn.commit()
        assert first is not None and second is not None
        assert (first.changed, second.changed) == (3, 4)
        assert first.resum == second.resum == frozenset()  # only new rows: sums were added
        total = conn.execute(sa.text("SELECT sum(clicks) FROM daily_metrics")).scalar_one()
        monthly = conn.execute(sa.text(
            "SELECT sum(clicks), sum(rows) FROM metric_summaries WHERE grain = 'm'"
        )).one()  # fmt: skip
    assert total == 1 + 2 + 3 + 5 + 6 + 7 + 8
    assert tuple(monthly) == (32, 7)
