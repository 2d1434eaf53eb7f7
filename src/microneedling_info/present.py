"""Plain-text and Markdown views of a library's sections (the CLI's ``show``).

Every word comes from the library (so from the catalogs); numbers are
formatted by babel. Markdown output escapes the text, so a translation
cannot inject links, HTML or formatting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from .assessment import Assessment
from .content import Value
from .formatting import format_value
from .library import Library
from .rules import AllOf, AnsweredWithin, AnswerYes, AnyOf, Rule
from .vocab import MessageKey, Urgency

if TYPE_CHECKING:
    from .clinic import ClinicProfile, ClinicWindow
    from .screening import Screening  # loaded on a library's first screening use only

__all__ = [
    "CLINIC_LEVELS",
    "SECTIONS",
    "Block",
    "assessment_text",
    "blocks",
    "clinic_suffix",
    "clinic_window_text",
    "day_window",
    "labelled",
    "number",
    "preliminary_notice",
    "said_by",
    "screening_text",
    "to_markdown",
    "to_text",
    "with_clinic",
]

SECTION_ATTRIBUTES = {
    "side-effects": "side_effects",
    "phases": "healing_phases",
    "escalation": "escalation_criteria",
    "aftercare": "aftercare",
    "sources": "sources",
    "screening": "screening_questions",
}
"""Section names accepted by ``show``, and the Library attribute each one shows."""
SECTIONS = tuple(SECTION_ATTRIBUTES)

_RULE = 72
"""Longest underline in plain text: a long heading wraps, its rule need not."""
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~])")


@dataclass(frozen=True, slots=True)
class Block:
    """A heading (level 1-3), a paragraph (level 0) or a bullet list."""

    level: int
    text: str = ""
    bullets: tuple[str, ...] = ()


def number(lib: Library, amount: float) -> str:
    """``amount`` written as a number in ``lib``'s locale (babel: ``1,5`` in French)."""
    return format_value(Value("number", amount), lib.locale)


def window_message(start: float, end: float | None) -> tuple[MessageKey, dict[str, float]]:
    """Message key and numbers for days ``start <= day < end`` (``end`` None: open-ended).

    The last day shown is the last day the window holds, so a window ending
    (exclusively) at day 14 reads "Day 0 to day 13". Whole weeks from day 14 on read in weeks:
    days 14 to 55 are "Weeks 3 to 8".
    """
    if (
        start >= 14
        and start % 7 == 0
        and (
            (end is None and start >= 28)
            or (end is not None and end % 7 == 0 and end - start >= 14)
        )
    ):
        # Spans of whole weeks read in weeks ("Weeks 3 to 8", not "Day 14 to day 55"; day 0-6 is
        # week 1); "From day 14" stays in days, next to "Day 7 to day 13".
        if end is None:
            return "label.from_week", {"start": start // 7 + 1}
        return "label.week_window", {"start": start // 7 + 1, "end": end // 7}
    if end is None:
        return "label.from_day", {"start": start}
    last = end - 1 if end - 1 >= start else start
    if last == start:
        return "label.day", {"day": start}
    return "label.day_window", {"start": start, "end": last}


def day_window(lib: Library, start: float, end: float | None) -> str:
    """ "Day 0 to day 13" / "From day 14", in the library's language (``end`` exclusive)."""
    key, numbers = window_message(start, end)
    return lib.message(key, **{name: number(lib, value) for name, value in numbers.items()})


def labelled(lib: Library, label: str, value: str) -> str:
    """ "Label: value" with the locale's punctuation ("Pourquoi : ..." in French)."""
    return lib.message("label.value", label=label, value=value)


def _side_effects(lib: Library) -> Iterator[Block]:
    yield Block(1, lib.message("heading.side_effects"))
    for effect in lib.side_effects:
        kind = lib.message("label.normal" if effect.expected else "label.complication")
        yield Block(2, f"{effect.name} ({kind})")
        yield Block(0, effect.summary)
        frequency = lib.message(cast("MessageKey", f"frequency.{effect.frequency.value}"))
        yield Block(0, labelled(lib, lib.message("label.frequency"), frequency))
        yield Block(3, lib.message("label.self_care"), effect.self_care)
        yield Block(3, lib.message("label.seek_care_if"), effect.seek_care_if)


def _phases(lib: Library) -> Iterator[Block]:
    yield Block(1, lib.message("heading.healing_phases"))
    for phase in lib.healing_phases:
        yield Block(2, f"{phase.name} ({day_window(lib, phase.start_day, phase.end_day)})")
        yield Block(0, phase.summary)
        yield Block(3, lib.message("label.what_to_expect"), phase.what_to_expect)
        yield Block(3, lib.message("label.what_to_do"), phase.what_to_do)


def said_by(action: str, level_action: str) -> bool:
    """Whether a criterion's action is already said, word for word, by its level's action."""

    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    return norm(action) in norm(level_action)


def _escalation(lib: Library) -> Iterator[Block]:
    yield Block(1, lib.message("heading.escalation"))
    for level in lib.urgency_levels:
        if level.id is Urgency.SELF_CARE:
            continue
        # A sign whose own action adds something ("near the eye: the emergency department")
        # says it; the others are covered by the level's action above them.
        signs = tuple(
            c.sign if said_by(c.action, level.action) else f"{c.sign} {c.action}"
            for c in lib.escalation_criteria
            if c.urgency is level.id
        )
        yield Block(2, labelled(lib, level.label, level.action))
        yield Block(0, "", signs)


def _aftercare(lib: Library) -> Iterator[Block]:
    yield Block(1, lib.message("heading.aftercare"))
    categories: dict[str, list[str]] = {}
    for item in lib.aftercare:
        window = day_window(lib, item.start_day, item.end_day)
        why = labelled(lib, lib.message("label.why"), item.rationale)
        categories.setdefault(item.category, []).append(f"{item.text} ({window}) {why}")
    for category, lines in categories.items():
        yield Block(2, category, tuple(lines))


def _sources(lib: Library) -> Iterator[Block]:
    yield Block(1, lib.message("heading.sources"))
    lines: list[str] = []
    for source in lib.sources:
        lines.append(
            f"[{source.id}] {source.publisher} ({source.year}). {source.title}. {source.link}"
        )
    yield Block(0, "", tuple(lines))


def rule_questions(rule: Rule) -> frozenset[str]:
    """The screening questions a rule reads."""
    if isinstance(rule, AnswerYes | AnsweredWithin):
        return frozenset({rule.question})
    if isinstance(rule, AllOf | AnyOf):
        return frozenset[str]().union(*(rule_questions(r) for r in rule.rules))
    return frozenset()


def _screening(lib: Library) -> Iterator[Block]:
    yield Block(1, lib.message("heading.screening"))
    yield Block(0, lib.message("screening.note"))
    for question in lib.screening_questions:
        yield Block(2, question.text)
        yield Block(0, labelled(lib, lib.message("label.why_asked"), question.why))
        results = tuple(
            labelled(lib, lib.screening_outcome(c.outcome).label, c.action)
            for c in lib.screening_criteria
            if question.id in rule_questions(c.rule)
        )
        yield Block(3, lib.message("label.if_yes"), results)


_BUILDERS = {
    "side-effects": _side_effects,
    "phases": _phases,
    "escalation": _escalation,
    "aftercare": _aftercare,
    "sources": _sources,
    "screening": _screening,
}


def preliminary_notice(lib: Library) -> tuple[Block, ...]:
    """ "Preliminary version - not clinically validated", until a clinician's approval matches."""
    if lib.info.clinically_validated:
        return ()
    return (Block(0, lib.message("notice.preliminary")),)


def blocks(lib: Library, section: str) -> tuple[Block, ...]:
    """One section (a name from SECTIONS): the notice while not validated, then the disclaimer."""
    return (*preliminary_notice(lib), *_BUILDERS[section](lib), Block(0, lib.info.disclaimer))


def to_text(items: tuple[Block, ...]) -> str:
    """Plain text for a terminal or an SMS gateway."""
    out: list[str] = []
    for block in items:
        if block.level == 1:
            out += [block.text.upper(), "=" * min(len(block.text), _RULE), ""]
        elif block.level >= 2:
            out += [block.text, "-" * min(len(block.text), _RULE) if block.level == 2 else ""]
        elif block.text:
            out += [block.text, ""]
        if block.bullets:
            out += [f"  - {b}" for b in block.bullets] + [""]
    return "\n".join(out).rstrip() + "\n"


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML syntax so text stays text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(items: tuple[Block, ...], *, escaped: bool = False) -> str:
    """CommonMark with every text escaped (``escaped``: the caller already escaped each text)."""
    esc: Callable[[str], str] = str if escaped else escape_markdown
    out: list[str] = []
    for block in items:
        if block.level:
            out += ["#" * block.level + " " + esc(block.text), ""]
        elif block.text:
            out += [esc(block.text), ""]
        if block.bullets:
            out += [f"- {esc(b)}" for b in block.bullets] + [""]
    return "\n".join(out).rstrip() + "\n"


CLINIC_LEVELS = (Urgency.URGENT, Urgency.CONTACT_CLINIC)
"""The levels whose action sends the patient to the clinic (care today, call your clinic)."""


def with_clinic(lib: Library, urgency: Urgency, action: str, clinic: ClinicProfile | None) -> str:
    """The action, then the clinic's name and number when the level sends the patient there.

    The one way every output (handout, assessment, export) names the clinic to call.
    """
    return " ".join((action, *clinic_suffix(lib, urgency, clinic)))


def clinic_suffix(lib: Library, urgency: Urgency, clinic: ClinicProfile | None) -> tuple[str, ...]:
    """What follows a level's action: the clinic's lines when the level sends the patient there."""
    if clinic is None or urgency not in CLINIC_LEVELS:
        return ()
    return clinic_lines(lib, clinic)


def clinic_window_text(lib: Library, window: ClinicWindow) -> str:
    """An aftercare step with the clinic's own duration ("for 2 weeks"), instead of a range."""
    from .formatting import render

    duration = format_value(Value(window.unit, window.amount), lib.locale)
    return render(lib.texts[f"clinic_window.{window.aftercare_id}.text"], {"duration": duration})


def clinic_lines(lib: Library, clinic: ClinicProfile) -> tuple[str, ...]:
    """ "Clinique Beauté Plus: 514 555-0123" (and the after-hours number), in the locale's form.

    Said after an action that sends the patient to the clinic, so the patient has the number.
    """
    from .clinic import phone_display

    locale = str(lib.locale)
    lines = [labelled(lib, clinic.name, phone_display(clinic.phone, locale))]
    if clinic.after_hours_phone:
        after = phone_display(clinic.after_hours_phone, locale)
        lines.append(labelled(lib, lib.message("handout.after_hours"), after))
    return tuple(lines)


def assessment_text(lib: Library, result: Assessment, clinic: ClinicProfile | None = None) -> str:
    """An assessment as plain text: headline, action, the signs, what is normal.

    With a clinic profile, an action that sends the patient to the clinic (care today, call
    your clinic) is followed by the clinic's name and number.
    """
    items = [
        Block(1, result.headline),
        *preliminary_notice(lib),
        Block(0, f"{result.action} ({result.timeframe})"),
    ]
    if clinic is not None and result.urgency in CLINIC_LEVELS:
        items.append(Block(0, "", clinic_lines(lib, clinic)))
    if result.matched:
        signs = tuple(c.sign for c in result.matched)
        items.append(Block(3, lib.message("heading.escalation"), signs))
    if result.unusual_symptoms:
        names = tuple(lib.symptom_name(s) for s in result.unusual_symptoms)
        items.append(Block(3, lib.message("label.complication"), names))
    if result.expected_notes:
        items.append(Block(3, lib.message("label.normal"), result.expected_notes))
    items.append(Block(0, result.disclaimer))
    return to_text(tuple(items))


def screening_text(lib: Library, result: Screening) -> str:
    """A screening result as plain text: the outcome, what to do, the reasons, until when."""
    items = [Block(1, result.label), *preliminary_notice(lib), Block(0, result.action)]
    if result.matched:
        reasons = tuple(f"{r} {a}" for r, a in zip(result.reasons, result.actions, strict=True))
        items.append(Block(3, lib.message("label.result"), reasons))
    if result.until_text:
        items.append(Block(0, result.until_text))
    if result.unanswered:
        items.append(Block(0, lib.message("screening.unanswered")))
    items += [Block(0, result.note), Block(0, result.disclaimer)]
    return to_text(tuple(items))
