"""The alerts catalogs: same keys and placeholders in English and Dutch; every key the
targets code can produce has a text."""

from __future__ import annotations

import string

from kpi import causes
from kpi.i18n import alerts_en, alerts_nl

CODE_KEYS = [
    *(rule.key for rule in causes.RULES),
    "targets.insufficient.no_data",
    "targets.insufficient.volume",
    "targets.insufficient.na",
    "targets.insufficient.pace_days",
    "targets.error.value",
    "targets.error.not_percent",
    "targets.error.not_money",
    *(f"targets.state.{s}" for s in ("new", "ok", "below", "at_risk", "met", "missed")),
    *(f"targets.smart.letter.{letter}" for letter in "SMART"),
    "targets.smart.s.ok",
    "targets.smart.s.unknown_kpi",
    "targets.smart.s.unknown_campaign",
    "targets.smart.m.ok",
    "targets.smart.m.ok_total",
    "targets.smart.m.window_too_long",
    "targets.smart.a.no_history",
    "targets.smart.a.ok",
    "targets.smart.a.far",
    "targets.smart.a.ok_pace",
    "targets.smart.a.far_pace",
    "targets.smart.r.ok",
    "targets.smart.r.vanity",
    "targets.smart.r.other_goal",
    "targets.smart.r.no_goal",
    "targets.smart.r.against_direction_higher",
    "targets.smart.r.against_direction_lower",
    "targets.smart.skipped",
    "targets.smart.t.ok",
    "targets.smart.t.past",
]


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_english_and_dutch_have_the_same_keys_and_placeholders() -> None:
    assert set(alerts_en.EN) == set(alerts_nl.NL)
    differ = [k for k in alerts_en.EN if _fields(alerts_en.EN[k]) != _fields(alerts_nl.NL[k])]
    assert differ == []


def test_every_key_the_code_produces_has_a_text() -> None:
    assert [k for k in CODE_KEYS if k not in alerts_en.EN] == []


def test_keys_stay_in_our_namespaces() -> None:
    assert all(k.startswith(("targets.", "alerts.")) for k in alerts_en.EN)
