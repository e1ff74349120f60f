"""Every refusal names its line (the header is line 1) and nothing is returned to write."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.exports import parse_file
from storage.exports.numbers import parse_column

HEADER = "Start rapportage;Einde rapportage;Naam campagne;Platform;Weergaven;Besteed bedrag (EUR)"
GOOD = "2026-11-02;2026-11-02;Actie;facebook;100;1,00"


def refused(*lines: str, data: bytes | None = None):  # type: ignore[no-untyped-def]
    result = parse_file(data if data is not None else "\n".join(lines).encode("utf-8-sig"))
    assert list(result.rows) == []  # nothing to write
    return [(p.line, p.column, p.reason_key, dict(p.args)) for p in result.problems]


def test_wrong_encoding_is_refused_on_line_1() -> None:
    latin1 = (HEADER + "\n2026-11-02;2026-11-02;Café actie;facebook;1;1,00\n").encode("cp1252")
    assert refused(data=latin1) == [(1, None, "import.error.encoding", {})]


def test_no_recognisable_header() -> None:
    assert refused("Naam,Bedrag", "Jan,12") == [(1, None, "import.error.no_header", {"lines": "2"})]


@pytest.mark.parametrize(
    ("line", "column", "key", "args"),
    [
        (
            "2026-11-03;2026-11-03;Actie;facebook;-5;1,00",
            "Weergaven",
            "import.error.negative",
            {"column": "Weergaven", "value": "-5"},
        ),
        (
            "2026-11-03;2026-11-03;Actie;facebook;veel;1,00",
            "Weergaven",
            "import.error.number",
            {"column": "Weergaven", "value": "veel"},
        ),
        (
            "2026-11-03;2026-11-03;Actie;facebook;12,5;1,00",
            "Weergaven",
            "import.error.whole",
            {"column": "Weergaven", "value": "12,5"},  # as written in the file
        ),
        (
            "2026-11-03;2026-11-03;Actie;facebook;5;1.2,00",
            "Besteed bedrag (EUR)",
            "import.error.number",
            {"column": "Besteed bedrag (EUR)", "value": "1.2,00"},
        ),
        (
            "31-02-2026;2026-11-03;Actie;facebook;5;1,00",
            "Start rapportage",
            "import.error.date",
            {"value": "31-02-2026"},
        ),
        (
            "gisteren;2026-11-03;Actie;facebook;5;1,00",
            "Start rapportage",
            "import.error.date",
            {"value": "gisteren"},
        ),
        (
            "2026-11-02;2026-11-02;Actie;Facebook;7;2,00",
            None,
            "import.error.duplicate",
            {"first": "2", "campaign": "actie", "day": "2026-11-02", "platform": "facebook"},
        ),
    ],
)
def test_one_bad_row_refuses_the_file_with_its_line(line, column, key, args) -> None:  # type: ignore[no-untyped-def]
    assert refused(HEADER, GOOD, line) == [(3, column, key, args)]


def test_every_problem_is_listed_by_line_not_just_the_first() -> None:
    problems = refused(
        HEADER,
        GOOD,
        "2026-11-03;2026-11-03;Actie;facebook;-1;1,00",
        "2026-11-04;2026-11-04;Actie;facebook;1;€ x",
    )
    assert [(p[0], p[2]) for p in problems] == [
        (3, "import.error.negative"),
        (4, "import.error.number"),
    ]


def test_a_second_currency_in_one_file_is_refused() -> None:
    data = "Campaign,Day,Currency code,Cost\nA,2026-11-02,EUR,1.00\nB,2026-11-02,USD,2.00\n"
    assert refused(data=data.encode()) == [
        (1, None, "import.error.currencies", {"currencies": "EUR, USD"})
    ]


def test_same_campaign_day_and_placement_twice_is_a_duplicate_but_two_placements_are_not() -> None:
    header = "Day,Campaign name,Platform,Placement,Impressions"
    ok = parse_file(
        f"{header}\n2026-11-02,A,facebook,Feed,1\n2026-11-02,A,facebook,Stories,2\n".encode()
    )
    assert ok.problems == [] and ok.rows[0].counters == {"impressions": 3}
    problems = refused(header, "2026-11-02,A,facebook,Feed,1", "2026-11-02,A,facebook,Feed,2")
    assert [(p[0], p[2], p[3]["first"]) for p in problems] == [(3, "import.error.duplicate", "2")]


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_dutch_and_english_numbers_with_thousands_read_back(value) -> None:  # type: ignore[no-untyped-def]
    english = f"{value:,.2f}"
    dutch = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    for text, mark in ((english, "."), (dutch, ","), (f"€ {dutch}", ",")):
        numbers, bad = parse_column(pd.Series([text]), mark)
        assert not bad.any()
        assert numbers.iloc[0] == pytest.approx(float(value))


def test_duplicate_after_skipped_rows_names_the_right_campaign_and_lines() -> None:
    header = "Reporting starts,Reporting ends,Campaign name,Platform,Impressions"
    problems = refused(
        header,
        "2026-11-02,2026-11-02,,,99",
        "",
        "2026-11-02,2026-11-02,B,facebook,1",
        "2026-11-03,2026-11-03,B,facebook,1",
        "2026-11-03,2026-11-03,B,facebook,2",
    )
    assert problems == [
        (
            6,
            None,
            "import.error.duplicate",
            {"first": "5", "campaign": "b", "day": "2026-11-03", "platform": "facebook"},
        )
    ]


def test_every_problem_key_has_english_and_dutch_text_with_the_same_placeholders() -> None:
    import string
    from pathlib import Path

    from kpi.i18n import catalogs
    from kpi.i18n.import_exports_en import EN
    from kpi.i18n.import_exports_nl import NL

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    assert EN.keys() == NL.keys()
    assert all(fields(EN[k]) == fields(NL[k]) for k in EN)
    source = "".join(p.read_text() for p in Path("storage/exports").glob("*.py"))
    import re

    used = set(re.findall(r'"(import\.(?:error|skip)\.[a-z_]+)"', source))
    used |= {
        f"import.skip.{k}"
        for k in ("blank", "total_row", "not_campaign", "comment", "header_again", "no_data")
    }
    known = set(EN) | set(catalogs()["en"])
    assert sorted(used - known) == []
