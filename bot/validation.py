"""The bot's side of the bounds every way in shares (storage.bounds, kpi.bounds): a value out
of bounds becomes a UserError in the user's language, with its limits formatted for them
and a valid example."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from bot.context import Ctx
from bot.errors import UserError
from kpi.bounds import has_control
from kpi.formatting import fmt_date, fmt_number
from kpi.i18n import catalogs
from storage.errors import OutOfBounds


def user_error(exc: OutOfBounds, ctx: Ctx, example: str | None) -> UserError:
    """The refusal a user reads for `exc`: numbers and dates in their locale."""
    shown = {key: _shown(value, ctx.locale) for key, value in exc.args_.items()}
    label = f"bounds.label.{shown.get('name')}"
    if label in catalogs()["en"]:  # "amount", "rate": the field's name in their language
        shown["name"] = ctx.t(label)
    return UserError(exc.key, example, **shown)


@contextmanager
def bounded(ctx: Ctx, example: str | None) -> Iterator[None]:
    """Checks inside raise UserError (with `example`) instead of OutOfBounds."""
    try:
        yield
    except OutOfBounds as exc:
        raise user_error(exc, ctx, example) from exc


def check_command_text(text: str) -> None:
    """A typed command may hold newlines, never other control characters (NUL, escape):
    PostgreSQL refuses NUL in text, and nothing a person types needs them."""
    if has_control(text):
        raise UserError("bounds.command_control", "example.kpi")


def _shown(value: object, locale: str) -> object:
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        # "1 Jan 1" reads as a slip of the pen; 0001-01-01 is what was typed.
        return fmt_date(value, locale) if value.year >= 1000 else value.isoformat()
    if isinstance(value, int | float):
        if isinstance(value, float) and abs(value) >= 1e15:
            return f"{value:.3g}"  # a number this long says nothing digit by digit
        return fmt_number(value, locale)
    return value
