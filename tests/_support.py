"""Helpers shared by test modules (imported as a plain module: tests/ is on sys.path)."""

from __future__ import annotations

from pathlib import Path

import microneedling_info as mi


def source_root() -> Path | None:
    """The source checkout, when the tests run against it (None against an installed wheel)."""
    root = Path(__file__).resolve().parents[1]
    package = Path(mi.__file__).resolve().parent
    if (root / "pyproject.toml").is_file() and package == root / "src" / "microneedling_info":
        return root
    return None
