"""Why a translation cannot stand in for its English: the run-time guard.

Every translation passes these checks before a patient sees it (a failure falls
back to English and is recorded in ``Library.catalog_problems``); ``catalog
check`` and the wheel build hook run the very same functions. Each guard is a
small function ``(msgid, msgstr, safety) -> reason | None``, listed in
:data:`GUARDS` under the name ``catalog check`` reports.

No dependencies beyond the standard library: ``hatch_build.py`` loads this file
on its own, as it loads ``posyntax.py``.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable
from collections.abc import Set as AbstractSet

__all__ = [
    "GUARDS",
    "MAX_LENGTH_FACTOR",
    "MIN_LENGTH_LIMIT",
    "SAFETY_GUARDS",
    "VERIFIED_MANIFEST",
    "check_translation",
    "numbers",
    "placeholders",
    "refusals",
]

MAX_LENGTH_FACTOR = 6
MIN_LENGTH_LIMIT = 400
"""A translation longer than this (factor times the English, at least the minimum) is refused:
French runs ~20 % longer than English; a huge entry is a broken or hostile catalog."""

MIN_SAFETY_SHARE = 0.5
"""A safety text's translation shorter than half its English (English of 20+ characters) is
refused: French runs longer than English, so that is a cut or gutted text."""

_FORMATTER = string.Formatter()
# Patterns go through ``re``'s own cache, compiled on first use: a wheel's verified catalog
# needs none of them at start-up (compiling them at import cost ~0.5 ms of every start).
_NAME = r"^[a-z_][a-z0-9_]*$"
_MARKUP = r"<\s*/?\s*[a-zA-Z!?]|&#?[a-zA-Z0-9]+;"
_NUMBER = r"\d+"
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})
"""Control, format (invisible: U+200B, U+2060, U+FEFF, U+00AD, bidi marks), line and paragraph
separators, private-use, surrogates and unassigned code points."""
_USUAL_SPACES = ("\u00a0", "\u202f", "\n")
"""What French text holds that ``str.isprintable`` refuses: no-break spaces and line breaks."""
_SENTENCE_END = ".!?…"
_SENTENCE_ENDS = tuple(_SENTENCE_END)
"""One character each (``"" in _SENTENCE_END`` would be True)."""
_CLOSERS = "»)\"'\u2019\u00a0\u202f "


def placeholders(template: str) -> tuple[str, ...]:
    """Names of the ``{name}`` fields in ``template``, in order.

    Raises ValueError for anything but a plain lower-case name: attribute or
    index access (``{0.__class__}``, ``{x[0]}``), conversions (``{x!r}``),
    format specs (``{x:>99999}``), positional fields and unbalanced braces.
    """
    return _field_names(template)


@functools.lru_cache(maxsize=1024)
def _field_names(template: str) -> tuple[str, ...]:
    """See :func:`placeholders`. Cached: ``Library.message`` asks it of the same few
    templates on an assessment's path (a refusal is not cached, and the bound holds
    whatever a catalog holds)."""
    names: list[str] = []
    for _literal, field, spec, conversion in _FORMATTER.parse(template):
        if field is None:
            continue
        if not re.match(_NAME, field):
            raise ValueError(f"placeholder {{{field}}} is not a plain name")
        if spec or conversion:
            raise ValueError(f"placeholder {{{field}}} must not carry a format or conversion")
        names.append(field)
    return tuple(names)


def _literal_text(template: str) -> str:
    """The text around the placeholders (``{day2}`` is a name, not a number)."""
    try:
        return "".join(literal for literal, *_ in _FORMATTER.parse(template))
    except ValueError:
        return template


def numbers(text: str) -> frozenset[str]:
    """Every number written in ``text`` as its digits (``911``, ``38``, ``5`` for ``38,5``).

    Digits of any script count, and are kept as written: ``٩١١`` is not ``911``.
    """
    if not re.search(_NUMBER, text):
        return frozenset()  # most texts: no digit at all
    return frozenset(re.findall(_NUMBER, _literal_text(text) if "{" in text else text))


def _placeholders(msgid: str, msgstr: str, safety: bool) -> str | None:
    if not _has_braces(msgid) and not _has_braces(msgstr):
        return None  # most texts: no field, and nothing ``Formatter.parse`` could refuse
    try:
        wanted = set(placeholders(msgid))
    except ValueError as exc:  # the source itself is wrong: a content bug
        return f"source text: {exc}"
    try:
        got = set(placeholders(msgstr))
    except ValueError as exc:
        return str(exc)
    return _differ("placeholders", {f"{{{n}}}" for n in wanted}, {f"{{{n}}}" for n in got})


def _has_braces(text: str) -> bool:
    return "{" in text or "}" in text


def _markup(msgid: str, msgstr: str, safety: bool) -> str | None:
    if "<" not in msgstr and "&" not in msgstr:
        return None  # every tag and entity _MARKUP knows starts with one of these
    if re.search(_MARKUP, msgstr) and not re.search(_MARKUP, msgid):
        return "markup (HTML tags or entities) is not allowed in a translation"
    return None


def _characters(msgid: str, msgstr: str, safety: bool) -> str | None:
    if msgstr.isprintable() or _without_usual_spaces(msgstr).isprintable():
        return None  # the common case, in C (isprintable is False for any Zs but " ")
    import unicodedata  # here: only a text with a character isprintable refuses gets here

    for ch in msgstr:
        if ch == "\n" or unicodedata.category(ch) not in _REFUSED_CATEGORIES:
            continue
        if ch in msgid:
            continue  # the English has it too (a tab in a table, say)
        name = unicodedata.name(ch, "") or unicodedata.category(ch)
        return f"invisible, control or separator character U+{ord(ch):04X} ({name}) not allowed"
    return None


def _without_usual_spaces(text: str) -> str:
    for space in _USUAL_SPACES:
        text = text.replace(space, "")  # C; str.translate looks every character up in a dict
    return text


def _newlines(msgid: str, msgstr: str, safety: bool) -> str | None:
    """A line break only where the English has one: a translation must not forge lines."""

    def shape(text: str) -> list[bool]:
        return [not line.strip() for line in text.split("\n")]

    if "\n" in msgstr and shape(msgstr) != shape(msgid):
        return "line breaks differ from the English (a translation must not add lines)"
    return None


def _numbers(msgid: str, msgstr: str, safety: bool) -> str | None:
    """911 stays 911: an emergency number, a dose or a day count is never translated."""
    if re.search(_NUMBER, msgid) is None and re.search(_NUMBER, msgstr) is None:
        return None  # most texts: no digit in either
    return _differ("numbers", numbers(msgid), numbers(msgstr))


def _differ(what: str, wanted: AbstractSet[str], got: AbstractSet[str]) -> str | None:
    """What the translation leaves out and adds, against the English (None if the same)."""
    if got == wanted:
        return None
    parts: list[str] = []
    if wanted - got:
        parts.append("missing " + ", ".join(sorted(wanted - got)))
    if got - wanted:
        parts.append("unknown " + ", ".join(sorted(got - wanted)))
    return f"{what} differ from the English: " + "; ".join(parts)


def _length(msgid: str, msgstr: str, safety: bool) -> str | None:
    limit = max(MAX_LENGTH_FACTOR * len(msgid), MIN_LENGTH_LIMIT)
    if len(msgstr) > limit:
        return f"{len(msgstr)} characters is too long for a {len(msgid)}-character English text"
    if safety and len(msgid) >= 20 and len(msgstr) < MIN_SAFETY_SHARE * len(msgid):
        return (
            f"{len(msgstr)} characters is too short for a {len(msgid)}-character safety text "
            "(cut or gutted?)"
        )
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def _cut(msgid: str, msgstr: str, safety: bool) -> str | None:
    """A sentence the English finishes must be finished: a cut catalog ends mid-sentence."""
    if _ends_sentence(msgid) and not _ends_sentence(msgstr):
        return "ends mid-sentence where the English ends a sentence (cut catalog?)"
    if msgstr != msgstr.rstrip() and msgid == msgid.rstrip():
        return "ends with a space where the English does not (cut catalog?)"
    return None


Guard = Callable[[str, str, bool], "str | None"]

GUARDS: tuple[tuple[str, Guard], ...] = (
    ("length", _length),  # first: the others then never walk a huge text
    ("placeholders", _placeholders),
    ("markup", _markup),
    ("characters", _characters),
    ("newlines", _newlines),
    ("numbers", _numbers),
    ("cut", _cut),
)
"""Every run-time check, by the name ``catalog check`` reports; none can be waived."""

SAFETY_GUARDS = frozenset({"numbers", "characters", "newlines", "cut"})
"""Failures ``catalog check`` counts against the safety gate in every text, marked or not:
a wrong number or a forged line is dangerous wherever it appears."""


VERIFIED_MANIFEST = "verified.sha256"
"""In a wheel, next to the compiled catalogs: the SHA-256 of each ``.mo`` whose every entry passed
every guard in the build hook, with the safety flag the shipped content gives it (the strict
``safety=True`` for an entry the content lacks), one ``<hex digest>  <locale>/LC_MESSAGES/
<domain>.mo`` line each (the format of ``sha256sum``). The library skips the per-entry guards
for a catalog whose bytes hash to a listed value: they are the bytes that passed. Any other
catalog (changed, replaced, a ``.po``, a translator's preview) gets every guard at every start."""


def refusals(msgid: str, msgstr: str, *, safety: bool = False) -> list[tuple[str, str]]:
    """Every guard ``msgstr`` fails, as (guard name, reason)."""
    found: list[tuple[str, str]] = []
    for name, guard in GUARDS:
        reason = guard(msgid, msgstr, safety)
        if reason is not None:
            found.append((name, reason))
    return found


def check_translation(msgid: str, msgstr: str, *, safety: bool = False) -> str | None:
    """Why ``msgstr`` cannot stand in for ``msgid``, or None when it is safe to use.

    ``safety`` marks a text the content flags as safety-critical (stricter length check).
    """
    for _name, guard in GUARDS:
        reason = guard(msgid, msgstr, safety)
        if reason is not None:
            return reason
    return None
