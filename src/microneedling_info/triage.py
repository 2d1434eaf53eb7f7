"""A library's assessment, compiled once: which criteria and side effects a report can touch.

``assess`` answers in microseconds because it never walks every rule: each criterion is
filed under the symptoms one of which it needs (:meth:`~microneedling_info.rules.Rule`
``.needs``), so a report only evaluates the criteria its symptoms (or its temperature
and day alone) can trigger. The rules' meaning is unchanged: the compiled form picks
the same criteria, in the same order, as evaluating every rule would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
) -> tuple[frozenset[int], Mapping[Symptom, tuple[int, ...]]]:
    """(criteria that need no symptom, symptom → criteria that may need it)."""
    always: set[int] = set()
    by_symptom: dict[Symptom, list[int]] = {}
    for index, criterion in criteria:
        needs = criterion.rule.needs()
        if needs is None:
            always.add(index)
        for symptom in needs or ():
            by_symptom.setdefault(symptom, []).append(index)
    return frozenset(always), {s: tuple(i) for s, i in by_symptom.items()}


class Triage:
    """A library's rules and usual windows, filed for fast lookup; built on its first ``assess``.

    A plain class with slots (a dataclass costs start-up time to define). Its tables are
    plain dicts, private to it and never changed after ``__init__`` (a read-only proxy's
    ``get`` costs more than the rest of a lookup).
    """

    __slots__ = (
        "_always",
        "_by_symptom",
        "_fallback",
        "_normal",
        "_notes",
        "_ranks",
        "_side_effects",
        "_specific",
    )

    def __init__(self, library: Library) -> None:
        criteria = library.escalation_criteria
        # Most urgent first, content order within a level (a stable sort): the order of
        # the answer, so the index order of the criteria a report matches is already it.
        by_rank = sorted(criteria, key=lambda c: c.urgency.rank, reverse=True)
        self._specific = tuple(c for c in by_rank if not uses_fallback(c.rule))
        self._always, self._by_symptom = _file_by_symptom(enumerate(self._specific))
        self._fallback = tuple(c for c in by_rank if uses_fallback(c.rule))
        self._ranks = {c.id: c.urgency.rank for c in criteria}
        normal: dict[Symptom, list[tuple[int, float, float]]] = {}
        notes: list[str] = []
        for index, effect in enumerate(library.side_effects):
            until = effect.expected_until
            notes.append("" if until is None else _usual_note(library, effect.name, until))
            if until is not None:
                for symptom in effect.symptoms:
                    normal.setdefault(symptom, []).append((index, effect.onset.start, until))
        self._side_effects = library.side_effects
        self._notes = tuple(notes)
        self._normal = {s: tuple(w) for s, w in normal.items()}

    def find(
        self, day: float, symptoms: frozenset[Symptom], temperature_c: float | None
    ) -> Finding:
        """The criteria that match and the side effects that are normal for this report."""
        effects: set[int] = set()
        normal: set[Symptom] = set()
        candidates = set(self._always)
        windows, by_symptom = self._normal, self._by_symptom
        for symptom in symptoms:
            for index, start, until in windows.get(symptom, ()):
                if start <= day < until:
                    effects.add(index)
                    normal.add(symptom)
            candidates.update(by_symptom.get(symptom, ()))
        obs = Observation(day, symptoms, temperature_c)
        specific = self._specific
        matched = [c for i in sorted(candidates) if (c := specific[i]).rule.matches(obs)]
        unexplained = symptoms.difference(normal, *[c.rule.explains(obs) for c in matched])
        if unexplained:
            obs = Observation(day, symptoms, temperature_c, unexplained)
            fallback = [c for c in self._fallback if c.rule.matches(obs)]
            if fallback:
                ranks = self._ranks
                matched += fallback
                matched.sort(key=lambda c: ranks[c.id], reverse=True)  # stable: specific first
        found = sorted(effects)
        return Finding(
            tuple(matched),
            tuple([self._side_effects[i] for i in found]),
            tuple([self._notes[i] for i in found]),
            unexplained,
        )


def _usual_note(library: Library, name: str, until: float) -> str:
    duration = format_value(Value("days", until), library.locale)
    return library.message("assessment.usually_gone_within", name=name, duration=duration)
