"""Locale-aware values and safe placeholder handling.

Numbers, durations and temperatures come from babel (CLDR), never from
translators: a catalog only moves ``{name}`` placeholders around. Translations
are checked before use -- a hostile or broken one (unknown or missing fields,
``{0.__class__}``, markup, control characters) is refused, never executed.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping

from babel import Locale
from babel.numbers import format_decimal
from babel.units import format_unit

from .content import VALUE_KINDS, Value

__all__ = ["check_translation", "format_value", "placeholders", "render"]

MAX_LENGTH_FACTOR = 6
MIN_LENGTH_LIMIT = 400
"""A translation longer than this (factor times the English, at least the minimum) is refused:
French runs ~20 % longer than English; a huge entry is a broken or hostile catalog."""

_FORMATTER = string.Formatter()
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#?[a-zA-Z0-9]+;")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@functools.lru_cache(maxsize=1024)
def format_value(value: Value, locale: Locale) -> str:
    """``Value("days", 3)`` → ``3 jours`` in fr_CA; ``Value("celsius", 38.5)`` → ``38,5 °C``.

    Cached: the content uses a handful of values, and CLDR formatting is the
    slowest step of an assessment.
    """
    unit = VALUE_KINDS[value.kind]
    amount: float = float(value.amount)
    if amount.is_integer():
        amount = int(amount)
    if unit is None:
        return format_decimal(amount, locale=locale)
    if value.kind == "celsius":  # "38,5 °C": OQLF writes the symbol, not "degrés Celsius"
        return format_unit(amount, unit, length="short", locale=locale)
    return format_unit(amount, unit, length="long", locale=locale)


def placeholders(template: str) -> tuple[str, ...]:
    """Names of the ``{name}`` fields in ``template``, in order.

    Raises ValueError for anything but a plain lower-case name: attribute or
    index access (``{0.__class__}``, ``{x[0]}``), conversions (``{x!r}``),
    format specs (``{x:>99999}``), positional fields and unbalanced braces.
    """
    names = []
    for _literal, field, spec, conversion in _FORMATTER.parse(template):
        if field is None:
            continue
        if not _NAME.match(field):
            raise ValueError(f"placeholder {{{field}}} is not a plain name")
        if spec or conversion:
            raise ValueError(f"placeholder {{{field}}} must not carry a format or conversion")
        names.append(field)
    return tuple(names)


def check_translation(msgid: str, msgstr: str) -> str | None:
    """Why ``msgstr`` cannot stand in for ``msgid``, or None when it is safe to use."""
    try:
        wanted = set(placeholders(msgid))
    except ValueError as exc:  # the source itself is wrong: a content bug
        return f"source text: {exc}"
    try:
        got = set(placeholders(msgstr))
    except ValueError as exc:
        return str(exc)
    if got != wanted:
        parts = []
        if wanted - got:
            parts.append("missing " + ", ".join(f"{{{n}}}" for n in sorted(wanted - got)))
        if got - wanted:
            parts.append("unknown " + ", ".join(f"{{{n}}}" for n in sorted(got - wanted)))
        return "placeholders differ from the English: " + "; ".join(parts)
    if _MARKUP.search(msgstr) and not _MARKUP.search(msgid):
        return "markup (HTML tags or entities) is not allowed in a translation"
    if _CONTROL.search(msgstr):
        return "control or bidirectional-override characters are not allowed"
    limit = max(MAX_LENGTH_FACTOR * len(msgid), MIN_LENGTH_LIMIT)
    if len(msgstr) > limit:
        return f"{len(msgstr)} characters is too long for a {len(msgid)}-character English text"
    return None


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{name}`` fields of a checked template; never calls ``str.format``."""
    out = []
    for literal, field, _spec, _conversion in _FORMATTER.parse(template):
        out.append(literal)
        if field is not None:
            out.append(values[field])
    return "".join(out)
