"""watches: a target row of kind "watch" (alert when a campaign's KPI leaves its usual
range), sharing the targets' alert claim, thread, acknowledge and snooze

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 07:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=8), server_default="target", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_column("kind")
