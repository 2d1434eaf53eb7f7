"""Screening answers read back from a FHIR QuestionnaireResponse, and its identifiers.

The response answers the screening Questionnaire that :mod:`~microneedling_info.fhir_screening`
builds. Every question is a yes/no item whose ``linkId`` is the question's id; a date
question ("when did you last take isotretinoin?") is a yes/no item too, with the date as
its nested ``<id>.date`` item: "no" (never), "yes" with the date, or "yes" without it (not
known), which are exactly the library's answers ``False``, a date, and ``True``. A FHIR
``date`` item alone could not say "never" or "yes, I do not know when".

:func:`~microneedling_info.fhir_screening.screening_questionnaire_response` writes such a
response; this module reads one and needs neither the library nor a FHIR package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from .errors import ScreeningAnswerError, shown
from .fhir_response import BASE_URL, json_list, json_object
from .vocab import AnswerKind

if TYPE_CHECKING:
    from .screening import Answer, ScreeningQuestion

__all__ = [
    "DATE_SUFFIX",
    "SCREENING_QUESTIONNAIRE_URL",
    "TREATMENT_DATE",
    "WHY_SUFFIX",
    "screening_answers",
]

SCREENING_QUESTIONNAIRE_URL: Final = f"{BASE_URL}/Questionnaire/screening"
TREATMENT_DATE: Final = "treatment_date"
"""linkId of the planned treatment date, which the date windows count back from."""
DATE_SUFFIX: Final = ".date"
"""``<question id>.date``: the linkId of a date question's date (question ids have no dot)."""
WHY_SUFFIX: Final = ".why"
"""``<question id>.why``: the linkId of the display item that says why the clinic asks."""


def _date(value: object, link_id: str) -> dt.date:
    """A full ``YYYY-MM-DD`` date: a partial FHIR date (``2026-05``) cannot be compared."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ScreeningAnswerError(f"the answer to {link_id!r} must be a valueDate YYYY-MM-DD")


def _single_answer(item: Mapping[str, object], link_id: str) -> Mapping[str, object] | None:
    answers = json_list(item.get("answer", []))
    if answers is None or len(answers) > 1:
        raise ScreeningAnswerError(f"{link_id!r} takes at most one answer")
    if not answers:
        return None
    answer = json_object(answers[0])
    if answer is None:
        raise ScreeningAnswerError(f"the answer to {link_id!r} must be an object")
    return answer


def _is_display_echo(item: object, why_link: str) -> bool:
    echoed = json_object(item)
    return echoed is not None and echoed.get("linkId") == why_link and "answer" not in echoed


def _read_answer(item: Mapping[str, object], question: ScreeningQuestion) -> Answer | None:
    """One question's answer: ``True``/``False``, a date, or None when unanswered."""
    answer = _single_answer(item, question.id)
    if answer is None:
        return None
    said = answer.get("valueBoolean")
    if not isinstance(said, bool) or set(answer) - {"valueBoolean", "item"}:
        raise ScreeningAnswerError(f"the answer to {question.id!r} must be a valueBoolean")
    nested = json_list(answer.get("item", []))
    date_link = question.id + DATE_SUFFIX
    if nested is None:
        raise ScreeningAnswerError(f"the items under {question.id!r} must be a list")
    # A form filler may echo the unanswerable "why we ask" display item: it says nothing.
    nested = [i for i in nested if not _is_display_echo(i, question.id + WHY_SUFFIX)]
    if not nested:
        return said
    if question.answer_kind is not AnswerKind.DATE:
        raise ScreeningAnswerError(f"{question.id!r} is a yes/no question: it takes no date")
    first = json_object(nested[0])
    if len(nested) != 1 or first is None or first.get("linkId") != date_link:
        raise ScreeningAnswerError(f"the only item under {question.id!r} is {date_link!r}")
    when = _single_answer(first, date_link)
    if when is None:
        return said
    if not said:
        raise ScreeningAnswerError(f"{question.id!r} is answered no, yet has a date")
    if set(when) != {"valueDate"}:
        raise ScreeningAnswerError(f"the answer to {date_link!r} must be a valueDate YYYY-MM-DD")
    return _date(when["valueDate"], date_link)


def _items(data: Mapping[str, Any]) -> list[Mapping[str, object]]:
    if not isinstance(data, Mapping) or data.get("resourceType") != "QuestionnaireResponse":
        raise ScreeningAnswerError(
            "expected a QuestionnaireResponse: a dict with that resourceType"
        )
    questionnaire = data.get("questionnaire")
    if (
        questionnaire is not None
        and str(questionnaire).split("|", 1)[0] != SCREENING_QUESTIONNAIRE_URL
    ):
        raise ScreeningAnswerError(
            f"the QuestionnaireResponse answers {shown(questionnaire)}, "
            f"not {SCREENING_QUESTIONNAIRE_URL!r}"
        )
    if data.get("status") not in ("completed", "amended"):
        raise ScreeningAnswerError(
            "the QuestionnaireResponse status must be 'completed' or 'amended', "
            f"not {shown(data.get('status'))}"
        )
    listed = json_list(data.get("item", []))
    items = [json_object(i) for i in listed or []]
    if listed is None or None in items:
        raise ScreeningAnswerError("QuestionnaireResponse.item must be a list of items")
    return [i for i in items if i is not None]


def screening_answers(
    data: Mapping[str, Any], questions: Mapping[str, ScreeningQuestion]
) -> tuple[dict[str, Answer], dt.date]:
    """The answers and the treatment date a screening QuestionnaireResponse (a JSON dict)
    carries, checked against ``questions`` (by id). ``Library.screen`` takes the response
    itself; bad input raises ScreeningAnswerError naming what is expected."""
    answers: dict[str, Answer] = {}
    on: dt.date | None = None
    seen: set[str] = set()
    for item in _items(data):
        link_id = item.get("linkId")
        if not isinstance(link_id, str) or (link_id != TREATMENT_DATE and link_id not in questions):
            raise ScreeningAnswerError(
                f"unknown linkId {shown(link_id)} in the QuestionnaireResponse; valid linkIds: "
                f"{TREATMENT_DATE}, {', '.join(questions)}"
            )
        if link_id in seen:
            raise ScreeningAnswerError(f"linkId {link_id!r} is answered twice")
        seen.add(link_id)
        if link_id == TREATMENT_DATE:
            answer = _single_answer(item, TREATMENT_DATE)
            if answer is None or set(answer) != {"valueDate"}:
                raise ScreeningAnswerError(f"{TREATMENT_DATE!r} takes one valueDate YYYY-MM-DD")
            on = _date(answer["valueDate"], TREATMENT_DATE)
        elif (value := _read_answer(item, questions[link_id])) is not None:
            answers[link_id] = value
    if on is None:
        raise ScreeningAnswerError(
            f"the QuestionnaireResponse must answer {TREATMENT_DATE!r} (the planned treatment date)"
        )
    return answers, on
