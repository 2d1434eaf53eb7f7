"""Helpers shared by test modules (imported as a plain module: tests/ is on sys.path)."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import string
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

import microneedling_info as mi
from microneedling_info.content import DOMAIN, iter_messages, load_raw
from microneedling_info.formatting import placeholders
from microneedling_info.library import ContentItem
from microneedling_info.rules import AllOf, AllSymptoms, AnyOf, AnySymptom
from microneedling_info.screening import ScreeningContent


def source_root() -> Path | None:
    """The source checkout, when the tests run against it (None against an installed wheel)."""
    root = Path(__file__).resolve().parents[1]
    package = Path(mi.__file__).resolve().parent
    if (root / "pyproject.toml").is_file() and package == root / "src" / "microneedling_info":
        return root
    return None


WHOLE_CLINIC = mi.ClinicProfile(
    name="Clinique Beauté Plus",
    phone="514-555-0123 poste 4",
    after_hours_phone="438-555-0199",
    address="123, rue Exemple, Montréal (Québec)",
    website="https://clinique.example.ca",
)
"""A clinic profile with every line filled in."""
LONG_CLINIC = mi.ClinicProfile(
    name="Clinique de dermatologie esthétique du Plateau-Mont-Royal",
    phone="514-555-0123 poste 1234",
    after_hours_phone="438-555-0199 poste 55",
    address="4567, boulevard Saint-Laurent, bureau 1200, Montréal (Québec)  H2T 1R2",
    website="https://www.cliniquedermatologieplateau.example.ca",
)
"""A real-looking clinic with a long name (57 characters) and every line filled in."""
LIMIT_CLINIC = mi.ClinicProfile(
    name="CENTRE DE MÉDECINE ESTHÉTIQUE ET DERMATOLOGIE DE LA RIVE-SUD",
    phone="450-555-0123 poste 123456",
    after_hours_phone="450-555-0199 poste 123456",
    address=(
        "12345, boulevard du Séminaire Nord, bureau 1200, Saint-Jean-sur-Richelieu (Québec) J3B 7B2"
    ),
    website="https://www.centremedecineesthetiquedermatologierivesud.example.ca/fr/apres-soin",
)
"""Every field as long as the model allows (names in capitals are the widest), the longest
extensions: the clinic block and the boxes that name the clinic at their largest on page 1."""


_ACCENTS = str.maketrans("aeiou", "àéïôù")


def pseudo(text: str) -> str:
    """A 'translation' that passes every check: lower-case words get accents, the rest is kept.

    Placeholders, numbers and names stay; "SPF" becomes "FPS" (the glossary term) and a
    colon gets the non-breaking space Quebec typography wants.
    """
    out = []
    for literal, field, _spec, _conv in string.Formatter().parse(text):
        words = re.split(r"(\W+)", literal)
        literal = "".join(
            w.translate(_ACCENTS) if w.isalpha() and w.islower() else w for w in words
        )
        literal = literal.replace("SPF", "FPS")
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is not None:
            out.append("{" + field + "}")
    return re.sub(r"(?<=\S):(?=\s|$)", "\u00a0:", "".join(out))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def item_texts(
    lib: mi.Library, item: ContentItem, *, without: tuple[str, ...] = ()
) -> dict[str, str]:
    """An item's texts by context (fields in ``without`` left out), read through the text map."""
    out: dict[str, str] = {}
    for name, context in lib.contexts(item).items():
        if name in without:
            continue
        for c in (context,) if isinstance(context, str) else context:
            out[c] = lib.texts[c]
    return out


def content_items(lib: mi.Library) -> tuple[ContentItem, ...]:
    """Every item of the library whose texts are translated."""
    return (
        *lib.urgency_levels,
        *lib.side_effects,
        *lib.healing_phases,
        *lib.aftercare,
        *lib.escalation_criteria,
        *lib.screening_outcomes,
        *lib.screening_questions,
        *lib.screening_criteria,
    )


def with_screening(
    lib: mi.Library,
    *,
    questions: tuple[mi.ScreeningQuestion, ...] | None = None,
    criteria: tuple[mi.ScreeningCriterion, ...] | None = None,
) -> mi.Library:
    """A copy of ``lib`` with other screening questions or criteria, the rest kept.

    A library makes its screening content from its content and texts on first use (the
    ``_screening`` cached property); the copy gets the variant stored in its place instead.
    """
    variant = dataclasses.replace(lib)
    variant.__dict__["_screening"] = ScreeningContent(
        lib.screening_outcomes,
        lib.screening_questions if questions is None else questions,
        lib.screening_criteria if criteria is None else criteria,
    )
    return variant


def with_info(lib: mi.Library, info: mi.ContentInfo) -> mi.Library:
    """A copy of ``lib`` whose :attr:`~microneedling_info.Library.info` is ``info``.

    A library makes its ``info`` on first read (a cached property); the copy gets ``info``
    stored in its place instead.
    """
    variant = dataclasses.replace(lib)
    variant.__dict__["info"] = info
    return variant


def readable_items(lib: mi.Library) -> dict[str, str]:
    """Each item's patient-facing texts (placeholders filled in), as one passage to score.

    An aftercare category is a heading shared by several items: it is not part of the passage.
    """
    items = {"disclaimer": _sentence(lib.info.disclaimer)}
    for item in content_items(lib):
        texts = item_texts(lib, item, without=("category",))
        key = next(iter(texts)).rsplit(".", 1)[0]
        items[key] = " ".join(_sentence(t) for t in texts.values())
    for phase in lib.healing_phases:  # the day-N text message of each phase, without its header
        message = lib.follow_up_message(int(phase.start_day))
        items[f"follow_up.{phase.id}"] = " ".join(message.splitlines()[1:])
    for word in load_raw().get("glossary", ()):  # "Words to know": the term and its meaning
        key = f"glossary.{word['id']}"
        items[key] = f"{lib.texts[key + '.term']}: {lib.texts[key + '.definition']}"
    return items


def rule_symptoms(rule: mi.Rule) -> set[mi.Symptom]:
    """Every symptom a rule mentions, however deeply nested."""
    if isinstance(rule, AnySymptom | AllSymptoms):
        return set(rule.symptoms)
    if isinstance(rule, AnyOf | AllOf):
        return set().union(*(rule_symptoms(r) for r in rule.rules))
    return set()


def load_build_hook(root: Path) -> Any:
    """The wheel build hook ``hatch_build.py`` of the checkout at ``root`` (needs hatchling)."""
    pytest.importorskip("hatchling")
    spec = importlib.util.spec_from_file_location("_test_hatch_build", root / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compile_catalog(po: Path) -> Path:
    """The ``.mo`` of ``po`` next to it, the ``.po`` removed (the library then reads the .mo)."""
    with po.open("rb") as f:
        catalog = read_po(f)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as f:
        write_mo(f, catalog)
    po.unlink()
    return mo


def po_path(root: Path, locale: str) -> Path:
    """Where the library looks for ``locale``'s catalog under a locale dir."""
    return root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def write_catalog(
    path: Path, locale: str, overrides: dict[str, str], translate: bool = True
) -> None:
    """A complete catalog of the content: pseudo translations, ``overrides`` by msgctxt."""
    catalog = Catalog(locale=locale, domain=DOMAIN)
    for m in iter_messages(load_raw()):
        text = overrides.get(m.context, pseudo(m.text) if translate else "")
        flags = ["python-brace-format"] if placeholders(m.text) else []
        catalog.add(m.text, text, context=m.context, flags=flags)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog)
