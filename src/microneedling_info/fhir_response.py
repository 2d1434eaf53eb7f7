"""A patient's self-report as a FHIR QuestionnaireResponse, and back.

The response answers the self-report Questionnaire that :mod:`~microneedling_info.fhir`
builds; this module holds its identifiers (canonical URL, linkIds) and needs neither the
library nor a FHIR package, so a Report can be read from a response cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, cast

from .vocab import Symptom

if TYPE_CHECKING:
    from .assessment import Report

__all__ = [
    "BASE_URL",
    "DAYS",
    "QUESTIONNAIRE_URL",
    "SYMPTOMS",
    "TEMPERATURE",
    "UCUM",
    "json_list",
    "json_object",
    "questionnaire_response",
    "report_fields",
]

BASE_URL: Final = "https://microneedling-info.invalid/fhir"
"""Root of this content's canonical URLs: stable identifiers, not download locations."""
QUESTIONNAIRE_URL: Final = f"{BASE_URL}/Questionnaire/self-report"
UCUM: Final = "http://unitsofmeasure.org"

DAYS: Final = "days_since_treatment"
TEMPERATURE: Final = "temperature_c"
SYMPTOMS: Final = "symptoms"
"""linkIds: the day, the temperature, and the group holding one boolean item per symptom id."""


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


def json_list(value: object) -> list[object] | None:
    """``value`` if it is a JSON array (typed for walking untrusted JSON), else None."""
    return cast("list[object]", value) if isinstance(value, list) else None


def json_object(value: object) -> Mapping[str, object] | None:
    """``value`` if it is a JSON object (typed for walking untrusted JSON), else None."""
    return cast("Mapping[str, object]", value) if isinstance(value, Mapping) else None


def _answers(data: Mapping[str, Any]) -> dict[str, tuple[str, object]]:
    """linkId -> (value[x] name, value) of every answered item (nesting flattened)."""
    found: dict[str, tuple[str, object]] = {}

    def walk(items: object, where: str) -> None:
        listed = json_list(items)
        if listed is None:
            raise ValueError(f"{where} must be a list of items")
        for raw in listed:
            item = json_object(raw) or {}
            link_id = item.get("linkId")
            if not isinstance(link_id, str) or link_id not in _VALID_LINK_IDS:
                raise ValueError(
                    f"unknown linkId {link_id!r} in the QuestionnaireResponse; "
                    f"valid linkIds: {', '.join(_VALID_LINK_IDS)}"
                )
            if link_id in found:
                raise ValueError(f"linkId {link_id!r} is answered twice")
            answers = json_list(item.get("answer", []))
            if answers is None or len(answers) > 1:
                raise ValueError(f"{link_id!r} takes at most one answer")
            if answers:
                answer = json_object(answers[0])
                if answer is None or len(answer) != 1:
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


def _expect(answers: Mapping[str, tuple[str, object]], link_id: str, kind: str) -> Any:
    """The value of ``link_id``'s answer, checked to be a ``kind`` (JSON: typed by the check)."""
    got_kind, value = answers[link_id]
    wrong_type = not isinstance(value, _ANSWER_TYPES[kind]) or (
        kind != "valueBoolean" and isinstance(value, bool)
    )
    if got_kind != kind or wrong_type:
        raise ValueError(f"the answer to {link_id!r} must be a {kind}, not {got_kind}={value!r}")
    return cast(Any, value)


def report_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The Report fields a QuestionnaireResponse (a JSON dict) to the self-report carries.

    ``Report.from_questionnaire_response`` builds the report from them. Bad input
    raises ValueError naming what is expected.
    """
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
    return {
        "days_since_treatment": _expect(answers, DAYS, "valueInteger"),
        "symptoms": [
            s for s in Symptom if s.value in answers and _expect(answers, s.value, "valueBoolean")
        ],
        "temperature_c": temperature,
    }
