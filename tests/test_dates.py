"""Day numbers from dates: calendar days in the patient's time zone, across midnight and DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

import microneedling_info as mi
from microneedling_info.dates import calendar_date, treatment_date

MONTREAL = ZoneInfo("America/Toronto")
UTC = dt.UTC


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=MONTREAL)  # type: ignore[misc]


def test_the_zone_is_found_on_this_system() -> None:
    """zoneinfo finds the default zone (system data, or tzdata where the OS has none)."""
    assert local(2026, 7, 1, 12).utcoffset() == dt.timedelta(hours=-4)
    assert local(2026, 12, 1, 12).utcoffset() == dt.timedelta(hours=-5)


def test_day_0_is_the_treatment_day_until_midnight() -> None:
    treated = local(2026, 12, 1, 9, 0)
    assert mi.day_number(treated, local(2026, 12, 1, 9, 0)) == 0
    assert mi.day_number(treated, local(2026, 12, 1, 23, 59, 59)) == 0
    assert mi.day_number(treated, local(2026, 12, 2, 0, 0)) == 1
    assert mi.day_number(treated, local(2026, 12, 31, 8, 0)) == 30


def test_a_late_treatment_is_day_1_just_after_midnight() -> None:
    treated = local(2026, 12, 1, 23, 30)
    assert mi.day_number(treated, local(2026, 12, 2, 0, 10)) == 1  # 40 minutes later


@pytest.mark.parametrize(
    ("treated", "at", "expected", "hours_elapsed"),
    [
        # DST starts on Sunday 14 March 2027 at 02:00 (the night has 23 hours).
        pytest.param(
            local(2027, 3, 13, 23, 30), local(2027, 3, 14, 0, 30), 1, 1, id="spring 00:30"
        ),
        pytest.param(local(2027, 3, 13, 23, 30), local(2027, 3, 14, 23, 59), 1, 23.48, id="spring"),
        pytest.param(
            local(2027, 3, 13, 23, 30), local(2027, 3, 15, 0, 10), 2, 23.67, id="spring+1"
        ),
        # DST ends on Sunday 7 November 2027 at 02:00 (the night has 25 hours).
        pytest.param(local(2027, 11, 6, 23, 30), local(2027, 11, 7, 23, 59), 1, 25.48, id="autumn"),
        pytest.param(
            local(2027, 11, 6, 0, 10), local(2027, 11, 7, 23, 50), 1, 48.67, id="autumn 2"
        ),
    ],
)
def test_daylight_saving_changes_do_not_shift_the_day(
    treated: dt.datetime, at: dt.datetime, expected: int, hours_elapsed: float
) -> None:
    elapsed = (at.astimezone(UTC) - treated.astimezone(UTC)).total_seconds() / 3600
    assert elapsed == pytest.approx(hours_elapsed, abs=0.01)  # the trap a timedelta falls into
    assert mi.day_number(treated, at) == expected
    assert mi.day_number(treated.astimezone(UTC), at.astimezone(UTC)) == expected


def test_utc_times_count_in_the_patients_zone() -> None:
    treated = dt.datetime(2026, 12, 2, 3, 30, tzinfo=UTC)  # 22:30 on 1 December in Montreal
    assert treatment_date(treated) == dt.date(2026, 12, 1)
    assert mi.day_number(treated, dt.date(2026, 12, 2)) == 1
    assert mi.day_number(treated, dt.date(2026, 12, 2), tz="UTC") == 0
    assert mi.day_number(treated, dt.date(2026, 12, 2), tz=ZoneInfo("Europe/Paris")) == 0


def test_dates_and_datetimes_mix() -> None:
    assert mi.day_number(dt.date(2026, 12, 1), local(2026, 12, 3, 1, 0)) == 2
    assert mi.day_number(local(2026, 12, 1, 15, 0), dt.date(2026, 12, 1)) == 0


def test_at_defaults_to_now_in_the_zone() -> None:
    today = dt.datetime.now(MONTREAL).date()
    assert mi.day_number(today - dt.timedelta(days=5)) in {5, 6}  # 6 if midnight passed
    assert mi.day_number(dt.datetime.now(UTC)) == 0


def test_a_naive_datetime_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match=r"treated_at is a naive datetime.*aware datetime"):
        mi.day_number(dt.datetime(2026, 12, 1, 9, 0), dt.date(2026, 12, 2))
    with pytest.raises(ValueError, match="at is a naive datetime"):
        mi.day_number(dt.date(2026, 12, 1), dt.datetime(2026, 12, 2, 9, 0))


def test_a_treatment_in_the_future_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"treatment \(2026-12-03, in America/Toronto\) is after"):
        mi.day_number(dt.date(2026, 12, 3), dt.date(2026, 12, 2))
    with pytest.raises(ValueError, match="in the future"):
        mi.day_number(dt.datetime.now(UTC) + dt.timedelta(days=2))


@pytest.mark.parametrize(
    ("value", "error"),
    [
        pytest.param("2026-12-01", TypeError, id="a string"),
        pytest.param(1733011200, TypeError, id="a timestamp"),
        pytest.param(None, TypeError, id="None"),
    ],
)
def test_other_types_name_what_is_expected(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"treated_at must be a datetime\.date or an aware datetime"):
        mi.day_number(value, dt.date(2026, 12, 2))  # type: ignore[arg-type]


def test_an_unknown_time_zone_names_a_valid_one() -> None:
    for bad in ("Montreal", "America/Quebec", "../etc/passwd", ""):
        with pytest.raises(ValueError, match="IANA name such as 'America/Toronto'"):
            mi.day_number(dt.date(2026, 12, 1), dt.date(2026, 12, 2), tz=bad)


def test_calendar_date_is_day_n_on_the_patients_calendar() -> None:
    treated = local(2027, 3, 13, 23, 30)
    assert [calendar_date(treated, d) for d in (0, 1, 2)] == [
        dt.date(2027, 3, 13),
        dt.date(2027, 3, 14),
        dt.date(2027, 3, 15),
    ]
    for day in range(0, 400, 7):
        assert mi.day_number(treated, calendar_date(treated, day)) == day
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError, match="whole number of days >= 0"):
            calendar_date(treated, bad)  # type: ignore[arg-type]


def test_report_from_dates() -> None:
    report = mi.Report.from_dates(
        local(2027, 3, 13, 23, 30), local(2027, 3, 16, 8, 0), symptoms=["redness"]
    )
    assert report == mi.Report(days_since_treatment=3, symptoms=["redness"])
    lib = mi.get_library("en_CA")
    assert lib.assess(report).urgency is mi.Urgency.SELF_CARE
    with pytest.raises(ValueError, match="naive"):
        mi.Report.from_dates(dt.datetime(2026, 12, 1), dt.date(2026, 12, 2))
    with pytest.raises(ValidationError, match="symptoms"):
        mi.Report.from_dates(dt.date(2026, 12, 1), dt.date(2026, 12, 2), symptoms=["headache!"])
