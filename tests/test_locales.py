"""Locale spellings, negotiation and the French-first default."""

from __future__ import annotations

import pytest
from babel import Locale
from babel.support import Translations

import microneedling_info as mi
from microneedling_info.catalogs import catalog_files


def test_shipped_locales_are_discovered() -> None:
    assert {"en_CA", "fr_CA"} <= set(mi.available_locales())


@pytest.mark.parametrize(
    "spelling", ["fr-CA", "fr_CA", "fr", "FR_ca", "fr-ca", "fr-FR", "fr_CA.UTF-8"]
)
def test_every_french_spelling_gives_the_same_library(spelling: str) -> None:
    assert mi.get_library(spelling) is mi.get_library("fr_CA")


def test_babel_locale_object_is_accepted() -> None:
    assert mi.get_library(Locale.parse("fr_CA")) is mi.get_library("fr-CA")
    assert mi.get_library(Locale.parse("en_US")) is mi.get_library("en_CA")


def test_default_is_french() -> None:
    assert mi.get_library() is mi.get_library("fr_CA")
    assert str(mi.get_library().locale) == "fr_CA"
    assert mi.DEFAULT_LOCALE == "fr_CA"


def test_unsupported_language_names_the_available_locales() -> None:
    with pytest.raises(mi.UnsupportedLocaleError) as info:
        mi.get_library("de")
    assert isinstance(info.value, LookupError)
    assert "en_CA" in str(info.value) and "fr_CA" in str(info.value)
    assert info.value.available == mi.available_locales()


@pytest.mark.parametrize("bad", ["", "x", "123", "de-DE", "klingon"])
def test_unusable_tags_raise_unsupported(bad: str) -> None:
    with pytest.raises(mi.UnsupportedLocaleError):
        mi.get_library(bad)


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr_CA"),
        ("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5", "fr_CA"),
        ("en-US,en;q=0.9", "en_CA"),
        ("de-DE, en;q=0.5", "en_CA"),
        ("en;q=0.5, fr;q=0.9", "fr_CA"),
        ("fr;q=0, en", "en_CA"),
        ("de, es", "fr_CA"),
        ("*", "fr_CA"),
        ("", "fr_CA"),
        (";;;,,,q=", "fr_CA"),
        (["en_CA"], "en_CA"),
        (["de", "EN-us"], "en_CA"),
        ([], "fr_CA"),
    ],
)
def test_negotiate_locale(preferred: str | list[str], expected: str) -> None:
    assert mi.negotiate_locale(preferred) == expected


def test_negotiate_locale_default_is_returned_when_nothing_matches() -> None:
    assert mi.negotiate_locale("de", default="en_CA") == "en_CA"


def test_babel_pitfalls_that_we_work_around() -> None:
    """babel alone fails silently on fr vs fr_CA; these show why locales.py exists."""
    from babel import negotiate_locale as babel_negotiate

    assert babel_negotiate(["fr-CA"], ["en_CA", "fr_CA"]) is None
    assert babel_negotiate(["fr_FR"], ["en_CA", "fr_CA"]) is None
    if any(c.compiled for c in catalog_files().values()):
        root = str(next(iter(catalog_files().values())).file).split("/fr_CA/")[0]
        loaded = Translations.load(root, ["fr"], domain="microneedling_info")
        assert not isinstance(loaded, Translations)  # NullTranslations: silently nothing
    # ...while ours resolves every spelling to the shipped catalog:
    assert str(mi.get_library("fr").locale) == "fr_CA"
