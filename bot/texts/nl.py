"""Dutch texts that only make sense in Slack. English: en.py, same keys and placeholders."""

NL: dict[str, str] = {
    # alerts: the buttons under an alert, who clicked them, an alert that could not be posted
    "alerts.button.ack": "Gezien",
    "alerts.button.snooze_1d": "1 dag stil",
    "alerts.button.snooze_7d": "7 dagen stil",
    "alerts.button.edit": "Doel aanpassen",
    "alerts.acknowledged_by": "Gezien door {user}",
    "alerts.snoozed_until": "Stil tot {until} door {user}",
    "alerts.undeliverable": "Ik kon de melding over je doel #{target} ({kpi}) niet plaatsen in <#{channel}>: {reason}. Nodig me uit in dat kanaal (`/invite @kpibot`) of stel het doel opnieuw in in een kanaal waar ik in zit; `/kpi targets` laat zien hoe het ervoor staat.",
    "alerts.undeliverable.internal": "een fout aan onze kant (de beheerder ziet die in het logboek)",
    # targets: the channel a target is set in, the modal
    "targets.error.channel": 'Meldingen gaan naar het kanaal waarin een doel is gezet: zet het in dat kanaal. In de terminal noem je het kanaal: `kpibot ask "target …" --channel C0123ABCD` (zijn ID) of `--channel marketing` (een openbaar kanaal, opgezocht in Slack).',
    "targets.modal.title": "Doel instellen",
    "targets.modal.edit_title": "Doel #{id} aanpassen",
    "targets.modal.campaign": "Campagne",
    "targets.modal.kpi": "KPI",
    "targets.modal.op": "Minstens / hoogstens",
    "targets.modal.op_ge": "minstens (>=)",
    "targets.modal.op_le": "hoogstens (<=)",
    "targets.modal.value": "Waarde",
    "targets.modal.value_hint": "bijv. 3% of 20 of 50k",
    "targets.modal.deadline": "Deadline",
    "targets.modal.window": "Venster in dagen",
    "targets.modal.submit": "Opslaan",
    # queries: the buttons under a reply and who shared it
    "button.share": "Deel in kanaal",
    "button.full_report": "Volledig rapport",
    "reply.shared_by": "Gedeeld door {user} · `{command}`",
    # any button whose value is out of date
    "action.stale": "Die knop is verouderd. Geef de opdracht opnieuw, bijvoorbeeld `/kpi doelen`.",
    # campaigns: the confirmation buttons, who clicked them, an out-of-date or cancelled one
    "campaign.button.delete": "{slug} verwijderen",
    "campaign.button.merge": "Samenvoegen met {into}",
    "campaign.button.cancel": "Annuleren",
    "log.button.create": "{name} aanmaken",
    "log.button.to": "Log bij {slug}",
    "campaign.deleted": ":wastebasket: {user} heeft `{slug}` verwijderd. Verdwenen:",
    "campaign.merged": ":twisted_rightwards_arrows: {user} heeft `{slug}` samengevoegd met `{into}`. Verplaatst:",
    "campaign.stale": "Die knop is verouderd — er is niets veranderd. De campagne is sindsdien gewijzigd, hernoemd of verwijderd; geef de opdracht opnieuw om te zien wat die nu zou doen.",
    "campaign.cancelled": "Geannuleerd — er is niets veranderd.",
    # digests: a channel's digest paused by Slack, run in a channel, a preview only you see
    "digest.paused": "Weekoverzicht gepauzeerd voor dit kanaal: {reason}",
    "digest.paused.removed": "kpibot is uit dit kanaal verwijderd (of het kanaal bestaat niet meer)",
    "digest.paused.archived": "dit kanaal is gearchiveerd",
    "digest.paused.access": "kpibot heeft geen toegang meer tot deze workspace — vraag een beheerder om het opnieuw te installeren",
    "digest.paused.schedule": "Het stond op elke {weekday} om {time} ({timezone}).",
    "digest.paused.resume": "Hervatten: `/invite @kpibot` hier, en abonneer dan opnieuw, bijv. `/kpi digest weekly maandag 09:00`.",
    "digest.error.channel": 'Een weekoverzicht gaat naar een kanaal: typ `/kpi digest weekly maandag 09:00` in het kanaal dat het moet krijgen (in de terminal: `kpibot ask "digest …" --channel marketing` of `--channel C0123ABCD`).',
    "digest.preview_note": "Voorbeeld, alleen jij ziet dit. Het kanaal krijgt het op {weekday} om {time}.",
    "digest.preview_note.none": "Voorbeeld, alleen jij ziet dit. Dit kanaal heeft nog geen weekoverzicht: `/kpi digest weekly maandag 09:00`",
    # imports: a file shared in a channel
    "import.slack.too_big": "{name} is {size} MB; bestanden tot {limit} MB kunnen worden geïmporteerd. Splits de export op datum en deel de delen.",
    "import.slack.not_csv": "{name} is geen CSV-bestand. Exporteer het rapport als CSV (komma- of puntkomma-gescheiden) en deel dat.",
    "import.slack.download_failed": "Ik kon {name} niet downloaden uit Slack. Deel het nog eens.",
    "import.slack.how": "Deel een CSV-export in dit kanaal (of als antwoord op dit bericht) en ik importeer hem en antwoord in de thread.",
}
