"""The clinicians' review page (docs/content-sources.md) must not drift from the content."""

from __future__ import annotations

import pytest
from _support import source_root

from microneedling_info.content import load_raw, section_items

ROOT = source_root()
pytestmark = pytest.mark.skipif(ROOT is None, reason="needs the source checkout's docs/")

SECTIONS = (
    "side_effects",
    "healing_phases",
    "aftercare",
    "escalation_criteria",
    "sources",
    "screening.questions",
    "screening.rules",
)


def test_review_page_lists_every_item_and_source_and_the_version() -> None:
    assert ROOT is not None
    page = (ROOT / "docs" / "content-sources.md").read_text(encoding="utf-8")
    raw = load_raw()
    missing = [
        f"{section}:{item['id']}"
        for section in SECTIONS
        for item in section_items(raw, section)
        if f"`{item['id']}`" not in page
    ]
    assert not missing, f"docs/content-sources.md does not list {missing}"
    assert f"content version {raw['content_version']}" in page
    assert f"last reviewed {raw['last_reviewed']}" in page


def test_review_page_gives_each_screening_rule_its_outcome() -> None:
    """A rule's row names its outcome, so a reviewer sees what each answer leads to."""
    assert ROOT is not None
    page = (ROOT / "docs" / "content-sources.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line
        for line in page.splitlines()
        if line.startswith("| `") and line.count("|") >= 6
    }
    wrong = [
        rule["id"]
        for rule in section_items(load_raw(), "screening.rules")
        if f"| {rule['outcome']} |" not in rows.get(f"`{rule['id']}`", "")
    ]
    assert not wrong, (
        f"docs/content-sources.md gives these screening rules no or another outcome: {wrong}"
    )


def test_review_page_tables_are_the_content() -> None:
    """Sources, side effects, phases, aftercare and warning signs are written from the content."""
    from _review_page import render

    assert ROOT is not None
    page = (ROOT / "docs" / "content-sources.md").read_text(encoding="utf-8")
    assert render(page) == page, (
        "docs/content-sources.md does not show the current content: run "
        "`python tests/_review_page.py` and review the diff (and the prose around the tables)"
    )


def test_review_page_is_in_the_docs_toctree() -> None:
    assert ROOT is not None
    assert "content-sources" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
