"""Locale ids: parsing any spelling, negotiation, and what is shipped.

babel's own ``negotiate_locale`` and ``Translations.load`` fail silently on
``fr`` vs ``fr_CA`` and on ``fr-CA`` vs ``fr_CA``, so ids are normalised here
to (language, territory) and matched at the language level explicitly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from itertools import islice

from babel import Locale

from .catalogs import catalog_files
from .errors import UnsupportedLocaleError

__all__ = [
    "DEFAULT_LOCALE",
    "available_locales",
    "environment_locale",
    "negotiate_locale",
    "resolve_locale",
]

DEFAULT_LOCALE = "fr_CA"
"""French first (Charter of the French language): the default wherever none is given."""

# Patterns go through ``re``'s own cache, compiled on first use: a shipped id (``fr_CA``)
# is answered without them, so they cost nothing at start-up.
_TAG = r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?(?:[-_].*)?$"
_MAX_HEADER = 4096
_MAX_TAGS = 100
_ID = (
    r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}"
    r"(?:\.[A-Za-z0-9-]{1,20})?(?:@[A-Za-z0-9]{1,20})?\Z"
)
"""What resolve_locale accepts: a BCP 47 or POSIX id, nothing around it."""


def _split(tag: str) -> tuple[str, str | None] | None:
    """``'FR-ca'`` → ``('fr', 'CA')``; ``'fr_CA.UTF-8'`` → ``('fr', 'CA')``; junk → None."""
    tag = tag.strip().split(".", 1)[0].split("@", 1)[0]
    match = re.match(_TAG, tag)
    if not match:
        return None
    language, _script, territory = match.groups()
    return language.lower(), territory.upper() if territory else None


def available_locales() -> tuple[str, ...]:
    """POSIX ids of the shipped catalogs, e.g. ``("en_CA", "fr_CA")``.

    Found from the catalogs themselves: a new ``locales/xx_YY`` appears here
    with no code change.
    """
    return tuple(sorted(catalog_files()))  # keys are canonical ids (catalogs.canonical_locale)


def _match(tag: str, available: tuple[str, ...]) -> str | None:
    wanted = _split(tag)
    if wanted is None:
        return None
    language, territory = wanted
    parsed = [(loc, _split(loc)) for loc in available]
    for loc, have in parsed:  # exact language and territory
        if have == (language, territory):
            return loc
    same_language = [loc for loc, have in parsed if have is not None and have[0] == language]
    if not same_language:
        return None
    # fr, fr-FR, fr-CH → fr_CA: prefer the Canadian variant, then the first shipped.
    canadian = [loc for loc in same_language if loc.endswith("_CA")]
    return (canadian or same_language)[0]


def resolve_locale(locale: str | Locale) -> str:
    """The shipped POSIX id for any spelling (``fr``, ``fr-CA``, ``FR_ca``, a babel Locale).

    Raises UnsupportedLocaleError, naming the available locales, when no
    catalog serves the language, or when ``locale`` is not a locale id at all
    (``"fr_CA/../../etc"``, ``"fr_CA\\0"``, megabytes of junk after ``fr_CA``).
    """
    available = available_locales()
    tag = str(locale) if isinstance(locale, Locale) else locale
    if isinstance(tag, str) and tag in available:  # a shipped id as is: the usual case
        return tag
    if not isinstance(tag, str) or not re.match(_ID, tag):
        raise UnsupportedLocaleError(locale, available)
    found = _match(tag, available)
    if found is None:
        raise UnsupportedLocaleError(locale, available)
    return found


def _parse_accept_language(header: str) -> list[str]:
    """Tags of an ``Accept-Language`` value, best first (stable for equal q)."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header[:_MAX_HEADER].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and 0 < quality <= 1:
            weighted.append((-quality, index, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate_locale(
    preferred: str | Locale | Iterable[str] | None, default: str | Locale = DEFAULT_LOCALE
) -> str:
    """The best shipped locale for an ``Accept-Language`` value or a list of tags.

    A language match counts (``fr-FR`` → ``fr_CA``, ``en-US`` → ``en_CA``);
    ``default`` when nothing matches, including a missing header (``None``).
    Never raises for a malformed header; ``default`` itself must be a shipped
    locale (UnsupportedLocaleError otherwise).

    >>> negotiate_locale("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5")
    'fr_CA'
    >>> negotiate_locale(["de", "en-US"])
    'en_CA'
    >>> negotiate_locale(None)
    'fr_CA'
    """
    fallback = resolve_locale(default)
    tags: Iterable[object]
    if isinstance(preferred, str):
        tags = _parse_accept_language(preferred)
    elif isinstance(preferred, Locale):
        tags = [str(preferred)]
    elif isinstance(preferred, Iterable) and not isinstance(preferred, bytes | bytearray):
        tags = islice(preferred, _MAX_TAGS)
    else:
        return fallback  # None (no header), or not a header at all
    available = available_locales()
    for tag in tags:
        if isinstance(tag, str):
            found = _match(tag, available)
            if found is not None:
                return found
    return fallback


def environment_locale() -> str:
    """The locale from LC_ALL / LC_MESSAGES / LANG (``fr_CA.UTF-8`` → ``fr_CA``), else fr_CA."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return negotiate_locale([value], default=DEFAULT_LOCALE)
    return DEFAULT_LOCALE
