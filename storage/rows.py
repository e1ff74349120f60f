"""Small helpers the repositories share when they read rows back."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import CursorResult


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes even for DateTime(timezone=True); we store UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def aware_or_none(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else aware(value)


def rowcount(result: object) -> int:
    """Rows an UPDATE or DELETE touched (Session.execute is typed as plain Result; DML
    results are CursorResults at runtime)."""
    return cast("CursorResult[Any]", result).rowcount
