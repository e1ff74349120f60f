"""Texts that only make sense in Slack, in English (`en.py`, `home_en.py`, `sync_en.py`, `competitors_en.py`)
and Dutch (`nl.py`, `home_nl.py`, `sync_nl.py`, `competitors_nl.py`), same keys and placeholders: button
labels, modal titles and fields (the connect form), the Home tab, late data and a target's problems (`selfmon_en.py`, `selfmon_nl.py`), mentions of who clicked
or shared, and what to do in a channel (invite kpibot, share a file there, run a command there).
Everything else a user reads is a domain text in kpi.i18n.

bot/ renders every text through `t()` (and `Ctx.t`): the key is looked up here first and,
when it is not a Slack text, in kpi's catalogue, so a call site never needs to know which
catalogue holds its key. A key lives in one catalogue only (tests/test_texts_render.py)."""

from __future__ import annotations

from collections.abc import Mapping

from bot.texts import (
    competitors_en,
    competitors_nl,
    en,
    home_en,
    home_nl,
    nl,
    selfmon_en,
    selfmon_nl,
    sync_en,
    sync_nl,
)
from kpi.i18n import DEFAULT_LOCALE, fill, normalise_locale
from kpi.i18n import t as domain_text

_CATALOGS: Mapping[str, Mapping[str, str]] = {
    "en": {**en.EN, **home_en.EN, **sync_en.EN, **selfmon_en.EN, **competitors_en.EN},
    "nl": {**nl.NL, **home_nl.NL, **sync_nl.NL, **selfmon_nl.NL, **competitors_nl.NL},
}


def catalogs() -> Mapping[str, Mapping[str, str]]:
    """locale -> key -> text of the Slack texts (the domain texts: kpi.i18n.catalogs)."""
    return _CATALOGS


def t(key: str, locale: str, /, **kw: object) -> str:
    """The text for `key` in `locale` with `kw` filled in: a Slack text of this package, else
    kpi's (`kpi.i18n.t`, which falls back to English, then to the key itself)."""
    template = _CATALOGS[normalise_locale(locale)].get(key)
    if template is None:
        template = _CATALOGS[DEFAULT_LOCALE].get(key)
    if template is None:
        return domain_text(key, locale, **kw)
    return fill(key, template, **kw)
