"""Google Ads as downloaded by default: a title line, a date-range line, one row per
campaign (no Day column), `Total: ...` rows; Video / Demand Gen reports without Clicks;
UTF-16 with tabs; `All time` refused. Totals below are added by hand from the fixture files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpi.i18n import t
from storage.exports import parse_file

DATA = Path(__file__).parents[2] / "data" / "exports"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_default_campaign_report_rows_are_period_totals_over_the_date_range() -> None:
    result = parse_file(read("google_ads_campaign_report.csv"))
    assert result.problems == [] and result.format == "google_ads"
    assert result.currency == "AUD"  # the Currency code column
    assert result.skipped == {"total_row": 4}  # Account, Search, Performance Max, Campaigns
    assert result.period_totals == 4
    assert [r.campaign_name for r in result.rows] == [
        "Brand – Sydney",
        "PMax Winter Sale",
        "Generic Shoes",
        "Old Test",
    ]
    for row in result.rows:
        assert (row.day, row.day_end) == (dt.date(2026, 1, 27), dt.date(2026, 2, 23))
        assert row.platform == "google"
    by = {r.campaign: r.counters for r in result.rows}
    assert by["brand-sydney"] == {
        "impressions": 12480,
        "clicks": 1032,
        "conversions": 37.5,
        "revenue": 5812.40,
        "spend": 1248.72,
    }
    # Data-driven attribution: fractional conversions kept exactly, never rounded.
    assert by["pmax-winter-sale"]["conversions"] == 8.17
    assert by["generic-shoes"]["conversions"] == 0.15
    spend = sum(r.counters["spend"] for r in result.rows)
    assert round(spend, 2) == round(1248.72 + 2079.58 + 70.30 + 0.00, 2)
    conversions = sum(r.counters["conversions"] for r in result.rows)
    assert round(conversions, 2) == round(37.50 + 8.17 + 0.15, 2)  # = the Total: Account row
    # `< 10%` and `--` shares are derived columns: ignored, never a refusal.
    assert "Search impr. share" in result.ignored and "Interactions" in result.ignored


def test_video_and_demand_gen_report_in_utf16_with_tabs_imports_without_clicks() -> None:
    result = parse_file(read("google_ads_video_report_utf16.csv"))
    assert result.problems == [] and result.format == "google_ads"
    assert result.currency == "GBP"
    assert result.skipped == {"total_row": 1}
    video, demand_gen = result.rows
    assert (video.day, video.day_end) == (dt.date(2025, 7, 8), dt.date(2025, 7, 31))
    assert video.counters == {
        "impressions": 41920,
        "video_views": 12574,
        "conversions": 3.40,
        "revenue": 212.00,
        "spend": 502.96,
    }
    assert "clicks" not in demand_gen.counters  # interactions are not clicks
    assert "video_views" not in demand_gen.counters  # `--`: not reported
    assert round(video.counters["spend"] + demand_gen.counters["spend"], 2) == 821.41


def test_all_time_is_refused_naming_the_report_and_what_to_export_instead() -> None:
    result = parse_file(read("google_ads_all_time.csv"))
    assert result.format == "google_ads" and result.rows == []
    (problem,) = result.problems
    assert (problem.line, problem.reason_key) == (3, "import.error.google_ads_all_time")
    for locale, words in (("en", ("All time", "Segment → Time → Day")), ("nl", ("Dag",))):
        text = t(problem.reason_key, locale, **problem.args)
        assert "Google Ads" in text and all(w in text for w in words)


def test_no_range_line_and_no_day_column_is_refused() -> None:
    data = b"Campaign report\nCampaign,Impr.,Clicks,Cost\nBrand,100,5,2.50\n"
    result = parse_file(data)
    assert [p.reason_key for p in result.problems] == ["import.error.google_ads_no_range"]


def test_a_google_ads_report_with_few_columns_is_never_read_as_ga4() -> None:
    data = (
        b'"Campaign report"\n"July 8, 2025 - July 31, 2025"\n'
        b"Campaign,Clicks,Conversions\nBrand,40,2.5\n"
    )
    result = parse_file(data)
    assert result.problems == [] and result.format == "google_ads"
    (row,) = result.rows
    assert (row.platform, row.day, row.day_end) == ("google", dt.date(2025, 7, 8),
                                                    dt.date(2025, 7, 31))  # fmt: skip
    assert row.counters == {"clicks": 40, "conversions": 2.5}
