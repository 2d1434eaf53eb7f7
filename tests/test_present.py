"""The plain-text views: what `assess` and `show` print by default, and the babel extractor."""

from __future__ import annotations

import io
import json

import microneedling_info as mi
from microneedling_info.content import iter_messages, load_raw
from microneedling_info.extract import extract_content
from microneedling_info.present import assessment_text


def test_assessment_text_says_what_to_do_then_the_signs_then_what_is_normal(
    lib: mi.Library,
) -> None:
    result = lib.assess(
        mi.Report(days_since_treatment=3, symptoms=["redness", "pus", "vision_changes"])
    )
    text = assessment_text(lib, result)
    # The headline is the title (upper case, underlined), then the action and how soon.
    headline, action = text.index(result.headline.upper()), text.index(result.action)
    signs = [text.index(sign) for sign in result.signs]
    assert headline < action < min(signs)
    assert result.timeframe in text
    for note in result.expected_notes:  # redness is normal on day 3
        assert text.index(note) > max(signs)
    assert result.expected_notes
    assert text.rstrip().endswith(result.disclaimer)


def test_assessment_text_names_unusual_symptoms_in_the_patients_words(lib: mi.Library) -> None:
    result = lib.assess(mi.Report(days_since_treatment=200, symptoms=["itching"]))
    assert result.unusual_symptoms == (mi.Symptom.ITCHING,)
    text = assessment_text(lib, result)
    assert lib.symptom_name(mi.Symptom.ITCHING) in text
    assert lib.message("label.complication") in text


def test_nothing_reported_is_short_and_calm(lib: mi.Library) -> None:
    result = lib.assess(mi.Report(days_since_treatment=1))
    text = assessment_text(lib, result)
    assert result.headline.upper() in text and result.disclaimer in text
    assert lib.message("heading.escalation") not in text


def test_the_extractor_yields_every_message_with_its_context_line_and_comment() -> None:
    path = mi.__file__.replace("__init__.py", "data/content.json")
    with open(path, "rb") as f:
        source = f.read()
    found = list(extract_content(io.BytesIO(source), {}, (), {}))
    expected = list(iter_messages(json.loads(source)))
    assert [(ctx, text) for _, _, (ctx, text), _ in found] == [
        (m.context, m.text) for m in expected
    ]
    lines = source.decode("utf-8").splitlines()
    for (lineno, funcname, (_ctx, text), comments), message in zip(found, expected, strict=True):
        assert funcname == "pgettext"
        assert json.dumps(text, ensure_ascii=False) in lines[lineno - 1]
        assert comments[0].startswith(message.comment)
        if message.values:
            assert "keep them" in comments[0] and "{" in comments[0]
    assert any(m.values for m in expected)
    assert len(expected) < len(list(iter_messages(load_raw())))  # messages.json adds more


def test_assessment_text_names_the_clinic_and_its_after_hours_number(lib: mi.Library) -> None:
    """With a clinic profile, care today comes with the clinic's numbers, day and evening."""
    from microneedling_info.clinic import phone_display

    clinic = mi.ClinicProfile(
        name="Clinique Exemple", phone="514-555-0123", after_hours_phone="514-555-0199"
    )
    result = lib.assess(mi.Report(days_since_treatment=3, symptoms=["pus"]))
    assert result.urgency in (mi.Urgency.URGENT, mi.Urgency.CONTACT_CLINIC)
    text = assessment_text(lib, result, clinic)
    locale = str(lib.locale)
    assert "Clinique Exemple" in text
    assert phone_display("514-555-0123", locale) in text
    assert lib.message("handout.after_hours") in text
    assert phone_display("514-555-0199", locale) in text
    emergency = lib.assess(mi.Report(days_since_treatment=1, symptoms=["difficulty_breathing"]))
    assert "Clinique Exemple" not in assessment_text(lib, emergency, clinic)  # 911, not the clinic


def test_rule_questions_reads_nested_rules() -> None:
    """A criterion combining answers (none in the content yet) lists each question it reads."""
    from microneedling_info.present import rule_questions

    rule = mi.AnyOf(
        rules=(
            mi.AnswerYes(question="cold_sores_history"),
            mi.AllOf(
                rules=(
                    mi.AnsweredWithin(question="isotretinoin_recent", amount=6, unit="month"),
                    mi.DayAtLeast(day=1),
                )
            ),
        )
    )
    assert rule_questions(rule) == {"cold_sores_history", "isotretinoin_recent"}
    assert rule_questions(mi.DayAtLeast(day=1)) == frozenset()
