"""The HTML handout in a real browser: headless Chromium prints it on Letter paper (PDF), and
drives it through Playwright for computed print styles and axe-core (screen and print).

Chromium, poppler or Playwright missing: skipped on a developer machine, a failure when ``CI``
is set (CI installs them, so nothing is skipped silently there).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _support import LIMIT_CLINIC, LONG_CLINIC, WHOLE_CLINIC

import microneedling_info as mi
from microneedling_info.clinic import phone_display
from microneedling_info.export import export_locales
from microneedling_info.handout import handout_html

pytestmark = pytest.mark.browser

MAX_PAGES = 4
"""Pages per language (issue 12): a handout is for handing out."""
LEVELS = (mi.Urgency.EMERGENCY, mi.Urgency.URGENT, mi.Urgency.CONTACT_CLINIC)
CLINIC = WHOLE_CLINIC
"""A whole profile: every line of the clinic block takes room on page 1."""
PROFILES: dict[str, mi.ClinicProfile | None] = {
    "clinic": CLINIC,
    "long-name": LONG_CLINIC,
    "limits": LIMIT_CLINIC,
    "write-in": None,
}
"""Page 1 must hold every sign with no profile, a usual one, a long real name and every field
at the length the model allows (longer is refused: ``clinic.NAME_MAX_LENGTH`` and the like)."""
TREATED = dt.date(2026, 11, 29)
"""Days 1-3 are Nov 30 - Dec 2: the dates cross a month end."""


def _need(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required when CI is set")
    pytest.skip(f"{what} not available")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    _need("chromium")
    raise AssertionError("unreachable")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page: pdftotext (poppler-utils), else pypdf."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        out = subprocess.run(
            # -raw: the order Chromium drew the text in (the DOM's), not columns read across
            [pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout.decode("utf-8")
        pages = out.split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages
    try:
        import pypdf
    except ImportError:
        _need("pdftotext (poppler-utils) or pypdf")
        raise AssertionError("unreachable") from None
    return [page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages]


def print_to_pdf(html: str, tmp_path: Path) -> list[str]:
    chromium = _chromium()
    source = tmp_path / "handout.html"
    source.write_text(html, encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert pdf.is_file() and pdf.stat().st_size > 0, "Chromium wrote no PDF"
    return pdf_pages(pdf)


def squash(text: str) -> str:
    """Text without whitespace or hyphens, so line wrapping in the PDF does not matter.

    pdftotext joins a word hyphenated at a line end ("auto-" + "injecteur") without its hyphen.
    """
    return "".join(text.split()).replace("-", "")


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def check_page_one(
    lib: mi.Library, page: str, clinic: mi.ClinicProfile | None, *, dated: bool = True
) -> None:
    """Page 1: the three warning levels (label, action and every one of their signs), the
    at-a-glance table, the clinic's phone when there is a profile; without a treatment date,
    how to count days and where to write the dates."""
    first = squash(page)
    for urgency in LEVELS:
        level = lib.urgency_level(urgency)
        assert squash(level.label) in first, urgency
        assert squash(level.action) in first, urgency
    signs = [c for c in lib.escalation_criteria if c.urgency in LEVELS]
    assert {c.urgency for c in signs} == set(LEVELS)
    missing = [c.id for c in signs if squash(c.sign) not in first]
    assert not missing, f"warning signs not on page 1: {missing}"
    assert squash(lib.message("handout.at_a_glance")) in first
    for row in ("wash", "moisturize", "makeup", "sun", "exercise", "pools", "actives"):
        assert squash(lib.texts[f"glance.{row}.label"]) in first, row
    assert squash(lib.message("handout.today_is_day")) in first
    assert squash(lib.message("handout.day_zero")) in first
    if clinic is not None:
        assert squash(phone_display(clinic.phone, str(lib.locale))) in first
        assert squash(clinic.name) in first
    if not dated:  # the worked example of counting, the rows to write dates and tick days
        assert squash(lib.message("handout.counting_example")) in first
        assert squash(lib.message("handout.write_dates")) in first
        assert squash(lib.message("handout.tick_each_day")) in first


def check_every_page(lib: mi.Library, pages: list[str], first_number: int, total: int) -> None:
    for n, page in enumerate(pages, start=first_number):
        text = squash(page)
        assert squash(lib.message("handout.page", page=str(n), pages=str(total))) in text, n
        assert squash(lib.info.content_version) in text, n


@pytest.mark.parametrize("locale", ["fr_CA", "en_CA"])
@pytest.mark.parametrize("profile", list(PROFILES))
def test_printed_handout_fits_and_page_one_is_what_to_do(
    tmp_path: Path, locale: str, profile: str
) -> None:
    lib = mi.get_library(locale)
    clinic = PROFILES[profile]
    treated = TREATED if clinic is not None else None
    pages = print_to_pdf(handout_html(lib, clinic=clinic, treatment_date=treated), tmp_path)
    assert 1 <= len(pages) <= MAX_PAGES
    check_page_one(lib, pages[0], clinic, dated=treated is not None)
    check_every_page(lib, pages, 1, len(pages))
    everything = squash("".join(pages))
    for criterion in lib.escalation_criteria:
        assert squash(criterion.sign) in everything, criterion.id
    if treated is not None:
        interval = {"en_CA": "Nov 30\u2013Dec 2", "fr_CA": "30 nov. \u2013 2 déc."}[locale]
        assert squash(interval) in squash(pages[0]), "the table's dates cross the month end"


@pytest.mark.parametrize("profile", ["clinic", "long-name"])
def test_printed_bilingual_handout_french_in_full_then_english(
    tmp_path: Path, profile: str
) -> None:
    libraries = [mi.get_library(loc) for loc in export_locales()]
    fr, en = libraries
    clinic = PROFILES[profile]
    assert clinic is not None
    pages = print_to_pdf(handout_html(*libraries, clinic=clinic, treatment_date=TREATED), tmp_path)
    title = squash(en.message("handout.title"))
    starts = [n for n, page in enumerate(pages) if title in squash(page)]
    assert starts, "the English handout starts on a page of its own"
    english = starts[0]
    assert 1 <= english <= MAX_PAGES
    assert 1 <= len(pages) - english <= MAX_PAGES
    check_page_one(fr, pages[0], clinic)
    check_page_one(en, pages[english], clinic)
    check_every_page(fr, pages[:english], 1, len(pages))
    check_every_page(en, pages[english:], english + 1, len(pages))
    assert squash(en.message("handout.title")) not in squash("".join(pages[:english]))


# --- Playwright: computed print styles and axe-core -------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright (pip install playwright)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Any, html: str, tmp_path: Path, media: str) -> Any:
    source = tmp_path / f"page-{media}.html"
    source.write_text(html, encoding="utf-8")
    # Letter paper less the margins, at 96 CSS px per inch
    page = browser.new_page(viewport={"width": 739, "height": 1000})
    page.goto(source.as_uri())
    page.emulate_media(media=media)
    return page


PX_PER_PT = 96 / 72

HANDOUTS = {
    "fr": lambda: handout_html(mi.get_library("fr_CA")),
    "en-clinic": lambda: handout_html(
        mi.get_library("en_CA"), clinic=CLINIC, treatment_date=TREATED
    ),
    "bilingual": lambda: handout_html(*(mi.get_library(loc) for loc in export_locales())),
    "clinician": lambda: handout_html(
        *(mi.get_library(loc) for loc in export_locales()), audience="clinician"
    ),
}


@pytest.mark.parametrize("name", ["fr", "en-clinic", "bilingual"])
def test_print_styles_12pt_body_and_911_the_most_prominent(
    browser: Any, tmp_path: Path, name: str
) -> None:
    page = open_page(browser, HANDOUTS[name](), tmp_path, "print")
    try:
        sizes = page.evaluate(
            """() => {
              const px = e => parseFloat(getComputedStyle(e).fontSize);
              const texts = [...document.querySelectorAll('body *')].filter(e =>
                [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) &&
                getComputedStyle(e).display !== 'none' &&
                !e.closest('.visually-hidden'));
              const boxes = [...document.querySelectorAll('.urgency')];
              return {
                body: px(document.body),
                smallest: Math.min(...texts.map(px)),
                largest_other: Math.max(...texts.filter(e => !e.closest(
                  '.urgency--emergency .action .lead')).map(px)),
                emergency: [...document.querySelectorAll('.urgency--emergency .action .lead')]
                  .map(px),
                actions: boxes.map(b => b.querySelectorAll('.action').length),
                icons: document.querySelectorAll('.urgency--emergency .action svg').length,
              };
            }"""
        )
    finally:
        page.close()
    assert sizes["body"] >= 12 * PX_PER_PT
    assert sizes["smallest"] >= 12 * PX_PER_PT, "print text below 12 pt"
    assert sizes["emergency"], "the 911 line"
    for size in sizes["emergency"]:
        assert size >= 16 * PX_PER_PT
        assert size > sizes["largest_other"], "911 is the most prominent text"
    assert sizes["icons"] == len(sizes["emergency"])
    assert sizes["actions"] and set(sizes["actions"]) == {1}, "one action line per box"


@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("name", list(HANDOUTS))
def test_axe_core_finds_no_violations(browser: Any, tmp_path: Path, name: str, media: str) -> None:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _need("axe-playwright-python")
    page = open_page(browser, HANDOUTS[name](), tmp_path, media)
    try:
        results = Axe().run(page)
    finally:
        page.close()
    violations = results.response["violations"]
    assert violations == [], [(v["id"], v["help"], len(v["nodes"])) for v in violations]


def test_printed_clinician_sheet_numbers_every_source_in_full(tmp_path: Path) -> None:
    lib = mi.get_library("en_CA")
    pages = print_to_pdf(handout_html(lib, audience="clinician"), tmp_path)
    text = "".join(pages)
    for number, source in enumerate(lib.sources, start=1):
        assert re.search(rf"(?m)^{number}\. \[{re.escape(source.id)}\]", text), source.id
    check_every_page(lib, pages, 1, len(pages))
