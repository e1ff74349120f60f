"""Issue 11 over HTTP: the real `kpibot serve`, signed slash commands, replies read from the
fake Slack's response_url. Expected numbers are summed here from the rows imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_slash_commands import ask, imported, write_csv  # noqa: F401  (fixture)


def spend(rows: list[dict], first: str, last: str) -> float:
    return sum(
        float(r["spend"])
        for r in rows
        if r["campaign"] == "campaign-x" and first <= r["date"] <= last
    )


def test_a_period_ending_today_is_compared_like_for_like_and_says_worse(
    imported: list[dict],  # noqa: F811
    server: Server,
    slack: FakeSlack,
) -> None:
    # today is 30 Nov, metrics run through 29 Nov: 24–29 Nov against the six days before
    now, before = (
        spend(imported, "2026-11-24", "2026-11-29"),
        spend(imported, "2026-11-18", "2026-11-23"),
    )
    change = (now - before) / before * 100
    _, text = ask(server, slack, "spend campaign-x 7d")
    assert f"€{now:,.2f}" in text
    assert f"▲ {change:.1f} % — worse: 24–29 Nov against 18–23 Nov" in text
    assert "Metrics through 29 Nov 2026" in text
    ask(server, slack, "settings locale nl")
    _, text = ask(server, slack, "uitgaven campaign-x 7d")
    assert (
        f"▲ {change:.1f} % — slechter: 24–29 nov. t.o.v. 18–23 nov.".replace(
            f"{change:.1f}", f"{change:.1f}".replace(".", ",")
        )
        in text
    )


def test_an_unknown_kpi_suggests_names_and_formatting_is_no_part_of_a_name(
    imported: list[dict],  # noqa: F811
    server: Server,
    slack: FakeSlack,
) -> None:
    _, text = ask(server, slack, "engagment campaign-x")
    assert "Did you mean: engagement_rate, engagements" in text and "{" not in text
    for typed in ("roi *campaign-x*", "roi `campaign-x`", "roi #campaign-x"):
        _, text = ask(server, slack, typed + " last week")
        assert "There is no campaign" not in text, typed
        assert "campaign-x · 23–29 Nov" in text, typed


def test_a_quarter_without_data_shows_no_formula_of_nothing(
    imported: list[dict],  # noqa: F811
    server: Server,
    slack: FakeSlack,
) -> None:
    _, text = ask(server, slack, "roi campaign-x 2026-Q3")
    assert "No data in this period." in text and "n/a" not in text
    assert "yet" not in text  # the quarter is over


def test_an_unknown_campaign_names_the_command_typed_with_the_closest_name(
    imported: list[dict],  # noqa: F811
    server: Server,
    slack: FakeSlack,
) -> None:
    for typed, meant in (
        ("campaign rename campagin-x campaign-q", "campaign rename campaign-x campaign-q"),
        ("target campagin-x ctr >= 3 by 2026-12-31", "target campaign-x ctr >= 3 by 2026-12-31"),
        ("cost campagin-x 100 agency", "cost campaign-x 100 agency"),
    ):
        _, text = ask(server, slack, typed)
        assert "There is no campaign “campagin-x”" in text, typed
        assert f"Did you mean `/kpi {meant}`?" in text, text
        assert "/kpi roi" not in text, typed


def test_a_reports_change_and_metrics_notes_are_lines_of_their_own(
    imported: list[dict],  # noqa: F811
    server: Server,
    slack: FakeSlack,
) -> None:
    body, _ = ask(server, slack, "report campaign-x 7d")
    notes = [b for b in body["blocks"] if b["type"] == "context"][0]["elements"]
    # 7d on 30 Nov with metrics through 29 Nov: 24–29 Nov against the six days before
    assert [e["text"] for e in notes] == [
        "Change: 24–29 Nov against 18–23 Nov (the same number of days)"
        "\nMetrics through 29 Nov 2026; costs through today."
    ]


def test_a_digest_compares_a_campaign_whose_metrics_stop_midweek_like_for_like(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    # campaign-x through Sunday 29 Nov, campaign-y only through Wednesday 25 Nov; ad spend
    # is €(day of month) a day, so the sums are easy by hand
    data = []
    day = dt.date(2026, 11, 2)
    while day <= dt.date(2026, 11, 29):
        for campaign in ("campaign-x", "campaign-y"):
            if campaign == "campaign-y" and day > dt.date(2026, 11, 25):
                continue
            data.append(
                {
                    "date": day.isoformat(),
                    "campaign": campaign,
                    "platform": "facebook",
                    "impressions": 1000,
                    "clicks": 20,
                    "spend": f"{day.day:.2f}",
                }
            )
        day += dt.timedelta(days=1)
    run_cli(env, "import", str(write_csv(tmp_path / "m.csv", data)), "--team", "T000TEAM1")
    _, text = ask(server, slack, "digest preview")
    y = text[text.rindex("*campaign-y*") :]
    # campaign-y: 23–25 Nov €23+€24+€25 = 72 against 16–18 Nov €16+€17+€18 = 51: +41.2 %
    # (against the whole week before, €16+…+€22 = 133, it would read ▼ 45.9 %)
    assert "Ad spend: *€72.00* ▲ 41.2 % — worse" in y.replace("  ", " "), y
    assert (
        "campaign-y: metrics through 25 Nov 2026, so 23–25 Nov is compared with 16–18 Nov"
    ) in text
    assert "45.9" not in text
