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
}
