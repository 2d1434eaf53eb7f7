"""The day-N follow-up text message and the follow-up schedule."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

import microneedling_info as mi
from microneedling_info.clinic import phone_display
from microneedling_info.content import load_raw
from microneedling_info.followup import MAX_SEGMENTS
from microneedling_info.formatting import placeholders

DAYS = (*range(61), 365)
"""Every day the issue asks for: 0 to 60, and a year later."""

LONGEST_PHONE = "(514) 555-0123 poste 123456"
"""The longest number a ClinicProfile accepts: a 6-digit extension."""
CLINICS = (
    None,
    mi.ClinicProfile(name="Clinique", phone="514-555-0123"),
    mi.ClinicProfile(
        name="Clinique de dermatologie esthétique du Plateau-Mont-Royal", phone=LONGEST_PHONE
    ),
)

PRE_TREATMENT = re.compile(
    r"Health Canada|Santé Canada|licen[cs]ed|homologu|trust|confiance|choose|choisi"
    r"|before your next|avant votre prochain|next session|prochaine séance",
    re.IGNORECASE,
)
"""Advice for before a treatment: a patient reading day 0 has already been treated."""

MONTREAL = ZoneInfo("America/Toronto")


@pytest.mark.parametrize("clinic", CLINICS, ids=("no clinic", "clinic", "longest number"))
def test_every_day_fits_3_segments_in_the_encoding_it_needs(
    lib: mi.Library, clinic: mi.ClinicProfile | None
) -> None:
    for day in DAYS:
        message = lib.follow_up_message(day, clinic)
        assert mi.sms_segments(message) <= MAX_SEGMENTS == 3, (day, len(message))
        if mi.sms_encoding(message) == "UCS-2":
            assert len(message.encode("utf-16-le")) // 2 <= 3 * 67
        else:
            assert len(message) <= 3 * 153


@pytest.mark.parametrize("clinic", CLINICS, ids=("no clinic", "clinic", "longest number"))
def test_english_messages_stay_in_gsm_7(clinic: mi.ClinicProfile | None) -> None:
    en = mi.get_library("en_CA")
    for day in DAYS:
        assert mi.sms_encoding(en.follow_up_message(day, clinic)) == "GSM-7", day


def test_what_a_message_says(lib: mi.Library) -> None:
    clinic = mi.ClinicProfile(name="Clinique", phone="514-555-0123")
    for day in DAYS:
        message = lib.follow_up_message(day)
        header, today, call = message.splitlines()
        assert re.fullmatch(rf"\S+ {day}[\s\u00a0]?:", header), header
        phase = lib.phase_for_day(day)
        assert today == lib.texts[f"follow_up.{phase.id}.today"]
        assert "911" in call
        assert lib.message("follow_up.your_clinic") in call
        with_clinic = lib.follow_up_message(day, clinic)
        assert with_clinic.splitlines()[:2] == [header, today]
        clinic_call = with_clinic.splitlines()[2]
        assert "555-0123" in clinic_call
        assert clinic_call != call


def test_the_clinic_number_has_plain_spaces(locale: str) -> None:
    """On paper a number keeps no-break spaces; in English they would force UCS-2."""
    call = mi.get_library(locale).follow_up_message(3, CLINICS[2]).splitlines()[2]
    shown = phone_display(CLINICS[2].phone, locale)
    assert "\u00a0" in shown
    assert shown.replace("\u00a0", " ") in call


def test_french_keeps_its_typography() -> None:
    """A no-break space before ":" (OQLF): French messages are UCS-2, budgeted at 201."""
    fr = mi.get_library("fr_CA")
    for day in DAYS:
        message = fr.follow_up_message(day)
        assert " :" not in message
        assert "\u00a0:" in message


def test_day_0_never_gives_pre_treatment_advice(lib: mi.Library) -> None:
    for clinic in CLINICS:
        message = lib.follow_up_message(0, clinic)
        assert not PRE_TREATMENT.search(message), message


def test_the_pre_treatment_pattern_finds_pre_treatment_advice() -> None:
    assert PRE_TREATMENT.search("Have your treatment at a clinic you trust.")
    assert PRE_TREATMENT.search("Vérifiez que l'appareil est homologué par Santé Canada.")


@pytest.mark.parametrize("day", [-1, 1.5, True, "3", None])
def test_a_day_that_is_not_a_whole_number_is_a_clear_error(lib: mi.Library, day: Any) -> None:
    with pytest.raises(ValueError, match=r"day must be a whole number of days >= 0"):
        lib.follow_up_message(day)


# --- the content behind the messages --------------------------------------------------------------


@pytest.fixture(scope="module")
def raw() -> Mapping[str, Any]:
    return load_raw()


def test_one_follow_up_text_per_healing_phase(raw: Mapping[str, Any]) -> None:
    assert [f["id"] for f in raw["follow_up"]] == [p["id"] for p in raw["healing_phases"]]


def test_follow_up_texts_are_cited(raw: Mapping[str, Any]) -> None:
    sources = {s["id"] for s in raw["sources"]}
    for item in raw["follow_up"]:
        assert item["source_ids"], item["id"]
        assert set(item["source_ids"]) <= sources, set(item["source_ids"]) - sources


def test_follow_up_placeholders(raw: Mapping[str, Any]) -> None:
    def text(spec: Any) -> str:
        return spec if isinstance(spec, str) else str(spec["text"])

    for item in raw["follow_up"]:
        assert placeholders(text(item["today"])) == (), item["id"]
        assert placeholders(text(item["call"])) == ("clinic",), item["id"]
        assert "911" in text(item["call"]), item["id"]


def test_follow_up_texts_are_part_of_the_safety_gate() -> None:
    from microneedling_info.content import iter_messages

    gated = {m.context for m in iter_messages(load_raw()) if m.safety}
    # The phase texts carry warning signs; the header and "your clinic" are interface words.
    follow_up = {m.context for m in iter_messages(load_raw()) if m.context.startswith("follow_up.")}
    assert follow_up and follow_up <= gated


# --- the schedule ---------------------------------------------------------------------------------


def test_schedule_defaults_to_the_first_day_of_each_phase(lib: mi.Library) -> None:
    treated = dt.datetime(2027, 3, 13, 23, 30, tzinfo=MONTREAL)  # the night before DST starts
    schedule = mi.follow_up_schedule(lib, treated)
    assert [f.day for f in schedule] == sorted({int(p.start_day) for p in lib.healing_phases})
    for follow_up in schedule:
        assert follow_up.date == dt.date(2027, 3, 13) + dt.timedelta(days=follow_up.day)
        assert follow_up.phase == lib.phase_for_day(follow_up.day)
        assert follow_up.message == lib.follow_up_message(follow_up.day)
        assert mi.day_number(treated, follow_up.date) == follow_up.day
    assert schedule[1].date == dt.date(2027, 3, 14)  # day 1: 30 minutes (and a DST change) later
    with pytest.raises(ValidationError, match="frozen"):
        schedule[0].day = 3  # type: ignore[misc]


def test_schedule_on_chosen_days_with_a_clinic_in_utc(lib: mi.Library) -> None:
    treated = dt.datetime(2026, 12, 2, 3, 30, tzinfo=dt.UTC)  # 22:30 on 1 December in Montreal
    clinic = CLINICS[1]
    schedule = mi.follow_up_schedule(lib, treated, days=[1, 2, 7], clinic=clinic)
    assert [(f.day, f.date) for f in schedule] == [
        (1, dt.date(2026, 12, 2)),
        (2, dt.date(2026, 12, 3)),
        (7, dt.date(2026, 12, 8)),
    ]
    assert all("555-0123" in f.message for f in schedule)
    in_utc = mi.follow_up_schedule(lib, treated, days=[1], tz="UTC")
    assert in_utc[0].date == dt.date(2026, 12, 3)


def test_schedule_rejects_bad_input(lib: mi.Library) -> None:
    with pytest.raises(ValueError, match="naive"):
        mi.follow_up_schedule(lib, dt.datetime(2026, 12, 1, 9, 0))
    with pytest.raises(ValueError, match="whole number"):
        mi.follow_up_schedule(lib, dt.date(2026, 12, 1), days=[1, -3])
