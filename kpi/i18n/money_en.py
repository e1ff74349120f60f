"""English texts about currencies, exchange and reach (kpi.money, bot per-currency replies)."""

EN: dict[str, str] = {
    "money.per_currency": (
        "These campaigns are in {count} currencies. Amounts in different currencies are "
        "never added together, so there is one line per currency."
    ),
    "money.compare_apart": (
        "Money is in {a} for one and {b} for the other: amounts and the KPIs built on them "
        "(CPA, ROI, ROAS) are shown side by side but not ranked."
    ),
}
