"""Every text renders: each key of both catalogues — kpi's domain texts (kpi.i18n) and bot's
Slack texts (bot.texts) — in English and Dutch, with the arguments its call sites pass,
leaves no "{…}" behind and stays within Block Kit's limits. A key lives in one catalogue,
kpi/ and storage/ never name a Slack text, and bot/ renders through bot.texts.t.

The call sites are found by reading the source (bot/, kpi/, storage/): every call that names a
catalogue key as a string literal (or an f-string whose fixed parts match keys) and passes
its arguments as keywords is checked against the placeholders the key's texts ask for.
"""

from __future__ import annotations

import ast
import re
import string
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.texts import catalogs as slack_catalogs
from bot.texts import t as slack_t
from kpi.i18n import LOCALES, TextArgumentMissing
from kpi.i18n import catalogs as domain_catalogs
from kpi.i18n import t as domain_t

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("bot", "kpi", "storage")
#: Slack: a section's text, a context element's text.
SECTION_LIMIT = 3000
#: Calls that hand a key on to something that adds arguments of its own; value: the names
#: it adds (render_smart adds these to every SMART line; Problem/ImportProblem keep their
#: own `line`).
ADDED_LATER = {
    "SmartLine": {"kpi", "campaign", "op", "window", "value"},
}
#: the two catalogues, each with the t() that renders it
CATALOGUES = {"kpi": (domain_catalogs, domain_t), "bot": (slack_catalogs, slack_t)}


def catalogs() -> dict[str, dict[str, str]]:
    """locale -> key -> text over both catalogues (what bot.texts.t can render)."""
    return {locale: {**domain_catalogs()[locale], **slack_catalogs()[locale]} for locale in LOCALES}


def placeholders(text: str) -> set[str]:
    return {
        name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name
    }


@dataclass(frozen=True)
class CallSite:
    where: str
    pattern: str  # the key, or a regex for an f-string key
    is_regex: bool
    passed: frozenset[str]  # keyword names passed (or dict-literal keys)
    func: str


def _func_name(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Attribute):
        return f.attr
    if isinstance(f, ast.Name):
        return f.id
    return ""


def _key_pattern(arg: ast.expr) -> tuple[str, bool] | None:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value, False
    if isinstance(arg, ast.JoinedStr):
        parts = []
        for value in arg.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(re.escape(value.value))
            else:
                parts.append(r"[A-Za-z0-9_]+")
        return "".join(parts), True
    return None


def call_sites() -> list[CallSite]:
    keys = set(catalogs()["en"])
    found: list[CallSite] = []
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            if {"i18n", "texts", "migrations"} & set(path.parts):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                if any(k.arg is None for k in node.keywords):
                    continue  # **kwargs: the names are not known here
                func = _func_name(node)
                passed = {k.arg for k in node.keywords if k.arg}
                dynamic = False
                # t(key, locale, ...): the locale is no argument of the text; UserError(key,
                # example, ...): nor is the example's key
                plain = func in ("t", "UserError", "GrammarError")
                for arg in node.args[2:] if plain else node.args:
                    if isinstance(arg, ast.Dict):
                        dynamic |= None in arg.keys  # {**other}
                        passed |= {
                            k.value
                            for k in arg.keys
                            if isinstance(k, ast.Constant) and isinstance(k.value, str)
                        }
                    elif not isinstance(arg, ast.Constant | ast.JoinedStr):
                        dynamic = True  # arguments in a variable: checked where they are built
                if dynamic:
                    continue
                passed |= ADDED_LATER.get(func, set())
                for arg in node.args[:3]:
                    shape = _key_pattern(arg)
                    if shape is None:
                        continue
                    pattern, is_regex = shape
                    if not is_regex and pattern not in keys:
                        continue
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append(CallSite(where, pattern, is_regex, frozenset(passed), func))
                    break
    return found


def _keys_of(site: CallSite) -> list[str]:
    if not site.is_regex:
        return [site.pattern]
    rx = re.compile(site.pattern)
    return [k for k in catalogs()["en"] if rx.fullmatch(k)]


def test_call_sites_are_found() -> None:
    sites = call_sites()
    # the scan must see the sites this file exists for, or it proves nothing
    keys = {s.pattern for s in sites}
    assert "error.unknown_kpi" in keys
    assert "reply.change_against" in keys
    assert "alerts.button.ack" in keys  # a Slack text (bot.texts)
    assert len(sites) > 200


def test_every_call_site_passes_what_its_text_asks_for() -> None:
    texts = catalogs()
    wrong = []
    for site in call_sites():
        for key in _keys_of(site):
            for locale in LOCALES:
                template = texts[locale].get(key)
                if template is None:
                    wrong.append(f"{site.where}: {key} has no {locale} text")
                    continue
                missing = placeholders(template) - site.passed
                if missing:
                    wrong.append(f"{site.where}: {key} ({locale}) needs {sorted(missing)}")
    assert wrong == []


def _sample(name: str) -> str:
    # long enough to find a text that would outgrow a section with real names in it
    return ("x" * 38) + name[:2]


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
@pytest.mark.parametrize("locale", LOCALES)
def test_every_key_renders_in_both_languages(catalogue: str, locale: str) -> None:
    catalogs, t = CATALOGUES[catalogue]
    en, texts = catalogs()["en"], catalogs()[locale]
    assert sorted(set(en) - set(texts)) == []
    bad = []
    for key, template in texts.items():
        args = {name: _sample(name) for name in placeholders(template)}
        with warnings.catch_warnings():
            warnings.simplefilter("error", TextArgumentMissing)
            text = t(key, locale, **args)
        if re.search(r"\{[A-Za-z_][A-Za-z0-9_.]*\}", text):
            bad.append(f"{key}: {text!r}")
        if len(text) > SECTION_LIMIT:
            bad.append(f"{key}: {len(text)} characters")
    assert bad == []


def test_a_text_missing_its_argument_warns() -> None:
    with pytest.warns(TextArgumentMissing, match="suggestions"):
        shown = domain_t("error.unknown_kpi", "en", word="xyz")
    assert "{suggestions}" in shown  # still visible rather than a crash in production


def test_the_slack_catalogue_has_the_same_keys_and_placeholders_in_both_languages() -> None:
    en, nl = slack_catalogs()["en"], slack_catalogs()["nl"]
    assert sorted(set(en) ^ set(nl)) == []
    assert sorted(k for k in en if placeholders(en[k]) != placeholders(nl[k])) == []


def test_a_key_lives_in_one_catalogue() -> None:
    for locale in LOCALES:
        assert sorted(set(domain_catalogs()[locale]) & set(slack_catalogs()[locale])) == []


def test_kpi_and_storage_never_name_a_slack_text() -> None:
    # they cannot render one (kpi.i18n.t does not know them): a Slack text belongs to bot/
    slack = set(slack_catalogs()["en"])
    named = [s.where for s in call_sites() if not s.where.startswith("bot") and s.pattern in slack]
    assert named == []


def test_bot_renders_every_text_through_bot_texts() -> None:
    # kpi.i18n.t would show the key itself for a Slack text
    wrong = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if "texts" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "kpi.i18n":
                if any(alias.name == "t" for alias in node.names):
                    wrong.append(str(path.relative_to(ROOT)))
    assert wrong == []


def test_slack_texts_render_through_bot_and_domain_texts_fall_back_to_kpi() -> None:
    assert slack_t("alerts.button.ack", "en") == "Acknowledge"
    assert slack_t("alerts.button.ack", "nl") == "Gezien"
    assert slack_t("alerts.button.ack", "nl_NL") == "Gezien"
    assert slack_t("alerts.button.ack", "fr") == "Acknowledge"
    assert domain_t("alerts.button.ack", "en") == "alerts.button.ack"  # not kpi's any more
    assert slack_t("error.try", "nl") == domain_t("error.try", "nl") == "Probeer:"
    assert slack_t("no.such.key", "nl") == "no.such.key"


def test_a_slack_text_missing_its_argument_warns() -> None:
    with pytest.warns(TextArgumentMissing, match="user"):
        shown = slack_t("alerts.acknowledged_by", "en")
    assert shown == "Acknowledged by {user}"
