"""The pieces every FHIR resource of this package is made of: texts in every shipped language,
the content's version and approval status, citations, code systems, and boolean FHIRPath.

Shared by the self-report resources (:mod:`.fhir`) and the screening resources
(:mod:`.fhir_screening`), so both say the same things the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from .fhir_response import BASE_URL

if TYPE_CHECKING:
    from .library import Library
    from .models import Level

__all__ = [
    "APPROVAL_SYSTEM",
    "CONTENT_SHA256_SYSTEM",
    "FALSE",
    "PUBLISHER",
    "SNOMED_CT",
    "TRANSLATION",
    "TRUE",
    "Texts",
    "all_of",
    "any_of",
    "bcp47",
    "citation",
    "code_system",
    "governance_fields",
    "item_text",
    "negated",
]

APPROVAL_SYSTEM: Final = f"{BASE_URL}/CodeSystem/content-approval"
CONTENT_SHA256_SYSTEM: Final = f"{BASE_URL}/content-sha256"
"""Identifier system of the content fingerprint a clinician signs (see the approval docs)."""

TRANSLATION: Final = "http://hl7.org/fhir/StructureDefinition/translation"
SNOMED_CT: Final = "http://snomed.info/sct"
PUBLISHER: Final = "microneedling-info"

TRUE: Final = "true"
FALSE: Final = "false"


# --- boolean FHIRPath, folded where constant --------------------------------------------------


def any_of(parts: Iterable[str]) -> str:
    """``a or b or ...``; ``false`` for none."""
    return _joined(parts, "or", unit=FALSE, absorbing=TRUE)


def all_of(parts: Iterable[str]) -> str:
    """``a and b and ...``; ``true`` for none."""
    return _joined(parts, "and", unit=TRUE, absorbing=FALSE)


def _joined(parts: Iterable[str], operator: str, *, unit: str, absorbing: str) -> str:
    """Join with ``operator``, dropping repeats and ``unit``; ``absorbing`` decides it all."""
    kept = [p for p in dict.fromkeys(parts) if p != unit]
    if absorbing in kept:
        return absorbing
    if not kept:
        return unit
    return kept[0] if len(kept) == 1 else "(" + f" {operator} ".join(kept) + ")"


def negated(part: str) -> str:
    """``(part).not()``."""
    if part in (TRUE, FALSE):
        return FALSE if part == TRUE else TRUE
    return f"({part}).not()"


# --- texts in every language ------------------------------------------------------------------


def bcp47(posix: str) -> str:
    """``fr_CA`` -> ``fr-CA``: FHIR's language codes are BCP 47 tags."""
    return posix.replace("_", "-")


class Texts:
    """A text in the library's language, with the other shipped languages as translations."""

    def __init__(self, library: Library) -> None:
        from .content import SOURCE_LANGUAGE, SOURCE_LOCALE
        from .export import export_locales
        from .library import get_library

        self.library = library
        self.others = [get_library(loc) for loc in export_locales() if loc != library.info.locale]
        self.source = get_library(SOURCE_LOCALE)
        self.source_language = SOURCE_LANGUAGE

    def __call__(self, name: str, text: Callable[[Library], str]) -> dict[str, Any]:
        """``{name: text, _name: {extension: [translation...]}}`` (FHIR's translation extension).

        A language whose catalog lacks some texts gets no entry where its text is
        the English fallback: a reader then sees the base text rather than English
        labelled as French.
        """
        base = text(self.library)
        translations: list[dict[str, Any]] = []
        for other in self.others:
            value = text(other)
            fell_back = other.missing_translations and other.locale.language != self.source_language
            if fell_back and value == text(self.source):
                continue
            translations.append(
                {
                    "url": TRANSLATION,
                    "extension": [
                        {"url": "lang", "valueCode": bcp47(other.info.locale)},
                        {"url": "content", "valueString": value},
                    ],
                }
            )
        result: dict[str, Any] = {name: base}
        if translations:
            result["_" + name] = {"extension": translations}
        return result


def item_text(kind: str, item_id: str, field: str) -> Callable[[Library], str]:
    """Reads ``field`` of one item (``lib.criterion(id).sign``...) from any library."""

    def read(lib: Library) -> str:
        return str(getattr(getattr(lib, kind)(item_id), field))

    return read


# --- governance, citations, code systems ------------------------------------------------------


def governance_fields(library: Library) -> dict[str, Any]:
    """Version, status and review dates shared by the definition resources."""
    info = library.info
    # Active only when a clinician approved exactly this content (ContentInfo.approval).
    approved = info.clinically_validated
    governance: dict[str, Any] = {
        "meta": {"tag": [{"system": APPROVAL_SYSTEM, "code": "approved" if approved else "draft"}]},
        "language": bcp47(info.locale),
        "identifier": [{"system": CONTENT_SHA256_SYSTEM, "value": info.content_sha256}],
        "version": info.content_version,
        "status": "active" if approved else "draft",
        "experimental": False,
        "date": info.last_reviewed.isoformat(),
        "publisher": PUBLISHER,
    }
    if approved and info.approval.approved_on is not None:
        governance["approvalDate"] = info.approval.approved_on.isoformat()
    governance["lastReviewDate"] = info.last_reviewed.isoformat()
    return governance


def citation(library: Library, source_id: str) -> dict[str, Any]:
    """A ``relatedArtifact`` citing one of the content's sources."""
    source = library.source(source_id)
    artifact: dict[str, Any] = {
        "type": "citation",
        "label": source.id,
        "display": source.title,
        "citation": f"{source.publisher} ({source.year})",
    }
    if source.link:
        artifact["url"] = source.link
    return artifact


def code_system(
    library: Library, text: Texts, url: str, name: str, kind: str, levels: Sequence[Level]
) -> dict[str, Any]:
    """A complete CodeSystem of our own ``levels`` (read from any library with
    ``lib.<kind>(id)``): each level's id, label (display) and action (definition). Its
    resource id is the last part of its ``url``."""
    governance = governance_fields(library)
    del governance["lastReviewDate"]  # not elements of CodeSystem
    governance.pop("approvalDate", None)
    return {
        "resourceType": "CodeSystem",
        "id": url.rsplit("/", 1)[-1],
        **governance,
        "url": url,
        "name": name,
        "caseSensitive": True,
        "content": "complete",
        "concept": [
            {
                "code": level.id.value,
                **text("display", item_text(kind, level.id, "label")),
                **text("definition", item_text(kind, level.id, "action")),
            }
            for level in levels
        ],
    }


# --- PlanDefinition actions -------------------------------------------------------------------

ECA_RULE: Final = {
    "coding": [
        {"system": "http://terminology.hl7.org/CodeSystem/plan-definition-type", "code": "eca-rule"}
    ]
}
"""PlanDefinition.type: event-condition-action rules, which is what our actions are."""


def level_code(
    system: str, code: str, text: Texts, display: Callable[[Library], str]
) -> dict[str, Any]:
    """A CodeableConcept of one of our own levels (urgency, screening outcome)."""
    return {"coding": [{"system": system, "code": code, **text("display", display)}]}


def applicability(condition: str) -> dict[str, Any]:
    """An action's ``condition`` and ``input``: a FHIRPath test of a QuestionnaireResponse."""
    return {
        "condition": [
            {
                "kind": "applicability",
                "expression": {"language": "text/fhirpath", "expression": condition},
            }
        ],
        "input": [{"type": "QuestionnaireResponse"}],
    }
