"""The strict PO reader: every error it names, the encodings it accepts, the locale ids.

What a hostile or damaged catalog does to the library is in test_hostile_catalogs.py;
this file pins the grammar itself, one case per error branch.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from _support import po_path, write_catalog

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.posyntax import MAX_ENTRIES, Span, canonical_locale, decode, syntax

GOOD = 'msgctxt "c"\nmsgid "Day"\nmsgstr "Jour"\n'


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('msgid "a"\nmsgstr "b"', "line 2: the file does not end with a line end"),
        ('msgid "a\nmsgstr "b"\n', "line 1: unterminated or malformed string"),
        ('msgid "a\\"\nmsgstr "b"\n', "line 1: unterminated or malformed string"),
        ('msgid "a" "b"\nmsgstr "b"\n', "line 1: unterminated or malformed string"),
        ('msgid "a"\n', "line 1: entry has no msgstr"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "line 4: duplicate entry"),
        ('msgstr "b"\n', "line 1: msgstr without msgid"),
        ('msgctxt "c"\nmsgstr "b"\n', "line 2: msgstr without msgid"),
        ('"abc"\n', "line 1: string outside an entry"),
        ('msgid "a"\n"bc\nmsgstr ""\n', "line 2: unterminated or malformed string"),
        ('msgid "a"\nmsgstr "b"\nhello\n', "line 3: not PO syntax: 'hello'"),
    ],
    ids=[
        "no-final-line-end",
        "cut-string",
        "escaped-closing-quote",
        "two-strings-on-a-line",
        "no-msgstr",
        "duplicate",
        "msgstr-first",
        "msgstr-after-msgctxt",
        "string-outside",
        "cut-continuation",
        "not-po",
    ],
)
def test_each_syntax_error_is_named_with_its_line(text: str, error: str) -> None:
    found, _spans = syntax(text)
    assert found is not None and found.startswith(error), found


def test_a_duplicate_names_the_first_copy() -> None:
    found, spans = syntax(GOOD + "\n" + GOOD)
    assert found == "line 5: duplicate entry (the same one is at line 1)"
    assert [span.start for span in spans] == [1]  # what was read before the error


def test_more_entries_than_the_limit_are_refused() -> None:
    text = "".join(f'msgid "m{i}"\nmsgstr ""\n' for i in range(MAX_ENTRIES + 1))
    found, _spans = syntax(text)
    assert found is not None and f"more than {MAX_ENTRIES} entries" in found


def test_spans_record_lines_flags_and_plurals() -> None:
    text = (
        '# header\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        + "#, fuzzy, python-brace-format\n"
        + GOOD
        + '\nmsgid "{n} day"\nmsgid_plural "{n} days"\n"!"\nmsgstr[0] "{n} jour"\n'
        + 'msgstr[1] "{n} jours"\n'
    )
    assert syntax(text) == (
        None,
        [
            Span(2, 2, frozenset()),
            Span(6, 7, frozenset({"fuzzy", "python-brace-format"})),
            Span(10, 10, frozenset()),
        ],
    )


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + b'msgid "a"\r\nmsgstr "\xc3\xa9"\r\n', 'msgid "a"\nmsgstr "é"\n'),
        (b'"Content-Type: text/plain; charset=CHARSET\\n"\n', None),
        (b'"Content-Type: text/plain; charset=ISO-8859-1\\n"\nmsgstr "\xe9"\n', None),
    ],
    ids=["bom-and-crlf", "template-placeholder", "latin-1"],
)
def test_accepted_encodings(data: bytes, text: str | None) -> None:
    decoded = decode(data)
    assert decoded == (text if text is not None else decoded)
    assert "é" in decoded or "CHARSET" in decoded


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b'"Content-Type: text/plain; charset=klingon\\n"\n', "unknown charset 'klingon'"),
        (
            b'"Content-Type: text/plain; charset=ISO-8859-1\\n"\nmsgstr "\xc3\xa9"\n',
            "the header declares charset=ISO-8859-1 but the file is UTF-8 text",
        ),
        (b'msgid "a"\nmsgstr "\xe9t\xe9"\n', "line 2: not valid utf-8 text (wrong encoding?)"),
        (b'msgid "a"\rmsgstr "b"\r', "line 1: a carriage return without a line feed"),
    ],
    ids=["unknown-charset", "utf-8-declared-latin-1", "latin-1-undeclared", "cr-only"],
)
def test_encoding_errors_are_named(data: bytes, error: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(error)):
        decode(data)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("fr_CA", "fr_CA"),
        ("FR_ca", "fr_CA"),
        ("zh_hant_tw", "zh_Hant_TW"),
        ("es_419", "es_419"),
        ("en", "en"),
        ("xx_YY", None),  # the right shape, but no such locale
        ("..", None),
        ("fr-CA", None),  # a directory is named with _, as gettext looks it up
        ("fr_CA/../../etc", None),
        # what babel's parse_locale takes but no catalog directory is named
        ("fr_CA.UTF-8", None),
        ("fr_CA@euro", None),
        ("fr_CA_POSIX", None),
        ("\u00e9_CA", None),
        ("glossary.csv", None),
        ("french_CA", None),
        ("fr_CA~", None),
        ("fr__CA", None),
    ],
)
def test_locale_directory_names(name: str, canonical: str | None) -> None:
    assert canonical_locale(name) == canonical


def test_a_directory_named_like_an_unknown_locale_is_passed_over(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``xx_YY/`` has the shape of a locale id: babel raises an error that is no ValueError."""
    write_catalog(po_path(localedir, "xx_YY"), "xx_YY", {})
    write_catalog(po_path(localedir, "fr_CA"), "fr_CA", {})
    assert "xx_YY" not in mi.available_locales()
    assert main(["locales"]) == 0
    assert "xx_YY" not in capsys.readouterr().out
