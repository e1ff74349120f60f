"""The `/kpi` command language: text in, a command value out. No I/O here.

The words that start a command (`log`, `doel`, `digest`, ...) are not listed here: each
feature declares its own (`bot.feature.Feature.keywords`, word → command name) and the
entry point passes the table in. The grammar knows how the arguments of the core commands
are shaped; any other command becomes a `Sub` whose feature reads its own arguments.

Errors carry an i18n key, its arguments and the key of a valid example, so the reply can
say what was wrong and show what would work.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from bot.errors import GrammarError

PLATFORM_WORDS = ("on", "op")


@dataclass(frozen=True)
class Help:
    name: ClassVar[str] = "help"
    topic: str | None = None


@dataclass(frozen=True)
class ListCampaigns:
    name: ClassVar[str] = "list"


@dataclass(frozen=True)
class KpiQuery:
    name: ClassVar[str] = "kpi"
    kpi: str
    campaign: str | None  # None: take it from the channel name; "all": every campaign
    period: str | None = None
    platform: str | None = None


@dataclass(frozen=True)
class Report:
    name: ClassVar[str] = "report"
    campaign: str | None
    period: str | None = None


@dataclass(frozen=True)
class Compare:
    name: ClassVar[str] = "compare"
    first: str
    second: str
    kpi: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class Log:
    name: ClassVar[str] = "log"
    campaign: str | None
    words: tuple[str, ...]  # optional date and platform, in any order
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CostEntry:
    name: ClassVar[str] = "cost"
    campaign: str | None
    amount: str  # "250", "8h@45"
    category: str
    words: tuple[str, ...] = ()  # optional date, then the note


@dataclass(frozen=True)
class SettingsCmd:
    name: ClassVar[str] = "settings"
    key: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Sub:
    """A command owned by a feature module (target, targets, alerts, digest, import): the
    feature parses its own arguments."""

    name: str
    args: tuple[str, ...]
    raw: str


Command = Help | ListCampaigns | KpiQuery | Report | Compare | Log | CostEntry | SettingsCmd | Sub


#: `<#C0123|summer-sale>` (a channel link) and `<@U0123|ann>`: the name after the bar.
_SLACK_LINK = re.compile(r"<[#@!][A-Za-z0-9^]+\|([^>]*)>")
#: `*bold*`, `_italic_`, `~strike~`, `` `code` `` around one or more words.
_FORMATTING = re.compile(r"(?<!\S)([*_~`])(?=\S)([^*_~`]*?\S)\1(?!\S)")
#: `#summer-sale`: a channel typed as text, named after its campaign.
_CHANNEL = re.compile(r"(?<!\S)#(?=[a-z0-9])", re.IGNORECASE)


def plain_text(text: str) -> str:
    """The words as typed without Slack's formatting: links to channels or people become
    their names, `*bold*`, `_italic_`, `~strike~` and `` `code` `` lose their marks and a
    leading `#` goes, so `roi *summer-sale*` and `roi #summer-sale` ask for the campaign."""
    text = _SLACK_LINK.sub(lambda m: m.group(1), text)
    text = _FORMATTING.sub(lambda m: m.group(2), text)
    return _CHANNEL.sub("", text)


def tokenize(text: str) -> list[str]:
    # Slack sends typographic quotes when users type them on a phone.
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    text = plain_text(text)
    try:
        return shlex.split(text)
    except ValueError as exc:
        raise GrammarError("error.unbalanced_quotes", "example.kpi") from exc


def split_platform(words: list[str]) -> tuple[list[str], str | None]:
    """`... on facebook` → (words before, "facebook")."""
    for i, word in enumerate(words):
        if word.lower() in PLATFORM_WORDS and i + 1 < len(words):
            if i + 2 != len(words):
                raise GrammarError("error.platform_last", "example.platform")
            return words[:i], words[i + 1].lower()
    if words and words[-1].lower() in PLATFORM_WORDS:
        raise GrammarError("error.platform_missing", "example.platform")
    return words, None


IsKpi = Callable[[list[str]], int]
IsPeriod = Callable[[str], bool]
CampaignWords = Callable[[list[str]], int]


def _no_campaign(words: list[str]) -> int:
    return 0


def parse(
    text: str,
    *,
    keywords: Mapping[str, str],
    is_kpi: IsKpi,
    is_period: IsPeriod,
    campaign_words: CampaignWords = _no_campaign,
) -> Command:
    """Parse the text after `/kpi`.

    `keywords` maps a typed first word (lower case) to its command name, from the features;
    `is_kpi(words) -> int` returns how many leading words name a KPI (0 when none);
    `is_period(text) -> bool` tells whether text reads as a period. Both come from kpi/,
    passed in so the grammar stays free of the registry's details. `campaign_words(words)
    -> int` says how many leading words name a known campaign (0: none), so a name of
    several words needs no quotes; an unknown name runs up to where a period starts.
    """
    words = tokenize(text.strip())
    if not words:
        return Help()
    head = words[0].lower()
    rest = words[1:]
    kind = keywords.get(head)
    if kind == "help":
        return Help(rest[0].lower() if rest else None)
    if kind == "list":
        return ListCampaigns()
    if kind == "report":
        return _report(rest, is_period, campaign_words)
    if kind == "compare":
        return _compare(rest, is_kpi, campaign_words)
    if kind == "log":
        return _log(rest, campaign_words)
    if kind == "cost":
        return _cost(rest, campaign_words)
    if kind == "settings":
        return SettingsCmd(rest[0].lower() if rest else None, " ".join(rest[1:]) or None)
    if kind is not None:
        return Sub(kind, tuple(_names_joined(rest, campaign_words)), text.strip())
    return _kpi_query(words, is_kpi, is_period, campaign_words)


def _names_joined(words: list[str], campaign_words: CampaignWords) -> list[str]:
    """A feature's arguments with each known campaign name of several words as one
    (`campaign goal Summer Sale conversion` → goal, Summer Sale, conversion)."""
    joined, i = [], 0
    while i < len(words):
        n = max(campaign_words(words[i:]), 1)
        joined.append(" ".join(words[i : i + n]))
        i += n
    return joined


def _campaign_and_rest(
    words: list[str], is_period: IsPeriod, campaign_words: CampaignWords
) -> tuple[str | None, list[str]]:
    if not words:
        return None, []
    first = words[0]
    if first.lower() in PLATFORM_WORDS or is_period(" ".join(words)):
        return None, words
    n = campaign_words(words)
    if n:
        return " ".join(words[:n]), words[n:]
    # Not a known name: it runs up to where a period starts, so the refusal names it whole.
    found = next((i for i in range(1, len(words)) if is_period(" ".join(words[i:]))), None)
    if found is None:
        # No period follows: the words are the name, unless one starts with a digit (then
        # it is more likely a period mistyped, refused as such).
        found = len(words) if all(w[:1].isalpha() for w in words[1:]) else 1
    return " ".join(words[:found]), words[found:]


def _kpi_query(
    words: list[str], is_kpi: IsKpi, is_period: IsPeriod, campaign_words: CampaignWords
) -> KpiQuery:
    n = is_kpi(words)
    if n == 0:
        # Not a KPI: the command resolves the word (bot.resolve.kpi_named), which
        # refuses it with the closest KPI names; the rest is not read.
        return KpiQuery(words[0], None)
    kpi = " ".join(words[:n])
    rest, platform = split_platform(words[n:])
    campaign, rest = _campaign_and_rest(rest, is_period, campaign_words)
    period = " ".join(rest) or None
    return KpiQuery(kpi, campaign, period, platform)


def _report(words: list[str], is_period: IsPeriod, campaign_words: CampaignWords) -> Report:
    campaign, rest = _campaign_and_rest(words, is_period, campaign_words)
    return Report(campaign, " ".join(rest) or None)


#: Words people put between the two campaigns of `/kpi compare`.
VERSUS = ("vs", "vs.", "versus", "and", "en", "with", "met", "tegen")


def _compare(words: list[str], is_kpi: IsKpi, campaign_words: CampaignWords) -> Compare:
    if len(words) < 2:
        raise GrammarError("error.compare_two", "example.compare")
    n = campaign_words(words) or 1
    first, rest = " ".join(words[:n]), words[n:]
    if rest and rest[0].lower() in VERSUS:
        rest = rest[1:]
    if not rest:
        raise GrammarError("error.compare_two", "example.compare")
    n = campaign_words(rest) or 1
    second, rest = " ".join(rest[:n]), rest[n:]
    kpi = None
    if rest:
        n = is_kpi(rest)
        if n:
            kpi, rest = " ".join(rest[:n]), rest[n:]
    return Compare(first, second, kpi, " ".join(rest) or None)


def _log(words: list[str], campaign_words: CampaignWords) -> Log:
    values: dict[str, str] = {}
    plain: list[str] = []
    for word in words:
        if "=" in word:
            key, _, value = word.partition("=")
            if not key or not value:
                raise GrammarError("error.log_pair", "example.log", word=word)
            values[key.lower()] = value
        elif values:
            raise GrammarError("error.log_order", "example.log", word=word)
        else:
            plain.append(word)
    if not values:
        raise GrammarError("error.log_nothing", "example.log")
    n = (campaign_words(plain) or 1) if plain else 0
    campaign = " ".join(plain[:n]) if plain else None
    return Log(campaign, tuple(plain[n:]), values)


def _cost(words: list[str], campaign_words: CampaignWords) -> CostEntry:
    if len(words) < 2:
        raise GrammarError("error.cost_short", "example.cost")
    # "/kpi cost 250 tools" in a campaign channel: the campaign is left out.
    if _looks_like_amount(words[0]):
        campaign, amount, rest = None, words[0], words[1:]
    elif (n := campaign_words(words)) > 1:  # "cost Summer Sale 250 tools"
        campaign, rest = " ".join(words[:n]), words[n:]
        if len(rest) < 2:
            missing = "error.cost_category" if rest else "error.cost_short"
            raise GrammarError(missing, "example.cost")
        amount, rest = rest[0], rest[1:]
    else:
        if len(words) < 3:
            missing = "error.cost_category" if _looks_like_amount(words[1]) else "error.cost_short"
            raise GrammarError(missing, "example.cost")
        campaign, amount, rest = words[0], words[1], words[2:]
    if not rest:
        raise GrammarError("error.cost_category", "example.cost")
    return CostEntry(campaign, amount, rest[0].lower(), tuple(rest[1:]))


def _looks_like_amount(word: str) -> bool:
    stripped = word.lstrip("€$£").replace(",", "").replace(".", "")
    return stripped.isdigit() or ("h@" in word.lower() and word[0].isdigit())
