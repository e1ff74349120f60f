"""platform_campaigns.connection_id: which connection's sync maps a platform campaign id, so
rows a platform stops reporting are removed only from that connection's campaigns; filled
where a workspace has one connection of the platform (the others are claimed by their next
sync)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 10:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("platform_campaigns", sa.Column("connection_id", sa.Integer(), nullable=True))
    op.create_index("ix_platform_campaigns_connection_id", "platform_campaigns", ["connection_id"])
    op.execute(
        "UPDATE platform_campaigns SET connection_id = (SELECT c.id FROM connections c "
        "WHERE c.team_id = platform_campaigns.team_id "
        "AND c.platform = platform_campaigns.platform) "
        "WHERE (SELECT COUNT(*) FROM connections c WHERE c.team_id = platform_campaigns.team_id "
        "AND c.platform = platform_campaigns.platform) = 1"
    )


def downgrade() -> None:
    op.drop_index("ix_platform_campaigns_connection_id", table_name="platform_campaigns")
    with op.batch_alter_table("platform_campaigns") as batch:
        batch.drop_column("connection_id")
