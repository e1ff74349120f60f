"""Importing the canonical CSV into a real database (SQLite and PostgreSQL): a bad file is
refused whole with line numbers and nothing is written; the same file twice doubles
nothing; a re-export with restated numbers updates them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from kpi.i18n.import_en import EN
from storage.canonical import MAX_PROBLEMS
from storage.errors import PROBLEM_TEXT, ImportRejected, describe
from storage.importer import ImportReport, import_csv, read_canonical
from storage.repository import Repository

D = dt.date
NOV = (D(2026, 11, 1), D(2026, 11, 30))
GOOD = """date,campaign,platform,impressions,clicks,spend,revenue,campaign_name
2026-11-02,campaign-x,facebook,1000,25,12.50,,Campaign X
2026-11-02,campaign-x,instagram,800,0,7.25,100,Campaign X
2026-11-03,campaign-x,facebook,1200,30,15.00,40.5,Campaign X
2026-11-03,summer,facebook,500,5,,,Summer
"""


def test_a_good_file_is_imported_and_reported(repo: Repository) -> None:
    report = import_csv(repo, "T1", io.StringIO(GOOD))
    assert report == ImportReport(
        rows=4, inserted=4, updated=0, campaigns=("campaign-x", "summer"),
        first_day=D(2026, 11, 2), last_day=D(2026, 11, 3),
    )  # fmt: skip
    x = repo.find_campaign("T1", "Campaign X")
    assert x is not None and x.slug == "campaign-x"
    totals = repo.totals("T1", [x.id], *NOV)
    assert totals.get("impressions") == 1000 + 800 + 1200
    assert totals.get("clicks") == 25 + 0 + 30
    assert totals.get("spend") == pytest.approx(12.50 + 7.25 + 15.00)
    assert totals.get("revenue") == pytest.approx(100 + 40.5)  # the empty cell adds nothing
    assert totals.get("reach") is None  # no column: not reported
    assert repo.totals("T1", None, *NOV).get("clicks") == 25 + 0 + 30 + 5
    assert repo.last_import_at("T1", None) is not None


def test_the_same_file_twice_doubles_nothing(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text(GOOD)
    first = import_csv(repo, "T1", path)
    second = import_csv(repo, "T1", str(path))
    assert (first.inserted, first.updated) == (4, 0)
    assert (second.inserted, second.updated) == (0, 4)
    totals = repo.totals("T1", None, *NOV)
    assert totals.get("impressions") == 1000 + 800 + 1200 + 500
    assert totals.get("spend") == pytest.approx(12.50 + 7.25 + 15.00)


def test_restated_numbers_replace_the_old_ones(repo: Repository) -> None:
    import_csv(repo, "T1", io.StringIO(GOOD))
    restated = "date,campaign,platform,clicks,spend\n2026-11-02,campaign-x,facebook,27,13.00\n"
    report = import_csv(repo, "T1", io.BytesIO(restated.encode()))
    assert (report.inserted, report.updated) == (0, 1)
    x = repo.find_campaign("T1", "campaign-x")
    assert x is not None
    totals = repo.totals("T1", [x.id], *NOV)
    assert totals.get("clicks") == 27 + 0 + 30
    assert totals.get("spend") == pytest.approx(13.00 + 7.25 + 15.00)
    assert totals.get("impressions") == 1000 + 800 + 1200  # not in the re-export: kept


BAD_ROWS = [
    ("2026-11-31,campaign-x,facebook,1,1,1,1", "date", "import.error.date"),
    ("2026-11-04,campaign-x,facebook,-3,1,1,1", "impressions", "import.error.negative"),
    ("2026-11-04,campaign-x,facebook,1,veel,1,1", "clicks", "import.error.number"),
    ("2026-11-02,Campaign X,Facebook,1,1,1,1", None, "import.error.duplicate"),
]


@pytest.mark.parametrize(("line", "column", "key"), BAD_ROWS)
def test_one_bad_row_refuses_the_file_and_nothing_is_written(
    repo: Repository, line: str, column: str | None, key: str
) -> None:
    csv = (
        "date,campaign,platform,impressions,clicks,spend,revenue\n"
        "2026-11-02,campaign-x,facebook,1,1,1,1\n"
        "2026-11-03,campaign-x,facebook,1,1,1,1\n" + line + "\n"
    )
    with pytest.raises(ImportRejected) as refused:
        import_csv(repo, "T1", io.StringIO(csv))
    assert [(p.line, p.column, p.reason_key) for p in refused.value.problems] == [(4, column, key)]
    assert isinstance(refused.value, ValueError)
    assert repo.list_campaigns("T1") == []
    assert repo.data_range("T1", None) is None


def test_every_bad_row_is_named_up_to_the_cap() -> None:
    lines = ["date,campaign,platform,clicks"]
    lines += [f"2026-11-01,c{i},facebook,-1" for i in range(MAX_PROBLEMS + 10)]
    with pytest.raises(ImportRejected) as refused:
        read_canonical(io.StringIO("\n".join(lines)))
    assert [p.line for p in refused.value.problems] == list(range(2, 2 + MAX_PROBLEMS))
    assert refused.value.count == MAX_PROBLEMS + 10


@pytest.mark.parametrize(
    ("header", "key", "column"),
    [
        ("date,campaign,clicks", "import.error.missing_columns", "platform"),
        ("date,campaign,platform,clikcs", "import.error.unknown_column", "clikcs"),
        ("", "import.error.missing_columns", "date, campaign, platform"),
    ],
)
def test_a_wrong_header_says_which_columns_are_expected(header: str, key: str, column: str) -> None:
    with pytest.raises(ImportRejected) as refused:
        read_canonical(io.StringIO(header + "\n2026-11-01,x,facebook,1\n"))
    (problem,) = refused.value.problems
    assert (problem.line, problem.column, problem.reason_key) == (1, column, key)
    text = describe(problem)
    if key == "import.error.missing_columns":
        assert "date, campaign, platform" in text  # what a kpibot CSV starts with
    else:
        assert "impressions" in text and "clicks" in text  # the counters it knows


def test_problems_read_as_english_for_the_cli() -> None:
    csv = "date,campaign,platform,clicks\n2026-11-01,x,facebook,lots\n"
    with pytest.raises(ImportRejected) as refused:
        read_canonical(io.StringIO(csv))
    assert (
        describe(refused.value.problems[0])
        == "line 2, column clicks: clicks “lots” is not a number."
    )
    assert "line 2, column clicks" in str(refused.value)


def test_english_problem_texts_match_the_bots() -> None:
    bots = {k: v for k, v in EN.items() if k.startswith("import.error.")}
    assert PROBLEM_TEXT == bots
