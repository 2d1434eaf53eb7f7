"""Strict PO syntax: what babel's lenient parser glosses over.

babel reads a file cut in the middle of a string (``msgstr "Composez le 9``)
as a shorter translation, and keeps the first of two entries with the same
msgctxt and msgid (so a hostile duplicate placed first would ship). The library
(before using a ``.po``), the catalog check and the wheel build hook all run this
one check, and the one size limit, charset rule and locale-directory rule. No
dependencies but babel, imported lazily: ``hatch_build.py`` loads this file on its own.

Linear in time and memory: lines are split on ``\\n`` only (a U+2028 or a form
feed inside a string is the run-time guard's business, entry by entry), and a
string is validated without a backtracking regular expression.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

__all__ = ["MAX_CATALOG_BYTES", "MAX_ENTRIES", "Span", "canonical_locale", "decode", "syntax"]

MAX_CATALOG_BYTES = 2 * 1024 * 1024
"""The one size limit of every catalog read (library, checks, build hook): ours is under
100 kB, and loading a file of this size stays well under 64 MiB of memory."""
MAX_ENTRIES = 10_000
"""A catalog with more entries is refused (ours has a few hundred): 80,000 tiny entries
fit under the size limit but would cost babel some 200 MiB to hold."""

# Compiled when a .po is read (``re`` keeps them): an installed wheel reads only .mo files,
# and compiling these at import cost ~0.5 ms of every start.
_KEYWORD = r"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d{1,3}\])?)[ \t]+"
_ESCAPE = r"\\."
_CHARSET = rb"charset=([A-Za-z0-9_.:-]{1,40})"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def canonical_locale(name: str) -> str | None:
    """``fr_CA`` for ``fr_CA`` or ``FR_ca``; None for anything that is not a known locale id.

    babel's ``parse_locale`` splits the name (language, script, territory); it also takes
    ``.charset``, ``@modifier`` and variants, and any Unicode letter, none of which names a
    catalog directory here.
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import parse_locale

    if not (name.isascii() and name.replace("_", "").isalnum()):  # no . @ - / ~ or spaces
        return None
    try:
        language, territory, script, variant = parse_locale(name)[:4]
    except ValueError:
        return None
    if variant or not 2 <= len(language) <= 3:
        return None
    canonical = "_".join(p for p in (language, script, territory) if p)
    try:
        Locale.parse(canonical)
    except (ValueError, LookupError, UnknownLocaleError):  # the last is neither
        return None
    return canonical


def decode(data: bytes) -> str:
    """The text of a ``.po`` file: a UTF-8 BOM and CRLF line ends accepted, the charset checked.

    Raises ValueError naming the problem: a file that is not in the charset its header
    declares (a UTF-8 file declaring ISO-8859-1 would show every accent garbled), or
    CR-only line ends.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    found = re.compile(_CHARSET).search(data, 0, 4096)
    declared = found.group(1).decode("ascii") if found else "utf-8"
    if declared.upper() == "CHARSET":  # a fresh template's placeholder, as gettext reads it
        declared = "utf-8"
    try:
        charset = codecs.lookup(declared).name
    except LookupError:
        raise ValueError(f"unknown charset {declared!r} in the header") from None
    if charset != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise ValueError(
                f"the header declares charset={declared} but the file is UTF-8 text: "
                "declare charset=UTF-8"
            )
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        raise ValueError(f"line {line}: not valid {declared} text (wrong encoding?)") from None
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        raise ValueError(f"line {line}: a carriage return without a line feed (CR line ends?)")
    return text


class Span(NamedTuple):
    """Where one live entry sits in a .po file, and its flags as written.

    A named tuple: imported at every start-up, where a frozen dataclass costs ~0.7 ms to define.
    """

    start: int
    """First line (``msgctxt`` or ``msgid``)."""
    msgid_line: int
    """babel's ``Message.lineno``."""
    flags: frozenset[str]
    """``#,`` flags as written: babel adds ``python-brace-format`` by itself when reading."""


def _is_string(token: str) -> bool:
    """One complete ``"..."`` PO string (escapes allowed), in linear time and memory."""
    token = token.rstrip(" \t")
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        return False
    inner = re.sub(_ESCAPE, "", token[1:-1])  # re caches the compiled pattern
    return '"' not in inner and "\\" not in inner


class _Entry:
    """The entry being read: its keywords so far, and its (msgctxt, msgid) as written."""

    def __init__(self, start: int, flags: frozenset[str]) -> None:
        self.start = start
        self.flags = flags
        self.msgid_line: int | None = None
        self.last: str | None = None
        self.has_msgstr = False
        self.key: dict[str, list[str]] = {"msgctxt": [], "msgid": []}


class _SyntaxError(Exception):
    pass


class _Scanner:
    """The state of one pass over a .po file: the open entry, the entries closed so far."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.entry: _Entry | None = None
        self.pending: set[str] = set()  # flags of the entry about to start

    def close(self, lineno: int) -> None:
        current, self.entry = self.entry, None
        if current is None:
            return
        if not current.has_msgstr:
            raise _SyntaxError(f"line {lineno}: entry has no msgstr (truncated file?)")
        context = "".join(current.key["msgctxt"]) if current.key["msgctxt"] else None
        key = (context, "".join(current.key["msgid"]))
        if key in self.seen:
            first = self.seen[key]
            raise _SyntaxError(
                f"line {current.start}: duplicate entry (the same one is at line {first})"
            )
        self.seen[key] = current.start
        if len(self.seen) > MAX_ENTRIES:
            raise _SyntaxError(f"line {current.start}: more than {MAX_ENTRIES} entries")
        if current.msgid_line is not None:
            self.spans.append(Span(current.start, current.msgid_line, current.flags))

    def keyword(self, lineno: int, keyword: str, rest: str) -> None:
        if not _is_string(rest):
            raise _SyntaxError(f"line {lineno}: unterminated or malformed string (truncated file?)")
        last = self.entry.last if self.entry is not None else None
        if keyword == "msgctxt" or (keyword == "msgid" and last != "msgctxt"):
            self.close(lineno)
            self.entry = _Entry(lineno, frozenset(self.pending))
            self.pending.clear()
        entry = self.entry
        if entry is None:
            raise _SyntaxError(f"line {lineno}: {keyword} without msgid")
        if keyword == "msgid":
            entry.msgid_line = lineno
        elif keyword.startswith("msgstr"):
            if last is None or last == "msgctxt":
                raise _SyntaxError(f"line {lineno}: msgstr without msgid")
            entry.has_msgstr = True
        if keyword in entry.key:
            entry.key[keyword].append(rest.rstrip(" \t")[1:-1])
        entry.last = keyword

    def continuation(self, lineno: int, line: str) -> None:
        entry = self.entry
        if entry is None or entry.last is None:
            raise _SyntaxError(f"line {lineno}: string outside an entry")
        if not _is_string(line):
            raise _SyntaxError(f"line {lineno}: unterminated or malformed string (truncated file?)")
        if entry.last in entry.key:
            entry.key[entry.last].append(line[1:-1])


def syntax(text: str) -> tuple[str | None, list[Span]]:
    """A strict look at the PO grammar that babel's parser glosses over.

    Returns the first error (None if fine) and where every live entry is. Errors:
    a string cut off or malformed, an entry without msgstr, two entries with the
    same msgctxt and msgid, and a file that does not end with a line end.
    """
    scanner, keyword = _Scanner(), re.compile(_KEYWORD)
    lines = text.split("\n")
    if lines[-1]:
        return f"line {len(lines)}: the file does not end with a line end (truncated?)", []
    lines.pop()
    try:
        for lineno, raw in enumerate(lines, 1):
            line = raw.strip(" \t")
            if line.startswith("#,"):
                scanner.pending.update(f.strip() for f in line[2:].split(",") if f.strip())
            if not line or line.startswith("#"):
                continue
            match = keyword.match(line)
            if match:
                scanner.keyword(lineno, match.group(1), line[match.end() :])
            elif line.startswith('"'):
                scanner.continuation(lineno, line)
            else:
                raise _SyntaxError(f"line {lineno}: not PO syntax: {line[:40]!r}")
        scanner.close(len(lines))
    except _SyntaxError as exc:
        return str(exc), scanner.spans
    return None, scanner.spans
