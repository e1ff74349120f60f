"""Two `kpibot serve` replicas on one PostgreSQL database: one runs the scheduled jobs; when
it is killed (no clean shutdown), the other takes the lead within the check interval."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.harness import Server, env_for, run_cli, start_server
from tests.e2e.test_retries_e2e import pg_url  # noqa: F401  (fixture)

LEADS = "this replica now runs the scheduled jobs (leader)"


def wait_for(server: Server, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in server.log():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.postgres
def test_the_scheduled_jobs_move_to_the_surviving_replica(
    pg_url: str,  # noqa: F811
    slack: FakeSlack,
    tmp_path: Path,
) -> None:
    env = env_for(pg_url, slack.api_url, KPIBOT_TODAY="2026-11-30", KPIBOT_LEADER_CHECK_SECONDS="1")
    run_cli(env, "db", "upgrade")
    first = start_server(env, tmp_path / "replica1.log", wait=90)  # slow on a loaded machine
    try:
        assert wait_for(first, LEADS, 20), first.log()
        second = start_server(env, tmp_path / "replica2.log", wait=90)
        try:
            assert wait_for(second, "scheduler started", 20), second.log()
            time.sleep(3)  # three checks: the lock is taken, the second must not lead
            assert LEADS not in second.log()
            first.proc.send_signal(signal.SIGKILL)  # no atexit, no clean close
            first.proc.wait(timeout=10)
            started = time.monotonic()
            assert wait_for(second, LEADS, 30), second.log()
            # the check runs every second; the lock went with the killed process's session
            assert time.monotonic() - started < 10
            # the survivor still answers Slack
            status, _, _ = second.slash("help", slack.response_url("after"))
            assert status == 200
        finally:
            second.stop()
    finally:
        if first.proc.poll() is None:
            first.stop()
        else:
            first.log_file.close()
