"""Source content: English text, ids, numbers and rules, shipped as data.

``data/content.json`` is the single source of truth. This module reads it (once,
under a lock) and walks it into :class:`Message` records -- one per translatable
field, each with its stable gettext context. The babel extractor and the
library builder both use :func:`iter_messages`, so the contexts a translator sees
are exactly the ones the library looks up.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = ["VALUE_KINDS", "Message", "Value", "iter_messages", "load_raw", "parse_raw"]

DOMAIN = "microneedling_info"
"""The gettext domain (file name of the catalogs)."""
SOURCE_LANGUAGE = "en"
SOURCE_LOCALE = "en_CA"
"""The English of the content (the msgids): Canadian English, used for fallbacks."""
DATA_FILES = ("content.json", "messages.json")
"""Clinical content (reviewed by clinicians) and interface text, merged at load."""

VALUE_KINDS: Mapping[str, str | None] = {
    "days": "duration-day",
    "hours": "duration-hour",
    "weeks": "duration-week",
    "months": "duration-month",
    "celsius": "temperature-celsius",
    "number": None,
}
"""Placeholder value kinds and the CLDR unit babel formats them with (None: a plain number)."""


@dataclass(frozen=True, slots=True)
class Value:
    """A number that a text shows, formatted for the locale by babel at build time."""

    kind: str
    amount: float


@dataclass(frozen=True, slots=True)
class Message:
    """One translatable field of the content."""

    context: str
    """Stable gettext ``msgctxt``, e.g. ``side_effect.redness.summary``."""
    text: str
    """English source text (the ``msgid``); ``{name}`` marks a placeholder."""
    comment: str
    """Where the text appears, for translators (``#.`` in the catalog)."""
    values: Mapping[str, Value]
    safety: bool
    """Part of the safety gate: must be translated and not fuzzy in every locale."""


# (section, context prefix, human label, text fields, list fields, safety-critical)
_SECTIONS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], bool], ...] = (
    ("urgency_levels", "urgency", "Urgency level", ("label", "action", "timeframe"), (), True),
    (
        "side_effects",
        "side_effect",
        "Side effect",
        ("name", "summary"),
        ("self_care", "seek_care_if"),
        False,
    ),
    (
        "healing_phases",
        "phase",
        "Healing phase",
        ("name", "summary"),
        ("what_to_expect", "what_to_do"),
        False,
    ),
    ("escalation_criteria", "criterion", "Warning sign", ("sign", "action"), (), True),
    ("aftercare", "aftercare", "Aftercare instruction", ("text", "rationale"), (), False),
)

_FIELD_NOTES: Mapping[str, str] = {
    "label": "short name of the urgency level, used as a heading",
    "action": "what the patient must do now; keep phone numbers (911, 811) as they are",
    "timeframe": "how soon to act",
    "name": "short name, used as a heading",
    "summary": "one or two plain sentences under the heading",
    "self_care": "a bullet in the list 'What you can do'",
    "seek_care_if": "a bullet in the list 'Get help if'",
    "what_to_expect": "a bullet in the list 'What to expect'",
    "what_to_do": "a bullet in the list 'What to do'",
    "sign": "the warning sign in the patient's words, a bullet under its urgency level",
    "text": "the instruction itself, in the imperative",
    "rationale": "one-line reason for the instruction",
}

_SAFETY_MESSAGES = ("assessment.headline.", "symptom.", "question.")
"""Interface texts that say how urgent things are, or name or ask what a patient reports
(the input of the triage): gated like the criteria."""

_lock = threading.Lock()
_raw: dict[str, Any] | None = None


@functools.cache
def package_files() -> Traversable:
    """The installed package's files, resolved once.

    A package installed on disk (the usual case) is read through a plain Path:
    importing and asking importlib-resources costs ~10 ms of a cold start.
    Anything else (a zip import) goes through importlib-resources.
    """
    here = Path(__file__).parent
    if (here / "data" / "content.json").is_file():
        return here
    import importlib_resources

    return importlib_resources.files(__package__)


def parse_raw(text: str) -> dict[str, Any]:
    """Parse content JSON text (used for the shipped file and by tests)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("content must be a JSON object")
    return data


def load_raw() -> Mapping[str, Any]:
    """The shipped content, read once and shared (treat it as read-only)."""
    global _raw
    if _raw is None:
        with _lock:
            if _raw is None:
                data = package_files() / "data"
                merged: dict[str, Any] = {}
                for name in DATA_FILES:
                    merged.update(parse_raw((data / name).read_text(encoding="utf-8")))
                _raw = merged
    return _raw


def _text_spec(spec: Any, where: str) -> tuple[str, Mapping[str, Value], str]:
    """A text is a string, or ``{"text": ..., "values": {...}, "note": ...}``."""
    if isinstance(spec, str):
        return spec, {}, ""
    if isinstance(spec, Mapping) and isinstance(spec.get("text"), str):
        values = {}
        for name, value in spec.get("values", {}).items():
            ((kind, amount),) = value.items()
            if kind not in VALUE_KINDS:
                raise ValueError(f"{where}: unknown value kind {kind!r}; use {sorted(VALUE_KINDS)}")
            values[name] = Value(kind, float(amount))
        return spec["text"], values, str(spec.get("note", ""))
    raise ValueError(f"{where}: a text must be a string or an object with 'text'")


def _message(context: str, spec: Any, comment: str, safety: bool) -> Message:
    text, values, note = _text_spec(spec, context)
    if note:
        comment = f"{comment} Note: {note}"
    return Message(context, text, comment, values, safety)


def iter_messages(raw: Mapping[str, Any]) -> Iterator[Message]:
    """Every translatable text of ``raw`` in file order, with its context.

    ``raw`` may be one data file or the merged content; absent sections are skipped.
    """
    if "disclaimer" in raw:
        yield _message(
            "content.disclaimer",
            raw["disclaimer"],
            "Disclaimer shown with every handout and assessment: information, not a diagnosis.",
            True,
        )
    for section, prefix, label, fields, list_fields, safety in _SECTIONS:
        for item in raw.get(section, ()):
            item_id = item["id"]
            for field in fields:
                comment = f"{label} '{item_id}', field '{field}': {_FIELD_NOTES[field]}."
                if safety:
                    comment += " SAFETY: must be translated in every language."
                yield _message(f"{prefix}.{item_id}.{field}", item[field], comment, safety)
            for field in list_fields:
                for key, spec in item[field].items():
                    comment = f"{label} '{item_id}', list '{field}': {_FIELD_NOTES[field]}."
                    yield _message(f"{prefix}.{item_id}.{field}.{key}", spec, comment, safety)
    for key, spec in raw.get("aftercare_categories", {}).items():
        yield _message(
            f"aftercare_category.{key}",
            spec,
            "Heading of a group of aftercare instructions.",
            False,
        )
    for key, spec in raw.get("messages", {}).items():
        safety = key.startswith(_SAFETY_MESSAGES)
        comment = "Interface text (headings, labels, assessment results)."
        yield _message(f"message.{key}", spec, comment, safety)
