"""Every English text has a Dutch one with the same placeholders; t() falls back safely."""

from __future__ import annotations

import string

import pytest

from kpi.counters import COUNTERS, GOALS
from kpi.i18n import LOCALES, TextArgumentMissing, catalog_modules, catalogs, load_module_catalog, t
from kpi.registry import REGISTRY

PERIOD_KINDS = (
    "day", "week", "week_to_date", "month", "month_to_date", "quarter", "quarter_to_date",
    "rolling", "range", "since", "to_date",
)  # fmt: skip


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_locales() -> None:
    assert LOCALES == ("en", "nl")


def test_every_english_key_has_dutch_with_the_same_placeholders() -> None:
    en, nl = catalogs()["en"], catalogs()["nl"]
    missing = sorted(set(en) - set(nl))
    assert missing == []
    different = sorted(k for k in en if placeholders(en[k]) != placeholders(nl[k]))
    assert different == []
    assert sorted(set(nl) - set(en)) == []


def test_no_key_is_defined_by_two_modules() -> None:
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for module, locale in catalog_modules():
        for key in load_module_catalog(module, locale):
            if (locale, key) in seen:
                clashes.append(f"{key}: {seen[locale, key]} and {module}")
            seen[locale, key] = module
    assert clashes == []


def test_kpi_catalog_modules_are_found() -> None:
    assert ("kpi_en", "en") in catalog_modules()
    assert ("kpi_nl", "nl") in catalog_modules()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_kpi_term_reason_and_period_kind_has_a_text(locale: str) -> None:
    texts = catalogs()[locale]
    terms = {
        name
        for kpi in REGISTRY.values()
        for _, name, _, _ in string.Formatter().parse(kpi.formula)
        if name
    }
    keys = [f"kpi.{n}.{part}" for n in REGISTRY for part in ("label", "help")]
    keys += [f"term.{n}" for n in terms | set(COUNTERS)]
    keys += [f"period.kind.{k}" for k in PERIOD_KINDS]
    keys += [f"goal.{g}" for g in GOALS]
    keys += ["na.short", "na.unknown", "na.not_reported", "na.zero_denominator", "na.not_set"]
    keys += ["na.not_finite", "change.pts"]
    assert [k for k in keys if k not in texts] == []
    assert all(texts[f"kpi.{n}.label"] and texts[f"kpi.{n}.help"] for n in REGISTRY)


def test_t_formats_and_falls_back() -> None:
    assert t("na.short", "en") == "n/a"
    assert t("na.short", "nl") == "n.v.t."
    assert t("na.short", "nl_NL") == "n.v.t."
    assert t("na.short", "de") == "n/a"  # unknown locale: English
    assert t("na.not_set", "nl", term="LTV per klant") == (
        "LTV per klant is voor deze campagne niet ingesteld"
    )
    assert t("no.such.key", "nl") == "no.such.key"
    # a missing value stays visible instead of breaking the reply, and warns
    with pytest.warns(TextArgumentMissing, match="period.since"):
        assert t("period.since", "en") == "since {date}"


def test_placeholders_may_be_called_key_or_locale() -> None:
    from kpi.i18n import t

    assert "colour" in t("error.settings_key", "en", key="colour")
    assert t("missing.key.for.test", "nl", locale="x") == "missing.key.for.test"
