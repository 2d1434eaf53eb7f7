"""The translators' catalog check (``microneedling-info catalog check`` / ``stats``).

``check_catalog(path, locale)`` reads one ``.po`` (or ``.mo``) file and returns
every :class:`Problem` found in it:

* entries not translated, fuzzy or obsolete (``#~``); entries whose msgctxt or
  English no longer exists in the content (stale) and content texts absent
  from the catalog;
* placeholders, markup and control characters, through the library's own
  runtime guard :func:`~microneedling_info.formatting.check_translation`, plus
  the ``python-brace-format`` flag wherever the English has placeholders;
* the SAFETY GATE: every text marked ``safety`` in the content is present,
  translated, not fuzzy and usable in every locale;
* a chosen set of translate-toolkit checks (:data:`TOOLKIT_CHECKS`; the
  exclusions and why are in :data:`TOOLKIT_EXCLUDED`) and GNU ``msgfmt
  --check-format`` when it is installed;
* Quebec typography (OQLF) for ``fr_CA`` and the agreed terms of
  ``locales/glossary.csv``.

``check_template(pot)`` says whether the POT still matches the content, and
:func:`catalog_stats` counts entries per locale.

Heavy imports (translate-toolkit, subprocess, csv) happen inside the functions,
so building the CLI parser stays cheap.
"""

from __future__ import annotations

import bisect
import io
import os
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .content import DOMAIN, SOURCE_LANGUAGE, Message, iter_messages, load_raw
from .posyntax import Span

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = [
    "GLOSSARY_FILE",
    "TOOLKIT_CHECKS",
    "TOOLKIT_EXCLUDED",
    "WAIVABLE",
    "GlossaryTerm",
    "Problem",
    "Stats",
    "catalog_stats",
    "check_catalog",
    "check_shipped",
    "check_template",
    "find_glossary",
    "load_glossary",
    "shipped_catalogs",
    "stats_for",
]

GLOSSARY_FILE = "glossary.csv"
"""The agreed terms, next to the catalogs: ``locales/glossary.csv``."""

BRACE_FLAG = "python-brace-format"

TOOLKIT_CHECKS: tuple[str, ...] = (
    # critical
    "escapes",
    "newlines",
    "printf",
    "pythonbraceformat",
    "tabs",
    "variables",
    "xmltags",
    # functional
    "blank",
    "emails",
    "filepaths",
    "functions",
    "long",
    "notranslatewords",
    "numbers",
    "options",
    "purepunc",
    "short",
    "unchanged",
    "urls",
    # cosmetic, but cheap and never wrong for this text
    "doublespacing",
    "doublewords",
    "endwhitespace",
    "startwhitespace",
)
"""translate-toolkit ``StandardChecker`` checks that run on every translation."""

TOOLKIT_EXCLUDED: Mapping[str, str] = {
    "accelerators": "patient text has no keyboard accelerators",
    "acronyms": "French uses its own acronyms (SPF becomes FPS); the glossary covers them",
    "kdecomments": "a KDE convention, not used here",
    "musttranslatewords": "needs a word list; the glossary does this job",
    "validchars": "needs a character list; control characters are checked by the library",
    "spellcheck": "needs system dictionaries; use your PO editor's spell checker",
    "sentencecount": "plain-language rewriting may split or join sentences",
    "brackets": "a translator may add or drop parentheses when rephrasing",
    "doublequoting": "French uses « guillemets »; checked by the Quebec typography rules",
    "singlequoting": "French apostrophes (' and \u2019) trip it",
    "endpunc": "expects France's space before ? and !; Quebec has none (OQLF)",
    "puncspacing": "expects France's space before ; ? !; Quebec has none (OQLF)",
    "startcaps": "misfires on rephrased openings and placeholders",
    "simplecaps": "misfires on rephrased sentences",
    "startpunc": "misfires on an opening « guillemet »",
    "simpleplurals": "an English '(s)' idiom",
    "untranslated": "reported by this check itself (with the safety gate)",
    "isfuzzy": "reported by this check itself (with the safety gate)",
    "isreview": "not used",
    "hassuggestion": "not used",
    "compendiumconflicts": "not used",
    "credits": "not used",
    "nplurals": "the content has no plural entries",
}
"""translate-toolkit checks left out, and why (also in docs/translators.md)."""

NO_TRANSLATE_WORDS = ("911", "811")
"""Kept as is in every translation that has them (translate-toolkit ``notranslatewords``)."""

_CRITICAL_TOOLKIT = frozenset(
    {"escapes", "newlines", "printf", "pythonbraceformat", "tabs", "variables", "xmltags"}
)
WAIVABLE = (frozenset(TOOLKIT_CHECKS) - _CRITICAL_TOOLKIT) | {"glossary", "typography"}
"""Checks a translator may waive for one entry with a ``# check-ok: NAME, ...`` comment.

Placeholders, markup, control characters, the critical translate-toolkit checks,
msgfmt, fuzzy, stale, missing and the safety gate can never be waived.
"""

_WAIVER = re.compile(r"^\s*check-ok\s*:\s*(.*)$", re.IGNORECASE)
_NBSP = "\u00a0\u202f"


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
    ``template``, ``placeholders``, ``flag``, ``toolkit``, ``msgfmt``, ``typography``,
    ``glossary``, ``waiver``, ``locale`` or ``syntax``."""
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


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """One row of ``glossary.csv``: alternatives are separated by ``|``."""

    en: tuple[str, ...]
    agreed: Mapping[str, tuple[str, ...]]
    """Agreed term(s) by locale column (``fr_CA``)."""
    rejected: Mapping[str, tuple[str, ...]]
    """Rejected synonyms by locale (column ``rejected_fr_CA``)."""
    note: str
    line: int

    def problem(self, locale: str, english: str, translation: str) -> str | None:
        """Why ``translation`` breaks this term, or None.

        A rejected synonym counts only when the English has the term and the
        translation has none of the agreed forms ("cellulite" alone is
        flagged, "cellulite infectieuse" is not; "feu sauvage (herpès
        labial)" is fine, "herpès" alone is not). Matching is by word start,
        case-insensitive, so "rougeur" also matches "rougeurs".
        """
        rejected = self.rejected.get(locale, ())
        if not rejected or not _has_any(english, self.en):
            return None
        if _has_any(translation, self.agreed.get(locale, ())):
            return None
        for word in rejected:
            if _has_any(translation, (word,)):
                agreed = " or ".join(f'"{a}"' for a in self.agreed.get(locale, ())[:2])
                return f'glossary: "{word}" is not the agreed term for "{self.en[0]}"' + (
                    f"; use {agreed}" if agreed else ""
                )
        return None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    for space in _NBSP:
        text = text.replace(space, " ")
    return text.replace("\u2019", "'")


def _has_any(text: str, words: Iterable[str]) -> bool:
    norm = _normalise(text)
    return any(re.search(r"(?<!\w)" + re.escape(_normalise(word)), norm) for word in words)


def _split_alternatives(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def load_glossary(path: Path) -> list[GlossaryTerm]:
    """Read ``glossary.csv`` (UTF-8; columns ``en``, ``<locale>``, ``rejected_<locale>``, ``note``).

    Raises ValueError for a file without an ``en`` column.
    """
    import csv

    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    if "en" not in columns:
        raise ValueError(f"{path}: glossary needs an 'en' column, has {columns}")
    locales = [c for c in columns if c not in ("en", "note") and not c.startswith("rejected_")]
    terms = []
    for row in reader:
        en = _split_alternatives(row.get("en"))
        if not en:
            continue
        terms.append(
            GlossaryTerm(
                en=en,
                agreed={loc: _split_alternatives(row.get(loc)) for loc in locales},
                rejected={loc: _split_alternatives(row.get(f"rejected_{loc}")) for loc in locales},
                note=(row.get("note") or "").strip(),
                line=reader.line_num,
            )
        )
    return terms


def find_glossary(near: Path | None = None) -> Path | None:
    """The glossary in ``near`` (a locales dir), next to the catalogs in use, or in the checkout."""
    from .catalogs import locale_root

    candidates: list[Path] = []
    if near is not None:
        candidates.append(near / GLOSSARY_FILE)
    root = locale_root()
    if isinstance(root, Path):
        candidates.append(root / GLOSSARY_FILE)
    candidates.append(Path(__file__).resolve().parents[2] / "locales" / GLOSSARY_FILE)
    return next((c for c in candidates if c.is_file()), None)


# --------------------------------------------------------------------------- reading


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _read(data: bytes, compiled: bool) -> tuple[Catalog | None, str | None, list[Span]]:
    """Parse a catalog with the library's own reader: (catalog, None, spans) or (None, why, [])."""
    from .catalogs import parse_catalog
    from .errors import CatalogError

    try:
        catalog, spans = parse_catalog(data, compiled)
    except CatalogError as exc:
        return None, str(exc), []
    return catalog, None, spans


def _read_file(path: Path) -> bytes | str:
    """The bytes of a catalog file (the library's size limit, asked before reading) or why not."""
    from .catalogs import read_limited
    from .errors import CatalogError

    try:
        return read_limited(path)
    except CatalogError as exc:
        return str(exc)


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list) and value:
        return str(value[0])
    return ""


def _waivers(message: Any) -> frozenset[str]:
    names: set[str] = set()
    for comment in message.user_comments:
        match = _WAIVER.match(comment)
        if match:
            names.update(
                n.strip().lower() for n in re.split(r"[,\s]+", match.group(1)) if n.strip()
            )
    return frozenset(names)


# --------------------------------------------------------------------------- checks


_checkers: dict[str, Any] = {}


def _toolkit(language: str, notes: list[str] | None) -> Any:
    """A StandardChecker for ``language`` (cached); None if translate-toolkit is missing."""
    if language in _checkers:
        return _checkers[language]
    try:
        from translate.filters import checks  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        if notes is not None:
            notes.append(
                "skipped: translate-toolkit not installed (pip install 'microneedling-info[check]')"
            )
        _checkers[language] = None
        return None
    config = checks.CheckerConfig(
        targetlanguage=language, notranslatewords=list(NO_TRANSLATE_WORDS)
    )
    checker = checks.StandardChecker(config, limitfilters=list(TOOLKIT_CHECKS))
    _checkers[language] = checker
    return checker


def _toolkit_failures(checker: Any, msgid: str, msgstr: str) -> dict[str, str]:
    from translate.storage.pypo import pounit  # type: ignore[import-untyped,unused-ignore]

    unit = pounit(msgid)
    unit.target = msgstr
    failures = checker.run_filters(unit, categorised=True)
    return {str(name): str(info["message"]) for name, info in failures.items()}


def _typography(text: str) -> list[str]:
    """Quebec (OQLF) typography for word-processed French text."""
    found = []
    if re.search(r"[^\s\u00a0\u202f]:(?=\s|$)", text):
        found.append("typography: put a non-breaking space (U+00A0) before ':'")
    if re.search(r" :(?=\s|$)", text):
        found.append("typography: the space before ':' must be non-breaking (U+00A0)")
    if re.search(r"[ \u00a0\u202f][;?!]", text):
        found.append("typography: no space before ';', '?' or '!' in Quebec French")
    if re.search(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»", text):
        found.append("typography: put non-breaking spaces inside « guillemets »")
    if '"' in text or "\u201c" in text or "\u201d" in text:
        found.append('typography: use « guillemets » rather than "quotes"')
    return found


def _is_quebec_french(locale: str) -> bool:
    language, _, territory = locale.partition("_")
    return language == "fr" and territory.startswith("CA")


def _entry_problems(
    message: Any,
    content: Message,
    locale: str,
    source: bool,
    glossary: Sequence[GlossaryTerm],
    checker: Any,
    written_flags: frozenset[str] | None,
) -> Iterator[tuple[str, str, bool]]:
    """(kind, text, safety-gate failure) for one live catalog entry that the content has.

    ``written_flags`` are the ``#,`` flags as written in the file (None for a ``.mo``).
    """
    from .guards import SAFETY_GUARDS, placeholders, refusals

    msgid, msgstr = content.text, _string(message.string)
    gated = content.safety and not source  # the source language's English is always there
    gate = "SAFETY: " if gated else ""
    where = f" ({locale})" if gated else ""
    if message.fuzzy and (msgstr or not source):
        yield (
            "fuzzy",
            f"{gate}fuzzy: the English changed, re-read it and remove the fuzzy flag{where}",
            gated,
        )
    elif not msgstr and not source:
        yield "untranslated", f"{gate}not translated{where}", gated
    try:
        has_fields = bool(placeholders(msgid))
    except ValueError:
        has_fields = False
    flagged = written_flags is None or BRACE_FLAG in written_flags
    if has_fields and not flagged and (msgstr or not source):
        yield (
            "flag",
            f"'#, {BRACE_FLAG}' flag missing: msgfmt will not check the placeholders",
            False,
        )
    waived = _waivers(message)
    for name in sorted(waived - WAIVABLE):
        yield "waiver", f"check-ok: {name!r} cannot be waived (or is not a check name)", False
    if not msgstr:
        return
    refused = refusals(msgid, msgstr, safety=content.safety)
    for name, reason in refused:
        # A changed number or a forged line is a safety failure in any text; never waivable.
        unsafe = gated or name in SAFETY_GUARDS
        label = "SAFETY: " if unsafe else ""
        yield name, f"{label}{reason}{f' ({locale})' if unsafe else ''}", unsafe
    if refused:
        return  # the library refuses this text: no third-party check runs on it
    if checker is not None:
        for name, text in sorted(_toolkit_failures(checker, msgid, msgstr).items()):
            if name == "unchanged" and (source or len(msgid.split()) <= 2):
                continue  # "Sources", "Info-Santé 811", "Rare": same word in both languages
            if name in waived and name in WAIVABLE:
                continue
            yield "toolkit", f"translate-toolkit {name}: {text}", False
    if _is_quebec_french(locale) and "typography" not in waived:
        for text in _typography(msgstr):
            yield "typography", text, False
    if "glossary" not in waived:
        for term in glossary:
            breach = term.problem(locale, msgid, msgstr)
            if breach:
                yield "glossary", breach, False


def _msgfmt(path: Path, notes: list[str] | None) -> list[tuple[int, str]] | None:
    """``msgfmt --check-format`` errors as (line, text); None when msgfmt is not installed."""
    import subprocess

    exe = shutil.which("msgfmt")
    if exe is None:
        if notes is not None:
            notes.append("skipped: msgfmt not found (our own placeholder check still ran)")
        return None
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}
    try:
        done = subprocess.run(
            [exe, "--check-format", "-o", os.devnull, str(path)],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=120,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        if notes is not None:
            notes.append(f"skipped: msgfmt failed to run ({type(exc).__name__})")
        return None
    found = []
    name = str(path)
    for raw in done.stderr.splitlines():
        if raw.startswith(name + ":"):
            rest = raw[len(name) + 1 :]
            number, _, text = rest.partition(": ")
            if number.isdigit():
                found.append((int(number), text.strip()))
                continue
            found.append((0, rest.strip()))
    if done.returncode != 0 and not found:
        found.append((0, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"))
    return found


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
    shown = display or _display(path)
    compiled = path.suffix == ".mo"

    def unreadable(why: str) -> list[Problem]:
        return [Problem(shown, 0, "-", f"cannot read catalog ({why})", "unreadable")]

    data = _read_file(path)
    if isinstance(data, str):
        return unreadable(data)
    catalog, why, spans = _read(data, compiled)
    if catalog is None:
        return unreadable(why or "unknown error")

    problems: list[Problem] = []
    if not locale:
        locale = _locale_from_path(path) or (str(catalog.locale) if catalog.locale else None)
    if not locale:
        return [
            Problem(
                shown,
                0,
                "-",
                "cannot tell the language: add a Language header or use --locale",
                "locale",
            )
        ]
    source = locale.split("_")[0] == SOURCE_LANGUAGE
    if glossary is None:
        found = find_glossary(path.parent.parent.parent if _locale_from_path(path) else None)
        glossary = load_glossary(found) if found else []
        if found is None and notes is not None:
            notes.append("skipped: glossary not found")
    checker = _toolkit(locale.split("_")[0], notes)

    messages = list(iter_messages(load_raw()))
    by_key = {(m.context, m.text): m for m in messages}
    by_context = {m.context: m for m in messages}
    seen: set[tuple[str, str]] = set()
    entries: dict[int, str] = {}
    flags_by_line = {span.msgid_line: span.flags for span in spans}

    for message in catalog:
        msgid = _string(message.id)
        if not msgid:
            continue  # the header
        line = message.lineno or 0
        ctx = message.context or "-"
        entries[line] = ctx

        def add(
            kind: str, text: str, safety: bool = False, *, _line: int = line, _ctx: str = ctx
        ) -> None:
            problems.append(Problem(shown, _line, _ctx, text, kind, safety))

        if isinstance(message.id, tuple | list):
            add("stale", "plural entry: the content has no plural texts")
            continue
        content = by_key.get((message.context or "", msgid))
        if content is None:
            if message.context in by_context:
                add("stale", "stale: the English of this context changed (run pybabel update)")
            else:
                add("stale", "stale: this context is no longer in the content (run pybabel update)")
            continue
        seen.add((content.context, content.text))
        written = None if compiled else flags_by_line.get(line, frozenset())
        for kind, text, safety in _entry_problems(
            message, content, locale, source, glossary, checker, written
        ):
            add(kind, text, safety)

    for obsolete in getattr(catalog, "obsolete", {}).values():
        problems.append(
            Problem(
                shown,
                obsolete.lineno or 0,
                obsolete.context or "-",
                "obsolete entry (#~): delete it once its translation has been reused",
                "obsolete",
            )
        )

    for m in messages:
        if (m.context, m.text) in seen:
            continue
        if compiled and source:
            continue  # a .mo leaves out empty msgstrs: the source language's English is its text
        if m.safety and not source:
            text = f"SAFETY: missing from the catalog ({locale}); run pybabel update"
        else:
            text = "missing from the catalog (run pybabel update)"
        problems.append(Problem(shown, 0, m.context, text, "absent", m.safety and not source))

    if use_msgfmt and not compiled:
        found_fmt = _msgfmt(path, notes)
        starts = [span.start for span in spans]
        for fmt_line, text in found_fmt or ():
            index = bisect.bisect_right(starts, fmt_line) - 1 if fmt_line else -1
            line = spans[index].msgid_line if index >= 0 else 0
            problems.append(
                Problem(shown, line, entries.get(line, "-"), f"msgfmt: {text}", "msgfmt")
            )

    problems.sort(key=lambda p: (p.line, p.context))
    return problems


def check_template(path: Path, *, display: str | None = None) -> list[Problem]:
    """Is the POT up to date with the content? (its (msgctxt, msgid) set against the content's)."""
    shown = display or _display(path)
    hint = "(run pybabel extract, see docs/translators.md)"
    data = _read_file(path)
    if isinstance(data, str):
        return [Problem(shown, 0, "-", f"cannot read catalog ({data})", "unreadable")]
    catalog, why, _spans = _read(data, compiled=False)
    if catalog is None:
        return [Problem(shown, 0, "-", f"cannot read catalog ({why})", "unreadable")]
    messages = list(iter_messages(load_raw()))
    wanted = {(m.context, m.text) for m in messages}
    contexts = {m.context for m in messages}
    problems = []
    have = set()
    for message in catalog:
        msgid = _string(message.id)
        if not msgid:
            continue
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
    from .catalogs import catalog_files
    from .locales import resolve_locale

    files = catalog_files()
    wanted = [resolve_locale(locale)] if locale else sorted(files)
    return [
        (loc, Path(str(files[loc].file)), _display(Path(str(files[loc].file)))) for loc in wanted
    ]


def check_shipped(
    locale: str | None = None,
    *,
    glossary: Sequence[GlossaryTerm] | None = None,
    notes: list[str] | None = None,
) -> list[Problem]:
    """The template and every shipped catalog (or only ``locale``'s)."""
    from .catalogs import locale_root

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


def stats_for(path: Path, locale: str, *, display: str | None = None) -> Stats:
    """Entry counts of one catalog file."""
    shown = display or _display(path)
    source = locale.split("_")[0] == SOURCE_LANGUAGE
    safety = {(m.context, m.text) for m in iter_messages(load_raw()) if m.safety}
    data = _read_file(path)
    if isinstance(data, str):
        return Stats(locale, shown, 0, 0, 0, 0, 0, len(safety), 0, source, data)
    catalog, why, _spans = _read(data, compiled=path.suffix == ".mo")
    if catalog is None:
        return Stats(locale, shown, 0, 0, 0, 0, 0, len(safety), 0, source, why)
    total = translated = fuzzy = untranslated = safety_ok = 0
    for message in catalog:
        msgid = _string(message.id)
        if not msgid:
            continue
        total += 1
        text = _string(message.string)
        if message.fuzzy:
            fuzzy += 1
        elif text:
            translated += 1
        else:
            untranslated += 1
        usable = not message.fuzzy and (bool(text) or source)
        if usable and (message.context or "", msgid) in safety:
            safety_ok += 1
    obsolete = len(getattr(catalog, "obsolete", {}))
    return Stats(
        locale,
        shown,
        total,
        translated,
        fuzzy,
        untranslated,
        obsolete,
        len(safety),
        safety_ok,
        source,
    )


def catalog_stats() -> list[Stats]:
    """Entry counts of every shipped catalog, by locale."""
    return [stats_for(path, loc, display=shown) for loc, path, shown in shipped_catalogs(None)]
