"""Each export format, read from a file the test wrote, against totals added up by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from storage.formats import detect, parse_file
from storage.records import MetricRow
from tests.storage.formats import fixtures as fx

NOV = dt.date(2026, 11, 1)


def total(rows: Sequence[MetricRow], counter: str) -> float:
    return sum(row.counters.get(counter, 0) for row in rows)


def reported(rows: Sequence[MetricRow], counter: str) -> list[bool]:
    return [counter in row.counters for row in rows]


def test_meta_english_comma(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "meta.csv", fx.META_EN))
    assert (result.format, result.problems, result.currency) == ("meta", [], "EUR")
    rows = list(result.rows)
    assert len(rows) == 3
    assert total(rows, "impressions") == 1234 + 2000 + 500
    assert total(rows, "reach") == 1000 + 1500 + 400
    assert total(rows, "clicks") == 45 + 55 + 5  # link clicks, not clicks (all)
    assert total(rows, "conversions") == 3 + 4
    assert reported(rows, "conversions") == [True, True, False]  # empty = not reported
    assert total(rows, "spend") == pytest.approx(1012.50 + 20.25 + 10.00)
    assert total(rows, "revenue") == pytest.approx(250.00 + 300.50)
    assert {r.platform for r in rows} == {"facebook"}
    assert {(r.campaign, r.campaign_name) for r in rows} == {
        ("zomer-actie-2026", "Zomer Actie 2026"),
        ("winter-cafe", "Winter Café"),
    }
    assert [r.line for r in rows] == [2, 3, 4]
    assert result.recognised["Link clicks"] == "clicks"
    assert result.recognised["Amount spent (EUR)"] == "spend"
    assert result.recognised["Results"] == "results"
    for derived in ("Frequency", "Clicks (all)", "CPM (cost per 1,000 impressions) (EUR)",
                    "CTR (link click-through rate)", "Cost per result"):  # fmt: skip
        assert derived in result.ignored
    assert result.period_totals == 0 and result.skipped == {}


def test_meta_dutch_semicolon_decimal_comma_bom(tmp_path: Path) -> None:
    data = fx.write(tmp_path, "meta-nl.csv", fx.META_NL, encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    result = parse_file(data)
    assert (result.format, result.problems, result.currency) == ("meta", [], "EUR")
    assert (result.encoding, result.delimiter) == ("utf-8-sig", ";")
    rows = list(result.rows)
    assert total(rows, "impressions") == 1234 + 2000
    assert total(rows, "reach") == 1000 + 1500
    assert total(rows, "clicks") == 45 + 55
    assert total(rows, "conversions") == 3 + 4
    assert total(rows, "spend") == pytest.approx(1012.50 + 20.25)
    assert total(rows, "revenue") == pytest.approx(2500.75 + 300.50)
    assert [r.day for r in rows] == [dt.date(2026, 11, 2), dt.date(2026, 11, 3)]
    assert "CPM (kosten per 1.000 weergaven) (EUR)" in result.ignored


def test_meta_platform_defaults(tmp_path: Path) -> None:
    data = fx.write(tmp_path, "meta-nl.csv", fx.META_NL, encoding="utf-8-sig")
    assert {r.platform for r in parse_file(data).rows} == {"facebook"}
    chosen = parse_file(data, default_platform="Instagram")
    assert {r.platform for r in chosen.rows} == {"instagram"}


def test_meta_placement_is_the_platform(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "placement.csv", fx.META_PLACEMENT))
    assert result.problems == [] and result.currency == "USD"
    by_platform = {r.platform: r.counters for r in result.rows}
    assert by_platform == {
        "facebook": {"impressions": 100, "clicks": 5, "spend": 1.50},
        "instagram": {"impressions": 200, "clicks": 7, "spend": 2.50},
    }


def test_meta_placements_beside_platform_are_summed(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "both.csv", fx.META_PLATFORM_PLACEMENT))
    assert result.problems == []
    by_platform = {r.platform: r.counters for r in result.rows}
    assert by_platform["facebook"]["impressions"] == 100 + 40
    assert by_platform["facebook"]["clicks"] == 5 + 1
    assert by_platform["facebook"]["spend"] == pytest.approx(1.50 + 0.50)
    assert by_platform["instagram"] == {"impressions": 200, "clicks": 7, "spend": 2.50}


def test_meta_period_totals_stay_one_row(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "period.csv", fx.META_PERIOD))
    assert result.problems == [] and result.period_totals == 1
    first, second = result.rows
    assert (first.day, first.day_end) == (NOV, dt.date(2026, 11, 30))
    assert first.counters == {"impressions": 30000, "spend": 450.0}
    assert (second.day, second.day_end) == (NOV, None)
    assert first.currency == second.currency == "EUR"


def test_meta_results_follow_the_result_indicator(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "leads.csv", fx.META_LEADS))
    assert result.problems == []
    by_campaign = {r.campaign: r.counters for r in result.rows}
    assert by_campaign["leadgen-nl"] == {"leads": 12, "spend": 30.0}
    assert by_campaign["sales"] == {"conversions": 3, "spend": 20.0}
    assert by_campaign["traffic"] == {"spend": 10.0}  # link clicks are not conversions
    assert by_campaign["formulier"] == {"leads": 5, "spend": 10.0}
    assert "Results (actions:link_click)" in result.ignored


def test_linkedin_with_title_lines(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "linkedin.csv", fx.LINKEDIN))
    assert (result.format, result.problems, result.header_line) == ("linkedin", [], 8)
    rows = list(result.rows)
    assert [r.line for r in rows] == [9, 10]
    assert [r.day for r in rows] == [dt.date(2026, 11, 2), dt.date(2026, 11, 13)]  # M/D/Y
    assert {(r.campaign, r.platform) for r in rows} == {("b2b-webinar", "linkedin")}
    assert total(rows, "spend") == pytest.approx(120.50 + 79.50)
    assert total(rows, "impressions") == 5000 + 3000
    assert total(rows, "clicks") == 40 + 25
    assert total(rows, "conversions") == 2 + 1
    assert total(rows, "leads") == 6 + 3
    assert total(rows, "likes") == 30 + 20
    assert total(rows, "comments") == 4 + 1
    assert total(rows, "shares") == 3 + 0
    assert total(rows, "followers_gained") == 2 + 1
    assert result.currency == "EUR"
    assert "Average CTR" in result.ignored and "Campaign ID" in result.ignored


def test_google_ads_title_lines_and_total_rows(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "google.csv", fx.GOOGLE_ADS))
    assert (result.format, result.problems, result.header_line) == ("google_ads", [], 3)
    rows = list(result.rows)
    assert len(rows) == 2 and result.skipped == {"total_row": 2}
    assert {r.platform for r in rows} == {"google"}
    assert total(rows, "impressions") == 1500 + 900
    assert total(rows, "clicks") == 120 + 80
    assert total(rows, "spend") == pytest.approx(30.00 + 20.00)
    assert total(rows, "conversions") == 4 + 2
    assert total(rows, "revenue") == pytest.approx(400.00 + 150.00)
    assert result.currency == "EUR"
    assert {"CTR", "Avg. CPC", "Cost / conv."} <= set(result.ignored)


def test_google_ads_without_day_is_a_period_total(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "google.csv", fx.GOOGLE_ADS_NO_DAY))
    assert result.problems == [] and result.period_totals == 1
    (row,) = result.rows
    assert (row.day, row.day_end) == (NOV, dt.date(2026, 11, 30))
    assert row.counters == {"impressions": 2400, "clicks": 200, "spend": 50.0}


def test_ga4_comments_and_campaignless_traffic(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "ga4.csv", fx.GA4))
    assert (result.format, result.problems) == ("ga4", [])
    rows = list(result.rows)
    # (direct) and (not set) are no campaigns; the blank line and comment after the table
    assert result.skipped == {"not_campaign": 2, "blank": 1, "comment": 1}
    assert {(r.campaign, r.platform) for r in rows} == {("zomer-actie-2026", "web")}
    assert [r.day for r in rows] == [dt.date(2026, 11, 2), dt.date(2026, 11, 3)]
    assert total(rows, "conversions") == 12 + 8
    assert total(rows, "revenue") == pytest.approx(480.00 + 320.50)
    assert reported(rows, "clicks") == [False, False]  # sessions are not clicks
    assert "Sessions" in result.ignored


def test_ga4_sessions_as_clicks_only_by_alias(tmp_path: Path) -> None:
    data = fx.write(tmp_path, "ga4.csv", fx.GA4)
    result = parse_file(data, aliases={"Sessions": "clicks"})
    assert total(result.rows, "clicks") == 300 + 250


def test_ga4_without_date_uses_the_commented_period(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "ga4.csv", fx.GA4_NO_DATE))
    assert result.problems == [] and result.period_totals == 1
    (row,) = result.rows
    assert (row.day, row.day_end) == (NOV, dt.date(2026, 11, 30))
    assert row.counters == {"conversions": 20, "revenue": 800.50}


def test_canonical(tmp_path: Path) -> None:
    result = parse_file(fx.write(tmp_path, "kpibot.csv", fx.CANONICAL))
    assert (result.format, result.problems) == ("canonical", [])
    rows = list(result.rows)
    assert {r.platform for r in rows} == {"facebook", "instagram"}
    assert total(rows, "impressions") == 100 + 200
    assert total(rows, "spend") == pytest.approx(1.50 + 2.25)


def test_canonical_through_aliases(tmp_path: Path) -> None:
    text = "Datum;Campagne;Kanaal;Kosten\n2-11-2026;Zomer Actie 2026;Facebook;1.234,50\n"
    aliases = {"Datum": "date", "Campagne": "campaign", "Kanaal": "platform", "Kosten": "spend"}
    result = parse_file(fx.write(tmp_path, "eigen.csv", text), aliases=aliases)
    assert (result.format, result.problems) == ("canonical", [])
    (row,) = result.rows
    assert (row.campaign, row.day, row.platform) == ("zomer-actie-2026", dt.date(2026, 11, 2),
                                                      "facebook")  # fmt: skip
    assert row.counters == {"spend": 1234.50}


def test_same_campaign_slug_from_every_format(tmp_path: Path) -> None:
    slugs = {
        r.campaign
        for text in (fx.META_EN, fx.GA4, fx.CANONICAL)
        for r in parse_file(fx.write(tmp_path, "f.csv", text)).rows
        if "zomer" in r.campaign
    }
    assert slugs == {"zomer-actie-2026"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (fx.META_EN, "meta"),
        (fx.META_NL, "meta"),
        (fx.LINKEDIN, "linkedin"),
        (fx.GOOGLE_ADS, "google_ads"),
        (fx.GA4, "ga4"),
        (fx.CANONICAL, "canonical"),
        ("what,ever\n1,2\n", None),
    ],
)
def test_detect(text: str, name: str | None) -> None:
    assert detect(text.encode()) == name


def test_format_overrides_detection() -> None:
    # A header every format could read as its own "Day" and "Campaign": forced to Google Ads.
    data = b"Day,Campaign,Clicks\n2026-11-02,Brand,5\n"
    assert parse_file(data, format="google_ads").rows[0].platform == "google"


def test_utf16_tab_separated_google_ads(tmp_path: Path) -> None:
    text = fx.GOOGLE_ADS.replace('"1,500"', "1500").replace('"2,400"', "2400")
    data = fx.write(tmp_path, "g.csv", text.replace(",", "\t"), encoding="utf-16")
    assert data[:2] == b"\xff\xfe"
    result = parse_file(data)
    assert (result.format, result.problems, result.delimiter) == ("google_ads", [], "\t")
    assert total(result.rows, "impressions") == 1500 + 900


def test_progress_is_called_with_growing_line_numbers() -> None:
    lines = ["Day,Campaign name,Impressions"]
    lines += [f"2026-11-02,Campagne {i},{i}" for i in range(25_000)]
    seen: list[int] = []
    result = parse_file(("\n".join(lines) + "\n").encode(), progress=seen.append)
    assert len(result.rows) == 25_000
    assert len(seen) >= 2 and seen == sorted(seen) and seen[-1] <= 25_001
