"""The patient handout: Markdown and self-contained HTML, escaping, accessibility, print CSS."""

from __future__ import annotations

import dataclasses
import re
import sys
from html.parser import HTMLParser
from importlib import resources
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import microneedling_info as mi
from microneedling_info import handout
from microneedling_info.cli import main
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
    "table", "tr", "th", "td", "time",
}  # fmt: skip


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
    """The same content, every text (and interface message) carrying HTML/script payloads."""

    def bad(text: str) -> str:
        return f"{text} {EVIL}"

    def many(texts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(bad(t) for t in texts)

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
    texts = {
        key: bad(text) if key.startswith("message.") else text for key, text in base.texts.items()
    }
    return dataclasses.replace(
        base,
        info=base.info.model_copy(
            update={
                "disclaimer": bad(base.info.disclaimer),
                "content_version": bad(base.info.content_version),
            }
        ),
        urgency_levels=tuple(
            u.model_copy(
                update={
                    "label": bad(u.label),
                    "action": bad(u.action),
                    "timeframe": bad(u.timeframe),
                }
            )
            for u in base.urgency_levels
        ),
        side_effects=tuple(
            e.model_copy(
                update={
                    "name": bad(e.name),
                    "summary": bad(e.summary),
                    "self_care": many(e.self_care),
                    "seek_care_if": many(e.seek_care_if),
                }
            )
            for e in base.side_effects
        ),
        healing_phases=tuple(
            p.model_copy(
                update={
                    "name": bad(p.name),
                    "summary": bad(p.summary),
                    "what_to_expect": many(p.what_to_expect),
                    "what_to_do": many(p.what_to_do),
                }
            )
            for p in base.healing_phases
        ),
        escalation_criteria=tuple(
            c.model_copy(update={"sign": bad(c.sign), "action": bad(c.action)})
            for c in base.escalation_criteria
        ),
        aftercare=tuple(
            a.model_copy(
                update={
                    "category": bad(a.category),
                    "text": bad(a.text),
                    "rationale": bad(a.rationale),
                }
            )
            for a in base.aftercare
        ),
        sources=sources,
        texts=MappingProxyType(texts),
    )


@pytest.fixture
def hostile() -> mi.Library:
    return hostile_library(mi.get_library("en_CA"))


def test_html_escapes_every_text(hostile: mi.Library) -> None:
    html = handout_html(hostile)
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
        assert (attrs["href"] or "").startswith(("https://", "http://")), attrs
    assert "javascript:" not in " ".join(str(a.get("href")) for a in page.all("a"))
    # The payloads are there as text for the reader, once per text that carried them.
    assert page.text.count(PAYLOADS[0]) >= len(hostile.escalation_criteria)


def test_markdown_escapes_every_text(hostile: mi.Library) -> None:
    md = handout_markdown(hostile)
    for payload in PAYLOADS:
        assert payload not in md
        assert escape_markdown(payload) in md
    assert not re.search(r"(?<!\\)<", md), "an unescaped < reached the Markdown"
    assert "[" not in md.replace("\\[", "")


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


@settings(max_examples=80, deadline=None)
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
    lib = dataclasses.replace(
        base,
        escalation_criteria=(
            first.model_copy(update={"sign": text}),
            *base.escalation_criteria[1:],
        ),
        sources=(base.sources[0].model_copy(update={"title": text}), *base.sources[1:]),
    )
    page = Page(handout_html(lib))
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    assert page.text.count(text) >= 2


# --- content and order ---------------------------------------------------------------------------


def test_html_puts_the_warning_signs_first(lib: mi.Library) -> None:
    html = handout_html(lib)
    body = html[html.index("<body") :]
    first_group = body.index('<section class="urgency ')
    for later in ('class="normal"', 'class="timeline"', 'class="aftercare"', 'class="sources"'):
        if later in body:
            assert first_group < body.index(later), later
    # Only the title and the disclaimer come before the warning signs.
    before = Page(body[:first_group])
    assert [tag for tag, _ in before.tags if re.fullmatch(r"h\d", tag)] == ["h1", "h2"]
    h2s = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", body)]
    assert h2s[0] == esc(lib.message("heading.escalation"))


def test_html_groups_warning_signs_by_urgency_with_their_actions(lib: mi.Library) -> None:
    html = handout_html(lib)
    groups = active_groups(lib)
    assert groups
    positions = [html.index(f'data-urgency="{level.id}"') for level in groups]
    assert positions == sorted(positions), "most urgent first"
    for level in groups:
        section = group_html(html, level.id)
        heading = re.search(r"<h3>(.*?)</h3>", section, re.S)
        assert heading and esc(level.label) in heading.group(1), (
            "urgency told in words, in a heading"
        )
        assert esc(level.action) in section
        for criterion in lib.escalation_criteria:
            if criterion.urgency is level.id:
                assert esc(criterion.sign) in section
                assert esc(criterion.action) in section or criterion.action in level.action
    assert "911" in lib.urgency_level(mi.Urgency.EMERGENCY).action
    assert "911" in group_html(html, "emergency")
    assert "811" in group_html(html, "urgent")


def test_html_has_what_is_normal_timeline_aftercare_sources_and_review_dates(
    lib: mi.Library,
) -> None:
    html = handout_html(lib)
    for effect in lib.side_effects:
        assert esc(effect.name) in html
    for phase in lib.healing_phases:
        assert esc(phase.name) in html
    for item in lib.aftercare:
        assert esc(item.text) in html
    for source in lib.sources:
        assert esc(source.title) in html
    info = lib.info
    assert esc(info.disclaimer) in html
    assert esc(info.content_version) in html
    assert f'datetime="{info.last_reviewed.isoformat()}"' in html
    assert f'datetime="{info.next_review_due.isoformat()}"' in html
    for key in ("label.content_version", "label.last_reviewed", "label.next_review_due"):
        assert esc(lib.message(key)) in html


def test_html_is_one_self_contained_file(lib: mi.Library) -> None:
    html = handout_html(lib)
    page = Page(html)
    tags = {tag for tag, _ in page.tags}
    assert tags <= ALLOWED_TAGS
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "svg", "base", "form"}
    for _, attrs in page.tags:
        assert "src" not in attrs and "srcset" not in attrs
    css = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert css.strip()
    assert "url(" not in css and "@import" not in css
    (csp,) = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in (csp["content"] or "")
    assert page.all("meta")[0] == {"charset": "utf-8"}


def test_html_language_of_page_and_of_each_block(lib: mi.Library) -> None:
    page = Page(handout_html(lib))
    tag = bcp47(lib.locale)
    assert re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", tag)
    assert page.all("html") == [{"lang": tag}]
    assert [a["lang"] for a in page.all("article")] == [tag]
    assert len(page.all("h1")) == 1


def test_bilingual_html_side_by_side_french_first() -> None:
    fr, en = mi.get_library("fr_CA"), mi.get_library("en_CA")
    html = handout_html(fr, en)
    page = Page(html)
    assert page.all("html") == [{"lang": "fr-CA"}]
    assert [a["lang"] for a in page.all("article")] == ["fr-CA", "en-CA"]
    assert len(page.all("h1")) == 2
    assert page.all("body") == [{"class": "side-by-side"}]


def test_text_that_fell_back_to_english_is_marked_as_english() -> None:
    fr = mi.get_library("fr_CA")
    criterion = fr.escalation_criteria[0]
    marked = dataclasses.replace(fr, missing_translations=(f"criterion.{criterion.id}.sign",))
    html = handout_html(marked)
    assert f'<span lang="en">{esc(criterion.sign)}</span>' in html
    assert html.count('lang="en"') == 1
    clean = dataclasses.replace(fr, missing_translations=())
    assert 'lang="en"' not in handout_html(clean)
    # English is the source language: nothing to mark.
    en = mi.get_library("en_CA")
    assert 'lang="en"' not in handout_html(
        dataclasses.replace(en, missing_translations=(f"criterion.{criterion.id}.sign",))
    )


def test_list_items_that_fell_back_are_marked_one_by_one() -> None:
    fr = mi.get_library("fr_CA")
    phase = next(p for p in fr.healing_phases if len(p.what_to_do) >= 1)
    from microneedling_info.content import iter_messages, load_raw

    contexts = [
        m.context
        for m in iter_messages(load_raw())
        if m.context.startswith(f"phase.{phase.id}.what_to_do.")
    ]
    marked = dataclasses.replace(fr, missing_translations=(contexts[-1],))
    html = handout_html(marked)
    assert f'<li><span lang="en">{esc(phase.what_to_do[-1])}</span></li>' in html


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
    not_hex = [c for c in colours if not hex_colour.fullmatch(c)]
    assert not not_hex, f"use hex colours so this test can check them: {not_hex}"
    fgs = {c.strip().lower() for c in foregrounds}
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


def test_print_css_letter_paper_and_groups_kept_together() -> None:
    html = handout_html(mi.get_library("en_CA"))
    css = html[html.index("<style>") : html.index("</style>")]
    page = re.search(r"@page\s*\{([^}]*)\}", css)
    assert page
    assert re.search(r"size:\s*Letter", page.group(1))
    assert "margin" in page.group(1)
    urgency = re.search(r"\n\.urgency\s*\{([^}]*)\}", css)
    assert urgency and "break-inside: avoid" in urgency.group(1)


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_handout_order_and_content(lib: mi.Library) -> None:
    md = handout_markdown(lib)
    h2 = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert h2[0] == escape_markdown(lib.message("heading.escalation"))
    order = [
        h2.index(escape_markdown(lib.message(key)))
        for key in (
            "heading.escalation",
            "heading.healing_phases",
            "heading.aftercare",
            "heading.sources",
        )
    ]
    assert order == sorted(order)
    assert md.startswith("# ")
    for level in active_groups(lib):
        assert escape_markdown(level.action) in md
    for criterion in lib.escalation_criteria:
        assert escape_markdown(criterion.sign) in md
    assert escape_markdown(lib.info.disclaimer) in md
    assert escape_markdown(lib.info.content_version) in md
    for source in lib.sources:
        assert escape_markdown(source.title) in md


def test_markdown_warning_signs_come_before_the_rest(lib: mi.Library) -> None:
    md = handout_markdown(lib)
    emergency = md.index(escape_markdown(lib.urgency_level(mi.Urgency.EMERGENCY).action))
    timeline = md.index("## " + escape_markdown(lib.message("heading.healing_phases")))
    assert emergency < timeline


# --- command line and packaging ------------------------------------------------------------------


def test_cli_html_all_locales_is_side_by_side_french_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
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
    handout._environment.cache_clear()
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
        handout._environment.cache_clear()


def test_templates_ship_inside_the_package_and_autoescape_is_on() -> None:
    templates = resources.files("microneedling_info") / "templates"
    assert (templates / "handout.html").is_file()
    assert (templates / "handout.css").is_file()
    assert handout._environment().autoescape is True


def test_handouts_need_a_library() -> None:
    with pytest.raises(ValueError):
        handout_html()
    with pytest.raises(ValueError):
        handout_markdown()
