"""The campaigns feature: the `/kpi campaign` sub-command and the buttons of its
confirmations (and of `/kpi log` asking before it creates a campaign)."""

from __future__ import annotations

from bot.campaigns import actions
from bot.campaigns.commands import campaign_command
from bot.feature import Feature

FEATURE = Feature(
    name="campaigns",
    keywords={"campaign": "campaign", "campagne": "campaign"},
    commands={"campaign": campaign_command},
    listeners=actions.register,
)
