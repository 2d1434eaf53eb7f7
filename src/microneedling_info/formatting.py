"""Locale-aware values and safe placeholder handling.

Numbers, durations and temperatures come from babel (CLDR), never from
translators: a catalog only moves ``{name}`` placeholders around. Translations
are checked before use by :mod:`.guards` (re-exported here) -- a hostile or broken one
(unknown or missing fields, ``{0.__class__}``, markup, control characters, a changed
number) is refused, never executed.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping

from babel import Locale
from babel.numbers import format_decimal
from babel.units import format_unit

from .content import VALUE_KINDS, Value
from .guards import check_translation, placeholders

__all__ = ["check_translation", "format_value", "placeholders", "render"]

_FORMATTER = string.Formatter()


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


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{name}`` fields of a checked template; never calls ``str.format``."""
    out: list[str] = []
    for literal, field, _spec, _conversion in _FORMATTER.parse(template):
        out.append(literal)
        if field is not None:
            out.append(values[field])
    return "".join(out)
