"""Closed vocabularies: the stable ids used in JSON, the CLI and the content data."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

__all__ = ["Frequency", "MessageKey", "Symptom", "Urgency"]


class Urgency(StrEnum):
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

    @property
    def rank(self) -> int:
        """0 for self-care up to 3 for an emergency."""
        return _URGENCY_RANK[self]

    # A plain string that is an urgency id compares by severity too ("emergency" >
    # Urgency.URGENT); anything else raises TypeError (see _rank). Not in the class
    # docstring: that one is the JSON Schema's description of the vocabulary.

    def __lt__(self, other: Urgency | str) -> bool:
        return self.rank < _rank(other)

    def __le__(self, other: Urgency | str) -> bool:
        return self.rank <= _rank(other)

    def __gt__(self, other: Urgency | str) -> bool:
        return self.rank > _rank(other)

    def __ge__(self, other: Urgency | str) -> bool:
        return self.rank >= _rank(other)

    # The hash of the id, as equality is the id's (enum hashes the name, which makes
    # ``{Urgency.URGENT: 1}.get("urgent")`` miss) -- and str's hash is C, not Python.
    __hash__ = str.__hash__


_URGENCY_RANK: dict[str, int] = {u.value: i for i, u in enumerate(Urgency)}
"""Severity by id; a member finds its rank too (it hashes and compares as its id)."""


def _rank(other: object) -> int:
    """Severity of an Urgency or of its id (JSON gives strings); TypeError for anything else.

    Without this, ``"emergency" >= Urgency.URGENT`` would fall back to comparing the
    strings alphabetically and be False.
    """
    rank = _URGENCY_RANK.get(other) if isinstance(other, str) else None
    if rank is None:
        valid = ", ".join(u.value for u in Urgency)
        raise TypeError(f"cannot compare an Urgency with {other!r}; urgency ids: {valid}")
    return rank


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
]
"""The key of an interface text (``data/messages.json``), for :meth:`Library.message`.

A type checker catches a mistyped key; a test keeps this list equal to the data's keys
(add a key here when you add a message).
"""
MessageKey.__doc__ = "The key of an interface text, for Library.message (a Literal of every key)."
