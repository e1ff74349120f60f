"""the Home tab (home_users, home_unfollows, chart_files) and the digest told as a story
(subscriptions.quiet, deliveries.body_ts)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 07:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quiet", sa.Boolean(), server_default="0", nullable=False))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("body_ts", sa.String(length=32), nullable=True))
    op.create_table(
        "home_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "user_id", name="uq_home_users_user"),
    )
    op.create_index("ix_home_users_team_id", "home_users", ["team_id"])
    op.create_table(
        "home_unfollows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "user_id", "campaign_id", name="uq_home_unfollows"),
    )
    op.create_index("ix_home_unfollows_team_id", "home_unfollows", ["team_id"])
    op.create_table(
        "chart_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("data_hash", sa.String(length=64), nullable=False),
        sa.Column("file_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "key", name="uq_chart_files_key"),
    )


def downgrade() -> None:
    op.drop_table("chart_files")
    op.drop_index("ix_home_unfollows_team_id", table_name="home_unfollows")
    op.drop_table("home_unfollows")
    op.drop_index("ix_home_users_team_id", table_name="home_users")
    op.drop_table("home_users")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("body_ts")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("quiet")
