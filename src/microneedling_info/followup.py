"""The day-N follow-up text message, and when each one falls on the patient's calendar.

A message is three lines: the day, what to expect and do in the current healing
phase, and when to call (the clinic, with its number when a
:class:`~microneedling_info.ClinicProfile` is given, and 911). Every line is content:
the ``follow_up`` section of ``content.json`` (one entry per healing phase, cited and
clinically reviewed like the rest) and three ``follow_up.*`` interface messages,
translated through the catalogs. Nothing from before the treatment ("choose a
clinic you trust") is ever in a message.

The shipped texts are written to fit **3 SMS segments** in the encoding each message
needs (tested for every day 0-60 and day 365, in every locale, with and without the
longest clinic number a profile accepts): GSM-7 for English (459 characters), UCS-2
for French (201 characters: ``é`` is in the GSM alphabet, but ``ê``, ``ç`` and the
no-break space that French typography puts before a colon are not).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from babel.numbers import format_decimal
from pydantic import BaseModel

from .clinic import ClinicProfile, phone_display
from .dates import DEFAULT_TIME_ZONE, DateLike, calendar_date, treatment_date, whole_day
from .errors import UnknownItemError
from .formatting import render
from .models import HealingPhase
from .signatures import DOCUMENTED

if TYPE_CHECKING:
    from .library import Library

__all__ = ["MAX_SEGMENTS", "FollowUp", "follow_up_message", "follow_up_schedule"]

MAX_SEGMENTS = 3
"""What every shipped day-N message fits in, in the encoding it needs."""

_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _phase_text(lib: Library, phase: HealingPhase, field: str) -> str:
    context = f"follow_up.{phase.id}.{field}"
    try:
        return lib.texts[context]
    except KeyError:
        known = [c for c in lib.texts if c.startswith("follow_up.")]
        raise UnknownItemError("follow-up text", context, known) from None


def _sms_phone(clinic: ClinicProfile, locale: str) -> str:
    """The clinic's number as ``locale`` writes it, with plain spaces.

    The display form keeps a number on one line on paper with no-break spaces; on a
    phone they would force UCS-2 (70 characters a segment) on an English message.
    """
    return phone_display(clinic.phone, locale).translate(_NO_BREAK_SPACES)


def follow_up_message(lib: Library, day: int, clinic: ClinicProfile | None = None) -> str:
    """The text message for ``day`` days after treatment (see Library.follow_up_message)."""
    day = whole_day(day)
    phase = lib.phase_for_day(day)
    if clinic is None:
        who = lib.message("follow_up.your_clinic")
    else:
        who = lib.message("follow_up.clinic_phone", phone=_sms_phone(clinic, lib.info.locale))
    lines = (
        lib.message("follow_up.day", day=format_decimal(day, locale=lib.info.locale)),
        _phase_text(lib, phase, "today"),
        render(_phase_text(lib, phase, "call"), {"clinic": who}),
    )
    return "\n".join(lines)


class FollowUp(BaseModel, frozen=True, extra="forbid", defer_build=True, **DOCUMENTED):
    """One message of a follow-up schedule: the day, its calendar date, its phase, its text."""

    day: int
    """Days since treatment (0 = the treatment day)."""
    date: dt.date
    """The calendar date of ``day`` in the patient's time zone."""
    phase: HealingPhase
    """The healing phase the day falls in."""
    message: str
    """The text message for the day (:meth:`Library.follow_up_message`)."""


def follow_up_schedule(
    lib: Library,
    treated_at: DateLike,
    *,
    days: Iterable[int] | None = None,
    clinic: ClinicProfile | None = None,
    tz: str | dt.tzinfo = DEFAULT_TIME_ZONE,
) -> tuple[FollowUp, ...]:
    """Which message goes out on which calendar date, for a treatment at ``treated_at``.

    ``days`` defaults to the first day of each healing phase (the days the advice
    changes), so the schedule follows the content when its phases change. Dates are
    calendar days in the patient's time zone ``tz``: see :func:`day_number`.
    """
    start = treatment_date(treated_at, tz=tz)
    if days is None:
        days = sorted({math.ceil(phase.start_day) for phase in lib.healing_phases})
    return tuple(
        FollowUp.model_construct(
            day=day,
            date=calendar_date(start, day),
            phase=lib.phase_for_day(day),
            message=follow_up_message(lib, day, clinic),
        )
        for day in map(whole_day, days)
    )
