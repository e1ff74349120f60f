"""Imports in Slack and the terminal: a CSV export shared in a channel, `/kpi import`,
`kpibot import FILE`. `bot.imports.feature` declares it all; nothing here runs at import
time."""
