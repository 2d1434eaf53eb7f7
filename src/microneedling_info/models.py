"""Typed, immutable content models (pydantic v2).

Every text field holds a plain ``str`` already in the library's locale. Shipped
content is built with ``model_construct`` (it is validated by the test suite,
not at every start-up); anything coming from outside -- a JSON export loaded
back, a :class:`~microneedling_info.assessment.Report` -- is validated.
"""

# No ``from __future__ import annotations`` here: pydantic would then compile and eval every
# field's annotation string when the class is made (~2 ms of each cold start over the
# models, rules and screening modules); a forward reference is quoted instead.
import datetime as dt
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, model_validator

from .rules import Rule
from .signatures import FrozenModel
from .vocab import Frequency, ScreeningOutcome, Symptom, Urgency

__all__ = [
    "AftercareInstruction",
    "Approval",
    "ContentInfo",
    "Criterion",
    "DayRange",
    "EscalationCriterion",
    "HealingPhase",
    "Level",
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
    _set_dict(instance, "__dict__", values)
    _set_fields_set(instance, set(values))
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


# BaseModel's own slots, set through their descriptors: ``object.__setattr__`` (the frozen
# model's ``__setattr__`` refuses) looks each name up first, which made up half the cost.
_set_dict = object.__setattr__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class DayRange(FrozenModel, frozen=True):
    """A span in days; ``start <= end``. Onsets count from the day of treatment.

    JSON Schema cannot compare two fields, so schema validators do not check
    ``start <= end``; loading a document with this model does.
    """

    start: Day
    """First day of the span (days after treatment; fractions allowed)."""
    end: Day
    """Last day of the span, inclusive; never before ``start``."""

    @model_validator(mode="after")
    def _ordered(self) -> "DayRange":
        if self.start > self.end:
            raise ValueError(f"start ({self.start}) must not be after end ({self.end})")
        return self


class Source(FrozenModel, frozen=True):
    """A published source that content items cite by ``id``."""

    id: Id
    """Stable id that content items cite in their ``source_ids``."""
    title: Text
    """Title of the work, as published."""
    publisher: Text
    """Who published it (an agency, a journal, a clinic)."""
    year: Annotated[int, Field(ge=1900, le=2100)]
    """Year of publication."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    """Language of the title as published (ISO 639-1, e.g. ``fr``): a page in another language
    marks the title with it (WCAG 3.1.2, language of parts)."""
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    """An http(s) address (never ``javascript:`` or a local file)."""
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    """Digital Object Identifier (``10.xxxx/...``), when there is one."""

    @model_validator(mode="after")
    def _locatable(self) -> "Source":
        if not (self.url or self.doi):
            raise ValueError(f"source {self.id!r} needs a url or a doi")
        return self

    @property
    def link(self) -> str | None:
        """Where to read it: the DOI resolver when there is a DOI, else the URL."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class Level(FrozenModel, frozen=True):
    """What one level of an answer means for the patient: its name and what to do.

    The base of :class:`UrgencyLevel` (after treatment) and
    :class:`~microneedling_info.ScreeningOutcomeLevel` (before it), each of which narrows
    ``id`` to its own ids. Not a generic model: parametrizing one (``Level[Urgency]``)
    makes pydantic build its schema and load its plugin machinery at import, which cost
    every start-up ~25 ms (``defer_build`` does not apply there).
    """

    id: Urgency | ScreeningOutcome
    """Which level: one of the :class:`Urgency` or :class:`ScreeningOutcome` ids."""
    label: Text
    """Short name, used as a heading ("Emergency", "Call your clinic", "Wait for now")."""
    action: Text
    """What to do: names 911, Info-Santé 811 or the clinic; before treatment, what to do
    before booking."""


class UrgencyLevel(Level, frozen=True):
    """What one urgency level means for the patient, with crosswalks for other systems."""

    id: Urgency
    """Which level: one of the :class:`Urgency` ids."""

    timeframe: Text
    """How soon to act ("Now", "Today", "Within 2 days")."""
    fhir_priority_code: str
    """FHIR ``RequestPriority`` code (routine, urgent, asap, stat)."""
    nhs_care_card_code: str | None
    """NHS website care-card type (non-urgent, urgent, immediate); None for self-care."""


class SideEffect(FrozenModel, frozen=True):
    """Something the skin may do after microneedling, normal or not."""

    id: Id
    """Stable id (``redness``); never translated."""
    name: Text
    """Short name, used as a heading."""
    summary: Text
    """One or two plain sentences on what it is and how long it lasts."""
    frequency: Frequency
    """How often it happens (CIOMS category)."""
    expected: bool
    """True for a normal part of healing; False for a complication."""
    onset: DayRange
    """When it starts, in days after treatment."""
    usual_duration: DayRange | None
    """How long it usually lasts once started, in days; None when no source says."""
    symptoms: tuple[Symptom, ...] = ()
    """The reportable symptoms that are this side effect."""
    self_care: tuple[Text, ...]
    """What the patient can do at home, one step per item."""
    seek_care_if: tuple[Text, ...]
    """When to get help, one sign per item."""
    source_ids: tuple[Id, ...] = Field(min_length=1)
    """Ids of the sources (``Library.sources``) that support it."""
    snomed_ct: str | None = None
    """SNOMED CT concept id where one fits (from the free IPS set), else None."""

    @property
    def expected_until(self) -> float | None:
        """Last day (exclusive) on which this is still a normal finding, or None."""
        if not self.expected or self.usual_duration is None:
            return None
        return self.onset.end + self.usual_duration.end


class HealingPhase(FrozenModel, frozen=True):
    """A stretch of the recovery; phases are contiguous from day 0."""

    id: Id
    """Stable id (``days-1-3``); never translated."""
    name: Text
    """Short name, used as a heading."""
    start_day: Day
    """First day of the phase (day 0 is the day of treatment)."""
    end_day: Day | None
    """Exclusive end; None for the last, open-ended phase."""
    summary: Text
    """One or two plain sentences on this stretch of healing."""
    what_to_expect: tuple[Text, ...]
    """What is normal now, one item per line."""
    what_to_do: tuple[Text, ...]
    """What to do now, one step per item."""
    source_ids: tuple[Id, ...] = Field(min_length=1)
    """Ids of the sources that support it."""

    def contains(self, day: float) -> bool:
        """``start_day <= day < end_day``."""
        return self.start_day <= day and (self.end_day is None or day < self.end_day)


class Criterion(FrozenModel, frozen=True):
    """A condition on what the patient says, what to do when it holds, and its sources.

    The base of :class:`EscalationCriterion` (warning signs after treatment) and
    :class:`~microneedling_info.ScreeningCriterion` (answers before it).
    """

    id: Id
    """Stable id (``infection-signs``); never translated; also its FHIR PlanDefinition
    action's id."""
    action: Text
    """What to do, consistent with the criterion's level (911, Info-Santé 811, the clinic;
    before treatment, until when to wait)."""
    rule: Rule
    """The machine-readable condition; the JSON export carries it too."""
    source_ids: tuple[Id, ...] = Field(min_length=1)
    """Ids of the sources that support it."""


class EscalationCriterion(Criterion, frozen=True):
    """A warning sign, how urgent it is, and the machine-readable rule that detects it."""

    urgency: Urgency
    """How fast to act when this sign is present."""
    sign: Text
    """The warning sign, in plain words."""


class AftercareInstruction(FrozenModel, frozen=True):
    """One aftercare step with its time window and a one-line reason."""

    id: Id
    """Stable id (``cleanse``); never translated."""
    category_id: Id
    """Stable id of its group (``sun``)."""
    category: Text
    """Heading of its group, in the library's language."""
    text: Text
    """The instruction itself, in the imperative."""
    rationale: Text
    """One-line reason for the instruction."""
    start_day: Day
    """First day it applies (day 0 is the day of treatment)."""
    end_day: Day | None
    """Exclusive end of the window; None for "from now on"."""
    source_ids: tuple[Id, ...] = Field(min_length=1)
    """Ids of the sources that support it."""
    screening_question_ids: tuple[Id, ...] = ()
    """Screening questions this step asks the patient to answer again before the next
    session (``Library.screening_question(id)``); empty for most steps."""


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
"""A lower-case hex SHA-256 digest."""


class Approval(FrozenModel, frozen=True):
    """Who signed the clinical content, when, and which content (its fingerprint).

    The fingerprint is defined in :mod:`microneedling_info.approval`; a draft has
    no signature.
    """

    status: Literal["draft", "approved"]
    """``draft`` until a clinician signs, then ``approved``."""
    approved_by: Text | None = None
    """Name, profession and licence number of the signing clinician."""
    approved_on: dt.date | None = None
    """Date of the signature."""
    content_sha256: Sha256 | None = None
    """Fingerprint of the content that was approved."""

    @model_validator(mode="after")
    def _signed(self) -> "Approval":
        if self.status == "approved" and not (
            self.approved_by and self.approved_on and self.content_sha256
        ):
            raise ValueError("an approved record needs approved_by, approved_on and content_sha256")
        return self


class ContentInfo(FrozenModel, frozen=True):
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
