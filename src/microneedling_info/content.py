"""Source content: English text, ids, numbers and rules, shipped as data.

``data/content.json`` is the single source of truth. This module reads it (once,
under a lock) and walks it into :class:`Message` records -- one per translatable
field, each with its stable gettext context. The babel extractor and the
library builder both use :func:`iter_messages`, so the contexts a translator sees
are exactly the ones the library looks up.

No dependencies beyond the standard library: ``hatch_build.py`` loads this file on its
own, to guard each catalog entry with the safety flag the library gives it.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "SAFETY_MESSAGES",
    "SECTIONS",
    "VALUE_KINDS",
    "Message",
    "Section",
    "Value",
    "category_context",
    "iter_messages",
    "load_raw",
    "parse_raw",
    "section_items",
]

DOMAIN = "microneedling_info"
"""The gettext domain (file name of the catalogs)."""
SOURCE_LANGUAGE = "en"
SOURCE_LOCALE = "en_CA"
"""The English of the content (the msgids): Canadian English, used for fallbacks."""
DATA_FILES = ("content.json", "messages.json")
"""Clinical content (reviewed by clinicians) and interface text, merged at load."""

VALUE_KINDS: Mapping[str, str | None] = {
    "minutes": "duration-minute",
    "days": "duration-day",
    "hours": "duration-hour",
    "weeks": "duration-week",
    "months": "duration-month",
    "celsius": "temperature-celsius",
    "number": None,
}
"""Placeholder value kinds and the CLDR unit babel formats them with (None: a plain number)."""


# The records below are named tuples, not dataclasses: immutable all the same, and a frozen
# dataclass costs ~0.7 ms of every cold start to define (and more to make, 489 times).


class Value(NamedTuple):
    """A number that a text shows, formatted for the locale by babel at build time."""

    kind: str
    amount: float


class Message(NamedTuple):
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


class Section(NamedTuple):
    """A list of items in the content whose text fields are translated.

    The one place that spells the context scheme: ``{prefix}.{id}.{field}`` for a
    text field, ``{prefix}.{id}.{field}.{key}`` for each entry of a list field.
    """

    key: str
    """The section's key in ``content.json`` (``side_effects``); a dotted key is a list inside
    an object (``screening.questions``)."""
    prefix: str
    """The first part of its contexts (``side_effect``)."""
    label: str
    """What an item is, for translators (``Side effect``)."""
    fields: tuple[str, ...]
    list_fields: tuple[str, ...] = ()
    safety: bool = False
    """Part of the safety gate: every text must be translated in every locale."""

    def contexts(self, item: Mapping[str, Any]) -> dict[str, str | tuple[str, ...]]:
        """Each text field of ``item`` → its context; each list field → one context per entry."""
        base = f"{self.prefix}.{item['id']}"
        out: dict[str, str | tuple[str, ...]] = {f: f"{base}.{f}" for f in self.fields}
        for f in self.list_fields:
            out[f] = tuple(f"{base}.{f}.{key}" for key in item[f])
        return out


SECTIONS: tuple[Section, ...] = (
    Section(
        "urgency_levels", "urgency", "Urgency level", ("label", "action", "timeframe"), (), True
    ),
    Section(
        "side_effects",
        "side_effect",
        "Side effect",
        ("name", "summary"),
        ("self_care", "seek_care_if"),
    ),
    Section(
        "healing_phases",
        "phase",
        "Healing phase",
        ("name", "summary"),
        ("what_to_expect", "what_to_do"),
    ),
    # The day-N text message, one per healing phase (same id): see followup.py.
    Section("follow_up", "follow_up", "Follow-up text message", ("today", "call"), (), True),
    Section("escalation_criteria", "criterion", "Warning sign", ("sign", "action"), (), True),
    Section("aftercare", "aftercare", "Aftercare instruction", ("text", "rationale")),
    Section(
        "screening.outcomes",
        "screening_outcome",
        "Screening outcome",
        ("label", "action"),
        safety=True,
    ),
    Section("screening.questions", "screening", "Screening question", ("text", "why"), (), True),
    Section(
        "screening.rules", "screening_rule", "Screening result", ("reason", "action"), (), True
    ),
)
"""The translated sections of the content, in file order."""
SECTION = {section.key: section for section in SECTIONS}

DISCLAIMER_CONTEXT = "content.disclaimer"
MESSAGE_PREFIX = "message."
"""Interface texts (``messages.json``) have the context ``message.{key}``."""


def category_context(category_id: str) -> str:
    """The context of an aftercare category's heading."""
    return f"aftercare_category.{category_id}"


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
    "today": "what to expect and what to do in this phase, for a text message",
    "call": "when to call the clinic (and 911), for a text message",
    "why": "why the clinic asks, in one or two plain sentences",
    "reason": "what in the patient's answers led to this result, one plain sentence",
}
_SECTION_FIELD_NOTES: Mapping[tuple[str, str], str] = {
    ("screening", "text"): "the question the patient reads before treatment (yes/no or a date)",
    ("screening_outcome", "label"): "short name of the screening result, used as a heading",
    ("screening_outcome", "action"): "what the patient must do before treatment",
    ("screening_rule", "action"): "what the patient must do before treatment",
}
"""Notes for a field whose meaning differs in one section (a question's ``text``)."""

SAFETY_MESSAGES = ("assessment.headline.", "symptom.", "screening.")
"""Interface texts that say how urgent things are, name what a patient reports (the
input of the triage), or carry a screening result: gated like the criteria."""

_lock = threading.Lock()
_raw: dict[str, Any] | None = None


@functools.cache
def package_files() -> Traversable:
    """The installed package's files, resolved once.

    A package installed on disk (the usual case) is read through a plain Path:
    importing and asking ``importlib.resources`` costs milliseconds of a cold start.
    Anything else (a zip import) goes through the standard library's
    ``importlib.resources``, which serves every Python this package supports (>= 3.11).
    """
    here = Path(__file__).parent
    if (here / "data" / "content.json").is_file():
        return here
    import importlib.resources

    return importlib.resources.files(__name__.rpartition(".")[0])


def parse_raw(text: str) -> dict[str, Any]:
    """Parse content JSON text (used for the shipped file and by tests)."""
    data: object = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("content must be a JSON object")
    return cast("dict[str, Any]", data)


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
    if isinstance(spec, Mapping):
        fields = cast("Mapping[str, Any]", spec)
        text = fields.get("text")
        if isinstance(text, str):
            values: dict[str, Value] = {}
            specs: Mapping[str, Mapping[str, float]] = fields.get("values", {})
            for name, value in specs.items():
                ((kind, amount),) = value.items()
                if kind not in VALUE_KINDS:
                    raise ValueError(
                        f"{where}: unknown value kind {kind!r}; use {sorted(VALUE_KINDS)}"
                    )
                values[name] = Value(kind, float(amount))
            return text, values, str(fields.get("note", ""))
    raise ValueError(f"{where}: a text must be a string or an object with 'text'")


def _message(context: str, spec: Any, comment: str, safety: bool) -> Message:
    text, values, note = _text_spec(spec, context)
    if note:
        comment = f"{comment} Note: {note}"
    return Message(context, text, comment, values, safety)


def section_items(raw: Mapping[str, Any], key: str) -> list[Any]:
    """The items of section ``key`` (``"aftercare"``, ``"screening.questions"``); [] if absent."""
    node: object = raw
    for part in key.split("."):
        node = cast("Mapping[str, object]", node).get(part) if isinstance(node, Mapping) else None
        if node is None:
            return []
    return list(cast("Iterable[Any]", node))


def handout_messages(raw: Mapping[str, Any]) -> Iterator[Message]:
    """The handout's own content: clinic-set aftercare windows, the at-a-glance table, words."""
    for item in raw.get("clinic_windows", ()):
        comment = (
            f"Aftercare instruction '{item['id']}' when the clinic has set how long: "
            "{duration} is the clinic's value (e.g. '2 weeks')."
        )
        yield _message(f"clinic_window.{item['id']}.text", item["text"], comment, False)
    for row in raw.get("at_a_glance", {}).get("rows", ()):
        where = f"At-a-glance table, row '{row['id']}'"
        yield _message(
            f"glance.{row['id']}.label", row["label"], f"{where}: short row heading.", False
        )
    for item in raw.get("glossary", ()):
        where = f"Words to know, '{item['id']}'"
        yield _message(f"glossary.{item['id']}.term", item["term"], f"{where}: the term.", False)
        yield _message(
            f"glossary.{item['id']}.definition",
            item["definition"],
            f"{where}: its meaning in plain words (grade 8 or lower).",
            False,
        )


def iter_messages(raw: Mapping[str, Any]) -> Iterator[Message]:
    """Every translatable text of ``raw`` in file order, with its context.

    ``raw`` may be one data file or the merged content; absent sections are skipped.
    """
    if "disclaimer" in raw:
        yield _message(
            DISCLAIMER_CONTEXT,
            raw["disclaimer"],
            "Disclaimer shown with every handout and assessment: information, not a diagnosis.",
            True,
        )
    for section in SECTIONS:
        for item in section_items(raw, section.key):
            yield from _item_messages(section, item)
    yield from handout_messages(raw)
    for key, spec in raw.get("aftercare_categories", {}).items():
        yield _message(
            category_context(key), spec, "Heading of a group of aftercare instructions.", False
        )
    for key, spec in raw.get("messages", {}).items():
        safety = key.startswith(SAFETY_MESSAGES)
        comment = "Interface text (headings, labels, assessment results)."
        yield _message(MESSAGE_PREFIX + key, spec, comment, safety)


def _item_messages(section: Section, item: Mapping[str, Any]) -> Iterator[Message]:
    where = f"{section.label} '{item['id']}'"
    for field, context in section.contexts(item).items():
        note = _SECTION_FIELD_NOTES.get((section.prefix, field), _FIELD_NOTES[field])
        if isinstance(context, str):
            comment = f"{where}, field '{field}': {note}."
            if section.safety:
                comment += " SAFETY: must be translated in every language."
            yield _message(context, item[field], comment, section.safety)
        else:
            comment = f"{where}, list '{field}': {note}."
            for spec, entry in zip(item[field].values(), context, strict=True):
                yield _message(entry, spec, comment, section.safety)
