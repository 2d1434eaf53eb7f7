"""What the catalog check finds (:class:`Problem`) and counts (:class:`Stats`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "Stats"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: printed as ``file:line: msgctxt: message``."""

    file: str
    line: int
    """Line of the entry's ``msgid`` in the file; 0 for the whole file or an absent entry."""
    context: str
    """The entry's msgctxt, or ``-``."""
    message: str
    kind: str
    """``unreadable``, ``untranslated``, ``fuzzy``, ``obsolete``, ``stale``, ``absent``,
    ``template``, ``flag``, ``toolkit``, ``msgfmt``, ``typography``, ``glossary``,
    ``waiver``, ``locale``, or the name of a run-time guard (``length``,
    ``placeholders``, ``markup``, ``characters``, ``newlines``, ``numbers``, ``cut``)."""
    safety: bool = False
    """A safety-gate failure: a safety text is not usable in this locale."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.context}: {self.message}"


@dataclass(frozen=True, slots=True)
class Stats:
    """Entry counts of one catalog."""

    locale: str
    file: str
    total: int
    """Entries in the catalog (obsolete ones not counted)."""
    translated: int
    """Non-empty and not fuzzy."""
    fuzzy: int
    untranslated: int
    """Empty and not fuzzy."""
    obsolete: int
    safety_total: int
    safety_translated: int
    source: bool
    """The source language: an empty msgstr means 'use the English as is'."""
    error: str | None = None
    """Why the catalog could not be read (the counts are then 0)."""

    @property
    def share_translated(self) -> float:
        """Translated / total; 1.0 for the source language, whose English is the text."""
        if self.source:
            return 1.0
        return self.translated / self.total if self.total else 0.0
