"""Row rules the vendor formats share: total rows, and where Meta's Results go."""

from __future__ import annotations

_TOTALS = frozenset({"total", "totals", "totaal", "grand total", "eindtotaal"})
#: Meta result indicators that are not conversions: their Results are not imported.
_NOT_CONVERSIONS = (
    "link_click",
    "landing_page_view",
    "reach",
    "impressions",
    "post_engagement",
    "page_engagement",
    "video_view",
    "thruplay",
    "like",
    "profile_visit",
)


def is_total(cell: str) -> bool:
    """`Total`, `Total: Account`, `Totaal`, `Grand total` (a campaign named "Total Recall"
    is not a total row)."""
    low = cell.strip().lower()
    return low in _TOTALS or low.startswith(("total:", "totaal:", "totals:"))


def results_target(indicator: str) -> str | None:
    """Where Meta's Results go: leads for a lead action, nothing for clicks/reach/video
    results (they are not conversions), else conversions."""
    low = indicator.lower()
    if "lead" in low:
        return "leads"
    if any(word in low for word in _NOT_CONVERSIONS):
        return None
    return "conversions"
