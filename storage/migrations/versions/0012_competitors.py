"""competitors and their dated observations (followers, engagement rate, posts per
platform), and subscriptions.competitors (a digest's "you vs competitors")

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 10:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("competitors", sa.Boolean(), server_default="0", nullable=False)
        )
    op.create_table(
        "competitors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "key", name="uq_competitors_team_key"),
    )
    op.create_index("ix_competitors_team_id", "competitors", ["team_id"])
    op.create_table(
        "competitor_observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("competitor_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=30), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("followers", sa.BigInteger(), nullable=True),
        sa.Column("engagement_rate", sa.Numeric(precision=9, scale=4), nullable=True),
        sa.Column("posts", sa.Integer(), nullable=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["competitor_id"], ["competitors.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("competitor_id", "platform", "day", name="uq_competitor_observations"),
    )
    op.create_index("ix_competitor_observations_team_id", "competitor_observations", ["team_id"])
    op.create_index(
        "ix_competitor_observations_competitor_id", "competitor_observations", ["competitor_id"]
    )


def downgrade() -> None:
    op.drop_table("competitor_observations")
    op.drop_table("competitors")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("competitors")
