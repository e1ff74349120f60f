"""Block Kit for managing campaigns: what a campaign holds, the confirmations that ask before
a delete or merge (and before `/kpi log` creates a campaign), and the strict reading of
their button values when clicked. Pure: no Slack calls, no database."""

from __future__ import annotations

import json
import shlex
from typing import Any

from bot.blocks.common import actions, button, context, section
from bot.context import Ctx, Reply
from kpi.formatting import fmt_date_range
from storage.campaigns.naming import slugify
from storage.campaigns.records import CampaignRec, Footprint
from storage.limits import fits_id

MAX_SLUG, MAX_NAME = 100, 200  # the campaigns table's column sizes
CONFIRM = "campaign_confirm"
CANCEL = "campaign_cancel"
LOG_CREATE = "log_create"
LOG_TO = "log_to"
MAX_COMMAND = 1000


def plural(ctx: Ctx, key: str, count: int, **kw: object) -> str:
    return ctx.t(f"{key}.{'one' if count == 1 else 'other'}", count=count, **kw)


def footprint_lines(
    ctx: Ctx, fp: Footprint, *, overlap: bool = False, done: bool = False
) -> list[str]:
    """One line per kind of thing a campaign holds; kinds it has none of are left out
    (except the daily numbers, which are always named)."""
    if fp.rows and fp.first_day and fp.last_day:
        dates = fmt_date_range(fp.first_day, fp.last_day, ctx.locale, ctx.today.year)
        lines = [plural(ctx, "campaign.fp.rows", fp.rows, dates=dates)]
    else:
        lines = [ctx.t("campaign.fp.no_rows")]
    for key, count in (
        ("campaign.fp.costs", fp.costs),
        ("campaign.fp.targets", fp.targets),
        ("campaign.fp.subs", fp.subscriptions),
    ):
        if count:
            lines.append(plural(ctx, key, count))
    if overlap and fp.overlap:
        key = "campaign.fp.overlap_done" if done else "campaign.fp.overlap"
        lines.append(plural(ctx, key, fp.overlap))
    return lines


def fingerprint(fp: Footprint) -> list[int]:
    """What a confirmation was shown, carried in its button: a click after the campaign
    changed (new rows, costs, targets) is out of date."""
    return [fp.rows, fp.costs, fp.targets, fp.subscriptions, fp.overlap]


def delete_ask(ctx: Ctx, rec: CampaignRec, fp: Footprint) -> Reply:
    value = {"a": "delete", "id": rec.id, "s": rec.slug, "f": fingerprint(fp)}
    text = ctx.t("campaign.delete.ask", slug=rec.slug)
    notes = [ctx.t("campaign.delete.archive_instead", slug=rec.slug)]
    if fp.subscriptions:
        notes.insert(0, ctx.t("campaign.delete.subs_note", slug=rec.slug))
    blocks = [
        section(":warning: " + text + "\n" + "\n".join(footprint_lines(ctx, fp))),
        context(*notes),
        actions(
            button(ctx.t("campaign.button.delete", slug=rec.slug), CONFIRM, value, "danger"),
            button(ctx.t("campaign.button.cancel"), CANCEL, {"a": "cancel"}),
        ),
    ]
    return Reply(blocks, text)


def merge_ask(ctx: Ctx, rec: CampaignRec, into: CampaignRec, fp: Footprint) -> Reply:
    value = {
        "a": "merge", "id": rec.id, "s": rec.slug, "to": into.id, "ts": into.slug,
        "f": fingerprint(fp),
    }  # fmt: skip
    text = ctx.t("campaign.merge.ask", slug=rec.slug, into=into.slug)
    if fp.rows or fp.costs or fp.targets or fp.subscriptions:
        lines = footprint_lines(ctx, fp, overlap=True)
    else:
        lines = [ctx.t("campaign.merge.nothing", slug=rec.slug)]
    blocks = [
        section(":twisted_rightwards_arrows: " + text + "\n" + "\n".join(lines)),
        actions(
            button(ctx.t("campaign.button.merge", into=into.slug), CONFIRM, value, "danger"),
            button(ctx.t("campaign.button.cancel"), CANCEL, {"a": "cancel"}),
        ),
    ]
    return Reply(blocks, text)


def is_slug(word: str) -> bool:
    """True for a campaign name as imports make them (storage.campaigns.naming.slugify's output)."""
    return 0 < len(word) <= MAX_SLUG and slugify(word) == word


def log_ask(
    ctx: Ctx, name: str, closest: list[str], values: str, when: str, platform: str, rest: str
) -> Reply:
    """`/kpi log` to a campaign that does not exist: create it (named as the word gives, e.g.
    `Nieuwe Actie` -> `nieuwe-actie`), or log to one of the closest existing campaigns.
    `rest` is the rest of the log with an explicit date, so a click tomorrow still logs the
    day meant today."""
    slug = slugify(name)[:MAX_SLUG].strip("-") or "campaign"
    if slug == name:
        text = ctx.t("log.ask_create", name=name, values=values, date=when, platform=platform)
    else:
        text = ctx.t(
            "log.ask_create_as", name=name, slug=slug, values=values, date=when, platform=platform
        )
    create = {"c": f"log {shlex.quote(slug)} {rest}", "s": slug, "n": name[:MAX_NAME]}
    buttons = [button(ctx.t("log.button.create", name=slug), LOG_CREATE, create, "primary")]
    for other in closest[:3]:
        value = {"c": f"log {shlex.quote(other)} {rest}"}
        buttons.append(button(ctx.t("log.button.to", slug=other), LOG_TO, value))
    buttons.append(button(ctx.t("campaign.button.cancel"), CANCEL, {"a": "cancel"}))
    blocks = [section(":question: " + text)]
    if closest:
        blocks.append(context(ctx.t("log.ask_closest")))
    blocks.append(actions(*buttons))
    return Reply(blocks, text)


# -- reading a clicked button back ------------------------------------------------------------
def _id(value: Any) -> int | None:
    # Campaign ids are INTEGER: 2**40 would overflow PostgreSQL's lookup, not miss it.
    return value if type(value) is int and fits_id(value) else None


def _name(value: Any) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


def clicked_value(body: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON object a clicked button carries, or None when it is not one."""
    try:
        raw = body["actions"][0]["value"]
        value = json.loads(raw) if isinstance(raw, str) and len(raw) <= 2000 else None
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def confirm_request(value: dict[str, Any]) -> dict[str, Any] | None:
    """A delete or merge confirmation's value with every field checked, else None."""
    action = value.get("a")
    fp = value.get("f")
    if not (isinstance(fp, list) and len(fp) == 5):
        return None
    if not all(type(n) is int and 0 <= n < 2**63 for n in fp):
        return None
    checked = {"a": action, "id": _id(value.get("id")), "s": _name(value.get("s")), "f": fp}
    if action == "merge":
        checked |= {"to": _id(value.get("to")), "ts": _name(value.get("ts"))}
    elif action != "delete":
        return None
    return checked if all(v is not None for v in checked.values()) else None


def log_request(value: dict[str, Any]) -> tuple[str, str | None, str | None] | None:
    """(the log command, the campaign to create or None, its display name) from a log
    button, else None."""
    command = value.get("c")
    if not (isinstance(command, str) and command.startswith("log ")):
        return None
    if len(command) > MAX_COMMAND:
        return None
    create, name = value.get("s"), value.get("n")
    if create is not None and not (isinstance(create, str) and is_slug(create)):
        return None
    if name is not None and not (isinstance(name, str) and 0 < len(name) <= MAX_NAME):
        return None
    return command[len("log ") :], create, name
