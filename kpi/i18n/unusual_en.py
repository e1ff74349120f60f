"""English texts of unusual changes, their drivers and watches (issue 13). Dutch:
unusual_nl.py, same keys and placeholders. Values arrive formatted by the caller."""

EN: dict[str, str] = {
    # a reply's or digest's line
    "unusual.flag_day": "Unusual: {kpi} {value} on {day} — expected {low}–{high} ({judgement})",
    "unusual.flag_week": "Unusual: {kpi} typically {value} a day over {days} — expected {low}–{high} ({judgement})",
    "unusual.usual": "Usual: {kpi} on {day} within its expected {low}–{high}",
    "unusual.better": "better than usual",
    "unusual.worse": "worse than usual",
    "unusual.quiet.history": "Too little history to say what is usual: {days} days with data, {needed} needed",
    "unusual.quiet.volume": "The last day has too little data or volume to say whether it is unusual",
    "unusual.driver": "Main driver: {part} made {portion} of the change — its {kpi} went from {before} to {after} and its share of {volume} from {share_before} to {share_after}",
}

EN.update(
    {
        # watches: `/kpi watch`, `unwatch`, `watches` and their alerts
        "watch.set": "👀 Watching {kpi} of {campaign} in this channel: a message here when a day (or a week) is outside its usual range, and again when it is back to normal.",
        "watch.already": "{kpi} of {campaign} is already watched in this channel (`/kpi watches` lists every watch).",
        "watch.removed": "Stopped watching {kpi} of {campaign} in this channel.",
        "watch.not_watched": "{kpi} of {campaign} is not watched in this channel (`/kpi watches` lists every watch).",
        "watch.error.usage": "Name a campaign (or `all`) and a KPI to watch.",
        "watch.error.channel": 'Unusual values are posted to the channel a watch is set in: set it in that channel. In the terminal, name the channel by its ID: `kpibot ask "watch …" --channel C0123ABCD`.',
        "example.watch": "`/kpi watch campaign-x cpa` · `/kpi watch all engagement rate` · `/kpi unwatch campaign-x cpa`",
        "watch.check.done": "{count} watches checked, {alerts} alerts sent.",
        "digest.unusual.title": "Unusual",
        "watch.list.title": "Watches",
        "watch.list.empty": "Nothing is watched yet. `/kpi watch campaign-x cpa` posts to the channel it is set in when CPA is unusual.",
        "watch.list.row": "• {kpi} · {campaign} · {channel} · {state}",
        "watch.state.new": "not judged yet",
        "watch.state.ok": "usual",
        "watch.state.unusual": "unusual",
        "watch.alert.unusual": "⚠ {campaign}: {kpi} is unusual",
        "watch.alert.normal": "✅ {campaign}: {kpi} is back to normal",
    }
)
