"""Dutch texts of self-monitoring (bot.selfmon): late data and a target's problems."""

NL: dict[str, str] = {
    "selfmon.gap": ":warning: Geen data voor `{campaign}` sinds {since} (niets voor {missing}) — {source}",
    "selfmon.gap.card": ":warning: Geen data sinds {since} (niets voor {missing}) — {source}",
    "selfmon.import.last": "de laatste import was op {when}. Upload de nieuwste export (`/kpi import`, of deel de CSV in een kanaal waar ik in zit); is de campagne afgelopen, archiveer haar dan (`/kpi campaign archive {campaign}`).",
    "selfmon.import.never": "de cijfers zijn met de hand gelogd, nooit geïmporteerd. Log de ontbrekende dagen (`/kpi log {campaign} …`) of upload de export (`/kpi import`).",
    "selfmon.sync.ok": "de laatste synchronisatie met {platform} was op {when} en bracht geen nieuwere dagen. Kijk in {platform} of de campagne nog loopt; is ze afgelopen, archiveer haar dan (`/kpi campaign archive {campaign}`).",
    "selfmon.sync.failed": "de laatste synchronisatie met {platform} was op {when} en mislukte. `/kpi connections` zegt waarom; herstel de koppeling (`/kpi connect …`) en start `/kpi sync`.",
    "selfmon.sync.stopped": "de koppeling met {platform} is gestopt na de synchronisatie van {when}. `/kpi connections` zegt waarom; koppel opnieuw (`/kpi connect …`).",
    "selfmon.sync.never": "de koppeling met {platform} heeft nog niet gesynchroniseerd. Controleer haar met `/kpi connections` en start `/kpi sync`.",
    "selfmon.digest.title": "Data ontbreekt",
    "selfmon.digest.headline": ":warning: Geen nieuwe data voor {campaigns}: zie de draad.",
}
