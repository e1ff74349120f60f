"""Weekly digests in Slack (issue 5): `/kpi digest weekly|off|preview`, the digest message
and its charts, the once-a-minute tick that posts what is due exactly once, and
`kpibot digest run-due|send`. `bot.digests.feature` declares it all; nothing here runs at
import time."""
