"""Slack texts of competitors (buttons, who clicked). Dutch: competitors_nl.py."""

EN: dict[str, str] = {
    "competitor.button.remove": "Remove {name}",
    "competitor.button.cancel": "Keep it",
    "competitor.removed": ":wastebasket: {user} removed competitor {name} (observations removed: {shown}).",
    "competitor.kept": "Kept — nothing was removed.",
    "competitor.stale": "That button is out of date — nothing was removed. The competitor was changed, renamed or removed since; run `/kpi competitor remove` again to see what it would do now.",
}
