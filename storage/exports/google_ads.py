"""Google Ads: the campaign report downloaded as CSV.

The default download: a title line (`Campaign report`), a date-range line (`27 January 2026 -
23 February 2026`), the header, one row per campaign and `Total: ...` rows (skipped, with
their reason in the report). Without a Day column (the default) each campaign row is a total
over the date range; `All time` cannot be placed on dates and is refused. Video and Demand
Gen reports have `Interactions` and `Views` instead of `Clicks`: interactions are not clicks
(a view counts as one), so they are not imported. `--` and `< 10%` mean "not reported".
Conversions are fractional under data-driven attribution (`8.17`): kept exactly.
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
        ("video_views", ("views", "video views", "trueview views")),
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
            "interaction types",
            "avg. cost",
            "optimization score",
            "budget type",
            "status reasons",
            "view rate",
            "avg. cpv",
            "all conv.",
            "all conv. value",
            "conv. value / cost",
            "search lost is (rank)",
            "search lost is (budget)",
            "campaign report",
        }
    ),
    platform="google",
    fractional=frozenset({"conversions"}),
    dateless=True,
)
