"""Packaging: what a wheel carries, and how a source checkout reads catalogs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from _support import source_root

import microneedling_info as mi
from microneedling_info import library
from microneedling_info.catalogs import catalog_files, read_catalog
from microneedling_info.guards import VERIFIED_MANIFEST

SHIPPED = ("en_CA", "fr_CA")

ROOT = source_root()
needs_source = pytest.mark.skipif(ROOT is None, reason="needs the source checkout")


def test_py_typed_and_data_ship_with_the_package() -> None:
    package = Path(mi.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "data" / "content.json").is_file()
    assert (package / "data" / "messages.json").is_file()


@pytest.mark.skipif(ROOT is not None, reason="runs against an installed wheel")
def test_installed_wheel_reads_compiled_catalogs() -> None:
    """Against the wheel: catalogs are .mo files inside the package, one per locale."""
    package = Path(mi.__file__).resolve().parent
    files = catalog_files()
    assert set(files) >= {"en_CA", "fr_CA"}
    for cat in files.values():
        assert cat.compiled
        assert package in Path(str(cat.file)).resolve().parents
    assert mi.get_library("fr_CA").catalog_problems == ()


@pytest.mark.skipif(ROOT is not None, reason="runs against an installed wheel")
def test_installed_wheel_does_not_guard_its_own_catalogs_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16: the build hook passed every entry; the library checks the bytes are those."""
    package = Path(mi.__file__).resolve().parent
    listed = (package / "locales" / VERIFIED_MANIFEST).read_text(encoding="ascii").splitlines()
    assert len(listed) == len(catalog_files())
    for line in listed:
        digest, name = line.split("  ")
        assert hashlib.sha256((package / "locales" / name).read_bytes()).hexdigest() == digest
    assert all(read_catalog(cat).verified for cat in catalog_files().values())

    def guard(*args: object, **kwargs: object) -> None:
        raise AssertionError("a verified catalog was guarded again")

    monkeypatch.setattr(library, "check_translation", guard)
    fr = mi.build_library("fr_CA")
    assert fr.catalog_problems == fr.missing_translations == ()


@needs_source
def test_source_checkout_reads_po_files() -> None:
    files = catalog_files()
    assert set(files) >= {"en_CA", "fr_CA"}
    assert not any(cat.compiled for cat in files.values())


@needs_source
def test_wheel_carries_compiled_catalogs_and_its_metadata(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    assert ROOT is not None
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("microneedling_info-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for loc in SHIPPED:
        assert f"microneedling_info/locales/{loc}/LC_MESSAGES/microneedling_info.mo" in names
    assert "microneedling_info/py.typed" in names
    assert "microneedling_info/data/content.json" in names
    assert not any(n.endswith(".po") for n in names)
    # The build hook lists every catalog it passed whole (both shipped ones pass): sha256sum -c
    with zipfile.ZipFile(wheel) as archive:
        manifest = archive.read(f"microneedling_info/locales/{VERIFIED_MANIFEST}").decode("ascii")
        listed = dict(reversed(line.split("  ")) for line in manifest.splitlines())
        assert sorted(listed) == [f"{loc}/LC_MESSAGES/microneedling_info.mo" for loc in SHIPPED]
        for name, digest in listed.items():
            data = archive.read(f"microneedling_info/locales/{name}")
            assert hashlib.sha256(data).hexdigest() == digest
    (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    metadata = zipfile.ZipFile(wheel).read(metadata_name).decode("utf-8")
    headers = metadata.split("\n\n", 1)[0].splitlines()
    assert "License-Expression: MIT" in headers
    assert "License-File: LICENSE" in headers
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    urls = {line.split(": ", 1)[1].split(", ", 1)[0] for line in headers if "Project-URL" in line}
    assert urls == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    for classifier in (
        "Development Status :: 4 - Beta",
        "Natural Language :: French",
        "Natural Language :: English",
        "Programming Language :: Python :: 3.11",
        "Topic :: Scientific/Engineering :: Medical Science Apps.",
        "Typing :: Typed",
    ):
        assert f"Classifier: {classifier}" in headers


@needs_source
def test_po_edit_shows_up_on_the_next_run(tmp_path: Path) -> None:
    """An edited .po is read on the next run: no reinstall, no compile step.

    A copy of the checkout (src/ + locales/) is used so the real catalog is never touched.
    """
    assert ROOT is not None
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    po = tmp_path / "locales" / "fr_CA" / "LC_MESSAGES" / "microneedling_info.po"
    script = "import microneedling_info as m; print(m.get_library('fr_CA').urgency_levels[0].label)"
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    env.pop("MICRONEEDLING_INFO_LOCALEDIR", None)

    def run() -> str:
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return out.stdout.strip()

    before = run()
    text = po.read_text(encoding="utf-8")
    marker = 'msgctxt "urgency.emergency.label"\nmsgid "Emergency (911)"\nmsgstr "'
    assert marker in text
    head, tail = text.split(marker, 1)
    tail = tail.split('"', 1)[1]
    po.write_text(head + marker + "Urgence (911, modifié)" + '"' + tail, encoding="utf-8")
    assert run() == "Urgence (911, modifié)" != before
