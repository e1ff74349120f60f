"""What replies mean, read as a marketer reads them (English and Dutch), on a real SQLite
database: refusals that name the right next command, better or worse in words, like-for-like
periods, "to date" through today, names as people type them. Numbers are computed here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.dispatch import answer, make_ctx
from bot.features import FEATURES
from bot.render_text import render
from bot.services import Services
from bot.settings import Settings
from storage.repository import Repository

TEAM = "T1"
TODAY = dt.date(2026, 11, 29)  # a Sunday; metrics arrive through 28 Nov
LAST = dt.date(2026, 11, 28)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'k.db'}", today=TODAY)
    svc = Services.open(settings, FEATURES)
    yield svc
    svc.engine.dispose()


def day_counters(day: dt.date) -> dict[str, float]:
    """Ad spend is €1 on 1 Oct, €2 on 2 Oct, … (days since 30 Sep): easy to add up by hand."""
    return {
        "spend": float((day - dt.date(2026, 9, 30)).days),
        "impressions": 1000.0,
        "reach": 500.0,
        "clicks": 20.0,
        "likes": 10.0,
        "conversions": 2.0,
        "revenue": 100.0,
    }


def load(repo: Repository, slug: str = "summer-sale", first: dt.date = dt.date(2026, 10, 1)):  # type: ignore[no-untyped-def]
    day = first
    while day <= LAST:
        repo.log_metrics(TEAM, slug, day, "facebook", day_counters(day))
        day += dt.timedelta(days=1)


def spend(first: dt.date, last: dt.date) -> float:
    days = (last - first).days + 1
    return sum(day_counters(first + dt.timedelta(days=i))["spend"] for i in range(days))


def ask(
    services: Services,
    text: str,
    locale: str = "en",
    channel: str | None = None,
    channel_id: str | None = None,
) -> str:
    services.repo.ensure_workspace(TEAM)
    services.repo.update_workspace(TEAM, locale=locale)
    ctx = make_ctx(services, TEAM, channel_name=channel, channel_id=channel_id, user_id="U1")
    return render(answer(services, ctx, text).blocks)


# --- 1. every text renders; refusals name the right next command -------------------------


@pytest.mark.parametrize(
    ("text", "locale", "closest"),
    [
        ("xyz", "en", "Did you mean: "),
        ("roii summer-sale", "en", "Did you mean: roi, "),
        ("engagment summer-sale", "nl", "Bedoelde je: engagement_rate, engagements"),
    ],
)
def test_an_unknown_kpi_suggests_the_closest_names(
    services: Services, text: str, locale: str, closest: str
) -> None:
    load(services.repo)
    reply = ask(services, text, locale)
    assert closest in reply
    assert "{" not in reply and "/kpi help kpis" in reply


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_a_target_on_an_unknown_kpi_points_at_the_kpi_list_not_the_campaigns(
    services: Services, locale: str
) -> None:
    load(services.repo)
    reply = ask(services, "target summer-sale bogus >= 3 by 2026-12-31", locale, "summer-sale")
    assert "/kpi help kpis" in reply
    assert "/kpi list" not in reply  # that lists campaigns
    assert "bogus >= 0" not in reply and "bogus >=" not in reply  # nothing "measurable" about it
    assert "✓ *Measurable*" not in reply and "✓ Measurable" not in reply


# --- 2. direction: better or worse in words; compare marks only real differences ----------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        # 7d on 29 Nov, metrics through 28 Nov: 23–28 Nov (€54+…+€59 = €339) against the six
        # days before, 17–22 Nov (€48+…+€53 = €303): +11.88 %, and more spend is worse.
        ("en", "▲ 11.9 % — worse: 23–28 Nov against 17–22 Nov"),
        ("nl", "▲ 11,9 % — slechter: 23–28 nov. t.o.v. 17–22 nov."),
    ],
)
def test_a_period_ending_today_is_compared_like_for_like(
    services: Services, locale: str, expected: str
) -> None:
    load(services.repo)
    reply = ask(services, "spend summer-sale 7d", locale)
    assert expected in reply
    assert "339" in reply  # the value: 23–29 Nov, no metrics yet on the 29th
    assert "28 Nov 2026" in reply or "28 nov. 2026" in reply  # metrics through


def test_this_month_compares_the_same_days_of_last_month(services: Services) -> None:
    load(services.repo)
    reply = ask(services, "spend summer-sale this month")
    # 1–28 Nov: €32+…+€59 = 1274; 1–28 Oct: €1+…+€28 = 406; +213.79 %
    assert "€1,274.00" in reply
    assert "▲ 213.8 % — worse: 1–28 Nov against 1–28 Oct" in reply
    assert "Metrics through 28 Nov 2026" in reply


def test_a_lower_is_better_kpi_going_down_reads_better(services: Services) -> None:
    load(services.repo)
    # CPA last week (16–22 Nov): spend 47+…+53 = 350 over 14 conversions = €25.00;
    # the week before (9–15 Nov): 40+…+46 = 301 / 14 = €21.50: up 16.28 %, worse
    reply = ask(services, "cpa summer-sale last week")
    assert "€25.00" in reply and "▲ 16.3 % — worse against 9–15 Nov" in reply
    reply = ask(services, "cpa summer-sale last week", "nl")
    assert "▲ 16,3 % — slechter t.o.v. 9–15 nov." in reply


def test_compare_marks_neither_side_of_a_tie_nor_the_smaller_cost(services: Services) -> None:
    load(services.repo, "summer-sale")
    load(services.repo, "winter-sale")
    reply = ask(services, "compare summer-sale winter-sale")
    lines = [line for line in reply.splitlines() if line.count("·") == 1 and ":" in line]
    assert len(lines) == 7 and not any("✓" in line for line in lines)  # equal in everything
    services.repo.add_cost(
        TEAM, services.repo.find_campaign(TEAM, "winter-sale").id, LAST, "agency", 1000.0
    )
    reply = ask(services, "compare summer-sale winter-sale")
    cost = next(line for line in reply.splitlines() if line.startswith("Total cost"))
    assert "✓" not in cost  # spending less is not a better result
    roi = next(line for line in reply.splitlines() if line.startswith("ROI"))
    # revenue 59 × 100 = 5900; spend 1+…+59 = 1770: ROI 233.3 % against (5900−2770)/2770
    assert roi == "ROI: summer-sale 233.3 %  ✓  ·  winter-sale 113.0 %"


# --- 4. to date runs through today; empty periods say so plainly -------------------------


def test_a_cost_logged_today_counts_to_date_and_the_metrics_lag_is_named(
    services: Services,
) -> None:
    load(services.repo)
    ask(services, "cost summer-sale 500 agency")
    reply = ask(services, "roi summer-sale")
    # revenue 5900; total cost 1770 + 500 = 2270: ROI (5900 − 2270) / 2270 = 159.91 %
    assert "159.9 %" in reply
    assert "1 Oct – 29 Nov" in reply
    assert "Metrics through 28 Nov 2026" in reply
    nl = ask(services, "roi summer-sale", "nl")
    assert "159,9 %" in nl and "Cijfers tot en met 28 nov. 2026" in nl


def test_a_report_without_a_previous_period_says_so(services: Services) -> None:
    load(services.repo)
    reply = ask(services, "report summer-sale")
    assert "Change against" not in reply
    # 1 Oct – 28 Nov has metrics: 59 days, so the 59 days before: 3 Aug – 30 Sep
    assert "no data in 3 Aug – 30 Sep to compare with" in reply


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_a_past_period_without_data_shows_no_formula_of_nothing(
    services: Services, locale: str
) -> None:
    load(services.repo)
    reply = ask(services, "roi summer-sale 2026-Q3", locale)
    assert "n/a" not in reply and "n.v.t." not in reply
    assert ("No data in this period." if locale == "en" else "Geen gegevens in deze periode.") in (
        reply
    )
    report = ask(services, "report summer-sale 2026-Q3", locale)
    assert "n/a" not in report and "n.v.t." not in report


# --- 5. names as people type them ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "roi Summer Sale",
        "roi summer sale",
        "roi *summer-sale*",
        "roi _Summer Sale_",
        "roi `summer-sale`",
        "roi ~summer-sale~",
        "roi #summer-sale",
        "roi <#C0123ABCD|summer-sale>",
        'roi "Summer Sale"',
    ],
)
def test_a_campaign_name_as_people_type_it(services: Services, typed: str) -> None:
    load(services.repo)
    services.repo.update_campaign(TEAM, "summer-sale", name="Summer Sale")
    reply = ask(services, typed + " last week")
    # last week 16–22 Nov: revenue 7 × 100 = 700; spend 47+…+53 = 350: ROI 100.0 %
    assert reply.startswith("ROI · summer-sale · 16–22 Nov"), reply
    assert "100.0 %" in reply


def test_names_of_several_words_in_report_compare_cost_and_targets(services: Services) -> None:
    load(services.repo)
    load(services.repo, "brand-awareness", dt.date(2026, 11, 1))
    services.repo.update_campaign(TEAM, "summer-sale", name="Summer Sale")
    services.repo.update_campaign(TEAM, "brand-awareness", name="Brand Awareness")
    assert ask(services, "report Summer Sale last week").startswith(
        "Report · summer-sale · 16–22 Nov"
    )
    assert ask(services, "compare Summer Sale vs Brand Awareness ctr").startswith(
        "summer-sale vs brand-awareness"
    )
    saved = ask(services, "cost Summer Sale 20 tools")
    assert "€20.00" in saved and "summer-sale" in saved
    target = ask(services, "target Summer Sale ctr >= 2% by 2026-12-31", channel_id="C0GENERAL")
    assert "Target #" in target and "summer-sale" in target.lower()


def test_an_unknown_name_of_several_words_is_refused_whole(services: Services) -> None:
    load(services.repo)
    reply = ask(services, "roi Summer Salee last week")
    assert "“Summer Salee”" in reply and "summer-sale" in reply
    assert "“Summer”" not in reply


# --- 6. the terminal like Slack -------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_a_target_without_a_channel_is_refused_not_stored(services: Services, locale: str) -> None:
    load(services.repo)
    reply = ask(services, "target summer-sale ctr >= 2% by 2026-12-31", locale)
    assert "--channel C0123ABCD" in reply
    assert "Target #" not in reply
    listing = ask(services, "targets", locale)
    assert "#1" not in listing


def test_an_unchecked_target_shows_its_value_now(services: Services) -> None:
    from storage.targets.repo import TargetRepository

    load(services.repo)
    campaign = services.repo.find_campaign(TEAM, "summer-sale")
    TargetRepository(services.engine).add_target(
        TEAM,
        campaign_id=campaign.id,
        kpi="ctr",
        op=">=",
        value=1.0,
        deadline=dt.date(2026, 12, 31),
        channel_id="C1",
    )
    listing = ask(services, "targets")
    # CTR over the last 7 days with data: 20 clicks / 1000 impressions a day = 2.0 %
    assert "now 2.0 %" in listing and "not checked yet" not in listing and "n/a" not in listing
    # the digest lists it the same way before the checker has run (en and nl)
    digest = ask(services, "digest preview", channel_id="C1")
    assert "CTR >= 1.0 % by 31 Dec 2026: on track (2.0 %)" in digest
    assert "not checked yet" not in digest
    digest = ask(services, "digest preview", "nl", channel_id="C1")
    assert "CTR >= 1,0 % vóór 31 dec. 2026: op koers (2,0 %)" in digest


def test_the_digest_preview_note_is_a_line_of_its_own(services: Services) -> None:
    load(services.repo)
    services.repo.ensure_workspace(TEAM)
    ctx = make_ctx(services, TEAM, channel_id="C1", channel_name="general", user_id="U1")
    blocks = answer(services, ctx, "digest preview").blocks
    notes = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    preview = next(text for text in notes if "Preview" in text)
    assert "Changes" not in preview  # not followed on the same line by "Changes …"


# --- 3. digests compare like for like too --------------------------------------------------


def test_a_digest_whose_metrics_end_midweek_compares_the_same_days(services: Services) -> None:
    from bot.digests.data import build
    from kpi.periods import Period

    day = dt.date(2026, 11, 2)
    while day <= dt.date(2026, 11, 25):  # metrics through Wednesday 25 Nov
        services.repo.log_metrics(TEAM, "summer-sale", day, "facebook", day_counters(day))
        day += dt.timedelta(days=1)
    week = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
    built = build(services, TEAM, None, week, charts=False)
    text = render(built.blocks)
    # 23–25 Nov: €54 + €55 + €56 = 165 against 16–18 Nov: €47 + €48 + €49 = 144 (+14.58 %);
    # against the whole week before (€47 + … + €53 = 350) it would read "▼ 52.9 %"
    assert "Ad spend: €165.00  ▲ 14.6 % — worse" in text
    assert (
        "Metrics through 25 Nov 2026: changes compare 23–25 Nov with the same days of "
        "the week before, 16–18 Nov"
    ) in text


# --- 6. the next command a refusal names is the one the user was typing -------------------


@pytest.mark.parametrize(
    ("typed", "locale", "meant"),
    [
        (
            "campaign rename summer-sael summer-2026",
            "en",
            "campaign rename summer-sale summer-2026",
        ),
        ("campagne verwijder sumer-sale", "nl", "campagne verwijder summer-sale"),
        ("target summer-sael ctr >= 3 by 2026-12-31", "en", "target summer-sale ctr >= 3 by"),
        ("doel summer-sael ctr >= 3 by 2026-12-31", "nl", "doel summer-sale ctr >= 3 by"),
        ("targets summer-sael", "en", "targets summer-sale"),
        ("alerts summer-sael", "en", "alerts summer-sale"),
        ("digest weekly monday 09:00 summer-sael", "en", "digest weekly monday 09:00 summer-sale"),
        ("cost summer-sael 100 agency", "en", "cost summer-sale 100 agency"),
        ("kosten summer-sael 100 agency", "nl", "kosten summer-sale 100 agency"),
        ("report *summer-sael* last week", "en", "report summer-sale last week"),
        ("compare summer-sael winter-sale", "en", "compare summer-sale winter-sale"),
        ("roi summer-sael", "en", "roi summer-sale"),
    ],
)
def test_an_unknown_campaign_suggests_the_command_typed_with_the_closest_name(
    services: Services, typed: str, locale: str, meant: str
) -> None:
    load(services.repo)
    load(services.repo, "winter-sale", dt.date(2026, 11, 20))
    reply = ask(services, typed, locale, channel_id="C0123ABCD")
    asked = "Did you mean /kpi " if locale == "en" else "Bedoelde je /kpi "
    assert asked + meant in reply
    assert "/kpi roi summer-sale" not in reply or typed.startswith("roi")


@pytest.mark.parametrize(
    ("typed", "locale", "example"),
    [
        ("log clicks=3", "en", "/kpi log campaign-x 2026-11-20"),
        ("log clicks=3", "nl", "/kpi log campagne-x"),
        ("report last week", "en", "/kpi report campaign-x last month"),
        ("watch cpa", "en", "/kpi watch campaign-x cpa"),
    ],
)
def test_a_command_without_a_campaign_shows_an_example_of_that_command(
    services: Services, typed: str, locale: str, example: str
) -> None:
    load(services.repo)
    reply = ask(services, typed, locale, channel="general")
    assert ("Which campaign?" if locale == "en" else "Welke campagne?") in reply
    assert example in reply and "/kpi roi" not in reply


def test_a_reports_notes_are_lines_of_their_own(services: Services) -> None:
    load(services.repo)
    lines = ask(services, "report summer-sale this week").splitlines()
    # this week on Sunday 29 Nov, metrics through 28 Nov: 23–28 Nov against 16–21 Nov
    assert lines[2] == ("Change: 23–28 Nov against 16–21 Nov (the same number of days)")
    assert lines[3] == "Metrics through 28 Nov 2026; costs through today."


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("campaign goal Summer Sale conversion", "conversion"),
        ("campaign Summer Sale", "summer-sale"),
        ("digest weekly monday 09:00 Summer Sale", "summer-sale"),
    ],
)
def test_a_name_of_several_words_without_quotes_in_campaign_and_digest(
    services: Services, typed: str, expected: str
) -> None:
    load(services.repo)
    services.repo.rename_campaign(
        TEAM, services.repo.find_campaign(TEAM, "summer-sale").id, "summer-sale", "Summer Sale"
    )
    reply = ask(services, typed, channel_id="C0123ABCD")
    assert ":warning:" not in reply and expected in reply


def test_each_campaign_of_a_digest_is_compared_like_for_like(services: Services) -> None:
    from bot.digests.data import build
    from kpi.periods import Period

    day = dt.date(2026, 11, 2)
    while day <= dt.date(2026, 11, 29):
        services.repo.log_metrics(TEAM, "summer-sale", day, "facebook", day_counters(day))
        if day <= dt.date(2026, 11, 25):  # winter-sale's metrics stop on Wednesday 25 Nov
            services.repo.log_metrics(TEAM, "winter-sale", day, "facebook", day_counters(day))
        day += dt.timedelta(days=1)
    week = Period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "week")
    text = render(build(services, TEAM, None, week, charts=False).blocks)
    summer = text[text.index("\nsummer-sale\n") :]
    winter = text[text.index("\nwinter-sale\n") :]
    # summer-sale, a whole week: 23–29 Nov €54+…+€60 = 399 against 16–22 Nov €47+…+€53 = 350
    # (+14.0 %)
    assert "Ad spend: €399.00  ▲ 14.0 % — worse" in summer
    # winter-sale: 23–25 Nov €54+€55+€56 = 165 against 16–18 Nov €47+€48+€49 = 144
    # (+14.58 %), not against the whole week before (350: "▼ 52.9 %")
    assert "Ad spend: €165.00  ▲ 14.6 % — worse" in winter
    assert "52.9" not in text
    # and the digest says so, since the header compares with the whole week before
    assert (
        "winter-sale: metrics through 25 Nov 2026, so 23–25 Nov is compared with 16–18 Nov"
    ) in text


@pytest.mark.parametrize(
    ("error", "locale", "reason", "resume"),
    [
        (
            "not_in_channel",
            "en",
            "kpibot was removed from this channel",
            "To resume: /invite @kpibot",
        ),
        ("is_archived", "en", "this channel was archived", "To resume:"),
        ("invalid_auth", "en", "ask an admin to reinstall it", "To resume:"),
        (
            "channel_not_found",
            "nl",
            "kpibot is uit dit kanaal verwijderd",
            "Hervatten: /invite @kpibot",
        ),
    ],
)
def test_a_paused_digest_says_why_in_words_and_how_to_resume(
    services: Services, error: str, locale: str, reason: str, resume: str
) -> None:
    services.repo.ensure_workspace(TEAM)
    services.digests.subscribe(TEAM, "C1", 0, "09:00", "Europe/Amsterdam", None)
    services.digests.pause(TEAM, "C1", error)
    text = ask(services, "digest", locale, channel_id="C1")
    assert reason in text and resume in text
    assert error not in text  # Slack's error code is not for marketers
    assert "Next one" not in text and "Het volgende" not in text  # nothing comes until resumed


def test_deleting_a_watch_as_a_target_points_to_unwatch_and_keeps_it(services: Services) -> None:
    load(services.repo)
    en = ask(services, "watch summer-sale cpa", channel_id="C1")
    assert "Watching" in en
    (watch,) = services.targets.list_targets(TEAM, kind="watch")
    for locale, says in (("en", "Stop it with /kpi unwatch"), ("nl", "/kpi stopbewaken")):
        text = ask(services, f"target delete {watch.id}", locale, channel_id="C1")
        assert f"#{watch.id} " in text and says in text
    assert [w.id for w in services.targets.list_targets(TEAM, kind="watch")] == [
        watch.id
    ]  # still there
