"""Triage scenarios a Quebec triage nurse checked (issue 10), run in both languages.

Each row is a patient's report and the answer a nurse expects: the urgency and, where
one sign should be the reason, that criterion. Every row runs in fr_CA and en_CA, and the
answer's words are checked too: an emergency says 911 and not to drive; care today names
the clinic, Info-Santé 811 and the emergency department (« l'urgence »), with 911 only if
it gets worse.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import microneedling_info as mi

U = mi.Urgency
LOCALES = ("fr_CA", "en_CA")


class Row(NamedTuple):
    why: str
    day: float
    symptoms: tuple[str, ...]
    temperature: float | None
    urgency: mi.Urgency
    criterion: str | None = None
    """A criterion that must be among the matched ones (the reason for the answer)."""


SCENARIOS: tuple[Row, ...] = (
    # 1. eyes (under-triage)
    Row("vision change day 1", 1, ("vision_changes",), None, U.EMERGENCY, "eye-vision"),
    Row("vision change day 20", 20, ("vision_changes",), None, U.EMERGENCY, "eye-vision"),
    Row("eye pain or red eye", 2, ("eye_pain",), None, U.URGENT, "eye-pain"),
    Row("eyelid swollen shut, day 0", 0, ("eye_pain", "swelling"), None, U.URGENT, "eye-pain"),
    # 2. sepsis signs (under-triage)
    Row(
        "day 4, spreading redness, worse pain, 39.4 °C and confusion",
        4,
        ("spreading_redness", "increasing_pain", "confusion"),
        39.4,
        U.EMERGENCY,
        "infection-spread",
    ),
    Row("confusion with 39.4 °C", 3, ("confusion",), 39.4, U.EMERGENCY, "infection-spread"),
    Row(
        "pus and a fast heartbeat",
        3,
        ("pus", "fast_heartbeat_or_breathing"),
        None,
        U.EMERGENCY,
        "infection-spread",
    ),
    Row("chills and fainting", 2, ("chills", "fainting"), None, U.EMERGENCY, "infection-spread"),
    Row("confusion alone", 5, ("confusion",), None, U.EMERGENCY, "confusion-seizure"),
    Row("chills alone count as fever", 3, ("chills",), None, U.URGENT, "infection-signs"),
    Row("fever of 38.0 °C", 3, (), 38.0, U.URGENT, "infection-signs"),
    Row("pus", 3, ("pus",), None, U.URGENT, "infection-signs"),
    Row(
        "fast heartbeat alone",
        1,
        ("fast_heartbeat_or_breathing",),
        None,
        U.URGENT,
        "fast-heartbeat-or-breathing",
    ),
    # 3. spreading redness: care today, the emergency department named
    Row("spreading redness", 3, ("spreading_redness",), None, U.URGENT, "spreading-redness"),
    Row("severe pain", 1, ("severe_pain",), None, U.URGENT, "severe-pain"),
    # 4. bleeding that will not stop
    Row("bleeding will not stop", 0, ("bleeding_wont_stop",), None, U.URGENT, "bleeding-wont-stop"),
    # 5. numbing-cream toxicity
    Row(
        "numb mouth, ringing ears",
        0,
        ("numb_mouth_or_ringing_ears",),
        None,
        U.EMERGENCY,
        "numbing-cream",
    ),
    Row("seizure", 0, ("seizure",), None, U.EMERGENCY, "confusion-seizure"),
    # 6. allergy: 911 (with the auto-injector)
    Row("trouble breathing", 0, ("difficulty_breathing",), None, U.EMERGENCY, "breathing"),
    Row(
        "tongue swells", 1, ("face_lip_tongue_swelling",), None, U.EMERGENCY, "lip-tongue-swelling"
    ),
    Row("hives and fainting", 1, ("hives", "fainting"), None, U.EMERGENCY, "hives-and-fainting"),
    Row("hives alone", 2, ("hives",), None, U.URGENT, "hives"),
    # 8. cold sores
    Row("blisters or cold sore", 3, ("blisters",), None, U.URGENT, "blisters-cold-sores"),
    # thresholds the reviewer flagged
    Row("bruise day 12", 12, ("bruising",), None, U.SELF_CARE),
    Row("bruise day 13.9", 13.9, ("bruising",), None, U.SELF_CARE),
    Row("bruise day 14", 14, ("bruising",), None, U.CONTACT_CLINIC, "bruising-after-2-weeks"),
    Row("tightness day 5", 5, ("tightness",), None, U.SELF_CARE),
    Row("burning or stinging day 6", 6, ("burning_stinging",), None, U.SELF_CARE),
    Row("tightness day 8", 8, ("tightness",), None, U.CONTACT_CLINIC, "not-usual"),
    Row("a few pimples day 5", 5, ("breakouts",), None, U.SELF_CARE),
    Row("many pimples day 5", 5, ("many_breakouts",), None, U.CONTACT_CLINIC, "many-breakouts"),
    Row("a few pimples day 20", 20, ("breakouts",), None, U.CONTACT_CLINIC, "not-usual"),
    # normal healing and the rest of the ladder
    Row("nothing reported", 0, (), None, U.SELF_CARE),
    Row("37.9 °C and nothing else", 3, (), 37.9, U.SELF_CARE),
    Row("red, puffy, itchy day 2", 2, ("redness", "swelling", "itching"), 37.5, U.SELF_CARE),
    Row("redness day 7", 7, ("redness",), None, U.CONTACT_CLINIC, "redness-after-week"),
    Row("dark patches day 30", 30, ("dark_patches",), None, U.CONTACT_CLINIC, "dark-patches"),
)

EMERGENCY_DEPARTMENT = {"en_CA": "emergency department", "fr_CA": "urgence"}
DO_NOT_DRIVE = {"en_CA": "Do not drive yourself", "fr_CA": "Ne conduisez pas vous-même"}
AUTO_INJECTOR = {"en_CA": "epinephrine auto-injector", "fr_CA": "auto-injecteur d'épinéphrine"}


def test_enough_scenarios_cover_every_new_symptom() -> None:
    assert len(SCENARIOS) >= 30
    reported = {s for row in SCENARIOS for s in row.symptoms}
    new = {
        "eye_pain",
        "confusion",
        "chills",
        "fast_heartbeat_or_breathing",
        "bleeding_wont_stop",
        "seizure",
        "numb_mouth_or_ringing_ears",
        "many_breakouts",
    }
    assert new <= reported, new - reported
    assert {row.urgency for row in SCENARIOS} == set(U)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("row", SCENARIOS, ids=[row.why for row in SCENARIOS])
def test_scenario(locale: str, row: Row) -> None:
    lib = mi.get_library(locale)
    report = mi.Report(
        days_since_treatment=row.day, symptoms=row.symptoms, temperature_c=row.temperature
    )
    result = lib.assess(report)
    matched = [c.id for c in result.matched]
    assert result.urgency is row.urgency, (row.why, matched)
    if row.criterion is not None:
        assert row.criterion in matched, (row.why, matched)
    assert result.action == lib.urgency_level(row.urgency).action
    if row.urgency is U.EMERGENCY:
        assert "911" in result.action and DO_NOT_DRIVE[locale] in result.action
    if row.urgency is U.URGENT:
        action = result.action
        assert "Info-Santé 811" in action and EMERGENCY_DEPARTMENT[locale] in action, action
        assert action.index("Info-Santé 811") < action.index("911"), "911 only if it gets worse"
        for criterion in result.matched:
            if criterion.urgency is U.URGENT:
                assert EMERGENCY_DEPARTMENT[locale] in criterion.action, criterion.id


@pytest.mark.parametrize("locale", LOCALES)
def test_a_temperature_is_never_reported_as_nothing(locale: str) -> None:
    """37.9 °C and no symptom: the headline must not say no symptoms were reported."""
    lib = mi.get_library(locale)
    nothing = lib.message("assessment.headline.nothing_reported")
    with_temperature = lib.assess(mi.Report(days_since_treatment=3, temperature_c=37.9))
    assert with_temperature.headline != nothing
    assert with_temperature.headline == lib.message("assessment.headline.self_care")
    assert lib.assess(mi.Report(days_since_treatment=3)).headline == nothing


@pytest.mark.parametrize("locale", LOCALES)
def test_the_reviewers_other_points(locale: str) -> None:
    lib = mi.get_library(locale)
    fr = locale == "fr_CA"
    # 3: « Urgence » (911) and care today cannot be confused
    emergency = lib.urgency_level(U.EMERGENCY)
    urgent = lib.urgency_level(U.URGENT)
    assert "911" in emergency.label and "911" not in urgent.label
    assert "urgen" not in urgent.label.lower()
    # 6: epinephrine auto-injector for an allergic reaction, 911, do not drive
    assert AUTO_INJECTOR[locale] in emergency.action and "Allerject" in emergency.action
    assert DO_NOT_DRIVE[locale] in emergency.action
    for cid in ("breathing", "lip-tongue-swelling", "hives-and-fainting"):
        assert "911" in lib.criterion(cid).action, cid
    # 7: acetaminophen first, ask a pharmacist
    pain = lib.aftercare_instruction("pain-relief").text
    assert ("acétaminophène" if fr else "acetaminophen") in pain
    assert ("pharmacien" if fr else "pharmacist") in pain
    # 8: a pharmacist can help with a cold sore; blisters near the eye: emergency department
    sore = lib.side_effect("cold-sore")
    assert any(("pharmacien" if fr else "pharmacist") in t for t in sore.self_care)
    assert any(EMERGENCY_DEPARTMENT[locale] in t for t in sore.seek_care_if)
    # 9: before the next session; pre-treatment advice is no longer in day 0
    ids = {a.id for a in lib.aftercare if a.category_id == "next-session"}
    assert {"next-session-cold-sores", "next-session-health", "next-session-clinic"} <= ids
    day0 = " ".join(lib.phase_for_day(0).what_to_do)
    assert "Santé Canada" not in day0 and "Health Canada" not in day0
    # 10: rare, not "not known", where the sources say rare
    rare = lib.message("frequency.rare_rate_unknown")
    assert rare == (
        "Rare (fréquence exacte inconnue)" if fr else "Rare (exact frequency not known)"
    )
    for eid in ("infection", "cold-sore", "allergic-reaction", "scarring"):
        assert lib.side_effect(eid).frequency is mi.Frequency.RARE_RATE_UNKNOWN, eid
    # 11: meaning kept in French; a moderate sunburn on day 0
    if fr:
        assert lib.message("label.complication") == "Ne fait pas partie de la guérison habituelle"
        assert "rouge vif" not in " ".join(lib.phase_for_day(0).what_to_expect)
        assert "modéré" in lib.phase_for_day(0).summary
    else:
        assert "moderate sunburn" in lib.phase_for_day(0).summary
        assert "moisturiser" not in " ".join(a.text for a in lib.aftercare)
