"""SQLAlchemy 2 models. Every row belongs to a workspace (team_id); ORM objects never
leave the storage package: repositories return dataclasses or DataFrames."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kpi.counters import COUNTERS, DECIMAL_COUNTERS, MONEY_COUNTERS
from kpi.reach import WITH_REACH

MONEY = Numeric(18, 4)
#: Fractional counts (conversions, leads under data-driven attribution): exact decimals.
FRACTION = Numeric(18, 6)


class Base(DeclarativeBase):
    pass


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Workspace(Base):
    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    #: Set when Slack said the app was uninstalled or its bot token revoked: no scheduled
    #: work runs for the workspace until it is installed again.
    uninstalled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Campaign(Base):
    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("team_id", "slug", name="uq_campaigns_team_slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str | None] = mapped_column(String(20))
    currency: Mapped[str | None] = mapped_column(String(3))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    budget: Mapped[float | None] = mapped_column(MONEY)
    value_per_conversion: Mapped[float | None] = mapped_column(MONEY)
    ltv_per_customer: Mapped[float | None] = mapped_column(MONEY)
    last_import_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Set: hidden from `all`, lists and digests; its rows, costs and targets are kept.
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class DailyMetric(Base):
    """One campaign, one day, one platform. NULL = not reported, 0 = zero.

    A row whose reporting period spans several days (a platform's period total) keeps the
    first day in ``day`` and the last in ``day_end``; for ordinary rows ``day_end`` is NULL.
    """

    __tablename__ = "daily_metrics"
    __table_args__ = (
        # The upsert key, and the index every aggregate runs over through its (campaign_id, day)
        # prefix (WHERE campaign_id = ? AND day BETWEEN ? AND ?): one index, not two, keeps
        # imports fast. A named unique index, not a constraint, so SQLite's query plans name it.
        Index("ix_daily_metrics_campaign_day", "campaign_id", "day", "platform", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    day_end: Mapped[dt.date | None] = mapped_column(Date)
    platform: Mapped[str] = mapped_column(String(30))


for _name in COUNTERS:
    if _name in MONEY_COUNTERS:
        _type: Any = MONEY
    elif _name in DECIMAL_COUNTERS:
        _type = FRACTION
    else:
        _type = BigInteger
    setattr(DailyMetric, _name, mapped_column(_name, _type, nullable=True))
del _name, _type


#: Sums over many rows: wider than a row's own column.
MONEY_SUM = Numeric(24, 4)
FRACTION_SUM = Numeric(24, 6)


class MetricSummary(Base):
    """Every daily_metrics row of one campaign and platform whose ``day`` falls in one week
    (``grain`` "w", from Monday), month ("m") or year ("y"), summed: kept in the same
    transaction as the rows (storage/summaries.py) so a long period reads whole buckets plus
    the days at its edges (storage/summary_source.py). A counter is NULL when no row reported it.
    ``reach_rows`` rows report reach; ``with_reach_*`` the reach partners of those rows;
    ``rows_without_reach`` rows with impressions or interactions but no reach."""

    __tablename__ = "metric_summaries"
    __table_args__ = (
        Index("ix_metric_summaries_key", "campaign_id", "grain", "bucket", "platform", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    grain: Mapped[str] = mapped_column(String(1))
    bucket: Mapped[dt.date] = mapped_column(Date)
    platform: Mapped[str] = mapped_column(String(30))
    rows: Mapped[int] = mapped_column(BigInteger)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)  # the latest day_end (or day)
    reach_rows: Mapped[int] = mapped_column(BigInteger)
    rows_without_reach: Mapped[int] = mapped_column(BigInteger)


for _name in COUNTERS:
    if _name in MONEY_COUNTERS:
        _type = MONEY_SUM
    elif _name in DECIMAL_COUNTERS:
        _type = FRACTION_SUM
    else:
        _type = BigInteger
    setattr(MetricSummary, _name, mapped_column(_name, _type, nullable=True))
for _column in WITH_REACH.values():
    setattr(MetricSummary, _column, mapped_column(_column, BigInteger, nullable=True))
del _name, _type, _column


class Cost(Base):
    __tablename__ = "costs"
    __table_args__ = (Index("ix_costs_campaign_day", "campaign_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(20))
    amount: Mapped[float] = mapped_column(MONEY)
    hours: Mapped[float | None] = mapped_column(Float)
    hourly_rate: Mapped[float | None] = mapped_column(MONEY)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class Target(Base):
    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE")
    )  # NULL = all campaigns
    kpi: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(2))  # ">=" or "<="
    value: Mapped[float] = mapped_column(Float)
    deadline: Mapped[dt.date] = mapped_column(Date)
    window_days: Mapped[int] = mapped_column(Integer, default=7)
    channel_id: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(12), default="new")
    last_value: Mapped[float | None] = mapped_column(Float)
    last_checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    snoozed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    #: "target", or "watch": alerts when the KPI leaves its usual range (op, value and
    #: deadline unused); both share the alert claim, thread, acknowledge and snooze
    kind: Mapped[str] = mapped_column(String(8), default="target", server_default="target")


class AlertEvent(Base):
    """Every state change of a target. Unique (target, seq) is the claim that makes an
    alert go out once even when two checks run at the same time."""

    __tablename__ = "alert_events"
    __table_args__ = (UniqueConstraint("target_id", "seq", name="uq_alert_events_target_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    from_state: Mapped[str] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    value: Mapped[float | None] = mapped_column(Float)
    window_start: Mapped[dt.date | None] = mapped_column(Date)
    window_end: Mapped[dt.date | None] = mapped_column(Date)
    message_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    # The alert's delivery, a lease like a digest's: "claimed" (being posted since
    # claimed_at), "failed" (retried by a later check), "posted", "dead" (given up, the
    # creator was told) or "done" (a change that tells nobody, e.g. new -> ok).
    status: Mapped[str] = mapped_column(String(12), default="done", server_default="done")
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[dt.date | None] = mapped_column(Date)  # the day the change was judged on


class SlackRequest(Base):
    """Slack ids already acted on: an event's event_id (Slack retries an event with the same
    id) and a state-changing command's trigger_id (a replayed request carries the same one).
    Unique per workspace, so of two replicas receiving the same request one acts."""

    __tablename__ = "slack_requests"
    __table_args__ = (
        UniqueConstraint("team_id", "kind", "key", name="uq_slack_requests_key"),
        Index("ix_slack_requests_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8))  # "event" | "trigger"
    key: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", name="uq_subscriptions_channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    channel_id: Mapped[str] = mapped_column(String(32))
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday
    time_of_day: Mapped[str] = mapped_column(String(5))  # "HH:MM"
    timezone: Mapped[str] = mapped_column(String(64))
    campaigns: Mapped[list[str] | None] = mapped_column(JSON)  # slugs; NULL = all
    #: skip a week when nothing moved beyond noise (said in the previous digest's thread)
    quiet: Mapped[bool] = mapped_column(default=False, server_default="0")
    #: add "you vs competitors" (bot.competitors.digest) to the digest's thread
    competitors: Mapped[bool] = mapped_column(default=False, server_default="0")
    paused: Mapped[bool] = mapped_column(default=False)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class Delivery(Base):
    """(subscription, period) is unique: the claim taken before a digest is posted."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "period_start", name="uq_deliveries_sub_period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    period_start: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="claimed")  # claimed|sent|failed
    #: the channel message (the headline); for a quiet week, the digest it is threaded under
    message_ts: Mapped[str | None] = mapped_column(String(32))
    #: the thread reply with the details (or the quiet week's note), once it is out
    body_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Connection(Base):
    """An ad platform account a workspace syncs from. `secret` holds the credentials sealed
    by storage.vault (never in clear); `config` what is not secret (the account id). The
    lease (`lease_owner`, `lease_until`) is taken with a conditional UPDATE before a sync, so
    one replica syncs a connection at a time; `stopped` says why it no longer syncs;
    `token_expires_at` and `expiry_warned_for` drive the warning seven days ahead."""

    __tablename__ = "connections"
    __table_args__ = (
        UniqueConstraint("team_id", "platform", "account_id", name="uq_connections_account"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(20))  # meta | google-ads | linkedin | ga4
    account_id: Mapped[str] = mapped_column(String(64))
    account_name: Mapped[str | None] = mapped_column(String(200))
    currency: Mapped[str | None] = mapped_column(String(3))
    timezone: Mapped[str | None] = mapped_column(String(64))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    api_url: Mapped[str | None] = mapped_column(String(300))
    config: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    secret: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    synced_through: Mapped[dt.date | None] = mapped_column(Date)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[str | None] = mapped_column(String(12))  # ok | failed | stopped
    last_error: Mapped[str | None] = mapped_column(Text)
    next_run_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    stopped: Mapped[str | None] = mapped_column(Text)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: when the stored token (Meta) or refresh token (LinkedIn) stops working, as the
    #: platform said; None: never, or not told (Google Ads, GA4)
    token_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: the `token_expires_at` the channel was warned about (once per token); connecting
    #: again clears it
    expiry_warned_for: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class PlatformCampaign(Base):
    """A platform's campaign id -> kpibot's campaign: a campaign renamed on the platform (or
    in kpibot) stays one campaign."""

    __tablename__ = "platform_campaigns"
    __table_args__ = (
        UniqueConstraint("team_id", "platform", "external_id", name="uq_platform_campaigns_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    #: the connection whose sync last reported this id (no foreign key: a mapping outlives
    #: its connection, and the next connection of the account claims it again)
    connection_id: Mapped[int | None] = mapped_column(Integer, index=True)


class HomeUser(Base):
    """A person who opened kpibot's Home tab: their locale, the page they look at, and when
    their Home was last published (rebuilds are debounced and only for these people)."""

    __tablename__ = "home_users"
    __table_args__ = (UniqueConstraint("team_id", "user_id", name="uq_home_users_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str] = mapped_column(String(32))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    page: Mapped[int] = mapped_column(Integer, default=0)
    #: something the Home shows changed since it was published (an import, a state change)
    dirty: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: the newest alert event shown, so a new one makes the Home due again
    seen_event_id: Mapped[int] = mapped_column(Integer, default=0)


class HomeUnfollow(Base):
    """A campaign a person does not follow on their Home (by default they follow all)."""

    __tablename__ = "home_unfollows"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "campaign_id", name="uq_home_unfollows"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))


class ChartFile(Base):
    """A chart uploaded to Slack once: the hash of what it draws and the file id, so an
    unchanged chart is never uploaded again (the Home tab's sparklines)."""

    __tablename__ = "chart_files"
    __table_args__ = (UniqueConstraint("team_id", "key", name="uq_chart_files_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(100))
    data_hash: Mapped[str] = mapped_column(String(64))
    file_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class Notice(Base):
    """Something told once (a campaign's data gap to a channel, a target's problem to its
    creator): the unique (team, key) is the claim taken before the message is posted, a
    lease like an alert's (``claimed`` since claimed_at, ``sent``, ``failed``)."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("team_id", "key", name="uq_notices_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="claimed")
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    error: Mapped[str | None] = mapped_column(Text)


class WorkspaceBenchmark(Base):
    """A benchmark a workspace set for one KPI on one platform ("all": every platform), in
    the KPI's unit: a range (low and high) or one end (the other NULL); `currency` for a
    range of money. Picked before kpibot's built-in ranges (kpi.benchmarks)."""

    __tablename__ = "benchmarks"
    __table_args__ = (
        UniqueConstraint("team_id", "kpi", "platform", name="uq_benchmarks_kpi_platform"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    kpi: Mapped[str] = mapped_column(String(40))
    platform: Mapped[str] = mapped_column(String(30))
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    set_by: Mapped[str | None] = mapped_column(String(32))
    set_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


# -- Slack's OAuth tables -------------------------------------------------------------------
# Column for column what slack_sdk's SQLAlchemyInstallationStore and SQLAlchemyOAuthStateStore
# read and write (their build_*_table); kpibot's migrations create them, so the stores never
# create tables themselves. tests/storage/test_slack_tables.py compares them with slack_sdk's.
# Their DateTimes are naive UTC, as slack_sdk writes them.
_S32, _S200, _S1000 = String(32), String(200), String(1000)


class SlackBot(Base):
    """One bot installation per row (a token refresh updates its row)."""

    __tablename__ = "slack_bots"
    __table_args__ = (
        Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(_S32)
    app_id: Mapped[str] = mapped_column(_S32)
    enterprise_id: Mapped[str | None] = mapped_column(_S32)
    enterprise_name: Mapped[str | None] = mapped_column(_S200)
    team_id: Mapped[str | None] = mapped_column(_S32)
    team_name: Mapped[str | None] = mapped_column(_S200)
    bot_token: Mapped[str | None] = mapped_column(_S200)
    bot_id: Mapped[str | None] = mapped_column(_S32)
    bot_user_id: Mapped[str | None] = mapped_column(_S32)
    bot_scopes: Mapped[str | None] = mapped_column(_S1000)
    bot_refresh_token: Mapped[str | None] = mapped_column(_S200)
    bot_token_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    is_enterprise_install: Mapped[bool] = mapped_column(Boolean, default=False)
    installed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SlackInstallation(Base):
    """Every installation (who installed, with which scopes), newest last."""

    __tablename__ = "slack_installations"
    __table_args__ = (
        Index(
            "slack_installations_idx",
            "client_id",
            "enterprise_id",
            "team_id",
            "user_id",
            "installed_at",
        ),  # fmt: skip
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(_S32)
    app_id: Mapped[str] = mapped_column(_S32)
    enterprise_id: Mapped[str | None] = mapped_column(_S32)
    enterprise_name: Mapped[str | None] = mapped_column(_S200)
    enterprise_url: Mapped[str | None] = mapped_column(_S200)
    team_id: Mapped[str | None] = mapped_column(_S32)
    team_name: Mapped[str | None] = mapped_column(_S200)
    bot_token: Mapped[str | None] = mapped_column(_S200)
    bot_id: Mapped[str | None] = mapped_column(_S32)
    bot_user_id: Mapped[str | None] = mapped_column(_S32)
    bot_scopes: Mapped[str | None] = mapped_column(_S1000)
    bot_refresh_token: Mapped[str | None] = mapped_column(_S200)
    bot_token_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    user_id: Mapped[str] = mapped_column(_S32)
    user_token: Mapped[str | None] = mapped_column(_S200)
    user_scopes: Mapped[str | None] = mapped_column(_S1000)
    user_refresh_token: Mapped[str | None] = mapped_column(_S200)
    user_token_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    incoming_webhook_url: Mapped[str | None] = mapped_column(_S200)
    incoming_webhook_channel: Mapped[str | None] = mapped_column(_S200)
    incoming_webhook_channel_id: Mapped[str | None] = mapped_column(_S200)
    incoming_webhook_configuration_url: Mapped[str | None] = mapped_column(_S200)
    is_enterprise_install: Mapped[bool] = mapped_column(Boolean, default=False)
    token_type: Mapped[str | None] = mapped_column(_S32)
    installed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SlackOAuthState(Base):
    """The state of an install in progress (issued by /slack/install, used up once by
    /slack/oauth_redirect): in the database, so any replica can finish what another began."""

    __tablename__ = "slack_oauth_states"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    state: Mapped[str] = mapped_column(_S200)
    expire_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Competitor(Base):
    """A competitor a workspace follows by hand (`/kpi competitor add`, a competitor CSV):
    its name as typed, found again by `key` (lower case, single spaces)."""

    __tablename__ = "competitors"
    __table_args__ = (UniqueConstraint("team_id", "key", name="uq_competitors_team_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(60))
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class CompetitorObservation(Base):
    """What was seen of a competitor on one platform on one day: followers that day, and the
    engagement rate (%) and posts over the `days` days ending that day. NULL = not noted.
    Unique on (competitor, platform, day): noting the same day again replaces it."""

    __tablename__ = "competitor_observations"
    __table_args__ = (
        UniqueConstraint("competitor_id", "platform", "day", name="uq_competitor_observations"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(
        ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    competitor_id: Mapped[int] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(30))
    day: Mapped[dt.date] = mapped_column(Date)
    followers: Mapped[int | None] = mapped_column(BigInteger)
    engagement_rate: Mapped[float | None] = mapped_column(Numeric(9, 4))
    posts: Mapped[int | None] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer, default=7)
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class PendingAnswer(Base):
    """A `/kpi` command acknowledged and not yet answered (storage.answers): written in the
    ack, marked ``sent_at`` just before its reply goes to the response_url (the claim: no
    second post) and ``done_at`` after. ``owner`` is the replica answering it while its
    ``lease_until`` is renewed; a lease run out means the owner is gone."""

    __tablename__ = "pending_answers"
    __table_args__ = (
        Index("ix_pending_answers_open", "sent_at", "lease_until"),
        Index("ix_pending_answers_received_at", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    team_name: Mapped[str | None] = mapped_column(String(100))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    channel_name: Mapped[str | None] = mapped_column(String(100))
    user_id: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    response_url: Mapped[str] = mapped_column(String(500))
    locale: Mapped[str | None] = mapped_column(String(8))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    owner: Mapped[str] = mapped_column(String(80))
    lease_until: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
