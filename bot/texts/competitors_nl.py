"""Slack-teksten van concurrenten (knoppen, wie klikte). Engels: competitors_en.py."""

NL: dict[str, str] = {
    "competitor.button.remove": "{name} verwijderen",
    "competitor.button.cancel": "Laten staan",
    "competitor.removed": ":wastebasket: {user} heeft concurrent {name} verwijderd (waarnemingen verwijderd: {shown}).",
    "competitor.kept": "Blijft staan — er is niets verwijderd.",
    "competitor.stale": "Die knop is verouderd — er is niets verwijderd. De concurrent is sindsdien gewijzigd, hernoemd of verwijderd; geef `/kpi concurrent verwijder` opnieuw om te zien wat die nu zou doen.",
}
