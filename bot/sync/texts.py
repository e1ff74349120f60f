"""What a sync and a connection say, as raw text lines in the user's language, for the
terminal and for Slack (whose block builders escape them where they are placed)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.sync.expiry import expiry_label
from bot.sync.runner import Progress, SyncReport
from bot.sync.sources import PLATFORMS
from bot.texts import t
from kpi.counters import MONEY_COUNTERS
from kpi.formatting import fmt_date, fmt_date_range, fmt_number
from storage.connections import ConnectionRec
from storage.sync.source import AccountInfo
from storage.sync_store import Restated

#: Restatements listed one by one; the rest are counted.
MAX_RESTATED = 15


def label(platform: str) -> str:
    spec = PLATFORMS.get(platform)
    return spec.label if spec else platform


def error_text(key: str, args: dict[str, object], detail: str, locale: str) -> str:
    return t(key, locale, **{"platform": "", "detail": detail, "minutes": 1, **args})


def campaigns_part(info: AccountInfo, locale: str) -> str:
    """What a connect found of the campaigns ("12 campaigns: Summer sale, Brand, Leads Q4 …"),
    raw text (the sender escapes the names); "" when the list call failed."""
    if info.campaigns_after_sync:
        return t("sync.campaigns.after_sync", locale)
    if info.campaigns is None:
        return ""
    if info.campaigns == 0:
        return t("sync.campaigns.none", locale)
    kind = "one" if info.campaigns == 1 else "other"
    if info.campaigns_at_least:
        kind = f"at_least_{kind}"
    text = t(f"sync.campaigns.{kind}", locale, count=fmt_number(info.campaigns, locale))
    names = [name for name in info.campaign_names if name]
    if not names:
        return text
    listed = ", ".join(names)
    if info.campaigns_at_least:
        listed = t("sync.campaign_list.and_more", locale, names=listed)
    elif info.campaigns > len(names):
        rest = fmt_number(info.campaigns - len(names), locale)
        listed = t("sync.campaign_list.and_n_more", locale, names=listed, count=rest)
    return f"{text}: {listed}"


def connected(info: AccountInfo, platform: str, days: int, locale: str) -> str:
    campaigns = campaigns_part(info, locale)
    text = t(
        "sync.connected", locale, platform=label(platform), name=info.name,
        account=info.account_id, currency=info.currency or "?", timezone=info.timezone or "?",
        campaigns=f" · {campaigns}" if campaigns else "", days=days,
    )  # fmt: skip
    return f"{text}\n{t(info.note, locale)}" if info.note else text


def _when(value: dt.datetime | None, zone: str, locale: str) -> str:
    if value is None:
        return t("sync.never", locale)
    local = value.astimezone(ZoneInfo(zone))
    return f"{fmt_date(local.date(), locale)} {local:%H:%M}"


def connection_line(conn: ConnectionRec, zone: str, locale: str) -> str:
    line = t(
        "sync.list_line", locale, platform=label(conn.platform),
        name=conn.account_name or conn.account_id, account=conn.account_id,
        last=_when(conn.last_sync_at, zone, locale),
        next=t("sync.stopped", locale) if conn.stopped else _when(conn.next_run_at, zone, locale),
    )  # fmt: skip
    expiry = expiry_label(conn, zone, locale)
    if expiry:
        line += f" · {expiry}"
    if conn.last_status in ("failed", "stopped") and conn.last_error:
        try:
            stored = json.loads(conn.last_error)
            reason = error_text(stored["key"], dict(stored["args"]), stored["detail"], locale)
        except (ValueError, KeyError, TypeError):
            reason = "?"
        line += "\n" + t("sync.status.failed", locale, reason=reason)
    return line


def _number(value: float, counter: str, locale: str) -> str:
    return fmt_number(value, locale, 2 if counter in MONEY_COUNTERS else None)


def restated_lines(restated: Sequence[Restated], locale: str) -> list[str]:
    """One line per number the platform changed; a (campaign, day) it no longer returns is
    one line with what the removed row held ("… conversions 12 → 0, spend 40.00 → 0")."""
    if not restated:
        return []
    entries: list[str] = []
    gone: dict[tuple[dt.date, str], list[Restated]] = {}
    for change in restated:
        if change.gone:
            key = (change.day, change.campaign)
            if key not in gone:
                gone[key] = []
                entries.append("")  # filled below, in its place
            gone[key].append(change)
            continue
        entries.append(
            t(
                "sync.restated_line",
                locale,
                day=fmt_date(change.day, locale),
                campaign=change.campaign,
                counter=t(f"term.{change.counter}", locale),
                old=_number(change.old, change.counter, locale),
                new=_number(change.new, change.counter, locale),
            )  # fmt: skip
        )
    lines = iter(
        _gone_line(day, campaign, changes, locale) for (day, campaign), changes in gone.items()
    )
    entries = [entry or next(lines) for entry in entries]
    shown = [t("sync.restated_title", locale), *entries[:MAX_RESTATED]]
    if len(entries) > MAX_RESTATED:
        shown.append(t("sync.restated_more", locale, count=len(entries) - MAX_RESTATED))
    return shown


def _gone_line(day: dt.date, campaign: str, changes: list[Restated], locale: str) -> str:
    numbers = ", ".join(
        f"{t(f'term.{c.counter}', locale)} {_number(c.old, c.counter, locale)} → 0" for c in changes
    )
    return t("sync.gone_line", locale, day=fmt_date(day, locale), campaign=campaign,
             numbers=numbers)  # fmt: skip


def _names(report: SyncReport) -> dict[str, object]:
    conn = report.connection
    return {"platform": label(conn.platform), "name": conn.account_name or conn.account_id}


def progress_line(report: SyncReport, step: Progress, locale: str) -> str:
    return t(
        "sync.progress", locale, **_names(report), done=step.done_days, total=step.total_days,
        rows=fmt_number(step.rows, locale),
    )  # fmt: skip


def started_line(conn: ConnectionRec, since: dt.date, until: dt.date, locale: str) -> str:
    return t(
        "sync.started", locale, platform=label(conn.platform),
        name=conn.account_name or conn.account_id, dates=fmt_date_range(since, until, locale),
    )  # fmt: skip


def report_lines(report: SyncReport, locale: str) -> list[str]:
    """How a sync ended: rows and restatements, or the cause and the fix."""
    conn = report.connection
    if report.busy:
        return [t("sync.busy", locale, platform=label(conn.platform), account=conn.account_id)]
    if report.lost:
        return [t("sync.lost", locale, **_names(report))]
    if report.error is not None:
        key, args, detail = report.error
        reason = error_text(key, args, detail, locale)
        return [t("sync.failed", locale, **_names(report), reason=reason)]
    if report.nothing and report.until is not None:
        return [
            t("sync.up_to_date", locale, **_names(report), until=fmt_date(report.until, locale))
        ]
    assert report.since is not None and report.until is not None
    done = t(
        "sync.done", locale, **_names(report),
        dates=fmt_date_range(report.since, report.until, locale),
        rows=fmt_number(report.rows, locale),
        inserted=fmt_number(report.inserted, locale), updated=fmt_number(report.updated, locale),
        unchanged=fmt_number(report.rows - report.inserted - report.updated, locale),
    )  # fmt: skip
    if report.removed:
        many = "one" if report.removed == 1 else "other"
        done += " " + t(f"sync.removed.{many}", locale, count=fmt_number(report.removed, locale))
    return [done, *restated_lines(report.restated, locale)]
