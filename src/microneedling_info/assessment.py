"""From a patient's report to "normal", "call the clinic", "care today" or "call 911".

The decision is driven by the content: expected side effects (with their
usual windows) say what is normal on a given day, and the escalation
criteria's rules say what is not. Nothing clinical is decided in this code.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, cast

from pydantic import BaseModel, Field, field_validator

from .content import DISCLAIMER_CONTEXT
from .dates import DEFAULT_TIME_ZONE, DateLike, day_number
from .errors import shown
from .models import EscalationCriterion, SideEffect, construct
from .signatures import DOCUMENTED
from .triage import Triage
from .vocab import MessageKey, Symptom, Urgency

if TYPE_CHECKING:
    from .library import Library

__all__ = ["Assessment", "Assessor", "Report", "as_report"]

_SYMPTOM_IDS = frozenset(s.value for s in Symptom)
"""A member hashes and compares as its id: one set answers for members and ids alike."""
MAX_DAYS = 3650
MAX_REPORTED = 1000
"""A report lists at most this many symptoms (duplicates included): bad input fails fast."""
MIN_TEMPERATURE_C = 30.0
MAX_TEMPERATURE_C = 45.0


class Report(BaseModel, frozen=True, extra="forbid", defer_build=True, **DOCUMENTED):
    """What the patient reports: the day since treatment, symptoms, and a temperature if taken.

    >>> Report(days_since_treatment=3, symptoms=["redness", Symptom.PUS]).symptoms == {
    ...     Symptom.REDNESS, Symptom.PUS}
    True
    """

    days_since_treatment: Annotated[float, Field(ge=0, le=MAX_DAYS, allow_inf_nan=False)]
    """Days since treatment: 0 is the day of treatment; fractions are allowed."""
    symptoms: frozenset[Symptom] = frozenset()
    """What the patient reports; any iterable of Symptom members or their ids."""
    temperature_c: (
        Annotated[float, Field(ge=MIN_TEMPERATURE_C, le=MAX_TEMPERATURE_C, allow_inf_nan=False)]
        | None
    ) = None
    """Body temperature in °C, if measured."""

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            days_since_treatment: float,
            symptoms: Iterable[Symptom | str] = (),
            temperature_c: float | None = None,
        ) -> None: ...

    @classmethod
    def from_questionnaire_response(cls, data: Mapping[str, Any]) -> Report:
        """The report a FHIR QuestionnaireResponse (a JSON dict) to the self-report carries.

        Raises ValueError naming what is expected (see the FHIR recipe).
        """
        from .fhir_response import report_fields

        return cls(**report_fields(data))

    @classmethod
    def from_dates(
        cls,
        treated_at: DateLike,
        at: DateLike | None = None,
        *,
        symptoms: Iterable[Symptom | str] = (),
        temperature_c: float | None = None,
        tz: str | dt.tzinfo = DEFAULT_TIME_ZONE,
    ) -> Report:
        """A report made at ``at`` (default: now) about a treatment at ``treated_at``.

        The day comes from :func:`~microneedling_info.day_number` (calendar days in
        the patient's time zone ``tz``; naive date-times and future treatments raise
        ValueError).
        """
        day = day_number(treated_at, at, tz=tz)
        return cls(days_since_treatment=day, symptoms=symptoms, temperature_c=temperature_c)

    @field_validator("days_since_treatment", "temperature_c", mode="before")
    @classmethod
    def _not_a_bool(cls, value: object) -> object:
        # JSON true is not day 1, nor a temperature.
        if isinstance(value, bool):
            raise ValueError(f"must be a number, not {value!r}")
        return value

    @field_validator("symptoms", mode="before")
    @classmethod
    def _any_iterable(cls, value: Any) -> Any:
        kind = (
            "a single string"
            if isinstance(value, str | bytes)
            else "a mapping (its values would be ignored)"
            if isinstance(value, Mapping)
            else None
        )
        if kind:
            raise ValueError(
                f"symptoms must be a list of symptom ids, not {kind}; valid ids: "
                + ", ".join(s.value for s in Symptom)
            )
        if not isinstance(value, Iterable):
            return value  # pydantic names the type
        items: list[object] = list(
            itertools.islice(cast("Iterable[object]", value), MAX_REPORTED + 1)
        )
        if len(items) > MAX_REPORTED:
            raise ValueError(f"at most {MAX_REPORTED} symptoms can be reported")
        for item in items:  # fail fast, on the first unknown id, with one short message
            if not (isinstance(item, str) and item in _SYMPTOM_IDS):
                valid = ", ".join(f"'{s.value}'" for s in Symptom)
                raise ValueError(f"unknown symptom {shown(item)}; valid ids: {valid}")
        return items


class Assessment(BaseModel, frozen=True, extra="forbid", defer_build=True, **DOCUMENTED):
    """The answer to a report, with every text in the library's locale."""

    urgency: Urgency
    """The most urgent matched criterion's level, or self_care."""
    label: str
    """The urgency level's label ("Urgent"), in the library's language."""
    matched: tuple[EscalationCriterion, ...]
    """Criteria that matched, most urgent first; empty exactly when urgency is self_care."""
    signs: tuple[str, ...]
    """The matched criteria's warning signs, in plain words, in the order of ``matched``."""
    expected: tuple[SideEffect, ...]
    """Reported symptoms that are a normal part of healing at this point."""
    expected_notes: tuple[str, ...]
    """For each of ``expected``: how long it usually lasts, in words."""
    unusual_symptoms: tuple[Symptom, ...]
    """Reported symptoms that are neither usual now nor covered by a specific warning sign."""
    headline: str
    """One plain sentence saying how serious this is."""
    action: str
    """What to do now: names 911 for an emergency and Info-Santé 811 for same-day care."""
    timeframe: str
    """How soon to act."""
    disclaimer: str
    """Information, not a diagnosis; in an emergency, call 911."""
    locale: str
    """POSIX id of the language of the texts."""


_HEADLINES: dict[Urgency, MessageKey] = {
    Urgency.SELF_CARE: "assessment.headline.self_care",
    Urgency.CONTACT_CLINIC: "assessment.headline.contact_clinic",
    Urgency.URGENT: "assessment.headline.urgent",
    Urgency.EMERGENCY: "assessment.headline.emergency",
}
_NOTHING_REPORTED: MessageKey = "assessment.headline.nothing_reported"
MAX_REMEMBERED = 1024
"""Answers an :class:`Assessor` keeps per library (then it forgets them all and starts over)."""

_Key = tuple[float, frozenset[Symptom], float | None]


def as_report(value: object) -> Report:
    """``value`` as a Report: a Report as is, a mapping validated (a FHIR response read)."""
    if isinstance(value, Report):
        return value
    if isinstance(value, Mapping) and "resourceType" in value:
        return Report.from_questionnaire_response(cast("Mapping[str, Any]", value))
    if isinstance(value, Mapping):
        return Report.model_validate(value)
    raise TypeError(
        f"assess() takes a Report, a mapping of its fields or a FHIR "
        f"QuestionnaireResponse, not {type(value).__name__}"
    )


class Assessor:
    """A library's ``assess``, compiled on its first call: rules, texts, recent answers.

    The answer is a pure function of the library and the report's three fields, and an
    Assessment is immutable: a report seen before (a validated Report is frozen, so
    equal fields are the same report) gets the answer already built, the common case
    of a form with a few checkboxes. Kept on the library, so it goes when the library does.
    """

    __slots__ = ("_answers", "_disclaimer", "_locale", "_nothing", "_texts", "_triage")

    def __init__(self, library: Library) -> None:
        self._triage = Triage(library)
        self._texts: dict[Urgency, tuple[str, str, str, str]] = {}
        for urgency, key in _HEADLINES.items():
            level = library.urgency_level(urgency)
            self._texts[urgency] = (
                level.label,
                level.action,
                level.timeframe,
                library.message(key),
            )
        self._nothing = library.message(_NOTHING_REPORTED)
        # The same texts as ``library.info``'s, without making it: its content fingerprint
        # is no part of an answer (the first answer stays cheap).
        self._disclaimer = library.texts[DISCLAIMER_CONTEXT]
        self._locale = str(library.locale)
        self._answers: dict[_Key, Assessment] = {}

    def assess(self, report: Report | Mapping[str, Any]) -> Assessment:
        """See :meth:`Library.assess`."""
        if not isinstance(report, Report):
            report = as_report(report)
        key = (report.days_since_treatment, report.symptoms, report.temperature_c)
        answer = self._answers.get(key)
        if answer is None:
            answer = self.answer(*key)
            if len(self._answers) >= MAX_REMEMBERED:
                self._answers.clear()
            self._answers[key] = answer
        return answer

    def answer(
        self, day: float, symptoms: frozenset[Symptom], temperature_c: float | None
    ) -> Assessment:
        """The answer, worked out afresh (what :meth:`assess` remembers)."""
        finding = self._triage.find(day, symptoms, temperature_c)
        matched = finding.matched
        urgency = matched[0].urgency if matched else Urgency.SELF_CARE
        label, action, timeframe, headline = self._texts[urgency]
        # "Nothing reported" only when nothing was: a temperature below every threshold was read.
        if not matched and not symptoms and temperature_c is None:
            headline = self._nothing
        return construct(
            Assessment,
            urgency=urgency,
            label=label,
            matched=matched,
            signs=tuple([c.sign for c in matched]),
            expected=finding.expected,
            expected_notes=finding.notes,
            unusual_symptoms=tuple(sorted(finding.unexplained)),
            headline=headline,
            action=action,
            timeframe=timeframe,
            disclaimer=self._disclaimer,
            locale=self._locale,
        )
