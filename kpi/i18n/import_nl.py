"""Nederlandse teksten van importrapporten."""

NL: dict[str, str] = {
    "import.done_title": "{file} geïmporteerd",
    "import.dry_run_title": "Proefimport van {file} — er is niets opgeslagen",
    "import.dry_run_hint": "Voer het opnieuw uit zonder --dry-run om deze cijfers op te slaan.",
    "import.refused_title": "{file} is niet geïmporteerd",
    "import.refused_intro": "Er is niets opgeslagen: {count} probleem/problemen in het bestand. Los ze op en importeer het hele bestand opnieuw.",
    "import.refused_hint": "Regelnummers tellen de kopregel als regel 1, zoals een spreadsheet.",
    "import.problem_line": "• regel {line}, kolom {column}: {reason}",
    "import.more_problems": "• … en nog {count}",
    "import.currency_refused": "Campagne `{campaign}` staat in {stored}, maar dit bestand is in {new}. Er is niets opgeslagen. Importeer {new}-cijfers onder een andere campagne, of reken ze eerst om.",
    "import.format_line": "Herkend als: *{format}*",
    "import.counts": "Regels gelezen: *{read}* · toegevoegd: *{inserted}* · bijgewerkt: *{updated}* · ongewijzigd: *{unchanged}* · overgeslagen: *{skipped}*",
    "import.skipped_reason": "{count} overgeslagen: {reason}",
    "import.range": "Datums: {dates}",
    "import.campaigns": "Campagnes ({count}): {names}",
    "import.period_totals": "{count} regel(s) zijn totalen over meerdere dagen: bewaard als één regel voor de hele periode, niet over de dagen verdeeld.",
    "import.currency": "Valuta: {currency}",
    "import.recognised": "Gebruikte kolommen: {headers}",
    "import.ignored": "Genegeerde kolommen: {headers}",
    "import.next": "Vraag ernaar: `/kpi rapport {campaign}`",
    "import.format.meta": "Meta Ads Manager-export",
    "import.format.linkedin": "LinkedIn Campaign Manager-export",
    "import.format.google_ads": "Google Ads-campagnerapport",
    "import.format.ga4": "Google Analytics 4-export (verkeersacquisitie)",
    "import.format.canonical": "kpibot-CSV",
    "import.skip.total_row": "totaal- of samenvattingsregels",
    "import.skip.blank": "lege regels",
}
NL.update(
    {
        "import.error.encoding": "het bestand is geen UTF-8-tekst. Sla het op of exporteer het als “CSV UTF-8” en probeer opnieuw.",
        "import.error.missing_columns": "de kopregel mist {columns}; een kpibot-CSV begint met {expected}.",
        "import.error.header_twice": "de kopregel noemt een kolom twee keer; noem elke kolom één keer, bijvoorbeeld date,campaign,platform,clicks.",
        "import.error.unknown_column": "“{column}” is geen kolom die kpibot kent. Tellers: {known}.",
        "import.error.cells": "{found} cellen waar de kopregel er {expected} heeft.",
        "import.error.date": "“{value}” is geen datum die kpibot kan lezen (gebruik JJJJ-MM-DD, bijv. 2026-11-02).",
        "import.error.empty": "{column} is leeg.",
        "import.error.number": "{column} “{value}” is geen getal.",
        "import.error.negative": "{column} is {value}: aantallen en bedragen kunnen niet negatief zijn.",
        "import.error.duplicate": "{campaign} op {day} ({platform}) staat al op regel {first}; elke campagne, dag en elk platform mag één keer voorkomen.",
    }
)
