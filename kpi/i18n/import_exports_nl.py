"""Dutch texts of the export importers (storage/exports). English: import_exports_en.py."""

NL: dict[str, str] = {
    "import.error.no_header": "geen kopregel die kpibot herkent in de eerste {lines} regels. kpibot leest exports van Meta Ads Manager, LinkedIn Campaign Manager, Google Ads en Google Analytics 4, en kpibot-CSV's (date, campaign, platform en tellers). Geef eigen kolomnamen op in een aliasbestand (kpibot import --aliases).",
    "import.error.format_header": "geen {format}-kopregel in de eerste {lines} regels; die heeft de kolommen {needs} nodig.",
    "import.error.unknown_format": "“{format}” is geen formaat dat kpibot kent; gebruik een van {known}.",
    "import.error.export_missing": "deze {format}-export heeft geen kolom {columns} (en geen rapportperiode boven de tabel).",
    "import.error.date_order": "de rapportperiode eindigt ({end}) voordat die begint ({start}).",
    "import.error.whole": "{column} is {value}: een aantal moet een heel getal zijn.",
    "import.error.currencies": "het bestand bevat meerdere valuta ({currencies}); importeer één valuta per bestand.",
    "import.skip.not_campaign": "GA4-regels die geen campagne zijn, zoals (direct), (organic) of (not set)",
    "import.skip.comment": "commentaarregels (#) na de tabel",
}
NL.update(
    {
        "import.error.google_ads_all_time": "dit Google Ads-rapport beslaat “{period}”, wat niet op datums te plaatsen is, en heeft geen kolom Dag. Download het opnieuw met een datumbereik (bijv. “Afgelopen 30 dagen”), of voeg Segment → Tijd → Dag toe voor één regel per campagne en dag.",
        "import.error.google_ads_no_range": "dit Google Ads-rapport heeft geen kolom Dag en geen regel met een datumbereik boven de kopregel (zoals “27 January 2026 - 23 February 2026”), dus de cijfers zijn niet op datums te plaatsen. Download het opnieuw met een datumbereik, of voeg Segment → Tijd → Dag toe.",
    }
)
NL.update(
    {
        "import.error.no_data": "deze export bevat geen gegevens voor de periode (er staat “No data available.” of er staan geen regels onder de kopregel). Kies een periode waarin de campagnes liepen en exporteer opnieuw.",
        "import.skip.header_again": "de kopregel die herhaald wordt in het bestand",
        "import.skip.no_data": "regels “No data available.”",
        "import.summed.ad": "{rows} advertentieregels opgeteld tot {days} campagnedagen (per campagne, dag en platform).",
        "import.summed.ad_set": "{rows} advertentiesetregels opgeteld tot {days} campagnedagen (per campagne, dag en platform).",
        "import.summed.placement": "{rows} plaatsingsregels opgeteld tot {days} campagnedagen (per campagne, dag en platform).",
        "import.summed.breakdown": "{rows} regels opgeteld tot {days} campagneperiodes (per campagne, dag en platform).",
        "import.source": "{counter} uit: {header}",
        "import.source.conversions": "Conversies",
        "import.source.leads": "Leads",
        "import.source.revenue": "Opbrengst",
    }
)
NL.update(
    {
        "import.error.ambiguous": "{column} “{value}” kan {thousands} of {decimal_nl} zijn ({decimal} met een decimale punt): niets anders in het bestand zegt of “.” en “,” duizendtallen of decimalen scheiden. Schrijf het getal zonder duizendtalscheiding (bijv. 1000 of 1,5) en importeer opnieuw.",
        "import.error.future": "{date} ligt na vandaag ({today}); cijfers kunnen alleen worden geïmporteerd voor dagen die al geweest zijn.",
    }
)
NL.update(
    {
        "import.first_listed": "{count} problemen; de eerste {shown} staan hieronder.",
        "import.dimension": "Elke waarde van “{dimension}” is een campagne geworden.",
    }
)
