"""The `kpibot` console script as a user runs it."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import run_cli

CSV = """date,campaign,platform,impressions,reach,clicks,conversions,revenue,spend
2026-11-02,Campaign X,facebook,1000,800,40,2,150.00,20.00
2026-11-03,Campaign X,facebook,1200,900,35,1,80.00,25.50
2026-11-03,Campaign X,instagram,500,450,10,0,0,5.00
"""


def test_without_tokens_serve_says_what_to_set_and_where(env: dict[str, str]) -> None:
    bare = {k: v for k, v in env.items() if k not in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")}
    proc = run_cli(bare, "serve", "--http", check=False)
    assert proc.returncode == 2
    assert "SLACK_BOT_TOKEN" in proc.stderr and "SLACK_SIGNING_SECRET" in proc.stderr
    assert "OAuth & Permissions" in proc.stderr  # where to get it
    assert "Traceback" not in proc.stderr


def test_import_twice_doubles_nothing_and_ask_prints_the_slack_reply(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text(CSV)
    first = run_cli(env, "import", str(path), "--team", "T000TEAM1")
    assert "inserted: 3" in first.stdout and "updated: 0" in first.stdout
    second = run_cli(env, "import", str(path))  # one workspace known: --team may be left out
    assert "inserted: 0" in second.stdout and "updated: 0" in second.stdout
    assert "unchanged: 3" in second.stdout  # the same numbers again: reported apart

    revenue, cost = 150.00 + 80.00 + 0, 20.00 + 25.50 + 5.00
    roas = revenue / cost
    out = run_cli(env, "ask", "roas campaign-x").stdout
    assert f"{roas:.2f}" in out
    # to date runs from the first day with data through today (KPIBOT_TODAY 30 Nov), and
    # says how far the metrics reach
    assert "2–30 Nov" in out and "Metrics through 3 Nov 2026" in out
    assert "[Share in channel]" in out

    # the same reply as a Dutch reader gets it: decimal comma, Dutch month names and labels
    dutch = run_cli(env, "ask", "roas campaign-x", "--locale", "nl").stdout
    assert f"{roas:.2f}".replace(".", ",") in dutch and f"{roas:.2f}" not in dutch
    assert "2–30 nov." in dutch and "[Deel in kanaal]" in dutch


def test_a_bad_file_is_refused_whole_with_line_numbers(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        CSV
        + "2026-11-04,Campaign X,facebook,-3,1,1,0,0,1.00\n2026-11-31,Campaign X,x,1,1,1,0,0,1\n"
    )
    proc = run_cli(env, "import", str(path), "--team", "T000TEAM1", check=False)
    assert proc.returncode == 1
    assert "line 5" in proc.stdout and "impressions" in proc.stdout
    assert "line 6" in proc.stdout and "2026-11-31" in proc.stdout
    assert "Nothing was written" in proc.stdout
    listing = run_cli(env, "ask", "list", "--team", "T000TEAM1", check=False).stdout
    assert "campaign-x" not in listing


def test_dry_run_writes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text(CSV)
    out = run_cli(env, "import", str(path), "--team", "T000TEAM1", "--dry-run").stdout
    assert "inserted: 3" in out and "nothing was written" in out.lower()
    assert "no campaigns" in run_cli(env, "ask", "list", check=False).stdout


def test_demo_loads_numbers_and_answers(env: dict[str, str]) -> None:
    out = run_cli(env, "demo").stdout
    assert "Campaigns (2)" in out
    assert "ROI · summer-sale" in out and "n/a" not in out.split("$ /kpi roi")[1].split("$")[0]
    assert "Traceback" not in out


def test_serve_without_network_says_it_cannot_reach_slack(env: dict[str, str]) -> None:
    from tests.e2e.harness import free_port

    dead = f"http://127.0.0.1:{free_port()}/api/"  # nothing listens there
    proc = run_cli({**env, "SLACK_API_URL": dead}, "serve", "--http", "--port", "0", check=False)
    assert proc.returncode == 1
    assert f"can't reach Slack at {dead}" in proc.stderr
    assert "Traceback" not in proc.stderr and "URLError" not in proc.stderr
    assert "Configuration complete." not in proc.stdout  # `make run` prints it, once
    # the repository's manifest enables Socket Mode, and this serves HTTP: named at start
    assert "manifest.yml enables Socket Mode" in proc.stderr
    assert proc.stderr.count("can't reach Slack") == 1  # one line, no retry chatter


def test_a_target_set_from_the_terminal_needs_its_channel(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text(CSV)
    run_cli(env, "import", str(path), "--team", "T000TEAM1")
    target = "target campaign-x ctr >= 2% by 2026-12-31 over 2d"  # two days of data
    refused = run_cli(env, "ask", target, check=False)
    assert refused.returncode == 1 and "--channel C0123ABCD" in refused.stdout
    assert "No targets" in run_cli(env, "ask", "targets").stdout  # nothing stored
    saved = run_cli(env, "ask", target, "--channel", "C0TARGETS1").stdout
    assert "Target #1" in saved
    # CTR over the data: (40 + 35 + 10) / (1000 + 1200 + 500) = 3.15 %: checked at once
    listing = run_cli(env, "ask", "targets").stdout
    assert "now 3.1 %" in listing and "not checked yet" not in listing


def _channel(id_: str, name: str, archived: bool = False) -> dict:
    # a public channel as conversations.list lists it (fields kpibot does not read included)
    return {
        "id": id_,
        "name": name,
        "is_channel": True,
        "is_private": False,
        "is_archived": archived,
        "is_member": True,
        "num_members": 4,
    }


def test_a_target_from_the_terminal_finds_its_channel_by_name(
    env: dict[str, str], tmp_path: Path, slack: FakeSlack
) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text(CSV)
    run_cli(env, "import", str(path), "--team", "T000TEAM1")
    # pages of two: #marketing is on the second (the archived one of that name is left out)
    slack.channels = [
        _channel("C0GENERAL1", "general"),
        _channel("C0RANDOM01", "random"),
        _channel("C0OLDMKTG1", "marketing", archived=True),
        _channel("C0SALES001", "sales"),
        _channel("C0MARKET01", "marketing"),
    ]
    target = "target campaign-x ctr >= 2% by 2026-12-31 over 2d"
    saved = run_cli(env, "ask", target, "--channel", "#marketing")
    assert "Target #1" in saved.stdout and "not found" not in saved.stderr
    assert len(slack.of("conversations.list")) == 2
    # the check after saving posts nothing (3.15 % is on target); the target's channel is
    # the one found: its alerts go there
    listing = run_cli(env, "ask", "targets", "--channel", "marketing").stdout
    assert "now 3.1 %" in listing
    from sqlalchemy import create_engine, text

    with create_engine(env["KPIBOT_DATABASE_URL"]).connect() as db:
        assert db.execute(text("select channel_id from targets")).scalars().all() == ["C0MARKET01"]

    refused = run_cli(env, "ask", target, "--channel", "#nowhere", check=False)
    assert refused.returncode == 1
    assert "channel #nowhere not found: Slack has no public channel of that name" in (
        refused.stderr
    )
    assert "--channel C0123ABCD" in refused.stdout and "--channel marketing" in refused.stdout
    assert "Traceback" not in refused.stderr
