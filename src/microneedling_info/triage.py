"""A library's assessment, compiled once: which criteria and side effects a report can touch.

``assess`` answers in microseconds because it never walks every rule: each criterion is
filed under the symptoms one of which it needs (:meth:`~microneedling_info.rules.Rule`
``.needs``), so a report only evaluates the criteria its symptoms (or its temperature
and day alone) can trigger. The rules' meaning is unchanged: the compiled form picks
the same criteria, in the same order, as evaluating every rule would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .content import Value
from .formatting import format_value
from .models import EscalationCriterion, SideEffect
from .rules import Observation, uses_fallback
from .vocab import Symptom

if TYPE_CHECKING:
    from .library import Library

__all__ = ["Finding", "Triage"]


class Finding(NamedTuple):
    """What the content makes of a report, before any text is chosen."""

    matched: tuple[EscalationCriterion, ...]
    """Criteria that matched, most urgent first."""
    expected: tuple[SideEffect, ...]
    """Reported symptoms' side effects that are normal on this day, in content order."""
    notes: tuple[str, ...]
    """For each of ``expected``: how long it usually lasts, in words."""
    unexplained: frozenset[Symptom]
    """Reported symptoms neither expected now nor covered by a specific criterion."""


def _file_by_symptom(
    criteria: Iterable[tuple[int, EscalationCriterion]],
) -> tuple[tuple[int, ...], Mapping[Symptom, tuple[int, ...]]]:
    """(criteria that need no symptom, symptom → criteria that may need it)."""
    always: list[int] = []
    by_symptom: dict[Symptom, list[int]] = {}
    for index, criterion in criteria:
        needs = criterion.rule.needs()
        if needs is None:
            always.append(index)
        for symptom in needs or ():
            by_symptom.setdefault(symptom, []).append(index)
    return tuple(always), {s: tuple(i) for s, i in by_symptom.items()}


@dataclass(frozen=True, slots=True, init=False)
class Triage:
    """A library's rules and usual windows, filed for fast lookup; built with the library.

    Its tables are plain dicts, private to it and never changed after ``__init__``
    (a read-only proxy's ``get`` costs more than the rest of a lookup).
    """

    _specific: tuple[EscalationCriterion, ...]
    _always: tuple[int, ...]
    _by_symptom: Mapping[Symptom, tuple[int, ...]]
    _fallback: tuple[EscalationCriterion, ...]
    _ranks: Mapping[str, int]
    _side_effects: tuple[SideEffect, ...]
    _notes: tuple[str, ...]
    _normal: Mapping[Symptom, tuple[tuple[int, float, float], ...]]

    def __init__(self, library: Library) -> None:
        criteria = library.escalation_criteria
        specific = tuple(c for c in criteria if not uses_fallback(c.rule))
        always, by_symptom = _file_by_symptom(enumerate(specific))
        normal: dict[Symptom, list[tuple[int, float, float]]] = {}
        notes: list[str] = []
        for index, effect in enumerate(library.side_effects):
            until = effect.expected_until
            notes.append("" if until is None else _usual_note(library, effect.name, until))
            if until is not None:
                for symptom in effect.symptoms:
                    normal.setdefault(symptom, []).append((index, effect.onset.start, until))
        setattr_ = object.__setattr__
        setattr_(self, "_specific", specific)
        setattr_(self, "_always", always)
        setattr_(self, "_by_symptom", by_symptom)
        setattr_(self, "_fallback", tuple(c for c in criteria if uses_fallback(c.rule)))
        setattr_(self, "_ranks", {c.id: c.urgency.rank for c in criteria})
        setattr_(self, "_side_effects", library.side_effects)
        setattr_(self, "_notes", tuple(notes))
        setattr_(self, "_normal", {s: tuple(w) for s, w in normal.items()})

    def find(
        self, day: float, symptoms: frozenset[Symptom], temperature_c: float | None
    ) -> Finding:
        """The criteria that match and the side effects that are normal for this report."""
        effects: set[int] = set()
        normal: set[Symptom] = set()
        candidates = set(self._always)
        for symptom in symptoms:
            for index, start, until in self._normal.get(symptom, ()):
                if start <= day < until:
                    effects.add(index)
                    normal.add(symptom)
            candidates.update(self._by_symptom.get(symptom, ()))
        obs = Observation(day, symptoms, temperature_c)
        matched = [c for i in sorted(candidates) if (c := self._specific[i]).rule.matches(obs)]
        explained: set[Symptom] = set()
        for criterion in matched:
            explained |= criterion.rule.explains(obs)
        unexplained = symptoms.difference(normal, explained)
        if unexplained:
            obs = Observation(day, symptoms, temperature_c, unexplained)
            matched += [c for c in self._fallback if c.rule.matches(obs)]
        ranks = self._ranks
        matched.sort(key=lambda c: ranks[c.id], reverse=True)  # stable: specific first
        found = sorted(effects)
        return Finding(
            tuple(matched),
            tuple(self._side_effects[i] for i in found),
            tuple(self._notes[i] for i in found),
            unexplained,
        )


def _usual_note(library: Library, name: str, until: float) -> str:
    duration = format_value(Value("days", until), library.locale)
    return library.message("assessment.usually_gone_within", name=name, duration=duration)
