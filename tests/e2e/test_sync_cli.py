"""`kpibot connect|connections|sync|disconnect` as an operator runs them, against a loopback
Meta Graph API: the token read from a file or stdin (never an argument), stored sealed,
never printed; the sync's rows answer `kpibot ask`."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.e2e.harness import KPIBOT, run_cli
from tests.fake_meta import FakeMeta, error_body, item

ACT = "act_777"


@pytest.fixture
def meta() -> Iterator[FakeMeta]:
    fake = FakeMeta()
    fake.accounts[ACT] = {"name": "Shop & Co", "currency": "EUR",
                          "timezone_name": "Europe/Amsterdam"}  # fmt: skip
    fake.insights[ACT] = [
        item("42", "Black Friday", "2026-11-27", impressions=4000, reach=3000, spend="200.00",
             link_clicks=100, purchases=8, revenue="640.00"),
        item("42", "Black Friday", "2026-11-28", impressions=6000, reach=4500, spend="300.00",
             link_clicks=150, purchases=12, revenue="1080.00"),
    ]  # fmt: skip
    yield fake.start()
    fake.stop()


@pytest.fixture
def keyed(env: dict[str, str]) -> dict[str, str]:
    return {**env, "KPIBOT_SECRET_KEY": Fernet.generate_key().decode(),
            "KPIBOT_SYNC_BACKFILL_DAYS": "28"}  # fmt: skip


def test_connect_sync_and_ask(keyed: dict[str, str], meta: FakeMeta, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(meta.token + "\n")
    done = run_cli(keyed, "connect", "meta", "--team", "T000TEAM1", "--account", ACT,
                   "--token-file", str(token_file), "--api-url", meta.url)  # fmt: skip
    assert "Shop & Co" in done.stdout and "EUR" in done.stdout and "Europe/Amsterdam" in done.stdout
    # the insights hold one campaign (42, Black Friday): the campaigns edge lists it
    assert "Europe/Amsterdam · 1 campaign: Black Friday. The first sync" in done.stdout
    listed = run_cli(keyed, "connections", "--team", "T000TEAM1").stdout
    assert "Meta Shop & Co (act_777) · last sync: never" in listed
    db = Path(keyed["KPIBOT_DATABASE_URL"].removeprefix("sqlite:///")).read_bytes()
    assert meta.token.encode() not in db

    synced = run_cli(keyed, "sync", "--team", "T000TEAM1")
    assert "2 rows (inserted 2, updated 0, unchanged 0)" in synced.stdout
    assert meta.token not in synced.stdout + synced.stderr
    # CPA = spend / purchases = (200 + 300) / (8 + 12) = 25.00
    answer = run_cli(keyed, "ask", "cpa black-friday", "--team", "T000TEAM1").stdout
    assert "€25.00" in answer

    again = run_cli(keyed, "sync", "--team", "T000TEAM1", "--since", "2026-11-27")
    assert "2 rows (inserted 0, updated 0, unchanged 2)" in again.stdout
    asked = run_cli(keyed, "ask", "sync meta", "--team", "T000TEAM1").stdout
    assert "Synced Meta Shop & Co" in asked and "(inserted 0, updated 0, unchanged 2)" in asked
    gone = run_cli(keyed, "disconnect", "meta", ACT, "--team", "T000TEAM1").stdout
    assert "Disconnected Meta account act_777" in gone
    assert "No platform connected yet" in run_cli(keyed, "connections").stdout


def test_token_from_stdin_and_a_refusal_says_what_to_do(
    keyed: dict[str, str], meta: FakeMeta
) -> None:
    meta.queued.append((400, error_body(190, "Error validating access token: Session has "
                                             "expired"), {}))  # fmt: skip
    proc = subprocess.run(
        [KPIBOT, "connect", "meta", "--team", "T000TEAM1", "--account", ACT, "--token-file", "-",
         "--api-url", meta.url],
        input=meta.token, env=keyed, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "no longer accepts the token" in proc.stderr and "Traceback" not in proc.stderr
    assert meta.token not in proc.stderr


def test_without_a_secret_key_nothing_is_stored(env: dict[str, str], tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("EAAB-whatever")
    proc = run_cli(env, "connect", "meta", "--team", "T000TEAM1", "--account", ACT,
                   "--token-file", str(token_file), check=False)  # fmt: skip
    assert proc.returncode == 2
    assert "KPIBOT_SECRET_KEY is not set" in proc.stderr and "Fernet.generate_key" in proc.stderr


def test_google_ads_from_a_secrets_file(keyed: dict[str, str], tmp_path: Path) -> None:
    from tests.fake_google_ads import FakeGoogleAds, result
    from tests.storage.test_sync_google_ads import SECRETS

    google = FakeGoogleAds().start()
    try:
        row = result("111", "Search NL", "2026-11-28", impressions=5000, clicks=250,
                     cost_micros=125_000_000, conversions=2.5, value=300.0)  # fmt: skip
        google.results = [row]
        env = {**keyed, "KPIBOT_GOOGLE_TOKEN_URL": google.token_url}
        secrets = tmp_path / "google-ads.json"
        secrets.write_text(json.dumps(SECRETS))
        done = run_cli(env, "connect", "google-ads", "--team", "T000TEAM1", "--account",
                       "123-456-7890", "--secrets-file", str(secrets), "--api-url",
                       google.url)  # fmt: skip
        assert "Acme Search (1234567890)" in done.stdout and "last 30 days" in done.stdout
        synced = run_cli(env, "sync", "--platform", "google-ads").stdout
        assert "Synced Google Ads Acme Search" in synced and "(inserted 1, updated 0" in synced
        # CPA = 125.00 / 2.5 = 50.00
        assert "€50.00" in run_cli(env, "ask", "cpa search-nl").stdout
        missing = tmp_path / "partial.json"
        missing.write_text(json.dumps({"developer_token": "x"}))
        refused = run_cli(env, "connect", "google-ads", "--account", "123-456-7890",
                          "--secrets-file", str(missing), check=False)  # fmt: skip
        assert refused.returncode == 2
        assert "lack client_id, client_secret, refresh_token" in refused.stderr
    finally:
        google.stop()


def test_ga4_is_named_by_its_property_or_by_its_id_with_a_note(
    keyed: dict[str, str], tmp_path: Path
) -> None:
    from tests.fake_ga4 import FakeGa4, service_account

    ga4 = FakeGa4().start()
    try:
        key, ga4.public_key = service_account(ga4.token_url)
        key_file = tmp_path / "key.json"
        key_file.write_text(json.dumps(key))
        env = {**keyed, "KPIBOT_GA4_API_URL": ga4.url, "KPIBOT_GA4_ADMIN_API_URL": ga4.url}
        done = run_cli(env, "connect", "ga4", "--team", "T000TEAM1", "--account", "412345678",
                       "--secrets-file", str(key_file)).stdout  # fmt: skip
        assert "Connected GA4 account Acme webshop (412345678) · currency EUR" in done
        assert "· campaigns appear after the first sync." in done
        assert "could not be read" not in done
        ga4.admin_refused = True
        again = run_cli(env, "connect", "ga4", "--team", "T000TEAM1", "--account", "412345678",
                        "--secrets-file", str(key_file)).stdout  # fmt: skip
        assert "Connected GA4 account property 412345678 (412345678)" in again
        assert "Admin API refused the service account" in again and "Viewer role" in again
        listed = run_cli(env, "connections", "--team", "T000TEAM1").stdout
        assert "GA4 property 412345678 (412345678)" in listed
    finally:
        ga4.stop()


GA4_FILE = (
    "# Start date: 20261101\n# End date: 20261130\n"
    "Session campaign,Sessions,Key events,Total revenue\n"
    "zomer_actie_2026,1200,30,1500.50\n(direct),5000,100,9000\n"
)


def test_ga4_sessions_are_sessions_not_clicks(keyed: dict[str, str], tmp_path: Path) -> None:
    from tests.fake_ga4 import FakeGa4, row, service_account

    # The same campaign's ads in Google Ads (clicks) and its visits in a GA4 file.
    ads = tmp_path / "ads.csv"
    ads.write_text(
        "date,campaign,platform,clicks,spend\n2026-11-10,Zomer actie 2026,google,90,45\n"
    )
    ga4_file = tmp_path / "ga4.csv"
    ga4_file.write_text(GA4_FILE)
    run_cli(keyed, "import", str(ads), "--team", "T000TEAM1")
    run_cli(keyed, "import", str(ga4_file), "--team", "T000TEAM1")
    report = run_cli(keyed, "ask", "report zomer-actie-2026 this month").stdout
    # November: 1200 sessions (GA4), 90 clicks (Google Ads only: not 90 + 1200 = 1290).
    assert "Sessions  1,200" in report and "Clicks  90" in report
    from kpi.i18n import t

    assert t("kpi.sessions.label", "nl") == "Sessies" and t("term.sessions", "nl") == "sessies"
    ga4 = FakeGa4().start()
    try:
        key, ga4.public_key = service_account(ga4.token_url)
        ga4.rows = [row("2026-11-28", "c-9", "Black Friday", 420, 12.0, 980.5),
                    row("2026-11-29", "c-9", "Black Friday", 380, 9.5, 700.0)]  # fmt: skip
        key_file = tmp_path / "key.json"
        key_file.write_text(json.dumps(key))
        env = {**keyed, "KPIBOT_GA4_API_URL": ga4.url}
        run_cli(env, "connect", "ga4", "--team", "T000TEAM1", "--account", "412345678",
                "--secrets-file", str(key_file))  # fmt: skip
        run_cli(env, "sync", "--team", "T000TEAM1")
        # 420 + 380 = 800 sessions, no clicks at all
        synced = run_cli(env, "ask", "report black-friday last 7 days").stdout
        assert "Sessions  800" in synced and "Clicks" not in synced.split("Not in the data")[0]
    finally:
        ga4.stop()


def test_the_list_shows_when_the_token_expires(
    keyed: dict[str, str], meta: FakeMeta, tmp_path: Path
) -> None:
    """Meta's debug_token says 12 Dec 2026 12:00 UTC (13:00 in Amsterdam, the workspace's
    zone): `kpibot connections` and `/kpi connections` (through `kpibot ask`) say so; a sync
    after the token was extended to 0 (never) drops it."""
    import datetime as dt

    meta.expires_at = int(dt.datetime(2026, 12, 12, 12, 0, tzinfo=dt.UTC).timestamp())
    token_file = tmp_path / "token"
    token_file.write_text(meta.token)
    run_cli(keyed, "connect", "meta", "--team", "T000TEAM1", "--account", ACT,
            "--token-file", str(token_file), "--api-url", meta.url)  # fmt: skip
    assert meta.calls("/debug_token")[0].query == {"input_token": meta.token}
    listed = run_cli(keyed, "connections", "--team", "T000TEAM1").stdout
    assert "(act_777) · last sync: never · next: " in listed
    assert listed.rstrip().endswith("· token expires 12 Dec 2026")
    asked = run_cli(keyed, "ask", "koppelingen", "--team", "T000TEAM1").stdout
    assert "token expires 12 Dec 2026" in asked
    meta.expires_at = 0
    run_cli(keyed, "sync", "--team", "T000TEAM1")
    assert "token expires" not in run_cli(keyed, "connections", "--team", "T000TEAM1").stdout


def test_linkedin_with_a_refresh_token_from_a_secrets_file(
    keyed: dict[str, str], tmp_path: Path
) -> None:
    """The refresh token is traded at the token URL of KPIBOT_LINKEDIN_TOKEN_URL; it has
    20 days left, so the list names the day 20 days from now (in Amsterdam, the workspace's
    zone); a partial set of the refresh secrets is refused, naming what is missing."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from tests.fake_linkedin import FakeLinkedIn

    linkedin = FakeLinkedIn().start()
    try:
        linkedin.refresh_expires_in = 20 * 86_400
        env = {**keyed, "KPIBOT_LINKEDIN_API_URL": linkedin.url,
               "KPIBOT_LINKEDIN_TOKEN_URL": f"{linkedin.url}/oauth/v2/accessToken"}  # fmt: skip
        secrets = tmp_path / "linkedin.json"
        secrets.write_text(json.dumps({"token": "AQV-old", "refresh_token": "AQX-refresh",
                                       "client_id": "86-client",
                                       "client_secret": "app-secret"}))  # fmt: skip
        done = run_cli(env, "connect", "linkedin", "--team", "T000TEAM1", "--account",
                       "512345678", "--secrets-file", str(secrets))  # fmt: skip
        assert "Acme B2B (512345678)" in done.stdout and linkedin.refreshes == 1
        day = (dt.datetime.now(ZoneInfo("Europe/Amsterdam")) + dt.timedelta(days=20)).date()
        listed = run_cli(env, "connections", "--team", "T000TEAM1").stdout
        assert f"token expires {day.day} {day:%b %Y}" in listed
        assert "app-secret" not in listed + done.stdout + done.stderr
        partial = tmp_path / "partial.json"
        partial.write_text(json.dumps({"token": "AQV-old", "refresh_token": "AQX-refresh"}))
        refused = run_cli(env, "connect", "linkedin", "--account", "512345678",
                          "--secrets-file", str(partial), check=False)  # fmt: skip
        assert refused.returncode == 2
        assert "give refresh_token but lack client_id, client_secret" in refused.stderr
    finally:
        linkedin.stop()
