"""`kpibot import` and `kpibot ask` on the export shapes platforms produce by default (the
files in tests/data/exports): Google Ads campaign reports without a Day column, Meta ad-level
and ad-set exports, GA4 by channel group, the kpibot CSV from Dutch Excel, and the refusals.
Expected figures are computed by hand from the fixture cells."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.harness import run_cli

TEAM = "T000TEAM1"
DATA = Path(__file__).parents[1] / "data" / "exports"


def imported(env: dict[str, str], name: str) -> str:
    proc = run_cli(env, "import", str(DATA / name), "--team", TEAM)
    assert "Traceback" not in proc.stderr
    return proc.stdout


def refused(env: dict[str, str], path: Path) -> str:
    proc = run_cli(env, "import", str(path), "--team", TEAM, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    return proc.stdout


def ask(env: dict[str, str], text: str) -> str:
    return run_cli(env, "ask", text, "--team", TEAM).stdout


def test_google_ads_default_report_and_its_fractional_conversions(env: dict[str, str]) -> None:
    out = imported(env, "google_ads_campaign_report.csv")
    assert "Google Ads campaign report" in out
    assert "inserted: 4" in out and "4 skipped: total or summary rows" in out
    assert "4 row(s) are totals over several days" in out
    assert "Currency: AUD" in out
    # CPA over data-driven conversions, exact: 2,079.58 / 8.17
    cpa = ask(env, "cpa pmax-winter-sale")
    assert f"{2079.58 / 8.17:,.2f}" in cpa and "conversions 8.17" in cpa
    # to date runs through today (30 Nov); the report's range ends where the metrics do
    assert "27 Jan – 30 Nov" in cpa and "Metrics through 23 Feb 2026" in cpa
    assert "45.82" in ask(env, "conversions all")  # 37.50 + 8.17 + 0.15 + 0.00

    again = imported(env, "google_ads_campaign_report.csv")
    assert "inserted: 0" in again and "updated: 0" in again and "unchanged: 4" in again


def test_google_ads_all_time_is_refused_saying_what_to_export(
    env: dict[str, str],
) -> None:
    out = refused(env, DATA / "google_ads_all_time.csv")
    assert "“All time”" in out and "Segment → Time → Day" in out


def test_meta_ad_level_export_summed_and_found_by_name_in_any_script(
    env: dict[str, str],
) -> None:
    out = imported(env, "meta_ad_level_en.csv")
    assert "13 ad rows summed into 6 campaign days" in out
    assert "Conversions from: Results (Result type)" in out
    assert "Revenue from: Purchases conversion value" in out
    assert "1 skipped: the header row repeated inside the file" in out
    assert "= conversions 11" in ask(env, "conversions winter-sale-au")  # 3+1+2 + 4+0+1
    assert "= leads 13" in ask(env, 'leads "Лиды Москва"')  # 5+2 + 6, found by its name
    assert "= leads 13" in ask(env, "leads лиды-москва")  # and by its slug
    traffic = ask(env, "conversions traffic-always-on")  # clicks and views are no sales
    assert "= conversions 11" not in traffic and "no conversions" in traffic


def test_meta_dutch_ad_set_export_read_in_dutch(env: dict[str, str]) -> None:
    out = imported(env, "meta_ad_set_nl.csv")
    assert "5 ad set rows summed into 4 campaign days" in out
    assert "Conversions from: Aankopen" in out
    run_cli(env, "ask", "settings language nl", "--team", TEAM)
    answer = ask(env, 'conversies "Voorjaar ✨ Ελλάδα"')
    assert "= conversies 16" in answer.lower()  # 7 + 1 + 3 + 5, from Aankopen
    assert "Facebook 13" in answer and "Instagram 3" in answer
    nl = imported(env, "meta_ad_set_nl.csv")
    assert "5 advertentiesetregels opgeteld tot 4 campagnedagen" in nl
    assert "ongewijzigd: 4" in nl


def test_meta_no_data_available(env: dict[str, str]) -> None:
    out = refused(env, DATA / "meta_no_data.csv")
    assert "this export holds no data for its period" in out


def test_ga4_by_channel_group(env: dict[str, str]) -> None:
    out = imported(env, "ga4_channel_group_padded.csv")
    assert "Each value of “Session default channel group” became a campaign" in out
    assert "2 skipped: comment lines" in out
    answer = ask(env, "conversions paid-search")
    assert "96.5" in answer and "25 Jun 2023 – 30 Nov 2026" in answer  # to date: to today
    assert "Metrics through 22 Jul 2023" in answer


def test_kpibot_csv_from_dutch_excel_and_an_unsettled_number(
    env: dict[str, str], tmp_path: Path
) -> None:
    out = imported(env, "kpibot_dutch_excel.csv")
    assert "inserted: 4" in out and "Columns ignored: notes" in out
    spend = ask(env, 'spend "Ψ Ελληνική Καμπάνια"')
    assert "99.99" in spend
    assert "1,271.25" in ask(env, "spend zomer-actie-2026")  # 12,5 + 1.250,75 + 8

    refusal = refused(env, DATA / "kpibot_unsettled.csv")
    assert "line 2, column spend: spend “1.500” could be 1500 or 1.5" in refusal

    future = tmp_path / "future.csv"
    future.write_text("date,campaign,platform,clicks\n2026-11-30,a,x,1\n2026-12-01,a,x,2\n")
    assert "line 3, column date: 2026-12-01 is after today (2026-11-30)" in refused(env, future)


def test_the_refusal_count_is_exact(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    lines = ["date,campaign,platform,clicks"]
    lines += [f"2026-11-{1 + i % 28:02d},c{i},facebook,-{i + 1}" for i in range(724)]
    path.write_text("\n".join(lines) + "\n")
    out = refused(env, path)
    assert "724 problem(s)" in out and "724 problems; the first 20 are listed." in out
    assert "• … and 704 more" in out
    assert "line 2, column clicks: clicks is -1" in out  # the cell as written
