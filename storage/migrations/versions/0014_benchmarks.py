"""benchmarks: a workspace's own benchmark per KPI and platform (before kpibot's built-in
industry ranges)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 10:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "benchmarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("kpi", sa.String(length=40), nullable=False),
        sa.Column("platform", sa.String(length=30), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("set_by", sa.String(length=32), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "kpi", "platform", name="uq_benchmarks_kpi_platform"),
    )
    op.create_index("ix_benchmarks_team_id", "benchmarks", ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_benchmarks_team_id", table_name="benchmarks")
    op.drop_table("benchmarks")
