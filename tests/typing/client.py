"""A clinic integration as a type checker sees it: mypy --strict and pyright strict accept it.

Its mistakes' twin is ``negative.py`` (checked by ``expect_errors.py``).
"""

from __future__ import annotations

import datetime as dt

import microneedling_info as mi


def follow_up_message(day: float, accept_language: str) -> str:
    locale = mi.negotiate_locale(accept_language)
    lib: mi.Library = mi.get_library(locale)
    phase: mi.HealingPhase = lib.phase_for_day(day)
    steps: tuple[str, ...] = phase.what_to_do
    return f"{phase.name}: {' '.join(steps)}"


def triage(day: float, symptoms: list[str], temperature: float | None) -> mi.Urgency:
    lib = mi.get_library("fr_CA")
    report = mi.Report(
        days_since_treatment=day,
        symptoms=[mi.Symptom.REDNESS, *symptoms],
        temperature_c=temperature,
    )
    result: mi.Assessment = lib.assess(report)
    for criterion in result.matched:
        print(criterion.id, criterion.urgency, criterion.sign)
    label: str = result.label
    signs: tuple[str, ...] = result.signs
    print(label, *signs)
    # JSON gives ids: an urgency compares with its id by severity.
    if result.urgency >= "urgent":
        print(max(result.urgency, mi.Urgency.CONTACT_CLINIC))
    return result.urgency


def redness_days() -> float | None:
    effect: mi.SideEffect = mi.get_library().side_effect("redness")
    return effect.usual_duration.end if effect.usual_duration else None


def nightly_sms(treated_at: dt.datetime, clinic: mi.ClinicProfile | None) -> list[SmsRow]:
    lib = mi.get_library("fr_CA")
    day: int = mi.day_number(treated_at, tz="America/Toronto")
    today: str = lib.follow_up_message(day, clinic)
    report: mi.Report = mi.Report.from_dates(treated_at, symptoms=["redness"])
    print(today, lib.assess(report).urgency)
    schedule: tuple[mi.FollowUp, ...] = mi.follow_up_schedule(lib, treated_at, clinic=clinic)
    return [(f.date, f.phase.id, f.message, mi.sms_segments(f.message)) for f in schedule]


SmsRow = tuple[dt.date, str, str, int]


def screen_before_session(last_isotretinoin: dt.date | None) -> mi.ScreeningOutcome:
    lib = mi.get_library("fr_CA")
    questions: tuple[mi.ScreeningQuestion, ...] = lib.screening_questions
    print([(q.id, q.answer_kind is mi.AnswerKind.DATE, q.text) for q in questions])
    result: mi.Screening = lib.screen(
        {"cold_sores_history": True, "isotretinoin_recent": last_isotretinoin or False},
        on=dt.date(2026, 12, 2),
    )
    reasons: list[str] = [c.reason for c in result.matched]
    until: dt.date | None = result.until
    print(reasons, until, result.outcome > mi.ScreeningOutcome.PRECAUTIONS)
    return result.outcome


if __name__ == "__main__":
    print(follow_up_message(3, "fr-CA,fr;q=0.9"), triage(3, ["pus"], 38.4), redness_days())
    print(screen_before_session(dt.date(2026, 9, 1)))
