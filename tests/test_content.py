"""The shipped clinical content: counts, validity, day ranges, sources, coverage, readability.

The library builds its models with ``model_construct`` (no validation at start-up), so
this module is where the shipped data is validated: every model of the en_CA library is
round-tripped through ``Model.model_validate``.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from _support import readable_items, rule_symptoms

import microneedling_info as mi
from microneedling_info.content import load_raw, section_items
from microneedling_info.rules import AllOf, AnyOf, UnexplainedSymptom

U = mi.Urgency
S = mi.Symptom

MAX_ITEM_GRADE = 8.0
MAX_MEAN_GRADE = 6.5


@pytest.fixture(scope="module")
def raw() -> Mapping[str, Any]:
    return load_raw()


@pytest.fixture(scope="module")
def en() -> mi.Library:
    return mi.build_library("en_CA")


def _ids(items: Any) -> set[str]:
    return {item["id"] for item in items}


# --- counts and required topics -------------------------------------------------------------

REQUIRED_SIDE_EFFECTS = {
    "redness",
    "swelling",
    "pinpoint-bleeding",
    "bruising",
    "dryness-flaking",
    "tightness",
    "itching",
    "burning-stinging",
    "warmth-tenderness",
    "breakouts",
    "infection",
    "cold-sore",
    "hyperpigmentation",
    "allergic-reaction",
    "scarring",
    "skin-condition-flare",
}

REQUIRED_AFTERCARE = {
    "sunscreen",  # sun
    "daily-sunscreen",  # sunscreen
    "no-makeup",  # makeup
    "actives",  # retinoids, acids, vitamin C
    "exercise",  # exercise and sweating
    "pools-heat",  # pools, saunas, hot tubs
    "cleanse",  # cleansing
    "moisturiser",  # moisturising
    "no-picking",  # no picking
    "hot-water",  # hot water
    "pain-relief",  # over-the-counter medicine, soothing topicals
    "resume-routine",  # when to resume the routine
}

# The warning signs each urgency level must have (criterion ids).
REQUIRED_CRITERIA: dict[U, set[str]] = {
    U.EMERGENCY: {
        "breathing",
        "lip-tongue-swelling",
        "fainting",
        "hives-and-fainting",
        "infection-spread",
        "eye-vision",
        "confusion-seizure",
        "numbing-cream",
    },
    U.URGENT: {
        "infection-signs",
        "spreading-redness",
        "severe-pain",
        "blisters-cold-sores",
        "eye-pain",
        "fast-heartbeat-or-breathing",
        "bleeding-wont-stop",
    },
    U.CONTACT_CLINIC: {
        "redness-after-week",
        "bruising-after-2-weeks",
        "new-rash",
        "dark-patches",
        "many-breakouts",
        "raised-scars",
        "skin-condition-flare",
        "not-usual",
    },
}


def test_side_effects_count_and_required(raw: Mapping[str, Any]) -> None:
    ids = _ids(raw["side_effects"])
    assert len(raw["side_effects"]) >= 14
    assert len(ids) == len(raw["side_effects"]), "duplicate side-effect ids"
    assert ids >= REQUIRED_SIDE_EFFECTS, REQUIRED_SIDE_EFFECTS - ids


def test_aftercare_count_and_topics(raw: Mapping[str, Any]) -> None:
    ids = _ids(raw["aftercare"])
    assert len(raw["aftercare"]) >= 10
    assert len(ids) == len(raw["aftercare"]), "duplicate aftercare ids"
    assert ids >= REQUIRED_AFTERCARE, REQUIRED_AFTERCARE - ids
    categories = raw["aftercare_categories"]
    for item in raw["aftercare"]:
        assert item["category_id"] in categories, item["id"]
    assert set(categories) == {a["category_id"] for a in raw["aftercare"]}, "unused category"


def test_criteria_count_and_required_signs(raw: Mapping[str, Any]) -> None:
    criteria = {c["id"]: c for c in raw["escalation_criteria"]}
    assert len(raw["escalation_criteria"]) >= 12
    assert len(criteria) == len(raw["escalation_criteria"]), "duplicate criterion ids"
    for urgency, required in REQUIRED_CRITERIA.items():
        missing = required - set(criteria)
        assert not missing, (urgency, missing)
        for cid in required:
            assert criteria[cid]["urgency"] == urgency.value, cid


@pytest.mark.parametrize(
    ("day", "symptoms", "temperature", "criterion"),
    [
        (1, ["difficulty_breathing"], None, "breathing"),
        (1, ["face_lip_tongue_swelling"], None, "lip-tongue-swelling"),
        (1, ["fainting"], None, "fainting"),
        (1, ["hives", "fainting"], None, "hives-and-fainting"),
        (3, ["pus", "fainting"], None, "infection-spread"),
        (3, ["fainting"], 38.0, "infection-spread"),
        (3, ["pus"], None, "infection-signs"),
        (3, ["fever"], None, "infection-signs"),
        (3, [], 38.0, "infection-signs"),
        (3, ["spreading_redness"], None, "spreading-redness"),
        (3, ["increasing_pain"], None, "spreading-redness"),
        (1, ["severe_pain"], None, "severe-pain"),
        (3, ["blisters"], None, "blisters-cold-sores"),
        (1, ["vision_changes"], None, "eye-vision"),
        (1, ["eye_pain"], None, "eye-pain"),
        (4, ["spreading_redness", "confusion"], 39.4, "infection-spread"),
        (4, ["chills", "fast_heartbeat_or_breathing"], None, "infection-spread"),
        (3, ["chills"], None, "infection-signs"),
        (5, ["confusion"], None, "confusion-seizure"),
        (0, ["seizure"], None, "confusion-seizure"),
        (0, ["numb_mouth_or_ringing_ears"], None, "numbing-cream"),
        (2, ["fast_heartbeat_or_breathing"], None, "fast-heartbeat-or-breathing"),
        (1, ["bleeding_wont_stop"], None, "bleeding-wont-stop"),
        (5, ["many_breakouts"], None, "many-breakouts"),
        (2, ["hives"], None, "hives"),
        (7, ["redness"], None, "redness-after-week"),
        (7, ["swelling"], None, "redness-after-week"),
        (14, ["bruising"], None, "bruising-after-2-weeks"),
        (14, ["rash_bumps"], None, "new-rash"),
        (30, ["dark_patches"], None, "dark-patches"),
        (60, ["raised_scars"], None, "raised-scars"),
        (3, ["skin_condition_flare"], None, "skin-condition-flare"),
        (20, ["tightness"], None, "not-usual"),
    ],
)
def test_required_signs_are_detected(
    en: mi.Library, day: float, symptoms: list[str], temperature: float | None, criterion: str
) -> None:
    report = mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=temperature)
    result = en.assess(report)
    assert criterion in [c.id for c in result.matched]
    assert result.urgency >= en.criterion(criterion).urgency


def test_below_thresholds_is_normal_healing(en: mi.Library) -> None:
    """Just before each 'still there after' threshold, the same symptom is normal healing."""
    for day, symptom in [
        (6.9, "redness"),
        (6.9, "swelling"),
        (13.9, "bruising"),
        (6.9, "tightness"),
        (6.9, "burning_stinging"),
        (13.9, "breakouts"),
    ]:
        result = en.assess(mi.Report(days_since_treatment=day, symptoms=[symptom]))
        assert result.urgency is U.SELF_CARE, (day, symptom, [c.id for c in result.matched])
    result = en.assess(mi.Report(days_since_treatment=3, symptoms=[], temperature_c=37.9))
    assert result.urgency is U.SELF_CARE


def test_four_urgency_levels(raw: Mapping[str, Any], en: mi.Library) -> None:
    assert sorted(u["id"] for u in raw["urgency_levels"]) == sorted(u.value for u in U)
    assert "911" in en.urgency_level(U.EMERGENCY).action
    assert "Info-Santé 811" in en.urgency_level(U.URGENT).action
    assert "clinic" in en.urgency_level(U.CONTACT_CLINIC).action
    urgent = en.urgency_level(U.URGENT).action
    # care today: the clinic, then Info-Santé 811 or the emergency department; 911 only if worse
    assert "emergency department" in urgent
    assert urgent.index("Info-Santé 811") < urgent.index("911")


def test_criterion_actions_match_their_urgency(en: mi.Library) -> None:
    for c in en.escalation_criteria:
        if c.urgency is U.EMERGENCY:
            assert "911" in c.action and "811" not in c.action, c.id
        elif c.urgency is U.URGENT:
            assert "Info-Santé 811" in c.action and "911" not in c.action, c.id
        else:
            assert "clinic" in c.action and "911" not in c.action, c.id


def _monotone(rule: mi.Rule) -> bool:
    kinds = {"any_symptom", "all_symptoms", "day_at_least", "temperature_at_least"}
    if isinstance(rule, AllOf | AnyOf):
        return all(_monotone(r) for r in rule.rules)
    return rule.kind in kinds or isinstance(rule, UnexplainedSymptom)


def test_rules_are_monotone_and_one_fallback(en: mi.Library) -> None:
    fallback = [c.id for c in en.escalation_criteria if isinstance(c.rule, UnexplainedSymptom)]
    assert fallback == ["not-usual"]
    for c in en.escalation_criteria:
        assert _monotone(c.rule), c.id


def test_governance(raw: Mapping[str, Any], en: mi.Library) -> None:
    assert raw["content_version"] == "1.1.0"
    assert en.info.last_reviewed < en.info.next_review_due
    disclaimer = en.info.disclaimer
    assert "not a diagnosis" in disclaimer and "911" in disclaimer


# --- day ranges -----------------------------------------------------------------------------


def test_side_effect_day_ranges(en: mi.Library) -> None:
    for effect in en.side_effects:
        assert effect.onset.start <= effect.onset.end, effect.id
        if effect.usual_duration is not None:
            assert effect.usual_duration.start <= effect.usual_duration.end, effect.id
        if effect.expected:
            assert effect.usual_duration is not None, f"{effect.id}: normal needs a duration"
            assert effect.symptoms, f"{effect.id}: normal effect lists no symptom"


def test_phases_are_contiguous_from_day_0(en: mi.Library) -> None:
    phases = en.healing_phases
    assert len(phases) >= 5
    assert phases[0].start_day == 0
    assert phases[-1].end_day is None
    for before, after in itertools.pairwise(phases):
        assert before.end_day is not None and before.start_day < before.end_day, before.id
        assert before.end_day == after.start_day, (before.id, after.id)


def test_phases_reach_months(en: mi.Library) -> None:
    assert en.healing_phases[-1].start_day >= 28, "the last phase is the final result, months out"
    sessions = " ".join(t for p in en.healing_phases for t in p.what_to_do)
    assert "session" in sessions and "Ask your clinic" in sessions


def test_aftercare_windows(en: mi.Library) -> None:
    for item in en.aftercare:
        assert item.start_day >= 0, item.id
        if item.end_day is not None:
            assert item.start_day < item.end_day, item.id


# --- sources, symptoms, codes ---------------------------------------------------------------


CITING_SECTIONS = (
    "side_effects",
    "healing_phases",
    "aftercare",
    "escalation_criteria",
    "screening.questions",
    "screening.rules",
    "glossary",
)
"""Every section whose items cite sources (the glossary's plain-word definitions too)."""


def _citing(raw: Mapping[str, Any]) -> Iterator[tuple[str, list[str]]]:
    for section in CITING_SECTIONS:
        items = section_items(raw, section)
        assert items, f"content has no {section}"
        for item in items:
            yield f"{section}.{item['id']}", item["source_ids"]


def test_every_item_cites_a_known_source_and_every_source_is_used(raw: Mapping[str, Any]) -> None:
    known = [s["id"] for s in raw["sources"]]
    assert len(known) == len(set(known)), "duplicate source ids"
    used: set[str] = set()
    dangling = []
    for where, ids in _citing(raw):
        assert ids, f"{where} cites no source"
        assert len(ids) == len(set(ids)), f"{where} cites a source twice"
        dangling += [f"{where} -> {i}" for i in ids if i not in known]
        used.update(ids)
    assert not dangling, dangling
    unused = set(known) - used
    assert not unused, f"sources nobody cites: {sorted(unused)}"


def test_lower_authority_sources_say_so(raw: Mapping[str, Any]) -> None:
    lower = (
        "clinic-handouts",
        "skinpen-consent-clinic",
        "realself",
        "amiea-pci-phases",
        "esthetik-mtl",
    )
    for sid in lower:
        (source,) = [s for s in raw["sources"] if s["id"] == sid]
        assert "lower authority" in source["title"], sid


def test_every_symptom_is_covered(en: mi.Library) -> None:
    expected = {s for e in en.side_effects if e.expected for s in e.symptoms}
    in_rules = set().union(*(rule_symptoms(c.rule) for c in en.escalation_criteria))
    listed = {s for e in en.side_effects for s in e.symptoms}
    assert set(S) <= expected | in_rules, set(S) - expected - in_rules
    assert set(S) <= listed | in_rules, set(S) - listed - in_rules


def test_snomed_codes_are_digit_strings(en: mi.Library) -> None:
    codes = [e.snomed_ct for e in en.side_effects if e.snomed_ct is not None]
    assert len(codes) >= 12
    for code in codes:
        assert re.fullmatch(r"[1-9][0-9]{5,17}", code), code


def test_no_invented_rates(en: mi.Library) -> None:
    """No source gives a pooled rate for a complication: 'unknown', or 'rare' with no rate."""
    no_rate = {mi.Frequency.UNKNOWN, mi.Frequency.RARE_RATE_UNKNOWN}
    for effect in en.side_effects:
        if not effect.expected:
            assert effect.frequency in no_rate, effect.id


# --- plain language -------------------------------------------------------------------------

_NUMBER_UNIT = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:°|degrees?|hours?|h\b|days?|weeks?|months?|years?)", re.IGNORECASE
)


def _all_texts(raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    from microneedling_info.content import iter_messages

    for message in iter_messages(raw):
        if not message.context.startswith("message."):
            yield message.context, message.text


def test_no_hard_coded_durations_or_temperatures(raw: Mapping[str, Any]) -> None:
    """Durations and temperatures are placeholders, so babel formats them per locale."""
    bad = [(ctx, text) for ctx, text in _all_texts(raw) if _NUMBER_UNIT.search(text)]
    assert not bad, bad


def test_readability(en: mi.Library, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        import textstat  # type: ignore[import-untyped]
    except Exception as exc:  # e.g. ImportError, or pkg_resources missing (setuptools 82)
        pytest.skip(f"textstat 0.7.4 cannot be imported ({exc!r}); readability not measured")

    grades = {key: textstat.flesch_kincaid_grade(text) for key, text in readable_items(en).items()}
    mean = statistics.fmean(grades.values())
    worst = sorted(grades.items(), key=lambda kv: kv[1], reverse=True)[:5]
    with capsys.disabled():
        print(f"\nFlesch-Kincaid grade over {len(grades)} items: mean {mean:.2f}")
        for key, grade in worst:
            print(f"  {grade:4.1f}  {key}")
    too_hard = {key: grade for key, grade in grades.items() if grade > MAX_ITEM_GRADE}
    assert not too_hard, too_hard
    assert mean <= MAX_MEAN_GRADE, mean
