"""Finding and reading the gettext catalogs: the one reader of the library and its checks.

Where the catalogs are, in order:

1. ``$MICRONEEDLING_INFO_LOCALEDIR`` -- a translator previewing a catalog, or tests;
2. ``microneedling_info/locales`` inside an installed wheel (compiled ``.mo``,
   written by the build hook);
3. ``locales/`` of a source checkout or editable install (the ``.po`` files
   themselves, so an edit shows up on the next run with no compile step).

``importlib.resources.files(pkg) / "locales"`` alone is not enough: in an
editable src-layout install it points into ``src/``, where no catalogs live.

Only directories named with a valid locale id count (``fr_CA``; ``FR_CA`` counts as
``fr_CA``; ``fr_old``, ``fr_CA~`` or ``fr_backup`` do not), and two directories for
one locale are an error. Every read is bounded by :data:`MAX_CATALOG_BYTES` before
anything is read, and the run time (:func:`read_catalog`), ``catalog check`` and
``catalog stats`` (:func:`parse_catalog`) accept and refuse exactly the same files.

A wheel's compiled catalogs were run through every guard when the wheel was built; the
wheel lists their SHA-256 (:data:`~microneedling_info.guards.VERIFIED_MANIFEST`), and a
catalog whose bytes hash to a listed value is marked :attr:`Translations.verified`.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .content import DOMAIN, package_files
from .errors import CatalogError
from .guards import VERIFIED_MANIFEST
from .posyntax import MAX_CATALOG_BYTES, MAX_ENTRIES, canonical_locale

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from babel.messages.catalog import Catalog

    from .posyntax import Span

__all__ = [
    "LOCALEDIR_ENV",
    "MAX_CATALOG_BYTES",
    "NO_CATALOG",
    "CatalogFile",
    "Translations",
    "canonical_locale",
    "catalog_files",
    "clear_caches",
    "locale_root",
    "parse_catalog",
    "read_catalog",
    "read_limited",
    "verified_digests",
]

LOCALEDIR_ENV = "MICRONEEDLING_INFO_LOCALEDIR"

_MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


class Translations(Protocol):
    """What the library asks of a catalog: the usable translation of one (msgctxt, msgid)."""

    @property
    def verified(self) -> bool:
        """Every entry passed the run-time guard, with the flag the library gives it, when the
        wheel was built (these bytes are listed in its manifest): no need to run it again."""
        ...

    def get(self, key: tuple[str | None, str], /) -> str | None: ...


class _Entries:
    """A catalog's usable entries. Only a wheel's own compiled catalog can be verified: a
    ``.po`` is what translators edit."""

    __slots__ = ("entries", "verified")

    def __init__(
        self, entries: Mapping[tuple[str | None, str], str], *, verified: bool = False
    ) -> None:
        self.entries = entries
        self.verified = verified

    def get(self, key: tuple[str | None, str], /) -> str | None:
        return self.entries.get(key)


NO_CATALOG: Translations = _Entries({})
"""A locale with no catalog: nothing translated."""


class CatalogFile(NamedTuple):
    """One locale's catalog on disk (or inside the installed package).

    A named tuple (immutable, and cheaper to define at start-up than a frozen dataclass).
    """

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
    seen: dict[str, str] = {}
    try:
        entries = sorted(root.iterdir(), key=lambda e: e.name) if root.is_dir() else []
    except OSError as exc:
        raise CatalogError(f"cannot read the locale directory {root}: {exc.strerror}") from None
    for entry in entries:
        locale = canonical_locale(entry.name)
        if locale is None:
            continue  # fr_old/, fr_CA~/, glossary.csv, the template...
        messages = entry / "LC_MESSAGES"
        po, mo = messages / f"{DOMAIN}.po", messages / f"{DOMAIN}.mo"
        try:
            # A .po wins: it is what translators edit; a stray .mo may be stale.
            chosen = CatalogFile(locale, po, False) if po.is_file() else None
            if chosen is None and mo.is_file():
                chosen = CatalogFile(locale, mo, True)
        except OSError as exc:
            raise CatalogError(f"cannot read {entry}: {exc.strerror}") from None
        if chosen is None:
            continue
        if locale in seen:
            raise CatalogError(
                f"two catalog directories for {locale} in {root}: {seen[locale]}, {entry.name}"
            )
        seen[locale] = entry.name
        found[locale] = chosen
    return found


def locale_root() -> Traversable | None:
    """The directory the catalogs are read from (see the module docstring).

    Raises CatalogError when ``$MICRONEEDLING_INFO_LOCALEDIR`` is set to anything but a
    directory: a mistyped setting must not silently turn every language off.
    """
    override = os.environ.get(LOCALEDIR_ENV)
    if override:
        path = Path(override)
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            raise CatalogError(f"{LOCALEDIR_ENV}={override!r}: {exc.strerror}") from None
        if not is_dir:
            raise CatalogError(
                f"{LOCALEDIR_ENV}={override!r} is not a directory "
                "(it must name a directory holding <locale>/LC_MESSAGES/)"
            )
        return path
    packaged = package_files() / "locales"
    if packaged.is_dir():
        return packaged
    return _source_checkout_dir()


def catalog_files() -> Mapping[str, CatalogFile]:
    """Catalogs by canonical POSIX locale id, scanned once per process."""
    global _files
    if _files is None:
        with _lock:
            if _files is None:
                root = locale_root()
                _files = _scan(root) if root is not None else {}
    return _files


def clear_caches() -> None:
    """Forget the scanned catalogs (tests, or after pointing the env var elsewhere)."""
    global _files, _verified
    with _lock:
        _files = _verified = None


_HEX_DIGITS = frozenset("0123456789abcdef")
_verified: frozenset[str] | None = None


def verified_digests() -> frozenset[str]:
    """The SHA-256 (hex) of every catalog the installed wheel's build hook passed whole.

    Read once, from inside the package only, never from ``$MICRONEEDLING_INFO_LOCALEDIR``:
    a hostile catalog must not bring its own list. Empty in a source checkout or editable
    install (no manifest), or when the manifest cannot be read: then every guard runs.
    """
    global _verified
    if _verified is None:
        with _lock:  # read once, as the catalogs are scanned once
            if _verified is None:
                _verified = _read_manifest()
    return _verified


def _read_manifest() -> frozenset[str]:
    manifest = package_files() / "locales" / VERIFIED_MANIFEST
    try:
        with manifest.open("rb") as stream:
            text = stream.read(64 * 1024).decode("ascii")
    except (OSError, UnicodeDecodeError):
        text = ""
    digests = (line.split(" ", 1)[0] for line in text.splitlines())
    return frozenset(d for d in digests if len(d) == 64 and _HEX_DIGITS.issuperset(d))


def read_limited(file: Traversable) -> bytes:
    """The bytes of a catalog, refused (CatalogError) before reading when over the limit.

    The size is asked first (a sparse 1.5 GB file costs nothing), and the read itself
    is bounded too (a file that grows, or a Traversable that cannot tell its size).
    """
    try:
        if isinstance(file, Path) and file.stat().st_size > MAX_CATALOG_BYTES:
            raise CatalogError(f"larger than {MAX_CATALOG_BYTES} bytes")
        with file.open("rb") as stream:
            data: bytes = stream.read(MAX_CATALOG_BYTES + 1)
    except OSError as exc:
        raise CatalogError(f"cannot read catalog ({type(exc).__name__}: {exc.strerror})") from None
    if len(data) > MAX_CATALOG_BYTES:
        raise CatalogError(f"larger than {MAX_CATALOG_BYTES} bytes")
    return data


_MO_VERSIONS = (0, 1)
"""Major revisions of the MO layout (GNU gettext's manual, "The Format of GNU MO Files")."""


def _mo_header(data: bytes) -> tuple[str, int, int, int]:
    """The byte order (for ``struct``), the entry count and the offsets of the two tables;
    what no compiled catalog may be is refused here."""
    if len(data) < 28 or data[:4] not in _MO_MAGIC:
        raise CatalogError("not a compiled catalog (bad magic number)")
    order = "<" if data[:4] == _MO_MAGIC[0] else ">"  # 0x950412de written little-endian
    revision, count, originals, translations = struct.unpack_from(f"{order}4I", data, 4)
    major = revision >> 16
    if major not in _MO_VERSIONS:
        raise CatalogError(f"not a compiled catalog this reader knows (major version {major})")
    if count > MAX_ENTRIES + 1:  # + the header entry
        raise CatalogError(f"more than {MAX_ENTRIES} entries")
    return order, count, originals, translations


def _mo_entries(data: bytes) -> dict[tuple[str | None, str], str]:
    """The translated entries of a compiled catalog, by ``(msgctxt, msgid)``.

    The MO layout is two tables of ``(length, offset)`` pairs, originals and translations;
    a context is written ``msgctxt \x04 msgid``. Read here rather than by ``gettext``,
    whose import and parse (it compiles the plural formula too) cost ~2 ms of every start;
    the tests check this reads what ``gettext`` reads. Plural entries are left out (the
    content has none); a catalog not in UTF-8, or not laid out as the format says, raises
    CatalogError.
    """
    order, count, originals, translations = _mo_header(data)
    entries: dict[tuple[str | None, str], str] = {}
    try:
        keys = struct.unpack_from(f"{order}{2 * count}I", data, originals)
        values = struct.unpack_from(f"{order}{2 * count}I", data, translations)
        size = len(data)
        k, t = iter(keys), iter(values)
        for key_length, key_at, text_length, text_at in zip(k, k, t, t, strict=True):
            if key_at + key_length >= size or text_at + text_length >= size:  # then a NUL
                raise CatalogError("not a compiled catalog (an entry ends past the file)")
            key, text = data[key_at : key_at + key_length], data[text_at : text_at + text_length]
            if not key:
                _check_mo_charset(str(text, "utf-8"))
            elif text and b"\x00" not in key:  # not a plural entry (the content has none)
                context, sep, msgid = str(key, "utf-8").partition("\x04")
                entries[(context, msgid) if sep else (None, context)] = str(text, "utf-8")
    except struct.error:
        raise CatalogError("not a compiled catalog (a table runs past the file)") from None
    except UnicodeDecodeError as exc:
        raise CatalogError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return entries


def _check_mo_charset(header: str) -> None:
    for line in header.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-type" and "charset=" in value:
            charset = value.split("charset=", 1)[1].strip().lower()
            if charset.replace("-", "").replace("_", "") != "utf8":
                raise CatalogError(f"not in UTF-8 (the catalog declares {charset[:40]!r})")


def parse_catalog(data: bytes, compiled: bool) -> tuple[Catalog, list[Span]]:
    """Every entry of a catalog as babel reads it, plus where each ``.po`` entry sits.

    For the checks (``catalog check``, ``stats``): the run time's :func:`read_catalog`
    accepts exactly the files this accepts. Raises CatalogError.
    """
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    if len(data) > MAX_CATALOG_BYTES:
        raise CatalogError(f"larger than {MAX_CATALOG_BYTES} bytes")
    if compiled:
        _mo_entries(data)  # what the run time will do with it
        try:
            catalog = read_mo(io.BytesIO(data))
        except Exception as exc:  # any failure means "unusable catalog"
            raise CatalogError(f"not a compiled catalog ({type(exc).__name__})") from None
        for message in catalog:
            if isinstance(message.context, bytes):  # babel < 2.17 keeps .mo contexts as bytes
                message.context = message.context.decode(catalog.charset or "utf-8")
        return catalog, []
    text, spans = _checked_po(data)
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except Exception as exc:
        raise CatalogError(f"{type(exc).__name__}: {exc}") from None
    return catalog, spans


def _checked_po(data: bytes) -> tuple[str, list[Span]]:
    from .posyntax import decode, syntax

    try:
        text = decode(data)
    except ValueError as exc:
        raise CatalogError(str(exc)) from None
    error, spans = syntax(text)
    if error:
        raise CatalogError(error)
    return text, spans


def read_catalog(cat: CatalogFile) -> Translations:
    """Usable translations, looked up by ``(msgctxt, msgid)``.

    Fuzzy, empty and obsolete entries are left out: a fuzzy entry's English
    changed, so its translation is not trusted until a translator reviews it.
    Raises CatalogError when the file cannot be read as a catalog at all.
    """
    try:
        data = read_limited(cat.file)
        return _read_mo(data) if cat.compiled else _read_po(data)
    except CatalogError as exc:
        raise CatalogError(f"{cat.file}: {exc}") from None
    except Exception as exc:  # any parse failure means "unusable catalog"
        raise CatalogError(f"{cat.file}: cannot read catalog ({type(exc).__name__})") from exc


def _read_mo(data: bytes) -> Translations:
    """Compiled catalogs (wheels), read by :func:`_mo_entries`."""
    verified = hashlib.sha256(data).hexdigest() in verified_digests()
    return _Entries(_mo_entries(data), verified=verified)


def _read_po(data: bytes) -> Translations:
    """Source catalogs (checkouts, editable installs): parsed by babel at each start.

    The strict syntax check runs too: babel reads a string cut off mid-line (a
    truncated file) as a shorter translation, which would show a patient half a
    sentence.
    """
    from babel.messages.pofile import read_po

    text, _spans = _checked_po(data)
    catalog = read_po(io.StringIO(text), abort_invalid=True)
    out: dict[tuple[str | None, str], str] = {}
    for message in catalog:
        msgid, string = message.id, message.string
        if not msgid or message.fuzzy or not isinstance(msgid, str):
            continue  # header, fuzzy, or a plural entry (the content has none)
        if isinstance(string, str) and string:
            out[(message.context, msgid)] = string
    return _Entries(out)
