"""Shared fixtures. Tests never touch the network."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import microneedling_info as mi

SHIPPED = ("en_CA", "fr_CA")


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
