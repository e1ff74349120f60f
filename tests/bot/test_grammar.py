"""The `/kpi` language, table-driven."""

from __future__ import annotations

import pytest

from bot.feature import Features
from bot.features import FEATURES
from bot.grammar import (
    Compare,
    CostEntry,
    GrammarError,
    Help,
    KpiQuery,
    ListCampaigns,
    Log,
    Report,
    SettingsCmd,
    Sub,
    parse,
)

KEYWORDS = Features(FEATURES).keywords

KPIS = {("roi",), ("cpa",), ("ctr",), ("engagement", "rate"), ("engagement",), ("betrokkenheid",)}
PERIOD_WORDS = {"last", "this", "vorige", "deze", "2026-10", "7d", "today"}


def is_kpi(words: list[str]) -> int:
    for n in (2, 1):
        if tuple(w.lower() for w in words[:n]) in KPIS and len(words) >= n:
            return n
    return 0


def is_period(text: str) -> bool:
    return text.split()[0].lower() in PERIOD_WORDS


def p(text: str):  # type: ignore[no-untyped-def]
    return parse(text, keywords=KEYWORDS, is_kpi=is_kpi, is_period=is_period)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("help", Help()),
        ("help kpis", Help("kpis")),
        ("list", ListCampaigns()),
        ("lijst", ListCampaigns()),
        ("roi campaign-x", KpiQuery("roi", "campaign-x")),
        ("ROI campaign-x last week", KpiQuery("ROI", "campaign-x", "last week")),
        (
            "engagement rate all this month on Instagram",
            KpiQuery("engagement rate", "all", "this month", "instagram"),
        ),
        ("ctr last week", KpiQuery("ctr", None, "last week")),
        ("ctr on facebook", KpiQuery("ctr", None, None, "facebook")),
        ('roi "Zomer Actie 2026" 2026-10', KpiQuery("roi", "Zomer Actie 2026", "2026-10")),
        (
            "betrokkenheid campagne-x vorige week op tiktok",
            KpiQuery("betrokkenheid", "campagne-x", "vorige week", "tiktok"),
        ),
        ("report campaign-x", Report("campaign-x")),
        ("rapport campaign-x 2026-10", Report("campaign-x", "2026-10")),
        ("report last week", Report(None, "last week")),
        ("compare a b", Compare("a", "b")),
        ("compare a b roi last month", Compare("a", "b", "roi", "last month")),
        (
            "log campaign-x 2026-11-20 instagram impressions=12000 clicks=340",
            Log(
                "campaign-x", ("2026-11-20", "instagram"), {"impressions": "12000", "clicks": "340"}
            ),
        ),
        ("cost campaign-x 8h@45 staff", CostEntry("campaign-x", "8h@45", "staff")),
        (
            "kosten campaign-x 120 tools 2026-11-03 Canva Pro",
            CostEntry("campaign-x", "120", "tools", ("2026-11-03", "Canva", "Pro")),
        ),
        ("cost 250 agency", CostEntry(None, "250", "agency")),
        ("settings locale nl", SettingsCmd("locale", "nl")),
        ("settings", SettingsCmd()),
        (
            "target campaign-x ctr >= 2% by 2026-12-31",
            Sub(
                "target",
                ("campaign-x", "ctr", ">=", "2%", "by", "2026-12-31"),
                "target campaign-x ctr >= 2% by 2026-12-31",
            ),
        ),
    ],
)
def test_parse(text: str, expected: object) -> None:
    assert p(text) == expected


def test_an_unknown_kpi_is_left_to_the_command_which_suggests_names() -> None:
    # the grammar cannot suggest KPIs; bot.resolve.kpi_named refuses with them
    assert p("banana campaign-x last week") == KpiQuery("banana", None)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('roi "campaign-x', "error.unbalanced_quotes"),
        ("roi campaign-x on", "error.platform_missing"),
        ("roi campaign-x on facebook last week", "error.platform_last"),
        ("compare only-one", "error.compare_two"),
        ("log campaign-x", "error.log_nothing"),
        ("log campaign-x clicks=", "error.log_pair"),
        ("log campaign-x clicks=3 instagram", "error.log_order"),
        ("cost campaign-x 250", "error.cost_category"),
        ("cost campaign-x", "error.cost_short"),
    ],
)
def test_parse_errors_name_what_was_wrong_and_carry_an_example(text: str, key: str) -> None:
    with pytest.raises(GrammarError) as caught:
        p(text)
    assert caught.value.key == key
    assert caught.value.example and caught.value.example.startswith("example.")


def test_user_error_arguments_may_be_called_key_or_example() -> None:
    from bot.errors import UserError

    error = UserError("error.settings_key", "example.settings_locale", key="colour", example="x")
    assert (error.key, error.example) == ("error.settings_key", "example.settings_locale")
    assert error.args_ == {"key": "colour", "example": "x"}


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("roi *summer-sale*", "roi summer-sale"),
        ("roi _Summer Sale_ last week", "roi Summer Sale last week"),
        ("roi `summer-sale` 7d", "roi summer-sale 7d"),
        ("roi ~summer-sale~", "roi summer-sale"),
        ("roi #summer-sale", "roi summer-sale"),
        ("roi <#C0123ABCD|summer-sale> 7d", "roi summer-sale 7d"),
        ("compare all *", "compare all *"),  # a lone star stays (it means every campaign)
        ("target x ctr >= 2% by 2026-12-31", "target x ctr >= 2% by 2026-12-31"),
    ],
)
def test_slack_formatting_is_not_part_of_a_name(typed: str, plain: str) -> None:
    from bot.grammar import plain_text

    assert plain_text(typed) == plain


def test_a_known_name_of_several_words_needs_no_quotes() -> None:
    def known(words: list[str]) -> int:
        return 2 if [w.lower() for w in words[:2]] == ["summer", "sale"] else 0

    def parse_known(text: str) -> object:
        return parse(
            text, keywords=KEYWORDS, is_kpi=is_kpi, is_period=is_period, campaign_words=known
        )

    assert parse_known("roi Summer Sale last week") == KpiQuery("roi", "Summer Sale", "last week")
    assert parse_known("report Summer Sale") == Report("Summer Sale")
    assert parse_known("compare Summer Sale vs other ctr") == Compare(
        "Summer Sale", "other", "ctr", None
    )
