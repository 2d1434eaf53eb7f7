"""Helpers shared by test modules (imported as a plain module: tests/ is on sys.path)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import microneedling_info as mi
from microneedling_info.rules import AllOf, AllSymptoms, AnyOf, AnySymptom


def source_root() -> Path | None:
    """The source checkout, when the tests run against it (None against an installed wheel)."""
    root = Path(__file__).resolve().parents[1]
    package = Path(mi.__file__).resolve().parent
    if (root / "pyproject.toml").is_file() and package == root / "src" / "microneedling_info":
        return root
    return None


_ACCENTS = str.maketrans("aeiou", "àéïôù")


def pseudo(text: str) -> str:
    """A 'translation' that passes every check: lower-case words get accents, the rest is kept.

    Placeholders, numbers and names stay; "SPF" becomes "FPS" (the glossary term) and a
    colon gets the non-breaking space Quebec typography wants.
    """
    out = []
    for literal, field, _spec, _conv in string.Formatter().parse(text):
        words = re.split(r"(\W+)", literal)
        literal = "".join(
            w.translate(_ACCENTS) if w.isalpha() and w.islower() else w for w in words
        )
        literal = literal.replace("SPF", "FPS")
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is not None:
            out.append("{" + field + "}")
    return re.sub(r"(?<=\S):(?=\s|$)", "\u00a0:", "".join(out))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def readable_items(lib: mi.Library) -> dict[str, str]:
    """Each item's patient-facing texts (placeholders filled in), as one passage to score."""
    items: dict[str, list[str]] = {"disclaimer": [lib.info.disclaimer]}
    for u in lib.urgency_levels:
        items[f"urgency.{u.id.value}"] = [u.label, u.action, u.timeframe]
    for e in lib.side_effects:
        items[f"side_effect.{e.id}"] = [e.name, e.summary, *e.self_care, *e.seek_care_if]
    for p in lib.healing_phases:
        items[f"phase.{p.id}"] = [p.name, p.summary, *p.what_to_expect, *p.what_to_do]
    for a in lib.aftercare:
        items[f"aftercare.{a.id}"] = [a.text, a.rationale]
    for c in lib.escalation_criteria:
        items[f"criterion.{c.id}"] = [c.sign, c.action]
    for o in lib.screening_outcomes:
        items[f"screening_outcome.{o.id.value}"] = [o.label, o.action]
    for q in lib.screening_questions:
        items[f"screening.{q.id}"] = [q.text, q.why]
    for r in lib.screening_criteria:
        items[f"screening_rule.{r.id}"] = [r.reason, r.action]
    return {key: " ".join(_sentence(t) for t in texts) for key, texts in items.items()}


def rule_symptoms(rule: mi.Rule) -> set[mi.Symptom]:
    """Every symptom a rule mentions, however deeply nested."""
    if isinstance(rule, AnySymptom | AllSymptoms):
        return set(rule.symptoms)
    if isinstance(rule, AnyOf | AllOf):
        return set().union(*(rule_symptoms(r) for r in rule.rules))
    return set()
