"""Errors raised by the library. Each message says what was wrong and what is valid."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "CatalogError",
    "ClinicProfileError",
    "MessageArgumentError",
    "MicroneedlingInfoError",
    "MissingTranslationError",
    "ScreeningAnswerError",
    "UnknownItemError",
    "UnsupportedLocaleError",
    "shown",
]


MAX_ECHO = 80
"""An error message repeats at most this many characters of the bad input."""


def shown(value: object) -> str:
    """``repr(value)``, cut to :data:`MAX_ECHO` characters: 10 MB of junk is not echoed back."""
    if isinstance(value, str) and len(value) > MAX_ECHO:
        return repr(value[:MAX_ECHO]) + f"… ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= MAX_ECHO else text[:MAX_ECHO] + "…"


class MicroneedlingInfoError(Exception):
    """Base class of every error this library raises on purpose."""


class UnsupportedLocaleError(MicroneedlingInfoError, LookupError):
    """No shipped catalog serves the requested locale."""

    def __init__(self, requested: object, available: Iterable[str]) -> None:
        self.requested = requested
        self.available = tuple(available)
        names = ", ".join(self.available)
        super().__init__(f"no catalog for locale {shown(requested)}; available locales: {names}")

    def __str__(self) -> str:
        return str(self.args[0])


class MissingTranslationError(MicroneedlingInfoError, LookupError):
    """``strict=True`` and some texts would fall back to English."""

    def __init__(self, locale: str, contexts: Iterable[str]) -> None:
        self.locale = locale
        self.contexts = tuple(contexts)
        shown = ", ".join(self.contexts[:5]) + (" …" if len(self.contexts) > 5 else "")
        super().__init__(
            f"{len(self.contexts)} text(s) have no usable {locale} translation "
            f"(run `microneedling-info catalog check --locale {locale}`): {shown}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownItemError(MicroneedlingInfoError, KeyError):
    """An id that the content does not have; the message names the closest ids."""

    def __init__(self, kind: str, item_id: object, known: Iterable[str]) -> None:
        self.kind = kind
        self.item_id = item_id
        self.known = tuple(known)
        import difflib  # only on this error path: keeps import time low

        text = str(item_id)
        long = len(text) > MAX_ECHO  # no id is that long: skip the quadratic difflib
        close = [] if long else difflib.get_close_matches(text, self.known, n=3, cutoff=0.5)
        hint = (
            f"did you mean {', '.join(close)}?" if close else f"valid ids: {', '.join(self.known)}"
        )
        super().__init__(f"unknown {kind} id {shown(item_id)}; {hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class MessageArgumentError(MicroneedlingInfoError, TypeError, ValueError):
    """:meth:`Library.message` called with the wrong values for its text's placeholders.

    A ``TypeError`` (wrong arguments) and, as before, a ``ValueError``; the message names
    the placeholders the text takes.
    """

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        super().__init__(f"message {key!r}: {problem}")


class CatalogError(MicroneedlingInfoError, ValueError):
    """A catalog file cannot be read at all (truncated, wrong encoding, not a catalog)."""


class ClinicProfileError(MicroneedlingInfoError, ValueError):
    """A clinic profile file is missing, not TOML, has an unknown key or a bad value."""


class ScreeningAnswerError(MicroneedlingInfoError, ValueError):
    """Screening answers that the questions do not take: an unknown question id (the message
    lists the valid ids) or the wrong kind of answer (yes/no, or a date)."""
