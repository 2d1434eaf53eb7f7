"""The generated parts of the clinicians' review page (docs/content-sources.md).

The header's version line, the source list and the four tables (side effects, healing
phases, aftercare, warning signs) are written from the content; the prose around them
(where sources disagree, choices a reviewer should check) is written by hand. After a
content change, regenerate with ``python tests/_review_page.py`` and review the diff.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import microneedling_info as mi
from microneedling_info.content import Value, load_raw
from microneedling_info.formatting import format_value
from microneedling_info.rules import (
    AllOf,
    AllSymptoms,
    AnySymptom,
    DayAtLeast,
    DayBefore,
    TemperatureAtLeast,
    UnexplainedSymptom,
)

DASH = "\u2013"
"""En dash of day ranges ("0\u20136")."""
PAGE = Path(__file__).resolve().parents[1] / "docs" / "content-sources.md"

URGENCY = {
    mi.Urgency.EMERGENCY: "Emergency: call 911",
    mi.Urgency.URGENT: "Care today: clinic, Info-Santé 811 or the emergency department",
    mi.Urgency.CONTACT_CLINIC: "Call the clinic (within 2 days)",
}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _rule(rule: mi.Rule, lib: mi.Library) -> str:
    if isinstance(rule, AnySymptom):
        return "any of " + _ids(rule.symptoms)
    if isinstance(rule, AllSymptoms):
        return "all of " + _ids(rule.symptoms)
    if isinstance(rule, DayAtLeast):
        return f"day ≥ {_num(rule.day)}"
    if isinstance(rule, DayBefore):
        return f"day < {_num(rule.day)}"
    if isinstance(rule, TemperatureAtLeast):
        return "temperature ≥ " + format_value(Value("celsius", rule.celsius), lib.locale)
    if isinstance(rule, UnexplainedSymptom):
        return "a reported symptom that is not normal on that day and no other sign covers"
    op = " AND " if isinstance(rule, AllOf) else " OR "
    return op.join(f"({_rule(r, lib)})" for r in rule.rules)


def _window(start: float, end: float | None, open_word: str) -> str:
    if end is None:
        return f"{_num(start)} onward" if open_word == "onward" else f"from {_num(start)}"
    return f"{_num(start)}{DASH}{_num(end)}"


def generated(lib: mi.Library) -> Mapping[str, list[str]]:
    """Each generated block of the page, by the heading it follows."""
    sources = []
    for s in lib.sources:
        where = ([f"doi:{s.doi}"] if s.doi else []) + ([f"<{s.url}>"] if s.url else [])
        sources.append(f"- `{s.id}`: {s.publisher}. *{s.title}*. {s.year}. " + " ; ".join(where))

    effects = [
        "| id | summary | normal? | frequency | onset (day) | usually lasts (days) "
        "| normal until day | SNOMED CT | sources |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for e in lib.side_effects:
        lasts = (
            f"{_num(e.usual_duration.start)}{DASH}{_num(e.usual_duration.end)}"
            if e.usual_duration
            else "no source"
        )
        until = _num(e.expected_until) if e.expected_until is not None else "—"
        effects.append(
            f"| `{e.id}` | **{_cell(e.name)}.** {_cell(e.summary)} "
            f"| {'normal' if e.expected else 'complication'} | {e.frequency.value} "
            f"| {_num(e.onset.start)}{DASH}{_num(e.onset.end)} | {lasts} | {until} "
            f"| {e.snomed_ct or '—'} | {_ids(e.source_ids)} |"
        )

    phases = ["| id | days | summary | sources |", "|---|---|---|---|"]
    for p in lib.healing_phases:
        phases.append(
            f"| `{p.id}` | {_window(p.start_day, p.end_day, 'onward')} "
            f"| **{_cell(p.name)}.** {_cell(p.summary)} | {_ids(p.source_ids)} |"
        )

    aftercare = ["| id | category | days | instruction | sources |", "|---|---|---|---|---|"]
    for a in lib.aftercare:
        aftercare.append(
            f"| `{a.id}` | {_cell(a.category)} | {_window(a.start_day, a.end_day, 'from')} "
            f"| {_cell(a.text)} | {_ids(a.source_ids)} |"
        )

    signs = ["| id | urgency | sign | action | rule | sources |", "|---|---|---|---|---|---|"]
    for c in lib.escalation_criteria:
        signs.append(
            f"| `{c.id}` | {URGENCY[c.urgency]} | {_cell(c.sign)} | {_cell(c.action)} "
            f"| {_rule(c.rule, lib)} | {_ids(c.source_ids)} |"
        )
    return {
        "Sources": sources,
        "Side effects": effects,
        "Healing phases": phases,
        "Aftercare": aftercare,
        "Warning signs": signs,
    }


def render(page: str) -> str:
    """``page`` with its generated parts rewritten from the shipped content (en_CA)."""
    raw = load_raw()
    page = re.sub(
        r"\(content version [^,]+, last reviewed [^,]+, next review due [^)]+\)",
        f"(content version {raw['content_version']}, last reviewed {raw['last_reviewed']}, "
        f"next review due {raw['next_review_due']})",
        page,
    )
    for heading, lines in generated(mi.build_library("en_CA")).items():
        # the list or table right after the heading (and its one-paragraph introduction)
        block = re.compile(
            r"(## " + re.escape(heading) + r"\n\n(?:[^|\-\n][^\n]*\n\n)?)((?:[|-][^\n]*\n)+)"
        )
        match = block.search(page)
        if match is None:
            raise ValueError(f"docs/content-sources.md has no list or table under '{heading}'")
        page = page[: match.start(2)] + "\n".join(lines) + "\n" + page[match.end(2) :]
    return page


if __name__ == "__main__":
    PAGE.write_text(render(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
