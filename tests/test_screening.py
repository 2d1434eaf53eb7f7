"""Before treatment: the screening checklist, its rules and ``Library.screen``.

The scenario table is written from the sources (each row names the source ids
that decide it); the property tests check that answering "yes", or a more
recent date, never relaxes the outcome.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.content import load_raw, section_items
from microneedling_info.rules import AllOf, AnyOf
from microneedling_info.screening import parse_answer

SO = mi.ScreeningOutcome
ON = dt.date(2026, 12, 2)
"""The planned treatment date of every scenario."""

REQUIRED_QUESTIONS = {
    "active_infection",
    "cold_sores_history",
    "isotretinoin_recent",
    "pregnant_or_breastfeeding",
    "anticoagulants",
    "bleeding_disorder",
    "keloids",
    "active_acne",
    "skin_condition_flare",
    "immunosuppressed",
    "diabetes",
    "anaesthetic_allergy",
    "metal_allergy",
    "sunburn_or_tan",
    "recent_procedure",
}
"""The issue's list, less what the sources do not support (see DROPPED)."""
DROPPED = {"radiation_therapy"}
"""Asked for by the issue; no reviewed source supports it (docs/content-sources.md says why)."""


@pytest.fixture(scope="module")
def en() -> mi.Library:
    return mi.get_library("en_CA")


# --- the content ------------------------------------------------------------------------------


def test_at_least_16_questions_and_rules(en: mi.Library) -> None:
    ids = [q.id for q in en.screening_questions]
    assert len(ids) >= 16 and len(set(ids)) == len(ids)
    assert set(ids) >= REQUIRED_QUESTIONS, REQUIRED_QUESTIONS - set(ids)
    assert not set(ids) & DROPPED
    assert len(en.screening_criteria) >= 16
    assert len({c.id for c in en.screening_criteria}) == len(en.screening_criteria)


def test_one_level_per_outcome_most_restrictive_first(en: mi.Library) -> None:
    assert [o.id for o in en.screening_outcomes] == sorted(SO, reverse=True)
    assert SO.PROCEED < SO.PRECAUTIONS < SO.DEFER < SO.REFER
    assert max(SO) is SO.REFER
    assert "doctor" in en.screening_outcome(SO.REFER).action
    assert [c.outcome for c in en.screening_criteria] == sorted(
        (c.outcome for c in en.screening_criteria), reverse=True
    )


def test_outcomes_compare_with_their_ids_and_nothing_else() -> None:
    assert SO.DEFER > "precautions" and SO.DEFER < "refer" and max(SO) == "refer"
    assert {SO.DEFER: 1}.get("defer") == 1
    with pytest.raises(TypeError, match="screening outcome ids: proceed, precautions"):
        assert SO.DEFER < "urgent"
    with pytest.raises(TypeError, match="cannot compare a ScreeningOutcome"):
        assert SO.DEFER < mi.Urgency.URGENT
    with pytest.raises(TypeError):
        assert mi.Urgency.URGENT > SO.PROCEED


def _questions_of(rule: mi.Rule) -> set[str]:
    if isinstance(rule, mi.AnswerYes | mi.AnsweredWithin):
        return {rule.question}
    if isinstance(rule, AllOf | AnyOf):
        return set().union(*(_questions_of(r) for r in rule.rules))
    raise AssertionError(f"a screening rule uses {rule.kind!r}, which does not read answers")


def _answer_kinds(rule: mi.Rule) -> set[str]:
    if isinstance(rule, AllOf | AnyOf):
        return set().union(*(_answer_kinds(r) for r in rule.rules))
    return {rule.kind} & {"answer_yes", "answered_within"}


def test_rules_read_only_known_questions_of_the_right_kind(en: mi.Library) -> None:
    kinds = {q.id: q.answer_kind for q in en.screening_questions}
    asked: set[str] = set()
    for criterion in en.screening_criteria:
        questions = _questions_of(criterion.rule)
        assert questions <= kinds.keys(), (criterion.id, questions - kinds.keys())
        asked |= questions
        if isinstance(criterion.rule, mi.AnsweredWithin):
            assert kinds[criterion.rule.question] is mi.AnswerKind.DATE, criterion.id
    assert asked == set(kinds), f"questions no rule reads: {set(kinds) - asked}"
    for criterion in en.escalation_criteria:
        assert not _answer_kinds(criterion.rule), f"{criterion.id} reads screening answers"


def test_time_windows_say_the_same_number_as_their_texts() -> None:
    """'Wait {months}' in a text must be the rule's own window, never a second copy."""
    units = {"day": "days", "week": "weeks", "month": "months"}
    for rule in section_items(load_raw(), "screening.rules"):
        if rule["rule"]["kind"] != "answered_within":
            continue
        unit, amount = units[rule["rule"]["unit"]], rule["rule"]["amount"]
        for field in ("reason", "action"):
            spec: Mapping[str, Any] = rule[field]
            assert isinstance(spec, Mapping), f"{rule['id']}.{field} does not say the window"
            said = [v[unit] for v in spec["values"].values() if unit in v]
            assert said == [amount], (rule["id"], field, said)


def test_texts_in_both_languages_are_filled_in(locale: str) -> None:
    lib = mi.get_library(locale)
    texts = [o.label for o in lib.screening_outcomes] + [o.action for o in lib.screening_outcomes]
    texts += [t for q in lib.screening_questions for t in (q.text, q.why)]
    texts += [t for c in lib.screening_criteria for t in (c.reason, c.action)]
    for text in texts:
        assert text.strip() and "{" not in text, text
    if locale == "fr_CA":
        assert "feux sauvages" in lib.screening_question("cold_sores_history").text
        assert "6\u00a0mois" in lib.screening_question("isotretinoin_recent").why


# --- scenarios, from the sources ---------------------------------------------------------------

# (answers, expected outcome, expected matched criteria, the sources that decide it)
SCENARIOS: list[tuple[dict[str, bool | dt.date], SO, set[str], str]] = [
    ({}, SO.PROCEED, set(), "nothing reported: no contraindication [skinpen-consent-clinic]"),
    (
        {q: False for q in REQUIRED_QUESTIONS | {"skin_cancer"}},
        SO.PROCEED,
        set(),
        "every answer no [skinpen-consent-clinic, clinic-handouts]",
    ),
    (
        {"active_infection": True},
        SO.DEFER,
        {"active_infection"},
        "open sores, infection [skinpen-consent-clinic, chu-2021]",
    ),
    (
        {"cold_sores_history": True},
        SO.PRECAUTIONS,
        {"cold_sores_history"},
        "antiviral before treatment [clinic-handouts, cmac-hsv-2021]",
    ),
    (
        {"isotretinoin_recent": dt.date(2026, 9, 1)},
        SO.DEFER,
        {"isotretinoin_recent"},
        "wait 6 months [asds-isotretinoin-2017, project-lead-isotretinoin]",
    ),
    (
        {"isotretinoin_recent": dt.date(2026, 6, 3)},
        SO.DEFER,
        {"isotretinoin_recent"},
        "one day short of 6 months [asds-isotretinoin-2017]",
    ),
    (
        {"isotretinoin_recent": dt.date(2026, 6, 2)},
        SO.PROCEED,
        set(),
        "6 months have passed [asds-isotretinoin-2017, esthetik-mtl]",
    ),
    (
        {"isotretinoin_recent": dt.date(2025, 1, 15)},
        SO.PROCEED,
        set(),
        "long ago [asds-isotretinoin-2017]",
    ),
    (
        {"isotretinoin_recent": ON},
        SO.DEFER,
        {"isotretinoin_recent"},
        "still taking it [skinpen-consent-clinic]",
    ),
    (
        {"isotretinoin_recent": True},
        SO.DEFER,
        {"isotretinoin_recent"},
        "date unknown: conservative [asds-isotretinoin-2017, blakely-2022]",
    ),
    ({"isotretinoin_recent": False}, SO.PROCEED, set(), "never taken [asds-isotretinoin-2017]"),
    (
        {"pregnant_or_breastfeeding": True},
        SO.REFER,
        {"pregnant_or_breastfeeding"},
        "[skinpen-consent-clinic]",
    ),
    ({"anticoagulants": True}, SO.REFER, {"anticoagulants"}, "[clinic-handouts]"),
    ({"bleeding_disorder": True}, SO.REFER, {"bleeding_disorder"}, "[skinpen-consent-clinic]"),
    ({"keloids": True}, SO.REFER, {"keloids"}, "keloid tendency [clinic-handouts]"),
    ({"active_acne": True}, SO.DEFER, {"active_acne"}, "[clinic-handouts, esthetik-mtl]"),
    (
        {"skin_condition_flare": True},
        SO.DEFER,
        {"skin_condition_flare"},
        "eczema, psoriasis, rosacea [clinic-handouts]",
    ),
    ({"immunosuppressed": True}, SO.REFER, {"immunosuppressed"}, "[clinic-handouts]"),
    ({"diabetes": True}, SO.REFER, {"diabetes"}, "uncontrolled diabetes [clinic-handouts]"),
    ({"anaesthetic_allergy": True}, SO.REFER, {"anaesthetic_allergy"}, "[skinpen-consent-clinic]"),
    (
        {"metal_allergy": True},
        SO.REFER,
        {"metal_allergy"},
        "stainless steel [skinpen-consent-clinic, chu-2021]",
    ),
    (
        {"sunburn_or_tan": True},
        SO.DEFER,
        {"sunburn_or_tan"},
        "no treatment on tanned skin [chelwest-microneedling, esthetik-mtl]",
    ),
    (
        {"skin_cancer": True},
        SO.REFER,
        {"skin_cancer"},
        "active skin cancer in the area [skinpen-consent-clinic]",
    ),
    (
        {"recent_procedure": dt.date(2026, 10, 1)},
        SO.DEFER,
        {"recent_procedure"},
        "injections in the area within 6 months [esthetik-mtl, mdedge-2021]",
    ),
    (
        {"recent_procedure": dt.date(2026, 1, 5)},
        SO.PROCEED,
        set(),
        "more than 6 months ago [esthetik-mtl]",
    ),
    (
        {"cold_sores_history": True, "isotretinoin_recent": dt.date(2026, 9, 1)},
        SO.DEFER,
        {"cold_sores_history", "isotretinoin_recent"},
        "most restrictive wins [cmac-hsv-2021, asds-isotretinoin-2017]",
    ),
    (
        {"cold_sores_history": True, "pregnant_or_breastfeeding": True},
        SO.REFER,
        {"cold_sores_history", "pregnant_or_breastfeeding"},
        "[clinic-handouts, skinpen-consent-clinic]",
    ),
    (
        {"active_infection": True, "keloids": True, "sunburn_or_tan": False},
        SO.REFER,
        {"active_infection", "keloids"},
        "[skinpen-consent-clinic, clinic-handouts]",
    ),
    (
        {"isotretinoin_recent": dt.date(2026, 9, 1), "recent_procedure": dt.date(2026, 11, 20)},
        SO.DEFER,
        {"isotretinoin_recent", "recent_procedure"},
        "two dated reasons [asds-isotretinoin-2017, esthetik-mtl]",
    ),
]


@pytest.mark.parametrize(("answers", "outcome", "matched", "source"), SCENARIOS)
def test_scenario(
    en: mi.Library,
    answers: dict[str, bool | dt.date],
    outcome: SO,
    matched: set[str],
    source: str,
) -> None:
    result = en.screen(answers, on=ON)
    assert result.outcome is outcome, source
    assert {c.id for c in result.matched} == matched, source
    assert bool(result.matched) == (outcome is not SO.PROCEED)
    assert result.label == en.screening_outcome(outcome).label
    assert result.reasons == tuple(c.reason for c in result.matched)
    assert result.actions == tuple(c.action for c in result.matched)
    assert result.action == en.screening_outcome(outcome).action


def test_enough_scenarios_and_each_cites_a_source() -> None:
    assert len(SCENARIOS) >= 25
    known = {s["id"] for s in load_raw()["sources"]}
    for answers, _outcome, _matched, source in SCENARIOS:
        cited = set(source.rsplit("[", 1)[1].rstrip("]").split(", "))
        assert cited <= known, (answers, cited - known)
    covered = {q for answers, *_ in SCENARIOS for q, a in answers.items() if a is not False}
    assert covered >= REQUIRED_QUESTIONS | {"skin_cancer"}


def test_wait_until_the_dated_reason_has_passed(en: mi.Library) -> None:
    result = en.screen({"isotretinoin_recent": dt.date(2026, 9, 1)}, on=ON)
    assert result.until == dt.date(2027, 3, 1)
    assert result.until_text == "Do not have treatment before March 1, 2027."
    both = en.screen(
        {"isotretinoin_recent": dt.date(2026, 9, 1), "recent_procedure": dt.date(2026, 11, 20)},
        on=ON,
    )
    assert both.until == dt.date(2027, 5, 20), "the later of the two dates"
    unknown = en.screen({"isotretinoin_recent": True}, on=ON)
    assert unknown.outcome is SO.DEFER and unknown.until is None and unknown.until_text is None
    # Month ends clamp: 31 August + 6 months is the last day of February.
    assert en.screen({"isotretinoin_recent": dt.date(2026, 8, 31)}, on=ON).until == dt.date(
        2027, 2, 28
    )
    later = en.screen({"isotretinoin_recent": dt.date(2026, 9, 1)}, on=dt.date(2027, 3, 1))
    assert later.outcome is SO.PROCEED, "on the first day after the window"


def test_french_result() -> None:
    fr = mi.get_library("fr_CA")
    result = fr.screen({"isotretinoin_recent": dt.date(2026, 9, 1)}, on=ON)
    assert result.until_text == "Ne faites pas le traitement avant le 1 mars 2027."
    assert result.label == "Attendez pour l'instant"
    assert result.locale == "fr_CA"
    assert "isotrétinoïne" in result.matched[0].reason


def test_unanswered_questions_are_listed(en: mi.Library) -> None:
    result = en.screen({"keloids": False}, on=ON)
    assert "keloids" not in result.unanswered
    assert len(result.unanswered) == len(en.screening_questions) - 1
    assert result.on == ON
    assert en.screen({}).on == dt.date.today()


def test_result_validates_and_carries_the_note(en: mi.Library) -> None:
    result = en.screen({"cold_sores_history": True, "metal_allergy": True}, on=ON)
    assert mi.Screening.model_validate(result.model_dump()) == result
    assert "final decision" in result.note
    assert "911" in result.disclaimer


# --- bad input --------------------------------------------------------------------------------


def test_unknown_id_names_the_valid_ids(en: mi.Library) -> None:
    with pytest.raises(mi.ScreeningAnswerError) as info:
        en.screen({"radiation_therapy": True})
    message = str(info.value)
    assert "'radiation_therapy'" in message
    for question in en.screening_questions:
        assert question.id in message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("question", "value", "expected"),
    [
        ("keloids", dt.date(2020, 1, 1), "yes or no"),
        ("keloids", "yes", "yes or no"),
        ("keloids", 1, "yes or no"),
        ("keloids", None, "yes or no"),
        ("isotretinoin_recent", "2026-09-01", "a date (YYYY-MM-DD)"),
        ("isotretinoin_recent", 0, "a date (YYYY-MM-DD)"),
    ],
)
def test_wrong_kind_of_answer_says_what_the_question_takes(
    en: mi.Library, question: str, value: object, expected: str
) -> None:
    with pytest.raises(mi.ScreeningAnswerError) as info:
        en.screen({question: value})  # type: ignore[dict-item]
    assert repr(question) in str(info.value) and expected in str(info.value)


def test_answers_must_be_a_mapping_and_on_a_date(en: mi.Library) -> None:
    with pytest.raises(mi.ScreeningAnswerError, match="mapping"):
        en.screen(["keloids"])  # type: ignore[arg-type]
    with pytest.raises(mi.ScreeningAnswerError, match="treatment date"):
        en.screen({}, on="2026-12-02")  # type: ignore[arg-type]


def test_datetimes_are_taken_as_their_date(en: mi.Library) -> None:
    at = dt.datetime(2026, 9, 1, 22, 30)
    result = en.screen({"isotretinoin_recent": at}, on=dt.datetime(2026, 12, 2, 9, 0))
    assert result.until == dt.date(2027, 3, 1) and result.on == ON


def test_parse_answer(en: mi.Library) -> None:
    yes_no, dated = en.screening_question("keloids"), en.screening_question("isotretinoin_recent")
    assert parse_answer(yes_no, "yes") is True and parse_answer(yes_no, "Non") is False
    assert parse_answer(dated, "2026-09-01") == dt.date(2026, 9, 1)
    assert parse_answer(dated, "no") is False
    with pytest.raises(mi.ScreeningAnswerError, match="yes or no"):
        parse_answer(yes_no, "2026-09-01")
    with pytest.raises(mi.ScreeningAnswerError, match="YYYY-MM-DD"):
        parse_answer(dated, "last spring")


# --- never relaxes ----------------------------------------------------------------------------

_LIB = mi.get_library("en_CA")
_KINDS = {q.id: q.answer_kind for q in _LIB.screening_questions}
_dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


def _answer(question: str) -> st.SearchStrategy[bool | dt.date]:
    if _KINDS[question] is mi.AnswerKind.DATE:
        return st.one_of(st.booleans(), _dates)
    return st.booleans()


answer_sets = st.lists(st.sampled_from(sorted(_KINDS)), unique=True).flatmap(
    lambda ids: st.fixed_dictionaries({q: _answer(q) for q in ids})
)


@settings(max_examples=300, deadline=None)
@given(answers=answer_sets, question=st.sampled_from(sorted(_KINDS)), on=_dates)
def test_answering_yes_never_relaxes_the_outcome(
    answers: dict[str, bool | dt.date], question: str, on: dt.date
) -> None:
    before = _LIB.screen(answers, on=on)
    after = _LIB.screen({**answers, question: True}, on=on)
    assert after.outcome >= before.outcome
    assert {c.id for c in after.matched} >= {c.id for c in before.matched}
    assert before.outcome == max((c.outcome for c in before.matched), default=SO.PROCEED)


@settings(max_examples=200, deadline=None)
@given(
    answers=answer_sets,
    question=st.sampled_from(sorted(q for q, k in _KINDS.items() if k is mi.AnswerKind.DATE)),
    older=_dates,
    newer=_dates,
    on=_dates,
)
def test_a_more_recent_date_never_relaxes_the_outcome(
    answers: dict[str, bool | dt.date],
    question: str,
    older: dt.date,
    newer: dt.date,
    on: dt.date,
) -> None:
    older, newer = min(older, newer), max(older, newer)
    a = _LIB.screen({**answers, question: older}, on=on)
    b = _LIB.screen({**answers, question: newer}, on=on)
    assert b.outcome >= a.outcome


# --- command line and export ------------------------------------------------------------------


def test_cli_screen_example_from_the_issue(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["screen", "--answer", "isotretinoin_recent=2026-09-01"]
    args += ["--answer", "cold_sores_history=yes", "--treatment-date", "2026-12-02"]
    assert main([*args, "--locale", "fr-CA"]) == 0
    out = capsys.readouterr().out
    fr = mi.get_library("fr_CA")
    assert out.startswith(fr.screening_outcome(SO.DEFER).label.upper())
    assert "1 mars 2027" in out and "feux sauvages" in out
    notice = fr.message("notice.preliminary")
    assert (notice in out) is not fr.info.clinically_validated, "as in show and assess"
    assert main([*args, "--locale", "en", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["outcome"] == "defer" and payload["until"] == "2027-03-01"
    assert payload["matched"] == ["isotretinoin_recent", "cold_sores_history"]
    assert payload["treatment_date"] == "2026-12-02"
    assert "keloids" in payload["unanswered"]


@pytest.mark.parametrize(
    ("locale", "args", "says"),
    [
        ("en", ["--answer", "radiation_therapy=yes"], "valid ids: active_infection"),
        ("en", ["--answer", "keloids=maybe"], "'keloids' takes yes or no"),
        ("en", ["--answer", "keloids"], "ID=yes, ID=no or ID=YYYY-MM-DD, not 'keloids'"),
        ("en", ["--answer", "isotretinoin_recent=spring"], "YYYY-MM-DD"),
        ("en", ["--treatment-date", "tomorrow"], "YYYY-MM-DD"),
        ("en", ["--answer", "keloids=no", "--answer", "keloids=yes"], "given twice"),
        ("fr-CA", ["--answer", "keloids"], "--answer prend ID=yes, ID=no ou ID=YYYY-MM-DD, pas"),
    ],
)
def test_cli_screen_bad_input_is_one_line_and_exit_2(
    locale: str, args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One line on stderr, in the requested language, naming what is valid; nothing on stdout."""
    assert main(["screen", "--locale", locale, *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and says in captured.err, captured.err


def test_show_screening_lists_every_question_with_what_yes_leads_to(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "screening", "--locale", "en"]) == 0
    out = capsys.readouterr().out
    for question in _LIB.screening_questions:
        assert question.text in out and question.why in out
    assert out.count("If yes") == len(_LIB.screening_questions)
    assert main(["show", "screening", "--locale", "en", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)["screening"]
    assert [q["id"] for q in shown] == [q.id for q in _LIB.screening_questions]


def test_export_carries_the_screening_and_its_rules() -> None:
    from microneedling_info.export import export_document

    doc = json.loads(export_document(mi.get_library("fr_CA")).model_dump_json())
    assert [q["id"] for q in doc["screening_questions"]] == list(_KINDS)
    rules = {c["id"]: c["rule"] for c in doc["screening_criteria"]}
    assert rules["isotretinoin_recent"] == {
        "kind": "answered_within",
        "question": "isotretinoin_recent",
        "amount": 6,
        "unit": "month",
    }
    assert [o["id"] for o in doc["screening_outcomes"]] == [
        "refer",
        "defer",
        "precautions",
        "proceed",
    ]


def test_before_your_next_session_aftercare_links_to_the_questions(en: mi.Library) -> None:
    """The aftercare steps that say "before your next session, tell your clinic" point at the
    screening questions they mean, so a clinic system can ask them again."""
    linked = {a.id: a.screening_question_ids for a in en.aftercare if a.screening_question_ids}
    assert linked.keys() >= {"next-session-cold-sores", "next-session-health"}
    for aftercare_id, question_ids in linked.items():
        for question_id in question_ids:
            en.screening_question(question_id)  # UnknownItemError if the link is broken
        assert len(set(question_ids)) == len(question_ids), aftercare_id
    assert linked["next-session-cold-sores"] == ("cold_sores_history",)
    assert set(linked["next-session-health"]) >= {
        "isotretinoin_recent",
        "anticoagulants",
        "pregnant_or_breastfeeding",
        "diabetes",
        "immunosuppressed",
        "keloids",
    }


def test_a_hostile_translation_of_the_date_sentence_falls_back_to_english(
    localedir: Path,
) -> None:
    from _support import po_path, write_catalog

    write_catalog(
        po_path(localedir, "fr_CA"),
        "fr_CA",
        {"message.screening.until": "Pas avant {date.__class__}."},
    )
    fr = mi.get_library("fr_CA")
    assert any("message.screening.until" in p for p in fr.catalog_problems)
    result = fr.screen({"isotretinoin_recent": dt.date(2026, 9, 1)}, on=ON)
    assert result.until_text == "Do not have treatment before March 1, 2027."
