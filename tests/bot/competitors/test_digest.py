"""A digest with the option `competitors` (`concurrenten`) has "You vs competitors" in its
thread, with the figures of `/kpi compare me` worked out by hand; without it, none. Only
what was noted through the digest's week is used."""

from __future__ import annotations

from bot.dispatch import answer, make_ctx
from bot.render_text import render
from bot.services import Services
from tests.bot.both_dbs import services_on  # noqa: F401  (fixture)
from tests.bot.competitors.test_compare import TEAM, ask, svc  # noqa: F401  (fixture)


def digest_preview(services: Services, subscribe: str, locale: str = "en") -> str:
    services.repo.update_workspace(TEAM, locale=locale)
    ctx = make_ctx(services, TEAM, user_id="U1", channel_id="C1")
    assert answer(services, ctx, subscribe).ok
    # today 30 Nov 2026: the digest is of 23–29 Nov
    return render(answer(services, ctx, "digest preview").blocks)


def test_the_option_is_stored_and_adds_the_section(svc: Services) -> None:  # noqa: F811
    # noted after the week (30 Nov is after 29 Nov): left for the next digest
    ask(svc, "competitor add Acme linkedin engagement=9% on 2026-11-30")
    out = digest_preview(svc, "digest weekly monday 09:00 Europe/Amsterdam competitors")
    assert svc.digests.get_subscription(TEAM, "C1").competitors  # type: ignore[union-attr]
    assert "You vs competitors\nAcme · LinkedIn" in out
    assert "• Engagement rate · 18–24 Nov: you 5.0 % ✓ · Acme 3.1 %" in out
    assert "you +3.5 % (+70 followers) ✓ · Acme +3.3 % (+400 followers)" in out
    assert "9.0 %" not in out


def test_in_dutch_and_off_without_the_option(svc: Services) -> None:  # noqa: F811
    out = digest_preview(svc, "digest wekelijks maandag 09:00 Europe/Amsterdam concurrenten", "nl")
    assert "Jij vs concurrenten" in out and "jij 5,0 % ✓ · Acme 3,1 %" in out
    plain = digest_preview(svc, "digest weekly monday 09:00 Europe/Amsterdam")
    assert "You vs competitors" not in plain
    assert not svc.digests.get_subscription(TEAM, "C1").competitors  # type: ignore[union-attr]
