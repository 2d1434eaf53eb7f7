"""Library.assess: scenarios from the seed and the clinical brief, properties, and no dead rules."""

from __future__ import annotations

import dataclasses
import gc
import json
import math
import re
import weakref
from typing import Any

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import microneedling_info as mi
from microneedling_info.assessment import MAX_REMEMBERED, Assessor
from microneedling_info.rules import (
    AllOf,
    AllSymptoms,
    AnswerYes,
    AnyOf,
    AnySymptom,
    DayAtLeast,
    DayBefore,
    Observation,
    TemperatureAtLeast,
    UnexplainedSymptom,
    uses_fallback,
)
from microneedling_info.triage import compile_rule

S = mi.Symptom
U = mi.Urgency

# (day, symptoms, temperature, expected urgency) -- each row cites where it comes from.
SCENARIOS: list[tuple[float, tuple[str, ...], float | None, mi.Urgency, str]] = [
    # seed: redness, swelling or mild irritation right after treatment is normal healing
    (0, ("redness", "swelling"), None, U.SELF_CARE, "seed: immediately after, normal"),
    (1, ("redness", "swelling", "tightness"), None, U.SELF_CARE, "seed/brief §1"),
    (2, ("redness", "warmth", "itching"), None, U.SELF_CARE, "brief §1: days"),
    (0, ("pinpoint_bleeding",), None, U.SELF_CARE, "brief §1: endpoint of treatment"),
    (3, ("dryness_flaking",), None, U.SELF_CARE, "brief §1: flaking from day 2-3"),
    (1, ("bruising",), None, U.SELF_CARE, "seed: possibly bruised"),
    (0, (), None, U.SELF_CARE, "nothing reported"),
    (2, (), 37.0, U.SELF_CARE, "normal temperature"),
    # seed: symptoms that persist for more than a week -> consult
    (8, ("redness",), None, U.CONTACT_CLINIC, "seed: persists more than a week"),
    (9, ("swelling",), None, U.CONTACT_CLINIC, "seed: persists more than a week"),
    (14, ("bruising",), None, U.CONTACT_CLINIC, "issue 10: a bruise takes 1-2 weeks"),
    (30, ("dark_patches",), None, U.CONTACT_CLINIC, "brief §5: PIH after weeks"),
    (14, ("rash_bumps",), None, U.CONTACT_CLINIC, "brief §5: granulomatous reaction"),
    (60, ("raised_scars",), None, U.CONTACT_CLINIC, "brief §5 / seed: scarring"),
    # seed: signs of infection (pus, fever), severe pain, excessive redness -> promptly
    (3, ("pus",), None, U.URGENT, "seed: pus"),
    (3, ("redness",), 38.4, U.URGENT, "seed: fever; brief: 38 °C or more"),
    (2, ("fever",), None, U.URGENT, "seed: fever"),
    (4, ("spreading_redness",), None, U.URGENT, "brief §5: spreading redness"),
    (2, ("severe_pain",), None, U.URGENT, "seed: severe pain"),
    (3, ("increasing_pain",), None, U.URGENT, "brief §5: increasing pain"),
    (3, ("blisters",), None, U.URGENT, "brief §5: blisters / cold sores"),
    # brief §5 A: call 911
    (0, ("difficulty_breathing",), None, U.EMERGENCY, "brief §5: trouble breathing"),
    (0, ("face_lip_tongue_swelling",), None, U.EMERGENCY, "brief §5: lips/tongue swelling"),
    (1, ("fainting",), None, U.EMERGENCY, "brief §5: fainting"),
    (1, ("vision_changes",), None, U.EMERGENCY, "issue 10: sudden vision change is an emergency"),
    (3, ("redness", "pus", "difficulty_breathing"), 39.0, U.EMERGENCY, "most urgent wins"),
]


@pytest.mark.parametrize(("day", "symptoms", "temperature", "urgency", "why"), SCENARIOS)
def test_scenarios(
    lib: mi.Library,
    day: float,
    symptoms: tuple[str, ...],
    temperature: float | None,
    urgency: mi.Urgency,
    why: str,
) -> None:
    report = mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=temperature)
    result = lib.assess(report)
    assert result.urgency is urgency, (why, [c.id for c in result.matched])
    assert bool(result.matched) == (urgency is not U.SELF_CARE)
    level = lib.urgency_level(urgency)
    assert result.action == level.action
    if urgency is U.EMERGENCY:
        assert "911" in result.action
    if urgency is U.URGENT:
        assert "811" in result.action


def test_expected_symptoms_say_how_long(lib: mi.Library) -> None:
    result = lib.assess(mi.Report(days_since_treatment=1, symptoms=["redness"]))
    assert [e.id for e in result.expected] == ["redness"]
    assert len(result.expected_notes) == 1
    days = lib.side_effect("redness").expected_until
    assert days is not None
    word = "jours" if lib.locale.language == "fr" else "days"
    assert (
        f"{int(days)}\xa0{word}" in result.expected_notes[0]
        or f"{int(days)} {word}" in (result.expected_notes[0])
    )


def test_unusual_symptom_is_never_called_normal(lib: mi.Library) -> None:
    """Bruising on day 40 is not expected and may have no specific rule: at least contact_clinic."""
    for symptom in S:
        result = lib.assess(mi.Report(days_since_treatment=400, symptoms=[symptom]))
        assert result.urgency >= U.CONTACT_CLINIC, symptom


def test_matched_is_most_urgent_first(lib: mi.Library) -> None:
    report = mi.Report(days_since_treatment=8, symptoms=["redness", "pus", "fainting"])
    urgencies = [c.urgency for c in lib.assess(report).matched]
    assert urgencies == sorted(urgencies, reverse=True)


# --- every rule can fire; every symptom is handled ------------------------------------------


def witness(rule: mi.Rule) -> dict[str, Any]:
    """A report (as fields) that makes ``rule`` match."""
    if isinstance(rule, AnySymptom):
        return {"symptoms": {rule.symptoms[0]}}
    if isinstance(rule, AllSymptoms):
        return {"symptoms": set(rule.symptoms)}
    if isinstance(rule, DayAtLeast):
        return {"day": rule.day}
    if isinstance(rule, DayBefore):
        return {"day": max(0.0, rule.day - 0.5)}
    if isinstance(rule, TemperatureAtLeast):
        return {"temperature": rule.celsius}
    if isinstance(rule, AnyOf):
        return witness(rule.rules[0])
    assert isinstance(rule, AllOf)
    merged: dict[str, Any] = {"symptoms": set()}
    for sub in rule.rules:
        part = witness(sub)
        merged["symptoms"] |= part.get("symptoms", set())
        for key in ("day", "temperature"):
            if key in part:
                merged[key] = max(merged.get(key, part[key]), part[key])
    return merged


def fallback_witness(lib: mi.Library) -> dict[str, Any]:
    """A single symptom on some day that nothing else explains (searched, not assumed)."""
    for day in (0, 1, 3, 7, 10, 14, 30, 60, 400, 3000):
        for symptom in S:
            report = mi.Report(days_since_treatment=day, symptoms=[symptom])
            if lib.assess(report).unusual_symptoms:
                return {"day": day, "symptoms": {symptom}}
    raise AssertionError("the fallback criterion can never fire")


def test_every_criterion_can_be_triggered(lib: mi.Library) -> None:
    for criterion in lib.escalation_criteria:
        if isinstance(criterion.rule, UnexplainedSymptom):
            fields = fallback_witness(lib)
        else:
            fields = witness(criterion.rule)
        report = mi.Report(
            days_since_treatment=fields.get("day", 3),
            symptoms=fields.get("symptoms", ()),
            temperature_c=fields.get("temperature"),
        )
        matched = [c.id for c in lib.assess(report).matched]
        assert criterion.id in matched, (criterion.id, report, matched)


def test_fallback_criterion_exists(lib: mi.Library) -> None:
    assert any(isinstance(c.rule, UnexplainedSymptom) for c in lib.escalation_criteria)


# --- input validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "hint"),
    [
        ({"days_since_treatment": -1}, "days_since_treatment", "greater than or equal to 0"),
        ({"days_since_treatment": math.nan}, "days_since_treatment", "finite"),
        ({"days_since_treatment": math.inf}, "days_since_treatment", "finite"),
        ({"days_since_treatment": 1e9}, "days_since_treatment", "less than or equal to 3650"),
        ({"days_since_treatment": 1, "symptoms": ["sneezing"]}, "symptoms", "'redness'"),
        ({"days_since_treatment": 1, "symptoms": "redness"}, "symptoms", "not a single string"),
        ({"days_since_treatment": 1, "temperature_c": 29.9}, "temperature_c", "30"),
        ({"days_since_treatment": 1, "temperature_c": 45.1}, "temperature_c", "45"),
        ({"days_since_treatment": 1, "temperature_c": math.nan}, "temperature_c", "finite"),
        ({"days_since_treatment": 1, "mood": "bad"}, "mood", "Extra inputs"),
    ],
)
def test_bad_reports_name_the_field_and_valid_values(
    fields: dict[str, Any], field: str, hint: str
) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        mi.Report(**fields)
    text = str(info.value)
    assert field in text and hint in text, text


def test_report_accepts_any_iterable_of_symptoms() -> None:
    report = mi.Report(days_since_treatment=2, symptoms=(s for s in ["pus", S.REDNESS]))
    assert report.symptoms == frozenset({S.PUS, S.REDNESS})


# --- properties ---------------------------------------------------------------------------

days = st.floats(min_value=0, max_value=400, allow_nan=False)
symptom_sets = st.frozensets(st.sampled_from(list(S)), max_size=6)
temperatures = st.one_of(st.none(), st.floats(min_value=30, max_value=45, allow_nan=False))
locales = st.sampled_from(["fr_CA", "en_CA"])
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@settings(max_examples=300, deadline=None)
@given(day=days, symptoms=symptom_sets, extra=st.sampled_from(list(S)), temp=temperatures)
def test_adding_a_symptom_never_lowers_urgency(
    day: float, symptoms: frozenset[mi.Symptom], extra: mi.Symptom, temp: float | None
) -> None:
    lib = mi.get_library("en_CA")
    before = lib.assess(mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=temp))
    after = lib.assess(
        mi.Report(days_since_treatment=day, symptoms=symptoms | {extra}, temperature_c=temp)
    )
    assert after.urgency >= before.urgency


@settings(max_examples=300, deadline=None)
@given(day=days, symptoms=symptom_sets, t1=temperatures, t2=temperatures)
def test_raising_the_temperature_never_lowers_urgency(
    day: float, symptoms: frozenset[mi.Symptom], t1: float | None, t2: float | None
) -> None:
    lib = mi.get_library("en_CA")
    low, high = (t1, t2) if (t1 or 0) <= (t2 or 0) else (t2, t1)
    if low is not None and high is None:
        low, high = high, low
    a = lib.assess(mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=low))
    b = lib.assess(mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=high))
    assert b.urgency >= a.urgency


@settings(max_examples=200, deadline=None)
@given(locale=locales, day=days, symptoms=symptom_sets, temp=temperatures)
def test_any_valid_report_gets_complete_localized_texts(
    locale: str, day: float, symptoms: frozenset[mi.Symptom], temp: float | None
) -> None:
    lib = mi.get_library(locale)
    result = lib.assess(mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=temp))
    assert isinstance(result, mi.Assessment)
    assert result.locale == locale
    for text in (
        result.headline,
        result.action,
        result.timeframe,
        result.disclaimer,
        *result.expected_notes,
    ):
        assert text.strip()
        assert not PLACEHOLDER.search(text), text
    assert bool(result.matched) == (result.urgency is not U.SELF_CARE)
    assert mi.Assessment.model_validate(result.model_dump()) == result


def _walk_every_rule(lib: mi.Library, report: mi.Report) -> tuple[list[str], list[str], set[S]]:
    """The decision as the rules state it, with no index: every rule, every side effect."""
    day, symptoms, temp = report.days_since_treatment, report.symptoms, report.temperature_c
    expected = [
        e
        for e in lib.side_effects
        if (until := e.expected_until) is not None
        and e.onset.start <= day < until
        and symptoms & set(e.symptoms)
    ]
    normal = set().union(*(set(e.symptoms) for e in expected)) & symptoms
    obs = Observation(day, symptoms, temp)
    specific = [c for c in lib.escalation_criteria if not uses_fallback(c.rule)]
    matched = [c for c in specific if c.rule.matches(obs)]
    explained = set().union(*(c.rule.explains(obs) for c in matched))
    unexplained = frozenset(symptoms - normal - explained)
    if unexplained:
        obs = Observation(day, symptoms, temp, unexplained)
        fallback = [c for c in lib.escalation_criteria if uses_fallback(c.rule)]
        matched += [c for c in fallback if c.rule.matches(obs)]
    matched.sort(key=lambda c: c.urgency, reverse=True)
    return [c.id for c in matched], [e.id for e in expected], set(unexplained)


@settings(max_examples=400, deadline=None)
@given(locale=locales, day=days, symptoms=symptom_sets, temp=temperatures)
def test_compiled_rules_decide_as_walking_every_rule(
    locale: str, day: float, symptoms: frozenset[mi.Symptom], temp: float | None
) -> None:
    """The library files criteria by symptom for speed; the answer must not change."""
    lib = mi.get_library(locale)
    report = mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=temp)
    result = lib.assess(report)
    matched, expected, unexplained = _walk_every_rule(lib, report)
    assert [c.id for c in result.matched] == matched
    assert [e.id for e in result.expected] == expected
    assert set(result.unusual_symptoms) == unexplained


@settings(max_examples=60, deadline=None)
@given(locale=locales, day=days, symptoms=symptom_sets, temp=temperatures)
def test_a_report_its_fields_and_a_fresh_answer_agree(
    locale: str, day: float, symptoms: frozenset[mi.Symptom], temp: float | None
) -> None:
    """``assess`` remembers answers: a Report, the same fields as JSON would give them, and
    the answer worked out afresh are one answer, each library in its own language."""
    lib = mi.get_library(locale)
    fields = {"days_since_treatment": day, "symptoms": [s.value for s in symptoms]}
    fields["temperature_c"] = temp
    report = mi.Report.model_validate(fields)
    first = lib.assess(report)
    assert lib.assess(fields) == first
    assert lib.assess(report) is first  # remembered, not worked out again
    assert Assessor(lib).answer(day, report.symptoms, temp) == first
    other = mi.get_library("en_CA" if locale == "fr_CA" else "fr_CA").assess(report)
    assert other.locale != first.locale and other.headline != first.headline
    assert other.urgency is first.urgency
    assert [c.id for c in other.matched] == [c.id for c in first.matched]


def _with_other_fallbacks(lib: mi.Library) -> mi.Library:
    """``lib`` plus fallback criteria that are not the plain "unexplained symptom" rule, at
    other levels: the triage must ask them, and place them among the specific ones."""
    plain = next(c for c in lib.escalation_criteria if uses_fallback(c.rule))
    late = AllOf(rules=(UnexplainedSymptom(), DayAtLeast(day=7)))
    hot = AnyOf(rules=(UnexplainedSymptom(), TemperatureAtLeast(celsius=39.5)))
    extra = (
        plain.model_copy(update={"id": "fallback-late", "rule": late, "urgency": U.URGENT}),
        plain.model_copy(update={"id": "fallback-hot", "rule": hot, "urgency": U.EMERGENCY}),
    )
    return dataclasses.replace(lib, escalation_criteria=(*lib.escalation_criteria, *extra))


OTHER_FALLBACKS = {loc: _with_other_fallbacks(mi.get_library(loc)) for loc in ("fr_CA", "en_CA")}


@settings(max_examples=200, deadline=None)
@given(locale=locales, day=days, symptoms=symptom_sets, temp=temperatures)
def test_fallbacks_of_any_kind_decide_as_walking_every_rule(
    locale: str, day: float, symptoms: frozenset[mi.Symptom], temp: float | None
) -> None:
    lib = OTHER_FALLBACKS[locale]
    report = mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=temp)
    matched, expected, unexplained = _walk_every_rule(lib, report)
    result = lib.assess(report)
    assert [c.id for c in result.matched] == matched
    assert [e.id for e in result.expected] == expected
    assert set(result.unusual_symptoms) == unexplained


@given(
    specific=st.lists(st.integers(0, 3), max_size=6).map(lambda r: sorted(r, reverse=True)),
    fallback=st.lists(st.integers(0, 3), max_size=3).map(lambda r: sorted(r, reverse=True)),
)
def test_merged_is_a_stable_sort_most_urgent_first(
    specific: list[int], fallback: list[int]
) -> None:
    """Specific criteria stay ahead of fallbacks of the same level, as a stable sort keeps them."""
    from microneedling_info.triage import _merged

    mine = [("specific", i, r) for i, r in enumerate(specific)]
    theirs = [("fallback", i, r) for i, r in enumerate(fallback)]
    got = _merged(mine, specific, [(c, c[2]) for c in theirs])  # type: ignore[arg-type]
    assert got == sorted(mine + theirs, key=lambda c: c[2], reverse=True)


def test_remembered_answers_are_bounded_and_per_library() -> None:
    lib = mi.build_library("en_CA")
    for quarter in range(MAX_REMEMBERED + 10):
        lib.assess(mi.Report(days_since_treatment=quarter / 4, symptoms=["redness"]))
    assert 0 < len(lib._assessor._answers) <= MAX_REMEMBERED
    report = mi.Report(days_since_treatment=3, symptoms=["pus"])
    assert "infection-signs" in [c.id for c in lib.assess(report).matched]
    criteria = tuple(c for c in lib.escalation_criteria if c.id != "infection-signs")
    fewer = dataclasses.replace(lib, escalation_criteria=criteria)
    assert "infection-signs" not in [c.id for c in fewer.assess(report).matched]


POOL = [S.REDNESS, S.PUS, S.FEVER, S.HIVES, S.FAINTING]
"""A few symptoms, so that generated rules and reports meet often."""
pool_sets = st.frozensets(st.sampled_from(POOL))
pool_tuples = st.lists(st.sampled_from(POOL), min_size=1, max_size=3).map(tuple)
leaf_rules = st.one_of(
    pool_tuples.map(lambda s: AnySymptom(symptoms=s)),
    pool_tuples.map(lambda s: AllSymptoms(symptoms=s)),
    st.sampled_from([0, 1, 7.5]).map(lambda d: DayAtLeast(day=d)),
    st.sampled_from([1, 7.5]).map(lambda d: DayBefore(day=d)),
    st.sampled_from([38, 39.2]).map(lambda c: TemperatureAtLeast(celsius=c)),
    st.just(AnswerYes(question="pregnant")),  # a kind compiled as "call its methods"
)
generated_rules: st.SearchStrategy[mi.Rule] = st.recursive(
    leaf_rules,
    lambda inner: st.lists(inner, min_size=1, max_size=3).flatmap(
        lambda parts: st.sampled_from([AllOf(rules=tuple(parts)), AnyOf(rules=tuple(parts))])
    ),
    max_leaves=6,
)


edge_days = st.one_of(st.sampled_from([0, 1, 7.5]), days)
edge_temperatures = st.one_of(st.sampled_from([None, 38.0, 39.2]), temperatures)
"""The rules' own thresholds, often: a compiled ``<`` for ``<=`` shows only there."""


@settings(max_examples=300, deadline=None)
@given(rule=generated_rules, day=edge_days, symptoms=pool_sets, temp=edge_temperatures)
def test_a_compiled_rule_matches_and_explains_as_the_rule_says(
    rule: mi.Rule, day: float, symptoms: frozenset[mi.Symptom], temp: float | None
) -> None:
    obs = Observation(day, symptoms, temp)
    said = rule.explains(obs) if rule.matches(obs) else None
    assert compile_rule(rule)(day, symptoms, temp) == said


def test_a_rule_never_matches_without_what_it_needs(lib: mi.Library) -> None:
    """``needs()`` is what the index relies on: check it against every single symptom."""
    for criterion in lib.escalation_criteria:
        needs = criterion.rule.needs()
        if needs is None:
            continue
        for symptom in set(S) - needs:
            for day in (0, 3, 8, 30, 400):
                obs = Observation(day, frozenset({symptom}), 45.0, frozenset({symptom}))
                assert not criterion.rule.matches(obs), (criterion.id, symptom, day)


def test_assessment_has_label_and_signs(lib: mi.Library) -> None:
    result = lib.assess(mi.Report(days_since_treatment=3, symptoms=["pus", "redness"]))
    assert result.label == lib.urgency_level(result.urgency).label
    assert result.signs == tuple(c.sign for c in result.matched)
    assert result.signs
    calm = lib.assess(mi.Report(days_since_treatment=1, symptoms=["redness"]))
    assert calm.signs == () and calm.label == lib.urgency_level("self_care").label


def test_assessment_is_built_as_model_construct_would(lib: mi.Library) -> None:
    result = lib.assess(mi.Report(days_since_treatment=3, symptoms=["pus", "redness"]))
    values = {name: getattr(result, name) for name in mi.Assessment.model_fields}
    reference = mi.Assessment.model_construct(**values)
    assert result == reference
    assert result.model_fields_set == reference.model_fields_set
    assert repr(result) == repr(reference)
    assert result.model_dump() == reference.model_dump()
    assert mi.Assessment.model_validate(result.model_dump()) == result


@pytest.mark.usefixtures("fresh_caches")
def test_clear_caches_lets_libraries_go() -> None:
    lib = mi.get_library("en_CA")
    lib.assess(mi.Report(days_since_treatment=3, symptoms=["pus"]))
    ref = weakref.ref(lib)
    del lib
    mi.clear_caches()
    gc.collect()
    assert ref() is None


def test_vocabulary_members_hash_as_their_ids(lib: mi.Library) -> None:
    """A member equals its id, so it must hash as its id: dict lookups by id then work."""
    assert {S.PUS: 1}.get("pus") == 1
    assert {"urgent": 1}.get(U.URGENT) == 1
    assert hash(mi.Frequency.COMMON) == hash("common")
    assert lib.urgency_level("urgent") is lib.urgency_level(U.URGENT)


def test_urgency_compares_with_its_ids_by_severity() -> None:
    """JSON gives strings: an urgency id compares by severity, never alphabetically."""
    assert "emergency" >= U.URGENT  # noqa: SIM300 -- the string on the left is the point
    assert U.URGENT < "emergency"
    assert max(["urgent", U.EMERGENCY]) is U.EMERGENCY
    assert max([U.SELF_CARE, "contact_clinic"]) == "contact_clinic"
    for other in ("EMERGENCY", "911", 3, None, 2.5):
        with pytest.raises(TypeError, match="urgency ids: self_care, contact_clinic"):
            assert U.URGENT < other  # type: ignore[operator]  # noqa: SIM300
        with pytest.raises(TypeError):
            assert other > U.URGENT  # type: ignore[operator]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("symptoms", {"difficulty_breathing": False}, "not a mapping"),
        ("symptoms", "pus", "not a single string"),
        ("days_since_treatment", True, "must be a number, not True"),
        ("temperature_c", False, "must be a number, not False"),
    ],
)
def test_report_rejects_mappings_and_bools(field: str, value: object, words: str) -> None:
    data: dict[str, Any] = {"days_since_treatment": 2, field: value}
    with pytest.raises(pydantic.ValidationError, match=words) as info:
        mi.Report.model_validate(data)
    assert info.value.errors()[0]["loc"] == (field,)
    with pytest.raises(pydantic.ValidationError, match=words):
        mi.Report.model_validate_json(json.dumps(data))
