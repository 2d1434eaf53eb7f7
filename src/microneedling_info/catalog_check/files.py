"""Checking whole catalog files: a ``.po``/``.mo`` against the content, the template, the
shipped set. Reads through the library's one reader (:mod:`microneedling_info.catalogs`)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import DOMAIN, SOURCE_LANGUAGE, iter_messages, load_raw
from ..posyntax import Span
from .entries import Entry, entry_problems, live_entries
from .glossary import GlossaryTerm, find_glossary, load_glossary
from .msgfmt import msgfmt
from .problems import Problem
from .toolkit import checker as toolkit_checker

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = [
    "check_catalog",
    "check_shipped",
    "check_template",
    "read",
    "read_file",
    "shipped_catalogs",
    "shown_path",
]


def shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read(data: bytes, compiled: bool) -> tuple[Catalog | None, str | None, list[Span]]:
    """Parse a catalog with the library's own reader: (catalog, None, spans) or (None, why, [])."""
    from ..catalogs import parse_catalog
    from ..errors import CatalogError

    try:
        catalog, spans = parse_catalog(data, compiled)
    except CatalogError as exc:
        return None, str(exc), []
    return catalog, None, spans


def read_file(path: Path) -> bytes | str:
    """The bytes of a catalog file (the library's size limit, asked before reading) or why not."""
    from ..catalogs import read_limited
    from ..errors import CatalogError

    try:
        return read_limited(path)
    except CatalogError as exc:
        return str(exc)


def _locale_from_path(path: Path) -> str | None:
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name
    return None


def check_catalog(
    path: Path,
    locale: str | None = None,
    *,
    glossary: Sequence[GlossaryTerm] | None = None,
    use_msgfmt: bool = True,
    notes: list[str] | None = None,
    display: str | None = None,
) -> list[Problem]:
    """Every problem of one catalog file, in line order.

    ``locale`` defaults to the ``<locale>/LC_MESSAGES/`` directory the file
    sits in (which is how the library finds it), then to its ``Language`` header.
    ``glossary`` defaults to :func:`find_glossary`. Notes about skipped tools are
    appended to ``notes``.
    """
    shown = display or shown_path(path)
    compiled = path.suffix == ".mo"
    data = read_file(path)
    catalog, why, spans = read(data, compiled) if isinstance(data, bytes) else (None, data, [])
    if catalog is None:
        return [Problem(shown, 0, "-", f"cannot read catalog ({why})", "unreadable")]
    if not locale:
        locale = _locale_from_path(path) or (str(catalog.locale) if catalog.locale else None)
    if not locale:
        why = "cannot tell the language: add a Language header or use --locale"
        return [Problem(shown, 0, "-", why, "locale")]
    if glossary is None:
        glossary = _glossary_near(path, notes)
    checker = toolkit_checker(locale.split("_")[0], notes)
    if compiled and notes is not None:
        notes.append(
            "not checked in a compiled catalog (.mo): fuzzy and obsolete entries, "
            "'#, python-brace-format' flags, msgfmt; check the .po files of a source checkout"
        )
    problems, contexts, seen = _entry_problems(
        catalog, spans, shown, locale, glossary, checker, compiled
    )
    problems += _obsolete(catalog, shown)
    problems += _absent(seen, shown, locale, compiled)
    if use_msgfmt and not compiled:
        problems += _msgfmt_problems(path, spans, contexts, shown, notes)
    problems.sort(key=lambda p: (p.line, p.context))
    return problems


def _glossary_near(path: Path, notes: list[str] | None) -> list[GlossaryTerm]:
    found = find_glossary(path.parent.parent.parent if _locale_from_path(path) else None)
    if found is None and notes is not None:
        notes.append("skipped: glossary not found")
    return load_glossary(found) if found else []


def _entry_problems(
    catalog: Catalog,
    spans: list[Span],
    shown: str,
    locale: str,
    glossary: Sequence[GlossaryTerm],
    checker: object,
    compiled: bool,
) -> tuple[list[Problem], dict[int, str], set[tuple[str, str]]]:
    """Problems of every live entry; the msgctxt at each line; the content texts seen."""
    messages = list(iter_messages(load_raw()))
    by_key = {(m.context, m.text): m for m in messages}
    by_context = {m.context for m in messages}
    flags_by_line = {span.msgid_line: span.flags for span in spans}
    problems: list[Problem] = []
    contexts: dict[int, str] = {}
    seen: set[tuple[str, str]] = set()
    for message, msgid in live_entries(catalog):
        line, ctx = message.lineno or 0, message.context or "-"
        contexts[line] = ctx
        content = by_key.get((message.context or "", msgid))
        if isinstance(message.id, tuple | list):
            why = "plural entry: the content has no plural texts"
        elif content is None and message.context in by_context:
            why = "stale: the English of this context changed (run pybabel update)"
        elif content is None:
            why = "stale: this context is no longer in the content (run pybabel update)"
        else:
            seen.add((content.context, content.text))
            written = None if compiled else flags_by_line.get(line, frozenset())
            entry = Entry.of(message, content, locale, glossary, checker, written)
            for kind, text, safety in entry_problems(entry):
                problems.append(Problem(shown, line, ctx, text, kind, safety))
            continue
        problems.append(Problem(shown, line, ctx, why, "stale"))
    return problems, contexts, seen


def _obsolete(catalog: Catalog, shown: str) -> list[Problem]:
    why = "obsolete entry (#~): delete it once its translation has been reused"
    return [
        Problem(shown, obsolete.lineno or 0, obsolete.context or "-", why, "obsolete")
        for obsolete in getattr(catalog, "obsolete", {}).values()
    ]


def _absent(seen: set[tuple[str, str]], shown: str, locale: str, compiled: bool) -> list[Problem]:
    """Content texts the catalog does not have."""
    source = locale.split("_")[0] == SOURCE_LANGUAGE
    problems: list[Problem] = []
    for m in iter_messages(load_raw()):
        if (m.context, m.text) in seen:
            continue
        if compiled and source:
            continue  # a .mo leaves out empty msgstrs: the source language's English is its text
        if m.safety and not source:
            text = f"SAFETY: missing from the catalog ({locale}); run pybabel update"
        else:
            text = "missing from the catalog (run pybabel update)"
        problems.append(Problem(shown, 0, m.context, text, "absent", m.safety and not source))
    return problems


def _msgfmt_problems(
    path: Path, spans: list[Span], contexts: dict[int, str], shown: str, notes: list[str] | None
) -> list[Problem]:
    """msgfmt's errors, each at the entry (msgid line) it falls in."""
    problems: list[Problem] = []
    starts = [span.start for span in spans]
    for fmt_line, text in msgfmt(path, notes) or ():
        index = bisect.bisect_right(starts, fmt_line) - 1 if fmt_line else -1
        line = spans[index].msgid_line if index >= 0 else 0
        problems.append(Problem(shown, line, contexts.get(line, "-"), f"msgfmt: {text}", "msgfmt"))
    return problems


def check_template(path: Path, *, display: str | None = None) -> list[Problem]:
    """Is the POT up to date with the content? (its (msgctxt, msgid) set against the content's)."""
    shown = display or shown_path(path)
    hint = "(run pybabel extract, see docs/translators.md)"
    data = read_file(path)
    if isinstance(data, str):
        return [Problem(shown, 0, "-", f"cannot read catalog ({data})", "unreadable")]
    catalog, why, _spans = read(data, compiled=False)
    if catalog is None:
        return [Problem(shown, 0, "-", f"cannot read catalog ({why})", "unreadable")]
    messages = list(iter_messages(load_raw()))
    wanted = {(m.context, m.text) for m in messages}
    contexts = {m.context for m in messages}
    problems: list[Problem] = []
    have: set[tuple[str, str]] = set()
    for message, msgid in live_entries(catalog):
        key = (message.context or "", msgid)
        have.add(key)
        if key not in wanted:
            what = (
                "the English changed" if message.context in contexts else "no longer in the content"
            )
            problems.append(
                Problem(
                    shown,
                    message.lineno or 0,
                    message.context or "-",
                    f"template out of date: {what} {hint}",
                    "template",
                )
            )
    for m in messages:
        if (m.context, m.text) not in have:
            problems.append(
                Problem(shown, 0, m.context, f"template out of date: missing {hint}", "template")
            )
    problems.sort(key=lambda p: (p.line, p.context))
    return problems


def shipped_catalogs(locale: str | None) -> list[tuple[str, Path, str]]:
    """(locale, path, display) of the shipped catalogs, or of one locale."""
    from ..catalogs import catalog_files
    from ..locales import resolve_locale

    files = catalog_files()
    wanted = [resolve_locale(locale)] if locale else sorted(files)
    return [
        (loc, Path(str(files[loc].file)), shown_path(Path(str(files[loc].file)))) for loc in wanted
    ]


def check_shipped(
    locale: str | None = None,
    *,
    glossary: Sequence[GlossaryTerm] | None = None,
    notes: list[str] | None = None,
) -> list[Problem]:
    """The template and every shipped catalog (or only ``locale``'s)."""
    from ..catalogs import locale_root

    problems: list[Problem] = []
    root = locale_root()
    pot = Path(str(root)) / f"{DOMAIN}.pot" if root is not None else None
    if pot is not None and pot.is_file():
        problems.extend(check_template(pot))
    elif notes is not None:
        notes.append(f"skipped: no template {DOMAIN}.pot next to the catalogs")
    if glossary is None:
        found = find_glossary()
        glossary = load_glossary(found) if found else []
        if found is None and notes is not None:
            notes.append("skipped: glossary not found")
    for loc, path, shown in shipped_catalogs(locale):
        problems.extend(check_catalog(path, loc, glossary=glossary, notes=notes, display=shown))
    return problems
