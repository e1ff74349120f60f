"""Nederlandse teksten van ongewone veranderingen, hun oorzaken en bewaking (issue 13).
Engels: unusual_en.py, dezelfde sleutels en plaatshouders."""

NL: dict[str, str] = {
    "unusual.flag_day": "Ongewoon: {kpi} {value} op {day} — verwacht {low}–{high} ({judgement})",
    "unusual.flag_week": "Ongewoon: {kpi} doorgaans {value} per dag over {days} — verwacht {low}–{high} ({judgement})",
    "unusual.usual": "Gewoon: {kpi} op {day} binnen de verwachte {low}–{high}",
    "unusual.better": "beter dan gewoonlijk",
    "unusual.worse": "slechter dan gewoonlijk",
    "unusual.quiet.history": "Te weinig geschiedenis om te zeggen wat gewoon is: {days} dagen met data, {needed} nodig",
    "unusual.quiet.volume": "De laatste dag heeft te weinig data of volume om te zeggen of hij ongewoon is",
    "unusual.driver": "Grootste oorzaak: {part} zorgde voor {portion} van de verandering — de {kpi} ging van {before} naar {after} en het aandeel in {volume} van {share_before} naar {share_after}",
}

NL.update(
    {
        "watch.set": "👀 {kpi} van {campaign} wordt bewaakt in dit kanaal: een bericht hier als een dag (of een week) buiten het gewone bereik valt, en weer als hij terug is bij normaal.",
        "watch.already": "{kpi} van {campaign} wordt in dit kanaal al bewaakt (`/kpi bewakingen` toont alles wat bewaakt wordt).",
        "watch.removed": "{kpi} van {campaign} wordt in dit kanaal niet meer bewaakt.",
        "watch.not_watched": "{kpi} van {campaign} wordt in dit kanaal niet bewaakt (`/kpi bewakingen` toont alles wat bewaakt wordt).",
        "watch.error.usage": "Noem een campagne (of `alle`) en een KPI om te bewaken.",
        "watch.error.channel": 'Ongewone waarden worden gemeld in het kanaal waarin de bewaking is gezet: zet hem in dat kanaal. In de terminal noem je het kanaal met zijn ID: `kpibot ask "bewaak …" --channel C0123ABCD`.',
        "example.watch": "`/kpi bewaak campagne-x cpa` · `/kpi bewaak alle engagement` · `/kpi stopbewaken campagne-x cpa`",
        "watch.check.done": "{count} bewakingen gecontroleerd, {alerts} meldingen verstuurd.",
        "digest.unusual.title": "Ongewoon",
        "watch.list.title": "Bewakingen",
        "watch.list.empty": "Er wordt nog niets bewaakt. `/kpi bewaak campagne-x cpa` meldt in het kanaal waarin hij is gezet wanneer de CPA ongewoon is.",
        "watch.list.row": "• {kpi} · {campaign} · {channel} · {state}",
        "watch.state.new": "nog niet beoordeeld",
        "watch.state.ok": "gewoon",
        "watch.state.unusual": "ongewoon",
        "watch.alert.unusual": "⚠ {campaign}: {kpi} is ongewoon",
        "watch.alert.normal": "✅ {campaign}: {kpi} is terug bij normaal",
    }
)
