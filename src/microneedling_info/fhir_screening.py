"""FHIR R4 for the screening checklist: the questions as a Questionnaire, the screening rules
as a PlanDefinition whose FHIRPath conditions any FHIR engine can run, and answers as a
QuestionnaireResponse to it.

Built from the library's screening content, like the self-report resources of
:mod:`.fhir`. Each condition is a ``text/fhirpath`` expression evaluated with a
QuestionnaireResponse to the screening Questionnaire as its focus (see
:mod:`.fhir_screening_response` for its shape); it always yields one boolean. A date
window ("isotretinoin in the last 6 months") is FHIRPath calendar arithmetic on the
answered date and the planned treatment date: ``date + 6 months > treatment``, which
clamps to the month's end (31 August + 6 months = 28 February) exactly as the
library's rule does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from .errors import ScreeningAnswerError, shown
from .fhir_base import (
    ECA_RULE,
    SNOMED_CT,
    Texts,
    all_of,
    any_of,
    applicability,
    citation,
    code_system,
    governance_fields,
    item_text,
    level_code,
    negated,
)
from .fhir_response import BASE_URL
from .fhir_screening_response import (
    DATE_SUFFIX,
    SCREENING_QUESTIONNAIRE_URL,
    TREATMENT_DATE,
    WHY_SUFFIX,
)
from .rules import AllOf, AnsweredWithin, AnswerYes, AnyOf, Rule
from .vocab import AnswerKind, ScreeningOutcome

if TYPE_CHECKING:
    from .library import Library
    from .screening import Answer, ScreeningCriterion, ScreeningQuestion

__all__ = [
    "PROCEED_ACTION",
    "SCREENING_OUTCOME_SYSTEM",
    "SCREENING_PLAN_DEFINITION_URL",
    "SCREENING_QUESTIONNAIRE_URL",
    "screening_conditions",
    "screening_questionnaire_response",
    "screening_resources",
]

SCREENING_PLAN_DEFINITION_URL: Final = f"{BASE_URL}/PlanDefinition/screening"
SCREENING_OUTCOME_SYSTEM: Final = f"{BASE_URL}/CodeSystem/screening-outcome"
"""Our four screening outcomes. FHIR has no standard code for "go ahead with care" or "see a
doctor first", and ``RequestPriority`` (how fast) does not fit a decision made before
treatment, so the actions carry this code and no priority."""
PROCEED_ACTION: Final = ScreeningOutcome.PROCEED.value
"""The PlanDefinition action that applies when no screening criterion does."""

_UNITS: Final = {"day": "days", "week": "weeks", "month": "months"}
"""The rules' units as FHIRPath calendar-duration keywords (``6 months``, not UCUM ``'mo'``:
only calendar durations add to a date month by month)."""


# --- FHIRPath: the screening rules, compiled ---------------------------------------------------


def _said_yes(question: str) -> str:
    return f"item.where(linkId = '{question}').answer.where(value = true).exists()"


def _said_yes_to_any(questions: Sequence[str]) -> str:
    if len(questions) <= 1:
        return any_of(_said_yes(q) for q in questions)
    ids = " | ".join(f"'{q}'" for q in dict.fromkeys(questions))
    return f"item.where(linkId in ({ids})).answer.where(value = true).exists()"


def _within(rule: AnsweredWithin) -> str:
    """Answered yes, and either no date (not known: never relaxes) or a date less than the
    window before the treatment date (``date + window > treatment``)."""
    date = (
        f"item.where(linkId = '{rule.question}').answer"
        f".item.where(linkId = '{rule.question}{DATE_SUFFIX}').answer.value"
    )
    treatment = f"item.where(linkId = '{TREATMENT_DATE}').answer.value"
    # anyTrue(): false, not empty, when a date is missing (the rule then does not match).
    recent = f"(({date} + {rule.amount} {_UNITS[rule.unit]}) > {treatment}).anyTrue()"
    return all_of([_said_yes(rule.question), any_of([f"{date}.empty()", recent])])


def _compile(rule: Rule) -> str:
    """A screening rule as a boolean FHIRPath expression."""
    if isinstance(rule, AnswerYes):
        return _said_yes(rule.question)
    if isinstance(rule, AnsweredWithin):
        return _within(rule)
    if isinstance(rule, AllOf):
        return all_of(_compile(r) for r in rule.rules)
    if isinstance(rule, AnyOf):
        return any_of(_compile(r) for r in rule.rules)
    raise TypeError(f"no FHIRPath translation for rule kind {rule.kind!r} in a screening rule")


def screening_conditions(library: Library) -> dict[str, str]:
    """The applicability condition of every screening PlanDefinition action, by action id.

    One per screening criterion (same id), then :data:`PROCEED_ACTION`, which holds
    exactly when no criterion does.
    """
    criteria = library.screening_criteria
    result = {c.id: _compile(c.rule) for c in criteria}
    if PROCEED_ACTION in result:
        raise ValueError(f"criterion id {PROCEED_ACTION!r} is reserved for the proceed action")
    # Proceed: no criterion holds. The plain "answered yes" ones are tested in one look.
    plain = [c.rule.question for c in criteria if isinstance(c.rule, AnswerYes)]
    rest = [result[c.id] for c in criteria if not isinstance(c.rule, AnswerYes)]
    result[PROCEED_ACTION] = negated(any_of([_said_yes_to_any(plain), *rest]))
    return result


def _shipped_questions() -> dict[str, ScreeningQuestion]:
    from .content import SOURCE_LOCALE
    from .library import get_library

    return {q.id: q for q in get_library(SOURCE_LOCALE).screening_questions}


def _canonical() -> str:
    from .content import load_raw

    return f"{SCREENING_QUESTIONNAIRE_URL}|{load_raw()['content_version']}"


def _answer_item(question_id: str, answer: Answer) -> dict[str, Any]:
    if isinstance(answer, dt.date):
        when = {"linkId": question_id + DATE_SUFFIX, "answer": [{"valueDate": answer.isoformat()}]}
        return {"linkId": question_id, "answer": [{"valueBoolean": True, "item": [when]}]}
    return {"linkId": question_id, "answer": [{"valueBoolean": answer}]}


def screening_questionnaire_response(
    answers: Mapping[str, Answer], *, on: dt.date
) -> dict[str, Any]:
    """Screening ``answers`` (as ``Library.screen`` takes them) for a treatment planned ``on``,
    as a completed QuestionnaireResponse to the screening Questionnaire.

    Unanswered questions are left out, as on a form. Unknown ids or the wrong kind of
    answer raise ScreeningAnswerError naming what is valid.

    >>> import datetime as dt
    >>> import microneedling_info as mi
    >>> qr = mi.screening_questionnaire_response(
    ...     {"isotretinoin_recent": dt.date(2026, 9, 1)}, on=dt.date(2027, 1, 15)
    ... )
    >>> qr["item"][1]["answer"][0]["item"][0]
    {'linkId': 'isotretinoin_recent.date', 'answer': [{'valueDate': '2026-09-01'}]}
    """
    from .screening import checked_answers

    questions = _shipped_questions()
    clean = checked_answers(questions, answers)
    if isinstance(on, dt.datetime):
        on = on.date()
    if not isinstance(on, dt.date):
        raise ScreeningAnswerError(f"on must be the planned treatment date, not {shown(on)}")
    treatment = {"linkId": TREATMENT_DATE, "answer": [{"valueDate": on.isoformat()}]}
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": _canonical(),
        "status": "completed",
        "item": [treatment, *(_answer_item(q, clean[q]) for q in questions if q in clean)],
    }


# --- resources --------------------------------------------------------------------------------


def _criterion_text(criterion_id: str, field: str) -> Callable[[Library], str]:
    def read(lib: Library) -> str:
        (criterion,) = (c for c in lib.screening_criteria if c.id == criterion_id)
        return str(getattr(criterion, field))

    return read


def _question_item(question: ScreeningQuestion, text: Texts) -> dict[str, Any]:
    """A yes/no item; a date question nests its date, asked when the answer is yes."""
    item: dict[str, Any] = {"linkId": question.id}
    if question.snomed_ct:
        item["code"] = [{"system": SNOMED_CT, "code": question.snomed_ct}]
    item |= text("text", item_text("screening_question", question.id, "text"))
    item["type"] = "boolean"
    children: list[dict[str, Any]] = [
        {
            "linkId": question.id + WHY_SUFFIX,
            **text("text", item_text("screening_question", question.id, "why")),
            "type": "display",
        }
    ]
    if question.answer_kind is AnswerKind.DATE:
        children.append(
            {
                "linkId": question.id + DATE_SUFFIX,
                "enableWhen": [{"question": question.id, "operator": "=", "answerBoolean": True}],
                **text("text", lambda lib: lib.message("label.answer_date")),
                "type": "date",
            }
        )
    item["item"] = children
    return item


def _questionnaire(library: Library, text: Texts) -> dict[str, Any]:
    if any(q.id == TREATMENT_DATE for q in library.screening_questions):
        raise ValueError(f"question id {TREATMENT_DATE!r} is reserved for the treatment date")
    return {
        "resourceType": "Questionnaire",
        "id": "screening",
        **governance_fields(library),
        "url": SCREENING_QUESTIONNAIRE_URL,
        "name": "MicroneedlingScreening",
        **text("title", lambda lib: lib.message("heading.screening")),
        "subjectType": ["Patient"],
        **text("description", lambda lib: lib.message("screening.note")),
        "item": [
            {
                "linkId": TREATMENT_DATE,
                **text("text", lambda lib: lib.message("handout.treatment_date")),
                "type": "date",
                "required": True,
            },
            *(_question_item(q, text) for q in library.screening_questions),
        ],
    }


def _action(
    text: Texts, condition: str, action_id: str, outcome: ScreeningOutcome
) -> dict[str, Any]:
    label = item_text("screening_outcome", outcome, "label")
    return {
        "id": action_id,
        "code": [level_code(SCREENING_OUTCOME_SYSTEM, outcome.value, text, label)],
        **applicability(condition),
    }


def _criterion_action(
    library: Library, text: Texts, condition: str, criterion: ScreeningCriterion
) -> dict[str, Any]:
    return {
        **_action(text, condition, criterion.id, criterion.outcome),
        **text("title", _criterion_text(criterion.id, "reason")),
        **text("description", _criterion_text(criterion.id, "action")),
        "documentation": [citation(library, s) for s in criterion.source_ids],
    }


def _plan_definition(library: Library, text: Texts) -> dict[str, Any]:
    condition = screening_conditions(library)
    proceed = ScreeningOutcome.PROCEED
    cited = dict.fromkeys(
        [s for q in library.screening_questions for s in q.source_ids]
        + [s for c in library.screening_criteria for s in c.source_ids]
    )
    return {
        "resourceType": "PlanDefinition",
        "id": "screening",
        **governance_fields(library),
        "url": SCREENING_PLAN_DEFINITION_URL,
        "name": "MicroneedlingScreening",
        **text("title", lambda lib: lib.message("heading.screening")),
        "type": ECA_RULE,
        **text("description", lambda lib: lib.message("screening.note")),
        "relatedArtifact": [
            # The conditions read responses to this Questionnaire (this content version).
            {
                "type": "depends-on",
                "resource": f"{SCREENING_QUESTIONNAIRE_URL}|{library.info.content_version}",
            },
            *(citation(library, s) for s in cited),
        ],
        "action": [
            *(
                _criterion_action(library, text, condition[c.id], c)
                for c in library.screening_criteria
            ),
            {
                **_action(text, condition[PROCEED_ACTION], PROCEED_ACTION, proceed),
                **text("title", item_text("screening_outcome", proceed, "label")),
                **text("description", item_text("screening_outcome", proceed, "action")),
            },
        ],
    }


def screening_resources(library: Library, text: Texts) -> list[tuple[str, dict[str, Any]]]:
    """(canonical URL, resource) of the screening Questionnaire, PlanDefinition and outcome
    CodeSystem; none when the content has no screening checklist."""
    if not library.screening_questions:
        return []
    return [
        (SCREENING_QUESTIONNAIRE_URL, _questionnaire(library, text)),
        (SCREENING_PLAN_DEFINITION_URL, _plan_definition(library, text)),
        (
            SCREENING_OUTCOME_SYSTEM,
            code_system(
                library,
                text,
                SCREENING_OUTCOME_SYSTEM,
                "MicroneedlingScreeningOutcome",
                "screening_outcome",
                library.screening_outcomes,
            ),
        ),
    ]
