"""metric_summaries: daily_metrics summed per campaign, platform and week or month, so long
periods and all campaigns read whole buckets plus the days at the edges; filled from the
rows already stored

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The counters as of this revision (kpi.counters.COUNTERS may grow later; a later
# migration adds its columns here too).
COUNTS = (
    "impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "video_views",
    "video_completions", "followers", "followers_gained", "mentions", "customers", "posts",
)  # fmt: skip
FRACTIONS = ("conversions", "leads")
MONEY = ("revenue", "spend")
PARTNERS = ("impressions", "likes", "comments", "shares", "clicks")


def upgrade() -> None:
    op.create_table(
        "metric_summaries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("grain", sa.String(length=1), nullable=False),
        sa.Column("bucket", sa.Date(), nullable=False),
        sa.Column("platform", sa.String(length=30), nullable=False),
        sa.Column("rows", sa.BigInteger(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reach_rows", sa.BigInteger(), nullable=False),
        sa.Column("rows_without_reach", sa.BigInteger(), nullable=False),
        *(sa.Column(c, sa.BigInteger(), nullable=True) for c in COUNTS),
        *(sa.Column(c, sa.Numeric(24, 6), nullable=True) for c in FRACTIONS),
        *(sa.Column(c, sa.Numeric(24, 4), nullable=True) for c in MONEY),
        *(sa.Column(f"with_reach_{c}", sa.BigInteger(), nullable=True) for c in PARTNERS),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_metric_summaries_key",
        "metric_summaries",
        ["campaign_id", "grain", "bucket", "platform"],
        unique=True,
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for grain in ("w", "m"):
        op.execute(_backfill(grain, sqlite))


def _backfill(grain: str, sqlite: bool) -> str:
    if sqlite:
        modifiers = "'-6 days', 'weekday 1'" if grain == "w" else "'start of month'"
        bucket = f"date(day, {modifiers})"
    else:
        bucket = f"CAST(date_trunc('{'week' if grain == 'w' else 'month'}', day) AS DATE)"
    counters = (*COUNTS, *FRACTIONS, *MONEY)
    partners = " OR ".join(f"{c} IS NOT NULL" for c in PARTNERS)
    with_reach = [f"with_reach_{c}" for c in PARTNERS]
    columns = [
        "campaign_id", "grain", "bucket", "platform", "rows", "first_day", "last_day",
        "reach_rows", "rows_without_reach", *counters, *with_reach,
    ]  # fmt: skip
    values = [
        "campaign_id", f"'{grain}'", bucket, "platform", "COUNT(*)", "MIN(day)",
        "MAX(COALESCE(day_end, day))", "COUNT(reach)",
        f"SUM(CASE WHEN reach IS NULL AND ({partners}) THEN 1 ELSE 0 END)",
        *(f"SUM({c})" for c in counters),
        *(f"SUM(CASE WHEN reach IS NOT NULL THEN {c} END)" for c in PARTNERS),
    ]  # fmt: skip
    return (
        f"INSERT INTO metric_summaries ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM daily_metrics "
        f"GROUP BY campaign_id, {bucket}, platform"
    )


def downgrade() -> None:
    op.drop_index("ix_metric_summaries_key", table_name="metric_summaries")
    op.drop_table("metric_summaries")
