"""Nederlandse teksten over valuta, wisselkoersen en bereik."""

NL: dict[str, str] = {
    "money.per_currency": (
        "Deze campagnes zijn in {count} valuta. Bedragen in verschillende valuta worden "
        "nooit bij elkaar opgeteld, dus er is één regel per valuta."
    ),
    "money.compare_apart": (
        "Het geld is in {a} bij de ene en in {b} bij de andere: bedragen en de KPI's "
        "die erop rusten (CPA, ROI, ROAS) staan naast elkaar maar worden niet gerangschikt."
    ),
    "reach.note.days": (
        "Bereik: som van het dagelijkse bereik — wie op meerdere dagen bereikt is, telt elke "
        "dag mee (frequentie en engagementratio delen door deze som)."
    ),
    "reach.note.parts_platforms": (
        "Bereik: opgeteld over platforms — wie op meer dan één bereikt is, telt voor elk mee."
    ),
    "reach.note.parts_campaigns": (
        "Bereik: opgeteld over campagnes — wie door meer dan één bereikt is, telt voor elk mee."
    ),
    "reach.note.parts": (
        "Bereik: opgeteld over campagnes en platforms — wie door meer dan één bereikt is, telt "
        "voor elk mee."
    ),
    "reach.help": (
        "Bereik is niet optelbaar. Als een export het ontdubbelde bereik van precies de "
        "gevraagde periode heeft (een periodetotaal, bv. Meta geëxporteerd zonder uitsplitsing "
        "per dag), gebruikt kpibot dat; anders is bereik de som van het dagelijkse bereik, "
        "waarin mensen die op meerdere dagen (of door meerdere campagnes of platforms) bereikt "
        "zijn vaker meetellen, en elk antwoord met bereik, frequentie of engagementratio zegt "
        "dat erbij."
    ),
    "money.target_mixed": (
        "Een {kpi}-doel over alle campagnes zou bedragen in {currencies} optellen: stel het "
        "per campagne in. Probeer: {example}"
    ),
    "reach.note.partial_platforms": (
        "Frequentie en engagementratio gaan alleen over de {reporting} van de {total} "
        "platforms die bereik melden; vertoningen en interacties op {silent} (geen bereik) "
        "tellen niet mee."
    ),
    "reach.note.partial": (
        "Frequentie en engagementratio gaan alleen over de rijen die bereik melden; "
        "vertoningen en interacties van rijen zonder bereik tellen er niet in mee."
    ),
}
