"""The compiled-catalog reader reads what the standard library's ``gettext`` reads.

``catalogs._mo_entries`` replaced ``gettext.GNUTranslations`` at start-up (issue 16: the
import and parse cost ~2 ms of every cold start). ``gettext`` stays the oracle here.
"""

from __future__ import annotations

import gettext
import io
import struct

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from microneedling_info.catalogs import _mo_entries, catalog_files, read_limited
from microneedling_info.content import iter_messages, load_raw
from microneedling_info.errors import CatalogError


def _mo(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _gettext(data: bytes, context: str | None, msgid: str) -> str | None:
    """What gettext's public API gives, None for an entry it does not have."""
    marker = object()
    translations = gettext.GNUTranslations(io.BytesIO(data))

    class Miss(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return str(id(marker))

        def pgettext(self, context: str, message: str) -> str:
            return str(id(marker))

    translations.add_fallback(Miss())
    text = translations.gettext(msgid) if context is None else translations.pgettext(context, msgid)
    return None if text in (str(id(marker)), "") else text


def _shipped_fr_ca() -> bytes:
    cat = catalog_files()["fr_CA"]
    data = read_limited(cat.file)
    if cat.compiled:
        return data
    return _mo(read_po(io.BytesIO(data)))


def test_the_shipped_french_catalog_reads_as_gettext_reads_it() -> None:
    data = _shipped_fr_ca()
    entries = _mo_entries(data)
    messages = list(iter_messages(load_raw()))
    assert len(messages) > 400
    for m in messages:
        assert entries.get((m.context, m.text)) == _gettext(data, m.context, m.text), m.context
    assert all(value for value in entries.values())
    assert len(entries) >= len(messages) - 5  # every text is translated, give or take


def _sample() -> Catalog:
    catalog = Catalog(locale="fr_CA", domain="test")
    catalog.add("Redness", "Rougeur", context="side_effect.redness.name")
    catalog.add("Redness", "Rougeur (sans contexte)")
    catalog.add("Call 911 now.", "Composez le 911 maintenant.", context="urgency.emergency.action")
    catalog.add("Not yet", "", context="untranslated")
    catalog.add("Changed", "Changé", context="fuzzy.entry", flags=["fuzzy"])
    catalog.add(("one day", "{n} days"), ("un jour", "{n} jours"), context="plural")
    catalog.add(
        "Œdème «\u00a0léger\u00a0»", "Œdème «\u00a0léger\u00a0» \u2013 été", context="accents"
    )
    return catalog


def test_contexts_plurals_empty_and_fuzzy_entries_as_gettext() -> None:
    data = _mo(_sample())
    entries = _mo_entries(data)
    assert entries == {
        ("side_effect.redness.name", "Redness"): "Rougeur",
        (None, "Redness"): "Rougeur (sans contexte)",
        ("urgency.emergency.action", "Call 911 now."): "Composez le 911 maintenant.",
        ("accents", "Œdème «\u00a0léger\u00a0»"): "Œdème «\u00a0léger\u00a0» \u2013 été",
    }
    for (context, msgid), text in entries.items():
        assert _gettext(data, context, msgid) == text
    assert _gettext(data, "untranslated", "Not yet") is None
    assert _gettext(data, "fuzzy.entry", "Changed") is None  # babel writes no fuzzy entry


def _big_endian(data: bytes) -> bytes:
    """The same catalog written big-endian (as a big-endian machine's msgfmt writes it)."""
    count, originals, translations = struct.unpack_from("<3I", data, 8)
    out = bytearray(data)
    out[0:28] = struct.pack(">7I", *struct.unpack_from("<7I", data, 0))
    for table in (originals, translations):
        pairs = struct.unpack_from(f"<{2 * count}I", data, table)
        struct.pack_into(f">{2 * count}I", out, table, *pairs)
    return bytes(out)


def test_a_big_endian_catalog_reads_the_same() -> None:
    data = _mo(_sample())
    swapped = _big_endian(data)
    assert swapped[:4] == b"\x95\x04\x12\xde"
    assert _mo_entries(swapped) == _mo_entries(data)
    assert _gettext(swapped, "plural", "x") is None  # gettext reads it too
    assert _gettext(swapped, None, "Redness") == "Rougeur (sans contexte)"


def _patched(data: bytes, offset: int, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<I", out, offset, value)
    return bytes(out)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d[:20], "bad magic number"),
        (
            lambda d: _patched(d, 12, len(d) + 8),
            "runs past the file",
        ),  # originals table past the end
        (lambda d: _patched(d, 16, len(d) - 4), "runs past the file"),  # translations table too
        # the first original's length runs past the end of the file
        (lambda d: _patched(d, struct.unpack_from("<I", d, 12)[0], len(d)), "ends past the file"),
        (lambda d: _patched(d, 4, 2 << 16), "major version 2"),
    ],
    ids=["truncated", "originals-past-end", "translations-past-end", "entry-past-end", "version"],
)
def test_a_broken_layout_is_refused(change: object, reason: str) -> None:
    data = change(_mo(_sample()))  # type: ignore[operator]
    with pytest.raises(CatalogError, match=reason):
        _mo_entries(data)
    if reason != "bad magic number" and "version" not in reason:
        with pytest.raises((OSError, struct.error)):  # gettext refuses it as well
            gettext.GNUTranslations(io.BytesIO(data))


def test_a_catalog_not_in_utf8_is_refused() -> None:
    catalog = Catalog(locale="fr_CA", domain="test", charset="iso-8859-1")
    catalog.add("Redness", "Rougeur", context="side_effect.redness.name")
    with pytest.raises(CatalogError, match="not in UTF-8"):
        _mo_entries(_mo(catalog))
    data = _mo(_sample()).replace(b"Rougeur", b"Roug\xe9ur")  # a byte UTF-8 refuses
    with pytest.raises(CatalogError, match="not UTF-8 text"):
        _mo_entries(data)
