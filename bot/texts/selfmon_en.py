"""English texts of self-monitoring (bot.selfmon): late data and a target's problems."""

EN: dict[str, str] = {
    "selfmon.gap": ":warning: No data for `{campaign}` since {since} (nothing for {missing}) — {source}",
    "selfmon.gap.card": ":warning: No data since {since} (nothing for {missing}) — {source}",
    "selfmon.import.last": "the last import was {when}. Upload the latest export (`/kpi import`, or share the CSV in a channel I am in); if the campaign ended, archive it (`/kpi campaign archive {campaign}`).",
    "selfmon.import.never": "its numbers were logged by hand, never imported. Log the missing days (`/kpi log {campaign} …`) or upload the export (`/kpi import`).",
    "selfmon.sync.ok": "the last sync of {platform} was {when} and brought no newer days. Check in {platform} that the campaign still runs; if it ended, archive it (`/kpi campaign archive {campaign}`).",
    "selfmon.sync.failed": "the last sync of {platform} was {when} and failed. `/kpi connections` says why; fix the connection (`/kpi connect …`) and run `/kpi sync`.",
    "selfmon.sync.stopped": "the connection to {platform} stopped after its sync of {when}. `/kpi connections` says why; connect it again (`/kpi connect …`).",
    "selfmon.sync.never": "its {platform} connection has not synced yet. Check it with `/kpi connections` and run `/kpi sync`.",
    "selfmon.digest.title": "Data missing",
    "selfmon.digest.headline": ":warning: No new data for {campaigns}: see the thread.",
}
