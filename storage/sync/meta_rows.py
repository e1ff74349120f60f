"""One Meta Insights item (level=campaign, time_increment=1) → one SyncedRow, as Meta
defines its fields:

- `inline_link_clicks` → clicks (link clicks, as the export's `Link clicks`), `impressions`,
  `spend`, `reach` (that day's reach: daily rows, summed reach says so in replies).
- purchases from ONE action type, by precedence `omni_purchase` > `purchase` >
  `offsite_conversion.fb_pixel_purchase` (the same purchases counted three ways: never
  summed); revenue from `action_values` of that same type.
- `lead` → leads; `post_reaction` → likes, `comment`, `post` (shares),
  `onsite_conversion.post_save` (saves), `video_view` (3-second plays) → video_views,
  `video_p100_watched_actions` → video_completions.
- `account_currency` → the rows' currency.
Meta leaves out actions with no count: an absent action is 0 for the day, so a purchase
taken back (12 → 0) is restated too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from storage.errors import PlatformError
from storage.sync_store import SyncedRow

INSIGHT_FIELDS = (
    "campaign_id",
    "campaign_name",
    "date_start",
    "date_stop",
    "account_currency",
    "impressions",
    "reach",
    "spend",
    "inline_link_clicks",
    "actions",
    "action_values",
    "video_p100_watched_actions",
)
PURCHASES = ("omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase")
ACTION_COUNTERS = {
    "lead": "leads",
    "post_reaction": "likes",
    "comment": "comments",
    "post": "shares",
    "onsite_conversion.post_save": "saves",
    "video_view": "video_views",
}
PLAIN = {"impressions": "impressions", "reach": "reach", "spend": "spend",
         "inline_link_clicks": "clicks"}  # fmt: skip


def _number(value: object, field: str) -> float:
    try:
        number = float(str(value))
    except ValueError as exc:
        raise PlatformError(
            "sync.error.bad_answer", detail=f"{field}={value!r}"[:80], platform="Meta"
        ) from exc
    if number != number or number < 0:  # NaN or negative: not a count
        raise PlatformError(
            "sync.error.bad_answer", detail=f"{field}={value!r}"[:80], platform="Meta"
        )
    return number


def _actions(item: Mapping[str, Any], field: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for entry in item.get(field) or []:
        if isinstance(entry, dict) and "action_type" in entry:
            found[str(entry["action_type"])] = _number(entry.get("value", 0), field)
    return found


def synced_row(item: Mapping[str, Any]) -> SyncedRow:
    try:
        campaign_id = str(item["campaign_id"])
        day = dt.date.fromisoformat(str(item["date_start"]))
    except (KeyError, ValueError) as exc:
        raise PlatformError("sync.error.bad_answer", detail=str(exc)[:80], platform="Meta") from exc
    counters: dict[str, float] = {
        counter: _number(item[field], field) for field, counter in PLAIN.items() if field in item
    }
    actions = _actions(item, "actions")
    values = _actions(item, "action_values")
    purchase = next((kind for kind in PURCHASES if kind in actions), None)
    counters["conversions"] = actions[purchase] if purchase else 0.0
    counters["revenue"] = values.get(purchase, 0.0) if purchase else 0.0
    for kind, counter in ACTION_COUNTERS.items():
        counters[counter] = actions.get(kind, 0.0)
    watched = _actions(item, "video_p100_watched_actions")
    counters["video_completions"] = sum(watched.values())
    currency = item.get("account_currency")
    return SyncedRow(
        campaign_id,
        str(item.get("campaign_name") or campaign_id),
        day,
        counters,
        str(currency).upper() if currency else None,
    )
