"""Slack's Block Kit limits as Slack documents them, written out as numbers here on purpose:
the tests must not compare the builders against the code's own constants (raising one of
those would then pass every test). Sources: Slack's Block Kit reference (blocks, block
elements, composition objects, views) and chat.postMessage.

`problems(blocks, surface)` lists every limit a message, modal or Home tab breaks; tests
assert it is empty."""

from __future__ import annotations

from typing import Any

#: Blocks per surface: a message 50, a modal or the Home tab 100.
BLOCKS = {"message": 50, "modal": 100, "home": 100}
SECTION_TEXT = 3000
SECTION_FIELDS = 10
SECTION_FIELD_TEXT = 2000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
TEXT_OBJECT = 3000  # any text object, e.g. a context element
ACTIONS_ELEMENTS = 25
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTION_ID = 255
BLOCK_ID = 255
IMAGE_ALT_TEXT = 2000
INPUT_LABEL = 2000
OPTION_TEXT = 75
OPTION_VALUE = 150
SELECT_OPTIONS = 100
MODAL_TITLE = 24
MODAL_BUTTON = 24
PRIVATE_METADATA = 3000
MESSAGE_TEXT = 40000


def _text(obj: Any) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def _element(element: dict, where: str, out: list[str]) -> None:
    kind = element.get("type")
    if len(element.get("action_id", "")) > ACTION_ID:
        out.append(f"{where}: action_id over {ACTION_ID}")
    if kind == "button":
        if len(_text(element.get("text"))) > BUTTON_TEXT:
            out.append(f"{where}: button text over {BUTTON_TEXT}")
        if len(element.get("value", "")) > BUTTON_VALUE:
            out.append(f"{where}: button value over {BUTTON_VALUE}")
    if kind == "image" and len(element.get("alt_text", "")) > IMAGE_ALT_TEXT:
        out.append(f"{where}: image alt_text over {IMAGE_ALT_TEXT}")
    options = element.get("options")
    if options is not None:
        if len(options) > SELECT_OPTIONS:
            out.append(f"{where}: {len(options)} options, over {SELECT_OPTIONS}")
        for option in options:
            if len(_text(option.get("text"))) > OPTION_TEXT:
                out.append(f"{where}: option text over {OPTION_TEXT}")
            if len(option.get("value", "")) > OPTION_VALUE:
                out.append(f"{where}: option value over {OPTION_VALUE}")


def problems(blocks: list[dict], surface: str = "message") -> list[str]:
    """Every Block Kit limit these blocks break on `surface` (message, modal, home)."""
    out: list[str] = []
    if len(blocks) > BLOCKS[surface]:
        out.append(f"{len(blocks)} blocks, over {BLOCKS[surface]} in a {surface}")
    for i, block in enumerate(blocks):
        kind, where = block.get("type"), f"block {i} ({block.get('type')})"
        if len(block.get("block_id", "")) > BLOCK_ID:
            out.append(f"{where}: block_id over {BLOCK_ID}")
        if kind == "section":
            if len(_text(block.get("text"))) > SECTION_TEXT:
                out.append(f"{where}: text over {SECTION_TEXT}")
            fields = block.get("fields") or []
            if len(fields) > SECTION_FIELDS:
                out.append(f"{where}: {len(fields)} fields, over {SECTION_FIELDS}")
            if any(len(_text(f)) > SECTION_FIELD_TEXT for f in fields):
                out.append(f"{where}: a field over {SECTION_FIELD_TEXT}")
            if "accessory" in block:
                _element(block["accessory"], where, out)
        elif kind == "header":
            if len(_text(block.get("text"))) > HEADER_TEXT:
                out.append(f"{where}: text over {HEADER_TEXT}")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= CONTEXT_ELEMENTS:
                out.append(f"{where}: {len(elements)} elements, not 1 to {CONTEXT_ELEMENTS}")
            for element in elements:
                if len(_text(element)) > TEXT_OBJECT:
                    out.append(f"{where}: an element over {TEXT_OBJECT}")
                if element.get("type") == "image":
                    _element(element, where, out)
        elif kind == "actions":
            elements = block.get("elements") or []
            if len(elements) > ACTIONS_ELEMENTS:
                out.append(f"{where}: {len(elements)} elements, over {ACTIONS_ELEMENTS}")
            for element in elements:
                _element(element, where, out)
        elif kind == "input":
            if len(_text(block.get("label"))) > INPUT_LABEL:
                out.append(f"{where}: label over {INPUT_LABEL}")
            if "element" in block:
                _element(block["element"], where, out)
        elif kind == "image" and len(block.get("alt_text", "")) > IMAGE_ALT_TEXT:
            out.append(f"{where}: alt_text over {IMAGE_ALT_TEXT}")
    return out


def view_problems(view: dict) -> list[str]:
    """The limits a modal or Home view breaks: its blocks, title, buttons, metadata."""
    surface = "home" if view.get("type") == "home" else "modal"
    out = problems(view.get("blocks", []), surface)
    if len(_text(view.get("title"))) > MODAL_TITLE:
        out.append(f"title over {MODAL_TITLE}")
    for name in ("submit", "close"):
        if len(_text(view.get(name))) > MODAL_BUTTON:
            out.append(f"{name} over {MODAL_BUTTON}")
    if len(view.get("private_metadata", "")) > PRIVATE_METADATA:
        out.append(f"private_metadata over {PRIVATE_METADATA}")
    return out
