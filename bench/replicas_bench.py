"""Issue 12, "many replicas": two `kpibot serve` processes on one PostgreSQL database with
the scale bench's generated rows, 20 signed `/kpi` commands a second for 60 s of mixed
questions from a round-robin client, and the leading replica killed (SIGKILL) halfway.

Measured: ack latency (the HTTP answer to the slash command, as Slack times it), replies at
the fake response_url against commands queued (an ack saying "busy, try again in a minute"
is the reply of a command the full queue turned away), a response_url posted twice, the cost
of the ack's one INSERT (storage.answers), errors, digests and alerts posted against
those the database recorded (a duplicate is a second post of one), which replica led
before and after the kill and how long the lead took to move, and that the scheduled ticks
after the kill ran on the survivor (digests due only after the kill were posted).

Loopback only: the fake Slack of tests/e2e answers the Web API and the response_urls.
`python -m bench.run --only replicas --rows 1000000`; PostgreSQL from
KPIBOT_BENCH_POSTGRES_URL or KPIBOT_TEST_POSTGRES_URL (scratch database, dropped after)."""

from __future__ import annotations

import datetime as dt
import http.client
import re
import signal
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from bench import scale, scale_data
from bench.scale_data import CAMPAIGNS, TEAM

RATE, SECONDS, KILL_AT = 20, 60, 30
GOAL_ACK_MS = 100.0
LEADS = "this replica now runs the scheduled jobs (leader)"
ALERT_CHANNEL = "C0BENCH"  # bench.scale_data.add_targets posts its alerts here
#: digests due before the run (posted by the first leader's first tick) and due only after
#: the kill (posted by whichever replica leads then)
EARLY, LATE = 3, 3


@dataclass
class Sent:
    n: int
    command: str
    replica: int = -1  # which one answered (after a refused connection, the other)
    status: int = 0
    ack_ms: float = 0.0
    retried: bool = False
    error: str = ""
    busy: bool = False  # acked with "busy, try again in a minute" (a full answer queue)
    at: float = 0.0  # wall clock when it was sent


@dataclass
class Replica:
    label: str
    server: object  # tests.e2e.harness.Server
    alive: bool = True
    leads_at: float | None = None


@dataclass
class Run:
    sent: list[Sent] = field(default_factory=list)
    kill_at: float = 0.0
    #: the floor: GET /healthz of the survivor (waitress and one SELECT 1, no Bolt), ms
    health: list[float] = field(default_factory=list)


def _questions() -> list[str]:
    kinds = list(scale.KINDS.values())
    out = []
    for i in range(RATE * SECONDS):
        c = f"campaign-{(i * 37) % CAMPAIGNS:04d}"
        d = f"campaign-{(i * 37 + 500) % CAMPAIGNS:04d}"
        out.append(kinds[i % len(kinds)].format(c=c, d=d))
    return out


def _post(port: int, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/slack/events", body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _slash(item: Sent, replicas: list[Replica], first: int, response_url: str) -> None:
    """One command as Slack sends it, to `first`; a refused or reset connection (a dead
    replica, as a load balancer's health check would find) goes to the other replica."""
    from tests.e2e.harness import SIGNING_SECRET, sign

    form = {
        "token": "deprecated", "team_id": TEAM, "team_domain": "bench",
        "channel_id": "C0BENCHQ", "channel_name": "marketing", "user_id": "U0BENCH01",
        "user_name": "marketer", "command": "/kpi", "text": item.command,
        "api_app_id": "A000APP01", "response_url": response_url,
        "trigger_id": f"{item.n}.42.bench",
    }  # fmt: skip
    body = urllib.parse.urlencode(form).encode()
    item.at = time.time()
    started = time.perf_counter()
    order = [first, 1 - first]
    for attempt, i in enumerate(order):
        if not replicas[i].alive and attempt == 0:
            continue  # the balancer knows it is down
        ts = int(time.time())
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": sign(body, ts, SIGNING_SECRET),
        }
        item.replica = i
        try:
            item.status, said = _post(replicas[i].server.port, body, headers)  # type: ignore[attr-defined]
            item.error = "" if item.status == 200 else f"HTTP {item.status}"
            item.busy = item.status == 200 and b"try again in a minute" in said
            break
        except ConnectionRefusedError:  # nobody listens: the replica is gone, try the other
            replicas[i].alive = False
            item.retried = True
            item.error = "refused"
        except OSError as exc:  # a timeout, or the replica died holding the request
            item.error = type(exc).__name__
            break
    item.ack_ms = (time.perf_counter() - started) * 1000


def _subscribe(url: str, channels: list[str]) -> None:
    """Digests due from now (the send time is this minute, today): posted by the next
    tick of whichever replica leads."""
    from storage.db import make_engine
    from storage.digests.repo import DigestRepository

    engine = make_engine(url)
    repo = DigestRepository(engine)
    now = dt.datetime.now(dt.UTC)
    for i, channel in enumerate(channels):
        repo.subscribe(
            TEAM, channel, now.weekday(), now.strftime("%H:%M"), "UTC",
            campaigns=[f"campaign-{i:04d}", f"campaign-{i + 100:04d}"],
        )  # fmt: skip
    engine.dispose()


def _posted(slack: object, channel: str) -> int:
    """Top-level messages posted in `channel` (a digest's or an alert's own, not replies in
    their threads)."""
    return sum(
        1
        for call in slack.of("chat.postMessage")  # type: ignore[attr-defined]
        if call.body.get("channel") == channel and not call.body.get("thread_ts")
    )


def _watch(replicas: list[Replica], stop: threading.Event) -> None:
    """Note when each replica's log first says it leads (read as it grows)."""
    seen = [0] * len(replicas)
    tails = [""] * len(replicas)
    while not stop.is_set():
        for i, r in enumerate(replicas):
            if r.leads_at is not None:
                continue
            with open(r.server.log_path, errors="replace") as log:  # type: ignore[attr-defined]
                log.seek(seen[i])
                chunk = log.read()
            seen[i] += len(chunk.encode(errors="replace"))
            if LEADS in tails[i] + chunk:
                r.leads_at = time.time()
            tails[i] = chunk[-len(LEADS) :]
        time.sleep(0.05)


def _pct(values: list[float], q: float) -> float:
    return scale._pct(values, q) if values else float("nan")


def _wait(check: object, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def _one(out: Path, rows: int) -> list[str]:
    from storage.db import make_engine, migrate
    from tests.e2e.fake_slack import FakeSlack
    from tests.e2e.harness import env_for, start_server

    server_url = scale.pg_url()
    assert server_url is not None
    url = scale_data.fresh_database(server_url, scale_data.scratch_name(f"replicas{rows}"))
    slack = FakeSlack(team_id=TEAM).start()
    replicas: list[Replica] = []
    stop = threading.Event()
    try:
        engine = make_engine(url)
        migrate(engine)
        made = scale_data.fill(engine, rows)
        scale_data.add_targets(engine)
        record_ms = _record_cost(engine)
        engine.dispose()
        early = [f"C0DIGEST{i:02d}" for i in range(EARLY)]
        late = [f"C0DIGEST{i:02d}" for i in range(EARLY, EARLY + LATE)]
        _subscribe(url, early)
        env = env_for(url, slack.api_url, KPIBOT_TODAY="2026-10-31", KPIBOT_ALERT_INTERVAL="1")
        env.pop("PYTHONWARNINGS")
        # one at a time, so that a failed start still leaves the first in `replicas` (stopped)
        replicas.append(Replica("replica 1", start_server(env, out / "replica1.log", wait=180)))
        replicas.append(Replica("replica 2", start_server(env, out / "replica2.log", wait=180)))
        watcher = threading.Thread(target=_watch, args=(replicas, stop), daemon=True)
        watcher.start()
        started = time.time()
        # the first leader's first tick (a minute after it started) posts the early digests
        _wait(lambda: all(_posted(slack, c) for c in early), 150)
        first_tick = time.time() - started
        leader = next((i for i, r in enumerate(replicas) if r.leads_at), None)
        run = _load(replicas, slack, leader if leader is not None else 0, url, late)
        load_end = time.time()
        queued = [s for s in run.sent if s.status == 200 and not s.busy]
        # the survivor answers what it holds, then what the killed replica left (its
        # lease runs out KPIBOT_ANSWER_LEASE_SECONDS after the kill)
        _wait(lambda: len({c.path for c in slack.of("response")}) >= len(queued), 240)
        _wait(lambda: all(_posted(slack, c) for c in late), 180)
        time.sleep(5)  # a late duplicate would show here
        return _report(rows, made, run, replicas, slack, url, early, late, leader, first_tick,
                       load_end, record_ms)  # fmt: skip
    finally:
        stop.set()
        for r in replicas:
            if r.server.proc.poll() is None:  # type: ignore[attr-defined]
                r.server.stop()  # type: ignore[attr-defined]
            else:
                r.server.log_file.close()  # type: ignore[attr-defined]
        slack.stop()
        scale_data.drop_database(url)


def _load(
    replicas: list[Replica], slack: object, leader: int, database: str, late: list[str]
) -> Run:
    """RATE commands a second for SECONDS, sent on schedule whatever the answers take
    (open loop), round robin; the leader killed at KILL_AT, and then the `late` digests
    subscribed, due at once: only a replica alive after the kill can post them."""
    run = Run()
    questions = _questions()
    pool = ThreadPoolExecutor(max_workers=64)
    done = threading.Event()
    floor = threading.Thread(target=_health, args=(replicas[1 - leader], run, done), daemon=True)
    floor.start()
    begin = time.perf_counter()
    killed = False
    for n, command in enumerate(questions):
        due = begin + n / RATE
        if not killed and due - begin >= KILL_AT:
            replicas[leader].server.proc.send_signal(signal.SIGKILL)  # type: ignore[attr-defined]
            run.kill_at = time.time()
            killed = True
            threading.Thread(target=_subscribe, args=(database, late), daemon=True).start()
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        item = Sent(n, command)
        run.sent.append(item)
        reply_to = slack.response_url(f"q{n}")  # type: ignore[attr-defined]
        pool.submit(_slash, item, replicas, n % 2, reply_to)
    pool.shutdown(wait=True)
    done.set()
    floor.join()
    return run


def _health(replica: Replica, run: Run, done: threading.Event) -> None:
    while not done.is_set():
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", replica.server.port, timeout=10)  # type: ignore[attr-defined]
        try:
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            run.health.append((time.perf_counter() - started) * 1000)
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.25)


def _record_cost(engine: object, n: int = 400) -> list[float]:
    """ms per `PendingAnswers.record` (the one INSERT in the ack) on this database, one
    at a time; the rows are removed afterwards."""
    from storage.answers import Command, PendingAnswers
    from storage.rows import utcnow

    answers = PendingAnswers(engine)  # type: ignore[arg-type]
    took = []
    for i in range(n):
        command = Command(TEAM, "bench", "C0BENCHQ", "marketing", "U0BENCH01", f"roi q{i}",
                          f"https://hooks.slack.com/commands/{TEAM}/{i}/x", "en", utcnow())  # fmt: skip
        started = time.perf_counter()
        answers.record(command, "bench-cost", utcnow())
        took.append((time.perf_counter() - started) * 1000)
    with engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(sa.text("DELETE FROM pending_answers WHERE owner = 'bench-cost'"))
    return took


def _report(
    rows: int, made: dict[str, float], run: Run, replicas: list[Replica], slack: object,
    url: str, early: list[str], late: list[str], leader: int | None, first_tick: float,
    load_end: float, record_ms: list[float],
) -> list[str]:  # fmt: skip
    acked = [s for s in run.sent if s.status == 200]
    acks = [s.ack_ms for s in acked]
    busy = [s for s in acked if s.busy]
    queued = [s for s in acked if not s.busy]
    replies: dict[str, list[object]] = {}
    for call in slack.of("response"):  # type: ignore[attr-defined]
        replies.setdefault(call.path.rsplit("/", 1)[-1], []).append(call)
    answered = [s for s in queued if f"q{s.n}" in replies]
    missing = [s for s in queued if f"q{s.n}" not in replies]
    reply_dupes = sum(len(calls) - 1 for calls in replies.values())
    busy_answered = sum(1 for s in busy if f"q{s.n}" in replies)
    wrong = [
        s for s in answered
        if any("went wrong" in str(c.body) or "Traceback" in str(c.body)  # type: ignore[attr-defined]
               for c in replies[f"q{s.n}"])
    ]  # fmt: skip
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        unsent = conn.execute(
            sa.text("SELECT count(*) FROM pending_answers WHERE sent_at IS NULL")
        ).scalar_one()
        deliveries = conn.execute(
            sa.text("SELECT s.channel_id, d.status FROM deliveries d "
                    "JOIN subscriptions s ON s.id = d.subscription_id")
        ).all()  # fmt: skip
        alerts = conn.execute(
            sa.text("SELECT status, count(*) FROM alert_events GROUP BY status")
        ).all()
    engine.dispose()
    per_channel = {c: _posted(slack, c) for c in [*early, *late, ALERT_CHANNEL]}
    digest_channels = early + late
    digest_dupes = sum(max(0, per_channel.get(c, 0) - 1) for c in digest_channels)
    alert_events = sum(int(n) for _, n in alerts)
    alert_posts = per_channel.get(ALERT_CHANNEL, 0)
    survivor = 1 - (leader or 0)
    moved = replicas[survivor].leads_at
    said = replicas[survivor].server.log()  # type: ignore[attr-defined]
    taken_over = sum(int(n) for n in re.findall(r"took over (\d+) unanswered command", said))
    takeover = (moved - run.kill_at) if moved and moved > run.kill_at else float("nan")
    after_kill = [s for s in acked if s.n >= KILL_AT * RATE]
    errors = [s for s in run.sent if s.status != 200]
    kinds: dict[str, int] = {}
    for s in errors:  # HTTP 404: Bolt's answer when the listener did not ack within 3 s
        kinds[s.error] = kinds.get(s.error, 0) + 1
    p99 = _pct(acks, 0.99)
    waits = [(replies[f"q{s.n}"][0].at - s.at) * 1000 for s in answered]  # type: ignore[attr-defined]
    every_reply = not missing and not wrong and not reply_dupes
    lines = [
        f"### PostgreSQL, {rows:,} rows, 2 replicas",
        "",
        f"Generated in the database: rows {made['rows']:.0f} s, summaries {made['summaries']:.0f} s. "
        f"{len(run.sent)} commands over {SECONDS} s ({RATE}/s, {len(scale.KINDS)} kinds in turn), "
        f"{replicas[leader or 0].label} (the leader) killed with SIGKILL at {KILL_AT} s.",
        "",
        "| figure | measured | goal |",
        "|---|---|---|",
        f"| ack p50 / p99 / max | {_pct(acks, 0.5):.1f} / **{p99:.1f}** / {max(acks, default=0):.1f} ms "
        f"| p99 under {GOAL_ACK_MS:.0f} ms: {'met' if p99 < GOAL_ACK_MS else 'NOT met'} |",
        f"| commands acked (HTTP 200) | {len(acked)} of {len(run.sent)}; "
        f"{sum(s.retried for s in run.sent)} resent to the survivor after a refused/reset connection "
        f"| every one: {'met' if not errors else 'NOT met'} |",
        f"| errors (no ack) | {len(errors)}"
        + (f" ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})" if errors else "")
        + " | none |",
        f"| floor: `GET /healthz` of the survivor during the run (no Bolt) p50 / p99 | "
        f"{_pct(run.health, 0.5):.1f} / {_pct(run.health, 0.99):.1f} ms ({len(run.health)} probes) | — |",
        f"| replies | {len(answered) + len(busy)} of {len(acked)} acked: {len(answered)} answers "
        f"at the response_url of {len(queued)} queued ({len(missing)} missing: "
        + (", ".join(f"#{s.n} on {replicas[s.replica].label}" for s in missing[:8]) or "none")
        + f"), {len(busy)} acked 'busy, try again in a minute' (queue full; {busy_answered} of "
        f"those also at the response_url); {len(wrong)} with an error text; "
        f"{unsent} left unsent in pending_answers | every one: "
        f"{'met' if every_reply else 'NOT met'} |",
        f"| duplicate replies (a response_url posted twice) | **{reply_dupes}** | none |",
        f"| commands the killed replica had queued, answered by the survivor | {taken_over} "
        "(taken over as their lease ran out and the survivor had room) | — |",
        f"| cost of recording a command in the ack (one INSERT, {len(record_ms)} one at a "
        f"time, before the load) p50 / p99 | {_pct(record_ms, 0.5):.2f} / "
        f"{_pct(record_ms, 0.99):.2f} ms | — |",
        f"| reply time p50 / p99 (sent → reply) | {_pct(waits, 0.5):.0f} / {_pct(waits, 0.99):.0f} ms "
        "| — |",
        f"| commands after the kill | {len(after_kill)} acked, all by "
        f"{', '.join(sorted({replicas[s.replica].label for s in after_kill})) or '—'} | — |",
        f"| digests | {sum(per_channel.get(c, 0) for c in digest_channels)} posted for "
        f"{len(digest_channels)} subscriptions ({EARLY} due before the run, {LATE} subscribed due at the kill); "
        f"deliveries {sorted(st for _, st in deliveries)}; duplicates **{digest_dupes}** | none |",
        f"| alerts | {alert_posts} posted, {alert_events} alert events recorded; duplicates "
        f"**{max(0, alert_posts - alert_events)}** | none |",
        f"| leader before / after | {replicas[leader].label if leader is not None else 'none'} / "
        f"{replicas[survivor].label if moved else 'none'} | moves to the survivor |",
        f"| lead taken over after the kill | **{takeover:.1f} s** (leader check every 20 s, default) "
        f"| within a minute: {'met' if takeover < 60 else 'NOT met'} |",
        f"| digests due from the kill posted | {sum(1 for c in late if per_channel.get(c))} of {LATE} "
        f"(only the survivor was alive) | all |",
        "",
        f"First leader's first tick (early digests posted) {first_tick:.0f} s after start.",
        "",
    ]
    return lines


def replicas(out: Path) -> list[str]:
    lines = [
        "## Two replicas, one killed (issue 12, many replicas)",
        "",
        "Loopback: two `kpibot serve --http` on one PostgreSQL database (the scale bench's "
        "generated rows), a round-robin client sending signed slash commands on a fixed "
        "schedule (open loop, 64 threads), the fake Slack of tests/e2e counting replies and "
        "posts. Client, both replicas, PostgreSQL and the fake share the machine.",
        "",
    ]
    if not scale.pg_url():
        return lines + ["PostgreSQL not measured: KPIBOT_BENCH_POSTGRES_URL is not set.", ""]
    for rows in scale.ROWS:
        started = time.perf_counter()
        try:
            lines += _one(out, rows)
        except Exception as exc:  # one failed size must not hide the others' figures
            lines += [f"**replicas {rows} failed**: {type(exc).__name__}: {exc}", ""]
        lines += [f"(replicas {rows}: {time.perf_counter() - started:.0f} s)", ""]
    return lines
