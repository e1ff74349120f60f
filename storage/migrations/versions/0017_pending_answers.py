"""pending answers: `/kpi` commands acknowledged and not yet answered, so a replica that
dies does not take them along (another one answers them)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("team_name", sa.String(length=100), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("channel_name", sa.String(length=100), nullable=True),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("response_url", sa.String(length=500), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("owner", sa.String(length=80), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pending_answers_open", "pending_answers", ["sent_at", "lease_until"])
    op.create_index("ix_pending_answers_received_at", "pending_answers", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_pending_answers_received_at", table_name="pending_answers")
    op.drop_index("ix_pending_answers_open", table_name="pending_answers")
    op.drop_table("pending_answers")
