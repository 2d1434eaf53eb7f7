"""Finding and reading the gettext catalogs.

Where the catalogs are, in order:

1. ``$MICRONEEDLING_INFO_LOCALEDIR`` -- a translator previewing a catalog, or tests;
2. ``microneedling_info/locales`` inside an installed wheel (compiled ``.mo``,
   written by the build hook);
3. ``locales/`` of a source checkout or editable install (the ``.po`` files
   themselves, so an edit shows up on the next run with no compile step).

``importlib.resources.files(pkg) / "locales"`` alone is not enough: in an
editable src-layout install it points into ``src/``, where no catalogs live.
"""

from __future__ import annotations

import gettext
import io
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .content import DOMAIN, package_files
from .errors import CatalogError

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = ["LOCALEDIR_ENV", "CatalogFile", "catalog_files", "clear_caches", "read_catalog"]

LOCALEDIR_ENV = "MICRONEEDLING_INFO_LOCALEDIR"
MAX_CATALOG_BYTES = 8 * 1024 * 1024
"""A catalog larger than this is refused: ours is a few hundred kilobytes."""


@dataclass(frozen=True, slots=True)
class CatalogFile:
    """One locale's catalog on disk (or inside the installed package)."""

    locale: str
    file: Traversable
    compiled: bool
    """True for ``.mo``, False for ``.po``."""


_lock = threading.Lock()
_files: dict[str, CatalogFile] | None = None


def _source_checkout_dir() -> Path | None:
    root = Path(__file__).resolve().parents[2] / "locales"
    return root if (root / f"{DOMAIN}.pot").is_file() else None


def _scan(root: Traversable) -> dict[str, CatalogFile]:
    found: dict[str, CatalogFile] = {}
    if not root.is_dir():
        return found
    for entry in root.iterdir():
        messages = entry / "LC_MESSAGES"
        if not entry.is_dir() or not messages.is_dir():
            continue
        po, mo = messages / f"{DOMAIN}.po", messages / f"{DOMAIN}.mo"
        # A .po wins: it is what translators edit; a stray .mo may be stale.
        if po.is_file():
            found[entry.name] = CatalogFile(entry.name, po, compiled=False)
        elif mo.is_file():
            found[entry.name] = CatalogFile(entry.name, mo, compiled=True)
    return found


def locale_root() -> Traversable | None:
    """The directory the catalogs are read from (see the module docstring)."""
    override = os.environ.get(LOCALEDIR_ENV)
    if override:
        return Path(override)
    packaged = package_files() / "locales"
    if packaged.is_dir():
        return packaged
    return _source_checkout_dir()


def catalog_files() -> Mapping[str, CatalogFile]:
    """Catalogs by POSIX locale id as written on disk, scanned once per process."""
    global _files
    if _files is None:
        with _lock:
            if _files is None:
                root = locale_root()
                _files = _scan(root) if root is not None else {}
    return _files


def clear_caches() -> None:
    """Forget the scanned catalogs (tests, or after pointing the env var elsewhere)."""
    global _files
    with _lock:
        _files = None


def read_catalog(cat: CatalogFile) -> dict[tuple[str | None, str], str]:
    """Usable translations as ``{(msgctxt, msgid): msgstr}``.

    Fuzzy, empty and obsolete entries are left out: a fuzzy entry's English
    changed, so its translation is not trusted until a translator reviews it.
    Raises CatalogError when the file cannot be read as a catalog at all.
    """
    try:
        data = cat.file.read_bytes()
        if len(data) > MAX_CATALOG_BYTES:
            raise CatalogError(f"larger than {MAX_CATALOG_BYTES} bytes")
        return _read_mo(data) if cat.compiled else _read_po(data)
    except CatalogError as exc:
        raise CatalogError(f"{cat.file}: {exc}") from None
    except Exception as exc:  # any parse failure means "unusable catalog"
        raise CatalogError(f"{cat.file}: cannot read catalog ({type(exc).__name__})") from exc


def _read_mo(data: bytes) -> dict[tuple[str | None, str], str]:
    """Compiled catalogs (wheels): the stdlib reader, far lighter to import than babel's."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    raw: dict[object, str] = getattr(translations, "_catalog", {})
    out: dict[tuple[str | None, str], str] = {}
    for key, text in raw.items():
        if not isinstance(key, str) or not key or not text:
            continue  # header, or a plural entry (the content has none)
        context, sep, msgid = key.partition("\x04")
        out[(context, msgid) if sep else (None, key)] = text
    return out


def _read_po(data: bytes) -> dict[tuple[str | None, str], str]:
    """Source catalogs (checkouts, editable installs): parsed by babel at each start.

    The strict syntax check runs too: babel reads a string cut off mid-line (a
    truncated file) as a shorter translation, which would show a patient half a
    sentence.
    """
    from babel.messages.pofile import read_po

    from .posyntax import syntax

    catalog = read_po(io.BytesIO(data), abort_invalid=True)
    error, _ = syntax(data.decode(catalog.charset or "utf-8", errors="replace"))
    if error:
        raise CatalogError(error)
    out: dict[tuple[str | None, str], str] = {}
    for message in catalog:
        msgid, text = message.id, message.string
        if not msgid or message.fuzzy or not isinstance(msgid, str):
            continue  # header, fuzzy, or a plural entry (the content has none)
        if isinstance(text, str) and text:
            out[(message.context, msgid)] = text
    return out
