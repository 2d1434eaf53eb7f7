"""The declared lowest versions are the ones CI tests (issue 16 item 5)."""

from __future__ import annotations

import re
import tomllib

import pytest
from _support import source_root
from packaging.requirements import Requirement


def test_ci_floors_are_the_lower_bounds_pyproject_declares() -> None:
    root = source_root()
    if root is None:
        pytest.skip("needs the source checkout's pyproject.toml and .ci/floors.txt")
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {}
    for requirement in project["dependencies"]:
        marker = Requirement(requirement).marker
        if marker is not None and not marker.evaluate():
            continue  # another platform's dependency (tzdata: Windows): not installed here
        match = re.match(r"^([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", requirement)
        assert match, f"{requirement!r}: every runtime dependency needs a >= floor"
        declared[match.group(1).lower()] = match.group(2)
    pinned = {}
    for line in (root / ".ci" / "floors.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pinned[name.strip().lower()] = version.strip()
    normalise = {name: ".".join([*v.split("."), "0", "0"][:3]) for name, v in declared.items()}
    assert pinned == normalise
