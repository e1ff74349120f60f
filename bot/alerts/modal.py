"""The target modals: `/kpi target` alone opens "Set a target" with the same fields as the
command; the alert's "Edit target" button opens "Edit target #n" (value, deadline, window).
Pure builders and readers of the submitted state; the listeners live in actions.py."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from bot import payloads
from bot.alerts.blocks import kpi_label
from bot.alerts.parse import TargetArgs, parse_deadline, parse_window
from bot.blocks.common import plain_text
from bot.errors import UserError
from bot.texts import t
from kpi.formatting import fmt_number
from kpi.registry import REGISTRY
from storage.campaigns.records import CampaignRec
from storage.targets.records import TargetRec

NEW_CALLBACK = "kpi_target_new"
EDIT_CALLBACK = "kpi_target_edit"
FIELDS = ("campaign", "kpi", "op", "value", "deadline", "window")
MAX_TITLE = 24  # Slack's limit for a modal title
MAX_OPTIONS = 100
ALL = "all"
#: The form field a refused SMART letter is about.
FIELD_OF_LETTER = {"S": "kpi", "M": "window", "T": "deadline"}


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    return plain_text(text, limit)


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": _plain(text), "value": value}


def _input(
    block_id: str, label: str, element: dict[str, Any], hint: str | None = None
) -> dict[str, Any]:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label, 2000),
        "element": element,
    }
    if hint:
        block["hint"] = _plain(hint, 2000)
    return block


def _select(options: list[dict[str, Any]], initial: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": "v",
        "options": options[:MAX_OPTIONS],
    }
    chosen = next((o for o in options[:MAX_OPTIONS] if o["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def _common(locale: str, target: TargetRec | None, today: dt.date) -> list[dict[str, Any]]:
    value_input: dict[str, Any] = {"type": "plain_text_input", "action_id": "v"}
    window_input: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "v",
        "initial_value": "7",
    }
    deadline: dict[str, Any] = {"type": "datepicker", "action_id": "v"}
    if target is not None:
        value_input["initial_value"] = fmt_number(target.value, locale)
        window_input["initial_value"] = str(target.window_days)
        deadline["initial_date"] = target.deadline.isoformat()
    else:
        deadline["initial_date"] = _end_of_quarter(today).isoformat()
    return [
        _input(
            "value",
            t("targets.modal.value", locale),
            value_input,
            t("targets.modal.value_hint", locale),
        ),
        _input("deadline", t("targets.modal.deadline", locale), deadline),
        _input("window", t("targets.modal.window", locale), window_input),
    ]


def _end_of_quarter(day: dt.date) -> dt.date:
    month = (day.month - 1) // 3 * 3 + 3
    first_next = dt.date(day.year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _view(
    callback: str, title: str, locale: str, blocks: list[dict[str, Any]], meta: dict[str, Any]
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback,
        "title": _plain(title, MAX_TITLE),
        "submit": _plain(t("targets.modal.submit", locale), MAX_TITLE),
        "private_metadata": json.dumps(meta, separators=(",", ":")),
        "blocks": blocks,
    }


def new_target_view(
    locale: str,
    campaigns: Sequence[CampaignRec],
    *,
    channel_id: str | None,
    today: dt.date,
    preselect: str | None = None,
) -> dict[str, Any]:
    """ "Set a target": campaign (or all), KPI, at least / at most, value, deadline, window."""
    campaign_options = [_option(c.slug, c.slug) for c in campaigns[: MAX_OPTIONS - 1]]
    campaign_options.append(_option(t("targets.all_campaigns", locale), ALL))
    kpi_options = [_option(kpi_label(name, locale), name) for name in REGISTRY]
    ops = [
        _option(t("targets.modal.op_ge", locale), ">="),
        _option(t("targets.modal.op_le", locale), "<="),
    ]
    blocks = [
        _input(
            "campaign", t("targets.modal.campaign", locale), _select(campaign_options, preselect)
        ),
        _input("kpi", t("targets.modal.kpi", locale), _select(kpi_options, None)),
        _input("op", t("targets.modal.op", locale), _select(ops, ">=")),
        *_common(locale, None, today),
    ]
    return _view(NEW_CALLBACK, t("targets.modal.title", locale), locale, blocks, {"c": channel_id})


def edit_target_view(locale: str, target: TargetRec, today: dt.date) -> dict[str, Any]:
    """ "Edit target #n": value, deadline and window, filled in with the current ones."""
    title = t("targets.modal.edit_title", locale, id=target.id)
    meta = {"c": target.channel_id, "t": target.id}
    return _view(EDIT_CALLBACK, title, locale, _common(locale, target, today), meta)


def submitted(view: Mapping[str, Any]) -> dict[str, str]:
    """The submitted value of every field present: block id -> text (selects: their value,
    the datepicker: its ISO date)."""
    out: dict[str, str] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        element = actions.get("v", {})
        if element.get("selected_option"):
            out[block_id] = element["selected_option"]["value"]
        elif element.get("selected_date"):
            out[block_id] = element["selected_date"]
        elif element.get("value") is not None:
            out[block_id] = str(element["value"])
    return out


def metadata(view: Mapping[str, Any]) -> dict[str, Any]:
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def target_args(values: Mapping[str, str]) -> TargetArgs:
    """The new-target form as the same TargetArgs `/kpi target ...` gives."""
    missing = [name for name in FIELDS if not values.get(name, "").strip()]
    if missing and missing != ["window"]:
        raise UserError("targets.error.usage", None, field=missing[0])
    return TargetArgs(
        campaign=values["campaign"],
        kpi=values["kpi"],
        op=payloads.op(values["op"]),  # only the form's two: "!=" is no "<="
        value=values["value"].strip(),
        deadline=parse_deadline(values["deadline"]),
        window_days=parse_window(values.get("window") or "7"),
    )


def field_of(key: str) -> str:
    """The form field an error key is about, so the modal shows it there."""
    for name in ("deadline", "window", "campaign", "kpi"):
        if name in key:
            return name
    if key.startswith("targets.smart.t"):
        return "deadline"
    if key.startswith("targets.smart.m"):
        return "window"
    if key.startswith("targets.smart.s"):
        return "kpi"
    return "value"
