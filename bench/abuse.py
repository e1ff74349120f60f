"""`kpibot serve` under cheap abuse (loopback only, bounded loops): RSS and /healthz response
times while 150 idle half-open connections are held and a 50 MB unsigned body is sent."""

from __future__ import annotations

import socket
import statistics
import threading
import time
import urllib.request
from pathlib import Path

IDLE = 150
BIG = 50 * 1024 * 1024
PROBES = 50


def _rss_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


def _healthz_ms(url: str, probes: int) -> list[float]:
    times = []
    for _ in range(probes):
        started = time.perf_counter()
        with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:
            response.read()
            assert response.status == 200
        times.append((time.perf_counter() - started) * 1000)
    return times


def _send_big(port: int, result: dict) -> None:
    """POST 50 MB unsigned, as fast as the server lets us; record what came back."""
    chunk = b"x" * (1024 * 1024)
    sent = 0
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                + f"Content-Length: {BIG}\r\n\r\n".encode()
            )
            for _ in range(BIG // len(chunk)):  # bounded: 50 chunks at most
                sock.sendall(chunk)
                sent += len(chunk)
    except OSError:
        pass  # the server closed the connection: the refusal we want
    result["sent_mb"] = sent / 1_048_576


def abuse(out: Path) -> list[str]:
    from tests.e2e.fake_slack import FakeSlack
    from tests.e2e.harness import env_for, start_server

    slack = FakeSlack().start()
    env = env_for(f"sqlite:///{out / 'abuse.db'}", slack.api_url, KPIBOT_LOG_LEVEL="INFO")
    log = out / "abuse.log"
    server = start_server(env, log, "--no-scheduler")
    idle: list[socket.socket] = []
    try:
        calm = _healthz_ms(server.url, PROBES)
        rss_calm = _rss_mb(server.proc.pid, "VmRSS:")
        for _ in range(IDLE):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")  # never finished
            idle.append(sock)
        result: dict = {}
        sender = threading.Thread(target=_send_big, args=(server.port, result))
        sender.start()
        busy = _healthz_ms(server.url, PROBES)
        sender.join(timeout=60)
        rss_peak = _rss_mb(server.proc.pid, "VmHWM:")
    finally:
        for sock in idle:
            sock.close()
        server.stop()
        slack.stop()
    log_kb = log.stat().st_size / 1024
    return [
        "## Abuse: idle connections and a 50 MB unsigned body (issue 9)",
        "",
        f"`kpibot serve` (waitress) on loopback; {PROBES} sequential `GET /healthz` before, then "
        f"again while {IDLE} half-open connections are held and one client sends a "
        f"{BIG // 1_048_576} MB unsigned POST.",
        "",
        "| | /healthz p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|",
        f"| calm | {statistics.median(calm):.1f} | {_p95(calm):.1f} | {max(calm):.1f} |",
        f"| under abuse | {statistics.median(busy):.1f} | {_p95(busy):.1f} | {max(busy):.1f} |",
        "",
        f"RSS calm **{rss_calm:.0f} MB**, peak **{rss_peak:.0f} MB**; the big body was cut off "
        f"after {result.get('sent_mb', 0):.0f} MB had been pushed into the socket (answered "
        f"413 unread); the whole log is {log_kb:.0f} KB. Every /healthz answered 200.",
        "",
    ]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
