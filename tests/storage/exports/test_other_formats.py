"""LinkedIn, Google Ads, GA4, the canonical CSV, aliases, UTF-16 and --format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storage.exports import AliasError, load_aliases, parse_file
from storage.exports.canonical import parse_canonical

LINKEDIN = (
    "Campaign Performance Report (in UTC)\n"
    '"Report Start: 11/1/2026, 12:00 AM"\n'
    '"Report End: 11/30/2026, 11:59 PM"\n'
    "Account Name: Acme BV\n"
    "\n"
    "Start Date (in UTC),Account Name,Campaign Group Name,Campaign Name,Campaign ID,Currency,"
    "Total Budget,Impressions,Clicks,Average CTR,Total Spent,Average CPM,Reactions,Comments,"
    "Shares,Follows,Conversions,Leads,Cost per Lead\n"
    "11/2/2026,Acme BV,Q4,B2B Leads Q4,123,EUR,5000,2000,30,1.5%,85.40,42.70,12,3,2,1,1,4,21.35\n"
    "11/13/2026,Acme BV,Q4,B2B Leads Q4,123,EUR,5000,1500,20,1.33%,60.10,40.07,8,0,1,0,0,2,30.05\n"
)

GOOGLE_ADS = (
    "Campaign performance report\n"
    '"November 2, 2026 - November 3, 2026"\n'
    "Campaign,Day,Currency code,Campaign status,Impr.,Clicks,CTR,Avg. CPC,Cost,Conversions,"
    "Conv. value,Cost / conv.\n"
    'Zomer Actie 2026,2026-11-02,EUR,Enabled,"1,500",60,4.00%,0.50,30.00,2.50,120.00,12.00\n'
    "Zomer Actie 2026,2026-11-03,EUR,Enabled,900,30,3.33%,0.60,18.00,1.00,--,18.00\n"
    'Total: Account,--,EUR,--,"2,400",90,3.75%,0.53,48.00,3.50,120.00,13.71\n'
    'Total: Campaigns,--,EUR,--,"2,400",90,3.75%,0.53,48.00,3.50,120.00,13.71\n'
)

GA4 = (
    "# ----------------------------------------\n"
    "# Traffic acquisition: Session campaign\n"
    "# Account: Acme\n"
    "# Property: acme.nl\n"
    "# ----------------------------------------\n"
    "#\n"
    "# Start date: 20261101\n"
    "# End date: 20261130\n"
    "Session campaign,Sessions,Engaged sessions,Engagement rate,Key events,Total revenue\n"
    "zomer_actie_2026,1200,800,0.6667,30,1500.50\n"
    "(direct),5000,2500,0.5,100,9000\n"
    "black_friday,400,300,0.75,12,640\n"
    "(not set),20,5,0.25,0,0\n"
)


def total(rows, name):  # type: ignore[no-untyped-def]
    return sum(r.counters.get(name, 0) for r in rows)


def test_linkedin_with_title_lines_us_dates_and_a_currency_column() -> None:
    result = parse_file(LINKEDIN.encode())
    assert result.problems == [] and result.format == "linkedin"
    assert result.currency == "EUR"
    assert [r.day for r in result.rows] == [dt.date(2026, 11, 2), dt.date(2026, 11, 13)]
    assert [r.line for r in result.rows] == [7, 8]  # title lines counted
    assert {r.platform for r in result.rows} == {"linkedin"}
    assert total(result.rows, "impressions") == 2000 + 1500
    assert round(total(result.rows, "spend"), 2) == round(85.40 + 60.10, 2)
    assert total(result.rows, "likes") == 12 + 8  # reactions
    assert total(result.rows, "followers_gained") == 1
    assert total(result.rows, "leads") == 4 + 2
    assert "Average CTR" in result.ignored and "Cost per Lead" in result.ignored


def test_google_ads_title_lines_total_rows_skipped_and_fractional_conversions() -> None:
    result = parse_file(GOOGLE_ADS.encode())
    assert result.problems == [] and result.format == "google_ads"
    assert result.skipped == {"total_row": 2}
    assert len(result.rows) == 2 and result.currency == "EUR"
    first, second = result.rows
    assert first.platform == "google" and first.campaign == "zomer-actie-2026"
    assert first.counters == {
        "impressions": 1500,
        "clicks": 60,
        "conversions": 2.5,  # data-driven attribution: kept as reported, not rounded
        "revenue": 120.0,
        "spend": 30.0,
    }
    assert "revenue" not in second.counters  # `--`: not reported
    assert total(result.rows, "spend") == 30.00 + 18.00


def test_ga4_comments_give_the_period_and_sessions_on_web() -> None:
    result = parse_file(GA4.encode())
    assert result.problems == [] and result.format == "ga4"
    assert result.skipped == {"not_campaign": 2}
    assert result.period_totals == 2
    summer, friday = result.rows
    assert (summer.day, summer.day_end) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert summer.counters == {"sessions": 1200, "conversions": 30, "revenue": 1500.50}
    assert (summer.campaign, summer.platform, summer.line) == ("zomer-actie-2026", "web", 10)
    assert friday.counters["sessions"] == 400
    assert result.recognised["Sessions"] == "sessions"


def test_ga4_with_a_date_column_gives_daily_rows_and_platform_from_the_flag() -> None:
    data = (
        "# Start date: 20261101\nSession campaign,Date,Sessions,Key events\n"
        "zomer,20261102,10,1\nzomer,20261103,12,0\n"
    )
    result = parse_file(data.encode(), default_platform="website")
    assert [(r.day, r.day_end, r.platform) for r in result.rows] == [
        (dt.date(2026, 11, 2), None, "website"),
        (dt.date(2026, 11, 3), None, "website"),
    ]


def test_canonical_csv_reads_as_the_canonical_parser_reads_it() -> None:
    data = b"date,campaign,platform,impressions,spend\n2026-11-02,Campaign X,facebook,10,1.5\n"
    ours, theirs = parse_file(data), parse_canonical(data)
    assert ours.format == "canonical"
    assert list(ours.rows) == list(theirs.rows)


def test_aliases_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(
        '[aliases]\n"Kosten" = "spend"\n"Datum" = "date"\n"Actie" = "campaign"\n'
        '"Kanaal" = "platform"\n"Views" = "impressions"\n'
    )
    aliases = load_aliases(path)
    assert aliases == {
        "kosten": "spend",
        "datum": "date",
        "actie": "campaign",
        "kanaal": "platform",
        "views": "impressions",
    }
    data = "Datum;Actie;Kanaal;Views;Kosten\n2026-11-02;Zomer;tiktok;100;12,50\n"
    result = parse_file(data.encode(), aliases=aliases)
    assert result.problems == [], result.problems
    (row,) = result.rows
    assert (row.campaign, row.platform, dict(row.counters)) == (
        "zomer",
        "tiktok",
        {"impressions": 100, "spend": 12.5},
    )


def test_an_alias_to_an_unknown_field_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text('[aliases]\n"Kosten" = "costs"\n')
    with pytest.raises(AliasError, match="costs"):
        load_aliases(path)
    path.write_text('"Kosten" = "spend"\n')
    with pytest.raises(AliasError, match=r"\[aliases\]"):
        load_aliases(path)


def test_utf16_tab_separated_as_excel_saves_it() -> None:
    data = "Dag\tCampagnenaam\tWeergaven\tBesteed bedrag (EUR)\n2026-11-02\tActie\t1.500\t2,50\n"
    result = parse_file(data.encode("utf-16"))
    assert result.problems == []
    (row,) = result.rows
    assert row.counters == {"impressions": 1500, "spend": 2.5}


def test_format_flag_overrides_detection_and_names_what_it_needs() -> None:
    data = b"Date,Campaign,Clicks,Conversions\n2026-11-02,Zomer,10,1\n"
    detected, forced = parse_file(data), parse_file(data, format="ga4")
    assert (detected.format, detected.rows[0].platform) == ("google_ads", "google")
    assert (forced.format, forced.rows[0].platform) == ("ga4", "web")
    refused = parse_file(GA4.encode(), format="linkedin")
    (problem,) = refused.problems
    assert (problem.line, problem.reason_key) == (1, "import.error.format_header")
    unknown = parse_file(data, format="tiktok")
    assert unknown.problems[0].reason_key == "import.error.unknown_format"
