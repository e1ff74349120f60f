"""What one person's Home tab shows, read from storage: the campaigns they follow (all but
those they unfollowed), each with this week's digest section (the week of the last day
with metrics, compared like for like with the same days of the week before), its targets
and sparkline; the targets over all campaigns, the last alerts, each platform's data
freshness, and the page of campaigns they look at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from bot.digests.data import load
from bot.services import Services
from kpi.benchmarks import Benchmark
from kpi.chart_data import WEEKS
from kpi.digest import Digest, totals_by_week
from kpi.periods import Period
from kpi.schedule import week_of
from kpi.sparkline import Spark, spark_kpi, spark_of
from kpi.weeks import CampaignDigest
from storage.campaigns.records import CampaignRec
from storage.home import Freshness
from storage.targets.records import AlertEventRec, TargetRec

#: Campaigns on one page of the Home tab (each takes up to five blocks of the 100).
PAGE_SIZE = 10
#: The sparkline's KPI when the campaign's own has no line (ROI of a campaign without revenue).
FALLBACK_SPARKS: tuple[str, ...] = ("engagement_rate", "ctr", "reach", "spend")
#: Alerts listed under "Last alerts".
LAST_ALERTS = 5


@dataclass(frozen=True)
class Card:
    """One followed campaign on the page: its week (None: no data in either week), its
    targets, and its sparkline."""

    campaign: CampaignRec
    section: CampaignDigest | None
    targets: tuple[TargetRec, ...]
    spark: Spark | None
    currency: str


@dataclass(frozen=True)
class HomeData:
    team_id: str
    user_id: str
    locale: str
    currency: str
    today: dt.date
    week: Period | None  # None: no metrics at all
    digest: Digest | None
    cards: tuple[Card, ...]
    followed: int  # campaigns followed in all (every page)
    page: int
    pages: int
    unfollowed: tuple[CampaignRec, ...]
    overall_targets: tuple[TargetRec, ...]  # over all campaigns
    alerts: tuple[AlertEventRec, ...]
    slugs: dict[int, str]  # campaign id -> slug, for the alerts
    freshness: tuple[Freshness, ...]
    newest_event_id: int
    #: the workspace's own benchmarks (kpibot's built-in ones apply as well): each card's
    #: values say where they sit in their range (bot.benchmarks.compact)
    benchmarks: tuple[Benchmark, ...] = ()


def home_week(data_through: dt.date | None, today: dt.date) -> Period | None:
    """The week Home shows: the Monday-Sunday week of the last day with metrics (this
    week once today has data, else the last week that has)."""
    if data_through is None:
        return None
    return week_of(min(data_through, today))


def _spark(
    weekly: pd.DataFrame,
    rec: CampaignRec,
    kpi: str,
    last: dt.date,
    count: int,
    locale: str,
    currency: str,
) -> Spark:
    """The `count` weeks ending with the week starting `last` (a Monday)."""
    mine = weekly[weekly["campaign"] == rec.slug] if len(weekly) else weekly
    by_week = {start: totals for (_slug, start), totals in totals_by_week(mine).items()}
    weeks = [last - dt.timedelta(weeks=count - 1 - i) for i in range(count)]
    return spark_of(kpi, by_week, weeks, locale, currency)


def load_home(
    services: Services, team_id: str, user_id: str, locale: str, page: int = 0
) -> HomeData:
    """Everything `user_id`'s Home shows, `page` (from 0; past the last: the last)."""
    ws = services.repo.ensure_workspace(team_id)
    today = services.settings.today_in(ws.timezone)
    home = services.home
    campaigns = services.repo.list_campaigns(team_id)
    skipped = home.unfollowed(team_id, user_id)
    followed = [c for c in campaigns if c.id not in skipped]
    targets = services.targets.list_targets(team_id)
    span = services.repo.data_range(team_id, [c.id for c in followed]) if followed else None
    week = home_week(span[1] if span else None, today)
    digest, weekly = None, pd.DataFrame()
    if week is not None:
        digest, weekly, _infos = load(services, team_id, [c.slug for c in followed], week)
    sections = {c.slug: c for c in digest.campaigns} if digest else {}
    # the biggest spenders of the week first (as the digest orders them), then the rest by name
    order = {slug: i for i, slug in enumerate(sections)}
    followed.sort(key=lambda c: (order.get(c.slug, len(order)), c.slug))
    pages = max(1, -(-len(followed) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = followed[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    # The sparkline ends with the last complete week: a week still going would look like a
    # drop of every total.
    # (the frame the digest read holds WEEKS weeks through `week`)
    spark_end, spark_weeks = None, WEEKS
    if week is not None and digest is not None:
        partial = digest.metrics_through is not None and digest.metrics_through < week.end
        spark_end = week.previous().start if partial else week.start
        spark_weeks = WEEKS - 1 if partial else WEEKS
    cards = []
    for rec in shown:
        own = tuple(t for t in targets if t.campaign_id == rec.id)
        currency = rec.currency or ws.currency
        spark = None
        if spark_end is not None:
            # its own KPI; when that is n/a (ROI without revenue), the first that has a line
            first = spark_kpi(rec.goal, [t.kpi for t in own])
            for kpi in dict.fromkeys((first, *FALLBACK_SPARKS)):
                spark = _spark(weekly, rec, kpi, spark_end, spark_weeks, locale, currency)
                if spark.drawable:
                    break
        cards.append(Card(rec, sections.get(rec.slug), own, spark, currency))
    slugs = {c.id: c.slug for c in campaigns}
    return HomeData(
        team_id=team_id,
        user_id=user_id,
        locale=locale,
        currency=ws.currency,
        today=today,
        week=week,
        digest=digest,
        cards=tuple(cards),
        followed=len(followed),
        page=page,
        pages=pages,
        unfollowed=tuple(c for c in campaigns if c.id in skipped),
        overall_targets=tuple(t for t in targets if t.campaign_id is None),
        alerts=tuple(services.targets.list_events(team_id, limit=LAST_ALERTS)),
        slugs=slugs,
        freshness=tuple(home.freshness(team_id)),
        newest_event_id=home.newest_event_id(team_id),
        benchmarks=tuple(services.repo.benchmarks(team_id)),
    )
