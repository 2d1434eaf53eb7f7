"""The printable intake form: every screening question, both languages, escaped, printable.

The browser test prints the form with headless Chromium (like the handout, see
tests/test_browser.py): skipped where Chromium is missing, a failure when ``CI`` is set.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from _support import with_screening

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.export import export_locales

pytest.importorskip("jinja2")

from microneedling_info.intake import intake_html

MAX_PAGES_PER_LANGUAGE = 3


def esc(text: str) -> str:
    """``text`` as Jinja2 writes it into the page."""
    import markupsafe

    return str(markupsafe.escape(text))


def _libraries() -> list[mi.Library]:
    return [mi.get_library(loc) for loc in export_locales()]


def test_every_question_in_both_languages_french_first() -> None:
    page = intake_html(*_libraries())
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr-CA">')
    forms = re.findall(r'<form class="intake" lang="([a-zA-Z-]+)"', page)
    assert forms == ["fr-CA", "en-CA"]
    for lib in _libraries():
        for question in lib.screening_questions:
            assert esc(question.text) in page, question.id
            assert esc(question.why) in page, question.id
        for level in lib.screening_outcomes:
            assert esc(level.label) in page
        assert esc(lib.message("intake.title")) in page
    ids = re.findall(r'data-question-id="([a-z_]+)"', page)
    assert ids == [q.id for q in mi.get_library("en_CA").screening_questions] * 2


def test_date_questions_have_a_date_line_and_answers_are_grouped() -> None:
    lib = mi.get_library("en_CA")
    page = intake_html(lib)
    dated = [q.id for q in lib.screening_questions if q.answer_kind is mi.AnswerKind.DATE]
    assert dated and page.count("Date (year-month-day)") == len(dated)
    for question in lib.screening_questions:
        assert page.count(f'name="en-CA-{question.id}"') == 2, "a yes and a no in one group"
    assert "Why we ask: " in page
    assert "Pourquoi on vous le demande\u00a0: " in intake_html(mi.get_library("fr_CA"))


def test_preliminary_notice_until_clinically_validated() -> None:
    for lib in _libraries():
        notice = esc(lib.message("notice.preliminary"))
        assert (notice in intake_html(lib)) is not lib.info.clinically_validated


def test_nothing_is_fetched_or_run() -> None:
    page = intake_html(*_libraries())
    assert "<script" not in page and "http" not in page.split("</head>")[1]
    assert "default-src 'none'" in page and "form-action 'none'" in page


def test_texts_are_escaped_and_english_fallbacks_marked() -> None:
    lib = mi.get_library("en_CA")
    hostile = lib.screening_questions[0].model_copy(update={"text": "<script>x</script> & co"})
    rest = lib.screening_questions[1:]
    page = intake_html(with_screening(lib, questions=(hostile, *rest)))
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt; &amp; co" in page
    fr = mi.get_library("fr_CA")
    fallback = "screening.keloids.text"
    broken = dataclasses.replace(fr, missing_translations=(*fr.missing_translations, fallback))
    page = intake_html(broken)
    text = esc(fr.screening_question("keloids").text)
    assert f'<span lang="en">{text}</span>' in page or f'<span lang="en-CA">{text}</span>' in page


def test_no_library_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one library"):
        intake_html()


def test_cli_intake_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["intake-form", "--locale", "en"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main(["intake-form", "--all-locales", "--output", str(tmp_path)]) == 0
    written = tmp_path / "microneedling-info.intake.fr_CA-en_CA.html"
    assert written.read_text(encoding="utf-8") == intake_html(*_libraries())


@pytest.mark.browser
def test_printed_form_has_every_question_each_language_on_its_own_pages(tmp_path: Path) -> None:
    from test_browser import print_to_pdf, squash

    libraries = _libraries()
    pages = print_to_pdf(intake_html(*libraries), tmp_path)
    assert 2 <= len(pages) <= MAX_PAGES_PER_LANGUAGE * len(libraries)
    squashed = [squash(p) for p in pages]
    starts = [
        next(i for i, p in enumerate(squashed) if squash(lib.message("intake.title")) in p)
        for lib in libraries
    ]
    assert starts[0] == 0 and starts[1] > 0, "each language starts on its own page"
    for lib, start, end in zip(libraries, starts, [*starts[1:], len(pages)], strict=True):
        form = "".join(squashed[start:end])
        for question in lib.screening_questions:
            assert squash(question.text) in form, (lib.info.locale, question.id)
        assert squash(lib.message("intake.signature")) in form
        assert squash(lib.message("intake.for_clinic")) in form
        assert "911" in form, "the disclaimer is printed"
