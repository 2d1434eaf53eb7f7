"""From a treatment date-time to day numbers and back, in the patient's time zone.

Clinic systems store when the treatment happened (an aware date-time, often in UTC)
and the patient's time zone; the content speaks in days after treatment. Day 0 is
the calendar day of the treatment **in the patient's time zone**; day N is N
calendar days later. Days are counted on the calendar, never as elapsed 24-hour
periods, so that:

* a treatment at 23:30 is day 0 until midnight, and day 1 from 00:00 the next day
  (30 minutes later), as a patient would count it;
* a daylight-saving change changes nothing: the night of a change has 23 or 25
  hours, but it is still one day.

Time zones are IANA names read with :mod:`zoneinfo` (the system's time zone data;
on Windows, which has none, the ``tzdata`` package the project depends on there).
The default is ``America/Toronto``, the zone of Montreal and most of Quebec.
"""

from __future__ import annotations

import datetime as dt
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["DEFAULT_TIME_ZONE", "calendar_date", "day_number", "treatment_date", "whole_day"]

DEFAULT_TIME_ZONE: Final = "America/Toronto"
"""Montreal and most of Quebec (IANA's ``America/Montreal`` is an alias of it)."""

DateLike = dt.date | dt.datetime
"""A calendar date (already in the patient's zone), or an aware date-time."""


def _zone(tz: object) -> dt.tzinfo:
    if isinstance(tz, dt.tzinfo):
        return tz
    if not isinstance(tz, str):
        raise TypeError(f"tz must be an IANA time zone name such as {DEFAULT_TIME_ZONE!r}")
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {tz!r}: give an IANA name such as {DEFAULT_TIME_ZONE!r} "
            "(if every name fails, this system has no time zone data: pip install tzdata)"
        ) from None


def _local_date(value: object, name: str, zone: dt.tzinfo) -> dt.date:
    """The calendar date of ``value`` in ``zone``; a date is taken as already local."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"{name} is a naive datetime ({value.isoformat()}): its time zone is unknown, "
                "so its calendar day is too; give an aware datetime "
                "(e.g. datetime(..., tzinfo=ZoneInfo('America/Toronto')) or UTC) or a date"
            )
        return value.astimezone(zone).date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(
        f"{name} must be a datetime.date or an aware datetime.datetime, not {type(value).__name__}"
    )


def treatment_date(treated_at: DateLike, *, tz: str | dt.tzinfo = DEFAULT_TIME_ZONE) -> dt.date:
    """The calendar date of day 0: the day of the treatment in the patient's time zone.

    >>> from zoneinfo import ZoneInfo
    >>> utc = ZoneInfo("UTC")
    >>> treatment_date(dt.datetime(2026, 12, 2, 3, 30, tzinfo=utc))  # 22:30 the day before
    datetime.date(2026, 12, 1)
    """
    return _local_date(treated_at, "treated_at", _zone(tz))


def day_number(
    treated_at: DateLike,
    at: DateLike | None = None,
    *,
    tz: str | dt.tzinfo = DEFAULT_TIME_ZONE,
) -> int:
    """Days since treatment on the patient's calendar: 0 on the day of treatment.

    ``treated_at`` and ``at`` (default: now) are aware date-times, converted to
    ``tz``, or dates, taken as dates in ``tz``. A naive date-time raises
    ValueError (its day is a guess), and so does a treatment after ``at``.

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> montreal = ZoneInfo("America/Toronto")
    >>> day_number(dt.datetime(2026, 12, 1, 23, 30, tzinfo=montreal),
    ...            dt.datetime(2026, 12, 2, 0, 10, tzinfo=montreal))
    1
    >>> day_number(dt.date(2026, 12, 1), dt.date(2026, 12, 4))
    3
    """
    zone = _zone(tz)
    start = _local_date(treated_at, "treated_at", zone)
    today = dt.datetime.now(zone).date() if at is None else _local_date(at, "at", zone)
    days = (today - start).days
    if days < 0:
        raise ValueError(
            f"the treatment ({start.isoformat()}, in {zone}) is after the day it is counted "
            f"to ({today.isoformat()}): a treatment in the future has no day number"
        )
    return days


def calendar_date(
    treated_at: DateLike, day: int, *, tz: str | dt.tzinfo = DEFAULT_TIME_ZONE
) -> dt.date:
    """The calendar date of day ``day`` (0 = the treatment day) in the patient's time zone.

    >>> calendar_date(dt.date(2027, 3, 13), 1)  # the night of a DST change is still one day
    datetime.date(2027, 3, 14)
    """
    return treatment_date(treated_at, tz=tz) + dt.timedelta(days=whole_day(day))


def whole_day(day: object) -> int:
    """``day`` if it is a day number (an int >= 0, not a bool), else a ValueError saying so."""
    if isinstance(day, bool) or not isinstance(day, int) or day < 0:
        raise ValueError(
            f"day must be a whole number of days >= 0 (0 = the treatment day), not {day!r}"
        )
    return day
