"""Importing real-looking exports: `kpibot import` of a Dutch Meta export, restated numbers,
a second currency, and a CSV shared in a Slack channel answered in the file's thread."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, run_cli, sign

TEAM = "T000TEAM1"
HEADER = (
    "Start rapportage;Einde rapportage;Naam campagne;Platform;Weergaven;Bereik;"
    "Klikken op links;Resultaten;Besteed bedrag (EUR);Conversiewaarde aankopen;"
    "CPM (kosten per 1.000 weergaven)"
)
ROWS = [
    "2026-11-02;2026-11-02;Zomer Actie 2026;facebook;1.200;900;40;2;24,00;150,00;20,00",
    "2026-11-02;2026-11-02;Zomer Actie 2026;instagram;800;700;25;1;16,50;80,00;20,63",
    "2026-11-03;2026-11-03;Zomer Actie 2026;facebook;1.000;850;30;1;20,25;75,00;20,25",
    "2026-11-01;2026-11-30;Zomer Actie 2026;instagram;30.000;12.000;600;20;450,00;1.600,00;15,00",
]


def meta_nl(rows: list[str], header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8-sig")  # Meta writes a BOM


def test_cli_imports_a_dutch_meta_export_and_reports_it(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "meta-nl.csv"
    path.write_bytes(meta_nl(ROWS))
    out = run_cli(env, "import", str(path), "--team", TEAM).stdout
    assert "Meta Ads Manager export" in out
    assert "inserted: 4" in out and "updated: 0" in out and "skipped: 0" in out
    assert "zomer-actie-2026" in out
    assert "Currency: EUR" in out
    assert "1 row(s) are totals over several days" in out
    assert "Besteed bedrag (EUR) → spend" in out
    assert "Columns ignored: CPM (kosten per 1.000 weergaven)" in out

    # ROAS = revenue / spend over every row, the period total included, by hand:
    revenue = 150.00 + 80.00 + 75.00 + 1600.00
    spend = 24.00 + 16.50 + 20.25 + 450.00
    answer = run_cli(env, "ask", 'roas "Zomer Actie 2026"', "--team", TEAM).stdout
    assert f"{revenue / spend:.2f}" in answer  # `/kpi` takes the name as well as the slug


def test_reimport_of_restated_numbers_updates_and_never_doubles(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "meta-nl.csv"
    path.write_bytes(meta_nl(ROWS[:2]))
    run_cli(env, "import", str(path), "--team", TEAM)
    restated = [ROWS[0].replace(";24,00;", ";30,00;"), ROWS[1]]  # Meta restated a day's spend
    path.write_bytes(meta_nl(restated))
    out = run_cli(env, "import", str(path), "--team", TEAM).stdout
    assert "inserted: 0" in out and "updated: 1" in out and "unchanged: 1" in out
    answer = run_cli(env, "ask", "spend zomer-actie-2026", "--team", TEAM).stdout
    assert "46.50" in answer  # 30.00 + 16.50, not 24.00 + 30.00 + 16.50 + 16.50


def test_a_second_currency_for_a_campaign_is_refused_and_nothing_written(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "eur.csv"
    path.write_bytes(meta_nl(ROWS[:1]))
    run_cli(env, "import", str(path), "--team", TEAM)
    usd = tmp_path / "usd.csv"
    usd.write_bytes(meta_nl([ROWS[2]], HEADER.replace("(EUR)", "(USD)")))
    proc = run_cli(env, "import", str(usd), "--team", TEAM, check=False)
    assert proc.returncode == 1
    assert "zomer-actie-2026 is kept in EUR, but this file is in USD" in proc.stdout
    assert "Nothing was written" in proc.stdout
    answer = run_cli(env, "ask", "spend zomer-actie-2026", "--team", TEAM).stdout
    assert "24.00" in answer and "44.25" not in answer  # the USD row was not added


def test_refusal_lists_lines_and_the_aliases_flag_reads_own_headers(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(meta_nl([ROWS[0], ROWS[0].replace("1.200", "-3")]))
    proc = run_cli(env, "import", str(path), "--team", TEAM, check=False)
    assert proc.returncode == 1
    assert "line 3, column Weergaven" in proc.stdout and "can't be negative" in proc.stdout
    assert "Traceback" not in proc.stderr

    own = tmp_path / "own.csv"
    own.write_text("Datum;Actie;Kosten\n2026-11-02;Eigen Sheet;12,50\n")
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[aliases]\n"Datum" = "date"\n"Actie" = "campaign"\n"Kosten" = "spend"\n')
    out = run_cli(
        env, "import", str(own), "--team", TEAM, "--aliases", str(aliases), "--platform", "tiktok"
    ).stdout
    assert "inserted: 1" in out and "Kosten → spend" in out


def share(
    server: Server,
    slack: FakeSlack,
    name: str,
    content: bytes,
    size: int | None = None,
    filetype: str = "csv",
) -> tuple[int, str]:
    url = slack.host_file(name, content)
    ts = f"{time.time():.6f}"
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": TEAM,
            "api_app_id": "A000APP01",
            "event_id": f"Ev{ts.replace('.', '')}",
            "event_time": int(time.time()),
            "event": {
                "type": "message",
                "subtype": "file_share",
                "channel": "C000CHAN1",
                "user": "U000USER1",
                "ts": ts,
                "text": "",
                "channel_type": "channel",
                "files": [
                    {
                        "id": "F000FILE1",
                        "name": name,
                        "filetype": filetype,
                        "size": len(content) if size is None else size,
                        "url_private_download": url,
                    }
                ],
            },
        }
    ).encode()
    now = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": sign(body, now),
    }
    status, _, _ = server.post(body, headers)
    return status, ts


def posted_in_thread(slack: FakeSlack, count: int, ts: str) -> str:
    call = slack.wait_for("chat.postMessage", count, timeout=30)[count - 1]
    assert call.body.get("thread_ts") == ts and call.body.get("channel") == "C000CHAN1"
    return json.dumps(call.body.get("blocks"), ensure_ascii=False)


def test_a_csv_shared_in_slack_is_imported_with_the_report_in_its_thread(
    server: Server, slack: FakeSlack, env: dict[str, str]
) -> None:
    status, ts = share(server, slack, "meta-nl.csv", meta_nl(ROWS))
    assert status == 200
    report = posted_in_thread(slack, 1, ts)
    assert "Imported meta-nl.csv" in report and "inserted: *4*" in report
    assert "zomer-actie-2026" in report and "Currency: EUR" in report
    downloads = slack.of("download")
    assert downloads and downloads[0].headers.get("Authorization", "").startswith("Bearer xoxb-")
    listing = run_cli(env, "ask", "list", "--team", TEAM).stdout
    assert "zomer-actie-2026" in listing


def test_an_oversize_file_and_a_non_csv_are_refused_with_the_reason(
    server: Server, slack: FakeSlack
) -> None:
    status, ts = share(server, slack, "huge.csv", meta_nl(ROWS), size=30 * 1024 * 1024)
    assert status == 200
    report = posted_in_thread(slack, 1, ts)
    assert "huge.csv is 30.0 MB; files up to 20 MB can be imported" in report
    status, ts = share(server, slack, "report.xlsx", b"PK\x03\x04", filetype="xlsx")
    report = posted_in_thread(slack, 2, ts)
    assert "report.xlsx is not a CSV file" in report
    assert not slack.of("download")  # neither was downloaded
