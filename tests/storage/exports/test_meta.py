"""Meta Ads Manager exports, English and Dutch, checked against totals computed by hand."""

from __future__ import annotations

import datetime as dt

from storage.exports import parse_file

EN = (
    "Reporting starts,Reporting ends,Campaign name,Platform,Impressions,Reach,Frequency,"
    "Link clicks,Clicks (all),Results,Result indicator,Amount spent (USD),"
    'Purchase conversion value,"CPM (cost per 1,000 impressions)",CTR (all),Cost per result\n'
    '2026-11-02,2026-11-02,Zomer Actie 2026,facebook,"1,200",900,1.33,40,55,2,'
    'actions:offsite_conversion.fb_pixel_purchase,"1,020.50",150.00,12.00,4.58,10.25\n'
    "2026-11-02,2026-11-02,Zomer Actie 2026,instagram,800,700,1.14,25,31,3,actions:lead,"
    "20.25,,25.31,3.88,6.75\n"
    "2026-11-03,2026-11-03,Zomer Actie 2026,facebook,1000,850,1.18,30,41,1,"
    "actions:offsite_conversion.fb_pixel_purchase,30.00,80.00,30.00,4.10,30.00\n"
)

NL = (
    "Start rapportage;Einde rapportage;Naam campagne;Platform;Weergaven;Bereik;"
    "Klikken op links;Resultaten;Besteed bedrag (EUR);Conversiewaarde aankopen;"
    "CPM (kosten per 1.000 weergaven)\n"
    "2026-11-02;2026-11-02;Zomer Actie 2026;facebook;1.234;1.000;40;2;1.234,56;150,00;12,5\n"
    "2026-11-02;2026-11-02;Zomer Actie 2026;instagram;500;450;10;0;5,25;;10,5\n"
    "2026-11-03;2026-11-03;Black Friday;facebook;2.000;1.500;64;4;99,99;1.250,10;49,99\n"
)


def sums(rows, name):  # type: ignore[no-untyped-def]
    return sum(r.counters.get(name, 0) for r in rows)


def test_english_export_with_bom_quoted_thousands_and_derived_columns_ignored() -> None:
    result = parse_file(b"\xef\xbb\xbf" + EN.encode())
    assert result.problems == [] and result.format == "meta"
    assert result.currency == "USD"
    assert len(result.rows) == 3
    assert sums(result.rows, "impressions") == 1200 + 800 + 1000
    assert sums(result.rows, "clicks") == 40 + 25 + 30  # link clicks, not clicks (all)
    assert round(sums(result.rows, "spend"), 2) == round(1020.50 + 20.25 + 30.00, 2)
    assert sums(result.rows, "revenue") == 150.00 + 80.00
    assert sums(result.rows, "conversions") == 2 + 1  # the purchase rows
    assert sums(result.rows, "leads") == 3  # the lead row
    for derived in ("CPM (cost per 1,000 impressions)", "CTR (all)", "Cost per result"):
        assert derived in result.ignored
    assert "Clicks (all)" in result.ignored and "Frequency" in result.ignored
    imported = {k for r in result.rows for k in r.counters}
    assert imported == {
        "impressions",
        "reach",
        "clicks",
        "conversions",
        "leads",
        "spend",
        "revenue",
    }
    first = result.rows[0]
    assert (first.campaign, first.campaign_name, first.platform, first.day) == (
        "zomer-actie-2026",
        "Zomer Actie 2026",
        "facebook",
        dt.date(2026, 11, 2),
    )


def test_dutch_export_semicolons_decimal_commas_thousand_points_and_bom() -> None:
    result = parse_file(NL.encode("utf-8-sig"))
    assert result.problems == [] and result.format == "meta"
    assert result.currency == "EUR"
    assert sums(result.rows, "impressions") == 1234 + 500 + 2000
    assert sums(result.rows, "reach") == 1000 + 450 + 1500
    assert round(sums(result.rows, "spend"), 2) == round(1234.56 + 5.25 + 99.99, 2)
    assert round(sums(result.rows, "revenue"), 2) == round(150.00 + 1250.10, 2)
    # `Resultaten` without a result type may be clicks or views: never conversions.
    assert not any("conversions" in r.counters for r in result.rows)
    assert result.recognised["Resultaten"].startswith("not imported")
    assert "revenue" not in result.rows[1].counters  # an empty cell: not reported
    assert {r.campaign for r in result.rows} == {"zomer-actie-2026", "black-friday"}
    assert result.recognised["Besteed bedrag (EUR)"] == "spend"
    assert result.ignored == ["CPM (kosten per 1.000 weergaven)"]
    assert [r.line for r in result.rows] == [2, 3, 4]


def test_dutch_clicks_all_used_when_there_is_no_link_clicks_column() -> None:
    data = (
        "Dag;Campagnenaam;Vertoningen;Klikken (alle);Besteed bedrag (EUR)\n"
        "2026-11-02;Actie;100;7;1,50\n"
    )
    (row,) = parse_file(data.encode()).rows
    assert row.counters == {"impressions": 100, "clicks": 7, "spend": 1.5}
    assert row.platform == "meta"  # no platform breakdown: the campaign total on Meta


def test_placement_breakdown_rows_are_summed_per_platform() -> None:
    data = (
        "Reporting starts,Reporting ends,Campaign name,Platform,Placement,Impressions,"
        "Link clicks,Amount spent (EUR)\n"
        "2026-11-02,2026-11-02,Actie,facebook,Feed,1000,20,10.00\n"
        "2026-11-02,2026-11-02,Actie,facebook,Stories,300,5,2.50\n"
        "2026-11-02,2026-11-02,Actie,instagram,Feed,700,,7.00\n"
        "2026-11-02,2026-11-02,Actie,instagram,Reels,200,,1.25\n"
    )
    result = parse_file(data.encode())
    assert result.problems == []
    by_platform = {r.platform: dict(r.counters) for r in result.rows}
    assert by_platform == {
        "facebook": {"impressions": 1000 + 300, "clicks": 20 + 5, "spend": 10.00 + 2.50},
        "instagram": {"impressions": 700 + 200, "spend": 7.00 + 1.25},  # clicks not reported
    }
    assert result.recognised["Placement"] == "platform (placements summed)"


def test_placement_alone_names_the_platform() -> None:
    data = (
        "Day,Campaign name,Placement,Impressions\n"
        "2026-11-02,Actie,Instagram Stories,100\n2026-11-02,Actie,Instagram Reels,50\n"
        "2026-11-02,Actie,Facebook Feed,10\n"
    )
    rows = parse_file(data.encode()).rows
    assert {r.platform: r.counters["impressions"] for r in rows} == {
        "instagram": 100 + 50,
        "facebook": 10,
    }


def test_period_total_rows_stay_one_row_with_their_end_day() -> None:
    data = (
        "Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (EUR)\n"
        "2026-11-01,2026-11-30,Actie,30000,300.00\n"
        "2026-12-01,2026-12-01,Actie,1000,10.00\n"
    )
    result = parse_file(data.encode())
    assert result.problems == [] and result.period_totals == 1
    total, day = result.rows
    assert (total.day, total.day_end) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert total.counters == {"impressions": 30000, "spend": 300.0}  # not spread over days
    assert (day.day, day.day_end) == (dt.date(2026, 12, 1), None)
    assert total.currency == "EUR"


def test_meta_summary_row_without_campaign_is_skipped_as_a_total() -> None:
    data = (
        "Reporting starts,Reporting ends,Campaign name,Impressions\n"
        "2026-11-02,2026-11-02,,1500\n"
        "2026-11-02,2026-11-02,Actie,1500\n"
    )
    result = parse_file(data.encode())
    assert len(result.rows) == 1 and result.skipped == {"total_row": 1}


def test_reach_from_frequency_when_there_is_no_reach_column() -> None:
    data = "Day,Campaign name,Impressions,Frequency\n2026-11-02,Actie,1500,1.25\n"
    (row,) = parse_file(data.encode()).rows
    assert row.counters == {"impressions": 1500, "reach": 1200}  # 1500 / 1.25


def test_results_of_a_click_or_reach_campaign_are_not_conversions() -> None:
    data = (
        "Reporting starts,Reporting ends,Campaign name,Impressions,Results,Result indicator,"
        "Amount spent (EUR)\n"
        "2026-11-02,2026-11-02,Traffic,1000,40,actions:link_click,10.00\n"
        "2026-11-02,2026-11-02,Awareness,5000,3000,reach,20.00\n"
        "2026-11-02,2026-11-02,Sales,800,4,actions:offsite_conversion.fb_pixel_purchase,30.00\n"
    )
    result = parse_file(data.encode())
    assert result.problems == []
    by_campaign = {r.campaign: r.counters for r in result.rows}
    assert by_campaign["traffic"].get("conversions") is None
    assert by_campaign["awareness"].get("conversions") is None
    assert by_campaign["sales"]["conversions"] == 4
