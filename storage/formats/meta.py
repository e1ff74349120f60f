"""Meta Ads Manager exports, English and Dutch UI.

`Reporting starts`/`Reporting ends` (a row whose start and end differ is a period total,
kept as one row) or `Day`; `Campaign name`; `Platform`, or `Placement` when that is the only
breakdown (with both, placements are summed per platform); `Link clicks` as clicks, else
`Clicks (all)`; `Amount spent (EUR)` (any currency) as spend; `Results` as conversions, or
as leads when `Result indicator` names a lead action; `Purchase conversion value` as revenue.
Derived columns (CPM, CTR, CPC, cost per result, frequency) are ignored.
"""

from __future__ import annotations

from storage.formats.spec import FormatSpec

HEADERS: dict[str, str] = {
    # when the row starts and ends; a daily breakdown has Day instead
    "day": "day",
    "dag": "day",
    "reporting starts": "day",
    "start rapportage": "day",
    "begin rapportage": "day",
    "rapportage begint": "day",
    "reporting ends": "day_end",
    "einde rapportage": "day_end",
    "eind rapportage": "day_end",
    "rapportage eindigt": "day_end",
    "campaign name": "campaign",
    "campagnenaam": "campaign",
    "naam campagne": "campaign",
    "naam van campagne": "campaign",
    "platform": "platform",
    "placement": "placement",
    "plaatsing": "placement",
    "age": "breakdown",
    "leeftijd": "breakdown",
    "gender": "breakdown",
    "geslacht": "breakdown",
    "country": "breakdown",
    "land": "breakdown",
    "region": "breakdown",
    "regio": "breakdown",
    "device platform": "breakdown",
    "apparaatplatform": "breakdown",
    "impressions": "impressions",
    "weergaven": "impressions",
    "vertoningen": "impressions",
    "reach": "reach",
    "bereik": "reach",
    # link clicks are what CTR and conversion rate are about; all clicks only without them
    "link clicks": "clicks",
    "linkklikken": "clicks",
    "klikken op links": "clicks",
    "klikken op link": "clicks",
    "clicks (all)": "clicks",
    "klikken (alle)": "clicks",
    "klikken (alles)": "clicks",
    "amount spent": "spend",
    "besteed bedrag": "spend",
    "bedrag besteed": "spend",
    "results": "results",
    "resultaten": "results",
    "result indicator": "result_indicator",
    "resultaatindicator": "result_indicator",
    "indicator resultaat": "result_indicator",
    "purchase conversion value": "revenue",
    "purchases conversion value": "revenue",
    "website purchase conversion value": "revenue",
    "conversiewaarde aankopen": "revenue",
    "conversiewaarde van aankopen": "revenue",
    "leads": "leads",
    "post reactions": "likes",
    "berichtreacties": "likes",
    "post comments": "comments",
    "opmerkingen bij berichten": "comments",
    "post shares": "shares",
    "gedeelde berichten": "shares",
    "post saves": "saves",
    "opgeslagen berichten": "saves",
    "3-second video plays": "video_views",
    "video plays": "video_views",
    "video plays at 100%": "video_completions",
    "page likes": "followers_gained",
    "page follows": "followers_gained",
}

SPEC = FormatSpec(name="meta", headers=HEADERS, required=("day", "campaign"))
