"""Hatch build hook: compile ``locales/*/LC_MESSAGES/*.po`` into the wheel as ``.mo``.

Translators edit the top-level ``locales/``; the wheel carries the compiled
catalogs under ``microneedling_info/locales`` so the installed package reads
them without parsing ``.po`` at run time. Fuzzy entries are left out (babel's
``write_mo`` default), exactly as the library ignores them in a source checkout.
Editable installs are skipped: they read the ``.po`` files directly.

The hook refuses to build what the library would refuse at run time: a file over the
size limit, in the wrong charset, cut or malformed (``posyntax``), or an entry the
run-time guard refuses (``guards``: a changed 911, a sentence cut short, a forged
line). Only directories named with a valid locale id are compiled, as the library reads.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "microneedling_info"


def _load(root: Path, name: str) -> Any:
    """One of the package's dependency-free modules, loaded by path (no package imports)."""
    spec = importlib.util.spec_from_file_location(
        f"_mi_{name}", root / "src" / "microneedling_info" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import does: its classes look their module up there
    spec.loader.exec_module(module)
    return module


def _catalogs(root: Path, canonical_locale: Any) -> dict[str, Path]:
    """The .po of every directory named with a valid locale id; two for one locale are an error."""
    found: dict[str, Path] = {}
    for po in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        locale = canonical_locale(po.parent.parent.name)
        if locale is None:
            continue  # fr_old/, fr_CA~/: not a catalog the library would read
        if locale in found:
            raise RuntimeError(f"two catalog directories for {locale}: {found[locale]}, {po}")
        found[locale] = po
    return found


def _checked(po: Path, posyntax: Any, guards: Any, lang: str) -> Any:
    """The catalog, after the library's own syntax check and run-time guard on every entry."""
    data = po.read_bytes()
    if len(data) > posyntax.MAX_CATALOG_BYTES:
        raise RuntimeError(f"{po}: larger than {posyntax.MAX_CATALOG_BYTES} bytes")
    try:
        text = posyntax.decode(data)
    except ValueError as exc:
        raise RuntimeError(f"{po}: {exc}") from None
    error, _ = posyntax.syntax(text)
    if error:
        raise RuntimeError(f"{po}: {error}")
    catalog = read_po(io.StringIO(text), locale=lang, domain=DOMAIN, abort_invalid=True)
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            continue
        refused = guards.check_translation(message.id, message.string)
        if refused:
            raise RuntimeError(f"{po}:{message.lineno}: {message.context}: {refused}")
    return catalog


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root) / "locales"
        self._tmp = tempfile.TemporaryDirectory()
        out = Path(self._tmp.name)
        posyntax, guards = _load(Path(self.root), "posyntax"), _load(Path(self.root), "guards")
        catalogs = _catalogs(root, posyntax.canonical_locale)
        if not catalogs:
            raise RuntimeError(f"no catalogs found under {root}")
        for lang, po in catalogs.items():
            catalog = _checked(po, posyntax, guards, lang)
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
