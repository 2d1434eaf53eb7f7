"""Before treatment: the screening checklist and its result.

The questions a clinic asks before microneedling (an infection, cold sores,
isotretinoin, pregnancy...), and the rules that turn the answers into an
outcome -- go ahead, go ahead with care, wait, or see a doctor first -- are
content (``content.json``, section ``screening``), cited and translated like
the aftercare. The rules use the same closed rule language as the warning
signs (:mod:`.rules`), so this module decides nothing clinical: it checks the
answers, runs the rules, and lets the most restrictive outcome win.
"""

# No ``from __future__ import annotations`` here: pydantic would then compile and eval every
# field's annotation string when the class is made (~2 ms of each cold start over the
# models, rules and screening modules); a forward reference is quoted instead.
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from pydantic import Field

from .content import section_items
from .errors import ScreeningAnswerError, shown
from .models import Criterion, Id, Level, Text
from .rules import AllOf, AnsweredWithin, AnyOf, Observation, QuestionId, Rule, rule_from_data
from .signatures import FrozenModel
from .vocab import AnswerKind, ScreeningOutcome

if TYPE_CHECKING:
    from .library import Library

__all__ = [
    "Answer",
    "Screening",
    "ScreeningContent",
    "ScreeningCriterion",
    "ScreeningOutcomeLevel",
    "ScreeningQuestion",
    "build_screening_content",
    "checked_answers",
    "parse_answer",
    "screen",
]

Answer = bool | dt.date
"""One answer: ``True``/``False``, or for a date question the date (or ``False``: never)."""


class _Model(FrozenModel, frozen=True, json_schema_serialization_defaults_required=False):
    """Base of the screening models (see :class:`~microneedling_info.signatures.FrozenModel`)."""


class ScreeningQuestion(_Model, frozen=True):
    """One question a patient answers before treatment."""

    id: QuestionId
    """Stable id: the key of ``Library.screen``'s answers and of ``--answer ID=...``."""
    text: Text
    """The question as the patient reads it."""
    why: Text
    """Why the clinic asks, in one or two plain sentences."""
    answer_kind: AnswerKind
    """Yes/no, or a date ("when did you last...")."""
    source_ids: tuple[Id, ...] = Field(min_length=1)
    """Ids of the sources that say why this is asked."""
    snomed_ct: str | None = None
    """SNOMED CT concept of the finding asked about, where the free IPS set has one, else None
    (the FHIR Questionnaire codes the item with it)."""


class ScreeningOutcomeLevel(Level, frozen=True):
    """What one screening outcome means for the patient."""

    id: ScreeningOutcome
    """Which outcome: one of the :class:`ScreeningOutcome` ids."""


class ScreeningCriterion(Criterion, frozen=True):
    """An answer (or a combination) that calls for an outcome, with the reason and what to do.

    Its ``rule`` reads the answers (``answer_yes``, ``answered_within``...); for ``defer``,
    its ``action`` says until when, where the sources say.
    """

    outcome: ScreeningOutcome
    """The outcome these answers call for."""
    reason: Text
    """What in the answers led here, in plain words."""


class Screening(_Model, frozen=True):
    """The result of a screening, with every text in the library's locale."""

    outcome: ScreeningOutcome
    """The most restrictive outcome of the matched criteria; ``proceed`` when none matched."""
    label: str
    """The outcome's short name."""
    action: str
    """What to do, for the outcome as a whole."""
    matched: tuple[ScreeningCriterion, ...]
    """Criteria that matched, most restrictive first; empty exactly when the outcome is proceed."""
    reasons: tuple[str, ...]
    """The matched criteria's reasons, in plain words, in the order of ``matched``."""
    actions: tuple[str, ...]
    """The matched criteria's actions (what to do, until when), in the order of ``matched``."""
    until: dt.date | None
    """For a reason with a date (isotretinoin taken 6 months ago): the first day it has passed.
    A lower bound: other reasons may ask for a longer wait."""
    until_text: str | None
    """``until`` in words ("Do not have treatment before March 1, 2027.")."""
    unanswered: tuple[str, ...]
    """Question ids with no answer: the clinic still has to ask them."""
    on: dt.date
    """The planned treatment date the answers were checked against."""
    note: str
    """The clinic makes the final decision; tell it when an answer changes."""
    disclaimer: str
    """Information, not a diagnosis."""
    locale: str
    """POSIX id of the language of the texts."""


@dataclass(frozen=True, slots=True)
class ScreeningContent:
    """A library's screening content in one locale, with its lookup indexes.

    A :class:`~microneedling_info.library.Library` makes it on first use, not at start-up:
    most uses (a side effect, an assessment) never screen, and these models cost ~4 ms
    of every cold start. The indexes are derived here, so they always match the tuples.
    """

    outcomes: tuple[ScreeningOutcomeLevel, ...]
    """One per :class:`ScreeningOutcome`, most restrictive first."""
    questions: tuple[ScreeningQuestion, ...]
    """In checklist order."""
    criteria: tuple[ScreeningCriterion, ...]
    """Most restrictive first."""
    question_by_id: Mapping[str, ScreeningQuestion] = field(init=False, repr=False)
    outcome_by_id: Mapping[str, ScreeningOutcomeLevel] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        questions = {q.id: q for q in self.questions}
        outcomes: dict[str, ScreeningOutcomeLevel] = {o.id: o for o in self.outcomes}
        object.__setattr__(self, "question_by_id", MappingProxyType(questions))
        object.__setattr__(self, "outcome_by_id", MappingProxyType(outcomes))


def build_screening_content(
    raw: Mapping[str, Any], fields: Callable[[str, Mapping[str, Any]], dict[str, Any]]
) -> ScreeningContent:
    """Outcome levels (most restrictive first), questions and criteria of the shipped content.

    ``fields(section_key, item)`` gives an item's translated text fields. Shipped content is
    trusted: the models are assembled with ``model_construct`` and validated by the tests.
    """
    outcomes = tuple(
        ScreeningOutcomeLevel.model_construct(
            **fields("screening.outcomes", o), id=ScreeningOutcome(o["id"])
        )
        for o in sorted(
            section_items(raw, "screening.outcomes"),
            key=lambda o: ScreeningOutcome(o["id"]),
            reverse=True,
        )
    )
    questions = tuple(
        ScreeningQuestion.model_construct(
            **fields("screening.questions", q),
            id=q["id"],
            answer_kind=AnswerKind(q["answer_kind"]),
            source_ids=tuple(q["source_ids"]),
            snomed_ct=q.get("snomed_ct"),
        )
        for q in section_items(raw, "screening.questions")
    )
    criteria = tuple(
        ScreeningCriterion.model_construct(
            **fields("screening.rules", r),
            id=r["id"],
            outcome=ScreeningOutcome(r["outcome"]),
            rule=rule_from_data(r["rule"]),
            source_ids=tuple(r["source_ids"]),
        )
        for r in sorted(
            section_items(raw, "screening.rules"),
            key=lambda r: ScreeningOutcome(r["outcome"]),
            reverse=True,
        )
    )
    return ScreeningContent(outcomes, questions, criteria)


# --- answers -----------------------------------------------------------------------------------

_YES = frozenset({"yes", "y", "true", "oui"})
_NO = frozenset({"no", "n", "false", "non", "never", "jamais"})


def parse_answer(question: ScreeningQuestion, text: str) -> Answer:
    """An answer typed as text (the CLI's ``ID=yes|no|YYYY-MM-DD``, a web form's value)."""
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    if question.answer_kind is AnswerKind.DATE:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ScreeningAnswerError(
        f"screening question {question.id!r} takes {_expected(question)}, not {shown(text)}"
    )


def _expected(question: ScreeningQuestion) -> str:
    if question.answer_kind is AnswerKind.DATE:
        return "a date (YYYY-MM-DD), or yes (date not known) or no"
    return "yes or no"


def checked_answers(
    questions: Mapping[str, ScreeningQuestion], answers: object
) -> dict[str, Answer]:
    """``answers`` checked against ``questions`` (by id): the mapping ``Library.screen`` takes,
    with datetimes cut to their date. Raises ScreeningAnswerError naming what is valid."""
    if not isinstance(answers, Mapping):
        raise ScreeningAnswerError(
            "answers must be a mapping of question id to an answer, e.g. "
            "{'cold_sores_history': True}, not " + type(answers).__name__
        )
    clean: dict[str, Answer] = {}
    given = cast("Mapping[object, object]", answers)  # untrusted: every key and value is checked
    for key, value in given.items():
        if not isinstance(key, str) or (question := questions.get(key)) is None:
            raise ScreeningAnswerError(
                f"unknown screening question id {shown(key)}; valid ids: {', '.join(questions)}"
            )
        if isinstance(value, dt.datetime):
            value = value.date()
        date_question = question.answer_kind is AnswerKind.DATE
        if isinstance(value, bool) or (isinstance(value, dt.date) and date_question):
            clean[key] = value
        else:
            python = "True/False" + (" or a datetime.date" if date_question else "")
            raise ScreeningAnswerError(
                f"screening question {key!r} takes {_expected(question)} ({python}),"
                f" not {shown(value)}"
            )
    return clean


def _dated_windows(rule: Rule) -> Iterator[AnsweredWithin]:
    if isinstance(rule, AnsweredWithin):
        yield rule
    elif isinstance(rule, AllOf | AnyOf):
        for sub in rule.rules:
            yield from _dated_windows(sub)


def _until(matched: tuple[ScreeningCriterion, ...], obs: Observation) -> dt.date | None:
    """The last end of a matched date window, from the dates answered."""
    ends = [
        window.until(answer)
        for criterion in matched
        for window in _dated_windows(criterion.rule)
        if window.matches(obs) and isinstance(answer := obs.answers.get(window.question), dt.date)
    ]
    return max(ends, default=None)


def screen(
    library: "Library", answers: Mapping[str, Answer], *, on: dt.date | None = None
) -> Screening:
    """Screen ``answers`` with ``library``'s content and language (see Library.screen)."""
    questions = {q.id: q for q in library.screening_questions}
    if isinstance(answers, Mapping) and "resourceType" in answers:
        if on is not None:
            raise ScreeningAnswerError(
                "a QuestionnaireResponse carries its own treatment date (linkId "
                "'treatment_date'): do not pass on= with it"
            )
        from .fhir_screening_response import screening_answers

        answers, on = screening_answers(answers, questions)
    clean = checked_answers(questions, answers)
    if on is None:
        on = dt.date.today()
    elif isinstance(on, dt.datetime):
        on = on.date()
    elif not isinstance(on, dt.date):
        raise ScreeningAnswerError(f"on must be the planned treatment date, not {shown(on)}")
    obs = Observation(
        day=0, symptoms=frozenset(), temperature_c=None, answers=MappingProxyType(clean), on=on
    )
    matched = tuple(
        sorted(
            (c for c in library.screening_criteria if c.rule.matches(obs)),
            key=lambda c: c.outcome,
            reverse=True,
        )
    )
    outcome = matched[0].outcome if matched else ScreeningOutcome.PROCEED
    level = library.screening_outcome(outcome)
    until = _until(matched, obs)
    until_text = None
    if until is not None:
        from babel.dates import format_date

        # A sentence that fell back to English gets an English date too: never "before 1 mars".
        in_locale = library.text_locale("message.screening.until")
        until_text = library.message(
            "screening.until", date=format_date(until, format="long", locale=in_locale)
        )
    return Screening.model_construct(
        outcome=outcome,
        label=level.label,
        action=level.action,
        matched=matched,
        reasons=tuple(c.reason for c in matched),
        actions=tuple(c.action for c in matched),
        until=until,
        until_text=until_text,
        unanswered=tuple(q for q in questions if q not in clean),
        on=on,
        note=library.message("screening.note"),
        disclaimer=library.info.disclaimer,
        locale=library.info.locale,
    )
