"""The kpibot CSV as spreadsheets save it (Dutch Excel: `;`, `1.000`, `12,5`), numbers the
file does not settle, refusals quoting the cell as written, extra columns, dates after today
and the exact problem count. Totals are added by hand from the fixture cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpi.i18n import t
from storage.exports import parse_file
from storage.exports.problems import MAX_PROBLEMS

DATA = Path(__file__).parents[2] / "data" / "exports"
TODAY = dt.date(2026, 11, 30)


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_dutch_excel_semicolons_thousand_points_and_decimal_commas() -> None:
    result = parse_file(read("kpibot_dutch_excel.csv"), as_of=TODAY)
    assert result.problems == [] and result.format == "canonical"
    assert result.ignored == ["notes"]  # reported, not refused
    rows = {(r.campaign, r.day.isoformat(), r.platform): r.counters for r in result.rows}
    first = rows[("zomer-actie-2026", "2026-11-02", "facebook")]
    assert first["impressions"] == 1000 and first["spend"] == 12.5
    second = rows[("zomer-actie-2026", "2026-11-02", "instagram")]
    assert second["impressions"] == 2350
    assert second["spend"] == 1250.75 and second["revenue"] == 1020.40
    assert second["conversions"] == 3.5
    assert sum(r.counters["impressions"] for r in result.rows) == 1000 + 2350 + 980 + 12000
    assert round(sum(r.counters["spend"] for r in result.rows), 2) == round(
        12.5 + 1250.75 + 8 + 99.99, 2
    )
    names = {r.campaign: r.campaign_name for r in result.rows}
    assert names["ψ-ελληνικη-καμπανια"] == "Ψ Ελληνική Καμπάνια"


def test_a_number_the_file_does_not_settle_is_refused_with_both_readings() -> None:
    result = parse_file(read("kpibot_unsettled.csv"), as_of=TODAY)
    assert result.rows == []
    found = [(p.line, p.column, p.args["value"]) for p in result.problems]
    assert found == [
        (2, "impressions", "1.000"),
        (2, "spend", "1.500"),
        (3, "impressions", "2.000"),
        (3, "spend", "2.250"),
    ]
    spend = result.problems[1]
    assert spend.reason_key == "import.error.ambiguous"
    english = t(spend.reason_key, "en", **spend.args)
    assert "“1.500” could be 1500 or 1.5" in english
    assert "kan 1500 of 1,5 zijn" in t(spend.reason_key, "nl", **spend.args)


def test_one_decimal_comma_anywhere_settles_the_whole_file() -> None:
    lines = ["date;campaign;platform;spend"]
    lines += [f"2026-11-{d:02d};Zomer;facebook;1.500" for d in range(1, 21)]
    lines += ["2026-11-21;Zomer;facebook;7,25"]
    result = parse_file("\n".join(lines).encode(), as_of=TODAY)
    assert result.problems == []
    assert sum(r.counters["spend"] for r in result.rows) == 20 * 1500 + 7.25


def test_a_refusal_quotes_the_cell_as_written() -> None:
    data = b"date,campaign,platform,clicks,spend\n2026-11-02,Zomer,facebook,12.50,1e400\n"
    result = parse_file(data, as_of=TODAY)
    assert [(p.column, p.args["value"]) for p in result.problems] == [
        ("clicks", "12.50"),
        ("spend", "1e400"),
    ]


def test_dates_after_today_are_refused_with_their_lines() -> None:
    for data in (
        b"date,campaign,platform,clicks\n2026-11-30,a,x,1\n2026-12-01,a,x,2\n2027-01-05,a,x,3\n",
        b"date;campaign;platform;spend\n2026-11-30;a;x;1,5\n2026-12-01;a;x;2,5\n2027-01-05;a;x;3\n",
    ):
        result = parse_file(data, as_of=TODAY)
        assert [(p.line, p.reason_key, p.args["date"]) for p in result.problems] == [
            (3, "import.error.future", "2026-12-01"),
            (4, "import.error.future", "2027-01-05"),
        ]
        assert "2026-12-01" in t("import.error.future", "nl", **result.problems[0].args)


def test_the_problem_count_is_exact_and_only_the_first_are_listed() -> None:
    lines = ["date,campaign,platform,clicks"]
    lines += [f"2026-11-{1 + i % 28:02d},c{i},facebook,-{i + 1}" for i in range(724)]
    result = parse_file("\n".join(lines).encode(), as_of=TODAY)
    assert result.problem_count == 724
    assert len(result.problems) == MAX_PROBLEMS == 50
    assert [p.line for p in result.problems] == list(range(2, 52))
    text = t("import.first_listed", "en", count="724", shown="50")
    assert text == "724 problems; the first 50 are listed."
