"""Adding a language is a translator's job, not a programmer's: no code change.

The shipped ``locales/`` is copied to a temporary dir, ``pybabel init`` creates
an ``es_MX`` catalog from the template, one entry is translated, and the library,
the locale negotiation, ``catalog stats`` and ``catalog check`` all pick it up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.content import DOMAIN, iter_messages, load_raw

SPANISH = (
    "Llame al 911 ahora. En caso de reacción alérgica, use su autoinyector de epinefrina "
    "(EpiPen, Allerject) si tiene uno. No conduzca usted mismo. Si no está seguro, llame al 911."
)


def init_language(root: Path, locale: str) -> Path:
    """What ``pybabel init -D microneedling_info -i ... -d locales -l xx_YY`` does."""
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "init",
            "-D",
            DOMAIN,
            "-i",
            str(root / f"{DOMAIN}.pot"),
            "-d",
            str(root),
            "-l",
            locale,
        ]
    )
    path = root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    assert path.is_file()
    return path


def translate_one(path: Path) -> str:
    """Translate one text that both the template and the content have; return its msgctxt."""
    with path.open("rb") as f:
        catalog = read_po(f)
    content = {(m.context, m.text) for m in iter_messages(load_raw()) if "{" not in m.text}
    preferred = [m for m in catalog if m.context == "urgency.emergency.action"]
    candidates = preferred + [m for m in catalog if m.id and (m.context, m.id) in content]
    chosen = next(m for m in candidates if (m.context, m.id) in content)
    chosen.string = SPANISH
    with path.open("wb") as f:
        write_po(f, catalog)
    assert chosen.context is not None
    return chosen.context


def test_new_language_needs_no_code_change(
    shipped_localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = init_language(shipped_localedir, "es_MX")
    context = translate_one(path)
    mi.clear_caches()  # a running process would see the new catalog on its next start

    assert "es_MX" in mi.available_locales()
    assert mi.negotiate_locale("es-ES, en;q=0.5") == "es_MX"

    lib = mi.get_library("es")
    assert lib.info.locale == "es_MX"
    everything = [m.context for m in iter_messages(load_raw())]
    assert set(lib.missing_translations) == set(everything) - {context}
    assert lib.catalog_problems == ()
    if context == "urgency.emergency.action":
        assert lib.urgency_level(mi.Urgency.EMERGENCY).action == SPANISH
        assert (
            lib.urgency_level(mi.Urgency.URGENT).action
            == mi.get_library("en_CA").urgency_level(mi.Urgency.URGENT).action
        )  # English for the rest
    with pytest.raises(mi.MissingTranslationError):
        mi.get_library("es_MX", strict=True)

    code = main(["catalog", "stats"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in out[1:]}
    assert set(rows) >= {"en_CA", "es_MX", "fr_CA"}
    assert rows["es_MX"][2] == "1"  # translated

    # The safety gate covers the new language too.
    code = main(["catalog", "check", "--locale", "es"])
    out = capsys.readouterr().out
    assert code == 1
    assert "SAFETY: not translated (es_MX)" in out
    assert f"es_MX/LC_MESSAGES/{DOMAIN}.po" in out
