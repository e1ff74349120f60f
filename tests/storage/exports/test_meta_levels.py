"""Meta exports at ad-set and ad level, results that are (and are not) conversions, names in
any script, and `No data available.`. Expected values are added by hand from the fixture
files' cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpi.i18n import t
from storage.exports import parse_file

DATA = Path(__file__).parents[2] / "data" / "exports"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def by_key(rows):  # type: ignore[no-untyped-def]
    return {(r.campaign, r.day.isoformat(), r.platform): dict(r.counters) for r in rows}


def test_ad_level_rows_are_summed_per_campaign_day_and_platform() -> None:
    result = parse_file(read("meta_ad_level_en.csv"))
    assert result.problems == [] and result.format == "meta"
    assert result.currency == "AUD"
    assert result.skipped == {"header_again": 1}  # two exports pasted together
    assert (result.summed_rows, result.summed_level, len(result.rows)) == (13, "ad", 6)
    rows = by_key(result.rows)
    winter = rows[("winter-sale-au", "2026-02-01", "meta")]
    assert winter["impressions"] == 2100 + 1400 + 600
    assert winter["clicks"] == 42 + 19 + 15
    assert round(winter["spend"], 2) == round(31.50 + 18.20 + 12.20, 2)
    assert winter["conversions"] == 3 + 1 + 2  # Result type: Website purchases
    assert round(winter["revenue"], 2) == round(289.85 + 74.95 + 149.90, 2)
    day2 = rows[("winter-sale-au", "2026-02-02", "meta")]
    assert day2["conversions"] == 4 + 0 + 1
    assert round(day2["revenue"], 2) == round(379.80 + 59.95, 2)  # an empty cell adds nothing
    # Leads go to leads, never to conversions.
    moscow = rows[("лиды-москва", "2026-02-01", "meta")]
    assert moscow["leads"] == 5 + 2 and "conversions" not in moscow
    assert round(moscow["spend"], 2) == 20.00 + 15.00
    # Link clicks, landing page views, ThruPlays, profile visits: never conversions.
    for day in ("2026-02-01", "2026-02-02"):
        traffic = rows[("traffic-always-on", day, "meta")]
        assert "conversions" not in traffic and "leads" not in traffic
    assert rows[("traffic-always-on", "2026-02-01", "meta")]["clicks"] == 64 + 52
    # A name with an emoji and a line break inside quotes keeps its letters (on one line).
    names = {r.campaign: r.campaign_name for r in result.rows}
    assert names["winter-sale-au"] == "🔥 Winter Sale AU"
    assert result.sources == {
        "conversions": "Results (Result type)",
        "leads": "Results (Result type)",
        "revenue": "Purchases conversion value",
    }


def test_the_summing_is_reported_in_english_and_dutch() -> None:
    en = t("import.summed.ad", "en", rows="13", days="6")
    nl = t("import.summed.ad", "nl", rows="13", days="6")
    assert en.startswith("13 ad rows summed into 6 campaign days")
    assert nl.startswith("13 advertentieregels opgeteld tot 6 campagnedagen")


def test_dutch_ad_set_export_purchases_column_wins_over_results() -> None:
    result = parse_file(read("meta_ad_set_nl.csv"))
    assert result.problems == [] and result.currency == "EUR"
    assert (result.summed_rows, result.summed_level) == (5, "ad_set")
    rows = by_key(result.rows)
    spring = rows[("voorjaar-ελλαδα", "2026-03-02", "facebook")]
    # `Aankopen` (7 + 1), not `Resultaten` (7 purchases + 22 landing page views).
    assert spring["conversions"] == 7 + 1
    assert spring["impressions"] == 4120 + 1004
    assert round(spring["spend"], 2) == round(84.70 + 20.00, 2)
    assert round(spring["revenue"], 2) == round(612.30 + 89.95, 2)
    chinese = rows[("春季促销", "2026-03-03", "instagram")]
    assert chinese["leads"] == 9 and chinese["conversions"] == 0
    assert result.sources["conversions"] == "Aankopen"
    assert result.sources["revenue"] == "Conversiewaarde aankopen"
    total = sum(r.counters.get("conversions", 0) for r in result.rows)
    assert total == 7 + 3 + 1 + 5 + 0


def test_results_without_a_result_type_are_not_conversions() -> None:
    data = (
        b"Reporting starts,Reporting ends,Campaign name,Results,Amount spent (EUR)\n"
        b"2026-03-02,2026-03-02,Zomer,12,30.00\n"
    )
    result = parse_file(data)
    (row,) = result.rows
    assert row.counters == {"spend": 30.0}
    assert result.sources == {}


def test_older_result_indicator_values_decide_as_the_new_result_types_do() -> None:
    data = (
        b"Reporting starts,Reporting ends,Campaign name,Results,Result indicator,"
        b"Amount spent (EUR)\n"
        b"2026-03-02,2026-03-02,Sales,4,actions:offsite_conversion.fb_pixel_purchase,10\n"
        b"2026-03-02,2026-03-02,Pages,40,landing_page_view,10\n"
        b"2026-03-02,2026-03-02,Forms,3,actions:onsite_conversion.lead_grouped,10\n"
        b"2026-03-02,2026-03-02,Views,900,actions:video_thruplay_watched,10\n"
    )
    rows = {r.campaign: dict(r.counters) for r in parse_file(data).rows}
    assert rows["sales"]["conversions"] == 4
    assert "conversions" not in rows["pages"] and "leads" not in rows["pages"]
    assert rows["forms"] == {"leads": 3, "spend": 10.0}
    assert "conversions" not in rows["views"]


def test_no_data_available_is_one_clear_refusal() -> None:
    result = parse_file(read("meta_no_data.csv"))
    assert result.rows == []
    (problem,) = result.problems
    assert (problem.line, problem.reason_key) == (2, "import.error.no_data")
    assert "holds no data for its period" in t(problem.reason_key, "en")
    assert "geen gegevens" in t(problem.reason_key, "nl")


def test_a_header_without_rows_is_the_same_refusal() -> None:
    data = b"Reporting starts,Reporting ends,Campaign name,Impressions\n"
    result = parse_file(data)
    assert [p.reason_key for p in result.problems] == ["import.error.no_data"]


def test_the_day_column_of_a_daily_breakdown_gives_one_day_rows() -> None:
    result = parse_file(read("meta_ad_level_en.csv"))
    assert {(r.day, r.day_end) for r in result.rows} == {
        (dt.date(2026, 2, 1), None),
        (dt.date(2026, 2, 2), None),
    }


def test_after_a_name_with_a_line_break_refusals_name_the_real_line_and_cell() -> None:
    data = (
        b"Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (EUR)\n"
        b'2026-03-02,2026-03-02,"Winter\nSale",100,1.50\n'  # lines 2-3
        b"2026-03-02,2026-03-02,Spring,veel,2.50\n"  # line 4
    )
    result = parse_file(data)
    (problem,) = result.problems
    assert (problem.line, problem.args["value"]) == (4, "veel")
    good = parse_file(data.replace(b"veel", b"200"))
    assert [r.line for r in good.rows] == [2, 4]
