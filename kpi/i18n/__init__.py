"""Every user-facing text, in English and Dutch: `t(key, locale, **kw)`.

The catalogs are the `EN` / `NL` dicts of the modules `<area>_en.py` / `<area>_nl.py` in this
package (areas: kpi, bot, alerts, digest, import), merged on first use, so each package
keeps its own texts and adding a module needs no change here. Texts that only make sense in
Slack (button labels, modals, mentions, what to do in a channel) are bot's: bot.texts.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import string
import warnings
from collections.abc import Mapping

LOCALES: tuple[str, ...] = ("en", "nl")
DEFAULT_LOCALE = "en"
AREAS: tuple[str, ...] = (
    "kpi", "bot", "alerts", "digest", "import", "import_exports", "money", "campaigns", "bounds",
    "sync", "story", "unusual", "workspace", "competitors", "benchmarks",
)  # fmt: skip


def catalog_modules() -> list[tuple[str, str]]:
    """(module name, locale) of every catalog module present, in AREAS order."""
    present = {m.name for m in pkgutil.iter_modules(__path__)}
    return [
        (f"{area}_{locale}", locale)
        for area in AREAS
        for locale in LOCALES
        if f"{area}_{locale}" in present
    ]


def load_module_catalog(module: str, locale: str) -> dict[str, str]:
    """The `EN`/`NL` dict of one catalog module (empty when it has none)."""
    mod = importlib.import_module(f"{__name__}.{module}")
    texts = getattr(mod, locale.upper(), {})
    return dict(texts)


@functools.cache
def catalogs() -> Mapping[str, Mapping[str, str]]:
    """locale -> key -> text, merged over every catalog module."""
    merged: dict[str, dict[str, str]] = {locale: {} for locale in LOCALES}
    for module, locale in catalog_modules():
        merged[locale].update(load_module_catalog(module, locale))
    return merged


def normalise_locale(locale: str | None) -> str:
    """ "nl", "nl_NL", "nl-BE" -> "nl"; anything unknown -> "en"."""
    base = (locale or "").replace("-", "_").split("_")[0].lower()
    return base if base in LOCALES else DEFAULT_LOCALE


class TextArgumentMissing(UserWarning):
    """A text was rendered without a value it asks for (a bug at the call site)."""


class _KeepMissing(dict[str, object]):
    # A text asking for a value nobody passed shows "{name}" rather than failing a reply,
    # and warns, so tests (warnings are errors there) catch the call site.
    def __init__(self, key: str, kw: Mapping[str, object]) -> None:
        super().__init__(kw)
        self.text_key = key

    def __missing__(self, name: str) -> str:
        warnings.warn(
            f"text {self.text_key!r} rendered without {name!r}", TextArgumentMissing, stacklevel=4
        )
        return "{" + name + "}"


def t(key: str, locale: str, /, **kw: object) -> str:
    """The text for `key` in `locale` with `kw` filled in (str.format).

    Falls back to English when the locale lacks the key, then to the key itself. A missing
    placeholder value stays visible as "{name}" instead of raising.
    """
    texts = catalogs()
    template = texts[normalise_locale(locale)].get(key)
    if template is None:
        template = texts[DEFAULT_LOCALE].get(key, key)
    return fill(key, template, **kw)


def fill(key: str, template: str, /, **kw: object) -> str:
    """`template` (the text of `key`) with `kw` filled in, as `t` does; also for catalogues
    outside this package (bot.texts)."""
    if not kw and "{" not in template:
        return template
    try:
        return string.Formatter().vformat(template, (), _KeepMissing(key, kw))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template
