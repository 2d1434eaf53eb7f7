"""Quebec French (fr_CA): complete, readable, OQLF typography and the agreed terms.

The French is what patients read, so it is tested as rendered by the library
(placeholders filled in by babel), not as written in the catalog:

* the catalog is complete: ``strict=True`` works, nothing falls back to English
  and no translation is refused;
* each item (a side effect, a phase, an aftercare step, a warning sign, an
  urgency level) scores at least 60 on the French Flesch reading ease
  (Kandel and Moles coefficients, as textstat 0.7.4 computes it);
* Quebec typography for word-processed text (OQLF): a non-breaking space before
  ":", no space before ";", "?" and "!", non-breaking spaces inside guillemets,
  no straight double quotes, one kind of apostrophe (the rules of ``catalog check``,
  one definition, applied to the texts as rendered);
* the words patients and Quebec services use: 911, Info-Santé 811, feu sauvage,
  cellulite infectieuse (never plain "cellulite");
* no English text left untranslated.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from _support import po_path, readable_items
from babel.messages.pofile import read_po, write_po

import microneedling_info as mi
from microneedling_info.catalog_check.entries import typography_problems

FR = "fr_CA"
EN = "en_CA"

MIN_ITEM_READING_EASE = 60.0
"""French Flesch reading ease (Kandel and Moles): 60-70 is 'standard', higher is easier."""


ALLOWED_IDENTICAL: frozenset[str] = frozenset()
"""Multi-word texts that may read the same in both languages (none today).

Add a key of :func:`texts` here, with a comment, only for a text that is
legitimately the same in French (a proper name, a product name).
"""


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def fr() -> mi.Library:
    return mi.build_library(FR)


@pytest.fixture(scope="module")
def en() -> mi.Library:
    return mi.build_library(EN)


def texts(lib: mi.Library) -> dict[str, str]:
    """Every patient-facing text of ``lib`` by its context, placeholders filled in.

    Interface messages are included as templates (``message.*``); they are also
    tested rendered, in :func:`rendered_samples`. The models read the same map
    (``test_library.test_models_read_the_text_map``).
    """
    return dict(lib.texts)


def rendered_samples(lib: mi.Library) -> Iterator[tuple[str, str]]:
    """Interface messages as patients see them: filled in, and inside assessments."""
    effect = lib.side_effects[0]
    yield "label.value", lib.message("label.value", label=effect.name, value=effect.summary)
    reports = (
        mi.Report(days_since_treatment=1, symptoms=["redness", "swelling", "itching"]),
        mi.Report(days_since_treatment=3, symptoms=["redness", "pus"], temperature_c=38.4),
        mi.Report(days_since_treatment=0.5, symptoms=["difficulty_breathing"]),
        mi.Report(days_since_treatment=9, symptoms=["redness"]),
        mi.Report(days_since_treatment=2),
    )
    clinic = mi.ClinicProfile(name="Clinique", phone="514-555-0123 x12")
    for phase in lib.healing_phases:
        day = int(phase.start_day)
        yield f"follow_up_message({day})", lib.follow_up_message(day)
        yield f"follow_up_message({day}, clinic)", lib.follow_up_message(day, clinic)
    import datetime as dt

    answers: dict[str, bool | dt.date] = {
        "isotretinoin_recent": dt.date(2026, 9, 1),
        "cold_sores_history": True,
    }
    screening = lib.screen(answers, on=dt.date(2026, 12, 2))
    yield "screen.until_text", screening.until_text or ""
    yield "screen.note", screening.note
    for report in reports:
        result = lib.assess(report)
        where = f"assess(day {report.days_since_treatment})"
        yield f"{where}.headline", result.headline
        yield f"{where}.action", result.action
        for i, note in enumerate(result.expected_notes):
            yield f"{where}.expected_notes[{i}]", note


def all_french(lib: mi.Library) -> dict[str, str]:
    return {**texts(lib), **dict(rendered_samples(lib))}


# --------------------------------------------------------------------------- (a) complete


def test_catalog_complete_and_accepted() -> None:
    lib = mi.get_library(FR, strict=True)  # raises MissingTranslationError on any gap
    assert lib.missing_translations == ()
    assert lib.catalog_problems == ()
    assert lib.info.translated_share == 1.0
    assert str(lib.locale) == FR


def test_no_placeholder_or_english_unit_left(fr: mi.Library) -> None:
    """Placeholders are filled in, with French units ("7 jours", never "7 days")."""
    english_units = re.compile(r"\b\d+\s*(?:days?|hours?|weeks?|months?)\b")
    for key, text in texts(fr).items():
        if key.startswith(("message.", "follow_up.", "clinic_window.")):
            continue  # templates: their placeholders are filled in by the caller
        assert "{" not in text and "}" not in text, (key, text)
        assert not english_units.search(text), (key, text)


# --------------------------------------------------------------------------- (b) readability


def test_readability(fr: mi.Library, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        import textstat  # type: ignore[import-untyped]
    except Exception as exc:  # ImportError, or pkg_resources missing (setuptools 82)
        pytest.skip(f"textstat 0.7.4 cannot be imported ({exc!r}); French readability not measured")

    instance = getattr(textstat, "textstat", None)  # the one object behind the functions
    previous = getattr(instance, "_textstatistics__lang", "en_US")
    textstat.set_lang("fr")  # Kandel and Moles: 207 - 1.015 * words/sentence - 73.6 * syll/word
    try:
        scores = {
            key: textstat.flesch_reading_ease(text) for key, text in readable_items(fr).items()
        }
    finally:
        textstat.set_lang(previous)  # textstat is one object for the whole process
    mean = statistics.fmean(scores.values())
    worst = sorted(scores.items(), key=lambda kv: kv[1])[:5]
    with capsys.disabled():
        print(f"\nFrench Flesch reading ease over {len(scores)} items: mean {mean:.1f}")
        for key, score in worst:
            print(f"  {score:5.1f}  {key}")
    too_hard = {key: score for key, score in scores.items() if score < MIN_ITEM_READING_EASE}
    assert not too_hard, too_hard


# --------------------------------------------------------------------------- (c) typography


def typography_breaches(french: Mapping[str, str]) -> dict[str, list[str]]:
    """The catalog check's own OQLF rules (one definition), applied to rendered texts too."""
    return {
        key: found for key, text in french.items() if (found := list(typography_problems(text)))
    }


def test_oqlf_typography(fr: mi.Library) -> None:
    """Colon, ; ? !, « guillemets », no straight quotes, one apostrophe: as patients read it."""
    assert not typography_breaches(all_french(fr))


def test_typography_test_fails_on_a_catalog_that_breaks_it(shipped_localedir: Path) -> None:
    """A French catalog with one badly typeset entry fails the test above, naming the entry."""
    path = po_path(shipped_localedir, FR)
    with path.open("rb") as f:
        catalog = read_po(f)
    context = "urgency.emergency.label"
    message = catalog.get(mi.get_library(EN).texts[context], context=context)
    assert message is not None
    message.string = f"{message.string}: «urgent»"
    with path.open("wb") as f:
        write_po(f, catalog)
    mi.clear_caches()
    lib = mi.build_library(FR)
    assert not lib.missing_translations and not lib.catalog_problems  # the library shows it
    breaches = typography_breaches(all_french(lib))
    assert context in breaches
    assert any("before ':'" in b for b in breaches[context])
    assert any("guillemets" in b for b in breaches[context])


# --------------------------------------------------------------------------- (d) terms


def test_emergency_says_911(fr: mi.Library) -> None:
    action = fr.urgency_level(mi.Urgency.EMERGENCY).action
    assert "911" in action
    assert "composez le 911" in action.lower()
    for criterion in fr.escalation_criteria:
        if criterion.urgency is mi.Urgency.EMERGENCY:
            assert "911" in criterion.action, criterion.id


def test_urgent_says_info_sante_811(fr: mi.Library) -> None:
    assert "Info-Santé 811" in fr.urgency_level(mi.Urgency.URGENT).action
    assert "Info-Santé 811" in fr.urgency_level(mi.Urgency.CONTACT_CLINIC).action
    for criterion in fr.escalation_criteria:
        if criterion.urgency in (mi.Urgency.URGENT, mi.Urgency.CONTACT_CLINIC):
            assert "Info-Santé 811" in criterion.action, criterion.id


def test_no_plain_cellulite(fr: mi.Library) -> None:
    """'Cellulite' alone means orange-peel skin: an infection is 'cellulite infectieuse'."""
    plain = re.compile(r"cellulite(?!\s+infectieuse)", re.IGNORECASE)
    infection = fr.side_effect("infection")
    infection_text = " ".join(
        (infection.name, infection.summary, *infection.self_care, *infection.seek_care_if)
    )
    assert "cellulite infectieuse" in infection_text.lower() or not plain.search(infection_text)
    bad = {key: text for key, text in all_french(fr).items() if plain.search(text)}
    assert not bad, bad


def test_cold_sores_are_feux_sauvages(fr: mi.Library) -> None:
    sore = fr.side_effect("cold-sore")
    for text in (sore.name, sore.summary):
        assert re.search(r"feux? sauvages?", text, re.IGNORECASE), text
    assert "feux sauvages" in fr.criterion("blisters-cold-sores").sign
    bad = {
        key: text
        for key, text in all_french(fr).items()
        if re.search(r"bouton de fièvre|boutons de fièvre", text, re.IGNORECASE)
    }
    assert not bad, bad


def test_quebec_words(fr: mi.Library) -> None:
    """Bleu (not hématome), enflure, urgence (never émergence), FPS (not SPF)."""
    every = "\n".join(all_french(fr).values())
    assert "bleu" in fr.side_effect("bruising").name.lower()
    assert "enflure" in fr.side_effect("swelling").name.lower()
    assert "FPS 30" in fr.aftercare_instruction("daily-sunscreen").text
    for word in ("émergence", "hématome", "SPF", "9-1-1", "Info Santé"):
        assert word not in every, word


# --------------------------------------------------------------------------- (e) translated


def test_every_multi_word_text_is_translated(fr: mi.Library, en: mi.Library) -> None:
    french, english = texts(fr), texts(en)
    assert french.keys() == english.keys()
    same = {
        key: text
        for key, text in french.items()
        if len(english[key].split()) > 1 and text == english[key] and key not in ALLOWED_IDENTICAL
    }
    assert not same, same
    stale = {key for key in ALLOWED_IDENTICAL if key not in french or french[key] != english[key]}
    assert not stale, f"ALLOWED_IDENTICAL lists texts that now differ: {sorted(stale)}"
