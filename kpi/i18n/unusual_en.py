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
