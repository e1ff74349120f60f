"""Meta Ads Manager exports, English and Dutch UI.

Facts: UTF-8 with a BOM; `Reporting starts`/`Reporting ends` (or `Day`); `Platform` or
`Placement` when broken down; `Amount spent (EUR)` names the currency; derived columns (CPM,
CTR, cost per result) are ignored. A summary row without a campaign name is skipped as a
total. Ad-set and ad-level exports (`Ad set name`, `Ad name`) hold several rows per campaign
and day: they are summed per campaign, day and platform.

Conversions: a `Purchases` / `Website purchases` column wins. `Results` are whatever the ad
set optimises for, so they count only where `Result type` (current UI: `Website purchases`,
`Leads`, `Link clicks`, ...) or `Result indicator` (older exports:
`actions:offsite_conversion.fb_pixel_purchase`, `actions:lead`, ...) names a purchase or a
conversion (-> conversions) or a lead (-> leads); any other result is never a conversion.
"""

from __future__ import annotations

from storage.exports.spec import Spec, header_map

#: A result type or indicator containing one of these names a lead (`Leads`, `actions:lead`,
#: `leadgen.other`, `onsite_conversion.lead_grouped`, `offsite_conversion.fb_pixel_lead`).
LEAD_MARKS = ("lead",)
#: ... or a purchase or conversion (`Website purchases`, `Aankopen op website`,
#: `actions:offsite_conversion.fb_pixel_purchase`, `offsite_conversion.fb_pixel_custom`).
CONVERSION_MARKS = ("purchase", "aankoop", "aankopen", "conversion", "conversie")

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
        ("ad_set", ("ad set name", "naam advertentieset", "advertentiesetnaam")),
        ("ad", ("ad name", "advertentienaam", "naam advertentie")),
        ("platform", ("platform",)),
        ("placement", ("placement", "plaatsing")),
        ("impressions", ("impressions", "weergaven", "vertoningen")),
        ("reach", ("reach", "bereik")),
        ("frequency", ("frequency", "frequentie")),
        ("clicks", ("link clicks", "linkklikken", "klikken op links", "klikken op link")),
        ("clicks_all", ("clicks (all)", "klikken (alle)", "klikken (allemaal)")),
        ("spend", ("amount spent", "besteed bedrag", "uitgegeven bedrag")),
        ("results", ("results", "resultaten")),
        (
            "indicator",
            (
                "result type",
                "resultaattype",
                "type resultaat",
                "result indicator",
                "resultaatindicator",
                "indicator resultaat",
            ),
        ),
        (
            "conversions",
            (
                "purchases",
                "website purchases",
                "aankopen",
                "websiteaankopen",
                "aankopen op website",
            ),
        ),
        ("leads", ("leads",)),
        (
            "revenue",
            (
                "purchase conversion value",
                "purchases conversion value",
                "website purchases conversion value",
                "website purchase conversion value",
                "conversiewaarde aankopen",
                "conversiewaarde van aankopen",
                "conversiewaarde websiteaankopen",
                "conversiewaarde van aankopen op website",
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
