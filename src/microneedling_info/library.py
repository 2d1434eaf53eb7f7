"""The per-locale library: content + catalog → immutable, translated models.

Building is done once per locale, lazily, under a lock, and cached
(:func:`get_library`). Shipped content is trusted data assembled with
``model_construct``; the test suite validates every model it produces.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from babel import Locale

from .catalogs import catalog_files, read_catalog
from .content import SOURCE_LANGUAGE, SOURCE_LOCALE, iter_messages, load_raw
from .errors import CatalogError, MissingTranslationError, UnknownItemError
from .formatting import check_translation, format_value, render
from .locales import DEFAULT_LOCALE, resolve_locale
from .models import (
    AftercareInstruction,
    ContentInfo,
    DayRange,
    EscalationCriterion,
    HealingPhase,
    SideEffect,
    Source,
    UrgencyLevel,
)
from .rules import rule_from_data
from .vocab import Frequency, Symptom, Urgency

if TYPE_CHECKING:
    from .assessment import Assessment, Report

__all__ = ["Library", "build_library", "clear_caches", "get_library"]


@dataclass(frozen=True, slots=True, eq=False)
class Library:
    """Everything the content says, in one locale. Immutable and safe to share between threads."""

    locale: Locale
    info: ContentInfo
    urgency_levels: tuple[UrgencyLevel, ...]
    """One per :class:`Urgency`, most urgent first."""
    side_effects: tuple[SideEffect, ...]
    healing_phases: tuple[HealingPhase, ...]
    """Chronological and contiguous from day 0; the last one is open-ended."""
    escalation_criteria: tuple[EscalationCriterion, ...]
    """Most urgent first."""
    aftercare: tuple[AftercareInstruction, ...]
    sources: tuple[Source, ...]
    missing_translations: tuple[str, ...]
    """Message contexts that fell back to English."""
    catalog_problems: tuple[str, ...]
    """Why a translation was refused (bad placeholder, markup, unreadable file...)."""
    messages: Mapping[str, str] = field(repr=False)
    """Interface texts by key (``heading.side_effects``...); templates may hold ``{name}``."""
    _by_id: Mapping[str, Mapping[str, Any]] = field(repr=False)
    _phase_starts: tuple[float, ...] = field(repr=False)

    def _lookup(self, kind: str, item_id: str) -> Any:
        items = self._by_id[kind]
        try:
            return items[item_id]
        except (KeyError, TypeError):
            raise UnknownItemError(kind, item_id, items) from None

    def side_effect(self, id: str) -> SideEffect:
        """The side effect with this id; UnknownItemError names the closest ids."""
        result: SideEffect = self._lookup("side_effect", id)
        return result

    def criterion(self, id: str) -> EscalationCriterion:
        """The escalation criterion with this id."""
        result: EscalationCriterion = self._lookup("criterion", id)
        return result

    def aftercare_instruction(self, id: str) -> AftercareInstruction:
        """The aftercare instruction with this id."""
        result: AftercareInstruction = self._lookup("aftercare", id)
        return result

    def source(self, id: str) -> Source:
        """The source with this id."""
        result: Source = self._lookup("source", id)
        return result

    def urgency_level(self, urgency: Urgency | str) -> UrgencyLevel:
        """Label, action and timeframe of one urgency level."""
        result: UrgencyLevel = self._lookup("urgency", str(urgency))
        return result

    def phase_for_day(self, day: float) -> HealingPhase:
        """The healing phase holding ``day`` (``start_day <= day < end_day``).

        Raises ValueError for a negative or non-finite day.
        """
        if not isinstance(day, int | float) or not math.isfinite(day) or day < 0:
            raise ValueError(
                f"day must be a finite number >= 0 (days since treatment), not {day!r}"
            )
        return self.healing_phases[bisect.bisect_right(self._phase_starts, day) - 1]

    def symptom_name(self, symptom: Symptom | str) -> str:
        """A symptom in the patient's words, for forms and bots (``Rougeur qui s'étend``)."""
        try:
            key = Symptom(symptom).value
        except ValueError:
            raise UnknownItemError("symptom", symptom, [s.value for s in Symptom]) from None
        return self.message(f"symptom.{key}")

    def message(self, key: str, **values: str) -> str:
        """An interface text, with ``{name}`` fields filled from already formatted values."""
        template = self._lookup("message", key)
        return render(template, values)

    def assess(self, report: Report | Mapping[str, Any]) -> Assessment:
        """Normal healing, call the clinic, care today, or call 911?

        Reported symptoms that are expected at this point of healing (an expected
        side effect's window) are normal; the escalation criteria's rules decide
        the rest, and a symptom that is neither is never called normal. A FHIR
        QuestionnaireResponse (a JSON dict) to the self-report is accepted too.
        """
        from .assessment import assess

        if isinstance(report, Mapping):
            from .fhir import report_from_questionnaire_response

            report = report_from_questionnaire_response(report)
        return assess(self, report)


def _translations(locale: str) -> tuple[dict[tuple[str | None, str], str], list[str]]:
    cat = catalog_files().get(locale)
    if cat is None:
        return {}, []
    try:
        return read_catalog(cat), []
    except CatalogError as exc:
        return {}, [str(exc)]


def build_library(locale: str | Locale = DEFAULT_LOCALE) -> Library:
    """Build a fresh, uncached library (tests and catalog previews); prefer get_library."""
    posix = resolve_locale(locale)
    loc = Locale.parse(posix)
    raw = load_raw()
    catalog, problems = _translations(posix)
    is_source = loc.language == SOURCE_LANGUAGE
    source_locale = Locale.parse(SOURCE_LOCALE)

    texts: dict[str, str] = {}
    missing: list[str] = []
    total = 0
    for message in iter_messages(raw):
        total += 1
        chosen, chosen_locale = message.text, loc if is_source else source_locale
        translated = catalog.get((message.context, message.text))
        if translated is not None:
            problem = check_translation(message.text, translated)
            if problem is None:
                chosen, chosen_locale = translated, loc
            else:
                problems.append(f"{posix}: {message.context}: {problem}")
                missing.append(message.context)
        elif not is_source:
            missing.append(message.context)
        if message.values:
            # An English fallback gets English numbers too: never "after 7 jours".
            values = {name: format_value(v, chosen_locale) for name, v in message.values.items()}
            chosen = render(chosen, values)
        texts[message.context] = chosen

    if problems:
        import logging

        log = logging.getLogger(__name__)
        for problem in problems:
            log.warning("catalog problem, English used instead: %s", problem)
    library = _assemble(loc, raw, texts, total, tuple(missing), tuple(problems))
    return library


def _assemble(
    loc: Locale,
    raw: Mapping[str, Any],
    texts: Mapping[str, str],
    total: int,
    missing: tuple[str, ...],
    problems: tuple[str, ...],
) -> Library:
    def t(context: str) -> str:
        return texts[context]

    def items(
        prefix: str, item_id: str, field_name: str, keys: Mapping[str, Any]
    ) -> tuple[str, ...]:
        return tuple(t(f"{prefix}.{item_id}.{field_name}.{key}") for key in keys)

    def day_range(value: Mapping[str, float]) -> DayRange:
        return DayRange.model_construct(start=value["start"], end=value["end"])

    urgency_levels = tuple(
        UrgencyLevel.model_construct(
            id=Urgency(u["id"]),
            label=t(f"urgency.{u['id']}.label"),
            action=t(f"urgency.{u['id']}.action"),
            timeframe=t(f"urgency.{u['id']}.timeframe"),
            fhir_priority_code=u["fhir_priority_code"],
            nhs_care_card_code=u["nhs_care_card_code"],
        )
        for u in sorted(raw["urgency_levels"], key=lambda u: Urgency(u["id"]), reverse=True)
    )
    side_effects = tuple(
        SideEffect.model_construct(
            id=s["id"],
            name=t(f"side_effect.{s['id']}.name"),
            summary=t(f"side_effect.{s['id']}.summary"),
            frequency=Frequency(s["frequency"]),
            expected=s["expected"],
            onset=day_range(s["onset"]),
            usual_duration=day_range(s["usual_duration"]) if s["usual_duration"] else None,
            symptoms=tuple(Symptom(x) for x in s["symptoms"]),
            self_care=items("side_effect", s["id"], "self_care", s["self_care"]),
            seek_care_if=items("side_effect", s["id"], "seek_care_if", s["seek_care_if"]),
            source_ids=tuple(s["source_ids"]),
            snomed_ct=s.get("snomed_ct"),
        )
        for s in raw["side_effects"]
    )
    phases = tuple(
        HealingPhase.model_construct(
            id=p["id"],
            name=t(f"phase.{p['id']}.name"),
            start_day=p["start_day"],
            end_day=p["end_day"],
            summary=t(f"phase.{p['id']}.summary"),
            what_to_expect=items("phase", p["id"], "what_to_expect", p["what_to_expect"]),
            what_to_do=items("phase", p["id"], "what_to_do", p["what_to_do"]),
            source_ids=tuple(p["source_ids"]),
        )
        for p in sorted(raw["healing_phases"], key=lambda p: p["start_day"])
    )
    criteria = tuple(
        EscalationCriterion.model_construct(
            id=c["id"],
            urgency=Urgency(c["urgency"]),
            sign=t(f"criterion.{c['id']}.sign"),
            action=t(f"criterion.{c['id']}.action"),
            rule=rule_from_data(c["rule"]),
            source_ids=tuple(c["source_ids"]),
        )
        for c in sorted(
            raw["escalation_criteria"], key=lambda c: Urgency(c["urgency"]), reverse=True
        )
    )
    aftercare = tuple(
        AftercareInstruction.model_construct(
            id=a["id"],
            category_id=a["category_id"],
            category=t(f"aftercare_category.{a['category_id']}"),
            text=t(f"aftercare.{a['id']}.text"),
            rationale=t(f"aftercare.{a['id']}.rationale"),
            start_day=a["start_day"],
            end_day=a["end_day"],
            source_ids=tuple(a["source_ids"]),
        )
        for a in raw["aftercare"]
    )
    sources = tuple(
        Source.model_construct(
            id=s["id"],
            title=s["title"],
            publisher=s["publisher"],
            year=s["year"],
            url=s.get("url"),
            doi=s.get("doi"),
        )
        for s in raw["sources"]
    )
    info = ContentInfo.model_construct(
        content_version=raw["content_version"],
        last_reviewed=dt.date.fromisoformat(raw["last_reviewed"]),
        next_review_due=dt.date.fromisoformat(raw["next_review_due"]),
        locale=str(loc),
        translated_share=round(1 - len(missing) / total, 4) if total else 1.0,
        disclaimer=t("content.disclaimer"),
    )
    messages = {
        key[len("message.") :]: text for key, text in texts.items() if key.startswith("message.")
    }
    by_id: dict[str, Mapping[str, Any]] = {
        "side_effect": MappingProxyType({s.id: s for s in side_effects}),
        "criterion": MappingProxyType({c.id: c for c in criteria}),
        "aftercare": MappingProxyType({a.id: a for a in aftercare}),
        "source": MappingProxyType({s.id: s for s in sources}),
        "urgency": MappingProxyType({str(u.id): u for u in urgency_levels}),
        "message": MappingProxyType(messages),
    }
    return Library(
        locale=loc,
        info=info,
        urgency_levels=urgency_levels,
        side_effects=side_effects,
        healing_phases=phases,
        escalation_criteria=criteria,
        aftercare=aftercare,
        sources=sources,
        missing_translations=missing,
        catalog_problems=problems,
        messages=MappingProxyType(messages),
        _by_id=MappingProxyType(by_id),
        _phase_starts=tuple(p.start_day for p in phases),
    )


_cache: dict[str, Library] = {}
_cache_lock = threading.Lock()


def get_library(locale: str | Locale = DEFAULT_LOCALE, *, strict: bool = False) -> Library:
    """The library for ``locale`` (any spelling, or a babel Locale), built once and cached.

    ``strict=True`` raises MissingTranslationError if any text would fall back
    to English; otherwise the fallback is recorded in ``missing_translations``.
    """
    posix = resolve_locale(locale)
    library = _cache.get(posix)
    if library is None:
        with _cache_lock:
            library = _cache.get(posix)
            if library is None:
                library = build_library(posix)
                _cache[posix] = library
    if strict and library.missing_translations:
        raise MissingTranslationError(posix, library.missing_translations)
    return library


def clear_caches() -> None:
    """Drop cached libraries and the catalog scan (tests, catalog previews)."""
    from . import catalogs

    with _cache_lock:
        _cache.clear()
    catalogs.clear_caches()
