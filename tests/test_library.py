"""The library: immutable, cached, thread-safe, translated, with clear errors."""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import math
from typing import get_args

import pydantic
import pytest
from _support import content_items

import microneedling_info as mi
from microneedling_info.content import handout_messages, load_raw
from microneedling_info.library import _fields
from microneedling_info.rules import Rule
from microneedling_info.screening import ScreeningContent, build_screening_content


def test_library_is_immutable(lib: mi.Library) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        lib.side_effects = ()  # type: ignore[misc]
    effect = lib.side_effects[0]
    with pytest.raises(pydantic.ValidationError):
        effect.name = "changed"  # type: ignore[misc]
    assert isinstance(lib.side_effects, tuple)
    assert isinstance(effect.self_care, tuple)
    with pytest.raises(TypeError):
        lib.messages["heading.sources"] = "x"  # type: ignore[index]


def test_every_model_validates(lib: mi.Library) -> None:
    """Shipped data is built with model_construct; this is where it is validated."""
    groups: list[tuple[type[pydantic.BaseModel], tuple[pydantic.BaseModel, ...]]] = [
        (mi.UrgencyLevel, lib.urgency_levels),
        (mi.SideEffect, lib.side_effects),
        (mi.HealingPhase, lib.healing_phases),
        (mi.EscalationCriterion, lib.escalation_criteria),
        (mi.AftercareInstruction, lib.aftercare),
        (mi.Source, lib.sources),
        (mi.ContentInfo, (lib.info,)),
        (mi.ScreeningOutcomeLevel, lib.screening_outcomes),
        (mi.ScreeningQuestion, lib.screening_questions),
        (mi.ScreeningCriterion, lib.screening_criteria),
    ]
    for model, items in groups:
        assert items, model.__name__
        for item in items:
            assert model.model_validate(item.model_dump()) == item
    rule_adapter = pydantic.TypeAdapter(Rule)
    for criterion in lib.escalation_criteria:
        assert rule_adapter.validate_python(criterion.rule.model_dump()) == criterion.rule


def test_models_forbid_extra_fields() -> None:
    with pytest.raises(pydantic.ValidationError, match="extra"):
        mi.DayRange(start=0, end=1, unit="days")  # type: ignore[call-arg]
    with pytest.raises(pydantic.ValidationError, match="start"):
        mi.DayRange(start=3, end=1)


def test_urgency_levels_one_each_most_urgent_first(lib: mi.Library) -> None:
    """Their texts (911, Info-Santé 811) are tested in test_content and test_french."""
    assert [u.id for u in lib.urgency_levels] == sorted(mi.Urgency, reverse=True)


def test_criteria_are_most_urgent_first(lib: mi.Library) -> None:
    urgencies = [c.urgency for c in lib.escalation_criteria]
    assert urgencies == sorted(urgencies, reverse=True)


def test_urgency_is_ordered_by_severity() -> None:
    assert mi.Urgency.URGENT > mi.Urgency.CONTACT_CLINIC > mi.Urgency.SELF_CARE
    assert max(mi.Urgency) is mi.Urgency.EMERGENCY
    assert mi.Urgency("urgent") == "urgent"


def test_unknown_id_names_the_closest(lib: mi.Library) -> None:
    with pytest.raises(mi.UnknownItemError) as info:
        lib.side_effect("rednes")
    assert isinstance(info.value, KeyError)
    assert "redness" in str(info.value)
    assert lib.side_effect("redness").id == "redness"


def test_phase_for_day_covers_every_day(lib: mi.Library) -> None:
    phases = lib.healing_phases
    assert phases[0].start_day == 0 and phases[-1].end_day is None
    for before, after in itertools.pairwise(phases):
        assert before.end_day == after.start_day
    for phase in phases:
        assert lib.phase_for_day(phase.start_day) is phase
        if phase.end_day is not None:
            assert lib.phase_for_day(phase.end_day - 0.001) is phase
    assert lib.phase_for_day(10_000) is phases[-1]


@pytest.mark.parametrize("day", [-1, -0.5, math.nan, math.inf, True, False])
def test_phase_for_bad_day_raises_value_error(day: float) -> None:
    with pytest.raises(ValueError, match="day"):
        mi.get_library("en_CA").phase_for_day(day)


def test_numbers_and_units_are_formatted_by_babel() -> None:
    fr = mi.get_library("fr_CA")
    en = mi.get_library("en_CA")
    assert fr.urgency_level("contact_clinic").timeframe.endswith("2\xa0jours")
    assert en.urgency_level("contact_clinic").timeframe.endswith("2 days")
    fr_texts = " ".join(c.sign for c in fr.escalation_criteria)
    en_texts = " ".join(c.sign for c in en.escalation_criteria)
    assert "38\xa0°C" in fr_texts
    assert "38 °C" in en_texts


def test_english_library_has_nothing_missing() -> None:
    en = mi.get_library("en_CA")
    assert en.missing_translations == ()
    assert en.catalog_problems == ()
    assert en.info.translated_share == 1.0


def test_build_library_is_fresh_but_equal() -> None:
    built = mi.build_library("en_CA")
    assert built is not mi.get_library("en_CA")
    assert built.side_effects == mi.get_library("en_CA").side_effects


def test_content_info(lib: mi.Library) -> None:
    info = lib.info
    assert info.locale == str(lib.locale)
    assert info.next_review_due > info.last_reviewed
    assert "911" in info.disclaimer
    assert 0 <= info.translated_share <= 1


def test_every_symptom_has_a_name(lib: mi.Library) -> None:
    names = {lib.symptom_name(s) for s in mi.Symptom}
    assert len(names) == len(mi.Symptom)  # distinct, none missing
    assert lib.symptom_name("pus") == lib.symptom_name(mi.Symptom.PUS)
    with pytest.raises(mi.UnknownItemError, match="redness"):
        lib.symptom_name("rednes")


def test_symptom_names_are_french_in_french() -> None:
    assert mi.get_library("fr_CA").symptom_name("swelling") == "Enflure"
    assert mi.get_library("en_CA").symptom_name("swelling") == "Swelling"


# --------------------------------------------------------------------------- the text map


def test_models_read_the_text_map(lib: mi.Library) -> None:
    """Each model field holds the text its context maps to: one scheme, read by everyone."""
    seen: set[str] = {"content.disclaimer"}
    assert lib.info.disclaimer == lib.texts["content.disclaimer"]
    for item in content_items(lib):
        for name, context in lib.contexts(item).items():
            value = getattr(item, name)
            if isinstance(context, str):
                assert value == lib.texts[context], context
                seen.add(context)
            else:
                assert value == tuple(lib.texts[c] for c in context), name
                seen.update(context)
    for key, text in lib.messages.items():
        assert lib.texts[f"message.{key}"] == text
        seen.add(f"message.{key}")
    for phase in lib.healing_phases:  # read by Library.follow_up_message, one pair per phase
        seen.update(f"follow_up.{phase.id}.{field}" for field in ("today", "call"))
    # the handout's own content (table, words, clinic windows): the handout reads it by context
    seen.update(m.context for m in handout_messages(load_raw()))
    assert seen == set(lib.texts)


def test_texts_are_read_only(lib: mi.Library) -> None:
    with pytest.raises(TypeError):
        lib.texts["content.disclaimer"] = "x"  # type: ignore[index]


def test_text_locale_says_which_texts_fell_back() -> None:
    fr = mi.get_library("fr_CA")
    context = next(iter(fr.texts))
    assert fr.text_locale(context) == fr.locale
    marked = dataclasses.replace(fr, missing_translations=(context,))
    assert str(marked.text_locale(context)) == "en_CA"
    # English is the source language: a fallback is still English, nothing to mark.
    en = mi.get_library("en_CA")
    marked_en = dataclasses.replace(en, missing_translations=(context,))
    assert marked_en.text_locale(context) == en.locale
    with pytest.raises(mi.UnknownItemError, match="did you mean"):
        fr.text_locale(context + "x")


def test_replace_leaves_no_stale_index() -> None:
    en = mi.get_library("en_CA")
    emptied = dataclasses.replace(en, side_effects=(), escalation_criteria=(), sources=())
    for lookup, item_id in (
        (emptied.side_effect, en.side_effects[0].id),
        (emptied.criterion, en.escalation_criteria[0].id),
        (emptied.source, en.sources[0].id),
    ):
        with pytest.raises(mi.UnknownItemError):
            lookup(item_id)
    texts = {**en.texts, "message.heading.sources": "Reading"}
    assert dataclasses.replace(en, texts=texts).message("heading.sources") == "Reading"
    assert en.message("heading.sources") != "Reading"
    later = dataclasses.replace(en, healing_phases=en.healing_phases[:1])
    assert later.phase_for_day(365) == en.healing_phases[0]


def test_constructor_takes_no_derived_field() -> None:
    """help(Library) shows the content, not the indexes derived from it."""
    params = inspect.signature(mi.Library).parameters
    assert not [name for name in params if name.startswith("_")]
    assert "messages" not in params and "texts" in params
    with pytest.raises(ValueError, match="init=False"):
        dataclasses.replace(mi.get_library("en_CA"), messages={})


# ------------------------------------------------------------- screening, made on first use


def test_screening_is_made_once_on_first_use() -> None:
    lib = mi.build_library("en_CA")
    assert "_screening" not in vars(lib)  # building the library made no screening model
    questions = lib.screening_questions
    made = vars(lib)["_screening"]
    assert isinstance(made, ScreeningContent) and made.questions is questions
    assert lib.screening_questions is questions and vars(lib)["_screening"] is made
    assert lib.screening_criteria is made.criteria and lib.screening_outcomes is made.outcomes
    assert lib.screening_question("keloids") is made.question_by_id["keloids"]
    assert lib.screening_outcome("defer") is made.outcome_by_id["defer"]


def test_screening_made_on_first_use_is_what_the_build_made(lib: mi.Library) -> None:
    """The same content and texts as the rest of the library: what building it made before."""
    eager = build_screening_content(load_raw(), lambda key, item: _fields(key, item, lib.texts))
    made = ScreeningContent(lib.screening_outcomes, lib.screening_questions, lib.screening_criteria)
    assert made == eager
    assert len(made.questions) >= 16 and len(made.outcomes) == len(mi.ScreeningOutcome)


def test_screening_belongs_to_its_library(lib: mi.Library) -> None:
    """A ``dataclasses.replace`` copy makes its own from its own texts: never a stale one."""
    questions = lib.screening_questions
    fewer = dataclasses.replace(lib, sources=lib.sources[:1])
    assert "_screening" not in vars(fewer)
    assert fewer.screening_questions == questions and fewer.screening_questions is not questions
    context = lib.contexts(lib.screening_question("keloids"))["text"]
    assert isinstance(context, str)
    reworded = dataclasses.replace(lib, texts={**lib.texts, context: "Reworded?"})
    assert reworded.screening_question("keloids").text == "Reworded?"
    others = [q for q in reworded.screening_questions if q.id != "keloids"]
    assert others == [q for q in questions if q.id != "keloids"]
    assert lib.screening_question("keloids").text == lib.texts[context] != "Reworded?"


def test_contexts_of_an_item_not_in_the_content() -> None:
    effect = mi.get_library("en_CA").side_effects[0].model_copy(update={"id": "redness2"})
    with pytest.raises(mi.UnknownItemError, match="redness"):
        mi.get_library("en_CA").contexts(effect)


# --------------------------------------------------------------------------- interface texts


def test_message_keys_type_is_the_datas_keys(lib: mi.Library) -> None:
    typed = set(get_args(mi.MessageKey))
    missing = sorted(set(lib.messages) - typed)
    assert not missing, f"add these keys to vocab.MessageKey: {missing}"
    assert typed - set(lib.messages) == set(), "vocab.MessageKey lists keys with no message"


def test_message_errors_name_what_was_expected(lib: mi.Library) -> None:
    with pytest.raises(mi.UnknownItemError, match=r"did you mean label\.day"):
        lib.message("label.dya")  # type: ignore[arg-type]
    with pytest.raises(mi.MessageArgumentError, match=r"'label.day': takes \{day\}; got none"):
        lib.message("label.day")
    with pytest.raises(mi.MessageArgumentError, match="day must be an already formatted str"):
        lib.message("label.day", day=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # still a TypeError, and a ValueError, for old callers
        lib.message("label.day", day="3", extra="x")
    with pytest.raises(ValueError, match="takes"):
        lib.message("label.day", days="3")
    assert "3" in lib.message("label.day", day="3")
