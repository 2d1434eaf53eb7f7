"""Shared fixtures. Tests never touch the network."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import microneedling_info as mi
from microneedling_info.catalogs import LOCALEDIR_ENV
from microneedling_info.content import DOMAIN

SHIPPED = ("en_CA", "fr_CA")

# Deliberate type errors for the type checkers (tests/typing/expect_errors.py), not a test.
collect_ignore = ["typing/negative.py"]


@pytest.fixture(params=SHIPPED)
def locale(request: pytest.FixtureRequest) -> str:
    """Each shipped locale in turn."""
    return str(request.param)


@pytest.fixture
def lib(locale: str) -> mi.Library:
    return mi.get_library(locale)


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Start and end a test with no cached library or catalog scan."""
    mi.clear_caches()
    yield
    mi.clear_caches()


@pytest.fixture
def localedir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty locale dir the library reads (MICRONEEDLING_INFO_LOCALEDIR); caches reset around."""
    root = tmp_path / "locales"
    root.mkdir()
    monkeypatch.setenv(LOCALEDIR_ENV, str(root))
    mi.clear_caches()
    yield root
    mi.clear_caches()


@pytest.fixture
def shipped_localedir(localedir: Path) -> Path:
    """``localedir`` holding a copy of the checkout's locales/ (template, catalogs, glossary)."""
    shipped = Path(__file__).resolve().parents[1] / "locales"
    if not (shipped / f"{DOMAIN}.pot").is_file():
        pytest.skip("needs the source checkout's locales/ (the template is not in the wheel)")
    shutil.copytree(shipped, localedir, dirs_exist_ok=True)
    return localedir
