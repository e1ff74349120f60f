"""campaigns that hold money keep the currency it was stored in

Until now a campaign without a currency of its own showed its money in whatever the
workspace default was at the time of asking, so changing the default relabelled stored
figures. From now on a campaign's currency is fixed when money is first stored for it;
this gives campaigns that already hold money (spend, revenue or costs) the workspace's
current default, which is the currency their figures have been shown in.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 06:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE campaigns SET currency = (
            SELECT w.currency FROM workspaces w WHERE w.team_id = campaigns.team_id
        )
        WHERE currency IS NULL AND (
            EXISTS (
                SELECT 1 FROM daily_metrics d WHERE d.campaign_id = campaigns.id
                AND (d.spend IS NOT NULL OR d.revenue IS NOT NULL)
            )
            OR EXISTS (SELECT 1 FROM costs c WHERE c.campaign_id = campaigns.id)
        )
        """
    )


def downgrade() -> None:
    # Which campaigns had no currency before cannot be told apart afterwards; keeping the
    # currency is harmless for the older code, which reads it the same way.
    pass
