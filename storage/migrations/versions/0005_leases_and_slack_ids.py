"""alert deliveries as leases (status, claimed_at, attempts, error, as_of) and the Slack ids
already acted on (slack_requests)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 06:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing events count as delivered ("done"): only changes claimed from now on retry.
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=12), server_default="done", nullable=False)
        )
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("error", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("as_of", sa.Date(), nullable=True))
    op.create_table(
        "slack_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "kind", "key", name="uq_slack_requests_key"),
    )
    op.create_index("ix_slack_requests_created_at", "slack_requests", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_slack_requests_created_at", table_name="slack_requests")
    op.drop_table("slack_requests")
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        for column in ("as_of", "error", "attempts", "claimed_at", "status"):
            batch_op.drop_column(column)
