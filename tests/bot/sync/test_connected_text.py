"""What `/kpi connect` says it found, in English and Dutch: the account, its currency and
time zone, and its campaigns — the count and the first names, or that there are none, or
(GA4) that they come with the first sync, or nothing when the campaign list failed."""

from __future__ import annotations

from bot.blocks.mrkdwn import mrkdwn
from bot.sync.texts import connected
from storage.errors import PlatformError
from storage.sync.source import AccountInfo, with_campaigns

BASE = AccountInfo("act_1", "Acme", "EUR", "Europe/Amsterdam")


def found(count: int, names: tuple[str, ...], at_least: bool = False) -> AccountInfo:
    return with_campaigns(BASE, lambda: (count, names, at_least))


def test_count_and_first_three_names_in_english_and_dutch() -> None:
    info = found(12, ("Summer sale", "Brand", "Leads Q4"))
    en, nl = connected(info, "meta", 28, "en"), connected(info, "meta", 28, "nl")
    assert (
        "time zone Europe/Amsterdam · 12 campaigns: Summer sale, Brand, Leads Q4 and 9 more. " in en
    )
    assert "tijdzone Europe/Amsterdam · 12 campagnes: Summer sale, Brand, Leads Q4 en nog 9. " in nl


def test_every_campaign_shown_has_no_ellipsis_and_one_is_singular() -> None:
    assert "· 2 campaigns: A, B. The first" in connected(found(2, ("A", "B")), "meta", 28, "en")
    assert "· 1 campagne: A. De eerste" in connected(found(1, ("A",)), "meta", 28, "nl")


def test_a_count_in_the_thousands_is_in_the_locale() -> None:
    info = found(1250, ("A", "B", "C"))
    assert "1,250 campaigns: A, B, C and 1,247 more" in connected(info, "google-ads", 30, "en")
    assert "1.250 campagnes: A, B, C en nog 1.247" in connected(info, "google-ads", 30, "nl")


def test_a_page_count_is_at_least() -> None:
    info = found(3, ("A", "B", "C"), at_least=True)
    assert "at least 3 campaigns: A, B, C and more" in connected(info, "linkedin", 30, "en")
    assert "minstens 3 campagnes: A, B, C en meer" in connected(info, "linkedin", 30, "nl")


def test_one_on_a_page_is_at_least_one_campaign() -> None:
    info = found(1, ("A",), at_least=True)
    assert "at least 1 campaign: A and more. " in connected(info, "linkedin", 30, "en")
    assert "minstens 1 campagne: A en meer. " in connected(info, "linkedin", 30, "nl")


def test_none_yet_and_ga4_after_the_first_sync() -> None:
    assert "· no campaigns yet. " in connected(found(0, ()), "meta", 28, "en")
    assert "· nog geen campagnes. " in connected(found(0, ()), "meta", 28, "nl")
    ga4 = AccountInfo("412345678", "Shop", "EUR", "Europe/Amsterdam", campaigns_after_sync=True)
    assert "· campaigns appear after the first sync. " in connected(ga4, "ga4", 3, "en")
    assert "· campagnes verschijnen na de eerste synchronisatie. " in connected(ga4, "ga4", 3, "nl")


def test_a_failed_campaign_list_says_nothing_about_campaigns() -> None:
    def refused() -> tuple[int, tuple[str, ...], bool]:
        raise PlatformError("sync.error.permission", detail="no", platform="Meta")

    info = with_campaigns(BASE, refused)
    assert info == BASE  # the account check's answer, untouched
    for locale in ("en", "nl"):
        text = connected(info, "meta", 28, locale)
        assert "campa" not in text and "Europe/Amsterdam. " in text


def test_names_are_raw_text_escaped_once_where_slack_gets_them() -> None:
    info = found(4, ("Brand <@U123> *new*", "A & B", "<!channel>"))
    text = connected(info, "meta", 28, "en")
    assert "4 campaigns: Brand <@U123> *new*, A & B, <!channel> and 1 more" in text  # raw
    shown = mrkdwn(text)  # what the connect's sender (bot/sync/actions._tell) posts
    assert "4 campaigns: Brand &lt;@U123&gt; *new*, A &amp; B, &lt;!channel&gt; and 1 more" in shown
    assert "<@U123>" not in shown and "<!channel>" not in shown


def test_only_three_names_are_kept_and_long_ones_cut() -> None:
    info = found(5, ("x" * 200, "B", "C", "D", "E"))
    # five names offered: three kept, the first cut to NAME_CHARS = 80
    assert info.campaign_names == ("x" * 80, "B", "C")
    assert (info.campaigns, info.campaigns_at_least) == (5, False)
