"""Hatch build hook: compile ``locales/*/LC_MESSAGES/*.po`` into the wheel as ``.mo``.

Translators edit the top-level ``locales/``; the wheel carries the compiled
catalogs under ``microneedling_info/locales`` so the installed package reads
them without parsing ``.po`` at run time. Fuzzy entries are left out (babel's
``write_mo`` default), exactly as the library ignores them in a source checkout.
Editable installs are skipped: they read the ``.po`` files directly.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "microneedling_info"


def _syntax_check(root: Path) -> Any:
    """The package's own strict PO syntax check, loaded by path (no package imports)."""
    spec = importlib.util.spec_from_file_location(
        "_mi_posyntax", root / "src" / "microneedling_info" / "posyntax.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.syntax


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root) / "locales"
        self._tmp = tempfile.TemporaryDirectory()
        out = Path(self._tmp.name)
        catalogs = sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        if not catalogs:
            raise RuntimeError(f"no catalogs found under {root}")
        syntax = _syntax_check(Path(self.root))
        for po in catalogs:
            lang = po.parent.parent.name
            with po.open("rb") as f:
                catalog = read_po(f, locale=lang, domain=DOMAIN, abort_invalid=True)
            error, _ = syntax(po.read_bytes().decode(catalog.charset or "utf-8"))
            if error:
                raise RuntimeError(f"{po}: {error}")
            mo = out / lang / f"{DOMAIN}.mo"
            mo.parent.mkdir(parents=True)
            with mo.open("wb") as f:
                write_mo(f, catalog)
            build_data["force_include"][str(mo)] = (
                f"microneedling_info/locales/{lang}/LC_MESSAGES/{DOMAIN}.mo"
            )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
