"""Every kind of bad input: refused with its line (line 1 = the file's first line), every
problem collected in one read, and no rows handed out."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.formats import MAX_PROBLEMS, parse_file
from tests.storage.formats import fixtures as fx

HEAD = "Day,Campaign name,Impressions,Amount spent (EUR)\n"


def problems(data: bytes) -> list[tuple[int, str | None, str]]:
    result = parse_file(data)
    assert result.rows == [] or len(result.rows) == 0
    return [(p.line, p.column, p.reason_key) for p in result.problems]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("2026-11-02,Zomer,-5,1.00\n", (2, "Impressions", "import.error.negative")),
        ("2026-11-02,Zomer,10,-1.00\n", (2, "Amount spent (EUR)", "import.error.negative")),
        ("2026-11-02,Zomer,veel,1.00\n", (2, "Impressions", "import.error.number")),
        ("2026-11-02,Zomer,10,1.0.0,1\n", (2, None, "import.error.cells")),
        ("2026-11-02,Zomer,10,gratis\n", (2, "Amount spent (EUR)", "import.error.number")),
        ("2026-11-02,Zomer,10.5,1.00\n", (2, "Impressions", "import.error.whole")),
        ("2026-11-02,Zomer,nan,1.00\n", (2, "Impressions", "import.error.number")),
        ("2026-13-45,Zomer,10,1.00\n", (2, "Day", "import.error.date")),
        ("gisteren,Zomer,10,1.00\n", (2, "Day", "import.error.date")),
        ("2026-11-02,!!!,10,1.00\n", (2, "Campaign name", "import.error.empty")),
        ("2026-11-02,Zomer,10\n", (2, None, "import.error.cells")),
        (
            "2026-11-02,Zomer,10,1.00\n2026-11-03,Zomer,10,1.00\n2026-11-02,ZOMER,3,1.00\n",
            (4, None, "import.error.duplicate"),
        ),
    ],
)
def test_each_refusal_names_line_and_column(
    body: str, expected: tuple[int, str | None, str]
) -> None:
    assert problems((HEAD + body).encode()) == [expected]


def test_duplicate_names_the_first_line() -> None:
    data = (HEAD + "2026-11-02,Zomer,10,1.00\n2026-11-02,Zomer,3,1.00\n").encode()
    (problem,) = parse_file(data).problems
    assert dict(problem.args) == {"campaign": "zomer", "day": "2026-11-02",
                                  "platform": "facebook", "first": "2"}  # fmt: skip


def test_period_ending_before_it_starts() -> None:
    data = b"Reporting starts,Reporting ends,Campaign name,Impressions\n" \
           b"2026-11-30,2026-11-01,Zomer,10\n"  # fmt: skip
    assert problems(data) == [(2, "Reporting ends", "import.error.date_order")]


def test_all_problems_of_a_file_in_one_read() -> None:
    body = (
        "2026-11-02,Zomer,-5,1.00\n"  # line 2: negative
        "2026-11-03,Zomer,10,1.00\n"  # line 3: fine
        "31-02-2026,Zomer,10,1.00\n"  # line 4: no such date
        "2026-11-04,Zomer,tien,abc\n"  # line 5: two cells
    )
    assert problems((HEAD + body).encode()) == [
        (2, "Impressions", "import.error.negative"),
        (4, "Day", "import.error.date"),
        (5, "Impressions", "import.error.number"),
        (5, "Amount spent (EUR)", "import.error.number"),
    ]


def test_problems_are_capped_but_counted() -> None:
    body = "".join(f"2026-11-02,Campagne {i},-1,1.00\n" for i in range(MAX_PROBLEMS + 10))
    result = parse_file((HEAD + body).encode())
    assert len(result.problems) == MAX_PROBLEMS
    assert result.problem_count == MAX_PROBLEMS + 10
    assert result.problems[0].line == 2 and result.problems[-1].line == MAX_PROBLEMS + 1


def test_unknown_format_lists_the_headers_seen() -> None:
    (problem,) = parse_file(b"Naam,Waarde,Opmerking\nA,1,x\n").problems
    assert (problem.line, problem.reason_key) == (1, "import.error.no_header")
    assert dict(problem.args) == {"lines": "30", "headers": "Naam, Waarde, Opmerking"}


def test_unknown_format_below_title_lines() -> None:
    data = b"Rapport\nWeek 45\nNaam;Waarde;Opmerking;Extra\nA;1;x;y\n"
    (problem,) = parse_file(data).problems
    assert (problem.line, problem.args["headers"]) == (3, "Naam, Waarde, Opmerking, Extra")


def test_forced_format_that_does_not_fit() -> None:
    (problem,) = parse_file(fx.CANONICAL.encode(), format="linkedin").problems
    assert (problem.line, problem.reason_key) == (1, "import.error.format_header")
    assert (problem.args["format"], problem.args["needs"]) == (
        "linkedin",
        "start date (in utc), campaign name",
    )


def test_unknown_format_name() -> None:
    (problem,) = parse_file(fx.CANONICAL.encode(), format="tiktok").problems
    assert (problem.reason_key, problem.args["format"]) == ("import.error.unknown_format", "tiktok")


def test_canonical_without_platform_needs_a_default(tmp_path: Path) -> None:
    text = "date,campaign,impressions\n2026-11-02,zomer,10\n"
    (problem,) = parse_file(text.encode()).problems
    assert (problem.line, problem.reason_key) == (1, "import.error.export_missing")
    result = parse_file(text.encode(), default_platform="tiktok")
    assert [(r.platform, r.counters) for r in result.rows] == [("tiktok", {"impressions": 10})]


def test_mixed_currencies_in_the_header() -> None:
    data = b"Day,Campaign name,Amount spent (EUR),Purchase conversion value (USD)\n" \
           b"2026-11-02,Zomer,1.00,2.00\n"  # fmt: skip
    assert problems(data) == [(1, None, "import.error.currencies")]


# Encodings ---------------------------------------------------------------------------------


def test_mac_roman_is_refused_with_the_line() -> None:
    data = HEAD.encode() + b"2026-11-02,Caf\x8e,10,1.00\n"  # Mac Roman e-acute; cp1252 'Z-caron'
    assert problems(data) == [(2, None, "import.error.encoding")]


def test_bytes_that_are_no_text_at_all() -> None:
    data = HEAD.encode() + b"2026-11-02,\x81\x8d\x90,10,1.00\n"  # undefined in cp1252
    assert problems(data) == [(2, None, "import.error.encoding")]


def test_windows_1252_from_dutch_excel_is_read() -> None:
    text = "Dag;Campagnenaam;Weergaven;Besteed bedrag (EUR)\n2-11-2026;Café Été;10;1,50\n"
    result = parse_file(text.encode("cp1252"))
    assert (result.problems, result.encoding) == ([], "cp1252")
    (row,) = result.rows
    assert (row.campaign, row.campaign_name) == ("cafe-ete", "Café Été")
    assert row.counters == {"impressions": 10, "spend": 1.50}


def test_broken_utf16_is_refused() -> None:
    data = (HEAD + "2026-11-02,Zomer,10,1.00\n").encode("utf-16")[:-1]  # cut in a character
    assert problems(data)[0][2] == "import.error.encoding"
