"""Issue 11: the red team's findings, one regression test each (named after the finding).

Every test here failed on release 0.1. The catalogs are written into a temporary
locale dir (``MICRONEEDLING_INFO_LOCALEDIR``), so the tests run the same in a source
checkout and against an installed wheel; the few that need the checkout's build hook
say so and skip elsewhere.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _support import compile_catalog, load_build_hook, po_path, pseudo, source_root, write_catalog
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

import microneedling_info as mi
from microneedling_info import catalogs
from microneedling_info.catalog_check import toolkit
from microneedling_info.cli import main
from microneedling_info.content import iter_messages, load_raw
from microneedling_info.errors import CatalogError

EMERGENCY = "urgency.emergency.action"
ENGLISH = {m.context: m.text for m in iter_messages(load_raw())}
SAFETY = {m.context for m in iter_messages(load_raw()) if m.safety}
EMERGENCY_912 = "Composez le 912 tout de suite. En cas de doute, composez le 912."


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "microneedling_info", *args],
        text=True,
        check=False,
        **{"capture_output": True, **kwargs},
    )


@pytest.fixture
def no_toolkit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """translate-toolkit (the optional [check] extra) is not installed."""
    monkeypatch.setitem(sys.modules, "translate", None)
    monkeypatch.setitem(sys.modules, "translate.filters", None)
    toolkit.clear_cache()
    yield
    toolkit.clear_cache()


def french(localedir: Path, overrides: dict[str, str] | None = None) -> Path:
    """A complete (pseudo-)French catalog in the locale dir, with ``overrides`` by msgctxt."""
    path = po_path(localedir, "fr_CA")
    write_catalog(path, "fr_CA", overrides or {})
    return path


def edit(path: Path, context: str, *, string: str | None = None, comment: str = "") -> None:
    with path.open("rb") as f:
        catalog = read_po(f)
    message = next(m for m in catalog if m.context == context)
    if string is not None:
        message.string = string
    if comment:
        message.user_comments.append(comment)
    with path.open("wb") as f:
        write_po(f, catalog)


def refused(lib: mi.Library, context: str) -> bool:
    return context in lib.missing_translations and any(
        f": {context}: " in p for p in lib.catalog_problems
    )


# --------------------------------------------------------------------------- High 1: numbers


def test_high1_changed_emergency_number_falls_back_to_english_at_run_time(
    localedir: Path,
) -> None:
    french(localedir, {EMERGENCY: EMERGENCY_912})
    lib = mi.get_library("fr_CA")
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == ENGLISH[EMERGENCY]
    assert refused(lib, EMERGENCY)
    assert "912" not in json.dumps([u.model_dump(mode="json") for u in lib.urgency_levels])
    with pytest.raises(mi.MissingTranslationError):
        mi.get_library("fr_CA", strict=True)


def test_high1_changed_emergency_number_in_a_compiled_catalog_is_refused(
    localedir: Path,
) -> None:
    compile_catalog(french(localedir, {EMERGENCY: EMERGENCY_912}))
    lib = mi.get_library("fr_CA")
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == ENGLISH[EMERGENCY]
    assert refused(lib, EMERGENCY)


@pytest.mark.parametrize(
    "translation",
    [
        pytest.param(EMERGENCY_912, id="912"),
        pytest.param(
            "Appelez Info-Santé 811 tout de suite. En cas de doute, appelez le 811.", id="811"
        ),
        pytest.param(
            "Composez le 9\ufeff11 tout de suite. En cas de doute, composez le 9\ufeff11.",
            id="invisible-inside-911",
        ),
    ],
)
def test_high1_catalog_check_fails_a_changed_number_without_toolkit_and_despite_a_waiver(
    translation: str,
    localedir: Path,
    no_toolkit: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from microneedling_info.catalog_check import msgfmt

    monkeypatch.setattr(msgfmt.shutil, "which", lambda name: None)
    po = french(localedir)
    edit(po, EMERGENCY, string=translation, comment="check-ok: numbers, notranslatewords")
    code, out, err = cli(capsys, "catalog", "check", str(po))
    assert code == 1
    assert "SAFETY GATE FAILED" in err
    assert any(f": {EMERGENCY}: SAFETY: " in line for line in out.splitlines()), out
    assert "translate-toolkit not installed" in err


def test_high1_invisible_characters_inside_numbers_are_refused(localedir: Path) -> None:
    french(localedir, {EMERGENCY: "Composez le 9\u206011 tout de suite. En cas de doute, le 911."})
    lib = mi.get_library("fr_CA")
    assert refused(lib, EMERGENCY)


# --------------------------------------------------------------------------- High 2: cut catalogs


def _cut_after_a_complete_line(po: Path) -> str:
    """Cut the file after the first line of a multi-line safety translation; its msgctxt."""
    text = po.read_text(encoding="utf-8")
    for context in sorted(SAFETY):
        at = text.find(f'msgctxt "{context}"\n')
        start = text.find('msgstr ""\n"', at)
        if at < 0 or start < 0 or text.find("\n\n", at) < start:
            continue
        first = text.index("\n", start + len('msgstr ""\n')) + 1
        if text[first] != '"':
            continue  # one continuation line only: cutting it would leave no text
        po.write_text(text[:first], encoding="utf-8")
        return context
    pytest.skip("no safety text long enough to span several lines")


def test_high2_catalog_cut_at_a_line_boundary_is_refused_everywhere(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = french(localedir)
    context = _cut_after_a_complete_line(po)

    lib = mi.get_library("fr_CA")
    assert refused(lib, context), lib.catalog_problems
    with pytest.raises(mi.MissingTranslationError):
        mi.get_library("fr_CA", strict=True)

    code, out, err = cli(capsys, "catalog", "check", str(po))
    assert code == 1 and "SAFETY GATE FAILED" in err
    assert any(f": {context}: SAFETY: " in line for line in out.splitlines())

    root = source_root()
    if root is not None:
        hook = load_build_hook(root)
        posyntax, guards = hook._load(root, "posyntax"), hook._load(root, "guards")
        flags = hook._safety_flags(hook._load(root, "content"))
        with pytest.raises(RuntimeError, match=r"cut|mid-sentence|short"):
            hook._checked(po, posyntax, guards, "fr_CA", flags)


# --------------------------------------------------------------------------- Medium 3, 4: --output


def test_medium3_output_errors_are_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = str(tmp_path / ("x" * 300))
    for args in (
        ["export", "--locale", "en", "--format", "json", "--output", long_name],
        ["export", "--all-locales", "--format", "json", "--output", long_name],
    ):
        code, out, err = cli(capsys, *args)
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1 and "too long" in err
        assert len(err) < 400, "the 300-character name is not echoed whole"

    def unsearchable(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_dir", unsearchable)
    code, out, err = cli(capsys, "export", "--locale", "en", "--format", "json", "--output", "x")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Permission denied" in err


def _limited(max_bytes: int) -> Any:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return limit


def test_medium4_writes_are_atomic_the_old_file_survives_a_failed_write(tmp_path: Path) -> None:
    handout = tmp_path / "handout.html"
    handout.write_text("previous handout", encoding="utf-8")
    done = run_cli(
        "export", "--locale", "fr", "--format", "html", "--output", str(handout),
        preexec_fn=_limited(2000),
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert handout.read_text(encoding="utf-8") == "previous handout"

    directory = tmp_path / "json"
    directory.mkdir()
    old = {
        p: f"old {p}" for p in ("microneedling-info.fr_CA.json", "microneedling-info.en_CA.json")
    }
    for name, text in old.items():
        (directory / name).write_text(text, encoding="utf-8")
    done = run_cli(
        "export", "--all-locales", "--format", "json", "--output", str(directory),
        preexec_fn=_limited(2000),
    )  # fmt: skip
    assert done.returncode == 2
    assert {p.name: p.read_text(encoding="utf-8") for p in directory.iterdir()} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.html", "json"]


# --------------------------------------------------------------------------- Medium 5: stdout


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [["locales"], ["catalog", "stats"], ["show", "escalation"], ["schema"]],
    ids=lambda a: " ".join(a),
)
def test_medium5_full_or_closed_stdout_exits_2_with_one_line(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process, as the entry point calls main(): stdout on a full disk, then closed."""
    with open("/dev/full", "w") as full:
        monkeypatch.setattr(sys, "stdout", full)
        code = main(args)
        monkeypatch.undo()
        with contextlib.suppress(OSError):
            full.close()
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "cannot write the output" in err

    monkeypatch.setattr(sys, "stdout", None)  # started with stdout closed (>&-)
    code = main(args)
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "closed" in err


@needs_dev_full
def test_medium5_the_real_process_on_a_full_or_closed_stdout() -> None:
    """One real process each way: the interpreter's own flush at exit must not add a line."""
    with open("/dev/full", "w") as full:
        done = run_cli("locales", stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr

    done = run_cli("locales", preexec_fn=lambda: os.close(1))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "closed" in done.stderr


def test_medium5_a_reader_that_stops_early_is_quiet() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "microneedling_info", "export", "--all-locales", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like `| head -0`
    err = child.stderr.read()
    assert child.wait(timeout=60) in (1, 141)
    assert err == b""


# --------------------------------------------------------------------------- Medium 6, 7: cost


def test_medium6_catalog_check_runs_no_toolkit_check_on_a_text_the_library_refuses(
    localedir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[int] = []
    real = toolkit.failures

    def recording(checker: Any, msgid: str, msgstr: str) -> dict[str, str]:
        seen.append(len(msgstr))
        return real(checker, msgid, msgstr)

    monkeypatch.setattr("microneedling_info.catalog_check.entries.failures", recording)
    context = "content.disclaimer"
    po = french(localedir, {context: "a@b.c " * 50_000})  # 300,000 characters
    started = time.perf_counter()
    code, out, _ = cli(capsys, "catalog", "check", str(po))
    assert time.perf_counter() - started < 60
    assert code == 1 and f": {context}: " in out and "too long" in out
    assert 300_000 not in seen


def _catalog_near_the_cap(path: Path, shape: str) -> None:
    """A catalog just under the size limit: one huge translation, or a flood of tiny entries."""
    limit = catalogs.MAX_CATALOG_BYTES - 1024
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    if shape == "tiny entries":
        entries, total, i = [header], len(header), 0
        while total < limit:
            entries.append(f'msgid "{i}"\nmsgstr "x"\n\n')
            total, i = total + len(entries[-1]), i + 1
        text = "".join(entries[:-1])
    else:
        char = {"one huge entry": "é", "escaped quotes": '\\"'}[shape]
        entry = f'msgctxt "content.disclaimer"\nmsgid "{ENGLISH["content.disclaimer"]}"\nmsgstr "'
        room = limit - len((header + entry).encode()) - 2
        text = header + entry + char * (room // len(char.encode())) + '"\n'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("shape", ["one huge entry", "escaped quotes", "tiny entries"])
def test_medium7_loading_a_catalog_at_the_size_cap_stays_under_64_mib(
    shape: str, localedir: Path
) -> None:
    path = po_path(localedir, "fr_CA")
    _catalog_near_the_cap(path, shape)
    assert catalogs.MAX_CATALOG_BYTES - 2048 < path.stat().st_size <= catalogs.MAX_CATALOG_BYTES
    cat = catalogs.catalog_files()["fr_CA"]
    tracemalloc.start()
    try:
        with contextlib.suppress(CatalogError):  # 80,000 entries are refused: fine, and cheap
            catalogs.read_catalog(cat)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"{shape}: peak {peak / 2**20:.1f} MiB reading a {path.stat().st_size}-byte catalog")
    assert peak < 64 * 2**20


def test_medium7_oversized_sparse_catalog_is_refused_before_it_is_read(localedir: Path) -> None:
    path = po_path(localedir, "fr_CA")
    path.parent.mkdir(parents=True)
    with path.open("wb") as f:
        f.truncate(1_500_000_000)  # sparse: costs no disk
    tracemalloc.start()
    try:
        lib = mi.build_library("fr_CA")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * 2**20
    assert any("larger than" in p for p in lib.catalog_problems)


# --------------------------------------------------------------------------- Medium 8, 9


def test_medium8_utf8_catalog_declaring_latin1_is_refused_and_the_charset_named(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = french(localedir)
    po.write_bytes(po.read_bytes().replace(b"charset=utf-8", b"charset=ISO-8859-1"))
    lib = mi.build_library("fr_CA")
    assert any("ISO-8859-1" in p for p in lib.catalog_problems), lib.catalog_problems
    assert "Ã©" not in json.dumps(dict(lib.messages), ensure_ascii=False)
    code, out, _ = cli(capsys, "catalog", "check", str(po))
    assert code == 1 and "ISO-8859-1" in out


def test_medium9_newline_in_a_translation_is_refused_without_toolkit(
    localedir: Path, no_toolkit: None, capsys: pytest.CaptureFixture[str]
) -> None:
    context = "content.disclaimer"
    forged = pseudo(ENGLISH[context]) + "\n\n---\n\n1. Composez le 911."
    po = french(localedir, {context: forged})
    lib = mi.get_library("fr_CA")
    assert refused(lib, context)
    assert "---" not in lib.info.disclaimer
    code, out, _ = cli(capsys, "catalog", "check", str(po))
    assert code == 1 and f": {context}: SAFETY: line breaks" in out


# --------------------------------------------------------------------------- Low


@pytest.mark.parametrize("char", ["\u2028", "\u0085", "\x0c"], ids=["U+2028", "U+0085", "FF"])
def test_low_separator_characters_are_refused_per_entry_not_per_file(
    char: str, localedir: Path
) -> None:
    context = "content.disclaimer"
    french(localedir, {context: pseudo(ENGLISH[context]).replace(" ", char, 1)})
    lib = mi.get_library("fr_CA")
    assert lib.missing_translations == (context,)
    assert refused(lib, context)


def test_low_bom_and_crlf_catalogs_are_accepted(localedir: Path) -> None:
    po = french(localedir)
    po.write_bytes(b"\xef\xbb\xbf" + po.read_bytes().replace(b"\n", b"\r\n"))
    lib = mi.get_library("fr_CA")
    assert (lib.missing_translations, lib.catalog_problems) == ((), ())


def test_low_cr_only_catalog_is_refused_and_recorded(localedir: Path) -> None:
    po = french(localedir)
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r"))
    lib = mi.get_library("fr_CA")
    assert any("carriage return" in p for p in lib.catalog_problems), lib.catalog_problems


def test_low_mo_with_a_bad_major_version_fails_catalog_check(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = french(localedir)
    with po.open("rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    data = bytearray(buffer.getvalue())
    data[4:8] = (5 << 16).to_bytes(4, "little")  # major version 5
    mo = po.with_suffix(".mo")
    mo.write_bytes(bytes(data))
    po.unlink()
    assert mi.get_library("fr_CA").catalog_problems  # the run time refuses it...
    code, out, _ = cli(capsys, "catalog", "check", str(mo))
    assert code == 1 and "version" in out  # ... and so does the check


def test_low_duplicate_entry_placed_first_is_refused_by_our_own_syntax_check(
    localedir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from microneedling_info.catalog_check import msgfmt

    monkeypatch.setattr(msgfmt.shutil, "which", lambda name: None)  # no msgfmt to catch it
    po = french(localedir)
    hostile = f'msgctxt "{EMERGENCY}"\nmsgid "{ENGLISH[EMERGENCY]}"\nmsgstr "{EMERGENCY_912}"\n\n'
    text = po.read_text(encoding="utf-8")
    first = text.index("\nmsgctxt ") + 1  # the first entry after the header
    po.write_text(text[:first] + hostile + text[first:], encoding="utf-8")
    lib = mi.get_library("fr_CA")
    assert any("duplicate" in p for p in lib.catalog_problems)
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == ENGLISH[EMERGENCY]
    code, out, _ = cli(capsys, "catalog", "check", str(po))
    assert code == 1 and "duplicate" in out


@pytest.mark.parametrize("char", ["\u061c", "\ufeff", "\u2060", "\u00ad", "\u200e", "\ue000"])
def test_low_invisible_and_format_characters_are_refused_by_unicode_category(
    char: str, localedir: Path
) -> None:
    context = "content.disclaimer"
    french(localedir, {context: pseudo(ENGLISH[context]).replace(" ", f" {char}", 1)})
    assert refused(mi.get_library("fr_CA"), context)


def test_low_stray_locale_directories_are_not_catalogs(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for stray in ("fr_old", "fr_CA~", "fr_backup"):
        write_catalog(po_path(localedir, stray), "fr_CA", {})
    write_catalog(po_path(localedir, "en_CA"), "en_CA", {}, translate=False)
    assert mi.available_locales() == ("en_CA",)
    with pytest.raises(mi.UnsupportedLocaleError):
        mi.get_library("fr")
    code, out, _ = cli(capsys, "export", "--all-locales", "--format", "json")
    assert code == 0 and [d["locale"] for d in json.loads(out)] == ["en_CA"]

    root = source_root()
    if root is not None:
        hook = load_build_hook(root)
        found = hook._catalogs(localedir, hook._load(root, "posyntax").canonical_locale)
        assert sorted(found) == ["en_CA"]


def test_low_locale_directories_are_canonicalised_and_duplicates_are_an_error(
    localedir: Path,
) -> None:
    write_catalog(po_path(localedir, "FR_CA"), "fr_CA", {})
    assert mi.available_locales() == ("fr_CA",)
    assert mi.negotiate_locale("fr") == "fr_CA"
    assert mi.get_library("fr").info.locale == "fr_CA"

    write_catalog(po_path(localedir, "fr_CA"), "fr_CA", {})
    mi.clear_caches()
    with pytest.raises(CatalogError, match=r"FR_CA.*fr_CA|fr_CA.*FR_CA"):
        mi.available_locales()


def test_low_bad_localedir_setting_and_unreadable_directories_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    monkeypatch.setenv(catalogs.LOCALEDIR_ENV, str(tmp_path / "missing"))
    with pytest.raises(CatalogError, match=catalogs.LOCALEDIR_ENV):
        mi.get_library("en_CA")

    monkeypatch.setenv(catalogs.LOCALEDIR_ENV, str(tmp_path))
    mi.clear_caches()

    def unreadable(self: Path) -> Iterator[Path]:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", unreadable)
    with pytest.raises(CatalogError, match="Permission denied"):
        mi.get_library("en_CA")


def test_low_negotiate_locale_takes_none_numbers_and_locales(fresh_caches: None) -> None:
    assert mi.negotiate_locale(None) == "fr_CA"  # no Accept-Language header at all
    assert mi.negotiate_locale(5) == "fr_CA"  # type: ignore[arg-type]
    assert mi.negotiate_locale(Locale("en", "CA")) == "en_CA"
    assert mi.negotiate_locale(None, default="en") == "en_CA"
    with pytest.raises(mi.UnsupportedLocaleError):
        mi.negotiate_locale("de", default="xx")


@pytest.mark.parametrize(
    "junk", ["fr_CA/../../etc", "fr_CA\0", "fr_CA" + "x" * 10_000_000], ids=["path", "nul", "10MB"]
)
def test_low_get_library_refuses_junk_around_a_locale_id(junk: str) -> None:
    started = time.perf_counter()
    with pytest.raises(mi.UnsupportedLocaleError) as info:
        mi.get_library(junk)
    assert time.perf_counter() - started < 1
    assert len(str(info.value)) < 300


def test_low_public_entry_points_give_clear_errors_not_raw_ones() -> None:
    lib = mi.get_library("en_CA")
    with pytest.raises(mi.UnknownItemError):
        lib.message("no.such.key")
    with pytest.raises(mi.UnknownItemError):
        lib.message(["unhashable"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="takes"):
        lib.message("label.day")  # its {day} is missing
    with pytest.raises(TypeError, match="formatted str"):
        lib.message("label.day", day=3)  # type: ignore[arg-type]
    report = {"days_since_treatment": 2, "symptoms": ["redness"]}
    assert lib.assess(report).urgency == lib.assess(mi.Report(**report)).urgency  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Report"):
        lib.assess(5)  # type: ignore[arg-type]
    assert lib.phase_for_day(10**400) == lib.healing_phases[-1]


def test_low_error_paths_are_fast_and_echo_little() -> None:
    lib = mi.get_library("en_CA")
    started = time.perf_counter()
    with pytest.raises(mi.UnknownItemError) as info:
        lib.side_effect("x" * 10_000_000)
    assert time.perf_counter() - started < 1
    assert len(str(info.value)) < 2000

    started = time.perf_counter()
    with pytest.raises(ValueError) as error:
        mi.Report(days_since_treatment=1, symptoms=["sneezing"] * 100_000)
    assert time.perf_counter() - started < 1
    assert len(str(error.value)) < 2000


def test_low_output_dash_is_stdout_and_an_empty_output_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(capsys, "export", "--locale", "en", "--format", "json", "--output", "-")
    assert code == 0 and json.loads(out)["locale"] == "en_CA"
    assert list(tmp_path.iterdir()) == []
    code, out, err = cli(capsys, "export", "--locale", "en", "--format", "json", "--output", "")
    assert (code, out) == (2, "") and "--output" in err


def test_low_an_unknown_option_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err


def test_low_msgfmt_gets_double_dash_before_the_catalog_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from microneedling_info.catalog_check import msgfmt

    calls: list[list[str]] = []

    def fake_run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append(argv)
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(msgfmt.shutil, "which", lambda name: "/usr/bin/msgfmt")
    monkeypatch.setattr(subprocess, "run", fake_run)
    msgfmt.msgfmt(Path("-o-evil.po"), [])
    (argv,) = calls
    assert argv[-2:] == ["--", "-o-evil.po"]


@pytest.mark.parametrize(
    "args",
    [
        ["show", "escalation"],
        ["assess", "--day", "2"],
        ["export", "--format", "json"],
    ],
    ids=lambda a: a[0],
)
def test_low_every_command_warns_the_same_way_about_an_unreadable_catalog(
    args: list[str], localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = po_path(localedir, "fr_CA")
    po.parent.mkdir(parents=True)
    po.write_bytes(b'msgid "x"\nmsgstr "cut')
    code, out, err = cli(capsys, *args, "--locale", "fr")
    assert code == 0 and out
    lines = err.splitlines()
    assert any(
        line.startswith("microneedling-info: warning: ") and po.name in line for line in lines
    )
    assert any("have no fr_CA translation" in line for line in lines)
    assert len(lines) == 2, "one line per problem: no second copy from the logging module"


# --------------------------------------------------------------------------- issue 16 and 10


def test_compiled_catalog_is_read_through_a_public_reader(localedir: Path) -> None:
    """Issue 16 item 6: a .mo is served (and its texts guarded) in the source-tree run too."""
    compile_catalog(french(localedir))
    lib = mi.get_library("fr_CA", strict=True)
    assert lib.info.disclaimer == pseudo(ENGLISH["content.disclaimer"])
    assert not re.search(r"[.\"']_catalog\b", Path(catalogs.__file__).read_text(encoding="utf-8"))


def test_compiled_catalog_tells_a_missing_entry_from_a_translated_one(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """_read_mo: an entry absent from the .mo falls back to English and is recorded (never
    silently), and ``catalog check`` reads the same .mo and names it as a safety gap."""
    po = french(localedir)
    with po.open("rb") as f:
        catalog = read_po(f)
    catalog.delete(ENGLISH[EMERGENCY], context=EMERGENCY)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as f:
        write_mo(f, catalog)
    po.unlink()
    lib = mi.get_library("fr_CA")
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == ENGLISH[EMERGENCY]
    assert lib.missing_translations == (EMERGENCY,)
    assert lib.info.disclaimer == pseudo(ENGLISH["content.disclaimer"])
    with pytest.raises(mi.MissingTranslationError, match=EMERGENCY):
        mi.get_library("fr_CA", strict=True)

    code, out, _ = cli(capsys, "catalog", "check", str(mo))
    assert code == 1
    assert f"{mo}:0: {EMERGENCY}: SAFETY: missing from the catalog (fr_CA)" in out


def test_missing_toolkit_is_noted_on_every_call(no_toolkit: None) -> None:
    """Issue 16 item 4: the cache keeps the 'skipped' note for the second caller too."""
    for _ in range(2):
        notes: list[str] = []
        assert toolkit.checker("fr", notes) is None
        assert any("translate-toolkit not installed" in n for n in notes)


def test_cli_reads_a_decimal_comma_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 10: ``--temperature 38,4`` is what a Quebec user types."""
    code, comma, _ = cli(capsys, "assess", "--day", "2", "--temperature", "38,4", "--locale", "fr",
                         "--format", "json")  # fmt: skip
    assert code == 0
    _, point, _ = cli(capsys, "assess", "--day", "2", "--temperature", "38.4", "--locale", "fr",
                      "--format", "json")  # fmt: skip
    assert json.loads(comma) == json.loads(point)
    code, _, err = cli(capsys, "assess", "--day", "2", "--temperature", "38,4", "--locale", "en")
    assert code == 2 and "--temperature must be a number" in err
