"""The per-locale library: content + catalog → immutable, translated models.

Building is done once per locale, lazily, under a lock, and cached
(:func:`get_library`). Shipped content is trusted data assembled with
``model_construct``; the test suite validates every model it produces.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, Union, cast

from babel import Locale

from .catalogs import NO_CATALOG, Translations, catalog_files, read_catalog
from .content import (
    DISCLAIMER_CONTEXT,
    MESSAGE_PREFIX,
    SECTION,
    SOURCE_LANGUAGE,
    SOURCE_LOCALE,
    category_context,
    iter_messages,
    load_raw,
    section_items,
)
from .errors import CatalogError, MessageArgumentError, MissingTranslationError, UnknownItemError
from .formatting import check_translation, format_value, placeholders, render
from .locales import DEFAULT_LOCALE, resolve_locale
from .models import (
    AftercareInstruction,
    Approval,
    ContentInfo,
    DayRange,
    EscalationCriterion,
    HealingPhase,
    SideEffect,
    Source,
    UrgencyLevel,
)
from .rules import rule_from_data
from .signatures import document_fields
from .vocab import Frequency, MessageKey, ScreeningOutcome, Symptom, Urgency

if TYPE_CHECKING:
    from .assessment import Assessment, Assessor, Report
    from .clinic import ClinicProfile
    from .screening import (
        Answer,
        Screening,
        ScreeningContent,
        ScreeningCriterion,
        ScreeningOutcomeLevel,
        ScreeningQuestion,
    )

__all__ = ["ContentItem", "Library", "build_library", "clear_caches", "get_library"]


_T = TypeVar("_T")


def _index(items: Iterable[_T], key: Callable[[_T], str]) -> Mapping[str, _T]:
    return MappingProxyType({key(item): item for item in items})


def _find(kind: str, items: Mapping[str, _T], item_id: object) -> _T:
    try:
        return items[item_id]  # type: ignore[index]  # any object: a miss is UnknownItemError
    except (KeyError, TypeError):
        raise UnknownItemError(kind, item_id, items) from None


@document_fields
@dataclass(frozen=True, eq=False)
class Library:
    """Everything the content says, in one locale. Immutable and safe to share between threads.

    Build one with :func:`get_library`. The lookup indexes are derived from the
    fields when the library is made, and :attr:`info` and the screening content from
    the fields on first read, so ``dataclasses.replace`` never leaves one stale.
    """

    # Not a slots class: info, the assessor and the screening content are cached properties
    # (made on first use, kept in the instance __dict__); without slots the class is cheaper
    # to create, too.

    locale: Locale
    """The locale of the texts (a babel ``Locale``; ``str(lib.locale)`` is the POSIX id)."""
    urgency_levels: tuple[UrgencyLevel, ...]
    """One per :class:`Urgency`, most urgent first."""
    side_effects: tuple[SideEffect, ...]
    """What the skin may do after treatment, normal or not."""
    healing_phases: tuple[HealingPhase, ...]
    """Chronological and contiguous from day 0; the last one is open-ended."""
    escalation_criteria: tuple[EscalationCriterion, ...]
    """Most urgent first."""
    aftercare: tuple[AftercareInstruction, ...]
    """Aftercare instructions, in content order."""
    sources: tuple[Source, ...]
    """Every source the content cites."""
    missing_translations: tuple[str, ...]
    """Message contexts that fell back to English."""
    catalog_problems: tuple[str, ...]
    """Why a translation was refused (bad placeholder, markup, unreadable file...)."""
    texts: Mapping[str, str] = field(repr=False)
    """Every text of the library by its gettext context (``side_effect.redness.name``), in
    content order: the models' fields and :attr:`messages` are read from it."""
    messages: Mapping[str, str] = field(init=False, repr=False)
    """Interface texts by key (``heading.side_effects``...); templates may hold ``{name}``."""
    _side_effects: Mapping[str, SideEffect] = field(init=False, repr=False)
    _criteria: Mapping[str, EscalationCriterion] = field(init=False, repr=False)
    _aftercare: Mapping[str, AftercareInstruction] = field(init=False, repr=False)
    _sources: Mapping[str, Source] = field(init=False, repr=False)
    _urgency_levels: Mapping[str, UrgencyLevel] = field(init=False, repr=False)
    _phase_starts: tuple[float, ...] = field(init=False, repr=False)
    _content: Mapping[str, Any] = field(init=False, repr=False)
    """The content the library is made from (read once per process): its screening models
    are made from it and :attr:`texts` on first use. Derived, so help() shows no private
    parameter and a ``dataclasses.replace`` copy has it too."""
    _fallbacks: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        def derive(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        prefix = MESSAGE_PREFIX
        messages = {k[len(prefix) :]: v for k, v in self.texts.items() if k.startswith(prefix)}
        derive("messages", MappingProxyType(messages))
        derive("_side_effects", _index(self.side_effects, lambda s: s.id))
        derive("_criteria", _index(self.escalation_criteria, lambda c: c.id))
        derive("_aftercare", _index(self.aftercare, lambda a: a.id))
        derive("_sources", _index(self.sources, lambda s: s.id))
        derive("_urgency_levels", _index(self.urgency_levels, lambda u: u.id))
        derive("_phase_starts", tuple(p.start_day for p in self.healing_phases))
        derive("_fallbacks", frozenset(self.missing_translations))
        derive("_content", load_raw())

    @functools.cached_property
    def info(self) -> ContentInfo:
        """Content version, review dates, locale id, share of texts translated, disclaimer.

        Made on first read, from the content and :attr:`texts`: its fingerprint
        (``content_sha256``) hashes the whole content, ~1.3 ms that a lookup or an
        assessment does not need. ``setdefault`` as for the screening content.
        """
        made = _info(self._content, self.locale, self.texts, self.missing_translations)
        return cast("ContentInfo", self.__dict__.setdefault("info", made))

    @functools.cached_property
    def _assessor(self) -> Assessor:
        """Made by the first ``assess``: it compiles the rules (not at start-up; see
        :class:`~microneedling_info.assessment.Assessor`). ``setdefault`` as for info."""
        from .assessment import Assessor

        return cast("Assessor", self.__dict__.setdefault("_assessor", Assessor(self)))

    @functools.cached_property
    def _screening(self) -> ScreeningContent:
        """The screening models, made from this library's content and texts on first use.

        Not at start-up: most uses never screen, and the screening module and models cost
        ~4 ms of every cold start. A ``dataclasses.replace`` copy makes its own from its
        own fields. ``setdefault``: without the lock cached_property held up to Python
        3.11, two threads may both build it; every reader still gets the first one stored.
        """
        from .screening import build_screening_content

        texts = self.texts
        built = build_screening_content(self._content, lambda key, item: _fields(key, item, texts))
        return cast("ScreeningContent", self.__dict__.setdefault("_screening", built))

    @property
    def screening_questions(self) -> tuple[ScreeningQuestion, ...]:
        """Before treatment: what the clinic asks, in checklist order."""
        return self._screening.questions

    @property
    def screening_criteria(self) -> tuple[ScreeningCriterion, ...]:
        """Before treatment: the rules that turn answers into an outcome, most restrictive first."""
        return self._screening.criteria

    @property
    def screening_outcomes(self) -> tuple[ScreeningOutcomeLevel, ...]:
        """One per :class:`ScreeningOutcome`, most restrictive first."""
        return self._screening.outcomes

    def side_effect(self, id: str) -> SideEffect:
        """The side effect with this id; UnknownItemError names the closest ids."""
        return _find("side_effect", self._side_effects, id)

    def criterion(self, id: str) -> EscalationCriterion:
        """The escalation criterion with this id."""
        return _find("criterion", self._criteria, id)

    def aftercare_instruction(self, id: str) -> AftercareInstruction:
        """The aftercare instruction with this id."""
        return _find("aftercare", self._aftercare, id)

    def source(self, id: str) -> Source:
        """The source with this id."""
        return _find("source", self._sources, id)

    def urgency_level(self, urgency: Urgency | str) -> UrgencyLevel:
        """Label, action and timeframe of one urgency level."""
        return _find("urgency", self._urgency_levels, urgency)

    def screening_question(self, id: str) -> ScreeningQuestion:
        """The screening question with this id."""
        return _find("screening question", self._screening.question_by_id, id)

    def screening_outcome(self, outcome: ScreeningOutcome | str) -> ScreeningOutcomeLevel:
        """Label and action of one screening outcome."""
        return _find("screening outcome", self._screening.outcome_by_id, outcome)

    def text_locale(self, context: str) -> Locale:
        """The locale a text is really in: the library's, or English where it fell back.

        ``context`` is a key of :attr:`texts`; the handout marks a fallback with
        ``lang="en"`` so screen readers switch voice.
        """
        if context not in self.texts:
            raise UnknownItemError("text context", context, self.texts)
        if context in self._fallbacks and self.locale.language != SOURCE_LANGUAGE:
            return _source_locale()
        return self.locale

    def contexts(self, item: ContentItem) -> Mapping[str, str | tuple[str, ...]]:
        """The contexts of an item's texts: field → context, list field → one per entry.

        >>> lib = get_library("en_CA")
        >>> lib.contexts(lib.side_effect("redness"))["name"]
        'side_effect.redness.name'
        """
        return item_contexts(item)

    def phase_for_day(self, day: float) -> HealingPhase:
        """The healing phase holding ``day`` (``start_day <= day < end_day``).

        Raises ValueError for a negative or non-finite day.
        """
        finite = isinstance(day, int) or (isinstance(day, float) and math.isfinite(day))
        if isinstance(day, bool) or not finite or day < 0:
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
        return self.message(cast("MessageKey", f"symptom.{key}"))  # a test: every one exists

    def message(self, key: MessageKey, **values: str) -> str:
        """An interface text, with ``{name}`` fields filled from already formatted values.

        An unknown key raises UnknownItemError naming the closest keys; values that do
        not fit the text's placeholders raise MessageArgumentError naming them.
        """
        template = _find("message", self.messages, key)
        if not values:  # the common case (headings, headlines): render says if one is missing
            try:
                return render(template, values)
            except KeyError:
                pass
        wanted = set(placeholders(template))
        if wanted != values.keys():
            need = ", ".join(f"{{{n}}}" for n in sorted(wanted)) or "no values"
            got = ", ".join(sorted(values)) or "none"
            raise MessageArgumentError(key, f"takes {need}; got {got}")
        for name, value in values.items():
            if not isinstance(value, str):
                raise MessageArgumentError(
                    key,
                    f"{name} must be an already formatted str (format numbers with the "
                    f"library's locale), not {type(value).__name__}",
                )
        return render(template, values)

    def assess(self, report: Report | Mapping[str, Any]) -> Assessment:
        """Normal healing, call the clinic, care today, or call 911?

        Reported symptoms that are expected at this point of healing (an expected
        side effect's window) are normal; the escalation criteria's rules decide
        the rest, and a symptom that is neither is never called normal. A FHIR
        QuestionnaireResponse (a JSON dict) to the self-report is accepted too.
        """
        return self._assessor.assess(report)

    def follow_up_message(self, day: int, clinic: ClinicProfile | None = None) -> str:
        """The text message for ``day`` days after treatment: what to expect, what to do,
        when to call (the clinic, with its number when ``clinic`` is given, and 911).

        Every shipped message fits 3 SMS segments (see :func:`sms_segments`). ``day``
        is a whole number >= 0; :func:`day_number` gives it from dates.
        """
        from .followup import follow_up_message

        return follow_up_message(self, day, clinic)

    def screen(self, answers: Mapping[str, Answer], *, on: dt.date | None = None) -> Screening:
        """Before treatment: go ahead, go ahead with care, wait, or see a doctor first?

        ``answers`` maps question ids (:attr:`screening_questions`) to ``True``/``False``,
        or to a date for a date question; ``on`` is the planned treatment date (default:
        today). The most restrictive matched outcome wins. Unknown ids and wrong kinds of
        answer raise ScreeningAnswerError naming what is valid. A FHIR QuestionnaireResponse
        (a JSON dict) to the screening Questionnaire is accepted too; it carries its own
        treatment date (see :func:`screening_questionnaire_response`).
        """
        from .screening import screen

        return screen(self, answers, on=on)


def _translations(locale: str) -> tuple[Translations, list[str]]:
    cat = catalog_files().get(locale)
    if cat is None:
        return NO_CATALOG, []
    try:
        return read_catalog(cat), []
    except CatalogError as exc:
        return NO_CATALOG, [str(exc)]


def build_library(locale: str | Locale = DEFAULT_LOCALE) -> Library:
    """Build a fresh, uncached library (tests and catalog previews); prefer get_library."""
    posix = resolve_locale(locale)
    loc = Locale.parse(posix)
    raw = load_raw()
    catalog, problems = _translations(posix)
    is_source = loc.language == SOURCE_LANGUAGE
    source_locale = _source_locale()

    texts: dict[str, str] = {}
    missing: list[str] = []
    guarded = not catalog.verified  # a wheel's own catalog passed every guard at build time
    for message in iter_messages(raw):
        chosen, chosen_locale = message.text, loc if is_source else source_locale
        translated = catalog.get((message.context, message.text))
        if translated is not None:
            problem = (
                check_translation(message.text, translated, safety=message.safety)
                if guarded
                else None
            )
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
    return _assemble(loc, raw, texts, tuple(missing), tuple(problems))


def _fields(section_key: str, item: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """An item's translated fields, read from ``texts`` by the contexts the content gives."""
    return {
        name: texts[context] if isinstance(context, str) else tuple(texts[c] for c in context)
        for name, context in SECTION[section_key].contexts(item).items()
    }


def _day_range(value: Mapping[str, float]) -> DayRange:
    return DayRange.model_construct(start=value["start"], end=value["end"])


def _approval(raw: Mapping[str, Any]) -> Approval:
    from .approval import APPROVAL_KEY  # not at import: `python -m microneedling_info.approval`

    record = raw.get(APPROVAL_KEY) or {"status": "draft"}
    on = record.get("approved_on")
    return Approval.model_construct(
        status=record["status"],
        approved_by=record.get("approved_by"),
        approved_on=dt.date.fromisoformat(on) if on else None,
        content_sha256=record.get("content_sha256"),
    )


_fingerprinted: tuple[Mapping[str, Any], str] | None = None
"""The last content fingerprinted and its fingerprint: the content is read once per process,
so every locale shares it (~1 ms each). Held by identity: a new content is a new object."""


def _fingerprint(raw: Mapping[str, Any]) -> str:
    global _fingerprinted
    from .approval import content_sha256

    last = _fingerprinted
    if last is not None and last[0] is raw:
        return last[1]
    digest = content_sha256(raw)
    _fingerprinted = (raw, digest)
    return digest


def _urgency_level(u: Mapping[str, Any], texts: Mapping[str, str]) -> UrgencyLevel:
    return UrgencyLevel.model_construct(
        **_fields("urgency_levels", u, texts),
        id=Urgency(u["id"]),
        fhir_priority_code=u["fhir_priority_code"],
        nhs_care_card_code=u["nhs_care_card_code"],
    )


def _side_effect(s: Mapping[str, Any], texts: Mapping[str, str]) -> SideEffect:
    return SideEffect.model_construct(
        **_fields("side_effects", s, texts),
        id=s["id"],
        frequency=Frequency(s["frequency"]),
        expected=s["expected"],
        onset=_day_range(s["onset"]),
        usual_duration=_day_range(s["usual_duration"]) if s["usual_duration"] else None,
        symptoms=tuple(Symptom(x) for x in s["symptoms"]),
        source_ids=tuple(s["source_ids"]),
        snomed_ct=s.get("snomed_ct"),
    )


def _phase(p: Mapping[str, Any], texts: Mapping[str, str]) -> HealingPhase:
    return HealingPhase.model_construct(
        **_fields("healing_phases", p, texts),
        id=p["id"],
        start_day=p["start_day"],
        end_day=p["end_day"],
        source_ids=tuple(p["source_ids"]),
    )


def _criterion(c: Mapping[str, Any], texts: Mapping[str, str]) -> EscalationCriterion:
    return EscalationCriterion.model_construct(
        **_fields("escalation_criteria", c, texts),
        id=c["id"],
        urgency=Urgency(c["urgency"]),
        rule=rule_from_data(c["rule"]),
        source_ids=tuple(c["source_ids"]),
    )


def _aftercare(a: Mapping[str, Any], texts: Mapping[str, str]) -> AftercareInstruction:
    return AftercareInstruction.model_construct(
        **_fields("aftercare", a, texts),
        id=a["id"],
        category_id=a["category_id"],
        category=texts[category_context(a["category_id"])],
        start_day=a["start_day"],
        end_day=a["end_day"],
        source_ids=tuple(a["source_ids"]),
        screening_question_ids=tuple(a.get("screening_question_ids", ())),
    )


def _source(s: Mapping[str, Any]) -> Source:
    return Source.model_construct(
        id=s["id"],
        title=s["title"],
        publisher=s["publisher"],
        year=s["year"],
        language=s.get("language", "en"),
        url=s.get("url"),
        doi=s.get("doi"),
    )


def _info(
    raw: Mapping[str, Any], loc: Locale, texts: Mapping[str, str], missing: tuple[str, ...]
) -> ContentInfo:
    return ContentInfo.model_construct(
        content_version=raw["content_version"],
        last_reviewed=dt.date.fromisoformat(raw["last_reviewed"]),
        next_review_due=dt.date.fromisoformat(raw["next_review_due"]),
        locale=str(loc),
        translated_share=round(1 - len(missing) / len(texts), 4) if texts else 1.0,
        disclaimer=texts[DISCLAIMER_CONTEXT],
        approval=_approval(raw),
        content_sha256=_fingerprint(raw),
    )


def _assemble(
    loc: Locale,
    raw: Mapping[str, Any],
    texts: Mapping[str, str],
    missing: tuple[str, ...],
    problems: tuple[str, ...],
) -> Library:
    def most_urgent_first(key: str) -> Callable[[Mapping[str, Any]], int]:
        return lambda item: -Urgency(item[key]).rank

    levels = sorted(raw["urgency_levels"], key=most_urgent_first("id"))
    criteria = sorted(raw["escalation_criteria"], key=most_urgent_first("urgency"))
    return Library(
        locale=loc,
        urgency_levels=tuple(_urgency_level(u, texts) for u in levels),
        side_effects=tuple(_side_effect(s, texts) for s in raw["side_effects"]),
        healing_phases=tuple(
            _phase(p, texts) for p in sorted(raw["healing_phases"], key=lambda p: p["start_day"])
        ),
        escalation_criteria=tuple(_criterion(c, texts) for c in criteria),
        aftercare=tuple(_aftercare(a, texts) for a in raw["aftercare"]),
        sources=tuple(_source(s) for s in raw["sources"]),
        missing_translations=missing,
        catalog_problems=problems,
        texts=MappingProxyType(dict(texts)),
    )


# The screening models by name: they are imported on first use, not with the library.
ContentItem: TypeAlias = Union[  # `Model | "Name"` fails at run time
    UrgencyLevel,
    SideEffect,
    HealingPhase,
    EscalationCriterion,
    AftercareInstruction,
    "ScreeningOutcomeLevel",
    "ScreeningQuestion",
    "ScreeningCriterion",
]
"""An item of the content whose texts are translated."""


@functools.cache
def _section_of() -> Mapping[type[ContentItem], str]:
    """Each item type's content section (made on first use: it names the screening models)."""
    from .screening import ScreeningCriterion, ScreeningOutcomeLevel, ScreeningQuestion

    return {
        UrgencyLevel: "urgency_levels",
        SideEffect: "side_effects",
        HealingPhase: "healing_phases",
        EscalationCriterion: "escalation_criteria",
        AftercareInstruction: "aftercare",
        ScreeningOutcomeLevel: "screening.outcomes",
        ScreeningQuestion: "screening.questions",
        ScreeningCriterion: "screening.rules",
    }


@functools.cache
def _raw_items(section_key: str) -> Mapping[str, Mapping[str, Any]]:
    return {item["id"]: item for item in section_items(load_raw(), section_key)}


def item_contexts(item: ContentItem) -> Mapping[str, str | tuple[str, ...]]:
    """See :meth:`Library.contexts`."""
    key = _section_of()[type(item)]
    raw = _raw_items(key)
    try:
        contexts = SECTION[key].contexts(raw[str(item.id)])
    except KeyError:
        raise UnknownItemError(SECTION[key].prefix, item.id, raw) from None
    if isinstance(item, AftercareInstruction):
        contexts["category"] = category_context(item.category_id)
    return MappingProxyType(contexts)


@functools.cache
def _source_locale() -> Locale:
    return Locale.parse(SOURCE_LOCALE)


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
