"""The canonical CSV: every row checked; one bad row refuses the file with line numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.campaigns.naming import slugify
from storage.exports.canonical import parse_canonical

HEADER = "date,campaign,platform,impressions,clicks,spend,revenue"


def parse(*lines: str):  # type: ignore[no-untyped-def]
    return parse_canonical(("\n".join(lines) + "\n").encode())


def test_good_file_gives_rows_with_numbers_and_not_reported_cells() -> None:
    result = parse(HEADER, "2026-11-02,Campaign X,Facebook,1000,25,12.50,", "",
                   "2026-11-03,campaign-x,instagram,800,,7.25,100")  # fmt: skip
    assert result.problems == []
    first, second = result.rows
    assert (first.campaign, first.campaign_name, first.platform) == (
        "campaign-x",
        "Campaign X",
        "facebook",
    )
    assert first.day == dt.date(2026, 11, 2)
    assert dict(first.counters) == {"impressions": 1000, "clicks": 25, "spend": 12.5}
    assert "clicks" not in second.counters  # empty cell = not reported
    assert result.skipped == {"blank": 1}


@pytest.mark.parametrize(
    ("line", "column", "key"),
    [
        ("2026-13-02,x,facebook,1,1,1,1", "date", "import.error.date"),
        ("02-11-2026,x,facebook,1,1,1,1", "date", "import.error.date"),
        ("2026-11-02,x,facebook,-5,1,1,1", "impressions", "import.error.negative"),
        ("2026-11-02,x,facebook,lots,1,1,1", "impressions", "import.error.number"),
        ("2026-11-02,x,facebook,1,2.5,1,1", "clicks", "import.error.number"),
        ("2026-11-02,x,facebook,1,1,-1.00,1", "spend", "import.error.negative"),
        ("2026-11-02,,facebook,1,1,1,1", "campaign", "import.error.empty"),
        ("2026-11-02,x,,1,1,1,1", "platform", "import.error.empty"),
        ("2026-11-02,x,facebook,1,1", None, "import.error.cells"),
    ],
)
def test_one_bad_row_refuses_the_file_naming_line_and_column(line: str, column, key) -> None:  # type: ignore[no-untyped-def]
    result = parse(HEADER, "2026-11-01,x,facebook,1,1,1,1", line)
    assert result.rows == []  # nothing to write
    assert [(p.line, p.column, p.reason_key) for p in result.problems] == [(3, column, key)]


def test_duplicate_campaign_day_platform_is_refused_with_both_lines() -> None:
    result = parse(HEADER, "2026-11-01,x,facebook,1,1,1,1", "2026-11-02,x,facebook,1,1,1,1",
                   "2026-11-01,X,Facebook,2,2,2,2")  # fmt: skip
    (problem,) = result.problems
    assert (problem.line, problem.reason_key, problem.args["first"]) == (
        4,
        "import.error.duplicate",
        "2",
    )


def test_every_problem_is_listed_not_just_the_first() -> None:
    result = parse(HEADER, *[f"2026-11-{d:02d},x,facebook,-1,1,1,1" for d in range(1, 8)])
    assert [p.line for p in result.problems] == list(range(2, 9))


def test_header_problems() -> None:
    missing = parse("date,campaign,impressions", "2026-11-01,x,1")
    assert [p.reason_key for p in missing.problems] == ["import.error.missing_columns"]
    # An unknown extra column is reported as ignored (the report lists it), not refused.
    unknown = parse("date,campaign,platform,impresions,spend", "2026-11-01,x,fb,1,2.5")
    assert unknown.problems == [] and unknown.ignored == ["impresions"]
    (row,) = unknown.rows
    assert row.counters == {"spend": 2.5}


def test_not_utf8_is_refused() -> None:
    result = parse_canonical("date,campaign,platform\n2026-11-01,Café,fb\n".encode("utf-16"))
    assert [p.reason_key for p in result.problems] == ["import.error.encoding"]


def test_semicolons_and_a_bom_are_read() -> None:
    data = "\ufeffdate;campaign;platform;clicks\n2026-11-01;x;fb;3\n".encode()
    assert parse_canonical(data).rows[0].counters == {"clicks": 3}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Zomer Actie 2026", "zomer-actie-2026"),
        ("Café Crème!", "cafe-creme"),
        ("campaign-x", "campaign-x"),
        ("  Black  Friday -- 2026 ", "black-friday-2026"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_problems_are_capped_at_50_but_all_are_counted() -> None:
    result = parse(HEADER, *[f"2026-11-01,c{i},facebook,-1,1,1,1" for i in range(120)])
    assert len(result.problems) == 50
    assert result.problem_count == 120
    assert result.problems[0].line == 2


def test_a_row_with_too_many_cells_is_named() -> None:
    result = parse(HEADER, "2026-11-01,x,facebook,1,1,1,1", "2026-11-02,x,facebook,1,1,1,1,9,9")
    assert [(p.line, p.reason_key, p.args["found"]) for p in result.problems] == [
        (3, "import.error.cells", "9")
    ]


def test_quoted_names_with_the_delimiter_are_read() -> None:
    result = parse(HEADER, '2026-11-01,"Sale, autumn",facebook,1,1,1,1')
    assert result.problems == []
    assert result.rows[0].campaign == "sale-autumn"


def test_rows_read_as_columns_behave_as_a_sequence() -> None:
    result = parse(HEADER, *[f"2026-11-{d:02d},x,facebook,{d},,1.5," for d in range(1, 4)])
    assert len(result.rows) == 3
    assert [r.counters for r in result.rows] == [
        {"impressions": d, "spend": 1.5} for d in range(1, 4)
    ]
    assert result.rows[-1].day == dt.date(2026, 11, 3)


def test_a_column_named_twice_in_the_header_is_refused_in_words() -> None:
    from kpi.i18n import t

    result = parse("date,campaign,platform,clicks,clicks", "2026-11-01,x,facebook,1,2")
    assert [(p.line, p.reason_key) for p in result.problems] == [(1, "import.error.header_twice")]
    assert "twice" in t("import.error.header_twice", "en")
    assert "twee keer" in t("import.error.header_twice", "nl")
