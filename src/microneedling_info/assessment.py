"""From a patient's report to "normal", "call the clinic", "care today" or "call 911".

The decision is driven by the content: expected side effects (with their
usual windows) say what is normal on a given day, and the escalation
criteria's rules say what is not. Nothing clinical is decided in this code.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .content import Value
from .formatting import format_value
from .models import EscalationCriterion, SideEffect
from .rules import AllOf, AnyOf, Observation, Rule, UnexplainedSymptom
from .vocab import Symptom, Urgency

if TYPE_CHECKING:
    from .library import Library

__all__ = ["Assessment", "Report", "assess"]

MAX_DAYS = 3650
MIN_TEMPERATURE_C = 30.0
MAX_TEMPERATURE_C = 45.0


class Report(BaseModel):
    """What the patient reports: the day since treatment, symptoms, and a temperature if taken.

    >>> Report(days_since_treatment=3, symptoms=["redness", Symptom.PUS]).symptoms == {
    ...     Symptom.REDNESS, Symptom.PUS}
    True
    """

    # defer_build: the validator is built on first use, not at import time.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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
        """The report a FHIR QuestionnaireResponse (a JSON dict) to the self-report carries."""
        from .fhir import report_from_questionnaire_response

        return report_from_questionnaire_response(data)

    @field_validator("symptoms", mode="before")
    @classmethod
    def _any_iterable(cls, value: Any) -> Any:
        if isinstance(value, str | bytes):
            raise ValueError(
                "symptoms must be a list of symptom ids, not a single string; valid ids: "
                + ", ".join(s.value for s in Symptom)
            )
        if isinstance(value, Iterable) and not isinstance(value, set | frozenset | list | tuple):
            return list(value)
        return value


class Assessment(BaseModel):
    """The answer to a report, with every text in the library's locale."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    urgency: Urgency
    """The most urgent matched criterion's level, or self_care."""
    matched: tuple[EscalationCriterion, ...]
    """Criteria that matched, most urgent first; empty exactly when urgency is self_care."""
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


def _uses_fallback(rule: Rule) -> bool:
    if isinstance(rule, UnexplainedSymptom):
        return True
    if isinstance(rule, AllOf | AnyOf):
        return any(_uses_fallback(r) for r in rule.rules)
    return False


@functools.lru_cache(maxsize=32)
def _partition(
    library: Library,
) -> tuple[tuple[EscalationCriterion, ...], tuple[EscalationCriterion, ...]]:
    """(specific criteria, fallback criteria) -- the fallback runs after the others."""
    specific = tuple(c for c in library.escalation_criteria if not _uses_fallback(c.rule))
    fallback = tuple(c for c in library.escalation_criteria if _uses_fallback(c.rule))
    return specific, fallback


def _expected_now(
    library: Library, day: float, symptoms: frozenset[Symptom]
) -> tuple[tuple[SideEffect, ...], frozenset[Symptom]]:
    effects: list[SideEffect] = []
    covered: set[Symptom] = set()
    for effect in library.side_effects:
        until = effect.expected_until
        if until is None or not (effect.onset.start <= day < until):
            continue
        hit = symptoms.intersection(effect.symptoms)
        if hit:
            effects.append(effect)
            covered |= hit
    return tuple(effects), frozenset(covered)


def assess(library: Library, report: Report) -> Assessment:
    """Assess ``report`` with ``library``'s content and language (see Library.assess)."""
    day, symptoms = report.days_since_treatment, report.symptoms
    expected, normal = _expected_now(library, day, symptoms)
    obs = Observation(day=day, symptoms=symptoms, temperature_c=report.temperature_c)
    specific, fallback = _partition(library)
    matched = [c for c in specific if c.rule.matches(obs)]
    explained: frozenset[Symptom] = frozenset().union(*(c.rule.explains(obs) for c in matched))
    unexplained = symptoms - normal - explained
    if unexplained:
        obs = Observation(day, symptoms, report.temperature_c, unexplained)
        matched += [c for c in fallback if c.rule.matches(obs)]
    matched.sort(key=lambda c: c.urgency, reverse=True)

    urgency = matched[0].urgency if matched else Urgency.SELF_CARE
    level = library.urgency_level(urgency)
    notes = tuple(
        library.message(
            "assessment.usually_gone_within",
            name=effect.name,
            duration=format_value(Value("days", until), library.locale),
        )
        for effect in expected
        if (until := effect.expected_until) is not None
    )
    headline_key = "assessment.headline." + (
        "nothing_reported" if urgency is Urgency.SELF_CARE and not symptoms else urgency.value
    )
    return Assessment.model_construct(
        urgency=urgency,
        matched=tuple(matched),
        expected=expected,
        expected_notes=notes,
        unusual_symptoms=tuple(sorted(unexplained)),
        headline=library.message(headline_key),
        action=level.action,
        timeframe=level.timeframe,
        disclaimer=library.info.disclaimer,
        locale=library.info.locale,
    )
