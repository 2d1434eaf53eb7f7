"""The agreed terms of ``locales/glossary.csv``, and how a translation breaks one."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GLOSSARY_FILE", "GlossaryTerm", "find_glossary", "load_glossary"]

GLOSSARY_FILE = "glossary.csv"
"""The agreed terms, next to the catalogs: ``locales/glossary.csv``."""

_NBSP = "\u00a0\u202f"


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
    terms: list[GlossaryTerm] = []
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
    from ..catalogs import locale_root

    candidates: list[Path] = []
    if near is not None:
        candidates.append(near / GLOSSARY_FILE)
    root = locale_root()
    if isinstance(root, Path):
        candidates.append(root / GLOSSARY_FILE)
    candidates.append(Path(__file__).resolve().parents[3] / "locales" / GLOSSARY_FILE)
    return next((c for c in candidates if c.is_file()), None)
