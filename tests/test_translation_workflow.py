"""When the English changes, the French goes fuzzy: re-read before it is used again.

A copy of the shipped catalogs stands in for a French catalog made against an older
English text; the standard ``pybabel update`` then marks that entry fuzzy, the
library refuses it (English is shown, and recorded), and ``catalog check`` fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.content import DOMAIN

CONTEXT = "aftercare.next-session-clinic.text"


def test_changed_english_makes_the_translation_fuzzy_and_unused(
    shipped_localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = shipped_localedir / "fr_CA" / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="fr_CA")
    (entry,) = [m for m in catalog if m.context == CONTEXT]
    current_english, french = entry.id, entry.string
    # The catalog was translated when the English said something slightly different.
    catalog.delete(current_english, context=CONTEXT)
    old_english = current_english.replace("with new, clean needles", "with new needles")
    catalog.add(old_english, french, context=CONTEXT)
    with po.open("wb") as f:
        write_po(f, catalog)

    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "update",
            "-D",
            DOMAIN,
            "-i",
            str(shipped_localedir / f"{DOMAIN}.pot"),
            "-d",
            str(shipped_localedir),
            "-l",
            "fr_CA",
            "--ignore-obsolete",
        ]
    )
    with po.open("rb") as f:
        (updated,) = [m for m in read_po(f, locale="fr_CA") if m.context == CONTEXT]
    assert updated.id == current_english and updated.fuzzy and updated.string == french

    lib = mi.build_library("fr_CA")
    assert CONTEXT in lib.missing_translations
    assert lib.aftercare_instruction("next-session-clinic").text == current_english
    with pytest.raises(mi.MissingTranslationError, match=CONTEXT):
        mi.get_library("fr_CA", strict=True)

    assert main(["catalog", "check", "--locale", "fr_CA"]) == 1
    out = capsys.readouterr().out
    assert CONTEXT in out and "fuzzy" in out
