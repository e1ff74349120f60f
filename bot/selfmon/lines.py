"""What a data gap says, in the reader's language: since when there is no data, the last
import or sync, and what to do next. Raw text: the block builders escape it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.selfmon.gaps import CampaignGap
from bot.texts import t
from kpi.counters import platform_label
from kpi.formatting import fmt_date, fmt_date_range


def _when(at: dt.datetime, zone: str, locale: str) -> str:
    local = at.astimezone(ZoneInfo(zone))
    return f"{fmt_date(local.date(), locale)} {local:%H:%M}"


def last_source(gap: CampaignGap, zone: str, locale: str) -> str:
    """ "the last import was 25 Nov 2026 08:12. Upload the latest export …", or the last
    sync of its connection and how it ended, with the fix."""
    conn, slug = gap.connection, gap.campaign.slug
    if conn is not None:
        platform = platform_label(conn.platform)
        if conn.last_sync_at is None:
            return t("selfmon.sync.never", locale, platform=platform, campaign=slug)
        key = "selfmon.sync.ok" if conn.last_status == "ok" else "selfmon.sync.failed"
        if conn.stopped:
            key = "selfmon.sync.stopped"
        when = _when(conn.last_sync_at, zone, locale)
        return t(key, locale, platform=platform, when=when, campaign=slug)
    if gap.imported_at is None:
        return t("selfmon.import.never", locale, campaign=slug)
    when = _when(gap.imported_at, zone, locale)
    return t("selfmon.import.last", locale, when=when, campaign=slug)


def gap_line(
    gap: CampaignGap, zone: str, locale: str, *, named: bool = True, this_year: int | None = None
) -> str:
    """ "No data for `campaign-x` since 24 Nov (nothing for 25–27 Nov) — the last import
    was …" (`named`: with the campaign; Home's card says it without). Dates carry their
    year unless it is `this_year` (the year of the reader's today)."""
    since = fmt_date(gap.gap.last_day, locale, this_year)
    first = gap.gap.last_day + dt.timedelta(days=1)
    missing = fmt_date_range(first, gap.gap.expected_through, locale, this_year)
    key = "selfmon.gap" if named else "selfmon.gap.card"
    return t(
        key, locale, campaign=gap.campaign.slug, since=since, missing=missing,
        source=last_source(gap, zone, locale),
    )  # fmt: skip
