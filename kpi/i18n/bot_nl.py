"""Nederlandse teksten van de Slack-antwoorden (bot/). Zelfde sleutels als bot_en.py."""

NL: dict[str, str] = {
    "reply.change_against": "{change} t.o.v. {period}",
    "reply.no_previous": "geen vergelijking: geen cijfers in {period}",
    "reply.change_between": "{change}: {current} t.o.v. {period}",
    "reply.no_data_in_past_period": "Geen gegevens in deze periode.",
    "reply.metrics_through": "Cijfers tot en met {date} (kosten tot en met vandaag)",
    "reply.by_platform": "Per platform",
    "reply.data_through": "Gegevens tot en met {date}",
    "reply.imported_at": "geïmporteerd {when}",
    "reply.no_data_in_period": "Nog geen gegevens in deze periode.",
    "label.all_campaigns": "alle campagnes",
    "cost.staff_hours": "personeel {hours} u ({amount})",
    "cost.hours_times_rate": "{hours} u × {rate} = {amount}",
    "cost.category.ads": "advertenties",
    "cost.category.tools": "tools",
    "cost.category.staff": "personeel",
    "cost.category.agency": "bureau",
    "cost.category.content": "content",
    "cost.category.other": "overig",
    "cost.saved": "{amount} voor {category} opgeslagen bij `{campaign}` ({date}). Het telt nu mee in de totale kosten en ROI.",
    "cost.hint": "Bekijk het effect: `/kpi roi {campaign}`",
    "log.saved": "Opgeslagen voor `{campaign}` op {date} ({platform}): {values}.",
    "log.hint": "Controleer het: `/kpi rapport {campaign}`",
    "list.title": "Campagnes ({count})",
    "list.no_data": "nog geen gegevens",
    "list.hint": "Vraag naar één: `/kpi roi <campagne>` · alle KPI's: `/kpi rapport <campagne>`",
    "list.and_more": " en nog {count}",
    "report.title": "Rapport · {scope} · {dates}",
    "report.against": "Verandering t.o.v. {period}",
    "report.against_partial": "Verandering: {current} t.o.v. {period} (even veel dagen)",
    "report.no_previous": "Geen verandering: geen gegevens in {period} om mee te vergelijken.",
    "report.metrics_through": "Cijfers tot en met {date}; kosten tot en met vandaag.",
    "report.not_reported": "Niet in de gegevens voor deze periode: {names}.",
    "compare.title": "{a} vs {b} · {dates}",
    "compare.legend": "✓ markeert de betere waarde van een KPI; geen bij gelijke stand of bij uitgegeven geld.",
    "settings.current": "Instellingen van deze workspace: taal *{locale}*, valuta *{currency}*, tijdzone *{timezone}*.",
    "settings.hint": "Wijzig er één: `/kpi settings locale en` · `/kpi settings currency EUR` · `/kpi settings timezone Europe/Amsterdam` · beheerders: `/kpi instellingen verwijder-gegevens` verwijdert alle gegevens van deze werkruimte",
    "settings.locale_set": "Antwoorden zijn nu in het Nederlands.",
    "settings.currency_set": "Gegevens zonder eigen valuta tellen nu in {value}. Campagnes die al bedragen hebben, houden de valuta waarin die zijn opgeslagen.",
    "settings.timezone_set": "Tijdzone ingesteld op {value}.",
    "help.title": "kpibot — je campagnecijfers in Slack",
    "help.intro": "Vraag een KPI van een campagne op en krijg het getal, de periode, hoe het berekend is en hoe het veranderde.",
    "help.commands": (
        "*Vragen*\n"
        "• `/kpi roi campagne-x` — ROI van een campagne tot nu toe\n"
        "• `/kpi cpa campagne-x vorige week` — elke KPI, elke periode\n"
        "• `/kpi betrokkenheid alle deze maand op instagram` — alle campagnes, één platform\n"
        "• `/kpi rapport campagne-x 2026-10` — alle KPI's met de verandering t.o.v. de periode ervoor\n"
        "• `/kpi vergelijk campagne-x campagne-y roi` — twee campagnes naast elkaar\n"
        "• `/kpi lijst` — de campagnes die kpibot kent\n"
        "*Cijfers toevoegen*\n"
        "• `kpibot import export.csv` op de server, of zet de CSV in een kanaal met kpibot\n"
        "• `/kpi log campagne-x 2026-11-20 instagram impressions=12000 clicks=340 spend=250`\n"
        "• `/kpi kosten campagne-x 120 tools Canva` · `/kpi kosten campagne-x 8h@45 personeel`\n"
        "• `/kpi koppel meta|google-ads|linkedin|ga4` — de cijfers elke dag opgehaald · `/kpi koppelingen` · `/kpi synchroniseer` · `/kpi ontkoppel meta` (beheerders)\n"
        "*Campagnes*\n"
        "• `/kpi campagne campagne-x` — wat erin zit · `doel campagne-x conversie` · `budget campagne-x 5000`\n"
        "• `/kpi campagne hernoem campagne-x campagne-2026` · `samenvoegen campagne-y in campagne-x` · `archiveer campagne-x` · `dearchiveer campagne-x` · `verwijder campagne-x` (`/kpi help campagne`)\n"
        "*Doelen en overzichten*\n"
        "• `/kpi doel campagne-x betrokkenheid >= 3% by 2026-12-31` · `/kpi doelen`\n"
        "• `/kpi bewaak campagne-x cpa` — een bericht hier als hij ongewoon is · `/kpi bewakingen` · `/kpi stopbewaken campagne-x cpa`\n"
        "• `/kpi digest weekly maandag 09:00` — elke week een overzicht in dit kanaal\n"
        "• `/kpi benchmark engagement 2,5% op linkedin` — jullie eigen benchmark · `/kpi benchmarks`\n"
        "• `/kpi concurrent toevoegen Acme linkedin volgers=12.400 engagement=3,1% berichten=5` · `/kpi concurrenten` · `/kpi vergelijk mij Acme`\n"
        "*Instellingen*\n"
        "• `/kpi settings locale en` — English · `/kpi settings currency EUR`"
    ),
    "help.more": "Alle KPI's: `/kpi help kpis` · periodes: `/kpi help periods` · In een kanaal met de naam van een campagne mag je de campagne weglaten; namen hoeven niet tussen aanhalingstekens (`/kpi roi Zomer Actie`). Veranderingen zeggen beter of slechter: `▲ 18,0 % — slechter` voor gestegen kosten.",
    "help.kpis_title": "KPI's die kpibot kent",
    "help.topic.kpis": "",
    "help.topic.periods": (
        "*Periodes* (weken beginnen op maandag; geen periode = de campagne tot nu toe)\n"
        "`vandaag` · `gisteren` · `deze week` · `vorige week` · `7d` · `30d` · `deze maand` · "
        "`vorige maand` · `dit kwartaal` · `dit jaar` · `2026-Q3` · `2026-10` · `2026-10-01..2026-10-31` · "
        "`sinds 2026-10-01`\n"
        "Tot nu toe loopt tot en met vandaag (vandaag geboekte kosten tellen mee). Een periode "
        "die nog niet voorbij is, wordt vergeleken met even veel dagen ervoor, en het antwoord "
        "noemt beide periodes."
    ),
    "help.topic.import": (
        "*Cijfers importeren*\nExports uit Meta Ads Manager, LinkedIn, Google Ads en GA4 worden "
        "herkend aan hun kopregel. Het eenvoudigste bestand heeft de kolommen "
        "`date,campaign,platform` en tellers zoals `impressions,reach,clicks,spend,revenue`."
    ),
    "help.topic.log": "`/kpi log campagne-x 2026-11-20 instagram impressions=12000 clicks=340 spend=250`",
    "help.topic.cost": (
        "Kosten buiten de advertentieplatforms maken de ROI eerlijk: "
        "`/kpi kosten campagne-x 120 tools Canva` · `/kpi kosten campagne-x 8h@45 personeel` · "
        "categorieën: advertenties, tools, personeel, bureau, content, overig"
    ),
    "help.topic.targets": "`/kpi doel campagne-x betrokkenheid >= 3% by 2026-12-31` (of alleen `/kpi target` voor een formulier) · `/kpi doelen` toont ze met hun status · `/kpi target delete 3` · `/kpi meldingen` toont de geschiedenis van meldingen",
    "help.topic.digest": "`/kpi digest weekly maandag 09:00 Europe/Amsterdam` (met `stil` slaat het weken over waarin niets bewoog, met `concurrenten` „Jij vs concurrenten”) · `/kpi digest preview` · `/kpi digest off`",
    "error.try": "Probeer:",
    "error.try_help": "`/kpi help` toont alle opdrachten.",
    "error.busy": "Ik beantwoord nu heel veel vragen tegelijk, dus deze heb ik niet in de rij gezet. Probeer het over een minuut opnieuw.",
    "error.internal": "Sorry — er ging bij ons iets mis en dat is vastgelegd. Probeer het over een minuut opnieuw.",
    "error.garbled": "Ik kon die opdracht niet lezen.",
    "error.unbalanced_quotes": "Er staat een aanhalingsteken open dat nergens gesloten wordt.",
    "error.unknown_kpi": "De KPI “{word}” ken ik niet. Bedoelde je: {suggestions}? (`/kpi help kpis` toont ze allemaal.)",
    "error.unknown_campaign": "Er is geen campagne “{name}” in deze workspace. Bekende campagnes, meest gelijkend eerst: {known}. Bedoelde je `/kpi {command}`?",
    "error.campaign_missing": "Welke campagne? Noem hem in het commando (of gebruik dit in een kanaal met de naam van de campagne).",
    "error.no_campaigns": "Deze workspace heeft nog geen campagnes. Importeer eerst een export.",
    "error.no_campaigns_named": "Er is geen campagne “{name}” in deze workspace: er zijn nog geen campagnes. Importeer eerst een export.",
    "error.no_data": "Er zijn nog geen cijfers voor {name}.",
    "error.period": "Ik kan “{text}” niet als periode lezen.",
    "error.platform_last": "Zet `op <platform>` aan het eind van de opdracht.",
    "error.platform_missing": "Na `op` hoort een platform, zoals facebook of instagram.",
    "error.platform_no_data": "Er zijn geen gegevens voor platform “{platform}” in deze periode.",
    "error.compare_two": "Vergelijken vraagt om twee campagnes.",
    "error.compare_same": "Beide campagnes zijn `{name}`: kies er twee verschillende.",
    "error.log_pair": "“{word}” moet eruitzien als naam=waarde.",
    "error.log_order": "Zet “{word}” vóór de naam=waarde-paren.",
    "error.log_nothing": "Niets om op te slaan: voeg tellers toe als naam=waarde.",
    "error.log_word": "Ik kan “{word}” niet lezen als datum (JJJJ-MM-DD) of platform.",
    "error.log_future": "{date} ligt in de toekomst: cijfers kunnen alleen voor voorbije dagen.",
    "error.log_counter": "“{name}” is geen teller die kpibot bijhoudt. Bekend: {known}.",
    "error.log_number": "{name}={value}: de waarde moet een getal zijn.",
    "error.log_negative": "{name}={value}: aantallen kunnen niet negatief zijn.",
    "error.log_whole": "{name}={value}: deze teller is een heel getal.",
    "error.cost_short": "Kosten hebben een campagne, een bedrag en een categorie nodig.",
    "error.cost_category": "Wat voor kosten zijn het? Voeg een categorie toe: advertenties, tools, personeel, bureau, content of overig.",
    "error.cost_category_unknown": "“{category}” is geen kostencategorie. Gebruik een van: {known}.",
    "error.cost_amount": "“{value}” is geen bedrag: gebruik een getal zoals 250 of uren@tarief zoals 8h@45.",
    "error.settings_locale": "“{value}” is geen taal die kpibot spreekt: gebruik en of nl.",
    "error.settings_currency": "“{value}” is geen valutacode die kpibot kent: gebruik een ISO-code zoals EUR, USD, GBP of AUD.",
    "error.settings_timezone": "“{value}” is geen tijdzone: gebruik een naam zoals Europe/Amsterdam.",
    "error.settings_key": "Er is geen instelling “{key}”: gebruik locale, currency of timezone.",
    "error.not_available": "`/kpi {name}` is in deze installatie nog niet beschikbaar.",
    "example.kpi": "`/kpi roi campagne-x` · `/kpi betrokkenheid campagne-x vorige week`",
    "example.period": "`/kpi roi campagne-x vorige maand` · `2026-10` · `2026-10-01..2026-10-31` · `sinds 2026-10-01`",
    "example.platform": "`/kpi ctr campagne-x vorige week op instagram`",
    "example.compare": "`/kpi vergelijk campagne-x campagne-y roi vorige maand`",
    "example.report": "`/kpi rapport campagne-x vorige maand`",
    "example.target": "`/kpi doel campagne-x engagement >= 3% by 2026-12-31`",
    "example.targets": "`/kpi doelen campagne-x`",
    "example.alerts": "`/kpi meldingen campagne-x`",
    "example.log": "`/kpi log campagne-x 2026-11-20 instagram impressions=12000 clicks=340 spend=250`",
    "example.cost": "`/kpi kosten campagne-x 120 tools Canva` · `/kpi kosten campagne-x 8h@45 personeel`",
    "example.import": "`kpibot import metrics.csv` (of zet de CSV in een kanaal met kpibot)",
    "example.settings_locale": "`/kpi settings locale nl`",
    "example.settings_currency": "`/kpi settings currency EUR` · `/kpi settings currency USD` · `/kpi settings currency AUD`",
    "example.settings_timezone": "`/kpi settings timezone Europe/Amsterdam`",
}
