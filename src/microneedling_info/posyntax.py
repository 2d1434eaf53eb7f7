"""Strict PO syntax: what babel's lenient parser glosses over.

babel reads a file cut in the middle of a string (``msgstr "Composez le 9``)
as a shorter translation, so a truncated catalog would show a patient half a
sentence. The library (before using a ``.po``), the catalog check and the
wheel build hook all run this one check. No dependencies: ``hatch_build.py``
loads this file on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "syntax"]

_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$")
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"\s*$')


@dataclass(frozen=True, slots=True)
class Span:
    """Where one live entry sits in a .po file, and its flags as written."""

    start: int
    """First line (``msgctxt`` or ``msgid``)."""
    msgid_line: int
    """babel's ``Message.lineno``."""
    flags: frozenset[str]
    """``#,`` flags as written: babel adds ``python-brace-format`` by itself when reading."""


def syntax(text: str) -> tuple[str | None, list[Span]]:
    """A strict look at the PO grammar that babel's parser glosses over.

    babel reads a file cut in the middle of a string (``msgstr "Composez le 9``)
    as a shorter translation; here that is an error. Returns the first error
    (None if fine) and where every live entry is.
    """
    spans: list[Span] = []
    start: int | None = None
    msgid_line: int | None = None
    last: str | None = None  # last keyword of the current entry
    has_msgstr = False
    pending: set[str] = set()  # flags of the entry about to start
    flags: frozenset[str] = frozenset()

    def close(lineno: int) -> str | None:
        nonlocal start, msgid_line, last, has_msgstr
        if last is not None and not has_msgstr:
            return f"line {lineno}: entry has no msgstr (truncated file?)"
        if start is not None and msgid_line is not None:
            spans.append(Span(start, msgid_line, flags))
        start, msgid_line, last, has_msgstr = None, None, None, False
        return None

    lines = text.splitlines()
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if line.startswith("#,"):
            pending.update(f.strip() for f in line[2:].split(",") if f.strip())
        if not line or line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, rest = match.groups()
            if not _STRING.match(rest):
                return f"line {lineno}: unterminated or malformed string (truncated file?)", spans
            if keyword == "msgctxt" or (keyword == "msgid" and last != "msgctxt"):
                error = close(lineno)
                if error:
                    return error, spans
                start, flags = lineno, frozenset(pending)
                pending.clear()
            if keyword == "msgid":
                msgid_line = lineno
            elif keyword.startswith("msgstr"):
                if last is None or last == "msgctxt":
                    return f"line {lineno}: msgstr without msgid", spans
                has_msgstr = True
            last = keyword
        elif line.startswith('"'):
            if last is None:
                return f"line {lineno}: string outside an entry", spans
            if not _STRING.match(line):
                return f"line {lineno}: unterminated or malformed string (truncated file?)", spans
        else:
            return f"line {lineno}: not PO syntax: {line[:40]!r}", spans
    error = close(len(lines))
    return error, spans
