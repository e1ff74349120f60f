"""Competitors through the real `kpibot serve`: a competitor CSV shared in a channel is
noted with the report in its thread (Slack's file host, signed event), `kpibot ask
competitors` lists it, and `kpibot import-competitors` refuses a bad file whole."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli
from tests.e2e.test_import_e2e import TEAM, posted_in_thread, share

CSV = (
    b"concurrent;platform;datum;volgers;engagement;berichten\n"
    b"Bakkerij Jansen;Instagram;17-11-2026;12.000;2,9%;4\n"
    b"Bakkerij Jansen;Instagram;24-11-2026;12.400;3,1%;5\n"
)


def test_a_shared_competitor_csv_round_trip(
    server: Server, slack: FakeSlack, env: dict[str, str], tmp_path: Path
) -> None:
    status, ts = share(server, slack, "concurrenten.csv", CSV)
    assert status == 200
    report = posted_in_thread(slack, 1, ts)
    assert "concurrenten.csv: 2 observations of 1 competitors noted (2 new" in report
    listing = run_cli(env, "ask", "competitors", "--team", TEAM).stdout
    assert "Bakkerij Jansen · 2 observations" in listing
    assert "Instagram, 24 Nov 2026: 12,400 followers · engagement rate 3.1 % · 5 posts" in listing
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"competitor,platform,date,followers\nAcme,linkedin,2026-11-24,lots\n")
    refused = run_cli(env, "import-competitors", str(bad), "--team", TEAM, check=False)
    assert refused.returncode == 1 and "line 2, followers: followers lots" in refused.stdout
    assert "Acme" not in run_cli(env, "ask", "competitors", "--team", TEAM).stdout
