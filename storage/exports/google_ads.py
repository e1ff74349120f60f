"""Google Ads: the campaign report downloaded as CSV.

Title lines (report name, date range) above the header; `Impr.`, `Cost`, `Conversions`,
`Conv. value`; `Total: ...` rows at the end are skipped (with their reason in the report).
Conversions are fractional under data-driven attribution: kpibot keeps them exactly.
"""

from __future__ import annotations

from storage.exports.spec import Spec, header_map

GOOGLE_ADS = Spec(
    name="google_ads",
    headers=header_map(
        ("date", ("day", "date", "dag", "datum")),
        ("campaign", ("campaign", "campagne")),
        ("currency", ("currency code", "currency", "valutacode", "valuta")),
        ("impressions", ("impr.", "impressions", "vertoningen", "vert.")),
        ("clicks", ("clicks", "klikken")),
        ("spend", ("cost", "kosten")),
        ("conversions", ("conversions", "conversies", "conv.")),
        ("revenue", ("conv. value", "conversion value", "conv.waarde", "conversiewaarde")),
    ),
    markers=frozenset(
        {
            "campaign status",
            "campaign type",
            "budget",
            "budget name",
            "status",
            "ctr",
            "avg. cpc",
            "avg. cpm",
            "cost / conv.",
            "conv. rate",
            "interactions",
            "interaction rate",
            "campagnestatus",
            "campagnetype",
            "gem. cpc",
            "kosten/conv.",
            "conv.perc.",
            "search impr. share",
            "bid strategy type",
            "account",
            "campaign id",
        }
    ),
    platform="google",
    fractional=frozenset({"conversions"}),
)
