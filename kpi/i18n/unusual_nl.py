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
