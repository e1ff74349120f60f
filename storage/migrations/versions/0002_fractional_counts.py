"""conversions and leads keep the decimals platforms report (data-driven attribution)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ("conversions", "leads")


def upgrade() -> None:
    # SQLite: batch mode copies the table (rows and index kept); PostgreSQL: ALTER TYPE,
    # every whole number converts exactly.
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.alter_column(
                column,
                existing_type=sa.BigInteger(),
                type_=sa.Numeric(precision=18, scale=6),
                existing_nullable=True,
            )


def downgrade() -> None:
    # Back to whole numbers: fractions are rounded (PostgreSQL) or truncated (SQLite).
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.alter_column(
                column,
                existing_type=sa.Numeric(precision=18, scale=6),
                type_=sa.BigInteger(),
                existing_nullable=True,
                postgresql_using=f"round({column})::bigint",
            )
