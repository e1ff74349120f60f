"""Meta Ads Manager exports, English and Dutch UI.

Facts: UTF-8 with a BOM; `Reporting starts`/`Reporting ends` (or `Day`); `Platform` or
`Placement` when broken down; `Amount spent (EUR)` names the currency; `Results` are
conversions, or leads where `Result indicator` names a lead action; derived columns (CPM, CTR,
cost per result) are ignored. A summary row without a campaign name is skipped as a total.
"""

from __future__ import annotations

from storage.exports.spec import Spec, header_map

#: A `Result indicator` containing one of these names a lead action (`actions:lead`,
#: `leadgen.other`, `onsite_conversion.lead_grouped`, `offsite_conversion.fb_pixel_lead`).
LEAD_MARK = "lead"

META = Spec(
    name="meta",
    headers=header_map(
        (
            "date",
            (
                "reporting starts",
                "start rapportage",
                "begin rapportage",
                "rapportage start",
                "day",
                "dag",
            ),
        ),
        ("date_end", ("reporting ends", "einde rapportage", "eind rapportage", "rapportage einde")),
        ("campaign", ("campaign name", "campagnenaam", "naam campagne", "naam van campagne")),
        ("platform", ("platform",)),
        ("placement", ("placement", "plaatsing")),
        ("impressions", ("impressions", "weergaven", "vertoningen")),
        ("reach", ("reach", "bereik")),
        ("frequency", ("frequency", "frequentie")),
        ("clicks", ("link clicks", "linkklikken", "klikken op links", "klikken op link")),
        ("clicks_all", ("clicks (all)", "klikken (alle)", "klikken (allemaal)")),
        ("spend", ("amount spent", "besteed bedrag", "uitgegeven bedrag")),
        ("results", ("results", "resultaten")),
        ("indicator", ("result indicator", "resultaatindicator", "indicator resultaat")),
        (
            "revenue",
            (
                "purchase conversion value",
                "purchases conversion value",
                "conversiewaarde aankopen",
                "conversiewaarde van aankopen",
            ),
        ),
    ),
    markers=frozenset(
        {
            "cpm (cost per 1,000 impressions)",
            "cpm (kosten per 1.000 weergaven)",
            "cpm",
            "ctr (link click-through rate)",
            "ctr (all)",
            "cost per result",
            "kosten per resultaat",
            "ad set name",
            "naam advertentieset",
            "ad name",
            "advertentienaam",
            "attribution setting",
            "attributie-instelling",
            "ends",
            "einde",
            "starts",
            "begin",
            "ad set budget",
            "campaign delivery",
            "levering van campagne",
            "cpc (cost per link click)",
        }
    ),
    platform="meta",
    blank_campaign_is_total=True,
)
