"""Closed vocabularies: the stable ids used in JSON, the CLI and the content data."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

__all__ = ["AnswerKind", "Frequency", "MessageKey", "ScreeningOutcome", "Symptom", "Urgency"]


class _Ranked(StrEnum):
    """A StrEnum whose members compare by their order of definition (mildest first), not
    alphabetically, so ``max()`` gives the most severe. A plain string that is one of the
    ids compares by that order too (JSON gives strings); anything else raises TypeError.
    """

    @property
    def rank(self) -> int:
        """0 for the first (mildest) member, counting up in order of definition."""
        return _rank(type(self), self)

    def __lt__(self, other: _Ranked | str) -> bool:
        return self.rank < _rank(type(self), other)

    def __le__(self, other: _Ranked | str) -> bool:
        return self.rank <= _rank(type(self), other)

    def __gt__(self, other: _Ranked | str) -> bool:
        return self.rank > _rank(type(self), other)

    def __ge__(self, other: _Ranked | str) -> bool:
        return self.rank >= _rank(type(self), other)

    # The hash of the id, as equality is the id's (enum hashes the name, which makes
    # ``{Urgency.URGENT: 1}.get("urgent")`` miss) -- and str's hash is C, not Python.
    __hash__ = str.__hash__


def _rank(kind: type[_Ranked], other: object) -> int:
    """Rank of a member of ``kind`` or of its id; TypeError for anything else.

    Without this, ``"emergency" >= Urgency.URGENT`` would fall back to comparing the
    strings alphabetically and be False.
    """
    rank = kind._value2member_map_.get(other) if isinstance(other, str) else None
    if rank is None or (isinstance(other, _Ranked) and not isinstance(other, kind)):
        name = kind.__name__
        article = "an" if name[0] in "AEIOU" else "a"
        valid = ", ".join(m.value for m in kind)
        raise TypeError(
            f"cannot compare {article} {name} with {other!r}; {_WORDS[name]} ids: {valid}"
        )
    return kind._member_names_.index(rank.name)


_WORDS = {"Urgency": "urgency", "ScreeningOutcome": "screening outcome"}


class Urgency(_Ranked):
    """How fast a patient must act, from normal healing to calling 911.

    Members compare by severity (``Urgency.URGENT > Urgency.CONTACT_CLINIC``),
    not alphabetically, so ``max()`` gives the most urgent.
    """

    SELF_CARE = "self_care"
    """Normal healing: care for your skin at home."""
    CONTACT_CLINIC = "contact_clinic"
    """Call the clinic within a day or two."""
    URGENT = "urgent"
    """Medical care today: the clinic, a doctor, or Info-Santé 811."""
    EMERGENCY = "emergency"
    """Call 911 now."""


class ScreeningOutcome(_Ranked):
    """What a pre-treatment screening says, from "go ahead" to "a doctor decides first".

    Members compare by how restrictive they are (``ScreeningOutcome.REFER >
    ScreeningOutcome.DEFER``), so ``max()`` gives the most restrictive: it wins. A plain
    string that is an outcome id compares the same way.
    """

    PROCEED = "proceed"
    """Nothing in the answers stands in the way of treatment."""
    PRECAUTIONS = "precautions"
    """Treatment can go ahead once the clinic has taken an extra step (e.g. an antiviral)."""
    DEFER = "defer"
    """Not now: wait until the reason has passed (a sore healed, a sunburn gone, a date)."""
    REFER = "refer"
    """A physician decides first (e.g. keloids, a weak immune system, pregnancy)."""


class AnswerKind(StrEnum):
    """How a screening question is answered."""

    YES_NO = "yes_no"
    """Yes or no (``True`` / ``False``)."""
    DATE = "date"
    """A date ("when did you last..."), or no (``False``: never, or does not apply).
    ``True`` means "yes, but I do not know when" and counts as recent."""

    __hash__ = str.__hash__


class Frequency(StrEnum):
    """CIOMS frequency categories; ``unknown`` where no source gives a rate."""

    VERY_COMMON = "very_common"
    """10 % or more."""
    COMMON = "common"
    """1 % to 10 %."""
    UNCOMMON = "uncommon"
    """0.1 % to 1 %."""
    RARE = "rare"
    """0.01 % to 0.1 %."""
    VERY_RARE = "very_rare"
    """Less than 0.01 %."""
    RARE_RATE_UNKNOWN = "rare_rate_unknown"
    """Sources call it rare but give no rate (shown as "Rare (exact frequency not known)")."""
    UNKNOWN = "unknown"
    """No source gives a rate."""

    __hash__ = str.__hash__


class Symptom(StrEnum):
    """What a patient can report after treatment (the input of ``assess``)."""

    REDNESS = "redness"
    SWELLING = "swelling"
    PINPOINT_BLEEDING = "pinpoint_bleeding"
    BRUISING = "bruising"
    DRYNESS_FLAKING = "dryness_flaking"
    TIGHTNESS = "tightness"
    ITCHING = "itching"
    BURNING_STINGING = "burning_stinging"
    WARMTH = "warmth"
    BREAKOUTS = "breakouts"
    PUS = "pus"
    FEVER = "fever"
    SPREADING_REDNESS = "spreading_redness"
    INCREASING_PAIN = "increasing_pain"
    SEVERE_PAIN = "severe_pain"
    BLISTERS = "blisters"
    HIVES = "hives"
    FACE_LIP_TONGUE_SWELLING = "face_lip_tongue_swelling"
    DIFFICULTY_BREATHING = "difficulty_breathing"
    DARK_PATCHES = "dark_patches"
    RAISED_SCARS = "raised_scars"
    VISION_CHANGES = "vision_changes"
    FAINTING = "fainting"
    RASH_BUMPS = "rash_bumps"
    SKIN_CONDITION_FLARE = "skin_condition_flare"
    EYE_PAIN = "eye_pain"
    """Eye pain or redness, or an eyelid swollen shut (``vision_changes`` is sudden sight loss)."""
    CONFUSION = "confusion"
    CHILLS = "chills"
    """Counts as a fever sign."""
    FAST_HEARTBEAT_OR_BREATHING = "fast_heartbeat_or_breathing"
    BLEEDING_WONT_STOP = "bleeding_wont_stop"
    """Bleeding that does not stop after 10 minutes of firm pressure with clean gauze."""
    SEIZURE = "seizure"
    NUMB_MOUTH_OR_RINGING_EARS = "numb_mouth_or_ringing_ears"
    """Early signs of too much numbing cream (topical anaesthetic) in the blood."""
    MANY_BREAKOUTS = "many_breakouts"
    """Many pimples or milia (``breakouts`` is a few)."""

    __hash__ = str.__hash__


MessageKey = Literal[
    "heading.side_effects",
    "heading.healing_phases",
    "heading.aftercare",
    "heading.escalation",
    "heading.sources",
    "label.self_care",
    "label.seek_care_if",
    "label.what_to_expect",
    "label.what_to_do",
    "label.normal",
    "label.complication",
    "label.why",
    "label.last_reviewed",
    "label.next_review_due",
    "label.content_version",
    "notice.preliminary",
    "assessment.headline.emergency",
    "assessment.headline.urgent",
    "assessment.headline.contact_clinic",
    "assessment.headline.self_care",
    "assessment.headline.nothing_reported",
    "assessment.usually_gone_within",
    "label.day_window",
    "label.from_day",
    "label.frequency",
    "label.sources",
    "frequency.very_common",
    "frequency.common",
    "frequency.uncommon",
    "frequency.rare",
    "frequency.very_rare",
    "frequency.rare_rate_unknown",
    "frequency.unknown",
    "heading.locales",
    "label.day",
    "label.value",
    "handout.title",
    "handout.what_is_normal",
    "handout.not_usual",
    "form.self_report.title",
    "question.days_since_treatment",
    "question.temperature_c",
    "question.symptoms",
    "symptom.redness",
    "symptom.swelling",
    "symptom.pinpoint_bleeding",
    "symptom.bruising",
    "symptom.dryness_flaking",
    "symptom.tightness",
    "symptom.itching",
    "symptom.burning_stinging",
    "symptom.warmth",
    "symptom.breakouts",
    "symptom.pus",
    "symptom.fever",
    "symptom.spreading_redness",
    "symptom.increasing_pain",
    "symptom.severe_pain",
    "symptom.blisters",
    "symptom.hives",
    "symptom.face_lip_tongue_swelling",
    "symptom.difficulty_breathing",
    "symptom.dark_patches",
    "symptom.raised_scars",
    "symptom.vision_changes",
    "symptom.fainting",
    "symptom.rash_bumps",
    "symptom.skin_condition_flare",
    "symptom.eye_pain",
    "symptom.confusion",
    "symptom.chills",
    "symptom.fast_heartbeat_or_breathing",
    "symptom.bleeding_wont_stop",
    "symptom.seizure",
    "symptom.numb_mouth_or_ringing_ears",
    "symptom.many_breakouts",
    "cli.error.number",
    "cli.error.empty_output",
    "cli.error.cannot_write",
    "cli.warning.catalog",
    "cli.warning.fallback",
    "follow_up.day",
    "follow_up.your_clinic",
    "follow_up.clinic_phone",
    "heading.screening",
    "label.why_asked",
    "label.answer_yes",
    "label.answer_no",
    "label.answer_date",
    "label.result",
    "screening.until",
    "screening.unanswered",
    "screening.note",
    "intake.title",
    "intake.instructions",
    "intake.name",
    "intake.today",
    "intake.signature",
    "intake.for_clinic",
    "intake.checked_by",
    "label.if_yes",
    "handout.your_clinic",
    "handout.clinic_name",
    "handout.phone",
    "handout.after_hours",
    "handout.treatment_date",
    "handout.day_zero",
    "handout.today_is_day",
    "handout.at_a_glance",
    "handout.glance_what",
    "handout.care_at_home",
    "handout.words",
    "handout.sources_pointer",
    "handout.page",
    "handout.clinician_title",
    "mark.yes",
    "mark.no",
    "mark.ask",
    "mark.from_day",
    "label.week_window",
    "label.from_week",
    "handout.from_date",
    "handout.glance_how",
    "handout.write_dates",
    "handout.counting_example",
    "handout.tick_each_day",
    "cli.error.answer_format",
    "cli.error.answer_twice",
]
"""The key of an interface text (``data/messages.json``), for :meth:`Library.message`.

A type checker catches a mistyped key; a test keeps this list equal to the data's keys
(add a key here when you add a message).
"""
MessageKey.__doc__ = "The key of an interface text, for Library.message (a Literal of every key)."
