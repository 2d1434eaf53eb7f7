"""Exports for other systems: JSON (with its JSON Schema), Markdown and HTML handouts.

The JSON export is one :class:`ExportDocument` per locale. Its JSON Schema
(draft 2020-12) is generated from the model on demand -- never at import time --
and also shipped as ``schema/export.schema.json`` (a test keeps the two equal).
The schema is identified by :data:`SCHEMA_ID`; a new :data:`SCHEMA_VERSION` gets a
new ``$id``.

Heavy imports (Jinja2) happen inside the functions, so importing the CLI stays cheap.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .clinic import ClinicProfile
from .models import (
    AftercareInstruction,
    Approval,
    EscalationCriterion,
    HealingPhase,
    SideEffect,
    Source,
    UrgencyLevel,
)
from .screening import ScreeningCriterion, ScreeningOutcomeLevel, ScreeningQuestion
from .signatures import DOCUMENTED
from .vocab import Symptom, Urgency

if TYPE_CHECKING:
    from .library import Library

__all__ = [
    "JSON_SCHEMA_DIALECT",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "SECTION_FIELDS",
    "ExportDocument",
    "document_json",
    "export_document",
    "export_locales",
    "export_schema",
    "schema_json",
]

SchemaVersion = Literal["1.1"]
SCHEMA_VERSION: Final[SchemaVersion] = "1.1"
"""Version of the export format; bumped (with a new ``$id``) whenever the schema changes."""
SCHEMA_ID: Final = f"https://microneedling-info.invalid/schema/export-{SCHEMA_VERSION}.json"
"""``$id`` of the export schema: a stable identifier, not a download location (``.invalid``)."""
JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_RESOURCE: Final = ("schema", "export.schema.json")
"""Where the shipped copy of the schema lives inside the package."""

PosixLocale = Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z]{2}|_[0-9]{3})?$")]
_T = TypeVar("_T")
NonEmpty = Annotated[tuple[_T, ...], Field(min_length=1)]
"""A list the export never leaves empty: a document without warning signs is broken."""


class ExportDocument(BaseModel, **DOCUMENTED):
    """Everything microneedling-info says, in one locale, for other systems.

    Identifiers and codes live in fields named ``id``, ``*_id``, ``*_ids``,
    ``*_code``, ``url``, ``doi``, ``snomed_ct``, ``kind``, ``locale``, ``language``
    (a source title's) and ``schema_version``; every other string is patient-facing
    text in ``locale``.
    Urgency levels carry their crosswalk to FHIR ``RequestPriority``
    (``fhir_priority_code``) and to the NHS website care-card type
    (``nhs_care_card_code``). Escalation criteria carry their machine-readable
    ``rule``. Days count from the day of treatment (day 0).

    With a clinic profile (``clinic``), every action that sends the patient to the
    clinic ends with the clinic's name and phone number, and the aftercare steps the
    clinic has set read its own duration; the clinic's own text (its name, address)
    is never translated.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        defer_build=True,
        title="microneedling-info export",
        use_attribute_docstrings=True,
        json_schema_serialization_defaults_required=True,
    )

    schema_version: SchemaVersion = SCHEMA_VERSION
    """Version of the export format: it changes only when the shape of the JSON does."""
    content_version: Annotated[str, Field(min_length=1)]
    """Semantic version of the clinical content (not of the package); see the governance docs."""
    last_reviewed: dt.date
    """Date the content was last clinically reviewed."""
    next_review_due: dt.date
    """Date by which the content must be reviewed again."""
    locale: PosixLocale
    """POSIX id of the language of every text, e.g. ``fr_CA``."""
    translated_share: Annotated[float, Field(ge=0, le=1)]
    """Share of texts that have a translation in ``locale`` (the rest are in English)."""
    disclaimer: Annotated[str, Field(min_length=1)]
    """Information, not a diagnosis; in an emergency, call 911."""
    urgency_levels: NonEmpty[UrgencyLevel]
    """Most urgent first."""
    side_effects: NonEmpty[SideEffect]
    """What the skin may do after treatment, normal or not."""
    healing_phases: NonEmpty[HealingPhase]
    """Chronological and contiguous from day 0; the last one is open-ended."""
    escalation_criteria: NonEmpty[EscalationCriterion]
    """Most urgent first."""
    aftercare: NonEmpty[AftercareInstruction]
    """Aftercare instructions, in content order."""
    sources: NonEmpty[Source]
    """Every source the content cites."""
    symptom_names: dict[Symptom, Annotated[str, Field(min_length=1)]]
    """Every reportable symptom id (the rules' vocabulary) with its name in ``locale``."""
    approval: Approval
    """The clinical sign-off record (``content_sha256`` is the fingerprint that was signed)."""
    content_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    """Fingerprint of the exported content (see the governance docs)."""
    clinically_validated: bool
    """Approved, and the fingerprint matches: while false, show "not clinically validated"."""
    screening_outcomes: tuple[ScreeningOutcomeLevel, ...]
    """Before treatment: what each screening outcome means, most restrictive first."""
    screening_questions: tuple[ScreeningQuestion, ...]
    """Before treatment: what the clinic asks, with why, in checklist order."""
    screening_criteria: tuple[ScreeningCriterion, ...]
    """Before treatment: the rules that turn answers into an outcome, most restrictive first."""
    clinic: ClinicProfile | None = Field(default=None, exclude_if=lambda value: value is None)
    """The clinic the actions name (absent without a profile): name, phones, address, website
    and the aftercare durations it has set; its text is its own, never translated."""


SECTION_FIELDS: Final[dict[str, str | None]] = {
    "urgency_levels": "urgency_levels",
    "side_effects": "side_effects",
    "healing_phases": "healing_phases",
    "follow_up": None,  # the day-N text messages: Library.follow_up_message, not exported
    "escalation_criteria": "escalation_criteria",
    "aftercare": "aftercare",
    "screening.outcomes": "screening_outcomes",
    "screening.questions": "screening_questions",
    "screening.rules": "screening_criteria",
}
"""Each translated section of the content (``content.SECTIONS``) → the export field that carries
it, which is also the :class:`Library` attribute it comes from (None: not exported)."""


def export_document(lib: Library, clinic: ClinicProfile | None = None) -> ExportDocument:
    """The export of one library; with ``clinic``, the actions name it and its phone number."""
    info = lib.info
    lists: dict[str, Any] = {f: getattr(lib, f) for f in SECTION_FIELDS.values() if f}
    lists["sources"] = lib.sources
    if clinic is not None:
        lists.update(_with_clinic(lib, clinic))
    return ExportDocument(
        content_version=info.content_version,
        last_reviewed=info.last_reviewed,
        next_review_due=info.next_review_due,
        locale=info.locale,
        translated_share=info.translated_share,
        disclaimer=info.disclaimer,
        symptom_names={s: lib.symptom_name(s) for s in Symptom},
        approval=info.approval,
        content_sha256=info.content_sha256,
        clinically_validated=info.clinically_validated,
        clinic=clinic,
        **lists,
    )


def _with_clinic(lib: Library, clinic: ClinicProfile) -> dict[str, tuple[Any, ...]]:
    """The library's actions naming the clinic (as the handout and assess do), and its
    aftercare with the clinic's own durations."""
    from .present import clinic_window_text, with_clinic

    def call(urgency: Urgency, action: str) -> dict[str, str]:
        return {"action": with_clinic(lib, urgency, action, clinic)}

    aftercare: list[AftercareInstruction] = []
    for a in lib.aftercare:
        window = clinic.window(a.id)
        if window is not None:
            end = float(window.allowed_from_day)
            a = a.model_copy(update={"text": clinic_window_text(lib, window), "end_day": end})
        aftercare.append(a)
    return {
        "urgency_levels": tuple(
            u.model_copy(update=call(u.id, u.action)) for u in lib.urgency_levels
        ),
        "escalation_criteria": tuple(
            c.model_copy(update=call(c.urgency, c.action)) for c in lib.escalation_criteria
        ),
        "aftercare": tuple(aftercare),
    }


def document_json(documents: ExportDocument | Sequence[ExportDocument]) -> str:
    """One document as a JSON object, or several as a JSON array (UTF-8 text, final newline)."""
    if isinstance(documents, ExportDocument):
        data: Any = documents.model_dump(mode="json")
    else:
        data = [doc.model_dump(mode="json") for doc in documents]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _StandardJsonSchema(GenerateJsonSchema):
    """Plain draft 2020-12: no OpenAPI keywords, so strict validators (ajv) accept the schema.

    pydantic adds OpenAPI's ``discriminator`` to tagged unions; the ``oneOf`` with a
    ``const`` ``kind`` in each branch already says everything it says.
    """

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        result = super().tagged_union_schema(schema)
        result.pop("discriminator", None)
        return result


@functools.cache
def _schema_text() -> str:
    # Every model sets json_schema_serialization_defaults_required: the export writes
    # every field, so every field is required in the serialization schema.
    generated = ExportDocument.model_json_schema(
        mode="serialization", schema_generator=_StandardJsonSchema
    )
    schema: dict[str, Any] = {"$schema": JSON_SCHEMA_DIALECT, "$id": SCHEMA_ID, **generated}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_json() -> str:
    """The JSON Schema of one export document, as the text ``microneedling-info schema`` prints."""
    return _schema_text()


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one export document, as a fresh dict."""
    result: dict[str, Any] = json.loads(_schema_text())
    return result


def export_locales() -> tuple[str, ...]:
    """Every shipped locale, French first (``fr_CA``, other French, then the rest)."""
    from .locales import DEFAULT_LOCALE, available_locales

    def key(loc: str) -> tuple[bool, bool, str]:
        return (loc != DEFAULT_LOCALE, loc.split("_", 1)[0] != "fr", loc)

    return tuple(sorted(available_locales(), key=key))
