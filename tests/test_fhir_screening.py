"""FHIR R4 screening checklist: the resources validate, and an independent FHIRPath engine
agrees with ``Library.screen``.

The agreement test is the specification of the screening PlanDefinition: for every
answer set in a hypothesis sample (date answers near the window boundaries and month
ends included), ``fhirpathpy`` evaluating the actions' conditions against the
QuestionnaireResponse must give the same outcome and the same matched criteria as
``Library.screen``, in both shipped locales.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from _support import with_screening
from hypothesis import assume, given
from hypothesis import strategies as st
from test_fhir import resources, sample_settings

import microneedling_info as mi
from microneedling_info.fhir_screening import PROCEED_ACTION, screening_conditions
from microneedling_info.rules import AllOf, AnsweredWithin, AnswerYes, AnyOf, add_months
from microneedling_info.screening import Answer

SHIPPED = ("fr_CA", "en_CA")
AGREEMENT_ANSWER_SETS = int(os.environ.get("MICRONEEDLING_INFO_FHIR_SCREENINGS", "500"))
"""Size of the screening agreement sample (fhirpathpy takes ~15 ms per answer set here)."""
Outcome = mi.ScreeningOutcome
DATE = mi.AnswerKind.DATE


@pytest.fixture(scope="module")
def bundles() -> dict[str, dict[str, Any]]:
    return {loc: mi.fhir_bundle(mi.get_library(loc)) for loc in SHIPPED}


# --- structure ---------------------------------------------------------------------------------


def test_questionnaire_items_are_the_screening_questions(bundles: dict[str, Any]) -> None:
    lib = mi.get_library("fr_CA")
    q = resources(bundles["fr_CA"])["Questionnaire/screening"]
    assert q["url"].endswith("/Questionnaire/screening")
    treatment, *items = q["item"]
    assert (treatment["linkId"], treatment["type"], treatment["required"]) == (
        "treatment_date",
        "date",
        True,
    )
    assert [i["linkId"] for i in items] == [x.id for x in lib.screening_questions]
    for item, question in zip(items, lib.screening_questions, strict=True):
        assert item["type"] == "boolean"
        assert item["text"] == question.text
        why, *date = item["item"]
        assert (why["linkId"], why["type"], why["text"]) == (
            f"{question.id}.why",
            "display",
            question.why,
        )
        if question.answer_kind is DATE:  # yes/no, then "when?" if yes
            (when,) = date
            assert (when["linkId"], when["type"]) == (f"{question.id}.date", "date")
            assert when["enableWhen"] == [
                {"question": question.id, "operator": "=", "answerBoolean": True}
            ]
        else:
            assert date == []
    assert sum(x.answer_kind is DATE for x in lib.screening_questions) == 2


def test_snomed_codes_come_from_the_content(bundles: dict[str, Any]) -> None:
    q = resources(bundles["en_CA"])["Questionnaire/screening"]
    coded = {i["linkId"]: i["code"] for i in q["item"] if "code" in i}
    # Verified in the SNOMED IPS free set (research/peer-systems.md, section c).
    assert coded == {
        "cold_sores_history": [{"system": "http://snomed.info/sct", "code": "1475003"}],
        "keloids": [{"system": "http://snomed.info/sct", "code": "33659008"}],
        "active_acne": [{"system": "http://snomed.info/sct", "code": "11381005"}],
    }
    lib = mi.get_library("en_CA")
    assert {x.id: x.snomed_ct for x in lib.screening_questions if x.snomed_ct} == {
        k: v[0]["code"] for k, v in coded.items()
    }
    mi.ScreeningQuestion.model_validate(lib.screening_question("keloids").model_dump())


def test_plan_definition_actions_are_the_screening_criteria(bundles: dict[str, Any]) -> None:
    for loc, bundle in bundles.items():
        lib = mi.get_library(loc)
        plan = resources(bundle)["PlanDefinition/screening"]
        actions = plan["action"]
        assert [a["id"] for a in actions] == [c.id for c in lib.screening_criteria] + ["proceed"]
        for action, criterion in zip(actions, lib.screening_criteria, strict=False):
            assert action["title"] == criterion.reason
            assert action["description"] == criterion.action
            (coding,) = action["code"][0]["coding"]
            assert coding["code"] == criterion.outcome.value
            assert coding["display"] == lib.screening_outcome(criterion.outcome).label
            assert "priority" not in action  # RequestPriority does not fit a screening outcome
            assert [d["label"] for d in action["documentation"]] == list(criterion.source_ids)
            (condition,) = action["condition"]
            assert condition["kind"] == "applicability"
            assert condition["expression"]["language"] == "text/fhirpath"
        proceed = actions[-1]
        assert proceed["title"] == lib.screening_outcome(Outcome.PROCEED).label
        assert proceed["description"] == lib.screening_outcome(Outcome.PROCEED).action
        depends, *citations = plan["relatedArtifact"]
        assert depends["resource"].endswith(f"/Questionnaire/screening|{lib.info.content_version}")
        cited = {
            s for x in (*lib.screening_questions, *lib.screening_criteria) for s in x.source_ids
        }
        assert {a["label"] for a in citations} == cited
        codes = resources(bundle)["CodeSystem/screening-outcome"]
        assert [c["code"] for c in codes["concept"]] == [o.id.value for o in lib.screening_outcomes]


def test_conditions_are_the_same_in_every_language(bundles: dict[str, Any]) -> None:
    def expressions(bundle: Mapping[str, Any]) -> list[str]:
        plan = resources(bundle)["PlanDefinition/screening"]
        return [a["condition"][0]["expression"]["expression"] for a in plan["action"]]

    assert expressions(bundles["fr_CA"]) == expressions(bundles["en_CA"])


def test_a_content_without_screening_has_no_screening_resources() -> None:
    lib = with_screening(mi.get_library("en_CA"), questions=())
    assert [e["resource"]["id"] for e in mi.fhir_bundle(lib)["entry"]] == [
        "self-report",
        "warning-signs",
        "urgency",
    ]


def test_reserved_ids_are_refused() -> None:
    lib = mi.get_library("en_CA")
    criterion = lib.screening_criteria[0].model_copy(update={"id": "proceed"})
    with pytest.raises(ValueError, match="reserved for the proceed action"):
        screening_conditions(with_screening(lib, criteria=(criterion,)))


# --- QuestionnaireResponse <-> answers -----------------------------------------------------------

ON = dt.date(2027, 3, 1)
SAMPLE: dict[str, Answer] = {
    "isotretinoin_recent": dt.date(2026, 9, 1),
    "recent_procedure": True,
    "keloids": False,
    "cold_sores_history": True,
}


def test_answers_round_trip_through_a_questionnaire_response() -> None:
    qr = json.loads(json.dumps(mi.screening_questionnaire_response(SAMPLE, on=ON)))
    assert qr["questionnaire"].split("|")[0].endswith("/Questionnaire/screening")
    lib = mi.get_library("fr_CA")
    assert lib.screen(qr) == lib.screen(SAMPLE, on=ON)
    assert lib.screen(qr).outcome is Outcome.DEFER
    items = {i["linkId"]: i for i in qr["item"]}
    assert items["treatment_date"]["answer"] == [{"valueDate": "2027-03-01"}]
    assert items["recent_procedure"]["answer"] == [{"valueBoolean": True}]  # yes, date not known
    assert "skin_cancer" not in items  # unanswered: left out, as on a form
    assert lib.screen(qr).unanswered == lib.screen(SAMPLE, on=ON).unanswered


def test_the_screening_response_validates_with_fhir_resources() -> None:
    r4b = pytest.importorskip("fhir.resources.R4B")
    qr = mi.screening_questionnaire_response(SAMPLE, on=ON)
    model = r4b.get_fhir_model_class("QuestionnaireResponse").model_validate(qr)
    assert json.loads(model.model_dump_json(exclude_none=True)) == qr


def _qr(*items: dict[str, Any], **changes: Any) -> dict[str, Any]:
    qr = mi.screening_questionnaire_response({}, on=ON)
    qr["item"] += list(items)
    qr.update(changes)
    return qr


def _yes(link_id: str, *nested: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {"valueBoolean": True}
    if nested:
        answer["item"] = list(nested)
    return {"linkId": link_id, "answer": [answer]}


def _date(link_id: str, value: Any) -> dict[str, Any]:
    return {"linkId": link_id, "answer": [{"valueDate": value}]}


BAD_RESPONSES: list[tuple[Any, str]] = [
    ({"resourceType": "Patient"}, "expected a QuestionnaireResponse"),
    (_qr(questionnaire="http://example.org/Questionnaire/x"), "not 'https://.*/screening'"),
    (_qr(status="in-progress"), "'completed' or 'amended'"),
    (_qr(item=[]), "must answer 'treatment_date'"),
    (_qr(item=[_date("treatment_date", "2027-03")]), "valueDate YYYY-MM-DD"),
    (_qr(item=[{"linkId": "treatment_date"}]), "takes one valueDate"),
    (_qr(_yes("pimples")), "valid linkIds: treatment_date, active_infection"),
    (_qr(_yes("keloids"), _yes("keloids")), "answered twice"),
    (_qr({"linkId": "keloids", "answer": [{"valueBoolean": "yes"}]}), "must be a valueBoolean"),
    (
        _qr({"linkId": "keloids", "answer": [{"valueBoolean": True}, {"valueBoolean": False}]}),
        "at most one answer",
    ),
    (_qr(_yes("keloids", _date("keloids.date", "2026-01-01"))), "yes/no question"),
    (
        _qr(_yes("isotretinoin_recent", _date("isotretinoin_recent.when", "2026-01-01"))),
        "only item under 'isotretinoin_recent' is 'isotretinoin_recent.date'",
    ),
    (
        _qr(_yes("isotretinoin_recent", _date("isotretinoin_recent.date", "01/02/2026"))),
        "valueDate YYYY-MM-DD",
    ),
    (
        _qr(
            {
                "linkId": "isotretinoin_recent",
                "answer": [
                    {
                        "valueBoolean": False,
                        "item": [_date("isotretinoin_recent.date", "2026-01-01")],
                    }
                ],
            }
        ),
        "answered no, yet has a date",
    ),
    (_qr(item="all"), "must be a list of items"),
]


@pytest.mark.parametrize(("data", "message"), BAD_RESPONSES)
def test_bad_screening_responses_are_refused_clearly(data: Any, message: str) -> None:
    with pytest.raises(mi.ScreeningAnswerError, match=message):
        mi.get_library("fr_CA").screen(data)


def test_an_echoed_display_item_is_ignored() -> None:
    """A form filler may send the "why we ask" display item back, unanswered."""
    why = {"linkId": "isotretinoin_recent.why", "text": "Why we ask"}
    when = _date("isotretinoin_recent.date", "2026-09-01")
    keloids_why = why | {"linkId": "keloids.why"}
    qr = _qr(_yes("isotretinoin_recent", why, when), _yes("keloids", keloids_why))
    assert mi.get_library("en_CA").screen(qr) == mi.get_library("en_CA").screen(
        {"isotretinoin_recent": dt.date(2026, 9, 1), "keloids": True}, on=ON
    )
    answered = why | {"answer": [{"valueBoolean": True}]}
    with pytest.raises(mi.ScreeningAnswerError, match="only item under"):
        mi.get_library("en_CA").screen(_qr(_yes("isotretinoin_recent", answered, when)))


def test_a_response_brings_its_own_treatment_date() -> None:
    qr = mi.screening_questionnaire_response({}, on=ON)
    with pytest.raises(mi.ScreeningAnswerError, match="do not pass on="):
        mi.get_library("fr_CA").screen(qr, on=ON)


def test_bad_answers_are_refused_when_building_a_response() -> None:
    with pytest.raises(mi.ScreeningAnswerError, match="valid ids"):
        mi.screening_questionnaire_response({"pimples": True}, on=ON)
    with pytest.raises(mi.ScreeningAnswerError, match="yes or no"):
        mi.screening_questionnaire_response({"keloids": ON}, on=ON)
    with pytest.raises(mi.ScreeningAnswerError, match="planned treatment date"):
        mi.screening_questionnaire_response({}, on="2027-03-01")  # type: ignore[arg-type]


# --- THE SPECIFICATION: an independent FHIRPath engine agrees with screen ---------------------

Action = tuple[str, mi.ScreeningOutcome, str]
"""(action id, outcome, FHIRPath condition)."""
Case = tuple[dict[str, Answer], dt.date]
"""(answers, planned treatment date)."""


def plan_actions(bundle: Mapping[str, Any]) -> list[Action]:
    """The actions as a FHIR system reads them: the outcome from each action's code."""
    return [
        (
            action["id"],
            Outcome(action["code"][0]["coding"][0]["code"]),
            action["condition"][0]["expression"]["expression"],
        )
        for action in resources(bundle)["PlanDefinition/screening"]["action"]
    ]


def _engine(actions: list[Action]) -> Callable[[Mapping[str, Any]], tuple[Outcome, frozenset[str]]]:
    """Run the conditions with fhirpathpy: (outcome, ids of the criteria that apply)."""
    fhirpathpy = pytest.importorskip("fhirpathpy")
    from fhirpathpy.models import models

    compiled = [(a, o, fhirpathpy.compile(expr, models["r4"])) for a, o, expr in actions]

    def run(response: Mapping[str, Any]) -> tuple[Outcome, frozenset[str]]:
        applies: list[tuple[str, Outcome]] = []
        for action_id, outcome, condition in compiled:
            result = condition(response)
            assert result in ([True], [False]), (action_id, result)  # always one boolean
            if result == [True]:
                applies.append((action_id, outcome))
        proceed = [a for a, _ in applies if a == PROCEED_ACTION]
        criteria = frozenset(a for a, _ in applies if a != PROCEED_ACTION)
        assert bool(proceed) != bool(criteria), applies  # proceed exactly when nothing else
        return max(o for _, o in applies), criteria

    return run


def _windows(lib: mi.Library) -> dict[str, list[AnsweredWithin]]:
    """The date windows of each date question, from the criteria's rules."""
    found: dict[str, list[AnsweredWithin]] = {}

    def walk(rule: mi.Rule) -> None:
        if isinstance(rule, AnsweredWithin):
            found.setdefault(rule.question, []).append(rule)
        for sub in getattr(rule, "rules", ()):
            walk(sub)

    for criterion in lib.screening_criteria:
        walk(criterion.rule)
    return found


def _questions_of(rule: mi.Rule) -> set[str]:
    own = {rule.question} if isinstance(rule, AnswerYes | AnsweredWithin) else set()
    return own.union(*(_questions_of(r) for r in getattr(rule, "rules", ())))


def _outcome_of(lib: mi.Library, question: str) -> Outcome:
    """The most restrictive outcome a criterion on ``question`` calls for."""
    return max(
        (c.outcome for c in lib.screening_criteria if question in _questions_of(c.rule)),
        default=Outcome.PROCEED,
    )


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


treatment_dates = st.one_of(
    st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)),
    # Month ends and starts, where calendar-month arithmetic clamps.
    st.builds(
        lambda y, m, back: dt.date(y, m, _last_day(y, m) - back),
        st.integers(2024, 2031),
        st.integers(1, 12),
        st.integers(0, 3),
    ),
    st.builds(dt.date, st.integers(2024, 2031), st.integers(1, 12), st.just(1)),
)


def _date_answers(on: dt.date, windows: list[AnsweredWithin]) -> st.SearchStrategy[dt.date]:
    """Dates near each window's boundary (either side, month ends), and anywhere."""

    def near(window: AnsweredWithin, offset: int) -> dt.date:
        unit_days = {"day": 1, "week": 7}
        if window.unit == "month":
            start = add_months(on, -window.amount)
        else:
            start = on - dt.timedelta(days=window.amount * unit_days[window.unit])
        return start + dt.timedelta(days=offset)

    boundary = [st.builds(near, st.just(w), st.integers(-4, 4)) for w in windows] or [st.nothing()]
    month_end = st.builds(lambda d: d.replace(day=_last_day(d.year, d.month)), st.one_of(*boundary))
    return st.one_of(
        *boundary,
        month_end,
        st.dates(on - dt.timedelta(days=800), on + dt.timedelta(days=30)),
    )


@st.composite
def cases(draw: st.DrawFn, lib: mi.Library) -> Case:
    """A treatment date and answers: a few yes, the rest no or unanswered, dates near edges."""
    on = draw(treatment_dates)
    windows = _windows(lib)
    yes_no = [q.id for q in lib.screening_questions if q.answer_kind is not DATE]
    # A ceiling on the outcome the "yes" answers can call for, so that every outcome is common.
    ceiling = draw(st.sampled_from(list(Outcome)))
    allowed = [q for q in yes_no if _outcome_of(lib, q) <= ceiling] or yes_no
    said_yes = draw(st.sets(st.sampled_from(allowed), max_size=3))
    rest = draw(st.sampled_from([None, False]))  # the others: unanswered, or all "no"
    answers: dict[str, Answer] = {q: True for q in said_yes} | (
        {} if rest is None else {q: False for q in yes_no if q not in said_yes}
    )
    for question in lib.screening_questions:
        if question.answer_kind is DATE:
            kind = draw(st.sampled_from(["none", "no", "yes", "date", "date", "date"]))
            if kind == "date":
                answers[question.id] = draw(_date_answers(on, windows.get(question.id, [])))
            elif kind != "none":
                answers[question.id] = kind == "yes"
    return answers, on


def _agreement(
    libraries: list[mi.Library], target: int, actions: Callable[[mi.Library], list[Action]]
) -> tuple[int, int, dict[Outcome, int], float]:
    """Check ``target`` distinct generated answer sets in every library.

    Returns (distinct cases, agreements, cases per outcome, seconds). Libraries whose
    conditions are identical share one engine run per response.
    """
    engines: dict[tuple[Action, ...], Callable[..., tuple[Outcome, frozenset[str]]]] = {}
    engine_of: dict[str, tuple[Action, ...]] = {}
    for lib in libraries:
        key = tuple(actions(lib))
        engines.setdefault(key, _engine(list(key)))
        engine_of[lib.info.locale] = key
    seen: set[tuple[tuple[tuple[str, Any], ...], dt.date]] = set()
    outcomes: dict[Outcome, int] = dict.fromkeys(Outcome, 0)
    agreements = 0

    @sample_settings(target)
    @given(case=cases(libraries[0]))
    def check(case: Case) -> None:
        nonlocal agreements
        answers, on = case
        key = (tuple(sorted(answers.items())), on)
        assume(key not in seen)  # count distinct cases (hypothesis repeats small ones)
        response = json.loads(json.dumps(mi.screening_questionnaire_response(answers, on=on)))
        results = {k: run(response) for k, run in engines.items()}
        for lib in libraries:
            expected = lib.screen(answers, on=on)
            got = results[engine_of[lib.info.locale]]
            assert got == (expected.outcome, frozenset(c.id for c in expected.matched)), (
                lib.info.locale,
                answers,
                on,
            )
            agreements += 1
        outcomes[got[0]] += 1
        seen.add(key)

    start = time.perf_counter()
    check()
    return len(seen), agreements, outcomes, time.perf_counter() - start


def test_fhirpath_engine_agrees_with_screen() -> None:
    """THE SPECIFICATION: generated answer sets, both locales, same outcome and criteria."""
    libraries = [mi.get_library(loc) for loc in SHIPPED]
    checked, agreements, outcomes, seconds = _agreement(
        libraries, AGREEMENT_ANSWER_SETS, lambda lib: plan_actions(mi.fhir_bundle(lib))
    )
    print(
        f"\nFHIRPath screening agreement: {checked} distinct answer sets x {len(libraries)} "
        f"locales, {agreements} agreements, 0 disagreements, {seconds:.1f} s; outcomes "
        + ", ".join(f"{o.value} {n}" for o, n in outcomes.items())
    )
    assert checked >= AGREEMENT_ANSWER_SETS * 0.95  # a few repeats are skipped
    assert agreements == checked * len(libraries)
    if AGREEMENT_ANSWER_SETS >= 200:  # at full size, every outcome is exercised
        assert all(n > 0 for n in outcomes.values()), outcomes


MONTH_ENDS = [
    # (answered date, treatment date, matches): the window ends where add_months clamps.
    (dt.date(2026, 8, 31), dt.date(2027, 2, 27), True),
    (dt.date(2026, 8, 31), dt.date(2027, 2, 28), False),  # 31 Aug + 6 months = 28 Feb
    (dt.date(2026, 8, 28), dt.date(2027, 2, 28), False),
    (dt.date(2026, 8, 29), dt.date(2027, 2, 28), False),
    (dt.date(2026, 9, 1), dt.date(2027, 2, 28), True),
    (dt.date(2027, 8, 31), dt.date(2028, 2, 28), True),  # leap year: ends 29 Feb
    (dt.date(2027, 8, 31), dt.date(2028, 2, 29), False),
    (dt.date(2026, 9, 30), dt.date(2027, 3, 29), True),
    (dt.date(2026, 9, 30), dt.date(2027, 3, 30), False),
    (dt.date(2026, 7, 31), dt.date(2027, 1, 30), True),
    (dt.date(2026, 7, 31), dt.date(2027, 1, 31), False),
    (dt.date(2027, 3, 1), dt.date(2027, 3, 1), True),  # same day
    (dt.date(2027, 4, 1), dt.date(2027, 3, 1), True),  # a date after the treatment date
]


@pytest.fixture(scope="module")
def engine(
    bundles: dict[str, Any],
) -> Callable[[Mapping[str, Any]], tuple[Outcome, frozenset[str]]]:
    return _engine(plan_actions(bundles["en_CA"]))


@pytest.mark.parametrize(("answered", "on", "matches"), MONTH_ENDS)
def test_month_ends_agree(
    engine: Callable[[Mapping[str, Any]], tuple[Outcome, frozenset[str]]],
    answered: dt.date,
    on: dt.date,
    matches: bool,
) -> None:
    """Jan 31 - 1 month and friends: FHIRPath's calendar months clamp like the library's."""
    lib = mi.get_library("en_CA")
    answers = {"isotretinoin_recent": answered}
    assert ("isotretinoin_recent" in {c.id for c in lib.screen(answers, on=on).matched}) is (
        matches
    )
    run = engine
    response = mi.screening_questionnaire_response(answers, on=on)
    assert ("isotretinoin_recent" in run(response)[1]) is matches


def test_every_screening_rule_kind_compiles_to_an_agreeing_condition() -> None:
    """Rule shapes the shipped content does not use yet (weeks, days, all_of, any_of) must
    translate too: new content flows through without code changes."""
    lib = mi.get_library("en_CA")
    extra = [
        mi.ScreeningCriterion.model_construct(
            id=cid, outcome=outcome, reason="x", action="x", rule=rule, source_ids=("chu-2021",)
        )
        for cid, outcome, rule in [
            (
                "procedure_weeks",
                Outcome.PRECAUTIONS,
                AnsweredWithin(question="recent_procedure", amount=2, unit="week"),
            ),
            (
                "acne_and_pill",
                Outcome.REFER,
                AllOf(
                    rules=(
                        AnswerYes(question="active_acne"),
                        AnsweredWithin(question="isotretinoin_recent", amount=45, unit="day"),
                    )
                ),
            ),
            (
                "keloid_or_procedure",
                Outcome.DEFER,
                AnyOf(
                    rules=(
                        AnswerYes(question="keloids"),
                        AnsweredWithin(question="recent_procedure", amount=13, unit="month"),
                    )
                ),
            ),
        ]
    ]
    variant = with_screening(lib, criteria=(*lib.screening_criteria, *extra))
    outcome = {c.id: c.outcome for c in variant.screening_criteria}
    outcome[PROCEED_ACTION] = Outcome.PROCEED

    def actions(lib: mi.Library) -> list[Action]:
        return [(a, outcome[a], expr) for a, expr in screening_conditions(lib).items()]

    checked, _, _, _ = _agreement([variant], 40, actions)
    assert checked >= 38


def test_the_engine_check_can_fail(bundles: dict[str, Any]) -> None:
    """The agreement check is real: a condition off by one day is caught."""
    lib = mi.get_library("en_CA")
    actions = plan_actions(bundles["en_CA"])
    wrong = [(a, o, e.replace("6 months) >", "6 months) >=")) for a, o, e in actions]
    assert wrong != actions
    answers = {"isotretinoin_recent": dt.date(2026, 9, 1)}
    on = dt.date(2027, 3, 1)  # the first day the window has passed
    response = mi.screening_questionnaire_response(answers, on=on)
    assert _engine(actions)(response) == (lib.screen(answers, on=on).outcome, frozenset())
    assert _engine(wrong)(response)[1] == {"isotretinoin_recent"}
