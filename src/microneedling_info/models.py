"""Typed, immutable content models (pydantic v2).

Every text field holds a plain ``str`` already in the library's locale. Shipped
content is built with ``model_construct`` (it is validated by the test suite,
not at every start-up); anything coming from outside -- a JSON export loaded
back, a :class:`~microneedling_info.assessment.Report` -- is validated.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, model_validator

from .rules import Rule
from .vocab import Frequency, Symptom, Urgency

__all__ = [
    "AftercareInstruction",
    "Approval",
    "ContentInfo",
    "DayRange",
    "EscalationCriterion",
    "HealingPhase",
    "SideEffect",
    "Source",
    "UrgencyLevel",
    "construct",
]

Day = Annotated[float, Field(ge=0, le=3650, allow_inf_nan=False)]
"""Days after treatment: 0 is the day of treatment; fractions are allowed."""

Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
Text = Annotated[str, Field(min_length=1)]


_M = TypeVar("_M", bound=BaseModel)


def construct(model: type[_M], **values: Any) -> _M:
    """``model.model_construct(**values)`` for trusted values of every field, in field order.

    What pydantic's ``model_construct`` ends with, without its walk over each field's
    aliases and defaults: that walk was a third of an assessment's time. The tests check
    it builds what ``model_construct`` builds.
    """
    instance = model.__new__(model)
    setattr_ = object.__setattr__
    setattr_(instance, "__dict__", values)
    setattr_(instance, "__pydantic_fields_set__", set(values))
    setattr_(instance, "__pydantic_extra__", None)
    setattr_(instance, "__pydantic_private__", None)
    return instance


class _Model(
    BaseModel,
    frozen=True,
    extra="forbid",
    defer_build=True,
    json_schema_serialization_defaults_required=True,
):
    """Base of the content models: frozen, no extra fields, schema built on first use."""

    # Config as class keywords, not model_config: type checkers then see the models as frozen.
    # The JSON export writes every field, so its schema requires every field.


class DayRange(_Model, frozen=True):
    """A span in days; ``start <= end``. Onsets count from the day of treatment.

    JSON Schema cannot compare two fields, so schema validators do not check
    ``start <= end``; loading a document with this model does.
    """

    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> DayRange:
        if self.start > self.end:
            raise ValueError(f"start ({self.start}) must not be after end ({self.end})")
        return self


class Source(_Model, frozen=True):
    """A published source that content items cite by ``id``."""

    id: Id
    title: Text
    publisher: Text
    year: Annotated[int, Field(ge=1900, le=2100)]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    """An http(s) address (never ``javascript:`` or a local file)."""
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not (self.url or self.doi):
            raise ValueError(f"source {self.id!r} needs a url or a doi")
        return self

    @property
    def link(self) -> str | None:
        """Where to read it: the DOI resolver when there is a DOI, else the URL."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class UrgencyLevel(_Model, frozen=True):
    """What one urgency level means for the patient, with crosswalks for other systems."""

    id: Urgency
    label: Text
    """Short name, used as a heading ("Emergency", "Urgent", "Call your clinic")."""
    action: Text
    """What to do now: names 911, Info-Santé 811 or the clinic."""
    timeframe: Text
    """How soon to act ("Now", "Today", "Within 2 days")."""
    fhir_priority_code: str
    """FHIR ``RequestPriority`` code (routine, urgent, asap, stat)."""
    nhs_care_card_code: str | None
    """NHS website care-card type (non-urgent, urgent, immediate); None for self-care."""


class SideEffect(_Model, frozen=True):
    """Something the skin may do after microneedling, normal or not."""

    id: Id
    name: Text
    summary: Text
    frequency: Frequency
    expected: bool
    """True for a normal part of healing; False for a complication."""
    onset: DayRange
    """When it starts, in days after treatment."""
    usual_duration: DayRange | None
    """How long it usually lasts once started, in days; None when no source says."""
    symptoms: tuple[Symptom, ...] = ()
    """The reportable symptoms that are this side effect."""
    self_care: tuple[Text, ...]
    seek_care_if: tuple[Text, ...]
    source_ids: tuple[Id, ...] = Field(min_length=1)
    snomed_ct: str | None = None

    @property
    def expected_until(self) -> float | None:
        """Last day (exclusive) on which this is still a normal finding, or None."""
        if not self.expected or self.usual_duration is None:
            return None
        return self.onset.end + self.usual_duration.end


class HealingPhase(_Model, frozen=True):
    """A stretch of the recovery; phases are contiguous from day 0."""

    id: Id
    name: Text
    start_day: Day
    end_day: Day | None
    """Exclusive end; None for the last, open-ended phase."""
    summary: Text
    what_to_expect: tuple[Text, ...]
    what_to_do: tuple[Text, ...]
    source_ids: tuple[Id, ...] = Field(min_length=1)

    def contains(self, day: float) -> bool:
        """``start_day <= day < end_day``."""
        return self.start_day <= day and (self.end_day is None or day < self.end_day)


class EscalationCriterion(_Model, frozen=True):
    """A warning sign, how urgent it is, and the machine-readable rule that detects it."""

    id: Id
    urgency: Urgency
    """How fast to act when this sign is present."""
    sign: Text
    """The warning sign, in plain words."""
    action: Text
    """What to do, consistent with ``urgency`` (911, Info-Santé 811 or the clinic)."""
    rule: Rule
    """The machine-readable condition; the JSON export carries it too."""
    source_ids: tuple[Id, ...] = Field(min_length=1)


class AftercareInstruction(_Model, frozen=True):
    """One aftercare step with its time window and a one-line reason."""

    id: Id
    category_id: Id
    category: Text
    text: Text
    rationale: Text
    start_day: Day
    end_day: Day | None
    """Exclusive end of the window; None for "from now on"."""
    source_ids: tuple[Id, ...] = Field(min_length=1)
    screening_question_ids: tuple[Id, ...] = ()
    """Screening questions this step asks the patient to answer again before the next
    session (``Library.screening_question(id)``); empty for most steps."""


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
"""A lower-case hex SHA-256 digest."""


class Approval(_Model, frozen=True):
    """Who signed the clinical content, when, and which content (its fingerprint).

    The fingerprint is defined in :mod:`microneedling_info.approval`; a draft has
    no signature.
    """

    status: Literal["draft", "approved"]
    approved_by: Text | None = None
    """Name, profession and licence number of the signing clinician."""
    approved_on: dt.date | None = None
    content_sha256: Sha256 | None = None
    """Fingerprint of the content that was approved."""

    @model_validator(mode="after")
    def _signed(self) -> Approval:
        if self.status == "approved" and not (
            self.approved_by and self.approved_on and self.content_sha256
        ):
            raise ValueError("an approved record needs approved_by, approved_on and content_sha256")
        return self


class ContentInfo(_Model, frozen=True):
    """Governance facts about the content a library was built from."""

    content_version: str
    """Semantic version of the clinical content (not of the package); see the governance docs."""
    last_reviewed: dt.date
    """Date the content was last reviewed clinically."""
    next_review_due: dt.date
    """Date by which the content must be reviewed again."""
    locale: str
    """POSIX id of the library's locale, e.g. ``fr_CA``."""
    translated_share: Annotated[float, Field(ge=0, le=1)]
    """Share of texts that have a usable translation (1.0 for the source language)."""
    disclaimer: Text
    """Information, not a diagnosis; in an emergency, call 911."""
    approval: Approval
    """The clinical sign-off record shipped with the content."""
    content_sha256: Sha256
    """Fingerprint of the content this library was built from (what a clinician signs)."""

    @property
    def clinically_validated(self) -> bool:
        """Approved by a clinician, and the content is exactly what they approved.

        While False, handouts and exports say "Preliminary version - not clinically validated".
        """
        return (
            self.approval.status == "approved"
            and self.approval.content_sha256 == self.content_sha256
        )
