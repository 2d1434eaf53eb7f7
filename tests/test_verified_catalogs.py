"""A wheel's own catalogs skip the per-entry guards at start-up; nothing else does (issue 16).

The build hook runs every guard on every entry and lists the SHA-256 of each compiled
catalog that passed (``guards.VERIFIED_MANIFEST``); the library trusts exactly those bytes.
A changed byte, a replaced file, a ``.po`` or a list brought along in the locale dir gets
every guard, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from _support import (
    compile_catalog,
    load_build_hook,
    po_path,
    pseudo,
    source_root,
    write_catalog,
)

import microneedling_info as mi
from microneedling_info import catalogs, library
from microneedling_info.content import iter_messages, load_raw
from microneedling_info.guards import VERIFIED_MANIFEST, check_translation

EMERGENCY = "urgency.emergency.action"
ENGLISH = {m.context: m.text for m in iter_messages(load_raw())}
needs_source = pytest.mark.skipif(source_root() is None, reason="needs the source checkout")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _trust(monkeypatch: pytest.MonkeyPatch, *digests: str) -> None:
    """As if the installed wheel's manifest listed ``digests``."""
    monkeypatch.setattr(catalogs, "verified_digests", lambda: frozenset(digests))


def _verified_french(localedir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A complete compiled (pseudo-)French catalog, listed as if the wheel had built it."""
    po = po_path(localedir, "fr_CA")
    write_catalog(po, "fr_CA", {})
    mo = compile_catalog(po)
    _trust(monkeypatch, _digest(mo))
    return mo


def _counted_guard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The library's guard, recording the English of each text it checks."""
    calls: list[str] = []

    def guard(msgid: str, msgstr: str, *, safety: bool = False) -> str | None:
        calls.append(msgid)
        return check_translation(msgid, msgstr, safety=safety)

    monkeypatch.setattr(library, "check_translation", guard)
    return calls


def test_a_listed_catalog_is_not_guarded_again(
    localedir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _verified_french(localedir, monkeypatch)
    calls = _counted_guard(monkeypatch)

    lib = mi.build_library("fr_CA")
    assert calls == []
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == pseudo(ENGLISH[EMERGENCY])
    assert lib.missing_translations == lib.catalog_problems == ()


def test_a_changed_byte_gets_every_guard_and_a_hostile_entry_is_refused(
    localedir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mo = _verified_french(localedir, monkeypatch)
    french = pseudo(ENGLISH[EMERGENCY]).encode("utf-8")
    assert b"911" in french
    data = mo.read_bytes()
    assert data.count(french) == 1
    mo.write_bytes(data.replace(french, french.replace(b"911", b"912")))  # same length
    calls = _counted_guard(monkeypatch)

    lib = mi.build_library("fr_CA")
    assert len(calls) == len(ENGLISH)  # every translated entry, guarded again
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == ENGLISH[EMERGENCY]
    assert lib.missing_translations == (EMERGENCY,)
    assert any(f": {EMERGENCY}: numbers differ" in p for p in lib.catalog_problems)


def test_a_replaced_catalog_gets_every_guard(
    localedir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mo = _verified_french(localedir, monkeypatch)
    po = mo.with_suffix(".po")
    write_catalog(po, "fr_CA", {EMERGENCY: "Composez le 912 tout de suite."})
    compile_catalog(po)  # another catalog in its place

    lib = mi.build_library("fr_CA")
    assert lib.missing_translations == (EMERGENCY,)
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == ENGLISH[EMERGENCY]


def test_a_po_file_is_never_verified(localedir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = po_path(localedir, "fr_CA")
    write_catalog(po, "fr_CA", {EMERGENCY: "Composez le 912 tout de suite."})
    _trust(monkeypatch, _digest(po))
    calls = _counted_guard(monkeypatch)

    lib = mi.build_library("fr_CA")
    assert calls and lib.missing_translations == (EMERGENCY,)


def test_a_list_in_the_locale_dir_is_ignored(localedir: Path) -> None:
    """Only the installed package's own manifest counts: a hostile dir cannot vouch for itself."""
    po = po_path(localedir, "fr_CA")
    write_catalog(po, "fr_CA", {EMERGENCY: "Composez le 912 tout de suite."})
    mo = compile_catalog(po)
    (localedir / VERIFIED_MANIFEST).write_text(f"{_digest(mo)}  fr_CA/LC_MESSAGES/x.mo\n")

    assert _digest(mo) not in catalogs.verified_digests()
    assert mi.build_library("fr_CA").missing_translations == (EMERGENCY,)


def test_the_manifest_is_read_as_sha256sum_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, upper = "ab" * 32, "CD" * 32
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / VERIFIED_MANIFEST).write_text(
        f"{good}  fr_CA/LC_MESSAGES/microneedling_info.mo\n{upper}  x.mo\n"
        f"{good[:-1]}  short.mo\nnot a digest\n\n"
    )
    monkeypatch.setattr(catalogs, "package_files", lambda: tmp_path)
    catalogs.clear_caches()
    try:
        assert catalogs.verified_digests() == {good}
        (tmp_path / "locales" / VERIFIED_MANIFEST).write_bytes(b"\xff" * 64)
        catalogs.clear_caches()
        assert catalogs.verified_digests() == frozenset()
    finally:
        catalogs.clear_caches()


# ----------------------------------------------------------------------- the build hook


@needs_source
def test_the_hook_verifies_a_catalog_only_when_every_entry_passes_with_its_flag(
    tmp_path: Path,
) -> None:
    root = source_root()
    assert root is not None
    hook = load_build_hook(root)
    posyntax, guards = hook._load(root, "posyntax"), hook._load(root, "guards")
    flags = hook._safety_flags(hook._load(root, "content"))
    check: Callable[[Path], bool] = lambda po: hook._checked(  # noqa: E731
        po, posyntax, guards, "fr_CA", flags
    )[1]

    shipped = root / "locales" / "fr_CA" / "LC_MESSAGES" / "microneedling_info.po"
    assert check(shipped)

    disclaimer = "content.disclaimer"  # a safety text: gutted, it passes only the lenient form
    assert flags[(disclaimer, ENGLISH[disclaimer])]
    gutted = tmp_path / "gutted.po"
    cut = "Urgence : 911."
    write_catalog(gutted, "fr_CA", {disclaimer: cut})
    assert check_translation(ENGLISH[disclaimer], cut) is None
    assert check_translation(ENGLISH[disclaimer], cut, safety=True) is not None
    assert not check(gutted)

    unknown = tmp_path / "unknown.po"  # not in the content: the strict form
    write_catalog(unknown, "fr_CA", {})
    text = unknown.read_text(encoding="utf-8")
    english = "Call your clinic if the redness spreads after day three."
    text += f'\nmsgctxt "not.in.content"\nmsgid "{english}"\nmsgstr "Appelez."\n'
    unknown.write_text(text, encoding="utf-8")
    assert check_translation(english, "Appelez.") is None
    assert not check(unknown)
