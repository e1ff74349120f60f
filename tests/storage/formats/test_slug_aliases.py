"""Campaign slugs (Hypothesis) and the team's alias file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.formats import AliasError, load_aliases, parse_file, slugify

SLUG = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*)?$")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Zomer Actie 2026", "zomer-actie-2026"),
        ("Café Été – Black Friday!", "cafe-ete-black-friday"),
        ("  --Q4 / B2B__Webinar  ", "q4-b2b-webinar"),
        ("zomer_actie_2026", "zomer-actie-2026"),
        ("!!!", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@given(st.text())
def test_slug_is_idempotent_and_plain(name: str) -> None:
    slug = slugify(name)
    assert SLUG.match(slug), slug  # only [a-z0-9-], no hyphen at the ends or twice
    assert slugify(slug) == slug


def test_load_aliases(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text('[aliases]\n"Kosten" = "spend"\n"Datum" = "Date"\n"Oud" = "ignore"\n')
    assert load_aliases(path) == {"Kosten": "spend", "Datum": "date", "Oud": "ignore"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"Kosten" = "spend"\n', "no \\[aliases\\] table"),
        ('[aliases]\n"Kosten" = "uitgaven"\n', "'Kosten' = 'uitgaven'"),
        ('[aliases]\n"Kosten" = 3\n', "'Kosten' = 3"),
        ("[aliases\n", "not a TOML file"),
    ],
)
def test_bad_alias_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(text)
    with pytest.raises(AliasError, match=message):
        load_aliases(path)


def test_aliases_apply_before_detection_and_win(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    # "Kosten" is no header any format knows; "Link clicks" would otherwise be clicks.
    path.write_text('[aliases]\n"kosten" = "spend"\n"Link clicks" = "ignore"\n')
    data = b"Day,Campaign name,Link clicks,Clicks (all),KOSTEN\n2026-11-02,Zomer,5,9,1.25\n"
    result = parse_file(data, aliases=load_aliases(path))
    (row,) = result.rows
    assert row.counters == {"clicks": 9, "spend": 1.25}
    assert result.recognised["KOSTEN"] == "spend" and "Link clicks" in result.ignored


def test_alias_to_unknown_field_in_code_is_an_error() -> None:
    with pytest.raises(ValueError, match="not one of"):
        parse_file(b"a,b\n", aliases={"a": "omzet"})
