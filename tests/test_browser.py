"""The HTML handout printed by a real browser: headless Chromium → PDF on Letter paper.

Chromium missing: skipped on a developer machine, a failure when ``CI`` is set
(CI installs it, so nothing is skipped silently there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import microneedling_info as mi
from microneedling_info.export import export_locales
from microneedling_info.handout import handout_html

pytestmark = pytest.mark.browser

MAX_PAGES = 15
"""A handout is for handing out: much longer than this and it needs an editor, not a printer."""


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
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
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


def test_printed_handout_has_the_actions_and_911_on_page_one(tmp_path: Path) -> None:
    lib = mi.get_library("fr_CA")
    pages = print_to_pdf(handout_html(lib), tmp_path)
    assert 1 <= len(pages) <= MAX_PAGES
    everything = squash("".join(pages))
    emergency = lib.urgency_level(mi.Urgency.EMERGENCY).action
    urgent = lib.urgency_level(mi.Urgency.URGENT).action
    assert "911" in emergency and "811" in urgent
    assert squash(emergency) in everything
    assert squash(urgent) in everything
    assert squash(emergency) in squash(pages[0]), "the emergency action must be on page 1"
    assert "911" in pages[0]
    # Every warning sign, with its group's action, fits on the first page.
    first = squash(pages[0])
    for level in lib.urgency_levels:
        if level.id is not mi.Urgency.SELF_CARE:
            assert squash(level.action) in first, level.id
    for criterion in lib.escalation_criteria:
        assert squash(criterion.sign) in first, criterion.id


def test_printed_bilingual_handout_has_both_emergency_actions_on_page_one(
    tmp_path: Path,
) -> None:
    libraries = [mi.get_library(loc) for loc in export_locales()]
    pages = print_to_pdf(handout_html(*libraries), tmp_path)
    assert 1 <= len(pages) <= 2 * MAX_PAGES
    first = squash(pages[0])
    for lib in libraries:
        assert squash(lib.urgency_level(mi.Urgency.EMERGENCY).action) in first, lib.info.locale
