"""SMART targets and alerts in Slack (issue 4): `/kpi target`, `/kpi targets`,
`/kpi alerts`, the modal, the alert messages and their buttons, and the check that posts
them. `bot.alerts.register` wires it all in; nothing here runs at import time."""
