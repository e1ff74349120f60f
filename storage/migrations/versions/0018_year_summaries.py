"""metric_summaries: year buckets (grain "y") beside the week and month ones, so a period of
years ("to date" over a long history, `all` campaigns) reads one row per campaign, platform
and year instead of twelve; filled from the rows already stored

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 19:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# The counters as of this revision (as 0015 sums them) and the reach partners.
COUNTERS = (
    "impressions", "reach", "likes", "comments", "shares", "saves", "clicks", "sessions",
    "video_views", "video_completions", "followers", "followers_gained", "mentions",
    "customers", "posts", "conversions", "leads", "revenue", "spend",
)  # fmt: skip
PARTNERS = ("impressions", "likes", "comments", "shares", "clicks")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    bucket = "date(day, 'start of year')" if sqlite else "CAST(date_trunc('year', day) AS DATE)"
    partners = " OR ".join(f"{c} IS NOT NULL" for c in PARTNERS)
    columns = [
        "campaign_id", "grain", "bucket", "platform", "rows", "first_day", "last_day",
        "reach_rows", "rows_without_reach", *COUNTERS, *(f"with_reach_{c}" for c in PARTNERS),
    ]  # fmt: skip
    values = [
        "campaign_id", "'y'", bucket, "platform", "COUNT(*)", "MIN(day)",
        "MAX(COALESCE(day_end, day))", "COUNT(reach)",
        f"SUM(CASE WHEN reach IS NULL AND ({partners}) THEN 1 ELSE 0 END)",
        *(f"SUM({c})" for c in COUNTERS),
        *(f"SUM(CASE WHEN reach IS NOT NULL THEN {c} END)" for c in PARTNERS),
    ]  # fmt: skip
    op.execute("DELETE FROM metric_summaries WHERE grain = 'y'")
    op.execute(
        f"INSERT INTO metric_summaries ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM daily_metrics "
        f"GROUP BY campaign_id, {bucket}, platform"
    )


def downgrade() -> None:
    op.execute("DELETE FROM metric_summaries WHERE grain = 'y'")
