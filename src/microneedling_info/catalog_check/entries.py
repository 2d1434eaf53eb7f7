"""The checks of one catalog entry: small functions ``(entry) -> findings``.

Like ``babel.messages.checkers``: each function looks at one :class:`Entry` and
yields ``(kind, text, safety)`` findings; :data:`CHECKS` lists them in the order
they are reported. The run-time guard (:mod:`microneedling_info.guards`) comes
first among the checks of the text itself: a text the library refuses gets no
third-party check (a quadratic toolkit check must never see a huge text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from babel.messages.catalog import Message as CatalogMessage

from ..content import Message
from ..guards import SAFETY_GUARDS, placeholders, refusals
from .glossary import GlossaryTerm
from .toolkit import WAIVABLE, failures

__all__ = [
    "BRACE_FLAG",
    "CHECKS",
    "Entry",
    "Finding",
    "entry_problems",
    "live_entries",
    "string_of",
    "typography_problems",
]

BRACE_FLAG = "python-brace-format"

Finding = tuple[str, str, bool]
"""(kind, text, safety-gate failure)."""

_WAIVER = re.compile(r"^\s*check-ok\s*:\s*(.*)$", re.IGNORECASE)


def string_of(value: Any) -> str:
    """A babel id or string as text (the first form of a plural entry)."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list) and value:
        first: object = cast("Sequence[object]", value)[0]
        return str(first)
    return ""


def live_entries(catalog: Iterable[CatalogMessage]) -> Iterator[tuple[CatalogMessage, str]]:
    """Every entry of a babel catalog but its header, with its msgid as text."""
    for message in catalog:
        msgid = string_of(message.id)
        if msgid:
            yield message, msgid


def _waivers(message: CatalogMessage) -> frozenset[str]:
    names: set[str] = set()
    for comment in message.user_comments:
        match = _WAIVER.match(comment)
        if match:
            names.update(
                n.strip().lower() for n in re.split(r"[,\s]+", match.group(1)) if n.strip()
            )
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class Entry:
    """One live catalog entry that the content has, with what its checks need."""

    message: CatalogMessage
    """The babel ``Message``."""
    content: Message
    locale: str
    glossary: Sequence[GlossaryTerm]
    checker: Any
    """translate-toolkit's StandardChecker, or None."""
    written_flags: frozenset[str] | None
    """The ``#,`` flags as written in the file (None for a ``.mo``)."""
    waived: frozenset[str]
    refused: tuple[tuple[str, str], ...]
    """What the run-time guard refuses in the translation: (guard, reason)."""

    @classmethod
    def of(
        cls,
        message: CatalogMessage,
        content: Message,
        locale: str,
        glossary: Sequence[GlossaryTerm],
        checker: Any,
        written_flags: frozenset[str] | None,
    ) -> Entry:
        msgstr = string_of(message.string)
        refused = refusals(content.text, msgstr, safety=content.safety) if msgstr else []
        waived = _waivers(message)
        return cls(message, content, locale, glossary, checker, written_flags, waived, (*refused,))

    @property
    def msgid(self) -> str:
        return self.content.text

    @property
    def msgstr(self) -> str:
        return string_of(self.message.string)

    @property
    def source(self) -> bool:
        """The source language: an empty msgstr means 'use the English as is'."""
        from ..content import SOURCE_LANGUAGE

        return self.locale.split("_")[0] == SOURCE_LANGUAGE

    @property
    def gated(self) -> bool:
        """A safety text in a translated language (the source's English is always there)."""
        return self.content.safety and not self.source

    @property
    def usable(self) -> bool:
        """Translated and accepted by the run-time guard: third-party checks may look at it."""
        return bool(self.msgstr) and not self.refused


def _gate(entry: Entry, text: str, unsafe: bool) -> str:
    return f"SAFETY: {text} ({entry.locale})" if unsafe else text


def translation_state(entry: Entry) -> Iterator[Finding]:
    """Fuzzy, or not translated (the source language's empty msgstr is its English)."""
    if entry.message.fuzzy and (entry.msgstr or not entry.source):
        text = "fuzzy: the English changed, re-read it and remove the fuzzy flag"
        yield "fuzzy", _gate(entry, text, entry.gated), entry.gated
    elif not entry.msgstr and not entry.source:
        yield "untranslated", _gate(entry, "not translated", entry.gated), entry.gated


def brace_flag(entry: Entry) -> Iterator[Finding]:
    """The ``python-brace-format`` flag wherever the English has placeholders."""
    try:
        has_fields = bool(placeholders(entry.msgid))
    except ValueError:
        has_fields = False
    flagged = entry.written_flags is None or BRACE_FLAG in entry.written_flags
    if has_fields and not flagged and (entry.msgstr or not entry.source):
        yield (
            "flag",
            f"'#, {BRACE_FLAG}' flag missing: msgfmt will not check the placeholders",
            False,
        )


def waivers(entry: Entry) -> Iterator[Finding]:
    """A ``# check-ok:`` comment may only name waivable checks."""
    for name in sorted(entry.waived - WAIVABLE):
        yield "waiver", f"check-ok: {name!r} cannot be waived (or is not a check name)", False


def run_time_guard(entry: Entry) -> Iterator[Finding]:
    """What the library refuses at run time; a changed number or a forged line is a safety
    failure in any text. Never waivable, and needs no optional extra."""
    for name, reason in entry.refused:
        unsafe = entry.gated or name in SAFETY_GUARDS
        yield name, _gate(entry, reason, unsafe), unsafe


def toolkit(entry: Entry) -> Iterator[Finding]:
    """translate-toolkit's chosen checks, on texts the library accepts."""
    if entry.checker is None or not entry.usable:
        return
    for name, text in sorted(failures(entry.checker, entry.msgid, entry.msgstr).items()):
        if name == "unchanged" and (entry.source or len(entry.msgid.split()) <= 2):
            continue  # "Sources", "Info-Santé 811", "Rare": same word in both languages
        if name in entry.waived and name in WAIVABLE:
            continue
        yield "toolkit", f"translate-toolkit {name}: {text}", False


_TYPOGRAPHY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[^\s\u00a0\u202f]:(?=\s|$)"), "put a non-breaking space (U+00A0) before ':'"),
    (re.compile(r" :(?=\s|$)"), "the space before ':' must be non-breaking (U+00A0)"),
    (re.compile(r"[ \u00a0\u202f][;?!]"), "no space before ';', '?' or '!' in Quebec French"),
    (
        re.compile(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»"),
        "put non-breaking spaces inside « guillemets »",
    ),
    (re.compile(r"[\"\u201c\u201d]"), 'use « guillemets » rather than "quotes"'),
    (re.compile("\u2019"), "use the straight apostrophe ' (one kind in the whole catalog)"),
)
"""Quebec (OQLF) rules for word-processed French, each as (breach, what to do)."""


def typography_problems(text: str) -> Iterator[str]:
    """What ``text`` (Quebec French) breaks of the OQLF rules; the French tests use it too."""
    for pattern, advice in _TYPOGRAPHY:
        if pattern.search(text):
            yield f"typography: {advice}"


def typography(entry: Entry) -> Iterator[Finding]:
    """Quebec (OQLF) typography for word-processed French text."""
    if not entry.usable or "typography" in entry.waived or not _is_quebec_french(entry.locale):
        return
    for text in typography_problems(entry.msgstr):
        yield "typography", text, False


def _is_quebec_french(locale: str) -> bool:
    language, _, territory = locale.partition("_")
    return language == "fr" and territory.startswith("CA")


def glossary_terms(entry: Entry) -> Iterator[Finding]:
    """The agreed terms of ``glossary.csv``."""
    if not entry.usable or "glossary" in entry.waived:
        return
    for term in entry.glossary:
        breach = term.problem(entry.locale, entry.msgid, entry.msgstr)
        if breach:
            yield "glossary", breach, False


CHECKS: tuple[Callable[[Entry], Iterator[Finding]], ...] = (
    translation_state,
    brace_flag,
    waivers,
    run_time_guard,
    toolkit,
    typography,
    glossary_terms,
)
"""Every check of one entry, in the order its findings are reported."""


def entry_problems(entry: Entry) -> Iterator[Finding]:
    """Every finding of one entry."""
    for check in CHECKS:
        yield from check(entry)
