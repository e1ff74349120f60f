"""The words of `/kpi competitor add <name> <platform> followers=… engagement=… posts=…
[days=7] [on 2026-11-24]` read into a storage NewObservation; every mistake is a UserError
with the add example. Numbers as people type them in their locale (`12.400` in Dutch,
`12,400` in English, `12k`), the engagement rate with or without `%`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.context import Ctx
from bot.errors import UserError
from bot.numbers import parse_number
from bot.queries.entry import day_word
from bot.validation import bounded
from kpi.counters import PLATFORM_LABELS, PLATFORMS
from storage import bounds
from storage.competitors.records import NAME_MAX, NewObservation

EXAMPLE = "example.competitor_add"
#: key typed → field (English and Dutch)
KEYS = {
    "followers": "followers",
    "volgers": "followers",
    "engagement": "engagement",
    "engagement_rate": "engagement",
    "er": "engagement",
    "betrokkenheid": "engagement",
    "engagementratio": "engagement",
    "posts": "posts",
    "berichten": "posts",
    "days": "days",
    "dagen": "days",
    "date": "date",
    "datum": "date",
}
DATE_WORDS = ("on", "op")
#: how people write a platform → how kpibot stores it
PLATFORM_WORDS = {
    **{p: p for p in PLATFORMS if p != "google"},
    **{
        label.lower(): p for p, label in PLATFORM_LABELS.items() if p in PLATFORMS and p != "google"
    },
    "twitter": "x",
    "fb": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "yt": "youtube",
    "threads": "threads",
    "pinterest": "pinterest",
    "snapchat": "snapchat",
    "bluesky": "bluesky",
}
#: The most days an observation's engagement rate and posts may cover.
MAX_DAYS = 366
#: The largest engagement rate accepted (per follower it can pass 100 % on a small account).
MAX_RATE = 1000.0


def platform_of(word: str) -> str | None:
    """A platform as typed (`LinkedIn`, `ig`, `twitter`) → as stored; None when unknown."""
    return PLATFORM_WORDS.get(word.lower())


def known_platforms() -> str:
    return ", ".join(sorted(set(PLATFORM_WORDS.values())))


def _date(ctx: Ctx, word: str) -> dt.date:
    day = day_word(word, ctx.today)
    if day is None:
        raise UserError("competitor.error.date", EXAMPLE, value=word)
    if day > ctx.today:
        raise UserError("competitor.error.future", EXAMPLE, value=word)
    with bounded(ctx, EXAMPLE):
        bounds.check_day("date", day, ctx.today)
    return day


def _datelike(ctx: Ctx, word: str) -> bool:
    return word[:1].isdigit() or day_word(word, ctx.today) is not None


def _whole(ctx: Ctx, key: str, raw: str, largest: int) -> int:
    try:
        value = parse_number(raw, ctx.locale)
    except ValueError as exc:
        raise UserError("competitor.error.number", EXAMPLE, name=key, value=raw) from exc
    if value < 0 or value != int(value) or value > largest:
        raise UserError("competitor.error.whole", EXAMPLE, name=key, value=raw)
    return int(value)


def _rate(ctx: Ctx, key: str, raw: str) -> float:
    text = raw.strip().rstrip("%").strip()
    try:
        value = parse_number(text, ctx.locale)
    except ValueError as exc:
        raise UserError("competitor.error.number", EXAMPLE, name=key, value=raw) from exc
    if not 0 <= value <= MAX_RATE:
        raise UserError("competitor.error.rate", EXAMPLE, name=key, value=raw)
    return value


def check_name(ctx: Ctx, name: str) -> str:
    """A competitor's name: what was typed, spaces tidied; no control characters, at most
    NAME_MAX characters, at least one letter or digit."""
    name = " ".join(name.split())
    if not any(ch.isalnum() for ch in name):
        raise UserError("competitor.error.name", EXAMPLE)
    with bounded(ctx, EXAMPLE):
        bounds.check_text("competitor", name, NAME_MAX)
    return name


def read_add(ctx: Ctx, words: Sequence[str]) -> NewObservation:
    """`<name words> <platform> key=value… [on <date>]` → the observation to note."""
    plain: list[str] = []
    values: dict[str, tuple[str, str]] = {}  # field -> (key as typed, value)
    day = ctx.today
    i = 0
    while i < len(words):
        word = words[i]
        if "=" in word:
            key, _, raw = word.partition("=")
            field = KEYS.get(key.lower())
            if field is None:
                raise UserError("competitor.error.key", EXAMPLE, name=key)
            if not raw:
                raise UserError("competitor.error.number", EXAMPLE, name=key, value="")
            if field == "date":
                day = _date(ctx, raw)
            else:
                values[field] = (key, raw)
        elif word.lower() in DATE_WORDS and i + 1 < len(words) and _datelike(ctx, words[i + 1]):
            day = _date(ctx, words[i + 1])
            i += 1
        else:
            plain.append(word)
        i += 1
    if len(plain) < 2:
        raise UserError("competitor.error.add_usage", EXAMPLE)
    platform = platform_of(plain[-1])
    if platform is None:
        raise UserError(
            "competitor.error.platform", EXAMPLE, word=plain[-1], known=known_platforms()
        )
    name = check_name(ctx, " ".join(plain[:-1]))
    if not values.keys() & {"followers", "engagement", "posts"}:
        raise UserError("competitor.error.nothing", EXAMPLE)
    followers = posts = days = None
    rate = None
    if "followers" in values:
        followers = _whole(ctx, *values["followers"], 10**15)
    if "engagement" in values:
        rate = _rate(ctx, *values["engagement"])
    if "posts" in values:
        posts = _whole(ctx, *values["posts"], 10**6)
    if "days" in values:
        key, raw = values["days"]
        days = _whole(ctx, key, raw.lower().removesuffix("d"), MAX_DAYS)
        if days == 0:
            raise UserError("competitor.error.whole", EXAMPLE, name=key, value=raw)
    return NewObservation(name, platform, day, followers, rate, posts, days)
