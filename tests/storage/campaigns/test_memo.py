"""storage.campaigns.memo: inside one read-only reply each period's totals are read from the
database once; outside one (commands that write) every read sees the rows as they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from storage.campaigns.memo import one_reply
from storage.db import make_engine, migrate
from storage.repository import Repository

TEAM = "T1"
DAY = dt.date(2026, 10, 1)


def _repo(tmp_path: Path) -> tuple[Repository, list[str]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'k.db'}")
    migrate(engine)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    repo = Repository(engine)
    repo.log_metrics(TEAM, "shop", DAY, "facebook", {"clicks": 10, "spend": 5.5})
    repo.log_metrics(TEAM, "shop", DAY, "instagram", {"clicks": 4, "spend": 1.25})
    return repo, statements


def test_a_reply_reads_each_total_once(tmp_path: Path) -> None:
    repo, statements = _repo(tmp_path)
    plain = [repo.totals(TEAM, None, DAY, DAY), repo.totals_by_platform(TEAM, None, DAY, DAY)]
    statements.clear()
    with one_reply():
        first = repo.totals(TEAM, None, DAY, DAY)
        split = repo.totals_by_platform(TEAM, None, DAY, DAY)
        once = len(statements)
        assert repo.totals(TEAM, None, DAY, DAY) is first
        assert repo.totals_by_platform(TEAM, None, DAY, DAY) == split
        assert repo.data_range(TEAM, None) == repo.data_range(TEAM, None)
        assert len(statements) == once + 1  # only the first data_range
    assert [first, split] == plain
    assert first.get("clicks") == 14.0 and split["instagram"].get("spend") == 1.25


def test_outside_a_reply_a_write_is_seen(tmp_path: Path) -> None:
    repo, _ = _repo(tmp_path)
    assert repo.totals(TEAM, None, DAY, DAY).get("clicks") == 14.0
    repo.log_metrics(TEAM, "shop", DAY, "facebook", {"clicks": 20})
    assert repo.totals(TEAM, None, DAY, DAY).get("clicks") == 24.0
    with one_reply():
        assert repo.totals(TEAM, None, DAY, DAY).get("clicks") == 24.0
    repo.log_metrics(TEAM, "shop", DAY, "facebook", {"clicks": 1})
    with one_reply():  # a new reply reads again
        assert repo.totals(TEAM, None, DAY, DAY).get("clicks") == 5.0
