"""FHIR R4 for clinic systems: the self-report as a Questionnaire, the warning signs as a
PlanDefinition whose FHIRPath conditions any FHIR engine can run.

Everything is built from the library's data (symptoms, expected side-effect windows, the
escalation rules), so new content flows through without code changes. The output is plain
dicts ready for ``json.dumps``: no FHIR library is needed at run time (the tests validate
every resource with ``fhir.resources``' R4B models and run the conditions with ``fhirpathpy``).

Each condition is a ``text/fhirpath`` expression evaluated with the
QuestionnaireResponse to the self-report Questionnaire as its focus; it always
yields one boolean. The "not a usual part of healing" fallback is spelled out in
full: a reported symptom that no expected side effect covers on that day and no
matched specific warning sign explains.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from .fhir_base import (
    ECA_RULE,
    FALSE,
    SNOMED_CT,
    TRUE,
    Texts,
    all_of,
    any_of,
    applicability,
    bcp47,
    citation,
    code_system,
    governance_fields,
    item_text,
    level_code,
    negated,
)
from .fhir_response import (
    BASE_URL,
    DAYS,
    QUESTIONNAIRE_URL,
    SYMPTOMS,
    TEMPERATURE,
    UCUM,
    questionnaire_response,
)
from .rules import (
    AllOf,
    AllSymptoms,
    AnyOf,
    AnySymptom,
    DayAtLeast,
    DayBefore,
    Rule,
    TemperatureAtLeast,
    UnexplainedSymptom,
    uses_fallback,
)
from .vocab import Symptom, Urgency

if TYPE_CHECKING:
    from .library import Library
    from .models import EscalationCriterion, SideEffect

__all__ = [
    "BASE_URL",
    "PLAN_DEFINITION_URL",
    "QUESTIONNAIRE_URL",
    "SELF_CARE_ACTION",
    "URGENCY_SYSTEM",
    "conditions",
    "fhir_bundle",
    "questionnaire_response",
]

PLAN_DEFINITION_URL: Final = f"{BASE_URL}/PlanDefinition/warning-signs"
URGENCY_SYSTEM: Final = f"{BASE_URL}/CodeSystem/urgency"
"""Our four urgency levels: FHIR ``RequestPriority`` maps both self_care and contact_clinic
to ``routine``, so each action also carries its exact level as a code."""
UNIT_OPTION: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
MIN_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"

SELF_CARE_ACTION: Final = Urgency.SELF_CARE.value
"""The PlanDefinition action that applies when no warning sign does."""

# --- FHIRPath: the typed rules, compiled --------------------------------------------------------

_REPORTED: Final = f"item.where(linkId = '{SYMPTOMS}').item.where(answer.value = true).linkId"
"""The linkIds of the symptoms answered ``true``."""


def _number(value: float) -> str:
    """A FHIRPath decimal literal (never exponent notation)."""
    text = format(Decimal(repr(float(value))), "f")
    return text[:-2] if text.endswith(".0") else text


def _id_set(symptoms: Iterable[Symptom]) -> str:
    ids = [f"'{s.value}'" for s in dict.fromkeys(symptoms)]
    return ids[0] if len(ids) == 1 else "(" + " | ".join(ids) + ")"


def _reported_any(symptoms: Sequence[Symptom]) -> str:
    if not symptoms:
        return FALSE
    if len(symptoms) == 1:
        return f"({_REPORTED} contains '{symptoms[0].value}')"
    return f"{_REPORTED}.intersect({_id_set(symptoms)}).exists()"


def _reported_all(symptoms: Sequence[Symptom]) -> str:
    if not symptoms:
        return TRUE
    if len(symptoms) == 1:
        return _reported_any(symptoms)
    return f"{_id_set(symptoms)}.subsetOf({_REPORTED})"


def _day(test: str) -> str:
    return f"item.where(linkId = '{DAYS}').answer.where({test}).exists()"


def _day_window(start: float, until: float) -> str:
    """``start <= day < until``: a side effect's usual window."""
    return _day(f"value >= {_number(start)} and value < {_number(until)}")


def _temperature_at_least(celsius: float) -> str:
    return (
        f"item.where(linkId = '{TEMPERATURE}').answer.value.where(system = '{UCUM}' "
        f"and code = 'Cel' and value >= {_number(celsius)}).exists()"
    )


Known = Mapping[Symptom, bool]
"""Symptoms known to be reported (True) or not (False) where an expression is used."""


def _compile(rule: Rule, unexplained: str | None, known: Known | None = None) -> str:
    """``rule`` as a boolean FHIRPath expression; ``unexplained`` stands for the fallback.

    ``known`` symptoms are folded to constants, which keeps the fallback and the
    self-care conditions short (an engine evaluates them for every response).
    """
    known = known or {}
    if isinstance(rule, AnySymptom):
        if any(known.get(s) for s in rule.symptoms):
            return TRUE
        return _reported_any([s for s in rule.symptoms if s not in known])
    if isinstance(rule, AllSymptoms):
        if any(known.get(s) is False for s in rule.symptoms):
            return FALSE
        return _reported_all([s for s in rule.symptoms if s not in known])
    if isinstance(rule, DayAtLeast):
        return _day(f"value >= {_number(rule.day)}")
    if isinstance(rule, DayBefore):
        return _day(f"value < {_number(rule.day)}")
    if isinstance(rule, TemperatureAtLeast):
        return _temperature_at_least(rule.celsius)
    if isinstance(rule, UnexplainedSymptom):
        if unexplained is None:
            raise ValueError("the unexplained-symptom rule needs the fallback expression")
        return unexplained
    if isinstance(rule, AllOf):
        return all_of(_compile(r, unexplained, known) for r in rule.rules)
    if isinstance(rule, AnyOf):
        return any_of(_compile(r, unexplained, known) for r in rule.rules)
    raise TypeError(f"no FHIRPath translation for rule kind {rule.kind!r}")


def _explains(rule: Rule, symptom: Symptom) -> str:
    """Given that ``rule`` matched and ``symptom`` is reported: does the rule explain it?

    Mirrors ``Rule.explains``: symptom rules explain their own symptoms, ``all_of``
    explains what any part does, ``any_of`` only through the parts that matched.
    """
    if isinstance(rule, AnySymptom | AllSymptoms):
        return TRUE if symptom in rule.symptoms else FALSE
    if isinstance(rule, AllOf):
        return any_of(_explains(r, symptom) for r in rule.rules)
    if isinstance(rule, AnyOf):
        return any_of(
            all_of([_compile(r, None, {symptom: True}), _explains(r, symptom)]) for r in rule.rules
        )
    return FALSE


def _normal_today(symptom: Symptom, side_effects: Sequence[SideEffect]) -> str:
    """The day falls in the window of an expected side effect that ``symptom`` is part of."""
    return any_of(
        _day_window(effect.onset.start, until)
        for effect in side_effects
        if symptom in effect.symptoms and (until := effect.expected_until) is not None
    )


def _some_reported_where(conditions: Mapping[Symptom, str]) -> str:
    """Some reported symptom ``s`` has ``conditions[s]``; symptoms sharing one condition are
    tested together (one look at the response per group)."""
    groups: dict[str, list[Symptom]] = {}
    for symptom, condition in conditions.items():
        groups.setdefault(condition, []).append(symptom)
    return any_of(all_of([_reported_any(group), cond]) for cond, group in groups.items())


def conditions(library: Library) -> dict[str, str]:
    """The applicability condition of every PlanDefinition action, by action id.

    One per escalation criterion (same id), then :data:`SELF_CARE_ACTION`, which
    holds exactly when no criterion does.
    """
    criteria: Sequence[EscalationCriterion] = library.escalation_criteria
    specific = [c for c in criteria if not uses_fallback(c.rule)]
    fallback = [c for c in criteria if uses_fallback(c.rule)]
    normal = {s: _normal_today(s, library.side_effects) for s in Symptom}

    def explained(symptom: Symptom) -> str:
        return any_of(
            all_of([_compile(c.rule, None, {symptom: True}), _explains(c.rule, symptom)])
            for c in specific
        )

    # A reported symptom is unexplained when it is not normal today and no matched
    # specific criterion explains it; the fallback criteria run only then (as in assess).
    unexplained = _some_reported_where(
        {s: all_of([negated(normal[s]), negated(explained(s))]) for s in Symptom}
    )
    result = {c.id: _compile(c.rule, None) for c in specific}
    result |= {c.id: all_of([unexplained, _compile(c.rule, unexplained)]) for c in fallback}
    result = {c.id: result[c.id] for c in criteria}
    if SELF_CARE_ACTION in result:
        raise ValueError(f"criterion id {SELF_CARE_ACTION!r} is reserved for the self-care action")
    # Self-care: no specific criterion holds. So no symptom whose report alone makes one
    # hold is reported ("caught"), and nothing is explained.
    caught = [
        s for s in Symptom if any(_compile(c.rule, None, {s: True}) == TRUE for c in specific)
    ]
    absent = dict.fromkeys(caught, False)
    unexplained_alone = _some_reported_where(
        {s: negated(normal[s]) for s in Symptom if s not in absent}
    )
    result[SELF_CARE_ACTION] = all_of(
        [
            negated(_reported_any(caught)),
            negated(any_of(_compile(c.rule, None, absent) for c in specific)),
            negated(
                any_of(
                    all_of([unexplained_alone, _compile(c.rule, unexplained_alone)])
                    for c in fallback
                )
            ),
        ]
    )
    return result


# --- resources --------------------------------------------------------------------------------


def _snomed_codes(library: Library) -> dict[Symptom, str]:
    """A symptom's SNOMED CT concept: that of the side effect that is exactly this symptom."""
    return {
        effect.symptoms[0]: effect.snomed_ct
        for effect in library.side_effects
        if effect.snomed_ct and len(effect.symptoms) == 1
    }


def _questionnaire(library: Library, text: Texts) -> dict[str, Any]:
    snomed = _snomed_codes(library)

    def symptom_item(symptom: Symptom) -> dict[str, Any]:
        item: dict[str, Any] = {"linkId": symptom.value}
        if symptom in snomed:
            item["code"] = [{"system": SNOMED_CT, "code": snomed[symptom]}]
        item |= text("text", lambda lib: lib.symptom_name(symptom))
        item["type"] = "boolean"
        return item

    from .assessment import MAX_DAYS

    return {
        "resourceType": "Questionnaire",
        "id": "self-report",
        **governance_fields(library),
        "url": QUESTIONNAIRE_URL,
        "name": "MicroneedlingSelfReport",
        **text("title", lambda lib: lib.message("form.self_report.title")),
        "subjectType": ["Patient"],
        **text("description", lambda lib: lib.info.disclaimer),
        "item": [
            {
                "extension": [
                    {"url": MIN_VALUE, "valueInteger": 0},
                    {"url": MAX_VALUE, "valueInteger": MAX_DAYS},
                ],
                "linkId": DAYS,
                **text("text", lambda lib: lib.message("question.days_since_treatment")),
                "type": "integer",
                "required": True,
            },
            {
                "extension": [
                    {
                        "url": UNIT_OPTION,
                        "valueCoding": {"system": UCUM, "code": "Cel", "display": "°C"},
                    }
                ],
                "linkId": TEMPERATURE,
                **text("text", lambda lib: lib.message("question.temperature_c")),
                "type": "quantity",
                "required": False,
            },
            {
                "linkId": SYMPTOMS,
                **text("text", lambda lib: lib.message("question.symptoms")),
                "type": "group",
                "item": [symptom_item(s) for s in Symptom],
            },
        ],
    }


def _action(
    library: Library, text: Texts, condition: str, action_id: str, urgency: Urgency
) -> dict[str, Any]:
    """One PlanDefinition action: its urgency (code and FHIR priority) and condition."""
    return {
        "id": action_id,
        "code": [
            level_code(
                URGENCY_SYSTEM, urgency.value, text, item_text("urgency_level", urgency, "label")
            )
        ],
        "priority": library.urgency_level(urgency).fhir_priority_code,
        **applicability(condition),
    }


def _actions(library: Library, text: Texts) -> list[dict[str, Any]]:
    """One action per escalation criterion (same id), then the self-care action."""
    condition = conditions(library)
    actions: list[dict[str, Any]] = []
    for c in library.escalation_criteria:
        actions.append(
            {
                **_action(library, text, condition[c.id], c.id, c.urgency),
                **text("title", item_text("criterion", c.id, "sign")),
                **text("description", item_text("criterion", c.id, "action")),
                "documentation": [citation(library, s) for s in c.source_ids],
            }
        )
    self_care = Urgency.SELF_CARE
    actions.append(
        {
            **_action(library, text, condition[SELF_CARE_ACTION], SELF_CARE_ACTION, self_care),
            **text("title", item_text("urgency_level", self_care, "label")),
            **text("description", item_text("urgency_level", self_care, "action")),
        }
    )
    return actions


def _plan_definition(library: Library, text: Texts) -> dict[str, Any]:
    return {
        "resourceType": "PlanDefinition",
        "id": "warning-signs",
        **governance_fields(library),
        "url": PLAN_DEFINITION_URL,
        "name": "MicroneedlingWarningSigns",
        **text("title", lambda lib: lib.message("heading.escalation")),
        "type": ECA_RULE,
        **text("description", lambda lib: lib.info.disclaimer),
        "relatedArtifact": [
            # The conditions read responses to this Questionnaire (this content version).
            {
                "type": "depends-on",
                "resource": f"{QUESTIONNAIRE_URL}|{library.info.content_version}",
            },
            *(citation(library, s.id) for s in library.sources),
        ],
        "action": _actions(library, text),
    }


def fhir_bundle(library: Library) -> dict[str, Any]:
    """A FHIR R4 ``Bundle`` (``collection``): the self-report Questionnaire, the warning-sign
    PlanDefinition and the urgency CodeSystem, then the screening Questionnaire, PlanDefinition
    and outcome CodeSystem (:mod:`.fhir_screening`), in ``library``'s language with the other
    shipped languages as translations.

    >>> import microneedling_info as mi
    >>> bundle = mi.fhir_bundle(mi.get_library("fr-CA"))
    >>> [e["resource"]["id"] for e in bundle["entry"]]
    ['self-report', 'warning-signs', 'urgency', 'screening', 'screening', 'screening-outcome']
    >>> bundle["entry"][1]["resource"]["action"][0]["id"]
    'breathing'
    """
    from .fhir_screening import screening_resources

    text = Texts(library)
    levels = library.urgency_levels
    resources = [
        (QUESTIONNAIRE_URL, _questionnaire(library, text)),
        (PLAN_DEFINITION_URL, _plan_definition(library, text)),
        (
            URGENCY_SYSTEM,
            code_system(
                library, text, URGENCY_SYSTEM, "MicroneedlingUrgency", "urgency_level", levels
            ),
        ),
        *screening_resources(library, text),
    ]
    return {
        "resourceType": "Bundle",
        "language": bcp47(library.info.locale),
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
    }
