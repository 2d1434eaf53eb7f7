"""Closed vocabularies: the stable ids used in JSON, the CLI and the content data."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Frequency", "Symptom", "Urgency"]


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

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank >= other.rank

    __hash__ = StrEnum.__hash__


_URGENCY_RANK: dict[Urgency, int] = {u: i for i, u in enumerate(Urgency)}


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
