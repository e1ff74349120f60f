"""SMART targets and alerts in Slack (issue 4): `/kpi target`, `/kpi targets`,
`/kpi alerts`, the modal, the alert messages and their buttons, and the check that posts
them. `bot.alerts.feature` declares it all; nothing here runs at import time."""
