"""The shape of the package: one documented job per module, no import cycle, short functions.

These read the source tree (skipped against an installed wheel, which has no docs/).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from _support import source_root

import microneedling_info as mi

ROOT = source_root()
pytestmark = pytest.mark.skipif(ROOT is None, reason="reads the source tree")
PACKAGE = Path(mi.__file__).resolve().parent
MAX_FUNCTION_LINES = 60
LONG_FUNCTIONS_BEING_SPLIT: set[tuple[str, str]] = set()
"""Functions over the limit that are being split; each leaves the set when it is short."""


def modules() -> dict[str, Path]:
    """Module name (``library``, ``catalog_check.entries``) → file."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _package_imports(name: str, path: Path, known: set[str], *, lazy: bool) -> Iterator[str]:
    """The package modules ``name`` imports at run time (TYPE_CHECKING blocks aside).

    ``lazy``: also the imports inside functions (loaded on first use, not at import).
    """
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]

    def walk(nodes: list[ast.stmt]) -> Iterator[ast.stmt]:
        for node in nodes:
            test = ast.unparse(node.test) if isinstance(node, ast.If) else ""
            if "TYPE_CHECKING" in test and not test.startswith("not"):
                assert isinstance(node, ast.If)
                yield from walk(node.orelse)
                continue
            yield node
            if not lazy and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from walk([child])

    for node in walk(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1] if node.level > 1 else package
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                if (sub := f"{target}.{alias.name}".strip(".")) in known:
                    yield sub
            if node.module and target in known:
                yield target
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for full in names:
                sub = full.removeprefix("microneedling_info.")
                if full.startswith("microneedling_info.") and sub in known:
                    yield sub


def import_graph(*, lazy: bool) -> dict[str, set[str]]:
    found = modules()
    known = set(found) - {""}
    return {
        name: set(_package_imports(name, path, known, lazy=lazy)) - {name}
        for name, path in found.items()
        if name
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return found


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph(lazy=False)
    # The walk sees module-level imports and skips TYPE_CHECKING ones.
    assert graph["library"] >= {"catalogs", "content", "models"}
    assert "triage" in graph["assessment"]  # compiled on the first assess, not at start-up
    assert "library" not in graph["assessment"]
    assert cycles(graph) == []


KNOWN_LAZY_CYCLES = {
    # Report.from_questionnaire_response loads fhir, which loads assessment and library on
    # first use (lane fhir): no cycle at import time, but one module's job leaks into another.
    ("assessment", "fhir", "assessment"),
    ("assessment", "fhir", "library", "assessment"),
}


def test_lazy_imports_add_no_new_cycle() -> None:
    """Imports inside functions (loaded on first use) may not close a new cycle either."""
    graph = import_graph(lazy=True)
    assert "assessment" in graph["library"]  # the walk sees lazy imports
    assert {tuple(c) for c in cycles(graph)} <= KNOWN_LAZY_CYCLES


def test_every_module_has_its_line_in_the_architecture_page() -> None:
    assert ROOT is not None
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `([a-z_.]+)` — \S", page, flags=re.M))
    wanted = {name for name in modules() if name} - {"__init__"}
    assert wanted - listed == set(), "add a line '- `module` — its one job' to the page"
    assert listed - wanted == set(), "the page lists modules that no longer exist"


def test_no_function_in_src_is_over_60_lines() -> None:
    long: set[tuple[str, str]] = set()
    for path in modules().values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    long.add((str(path.relative_to(PACKAGE)), node.name))
    assert long - LONG_FUNCTIONS_BEING_SPLIT == set()
    assert LONG_FUNCTIONS_BEING_SPLIT - long == set(), "short now: take it off the list"


def test_recipes_and_readme_use_only_top_level_names() -> None:
    """The docs call submodules implementation details: a recipe never imports one."""
    assert ROOT is not None
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    submodule = re.compile(r"(from|import) microneedling_info\.\w+")
    offenders = [
        f"{page.relative_to(ROOT)}: {m.group(0)}"
        for page in pages
        if "_build" not in page.parts
        for m in submodule.finditer(page.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


def test_every_public_name_is_importable_from_the_top_level() -> None:
    for name in mi.__all__:
        assert getattr(mi, name) is not None, name
    assert set(mi.__all__) <= set(dir(mi))
