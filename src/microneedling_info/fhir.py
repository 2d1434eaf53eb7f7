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

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

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
    from .assessment import Report
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
    "report_from_questionnaire_response",
]

BASE_URL: Final = "https://microneedling-info.invalid/fhir"
"""Root of this content's canonical URLs: stable identifiers, not download locations."""
QUESTIONNAIRE_URL: Final = f"{BASE_URL}/Questionnaire/self-report"
PLAN_DEFINITION_URL: Final = f"{BASE_URL}/PlanDefinition/warning-signs"
URGENCY_SYSTEM: Final = f"{BASE_URL}/CodeSystem/urgency"
"""Our four urgency levels: FHIR ``RequestPriority`` maps both self_care and contact_clinic
to ``routine``, so each action also carries its exact level as a code."""
APPROVAL_SYSTEM: Final = f"{BASE_URL}/CodeSystem/content-approval"
CONTENT_SHA256_SYSTEM: Final = f"{BASE_URL}/content-sha256"
"""Identifier system of the content fingerprint a clinician signs (see the approval docs)."""

TRANSLATION: Final = "http://hl7.org/fhir/StructureDefinition/translation"
UNIT_OPTION: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
MIN_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"
UCUM: Final = "http://unitsofmeasure.org"
SNOMED_CT: Final = "http://snomed.info/sct"
PUBLISHER: Final = "microneedling-info"

DAYS: Final = "days_since_treatment"
TEMPERATURE: Final = "temperature_c"
SYMPTOMS: Final = "symptoms"
"""linkIds: the day, the temperature, and the group holding one boolean item per symptom id."""
SELF_CARE_ACTION: Final = Urgency.SELF_CARE.value
"""The PlanDefinition action that applies when no warning sign does."""

_TRUE: Final = "true"
_FALSE: Final = "false"


# --- FHIRPath: the typed rules, compiled --------------------------------------------------------

_REPORTED: Final = f"item.where(linkId = '{SYMPTOMS}').item.where(answer.value = true).linkId"
"""The linkIds of the symptoms answered ``true``."""


def _number(value: float) -> str:
    """A FHIRPath decimal literal (never exponent notation)."""
    text = format(Decimal(repr(float(value))), "f")
    return text[:-2] if text.endswith(".0") else text


def _any(parts: Iterable[str]) -> str:
    kept = [p for p in dict.fromkeys(parts) if p != _FALSE]
    if _TRUE in kept:
        return _TRUE
    if not kept:
        return _FALSE
    return kept[0] if len(kept) == 1 else "(" + " or ".join(kept) + ")"


def _all(parts: Iterable[str]) -> str:
    kept = [p for p in dict.fromkeys(parts) if p != _TRUE]
    if _FALSE in kept:
        return _FALSE
    if not kept:
        return _TRUE
    return kept[0] if len(kept) == 1 else "(" + " and ".join(kept) + ")"


def _not(part: str) -> str:
    if part in (_TRUE, _FALSE):
        return _FALSE if part == _TRUE else _TRUE
    return f"({part}).not()"


def _id_set(symptoms: Iterable[Symptom]) -> str:
    ids = [f"'{s.value}'" for s in dict.fromkeys(symptoms)]
    return ids[0] if len(ids) == 1 else "(" + " | ".join(ids) + ")"


def _reported_any(symptoms: Sequence[Symptom]) -> str:
    if not symptoms:
        return _FALSE
    if len(symptoms) == 1:
        return f"({_REPORTED} contains '{symptoms[0].value}')"
    return f"{_REPORTED}.intersect({_id_set(symptoms)}).exists()"


def _reported_all(symptoms: Sequence[Symptom]) -> str:
    if not symptoms:
        return _TRUE
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
            return _TRUE
        return _reported_any([s for s in rule.symptoms if s not in known])
    if isinstance(rule, AllSymptoms):
        if any(known.get(s) is False for s in rule.symptoms):
            return _FALSE
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
        return _all(_compile(r, unexplained, known) for r in rule.rules)
    if isinstance(rule, AnyOf):
        return _any(_compile(r, unexplained, known) for r in rule.rules)
    raise TypeError(f"no FHIRPath translation for rule kind {rule.kind!r}")


def _explains(rule: Rule, symptom: Symptom) -> str:
    """Given that ``rule`` matched and ``symptom`` is reported: does the rule explain it?

    Mirrors ``Rule.explains``: symptom rules explain their own symptoms, ``all_of``
    explains what any part does, ``any_of`` only through the parts that matched.
    """
    if isinstance(rule, AnySymptom | AllSymptoms):
        return _TRUE if symptom in rule.symptoms else _FALSE
    if isinstance(rule, AllOf):
        return _any(_explains(r, symptom) for r in rule.rules)
    if isinstance(rule, AnyOf):
        return _any(
            _all([_compile(r, None, {symptom: True}), _explains(r, symptom)]) for r in rule.rules
        )
    return _FALSE


def _normal_today(symptom: Symptom, side_effects: Sequence[SideEffect]) -> str:
    """The day falls in the window of an expected side effect that ``symptom`` is part of."""
    return _any(
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
    return _any(_all([_reported_any(group), cond]) for cond, group in groups.items())


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
        return _any(
            _all([_compile(c.rule, None, {symptom: True}), _explains(c.rule, symptom)])
            for c in specific
        )

    # A reported symptom is unexplained when it is not normal today and no matched
    # specific criterion explains it; the fallback criteria run only then (as in assess).
    unexplained = _some_reported_where(
        {s: _all([_not(normal[s]), _not(explained(s))]) for s in Symptom}
    )
    result = {c.id: _compile(c.rule, None) for c in specific}
    result |= {c.id: _all([unexplained, _compile(c.rule, unexplained)]) for c in fallback}
    result = {c.id: result[c.id] for c in criteria}
    if SELF_CARE_ACTION in result:
        raise ValueError(f"criterion id {SELF_CARE_ACTION!r} is reserved for the self-care action")
    # Self-care: no specific criterion holds. So no symptom whose report alone makes one
    # hold is reported ("caught"), and nothing is explained.
    caught = [
        s for s in Symptom if any(_compile(c.rule, None, {s: True}) == _TRUE for c in specific)
    ]
    absent = dict.fromkeys(caught, False)
    unexplained_alone = _some_reported_where(
        {s: _not(normal[s]) for s in Symptom if s not in absent}
    )
    result[SELF_CARE_ACTION] = _all(
        [
            _not(_reported_any(caught)),
            _not(_any(_compile(c.rule, None, absent) for c in specific)),
            _not(
                _any(
                    _all([unexplained_alone, _compile(c.rule, unexplained_alone)]) for c in fallback
                )
            ),
        ]
    )
    return result


# --- texts in every language ------------------------------------------------------------------


def _bcp47(posix: str) -> str:
    return posix.replace("_", "-")


class _Texts:
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
        translations = []
        for other in self.others:
            value = text(other)
            fell_back = other.missing_translations and other.locale.language != self.source_language
            if fell_back and value == text(self.source):
                continue
            translations.append(
                {
                    "url": TRANSLATION,
                    "extension": [
                        {"url": "lang", "valueCode": _bcp47(other.info.locale)},
                        {"url": "content", "valueString": value},
                    ],
                }
            )
        result: dict[str, Any] = {name: base}
        if translations:
            result["_" + name] = {"extension": translations}
        return result


# --- resources --------------------------------------------------------------------------------


def _item_text(kind: str, item_id: str, field: str) -> Callable[[Library], str]:
    """Reads ``field`` of one item (``lib.criterion(id).sign``...) from any library."""

    def read(lib: Library) -> str:
        return str(getattr(getattr(lib, kind)(item_id), field))

    return read


def _governance(library: Library) -> dict[str, Any]:
    """Version, status and review dates shared by the definition resources."""
    info = library.info
    # Active only when a clinician approved exactly this content (ContentInfo.approval).
    approved = info.clinically_validated
    governance: dict[str, Any] = {
        "meta": {"tag": [{"system": APPROVAL_SYSTEM, "code": "approved" if approved else "draft"}]},
        "language": _bcp47(info.locale),
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


def _snomed_codes(library: Library) -> dict[Symptom, str]:
    """A symptom's SNOMED CT concept: that of the side effect that is exactly this symptom."""
    return {
        effect.symptoms[0]: effect.snomed_ct
        for effect in library.side_effects
        if effect.snomed_ct and len(effect.symptoms) == 1
    }


def _questionnaire(library: Library, text: _Texts) -> dict[str, Any]:
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
        **_governance(library),
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


def _urgency_code(level: Urgency, text: _Texts) -> dict[str, Any]:
    return {
        "coding": [
            {
                "system": URGENCY_SYSTEM,
                "code": level.value,
                **text("display", lambda lib: lib.urgency_level(level).label),
            }
        ]
    }


def _citation(library: Library, source_id: str) -> dict[str, Any]:
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


def _plan_definition(library: Library, text: _Texts) -> dict[str, Any]:
    condition = conditions(library)

    def action(
        action_id: str, urgency: Urgency, title: dict[str, Any], description: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "id": action_id,
            **title,
            **description,
            "code": [_urgency_code(urgency, text)],
            "priority": library.urgency_level(urgency).fhir_priority_code,
            "condition": [
                {
                    "kind": "applicability",
                    "expression": {
                        "language": "text/fhirpath",
                        "expression": condition[action_id],
                    },
                }
            ],
            "input": [{"type": "QuestionnaireResponse"}],
        }

    actions = []
    for c in library.escalation_criteria:
        entry = action(
            c.id,
            c.urgency,
            text("title", _item_text("criterion", c.id, "sign")),
            text("description", _item_text("criterion", c.id, "action")),
        )
        entry["documentation"] = [_citation(library, s) for s in c.source_ids]
        actions.append(entry)
    actions.append(
        action(
            SELF_CARE_ACTION,
            Urgency.SELF_CARE,
            text("title", lambda lib: lib.urgency_level(Urgency.SELF_CARE).label),
            text("description", lambda lib: lib.urgency_level(Urgency.SELF_CARE).action),
        )
    )
    return {
        "resourceType": "PlanDefinition",
        "id": "warning-signs",
        **_governance(library),
        "url": PLAN_DEFINITION_URL,
        "name": "MicroneedlingWarningSigns",
        **text("title", lambda lib: lib.message("heading.escalation")),
        "type": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/plan-definition-type",
                    "code": "eca-rule",
                }
            ]
        },
        **text("description", lambda lib: lib.info.disclaimer),
        "relatedArtifact": [
            # The conditions read responses to this Questionnaire (this content version).
            {
                "type": "depends-on",
                "resource": f"{QUESTIONNAIRE_URL}|{library.info.content_version}",
            },
            *(_citation(library, s.id) for s in library.sources),
        ],
        "action": actions,
    }


def _urgency_code_system(library: Library, text: _Texts) -> dict[str, Any]:
    governance = _governance(library)
    del governance["lastReviewDate"]  # not elements of CodeSystem
    governance.pop("approvalDate", None)
    return {
        "resourceType": "CodeSystem",
        "id": "urgency",
        **governance,
        "url": URGENCY_SYSTEM,
        "name": "MicroneedlingUrgency",
        "caseSensitive": True,
        "content": "complete",
        "concept": [
            {
                "code": level.id.value,
                **text("display", _item_text("urgency_level", level.id, "label")),
                **text("definition", _item_text("urgency_level", level.id, "action")),
            }
            for level in library.urgency_levels
        ],
    }


def fhir_bundle(library: Library) -> dict[str, Any]:
    """A FHIR R4 ``Bundle`` (``collection``): the self-report Questionnaire, the warning-sign
    PlanDefinition and the urgency CodeSystem, in ``library``'s language with the other
    shipped languages as translations.

    >>> import microneedling_info as mi
    >>> bundle = mi.fhir_bundle(mi.get_library("fr-CA"))
    >>> [e["resource"]["resourceType"] for e in bundle["entry"]]
    ['Questionnaire', 'PlanDefinition', 'CodeSystem']
    >>> bundle["entry"][1]["resource"]["action"][0]["id"]
    'breathing'
    """
    text = _Texts(library)
    resources = [
        (QUESTIONNAIRE_URL, _questionnaire(library, text)),
        (PLAN_DEFINITION_URL, _plan_definition(library, text)),
        (URGENCY_SYSTEM, _urgency_code_system(library, text)),
    ]
    return {
        "resourceType": "Bundle",
        "language": _bcp47(library.info.locale),
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
    }


# --- QuestionnaireResponse <-> Report ---------------------------------------------------------


def _canonical() -> str:
    from .content import load_raw

    return f"{QUESTIONNAIRE_URL}|{load_raw()['content_version']}"


def questionnaire_response(report: Report) -> dict[str, Any]:
    """``report`` as a completed QuestionnaireResponse to the self-report Questionnaire.

    The reported symptoms are answered ``true``; the others are left unanswered,
    as on a form where the patient ticks what they have (the conditions treat an
    explicit ``false`` the same). The day is a whole day number, so a fractional
    day raises ValueError rather than being rounded.

    >>> import microneedling_info as mi
    >>> qr = mi.questionnaire_response(mi.Report(days_since_treatment=2, symptoms=["pus"]))
    >>> qr["item"][0]
    {'linkId': 'days_since_treatment', 'answer': [{'valueInteger': 2}]}
    """
    day = report.days_since_treatment
    if not float(day).is_integer():
        raise ValueError(
            f"days_since_treatment must be a whole day number in a QuestionnaireResponse, "
            f"not {day!r}"
        )
    items: list[dict[str, Any]] = [{"linkId": DAYS, "answer": [{"valueInteger": int(day)}]}]
    if report.temperature_c is not None:
        quantity = {"value": report.temperature_c, "unit": "°C", "system": UCUM, "code": "Cel"}
        items.append({"linkId": TEMPERATURE, "answer": [{"valueQuantity": quantity}]})
    if report.symptoms:
        reported = [s for s in Symptom if s in report.symptoms]
        items.append(
            {
                "linkId": SYMPTOMS,
                "item": [{"linkId": s.value, "answer": [{"valueBoolean": True}]} for s in reported],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": _canonical(),
        "status": "completed",
        "item": items,
    }


_VALID_LINK_IDS: Final = (DAYS, TEMPERATURE, SYMPTOMS, *(s.value for s in Symptom))


def _answers(data: Mapping[str, Any]) -> dict[str, Any]:
    """linkId -> the single answer value of every answered item (nesting flattened)."""
    found: dict[str, Any] = {}

    def walk(items: Any, where: str) -> None:
        if not isinstance(items, list):
            raise ValueError(f"{where} must be a list of items")
        for item in items:
            link_id = item.get("linkId") if isinstance(item, Mapping) else None
            if link_id not in _VALID_LINK_IDS:
                raise ValueError(
                    f"unknown linkId {link_id!r} in the QuestionnaireResponse; "
                    f"valid linkIds: {', '.join(_VALID_LINK_IDS)}"
                )
            if link_id in found:
                raise ValueError(f"linkId {link_id!r} is answered twice")
            answers = item.get("answer", [])
            if not isinstance(answers, list) or len(answers) > 1:
                raise ValueError(f"{link_id!r} takes at most one answer")
            if answers:
                answer = answers[0]
                if not isinstance(answer, Mapping) or len(answer) != 1:
                    raise ValueError(f"the answer to {link_id!r} must hold one value[x]")
                ((kind, value),) = answer.items()
                found[link_id] = (kind, value)
            if "item" in item:
                walk(item["item"], f"items of {link_id!r}")

    walk(data.get("item", []), "QuestionnaireResponse.item")
    return found


_ANSWER_TYPES: Final[Mapping[str, tuple[type, ...]]] = {
    "valueBoolean": (bool,),
    "valueInteger": (int,),
    "valueQuantity": (Mapping,),
}


def _expect(answers: Mapping[str, Any], link_id: str, kind: str) -> Any:
    got_kind, value = answers[link_id]
    wrong_type = not isinstance(value, _ANSWER_TYPES[kind]) or (
        kind != "valueBoolean" and isinstance(value, bool)
    )
    if got_kind != kind or wrong_type:
        raise ValueError(f"the answer to {link_id!r} must be a {kind}, not {got_kind}={value!r}")
    return value


def report_from_questionnaire_response(data: Mapping[str, Any]) -> Report:
    """The :class:`Report` a QuestionnaireResponse (a JSON dict) to the self-report carries.

    Bad input raises ValueError naming what is expected (pydantic's
    ValidationError, also a ValueError, for out-of-range values).
    """
    from .assessment import Report

    if not isinstance(data, Mapping) or data.get("resourceType") != "QuestionnaireResponse":
        raise ValueError("expected a QuestionnaireResponse: a dict with that resourceType")
    questionnaire = data.get("questionnaire")
    if questionnaire is not None and str(questionnaire).split("|", 1)[0] != QUESTIONNAIRE_URL:
        raise ValueError(
            f"the QuestionnaireResponse answers {questionnaire!r}, not {QUESTIONNAIRE_URL!r}"
        )
    if data.get("status") not in ("completed", "amended"):
        raise ValueError(
            f"the QuestionnaireResponse status must be 'completed' or 'amended', "
            f"not {data.get('status')!r}"
        )
    answers = _answers(data)
    if DAYS not in answers:
        raise ValueError(f"the QuestionnaireResponse must answer {DAYS!r}")
    temperature = None
    if TEMPERATURE in answers:
        quantity = _expect(answers, TEMPERATURE, "valueQuantity")
        if (quantity.get("system"), quantity.get("code")) != (UCUM, "Cel"):
            raise ValueError(
                f"{TEMPERATURE!r} must be a Quantity in degrees Celsius "
                f"(system {UCUM!r}, code 'Cel')"
            )
        temperature = quantity.get("value")
    symptoms = [
        s for s in Symptom if s.value in answers and _expect(answers, s.value, "valueBoolean")
    ]
    return Report(
        days_since_treatment=_expect(answers, DAYS, "valueInteger"),
        symptoms=symptoms,
        temperature_c=temperature,
    )
