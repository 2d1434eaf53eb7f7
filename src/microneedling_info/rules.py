"""The closed, typed rule language of escalation criteria and screening rules.

Rules are data (``content.json`` and the JSON export carry them as objects with a
``kind``); evaluating them is plain attribute checks, never ``eval``. Every rule
is monotone in the reported symptoms and the temperature, so adding a symptom or
a degree of fever can never lower the urgency; and in the screening answers, so
answering "yes" (or a more recent date) never relaxes a screening outcome.
"""

# No ``from __future__ import annotations`` here: pydantic would then compile and eval every
# field's annotation string when the class is made (~2 ms of each cold start over the
# models, rules and screening modules); a forward reference is quoted instead.
import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import Field

from .signatures import FrozenModel
from .vocab import Symptom

__all__ = [
    "AllOf",
    "AllSymptoms",
    "AnswerYes",
    "AnsweredWithin",
    "AnyOf",
    "AnySymptom",
    "DayAtLeast",
    "DayBefore",
    "Observation",
    "Rule",
    "TemperatureAtLeast",
    "UnexplainedSymptom",
    "rule_from_data",
    "uses_fallback",
]


class Observation(NamedTuple):
    """What the rules see: a validated report plus what the content makes of it.

    A named tuple: one is made per assessment, and a tuple is the cheapest immutable record.
    """

    day: float
    symptoms: frozenset[Symptom]
    temperature_c: float | None
    unexplained: frozenset[Symptom] = frozenset()
    """Reported symptoms that are neither expected today nor explained by another rule."""
    answers: Mapping[str, bool | dt.date] = MappingProxyType({})
    """Screening answers by question id: ``True``/``False``, or a date ("when did you last...")."""
    on: dt.date | None = None
    """The planned treatment date that screening windows count back from."""


_NOTHING: frozenset[Symptom] = frozenset()


def _union(parts: Iterable[frozenset[Symptom]]) -> frozenset[Symptom]:
    """The union of a few mostly empty sets, without building any set it does not need."""
    out = _NOTHING
    for part in parts:
        if part:
            out = out | part if out else part
    return out


class _Rule(FrozenModel, frozen=True):
    """Base of the rule kinds (see :class:`~microneedling_info.signatures.FrozenModel`)."""

    def explains(self, obs: Observation) -> frozenset[Symptom]:
        """Reported symptoms this rule is about (for the "not usual" fallback)."""
        return _NOTHING

    def needs(self) -> frozenset[Symptom] | None:
        """Symptoms one of which a report must hold for this rule to match.

        None when it can match with no symptom at all (a temperature, a day). The
        library files each criterion under these symptoms (see ``triage``).
        """
        return None


class AnySymptom(_Rule, frozen=True):
    """At least one of ``symptoms`` is reported."""

    kind: Literal["any_symptom"] = "any_symptom"
    """Always ``any_symptom``: tells the rule kinds apart in JSON."""
    symptoms: tuple[Symptom, ...] = Field(min_length=1)
    """The symptoms, any one of which matches."""

    def matches(self, obs: Observation) -> bool:
        return not obs.symptoms.isdisjoint(self.symptoms)

    def needs(self) -> frozenset[Symptom]:
        return frozenset(self.symptoms)

    def explains(self, obs: Observation) -> frozenset[Symptom]:
        return obs.symptoms.intersection(self.symptoms)


class AllSymptoms(_Rule, frozen=True):
    """Every one of ``symptoms`` is reported."""

    kind: Literal["all_symptoms"] = "all_symptoms"
    """Always ``all_symptoms``."""
    symptoms: tuple[Symptom, ...] = Field(min_length=1)
    """The symptoms, all of which must be reported."""

    def matches(self, obs: Observation) -> bool:
        return obs.symptoms.issuperset(self.symptoms)

    def needs(self) -> frozenset[Symptom]:
        return frozenset(self.symptoms)

    def explains(self, obs: Observation) -> frozenset[Symptom]:
        return obs.symptoms.intersection(self.symptoms)


class DayAtLeast(_Rule, frozen=True):
    """The report is on or after day ``day`` (e.g. redness still there at day 7)."""

    kind: Literal["day_at_least"] = "day_at_least"
    """Always ``day_at_least``."""
    day: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    """The first day (after treatment) on which the rule matches."""

    def matches(self, obs: Observation) -> bool:
        return obs.day >= self.day


class DayBefore(_Rule, frozen=True):
    """The report is before day ``day`` (e.g. swelling near the eyes in the first days)."""

    kind: Literal["day_before"] = "day_before"
    """Always ``day_before``."""
    day: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    """The day (after treatment) from which the rule no longer matches."""

    def matches(self, obs: Observation) -> bool:
        return obs.day < self.day


class TemperatureAtLeast(_Rule, frozen=True):
    """A measured temperature of ``celsius`` or more."""

    kind: Literal["temperature_at_least"] = "temperature_at_least"
    """Always ``temperature_at_least``."""
    celsius: Annotated[float, Field(ge=30, le=45)]
    """The lowest measured temperature, in °C, that matches."""

    def matches(self, obs: Observation) -> bool:
        return obs.temperature_c is not None and obs.temperature_c >= self.celsius


class UnexplainedSymptom(_Rule, frozen=True):
    """A reported symptom that is not a usual part of healing today and no other rule covers."""

    kind: Literal["unexplained_symptom"] = "unexplained_symptom"
    """Always ``unexplained_symptom``."""

    def matches(self, obs: Observation) -> bool:
        return bool(obs.unexplained)

    def needs(self) -> frozenset[Symptom]:
        return frozenset(Symptom)

    def explains(self, obs: Observation) -> frozenset[Symptom]:
        return obs.unexplained


QuestionId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_]*$")]


def _said_yes(answer: bool | dt.date | None) -> bool:
    return answer is True or isinstance(answer, dt.date)


class AnswerYes(_Rule, frozen=True):
    """The screening question ``question`` was answered yes (or, for a date question, a date)."""

    kind: Literal["answer_yes"] = "answer_yes"
    """Always ``answer_yes``."""
    question: QuestionId
    """The id of the screening question."""

    def matches(self, obs: Observation) -> bool:
        return _said_yes(obs.answers.get(self.question))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months, clamped to the month's last day (31 Aug + 6 = 28 Feb)."""
    import calendar  # here: only screening answers with a date need it, not start-up

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class AnsweredWithin(_Rule, frozen=True):
    """The date answered to ``question`` is less than ``amount`` ``unit``s before the treatment
    date (isotretinoin taken in the last 6 months). A date on or after the treatment date
    matches; so does ``True`` ("yes, but I do not know when"): not knowing never relaxes."""

    kind: Literal["answered_within"] = "answered_within"
    """Always ``answered_within``."""
    question: QuestionId
    """The id of the date question."""
    amount: Annotated[int, Field(ge=1, le=120)]
    """How many of ``unit`` before the treatment date: a later date matches."""
    unit: Literal["day", "week", "month"]
    """A calendar unit, as FHIR/UCUM durations have them (``d``, ``wk``, ``mo``)."""

    def until(self, answered: dt.date) -> dt.date:
        """The first day on which an answer of ``answered`` no longer matches."""
        if self.unit == "month":
            return add_months(answered, self.amount)
        return answered + dt.timedelta(days=self.amount * (7 if self.unit == "week" else 1))

    def matches(self, obs: Observation) -> bool:
        answer = obs.answers.get(self.question)
        if answer is True:
            return True
        if not isinstance(answer, dt.date) or obs.on is None:
            return False
        return obs.on < self.until(answer)


class AllOf(_Rule, frozen=True):
    """Every sub-rule matches."""

    kind: Literal["all_of"] = "all_of"
    """Always ``all_of``."""
    rules: tuple["Rule", ...] = Field(min_length=1)
    """The sub-rules, every one of which must match."""

    def matches(self, obs: Observation) -> bool:
        return all(r.matches(obs) for r in self.rules)

    def needs(self) -> frozenset[Symptom] | None:
        """Every sub-rule must match: the narrowest of their needs will do."""
        needs = [n for r in self.rules if (n := r.needs()) is not None]
        return min(needs, key=len) if needs else None

    def explains(self, obs: Observation) -> frozenset[Symptom]:
        return _union(r.explains(obs) for r in self.rules)


class AnyOf(_Rule, frozen=True):
    """At least one sub-rule matches."""

    kind: Literal["any_of"] = "any_of"
    """Always ``any_of``."""
    rules: tuple["Rule", ...] = Field(min_length=1)
    """The sub-rules, any one of which matches."""

    def matches(self, obs: Observation) -> bool:
        return any(r.matches(obs) for r in self.rules)

    def needs(self) -> frozenset[Symptom] | None:
        """One sub-rule must match: the union of their needs, None if one needs nothing."""
        union: set[Symptom] = set()
        for rule in self.rules:
            needs = rule.needs()
            if needs is None:
                return None
            union |= needs
        return frozenset(union)

    def explains(self, obs: Observation) -> frozenset[Symptom]:
        return _union(r.explains(obs) for r in self.rules if r.matches(obs))


Rule = Annotated[
    AnySymptom
    | AllSymptoms
    | DayAtLeast
    | DayBefore
    | TemperatureAtLeast
    | UnexplainedSymptom
    | AnswerYes
    | AnsweredWithin
    | AllOf
    | AnyOf,
    Field(discriminator="kind"),
]
"""One rule; ``kind`` tells which."""


def uses_fallback(rule: Rule) -> bool:
    """Whether ``rule`` looks at unexplained symptoms (it runs after the other rules)."""
    if isinstance(rule, UnexplainedSymptom):
        return True
    if isinstance(rule, AllOf | AnyOf):
        return any(uses_fallback(r) for r in rule.rules)
    return False


_KINDS: dict[str, type[_Rule]] = {
    cls.model_fields["kind"].default: cls
    for cls in (
        AnySymptom,
        AllSymptoms,
        DayAtLeast,
        DayBefore,
        TemperatureAtLeast,
        UnexplainedSymptom,
        AnswerYes,
        AnsweredWithin,
        AllOf,
        AnyOf,
    )
}


def rule_from_data(data: Mapping[str, Any]) -> Rule:
    """Build a rule from trusted shipped data without running validation.

    The test suite validates the shipped rules through the models; this only
    assembles them, so start-up does not pay for pydantic validation.
    """
    cls = _KINDS[data["kind"]]
    fields: dict[str, Any] = {"kind": data["kind"]}
    for key, value in data.items():
        if key == "rules":
            fields[key] = tuple(rule_from_data(r) for r in value)
        elif key == "symptoms":
            fields[key] = tuple(Symptom(s) for s in value)
        elif key != "kind":
            fields[key] = value
    return cls.model_construct(**fields)  # type: ignore[return-value]
