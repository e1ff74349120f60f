"""Syncing from the platforms (issue 14): a backfill of N campaigns × D days per platform
from the loopback fakes (tests/fake_*.py) with `kpibot sync` as a user runs it, against
the floor of the same client fetching and mapping the same rows in this process without
storing them. Peak RSS is the `kpibot sync` process's own (wait4's ru_maxrss)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

TEAM = "TBENCHSYNC"
TODAY = dt.date(2026, 11, 30)
#: (campaigns, days); `python -m bench.run --small` shrinks it
SCALE = (200, 730)
KPIBOT = str(Path(sys.executable).parent / "kpibot")


def _days(days: int) -> list[str]:
    last = TODAY - dt.timedelta(days=1)
    return [(last - dt.timedelta(days=i)).isoformat() for i in range(days)][::-1]


def _meta(campaigns: int, days: int) -> tuple[Any, dict[str, str], dict[str, str], str]:
    from tests.fake_meta import FakeMeta, item

    fake = FakeMeta(page_size=500, polls_before_done=0)
    fake.accounts["act_1"] = {"name": "Bench", "currency": "EUR", "timezone_name": "UTC"}
    fake.insights["act_1"] = [
        item(str(1000 + c), f"Campaign {c}", d, impressions=1000 + c, reach=800, spend="12.34",
             link_clicks=40, purchases=2, revenue="99.00", reactions=5, video_views=30)
        for d in _days(days) for c in range(campaigns)
    ]  # fmt: skip
    fake.start()
    return fake, {"KPIBOT_META_API_URL": fake.url}, {"token": fake.token}, "act_1"


def _google(campaigns: int, days: int) -> tuple[Any, dict[str, str], dict[str, str], str]:
    from tests.fake_google_ads import FakeGoogleAds, result

    fake = FakeGoogleAds(batch_size=10_000)
    fake.results = [
        result(str(1000 + c), f"Campaign {c}", d, impressions=1000 + c, clicks=40,
               cost_micros=12_340_000, conversions=1.5, value=99.0)
        for d in _days(days) for c in range(campaigns)
    ]  # fmt: skip
    fake.start()
    env = {"KPIBOT_GOOGLE_ADS_API_URL": fake.url, "KPIBOT_GOOGLE_TOKEN_URL": fake.token_url}
    secrets = {"developer_token": fake.developer_token, "client_id": "c", "client_secret": "s",
               "refresh_token": fake.refresh_token}  # fmt: skip
    return fake, env, secrets, "123-456-7890"


def _linkedin(campaigns: int, days: int) -> tuple[Any, dict[str, str], dict[str, str], str]:
    from tests.fake_linkedin import FakeLinkedIn, element

    fake = FakeLinkedIn(campaign_page=1000)
    fake.campaigns = [{"id": 1000 + c, "name": f"Campaign {c}"} for c in range(campaigns)]
    fake.elements = [
        element(str(1000 + c), d, impressions=1000 + c, clicks=40, costInLocalCurrency="12.34",
                externalWebsiteConversions=2, oneClickLeads=1, reactions=5)
        for d in _days(days) for c in range(campaigns)
    ]  # fmt: skip
    fake.start()
    return fake, {"KPIBOT_LINKEDIN_API_URL": fake.url}, {"token": fake.token}, "512345678"


def _ga4(campaigns: int, days: int) -> tuple[Any, dict[str, str], dict[str, str], str]:
    from tests.fake_ga4 import FakeGa4, row, service_account

    fake = FakeGa4(page=10_000).start()
    key, fake.public_key = service_account(fake.token_url)
    fake.rows = [row(d, f"c-{c}", f"campaign_{c}", 100 + c, 2.0, 99.0)
                 for d in _days(days) for c in range(campaigns)]  # fmt: skip
    env = {"KPIBOT_GA4_API_URL": fake.url, "KPIBOT_GOOGLE_TOKEN_URL": fake.token_url}
    return fake, env, {"key": json.dumps(key)}, "412345678"


PLATFORMS = {"meta": _meta, "google-ads": _google, "linkedin": _linkedin, "ga4": _ga4}


def _floor(platform: str, env: dict[str, str], secrets: dict[str, str], account: str,
           days: int) -> tuple[int, float]:  # fmt: skip
    """The same client fetching and mapping every chunk, nothing stored, timed inside its
    own process (so it does not share this process's GIL with the fake)."""
    from bot.settings import Settings
    from bot.sync.runner import chunks
    from bot.sync.sources import make_source

    settings = Settings.from_env(env)
    source = make_source(settings, platform, account, secrets, sleep=lambda s: None)
    until = TODAY - dt.timedelta(days=1)
    started = time.perf_counter()
    rows = sum(
        len(source.fetch(a, b)) for a, b in chunks(until - dt.timedelta(days=days - 1), until)
    )
    return rows, time.perf_counter() - started


def _floor_apart(platform: str, env: dict[str, str], secret_file: Path, account: str,
                 days: int) -> tuple[int, float]:  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-m", "bench.sync_bench", "--floor", platform, account,
         str(secret_file), str(days)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows, seconds = proc.stdout.split()
    return int(rows), float(seconds)


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _run(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """(seconds, peak RSS MB, stdout) of one `kpibot` process. The peak is the process's
    VmHWM read until it exits (after exec, so not the forking bench's memory)."""
    started = time.perf_counter()
    proc = subprocess.Popen([KPIBOT, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _hwm_mb(proc.pid) or 0.0)
        time.sleep(0.05)
    assert proc.stdout is not None
    out = proc.stdout.read()
    if proc.returncode != 0:
        raise RuntimeError(f"kpibot {' '.join(args)} failed: {out}")
    return time.perf_counter() - started, peak, out


def sync_speed(out: Path) -> list[str]:
    campaigns, days = SCALE
    lines = [
        "## Syncing from the platforms (issue 14)",
        "",
        f"A first sync (backfill) of {campaigns} campaigns × {days} days per platform "
        f"({campaigns * days:,} daily rows) from a loopback fake of each API, with `kpibot "
        "sync` in its own process into a SQLite file (90-day chunks, one transaction each; "
        "Meta's chunks as async reports, 500 rows a page). Floor: the same client fetching "
        "and mapping the same chunks in a process of its own, nothing stored. Peak RSS: the "
        "`kpibot sync` process's VmHWM.",
        "",
        "| platform | floor: fetch + map, rows/s | `kpibot sync`, s | rows/s | of floor | "
        "again (nothing changes), s | `kpibot connections`, s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for platform, build in PLATFORMS.items():
        fake, urls, secrets, account = build(campaigns, days)
        try:
            db = out / f"sync-{platform}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KPIBOT_"))}
            env.update(urls, KPIBOT_DATABASE_URL=f"sqlite:///{db}", KPIBOT_TODAY=TODAY.isoformat(),
                       KPIBOT_SECRET_KEY=Fernet.generate_key().decode(),
                       KPIBOT_SYNC_BACKFILL_DAYS=str(days), KPIBOT_LOG_LEVEL="WARNING")  # fmt: skip
            secret_file = out / f"sync-{platform}.secret"
            if platform == "google-ads":
                secret_file.write_text(json.dumps(secrets))
                given = ["--secrets-file", str(secret_file)]
            elif platform == "ga4":
                secret_file.write_text(secrets["key"])
                given = ["--secrets-file", str(secret_file)]
            else:
                secret_file.write_text(secrets["token"])
                given = ["--token-file", str(secret_file)]
            rows, floor_s = _floor_apart(platform, env, secret_file, account, days)
            _run(env, "connect", platform, "--team", TEAM, "--account", account, *given)
            startup, _rss, _said = _run(env, "connections", "--team", TEAM)
            seconds, rss, said = _run(env, "sync", "--team", TEAM)
            assert f"{rows:,} rows (inserted {rows:,}" in said, said
            again, _rss, said = _run(env, "sync", "--team", TEAM, "--since", _days(days)[0])
            assert "updated 0" in said, said
            secret_file.unlink()
        finally:
            fake.stop()
        lines.append(
            f"| {platform} | {rows / floor_s:,.0f} | {seconds:.1f} | {rows / seconds:,.0f} | "
            f"{floor_s / seconds:.0%} | {again:.1f} | {startup:.1f} | {rss:.0f} |"
        )
    lines += [
        "",
        "`kpibot sync` includes starting the process and migrating the database; "
        "`kpibot connections` (start, migrate, one query) shows what that costs.",
        "",
    ]
    return lines


def _floor_main(platform: str, account: str, secret_file: str, days: str) -> None:
    text = Path(secret_file).read_text()
    if platform == "google-ads":
        secrets = dict(json.loads(text))
    elif platform == "ga4":
        secrets = {"key": text}
    else:
        secrets = {"token": text}
    rows, seconds = _floor(platform, dict(os.environ), secrets, account, int(days))
    sys.stdout.write(f"{rows} {seconds}\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--floor"]:
        _floor_main(*sys.argv[2:6])
        raise SystemExit(0)
    if "--small" in sys.argv:
        SCALE = (20, 120)
    target = Path("bench/out")
    target.mkdir(parents=True, exist_ok=True)
    sys.stdout.write("\n".join(sync_speed(target)) + "\n")
