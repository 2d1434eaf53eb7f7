"""The patient handout: Markdown and self-contained HTML, escaping, accessibility, print CSS."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from html.parser import HTMLParser
from importlib import resources
from types import MappingProxyType
from typing import Any

import pydantic
import pytest
from _support import with_info
from hypothesis import given, settings
from hypothesis import strategies as st

import microneedling_info as mi
from microneedling_info import handout
from microneedling_info.cli import main
from microneedling_info.content import load_raw
from microneedling_info.export import export_locales
from microneedling_info.handout import (
    HandoutDependencyError,
    bcp47,
    handout_html,
    handout_markdown,
)
from microneedling_info.present import escape_markdown

markupsafe = pytest.importorskip("markupsafe")
pytest.importorskip("jinja2")

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
EVIL = " ".join(PAYLOADS)

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "article", "header", "footer",
    "section", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "span", "br", "cite", "a",
    "table", "thead", "tbody", "tr", "th", "td", "time", "div", "strong", "dl", "dt", "dd",
    "svg", "path",
}  # fmt: skip
LINK_SCHEMES = ("https://", "http://", "tel:")


def esc(text: str) -> str:
    return str(markupsafe.escape(text))


class Page(HTMLParser):
    """Tags, attributes and text of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    @property
    def text(self) -> str:
        return "".join(self.data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def active_groups(lib: mi.Library) -> list[mi.UrgencyLevel]:
    """Urgency levels above self-care that have warning signs."""
    return [
        level
        for level in lib.urgency_levels
        if level.id is not mi.Urgency.SELF_CARE
        and any(c.urgency is level.id for c in lib.escalation_criteria)
    ]


def group_html(html: str, urgency: str) -> str:
    start = html.index(f'<section class="urgency urgency--{urgency}"')
    return html[start : html.index("</section>", start)]


# --- a library whose every text is hostile -------------------------------------------------------


def hostile_library(base: mi.Library) -> mi.Library:
    """The same content, every text (content and interface) carrying HTML/script payloads."""

    def bad(text: str) -> str:
        return f"{text} {EVIL}"

    sources = tuple(
        s.model_copy(update={"title": bad(s.title), "publisher": bad(s.publisher)})
        for s in base.sources
    )
    sources = (
        sources[0].model_copy(update={"url": "javascript:alert(1)", "doi": None}),
        *sources[1:],
        sources[0].model_copy(
            update={"id": "evil-doi", "doi": '10.1/"><script>alert(1)</script>', "url": None}
        ),
    )
    variant = dataclasses.replace(
        base,
        sources=sources,
        texts=MappingProxyType({key: bad(text) for key, text in base.texts.items()}),
    )
    version = bad(variant.info.content_version)  # the disclaimer is already the texts'
    return with_info(variant, variant.info.model_copy(update={"content_version": version}))


HOSTILE_CLINIC = mi.ClinicProfile(name=EVIL, phone="514-555-0123", address=f"1 rue {EVIL}")


@pytest.fixture
def hostile() -> mi.Library:
    return hostile_library(mi.get_library("en_CA"))


def test_html_escapes_every_text(hostile: mi.Library) -> None:
    for audience in handout.AUDIENCES:
        html = handout_html(hostile, clinic=HOSTILE_CLINIC, audience=audience)
        for payload in PAYLOADS:
            assert payload not in html
            assert esc(payload) in html
        assert "<script" not in html.lower()
        assert "<img" not in html.lower()
        page = Page(html)
        assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for attrs in page.all("a"):
            assert (attrs["href"] or "").startswith(LINK_SCHEMES), attrs
        assert "javascript:" not in " ".join(str(a.get("href")) for a in page.all("a"))
    # The payloads are there as text for the reader, once per text that carried them.
    page = Page(handout_html(hostile, clinic=HOSTILE_CLINIC))
    assert page.text.count(PAYLOADS[0]) >= len(hostile.escalation_criteria)


def test_markdown_escapes_every_text(hostile: mi.Library) -> None:
    for audience in handout.AUDIENCES:
        md = handout_markdown(hostile, clinic=HOSTILE_CLINIC, audience=audience)
        for payload in PAYLOADS:
            assert payload not in md
            assert escape_markdown(payload) in md
        # The only raw HTML is the language marks the handout writes itself: the wrapper of
        # each language, and a <span lang> around a text in another language.
        body = re.sub(r'^<div lang="[a-zA-Z-]+">$|^</div>$', "", md, flags=re.M)
        body = re.sub(r'(?<!\\)<span lang="[a-z]{2,3}(-[A-Z]{2})?">|(?<!\\)</span>', "", body)
        assert not re.search(r"(?<!\\)<", body), "an unescaped < reached the Markdown"
        assert "[" not in body.replace("\\[", "")


MARKUP_PIECES = [
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;",
    "<b>",
    "</li>",
    "<script>",
    "<!--",
    "-->",
    '"',
    "'",
]


@settings(max_examples=60, deadline=None)
@given(
    text=st.one_of(
        st.lists(
            st.one_of(st.sampled_from(MARKUP_PIECES), st.text(max_size=3)), min_size=1, max_size=8
        ).map("".join),
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    ).filter(lambda t: t.strip())
)
def test_any_text_stays_text_in_html(text: str) -> None:
    base = mi.get_library("en_CA")
    first = base.escalation_criteria[0]
    texts = dict(base.texts)
    texts[f"criterion.{first.id}.sign"] = text
    texts["glance.wash.label"] = text
    lib = dataclasses.replace(base, texts=MappingProxyType(texts))
    page = Page(handout_html(lib))
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    assert page.text.count(text) >= 2
    source = base.sources[0].model_copy(update={"title": text})
    sheet = dataclasses.replace(base, sources=(source, *base.sources[1:]))
    page = Page(handout_html(sheet, audience="clinician"))
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    assert text in page.text


# --- page 1: clinic, dates, warning levels, at-a-glance table -------------------------------------

CLINIC = mi.ClinicProfile(
    name="Clinique Beauté Plus", phone="(514) 555-0123 poste 4", after_hours_phone="438-555-0199"
)


def section_html(html: str, css_class: str) -> str:
    start = html.index(f'<section class="{css_class}')
    depth, at = 0, start
    for match in re.finditer(r"<(/?)section\b", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            at = start + match.end()
            break
    return html[start:at]


def test_page_one_order_facts_table_then_the_three_warning_levels(lib: mi.Library) -> None:
    html = handout_html(lib, clinic=CLINIC)
    body = html[html.index("<main") :]
    order = [
        body.index('class="facts"'),
        body.index('class="glance"'),
        body.index('data-urgency="emergency"'),
        body.index('data-urgency="urgent"'),
        body.index('data-urgency="contact_clinic"'),
        body.index('class="care"'),
    ]
    assert order == sorted(order)
    assert body.index('data-urgency="emergency"') < body.index('class="disclaimer"')
    assert 'data-urgency="self_care"' not in body


def test_each_warning_level_has_exactly_one_action_line_and_all_its_signs(
    lib: mi.Library,
) -> None:
    html = handout_html(lib, clinic=CLINIC)
    for urgency in (mi.Urgency.EMERGENCY, mi.Urgency.URGENT, mi.Urgency.CONTACT_CLINIC):
        level = lib.urgency_level(urgency)
        box = section_html(html, f"urgency urgency--{urgency}")
        assert box.count('class="action"') == 1, urgency
        action = Page(re.search(r'<p class="action">.*?</p>', box, re.S).group())  # type: ignore[union-attr]
        assert level.action in action.text
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", box, re.S)
        assert heading and esc(level.label) in heading.group(1), "urgency told in words"
        signs = [c.sign for c in lib.escalation_criteria if c.urgency is urgency]
        assert signs
        assert Page(box).text.count("\n") >= 0
        for sign in signs:
            assert f"<li>{esc(sign)}</li>" in box
        # the criteria's own action lines are not repeated under the signs
        assert "sign-action" not in box


def test_clinic_is_named_with_its_number_wherever_the_patient_must_call_it(
    lib: mi.Library,
) -> None:
    html = handout_html(lib, clinic=CLINIC)
    phone = handout.phone_display(CLINIC.phone, str(lib.locale))
    facts = html[html.index('class="facts"') : html.index("</header>")]
    assert esc(CLINIC.name) in facts and phone in facts
    assert 'href="tel:+1-514-555-0123;ext=4"' in facts
    assert 'href="tel:+1-438-555-0199"' in facts
    for urgency in ("urgent", "contact_clinic"):
        box = section_html(html, f"urgency urgency--{urgency}")
        assert esc(CLINIC.name) in box and phone in box, urgency
    md = handout_markdown(lib, clinic=CLINIC)
    assert md.count(escape_markdown(CLINIC.name)) >= 3
    # 911 and 811 are links on screen
    assert 'href="tel:911"' in section_html(html, "urgency urgency--emergency")
    assert 'href="tel:811"' in section_html(html, "urgency urgency--urgent")


def test_without_a_profile_the_patient_writes_the_clinic_in(lib: mi.Library) -> None:
    html = handout_html(lib)
    top = html[html.index('class="top"') : html.index("</header>")]
    facts = top[top.index('class="facts"') :]
    assert esc(lib.message("handout.clinic_name")) in facts
    assert facts.count('class="blank"') == 3  # clinic name, phone, treatment date
    assert 'class="blank short"' in top  # "Today is day __", beside the title
    assert esc(lib.message("handout.day_zero")) in facts
    md = handout_markdown(lib)
    assert "\\_\\_\\_\\_\\_\\_" in md


def test_without_a_date_the_patient_is_shown_how_to_count_and_where_to_write_dates(
    lib: mi.Library,
) -> None:
    """PEMAT-P items 7 and 24: no date, so no calculation left to the patient but one, shown
    by a worked example; a line under each column of days to write its date on."""
    example = esc(lib.message("handout.counting_example"))
    html = handout_html(lib)
    glance = section_html(html, "glance")
    row = glance[glance.index('class="write-dates"') :]
    row = row[: row.index("</tr>")]
    assert esc(lib.message("handout.write_dates")) in row
    assert row.count('class="blank"') == glance.count('<th scope="col"') - 1  # each column
    top = html[html.index('class="top"') : html.index("</header>")]
    assert example in top[top.index('class="facts"') :], "beside the treatment date's blank"
    # one box a day from day 0 to the first day of the last column, in its column: the last
    # box ticked is today's day and today's column, with no counting
    ticks = glance[glance.index('class="tick-days"') :]
    ticks = ticks[: ticks.index("</tr>")]
    assert esc(lib.message("handout.tick_each_day")) in ticks
    cells = re.findall(r"<td>(.*?)</td>", ticks)
    boxes = [re.findall(r'<span class="tick">(\d+)</span>', cell) for cell in cells]
    columns = load_raw()["at_a_glance"]["columns"]
    assert len(boxes) == len(columns)
    for column, numbers in zip(columns, boxes, strict=True):
        last = column["end_day"] or column["start_day"] + 1
        assert numbers == [str(day) for day in range(column["start_day"], last)], column["id"]
    assert escape_markdown(lib.message("handout.counting_example")) in handout_markdown(lib)
    dated = handout_html(lib, treatment_date=dt.date(2026, 11, 29))
    assert 'class="write-dates"' not in dated
    assert 'class="tick-days"' not in dated
    assert example not in dated
    md = handout_markdown(lib, treatment_date=dt.date(2026, 11, 29))
    assert escape_markdown(lib.message("handout.counting_example")) not in md


def test_treatment_date_puts_real_dates_beside_day_ranges_across_a_month_end() -> None:
    treated = dt.date(2026, 11, 29)
    en = Page(handout_html(mi.get_library("en_CA"), treatment_date=treated)).text
    fr = Page(handout_html(mi.get_library("fr_CA"), treatment_date=treated)).text
    assert "November 29, 2026" in en
    assert "29 novembre 2026" in fr
    # days 1-3 are Nov 30 - Dec 2: the table's column and the timeline cross the month end
    assert "Nov 30\u2013Dec 2" in en  # babel's interval format
    assert "30 nov.\u2009\u2013\u20092 déc." in fr
    assert "Dec 3\u20135" in en
    assert "3\u2009\u2013\u20095 déc." in fr
    md = handout_markdown(mi.get_library("en_CA"), treatment_date=treated)
    assert "Day 1 to day 3 (Nov 30" in md


def test_table_is_data_with_marks_that_are_also_words(lib: mi.Library) -> None:
    from microneedling_info.content import load_raw

    table = load_raw()["at_a_glance"]
    assert [c["id"] for c in table["columns"]] == [
        "day-0", "days-1-3", "days-4-6", "days-7-13", "days-14-on",
    ]  # fmt: skip
    assert {r["id"] for r in table["rows"]} == {
        "wash", "moisturize", "makeup", "sun", "exercise", "pools", "actives",
    }  # fmt: skip
    source_ids = {s.id for s in lib.sources}
    aftercare_ids = {a.id for a in lib.aftercare}
    for row in table["rows"]:
        assert row["source_ids"] and set(row["source_ids"]) <= source_ids, row["id"]
        assert set(row["aftercare_ids"]) <= aftercare_ids, row["id"]
        assert len(row["marks"]) == len(table["columns"])
        assert set(row["marks"]) <= {"yes", "no", "ask"}
    html = handout_html(lib)
    glance = section_html(html, "glance")
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", glance, re.S)
    assert len(rows) == len(table["rows"])
    for row in rows:
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S):
            words = Page(re.sub(r'<span class="symbol"[^>]*>.*?</span>', "", cell)).text.strip()
            assert words in {lib.message(f"mark.{m}") for m in ("yes", "no", "ask")}, cell
    assert 'aria-hidden="true"' in glance
    # how to read it, in words (PEMAT-P item 25)
    assert esc(lib.message("handout.glance_how")) in glance


def test_clinic_windows_settle_the_table_and_the_aftercare_text() -> None:
    en = mi.get_library("en_CA")
    clinic = CLINIC.model_copy(
        update={
            "aftercare_windows": mi.ClinicProfile(
                name="x", phone="514-555-0123", aftercare_windows={"sunscreen": "1 week"}
            ).aftercare_windows
        }
    )
    html = handout_html(en, clinic=clinic)
    assert "Stay out of direct sun for 1 week after treatment." in Page(html).text
    assert "Clinics advise this for 12 hours to 2 weeks" not in html
    glance = section_html(html, "glance")
    sun = re.search(r"<tr><th scope=\"row\">Direct sun</th>(.*?)</tr>", glance, re.S)
    assert sun
    cells = [Page(c).text.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", sun.group(1))]
    assert cells == ["✗ No", "✗ No", "✗ No", "✓ Yes", "✓ Yes"]
    two_days = mi.ClinicProfile(
        name="x", phone="514-555-0123", aftercare_windows={"no-makeup": "48 hours"}
    )
    glance = section_html(handout_html(en, clinic=two_days), "glance")
    makeup = re.search(r"<tr><th scope=\"row\">Makeup</th>(.*?)</tr>", glance, re.S)
    assert makeup
    cells = [Page(c).text.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", makeup.group(1))]
    assert cells[:2] == ["✗ No", "→ From day 2"]


def test_clinic_window_outside_the_cited_range_is_an_error_naming_it() -> None:
    with pytest.raises(pydantic.ValidationError, match="12 hours to 2 weeks"):
        mi.ClinicProfile(name="x", phone="514-555-0123", aftercare_windows={"sunscreen": "3 weeks"})
    with pytest.raises(pydantic.ValidationError, match="sunscreen, no-makeup"):
        mi.ClinicProfile(name="x", phone="514-555-0123", aftercare_windows={"sun": "1 week"})


def test_clinic_windows_match_the_ranges_the_aftercare_text_cites() -> None:
    from microneedling_info.content import load_raw

    raw = load_raw()
    aftercare = {a["id"]: a for a in raw["aftercare"]}
    for window in raw["clinic_windows"]:
        item = aftercare[window["id"]]
        values = item["text"]["values"]
        assert values["high"] == window["high"] or values.get("max") == window["high"]
        assert set(window["source_ids"]) <= set(item["source_ids"])


def test_words_to_know_define_the_terms_the_sheet_uses(lib: mi.Library) -> None:
    html = handout_html(lib)
    words = section_html(html, "words")
    for term in (
        "collagen",
        "spf",
        "broad-spectrum",
        "mineral-sunscreen",
        "aha-bha",
        "retinol",
        "rosacea",
    ):
        assert esc(lib.texts[f"glossary.{term}.term"]) in words
        assert esc(lib.texts[f"glossary.{term}.definition"]) in words


def test_sources_are_on_the_clinician_sheet_and_the_handout_points_to_it(
    lib: mi.Library,
) -> None:
    html = handout_html(lib)
    for source in lib.sources:
        assert esc(source.title) not in html
    assert esc(lib.message("handout.sources_pointer")) in html
    sheet = handout_html(lib, audience="clinician")
    for source in lib.sources:
        assert esc(source.title) in sheet
    info = lib.info
    assert f'datetime="{info.last_reviewed.isoformat()}"' in sheet
    assert f'datetime="{info.next_review_due.isoformat()}"' in sheet
    with pytest.raises(ValueError, match="patient, clinician"):
        handout_html(lib, audience="nurse")  # type: ignore[arg-type]


def test_one_care_at_home_section_and_weeks_not_day_55(lib: mi.Library) -> None:
    html = handout_html(lib)
    assert html.count('<section class="care"') == 1
    for item in lib.aftercare:
        assert esc(item.text) in section_html(html, "care")
    text = Page(html).text
    assert "55" not in text
    weeks = lib.message("label.week_window", start="3", end="8")
    assert weeks in text


def test_content_version_and_page_numbers_on_every_printed_page(lib: mi.Library) -> None:
    html = handout_html(lib)
    css = html[html.index("<style>") : html.index("</style>")]
    assert "counter(page)" in css and "counter(pages)" in css
    assert re.search(r"@page lang-[a-zA-Z-]+ \{\s*@bottom-left", css)
    assert 'class="handout lang-' in html


def test_preliminary_banner_while_the_content_is_not_validated(lib: mi.Library) -> None:
    notice = lib.message("notice.preliminary")
    html = handout_html(lib)
    assert (esc(notice) in html) is (not lib.info.clinically_validated)
    md = handout_markdown(lib)
    assert (escape_markdown(notice) in md) is (not lib.info.clinically_validated)


def test_html_is_one_self_contained_file(lib: mi.Library) -> None:
    for audience in handout.AUDIENCES:
        html = handout_html(lib, clinic=CLINIC, audience=audience)
        page = Page(html)
        tags = {tag for tag, _ in page.tags}
        assert tags <= ALLOWED_TAGS
        assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
        for _, attrs in page.tags:
            assert "src" not in attrs and "srcset" not in attrs
            assert "xlink:href" not in attrs
        css = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
        assert css.strip()
        assert "url(" not in css and "@import" not in css
        (csp,) = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
        assert "default-src 'none'" in (csp["content"] or "")
        assert page.all("meta")[0] == {"charset": "utf-8"}
        for svg in page.all("svg"):
            assert svg["aria-hidden"] == "true"


def test_html_language_of_page_and_of_each_block(lib: mi.Library) -> None:
    page = Page(handout_html(lib))
    tag = bcp47(lib.locale)
    assert re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", tag)
    assert page.all("html") == [{"lang": tag}]
    assert [a["lang"] for a in page.all("article")] == [tag]
    assert len(page.all("h1")) == 1


def test_bilingual_french_in_full_then_english_from_a_new_page() -> None:
    fr, en = mi.get_library("fr_CA"), mi.get_library("en_CA")
    html = handout_html(fr, en)
    page = Page(html)
    assert page.all("html") == [{"lang": "fr-CA"}]
    assert [a["lang"] for a in page.all("article")] == ["fr-CA", "en-CA"]
    assert len(page.all("h1")) == 2
    css = html[html.index("<style>") : html.index("</style>")]
    assert re.search(r"\.handout \+ \.handout \{[^}]*break-before: page", css)
    md = handout_markdown(fr, en)
    assert md.index('<div lang="fr-CA">') < md.index('<div lang="en-CA">')
    assert md.count("</div>") == 2


def test_text_that_fell_back_to_english_is_marked_as_english() -> None:
    fr = mi.get_library("fr_CA")
    criterion = fr.escalation_criteria[0]
    context = f"criterion.{criterion.id}.sign"
    english = mi.get_library("en_CA").texts[context]
    texts = dict(fr.texts)
    texts[context] = english
    marked = dataclasses.replace(fr, texts=MappingProxyType(texts), missing_translations=(context,))
    object.__setattr__(marked, "_fallbacks", frozenset({context}))
    html = handout_html(marked)
    assert f'<li><span lang="en">{esc(english)}</span></li>' in html
    assert html.count('lang="en"') == 1
    assert 'lang="en"' not in handout_html(fr)
    # Markdown marks it too, with inline HTML that CommonMark renderers keep
    md = handout_markdown(marked)
    assert f'- <span lang="en">{escape_markdown(english)}</span>\n' in md
    assert md.count('lang="en"') == 1
    assert 'lang="en"' not in handout_markdown(fr)


@pytest.mark.parametrize(("locale", "other"), [("en_CA", "fr"), ("fr_CA", "en")])
def test_source_titles_in_another_language_are_marked_with_it(locale: str, other: str) -> None:
    lib = mi.get_library(locale)
    others = [s for s in lib.sources if s.language == other]
    same = [s for s in lib.sources if s.language == lib.locale.language]
    assert others and same and len(others) + len(same) == len(lib.sources)
    html = handout_html(lib, audience="clinician")
    md = handout_markdown(lib, audience="clinician")
    for source in others:
        assert f'<cite lang="{other}">{esc(source.title)}</cite>' in html, source.id
        assert f'<span lang="{other}">{escape_markdown(source.title)}</span>' in md, source.id
    for source in same:
        assert f"<cite>{esc(source.title)}</cite>" in html, source.id
    assert html.count("<cite lang=") == len(others)
    assert md.count("<span lang=") == len(others)


# --- colour, contrast, print ---------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB hex colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#767676", "#ffffff")


def test_every_text_colour_has_contrast_on_every_background() -> None:
    """WCAG 1.4.3: every text colour reaches 4.5:1 on every background the CSS uses."""
    html = handout_html(mi.get_library("en_CA"))
    css = re.sub(
        r"/\*.*?\*/", "", "".join(re.findall(r"<style>(.*?)</style>", html, re.S)), flags=re.S
    )
    foregrounds = re.findall(r"(?<![-\w])color\s*:\s*([^;}]+)", css)
    backgrounds = re.findall(r"(?<![-\w])background(?:-color)?\s*:\s*([^;}]+)", css)
    colours = [c.strip() for c in foregrounds + backgrounds]
    hex_colour = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
    not_hex = [c for c in colours if not hex_colour.fullmatch(c) and c != "inherit"]
    assert not not_hex, f"use hex colours so this test can check them: {not_hex}"
    fgs = {c.strip().lower() for c in foregrounds} - {"inherit"}
    bgs = {c.strip().lower() for c in backgrounds} | {"#ffffff"}
    assert len(fgs) >= 3 and len(bgs) >= 3
    for fg in fgs:
        for bg in bgs:
            assert contrast(fg, bg) >= 4.5, (fg, bg, round(contrast(fg, bg), 2))


def test_urgency_is_not_told_by_colour_alone() -> None:
    lib = mi.get_library("en_CA")
    html = handout_html(lib)
    labels = [level.label for level in active_groups(lib)]
    assert len(set(labels)) == len(labels), "each urgency level has its own words"
    css = html[html.index("<style>") : html.index("</style>")]
    styles = set(re.findall(r"border-style:\s*(\w+)", css))
    assert len(styles) >= 2, "urgency groups also differ by border style"


def test_print_css_letter_paper_12pt_body() -> None:
    html = handout_html(mi.get_library("en_CA"))
    css = html[html.index("<style>") : html.index("</style>")]
    page = re.search(r"@page\s*\{([^}]*)\}", css)
    assert page
    assert re.search(r"size:\s*Letter", page.group(1))
    assert "margin" in page.group(1)
    urgency = re.search(r"\n\.urgency\s*\{([^}]*)\}", css)
    assert urgency and "break-inside: avoid" in urgency.group(1)
    sizes = [float(x) for x in re.findall(r"font-size:\s*([\d.]+)pt", css)]
    assert min(sizes) >= 12


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_handout_order_and_content(lib: mi.Library) -> None:
    md = handout_markdown(lib, clinic=CLINIC)
    h2 = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    order = [
        h2.index(escape_markdown(lib.message(key)))
        for key in (
            "heading.escalation",
            "handout.at_a_glance",
            "handout.care_at_home",
            "heading.healing_phases",
            "handout.words",
        )
    ]
    assert order == sorted(order)
    assert md.startswith('<div lang="')
    for urgency in (mi.Urgency.EMERGENCY, mi.Urgency.URGENT, mi.Urgency.CONTACT_CLINIC):
        assert escape_markdown(lib.urgency_level(urgency).action) in md
    for criterion in lib.escalation_criteria:
        assert escape_markdown(criterion.sign) in md
    assert escape_markdown(lib.info.disclaimer) in md
    assert escape_markdown(lib.info.content_version) in md
    for source in lib.sources:
        assert escape_markdown(source.title) not in md
    sheet = handout_markdown(lib, audience="clinician")
    for source in lib.sources:
        assert escape_markdown(source.title) in sheet


# --- command line and packaging ------------------------------------------------------------------


def test_cli_html_all_locales_french_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--all-locales", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out == handout_html(*(mi.get_library(loc) for loc in export_locales()))
    assert out.index('lang="fr-CA"') < out.index('lang="en-CA"')


def test_cli_markdown_all_locales_french_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--all-locales", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out == handout_markdown(*(mi.get_library(loc) for loc in export_locales()))


def test_cli_html_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    target = tmp_path / "handout.html"
    code = main(["export", "--locale", "fr-CA", "--format", "html", "--output", str(target)])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == handout_html(mi.get_library("fr_CA"))
    assert (
        main(["export", "--locale", "en", "--format", "markdown", "--output", str(tmp_path)]) == 0
    )
    assert (tmp_path / "microneedling-info.en_CA.md").read_text(
        encoding="utf-8"
    ) == handout_markdown(mi.get_library("en_CA"))


def test_without_jinja2_a_clear_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    handout.jinja_environment.cache_clear()
    monkeypatch.setitem(sys.modules, "jinja2", None)
    try:
        with pytest.raises(HandoutDependencyError, match=re.escape("microneedling-info[html]")):
            handout_html(mi.get_library("en_CA"))
        assert main(["export", "--locale", "en", "--format", "html"]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1
        assert 'pip install "microneedling-info[html]"' in err
        # Markdown needs no Jinja2.
        assert main(["export", "--locale", "en", "--format", "markdown"]) == 0
    finally:
        handout.jinja_environment.cache_clear()


def test_templates_ship_inside_the_package_and_autoescape_is_on() -> None:
    templates = resources.files("microneedling_info") / "templates"
    for name in ("patient.html", "clinician.html", "handout.css"):
        assert (templates / name).is_file(), name
    assert handout.jinja_environment().autoescape is True


def test_handouts_need_a_library() -> None:
    with pytest.raises(ValueError):
        handout_html()
    with pytest.raises(ValueError):
        handout_markdown()


# --- words to know (PEMAT-P item 4: medical terms are defined) ---------------------------------

TERMS = {
    "en_CA": {
        "collagen": "collagen", r"\bSPF\b": "spf", "broad-spectrum": "broad-spectrum",
        r"\bAHA\b": "aha-bha", "retinol": "retinol", "rosacea": "rosacea", "milia": "milia",
        "isotretinoin": "isotretinoin", "blood thinner": "blood-thinner", r"\bASA\b": "asa",
        "keloid": "keloid",
    },
    "fr_CA": {
        "collagène": "collagen", r"\bFPS\b": "spf", "large spectre": "broad-spectrum",
        r"\bAHA\b": "aha-bha", "rétinol": "retinol", "rosacée": "rosacea", "milium": "milia",
        "isotrétinoïne": "isotretinoin", "anticoagulant": "blood-thinner", r"\bAAS\b": "asa",
        "chéloïde": "keloid",
    },
}  # fmt: skip
"""Terms a patient may not know, as each language writes them, and the entry defining them."""
UNDEFINED_JARGON = {
    "en_CA": ("desquamation", "erythema", "edema", "pruritus", "anticoagulant"),
    "fr_CA": ("desquamation", "érythème", "œdème", "prurit"),
}
"""Clinical words the handout says in plain words instead (they have no entry)."""


@pytest.mark.parametrize("locale", ["fr_CA", "en_CA"])
def test_every_term_the_handout_uses_is_in_words_to_know(locale: str) -> None:
    lib = mi.get_library(locale)
    md = handout_markdown(lib, clinic=CLINIC, treatment_date=dt.date(2026, 11, 29))
    body, words = md.split(f"## {escape_markdown(lib.message('handout.words'))}", 1)
    defined = {
        w["id"]
        for w in load_raw()["glossary"]
        if escape_markdown(lib.texts[f"glossary.{w['id']}.term"]) in words
    }
    used = {entry for term, entry in TERMS[locale].items() if re.search(term, body, re.I)}
    assert used, "the handout uses none of the terms: the list is out of date"
    assert used <= defined, f"used but not defined: {sorted(used - defined)}"
    assert not [w for w in UNDEFINED_JARGON[locale] if w in body.lower()]


def test_words_to_know_are_cited() -> None:
    raw = load_raw()
    sources = {s["id"] for s in raw["sources"]}
    for word in raw["glossary"]:
        assert word["source_ids"], word["id"]
        assert set(word["source_ids"]) <= sources, word["id"]
