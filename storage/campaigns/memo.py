"""Reads remembered for the length of one read-only reply: a `/kpi roi all` reply asks for
the same period's totals, split by platform or campaign, several times (the value, its
split, the drivers of its change), `/kpi targets` the same daily frame for every target
over all campaigns; inside `one_reply()` each is read from the database once. Outside it
(and so for every command that writes) nothing is remembered. Scoped by a context
variable: each thread (each request) has its own."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("kpibot_reply_memo", default=None)


@contextmanager
def one_reply() -> Iterator[None]:
    """Remember reads until the block ends (for a reply that changes nothing)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def active() -> bool:
    """True inside `one_reply()`: a read shared by many callers is remembered."""
    return _MEMO.get() is not None


def remembered(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or what it gave for ``key`` earlier in this reply. The value must not be
    changed by its callers (Totals are frozen; a dict is handed out as a copy by them)."""
    memo = _MEMO.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    found: T = memo[key]
    return found


def recalled(key: Hashable) -> Any:
    """What ``remembered`` holds for ``key`` in this reply, or None."""
    memo = _MEMO.get()
    return None if memo is None else memo.get(key)
