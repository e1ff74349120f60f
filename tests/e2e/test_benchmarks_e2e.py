"""Benchmarks end to end: `/kpi benchmark` by a signed slash command to the real `kpibot
serve`, data imported with `kpibot import`, the reply read from the fake Slack's
response_url. campaign-x on 20 Nov 2026, Facebook: reach 1,000, likes 30, comments 5,
shares 2, clicks 4 → engagement rate 41 / 1,000 × 100 = 4.1 %."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_slash_commands import ask, write_csv

TEAM = "T000TEAM1"


def test_a_workspace_benchmark_set_by_slash_command_places_the_reply(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    row = {"date": "2026-11-20", "campaign": "campaign-x", "platform": "facebook",
           "reach": 1000, "likes": 30, "comments": 5, "shares": 2, "clicks": 4}  # fmt: skip
    run_cli(env, "import", str(write_csv(tmp_path / "m.csv", [row])), "--team", TEAM)

    _, text = ask(server, slack, "engagement campaign-x")
    assert "— yours 4.1 % is in the top quartile." in text  # built in: 1–5 %, top ≥ 3.5 %

    _, text = ask(server, slack, "benchmark engagement 5% on facebook")
    assert "Benchmark set: Engagement rate ≥ 5 % on Facebook" in text
    _, text = ask(server, slack, "engagement campaign-x on facebook")
    assert "Engagement rate ≥ 5 % (your benchmark) — yours 4.1 % falls short of it (worse)." in text

    _, text = ask(server, slack, "benchmark engagement 5% on")
    assert "/kpi benchmark engagement 2.5% on linkedin" in text  # refused with the example


def test_a_report_places_its_kpis_and_says_so_in_dutch(
    env: dict[str, str], tmp_path: Path, server: Server, slack: FakeSlack
) -> None:
    # campaign-x on 20 Nov 2026, Facebook only: engagement rate 41 / 1,000 = 4.1 % (top
    # quartile of 1–5 %); CTR 4 / 2,000 impressions = 0.20 % without spend: organic 0.5–2 %
    row = {"date": "2026-11-20", "campaign": "campaign-x", "platform": "facebook",
           "reach": 1000, "impressions": 2000, "likes": 30, "comments": 5, "shares": 2,
           "clicks": 4}  # fmt: skip
    run_cli(env, "import", str(write_csv(tmp_path / "m.csv", [row])), "--team", TEAM)

    _, text = ask(server, slack, "report campaign-x 2026-11-20")
    assert "*Engagement rate*  4.1 %  · top quartile of the typical 1–5 %" in text
    assert "*CTR*  0.20 %  · below the typical organic 0.5–2 % (worse)" in text
    assert "Benchmarks: industry rule of thumb (kpibot 2026)" in text

    ask(server, slack, "benchmark engagement 5% on facebook")  # the only platform's own
    ask(server, slack, "settings locale nl")
    _, text = ask(server, slack, "rapport campaign-x 2026-11-20")
    assert "*Engagementratio*  4,1 %  · haalt jullie benchmark ≥ 5 % niet (slechter)" in text
    assert "jullie eigen (`/kpi benchmark`)" in text
