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
    "reach.note.days": (
        "Reach: sum of daily reach — people reached on several days are counted each day "
        "(frequency and engagement rate divide by this sum)."
    ),
    "reach.note.parts_platforms": (
        "Reach: added up over platforms — people reached on more than one are counted once "
        "for each."
    ),
    "reach.note.parts_campaigns": (
        "Reach: added up over campaigns — people reached by more than one are counted once "
        "for each."
    ),
    "reach.note.parts": (
        "Reach: added up over campaigns and platforms — people reached by more than one are "
        "counted once for each."
    ),
    "reach.help": (
        "Reach is not additive. Where an export holds the de-duplicated reach of exactly the "
        "period asked (a period total, e.g. Meta exported without a daily breakdown), kpibot "
        "uses it; otherwise reach is the sum of daily reach, which counts people reached on "
        "several days (or by several campaigns or platforms) more than once, and every reply "
        "showing reach, frequency or engagement rate says so."
    ),
    "money.target_mixed": (
        "A {kpi} target over all campaigns would add up money in {currencies}: set it per "
        "campaign instead. Try: {example}"
    ),
    "reach.note.partial_platforms": (
        "Frequency and engagement rate cover only the {reporting} of {total} platforms that "
        "report reach; impressions and interactions on {silent} (no reach) are left out."
    ),
    "reach.note.partial": (
        "Frequency and engagement rate cover only the rows that report reach; impressions "
        "and interactions of rows without reach are left out of them."
    ),
}
