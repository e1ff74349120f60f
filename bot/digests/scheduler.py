"""The digest tick: every minute, send each subscription's digest that is due, once.

APScheduler's job store is in memory and per process (APScheduler 3 says not to share one
between processes), so the schedule itself lives in the `subscriptions` table and the tick
asks `kpi.schedule.due_period` what is due now. Before posting, the tick takes the
(subscription, week) claim in `deliveries`: of two replicas, a restart or a rerun exactly
one gets it, so a digest goes out once; a digest missed while the process was down is
still due for the grace period (KPIBOT_DIGEST_GRACE_HOURS) and goes out when it is back.

Digests are built one after another in the tick's thread, their reads remembered for the
tick (storage.campaigns.memo: the workspace's frame read once, each campaign's unusual-day
fits made once however many digests show it); their charts are drawn meanwhile in a
process pool (bot.digests.drawing), each distinct drawing once. Posting runs in a thread
pool, because each digest waits a second between its messages (the per-channel pace) and
those waits should overlap across channels; a posting thread waits for its digest's
charts. A tick builds each (workspace, campaigns, week) digest once and reuses it for
every channel that subscribed to the same thing.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError

from bot.digests.data import Built, Prepared, prepare
from bot.digests.drawing import ChartPool
from bot.digests.sender import make_poster, post_quiet_note, send
from bot.errors import ChannelGone, NotInstalled
from bot.posting import Poster
from bot.services import Services
from kpi.schedule import due_period, localize, week_of
from kpi.story import moved
from storage.campaigns.memo import one_reply
from storage.digests.records import SubscriptionRec
from storage.digests.repo import DigestRepository

log = logging.getLogger(__name__)

JOB_ID = "kpibot-digests-tick"
#: Digests posted at the same time (each mostly waits on Slack, the pace and its charts:
#: two seconds of pace a digest, so 200 digests take 200 x 2 / 32 = 12.5 s of waiting).
POST_WORKERS = 32


@dataclass
class TickReport:
    """What a tick did: subscriptions looked at, digests due, claims won, digests posted,
    and the channels that failed (retried within the grace) or were paused (bot removed)."""

    checked: int = 0
    due: int = 0
    claimed: int = 0
    sent: int = 0
    failed: list[str] = field(default_factory=list)
    paused: list[str] = field(default_factory=list)
    #: due, not complete, and claimed by another run (retried here once its lease runs out)
    held: list[str] = field(default_factory=list)
    #: workspaces without a token (uninstalled, revoked): nothing claimed, nothing posted
    skipped: list[str] = field(default_factory=list)


def _held(repo: DigestRepository, sub: SubscriptionRec, monday: dt.date) -> bool:
    """True when the week's delivery is claimed by a run that has not completed it."""
    return any(
        d.period_start == monday and d.status == "claimed"
        for d in repo.list_deliveries(sub.team_id, sub.id)
    )


def instant(at: dt.datetime | None, tz: str) -> dt.datetime:
    """The UTC instant a tick runs at: now, an aware `at`, or a naive `at` read as a wall
    time in the subscription's zone `tz` (`kpibot digest run-due --at 2026-11-30T09:05`)."""
    if at is None:
        return dt.datetime.now(dt.UTC)
    if at.tzinfo is None:
        return localize(at, tz).astimezone(dt.UTC)
    return at.astimezone(dt.UTC)


def deliver(
    services: Services,
    poster: Poster,
    sub: SubscriptionRec,
    delivery_id: int,
    built: Built,
    posted_ts: str | None = None,
    body_ts: str | None = None,
) -> str:
    """Post one claimed digest — message and charts, or the charts only when its message
    went out on an earlier attempt (`posted_ts`) — and record how it went: sent, failed (a
    transient error: claimable again after the retry wait, within the grace; the message
    is never posted twice) or dead with the subscription paused (the bot cannot post in the
    channel any more). Failures are logged at ERROR. Returns "sent", "failed" or "paused"."""
    repo = services.digests
    where = f"{sub.team_id}/{sub.channel_id}"

    def posted(ts: str) -> None:
        repo.mark_posted(sub.team_id, delivery_id, ts)

    def body(ts: str) -> None:
        repo.mark_body_posted(sub.team_id, delivery_id, ts)

    def gone(error: str) -> str:
        log.error("digest for %s not posted, subscription paused: %s", where, error)
        repo.mark_failed(sub.team_id, delivery_id, error, retry=False)
        repo.pause(sub.team_id, sub.channel_id, error)
        return "paused"

    try:
        if sub.quiet and not moved(built.digest):
            parent = repo.last_message_ts(sub.team_id, sub.id, built.digest.week.start)
            if parent is not None:
                if body_ts is None:  # a retry after the note went out does not post it again
                    body_ts = post_quiet_note(poster, sub.channel_id, built, parent)
                repo.mark_quiet(sub.team_id, delivery_id, parent, body_ts)
                return "sent"
        sent = send(
            poster, sub.channel_id, built, posted,
            posted_ts=posted_ts, body_ts=body_ts, on_body=body,
        )  # fmt: skip
    except ChannelGone as exc:
        return gone(exc.error)
    except SlackApiError as exc:
        error = str(exc.response.get("error", "")) or str(exc)
        log.error("digest for %s not posted (will retry): %s", where, error)
        repo.mark_failed(sub.team_id, delivery_id, error)
        return "failed"
    except Exception as exc:
        log.exception("digest for %s not posted (will retry)", where)
        repo.mark_failed(sub.team_id, delivery_id, f"{type(exc).__name__}: {exc}")
        return "failed"
    if isinstance(sent.chart_error, ChannelGone):
        return gone(sent.chart_error.error)
    if not sent.charts_ok:
        log.error("digest %s for %s: charts not uploaded (will retry the charts only): %s",
                  sent.ts, where, sent.chart_error)  # fmt: skip
        repo.mark_failed(sub.team_id, delivery_id, f"charts: {sent.chart_error}")
        return "failed"
    repo.mark_sent(sub.team_id, delivery_id)
    return "sent"


def _drawn_then_deliver(
    services: Services,
    charts: ChartPool,
    poster: Poster,
    sub: SubscriptionRec,
    delivery_id: int,
    prepared: Prepared,
    posted_ts: str | None,
    body_ts: str | None,
) -> str:
    """`deliver` once the digest's charts are drawn; a chart that cannot be drawn fails
    the delivery (retried within the grace, like a digest that could not be built)."""
    try:
        built = prepared.drawn([charts.png(spec.drawing) for spec in prepared.specs])
    except Exception as exc:
        log.exception("digest charts for %s/%s not drawn", sub.team_id, sub.channel_id)
        services.digests.mark_failed(sub.team_id, delivery_id, f"{type(exc).__name__}: {exc}")
        return "failed"
    return deliver(services, poster, sub, delivery_id, built, posted_ts, body_ts)


def run_due(
    services: Services, at: dt.datetime | None = None, *, poster: Poster | None = None
) -> TickReport:
    """One tick: for every active subscription whose digest is due at `at` (see `instant`),
    claim it, build it and post it. Safe to run any number of times, in any number of
    processes: the claim lets each (subscription, week) through once. Each workspace's
    digests are posted with that workspace's current token (`poster` overrides it: tests);
    a workspace without one (uninstalled, token revoked) is skipped before any claim."""
    posters: dict[str, Poster | None] = {}

    def poster_of(team_id: str) -> Poster | None:
        if poster is not None:
            return poster
        if team_id not in posters:
            try:
                posters[team_id] = make_poster(services, team_id)
            except NotInstalled as exc:
                log.info("digests of %s skipped: %s", team_id, exc)
                posters[team_id] = None
        return posters[team_id]

    repo = services.digests
    grace = dt.timedelta(hours=services.settings.digest_grace_hours)
    report = TickReport()
    cache: dict[tuple[str, tuple[str, ...] | None, dt.date, bool], Prepared] = {}
    pending: list[tuple[str, Future[str]]] = []
    with (
        one_reply(),
        ChartPool() as charts,
        ThreadPoolExecutor(POST_WORKERS, thread_name_prefix="digest-post") as pool,
    ):
        for sub in repo.list_active_subscriptions():
            report.checked += 1
            try:
                now = instant(at, sub.timezone)
                monday = due_period(sub.weekday, sub.time_of_day, sub.timezone, now, grace)
                if monday is None:
                    continue
                report.due += 1
                team_poster = poster_of(sub.team_id)
                if team_poster is None:
                    report.skipped.append(f"{sub.team_id}/{sub.channel_id}")
                    continue
                delivery_id = repo.claim_delivery(sub.team_id, sub.id, monday)
                if delivery_id is None:
                    # sent, dead, being sent by another process, or failed a moment ago
                    if _held(repo, sub, monday):
                        report.held.append(f"{sub.team_id}/{sub.channel_id}")
                    continue
                report.claimed += 1
                claimed = repo.get_delivery(sub.team_id, delivery_id)
                posted_ts = claimed.message_ts if claimed else None
                body_ts = claimed.body_ts if claimed else None
            except Exception:
                log.exception("digest tick: subscription %s failed before posting", sub.id)
                report.failed.append(f"{sub.team_id}/{sub.channel_id}")
                continue
            try:
                key = (sub.team_id, sub.campaigns, monday, sub.competitors)
                if key not in cache:
                    cache[key] = prepare(
                        services,
                        sub.team_id,
                        sub.campaigns,
                        week_of(monday),
                        competitors=sub.competitors,
                    )
                    for spec in cache[key].specs:  # drawn meanwhile
                        charts.submit(spec.drawing)
            except Exception as exc:
                log.exception("digest for %s/%s could not be built", sub.team_id, sub.channel_id)
                repo.mark_failed(sub.team_id, delivery_id, f"{type(exc).__name__}: {exc}")
                report.failed.append(f"{sub.team_id}/{sub.channel_id}")
                continue
            where = f"{sub.team_id}/{sub.channel_id}"
            pending.append(
                (
                    where,
                    pool.submit(
                        _drawn_then_deliver,
                        services,
                        charts,
                        team_poster,
                        sub,
                        delivery_id,
                        cache[key],
                        posted_ts,
                        body_ts,
                    ),
                )  # fmt: skip
            )
    for where, future in pending:
        outcome = future.result()  # deliver() catches everything; this surfaces a bug in it
        if outcome == "sent":
            report.sent += 1
        else:
            (report.paused if outcome == "paused" else report.failed).append(where)
    return report


def tick_quietly(services: Services) -> None:
    """The scheduled tick: never raises; without a bot token it logs and does nothing
    (claiming a digest nobody can post would lose it)."""
    if not services.settings.bot_token and not services.settings.oauth:
        log.info("digest tick skipped: SLACK_BOT_TOKEN is not set")
        return
    try:
        report = run_due(services)
    except Exception:
        log.exception("digest tick failed")
        return
    if report.failed or report.paused:
        log.error("digest tick: not posted: %s, paused: %s", report.failed, report.paused)
    if report.claimed or report.failed or report.paused:
        log.info(
            "digest tick: %s due, %s sent, failed: %s, paused: %s",
            report.due,
            report.sent,
            report.failed,
            report.paused,
        )
