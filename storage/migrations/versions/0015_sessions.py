"""sessions: a counter of its own (GA4's sessions, stored as clicks until now) on
daily_metrics and metric_summaries; rows on platform `web` (GA4's, by sync or file import)
move their clicks to sessions, in the rows and in their summaries alike

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLES = ("daily_metrics", "metric_summaries")
# The counters as of this revision, and clicks' reach partners (as 0009 sums them).
COUNTERS = (
    "impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "sessions",
    "video_views", "video_completions", "followers", "followers_gained", "mentions",
    "customers", "posts", "conversions", "leads", "revenue", "spend",
)  # fmt: skip
PARTNERS = ("impressions", "likes", "comments", "shares", "clicks")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("sessions", sa.BigInteger(), nullable=True))
    op.execute(
        "UPDATE daily_metrics SET sessions = clicks, clicks = NULL "
        "WHERE platform = 'web' AND clicks IS NOT NULL"
    )
    # The web summaries summed again (clicks count towards rows without reach).
    op.execute("DELETE FROM metric_summaries WHERE platform = 'web'")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for grain in ("w", "m"):
        op.execute(_web_summaries(grain, sqlite))


def _web_summaries(grain: str, sqlite: bool) -> str:
    if sqlite:
        modifiers = "'-6 days', 'weekday 1'" if grain == "w" else "'start of month'"
        bucket = f"date(day, {modifiers})"
    else:
        bucket = f"CAST(date_trunc('{'week' if grain == 'w' else 'month'}', day) AS DATE)"
    partners = " OR ".join(f"{c} IS NOT NULL" for c in PARTNERS)
    columns = [
        "campaign_id", "grain", "bucket", "platform", "rows", "first_day", "last_day",
        "reach_rows", "rows_without_reach", *COUNTERS, *(f"with_reach_{c}" for c in PARTNERS),
    ]  # fmt: skip
    values = [
        "campaign_id", f"'{grain}'", bucket, "platform", "COUNT(*)", "MIN(day)",
        "MAX(COALESCE(day_end, day))", "COUNT(reach)",
        f"SUM(CASE WHEN reach IS NULL AND ({partners}) THEN 1 ELSE 0 END)",
        *(f"SUM({c})" for c in COUNTERS),
        *(f"SUM(CASE WHEN reach IS NOT NULL THEN {c} END)" for c in PARTNERS),
    ]  # fmt: skip
    return (
        f"INSERT INTO metric_summaries ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM daily_metrics WHERE platform = 'web' "
        f"GROUP BY campaign_id, {bucket}, platform"
    )


def downgrade() -> None:
    for table in TABLES:  # (summaries of web rows then lack rows_without_reach's clicks)
        op.execute(
            f"UPDATE {table} SET clicks = sessions WHERE platform = 'web' AND clicks IS NULL"
        )
        with op.batch_alter_table(table) as batch:
            batch.drop_column("sessions")
