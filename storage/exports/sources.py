"""What the report says about the columns: what each recognised header became, and which
column gave the conversions, leads and revenue (a marketer checks this first)."""

from __future__ import annotations

from collections.abc import Mapping

from storage.exports.spec import Column

_SHOWN = {
    "indicator": "which results are conversions or leads",
    "frequency": "reach (impressions ÷ frequency)",
    "placement": "platform (placements summed)",
    "breakdown": "summed per campaign, day and platform",
    "ad_set": "ad sets summed per campaign, day and platform",
    "ad": "ads summed per campaign, day and platform",
    "date_end": "end date",
}
_TOLD = ("conversions", "leads", "revenue")


def shown_fields(fields: Mapping[str, Column]) -> dict[str, str]:
    """Header as written -> what it became."""
    shown = {}
    for column in sorted(fields.values(), key=lambda c: c.index):
        if column.field == "results":
            what = _results(fields)
        else:
            what = _SHOWN.get(column.field, column.field)
        shown[column.header] = what
    return shown


def sources(fields: Mapping[str, Column], counters: Mapping[str, object]) -> dict[str, str]:
    """conversions / leads / revenue -> the header(s) they came from."""
    found = {}
    for name in _TOLD:
        if name not in counters:
            continue
        if name in fields:
            found[name] = fields[name].header
        elif "results" in fields and "indicator" in fields:
            found[name] = f"{fields['results'].header} ({fields['indicator'].header})"
    return found


def _results(fields: Mapping[str, Column]) -> str:
    if "indicator" not in fields:
        return "not imported (no result type says what they are)"
    taken = [n for n in ("conversions", "leads") if n not in fields]
    if not taken:
        return "not imported (the file has its own columns)"
    return " / ".join(taken) + " where the result type says so"
