"""A library's assessment, compiled once: which criteria and side effects a report can touch.

``assess`` answers in microseconds because it never walks every rule: each criterion is
filed under the symptoms one of which it needs (:meth:`~microneedling_info.rules.Rule`
``.needs``), so a report only evaluates the criteria its symptoms (or its temperature
and day alone) can trigger. The rules' meaning is unchanged: the compiled form picks
the same criteria, in the same order, as evaluating every rule would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .content import Value
from .formatting import format_value
from .models import EscalationCriterion, SideEffect
from .rules import (
    AllOf,
    AllSymptoms,
    AnyOf,
    AnySymptom,
    DayAtLeast,
    DayBefore,
    Observation,
    Rule,
    TemperatureAtLeast,
    UnexplainedSymptom,
    uses_fallback,
)
from .vocab import Symptom

if TYPE_CHECKING:
    from .library import Library

__all__ = ["Check", "Finding", "Triage", "compile_rule"]


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


Check = Callable[[float, frozenset[Symptom], "float | None"], "frozenset[Symptom] | None"]
"""A compiled rule: None when it does not match (day, symptoms, temperature), else what
it ``explains``. One call does what ``matches`` and then ``explains`` do."""

_NOTHING: frozenset[Symptom] = frozenset()
_Explained = frozenset[Symptom] | None


def compile_rule(rule: Rule) -> Check:
    """``rule`` as a closure: ``rule.explains(obs) if rule.matches(obs) else None``.

    The kinds an assessment meets most are plain closures over sets and numbers (a test
    checks them against the rule methods); any other kind calls its methods.
    """
    if isinstance(rule, AnySymptom):
        wanted = frozenset(rule.symptoms)
        return lambda day, symptoms, celsius: symptoms & wanted or None
    if isinstance(rule, AllSymptoms):
        every = frozenset(rule.symptoms)
        return lambda day, symptoms, celsius: every if every <= symptoms else None
    if isinstance(rule, DayAtLeast):
        first = rule.day
        return lambda day, symptoms, celsius: _NOTHING if day >= first else None
    if isinstance(rule, DayBefore):
        until = rule.day
        return lambda day, symptoms, celsius: _NOTHING if day < until else None
    if isinstance(rule, TemperatureAtLeast):
        low = rule.celsius
        return lambda day, symptoms, celsius: (
            _NOTHING if celsius is not None and celsius >= low else None
        )
    if isinstance(rule, AllOf | AnyOf):
        return _compile_group(tuple(compile_rule(r) for r in rule.rules), isinstance(rule, AllOf))

    def check(day: float, symptoms: frozenset[Symptom], celsius: float | None) -> _Explained:
        obs = Observation(day, symptoms, celsius)
        return rule.explains(obs) if rule.matches(obs) else None

    return check


def _compile_group(parts: tuple[Check, ...], every: bool) -> Check:
    """All of ``parts`` (the union of what they explain) or any of them (what those explain)."""

    def all_of(day: float, symptoms: frozenset[Symptom], celsius: float | None) -> _Explained:
        out = _NOTHING
        for part in parts:
            got = part(day, symptoms, celsius)
            if got is None:
                return None
            if got:
                out = out | got if out else got
        return out

    def any_of(day: float, symptoms: frozenset[Symptom], celsius: float | None) -> _Explained:
        out = None
        for part in parts:
            got = part(day, symptoms, celsius)
            if got is not None:
                out = got if not out else out | got
        return out

    return all_of if every else any_of


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
        "_checks",
        "_fallback",
        "_fallback_is_plain",
        "_filed",
        "_notes",
        "_side_effects",
    )

    def __init__(self, library: Library) -> None:
        criteria = library.escalation_criteria
        # Most urgent first, content order within a level (a stable sort): the order of
        # the answer, so the index order of the criteria a report matches is already it.
        by_rank = sorted(criteria, key=lambda c: c.urgency.rank, reverse=True)
        specific = [c for c in by_rank if not uses_fallback(c.rule)]
        self._checks = tuple((c, compile_rule(c.rule), c.urgency.rank) for c in specific)
        self._always, by_symptom = _file_by_symptom(enumerate(specific))
        self._fallback = tuple((c, c.urgency.rank) for c in by_rank if uses_fallback(c.rule))
        # The usual fallback is "a symptom nothing else explains" itself: whenever the report
        # has such a symptom it matches, with no need to ask it (other kinds are asked).
        self._fallback_is_plain = all(
            isinstance(c.rule, UnexplainedSymptom) for c, _ in self._fallback
        )
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
        # Symptom → (its usual windows: side effect index, first day, end day; its criteria).
        self._filed = {
            s: (tuple(normal.get(s, ())), by_symptom.get(s, ())) for s in {*normal, *by_symptom}
        }

    def find(
        self, day: float, symptoms: frozenset[Symptom], temperature_c: float | None
    ) -> Finding:
        """The criteria that match and the side effects that are normal for this report."""
        effects: set[int] = set()
        normal: list[Symptom] = []
        candidates = set(self._always)
        filed = self._filed
        for symptom in symptoms:
            windows, criteria = filed.get(symptom, _UNFILED)
            for index, start, until in windows:
                if start <= day < until:
                    effects.add(index)
                    normal.append(symptom)
            candidates.update(criteria)
        checks = self._checks
        matched: list[EscalationCriterion] = []
        ranks: list[int] = []
        explained: list[frozenset[Symptom]] = []
        for i in sorted(candidates):
            criterion, check, rank = checks[i]
            got = check(day, symptoms, temperature_c)
            if got is not None:
                matched.append(criterion)
                ranks.append(rank)
                if got:
                    explained.append(got)
        unexplained = symptoms.difference(normal, *explained) if normal or explained else symptoms
        if unexplained and self._fallback:
            matched = _merged(
                matched, ranks, self._fallback_matching(day, symptoms, temperature_c, unexplained)
            )
        if not effects:
            return Finding(tuple(matched), (), (), unexplained)
        found = sorted(effects)
        return Finding(
            tuple(matched),
            tuple([self._side_effects[i] for i in found]),
            tuple([self._notes[i] for i in found]),
            unexplained,
        )

    def _fallback_matching(
        self,
        day: float,
        symptoms: frozenset[Symptom],
        temperature_c: float | None,
        unexplained: frozenset[Symptom],
    ) -> Sequence[tuple[EscalationCriterion, int]]:
        """The fallback criteria that match (with their ranks), most urgent first."""
        if self._fallback_is_plain:  # "a symptom nothing else explains": there is one
            return self._fallback
        obs = Observation(day, symptoms, temperature_c, unexplained)
        return [(c, rank) for c, rank in self._fallback if c.rule.matches(obs)]


def _merged(
    specific: list[EscalationCriterion],
    ranks: list[int],
    fallback: Iterable[tuple[EscalationCriterion, int]],
) -> list[EscalationCriterion]:
    """Two lists, each most urgent first, as one: a stable sort of ``specific + fallback`` by
    rank (specific first within a level), in one pass. ``heapq.merge(..., key=, reverse=True)``
    gives the same list but costs ~2.6 us against ~0.3 us here, on assess's hot path."""
    out: list[EscalationCriterion] = []
    i, n = 0, len(specific)
    for criterion, rank in fallback:
        while i < n and ranks[i] >= rank:
            out.append(specific[i])
            i += 1
        out.append(criterion)
    out += specific[i:]
    return out


_UNFILED: tuple[tuple[tuple[int, float, float], ...], tuple[int, ...]] = ((), ())


def _usual_note(library: Library, name: str, until: float) -> str:
    duration = format_value(Value("days", until), library.locale)
    return library.message("assessment.usually_gone_within", name=name, duration=duration)
