"""token expiry: connections.token_expires_at (when the platform said the stored token
stops working) and connections.expiry_warned_for (the expiry the channel was warned about,
so the warning seven days ahead goes once per token)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("connections") as batch:
        batch.add_column(sa.Column("token_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("expiry_warned_for", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("connections") as batch:
        batch.drop_column("expiry_warned_for")
        batch.drop_column("token_expires_at")
