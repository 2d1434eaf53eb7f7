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

The SHA-256 of each ``.mo`` whose every entry also passes the guard with the safety flag
the library gives it at run time (the shipped content's flag; ``safety=True``, the strict
form, for an entry the content lacks) goes into the wheel's manifest
(``guards.VERIFIED_MANIFEST``), so the installed library need not guard those exact bytes
again at every start. A catalog with a gutted safety text still ships, unlisted: the
library then guards it at run time and falls back to English, as for any other catalog.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import sys
import tempfile
from collections.abc import Mapping
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


def _safety_flags(content: Any) -> dict[tuple[str, str], bool]:
    """The run-time guard's safety flag of each (msgctxt, msgid) of the shipped content."""
    return {(m.context, m.text): m.safety for m in content.iter_messages(content.load_raw())}


def _checked(
    po: Path, posyntax: Any, guards: Any, lang: str, safety: Mapping[tuple[str, str], bool]
) -> tuple[Any, bool]:
    """The catalog, after the library's own syntax check and run-time guard on every entry,
    and whether every entry passed the guard with its run-time safety flag too (``safety``;
    the strict form for an entry not in it)."""
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
    verified = True
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            continue
        flag = safety.get((message.context, message.id), True)
        if guards.check_translation(message.id, message.string, safety=flag) is None:
            continue
        verified = False
        refused = guards.check_translation(message.id, message.string)
        if refused:
            raise RuntimeError(f"{po}:{message.lineno}: {message.context}: {refused}")
    return catalog, verified


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root) / "locales"
        self._tmp = tempfile.TemporaryDirectory()
        out = Path(self._tmp.name)
        posyntax, guards = _load(Path(self.root), "posyntax"), _load(Path(self.root), "guards")
        safety = _safety_flags(_load(Path(self.root), "content"))
        catalogs = _catalogs(root, posyntax.canonical_locale)
        if not catalogs:
            raise RuntimeError(f"no catalogs found under {root}")
        listed: list[str] = []
        for lang, po in catalogs.items():
            catalog, verified = _checked(po, posyntax, guards, lang, safety)
            name = f"{lang}/LC_MESSAGES/{DOMAIN}.mo"
            mo = out / name
            mo.parent.mkdir(parents=True)
            with mo.open("wb") as f:
                write_mo(f, catalog)
            build_data["force_include"][str(mo)] = f"microneedling_info/locales/{name}"
            if verified:
                listed.append(f"{hashlib.sha256(mo.read_bytes()).hexdigest()}  {name}\n")
        manifest = out / guards.VERIFIED_MANIFEST
        manifest.write_text("".join(listed), encoding="ascii")
        build_data["force_include"][str(manifest)] = (
            f"microneedling_info/locales/{guards.VERIFIED_MANIFEST}"
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
