"""The printable patient handout, in Markdown or as one self-contained HTML file.

The handout puts the warning signs first, grouped by urgency with what to do
(911, Info-Santé 811, the clinic), so they land on page 1 of a print-out;
then what is normal and for how long, the healing timeline, aftercare, the
sources, the content version and the review dates. The disclaimer sits under
the title.

Every word comes from the library. Markdown goes through :mod:`.present`
(``Block`` + ``to_markdown``, which escapes every text). HTML is rendered by
Jinja2 with autoescaping on, from templates inside the package; Jinja2 is the
optional ``[html]`` extra and is imported only when HTML is asked for.

A text that fell back to English in a non-English library is marked with
``lang="en"`` in HTML (WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .content import SOURCE_LANGUAGE, iter_messages, load_raw
from .errors import MicroneedlingInfoError
from .present import (
    Block,
    day_window,
    labelled,
    preliminary_notice,
    to_markdown,
    window_message,
)
from .vocab import Urgency

if TYPE_CHECKING:
    import datetime as dt

    import jinja2

    from .library import Library

__all__ = [
    "HandoutDependencyError",
    "Text",
    "bcp47",
    "handout_html",
    "handout_markdown",
]

INSTALL_HINT = 'pip install "microneedling-info[html]"'


class HandoutDependencyError(MicroneedlingInfoError, ImportError):
    """The HTML handout needs Jinja2, which is the optional ``[html]`` extra."""


@dataclass(frozen=True, slots=True)
class Text:
    """A text with its language when that differs from the block around it."""

    text: str
    lang: str | None = None
    """BCP 47 tag (``en``) for a text that fell back to English; None: the block's language."""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class _Sign:
    text: Text
    action: Text | None
    """The criterion's own action, when it says more than its urgency level's action."""


@dataclass(frozen=True, slots=True)
class _UrgencyGroup:
    id: str
    label: Text
    timeframe: Text
    action: Text
    shared_actions: tuple[Text, ...]
    """Actions that several signs of the group share, said once."""
    signs: tuple[_Sign, ...]


@dataclass(frozen=True, slots=True)
class _Effect:
    id: str
    name: Text
    window: Text | None
    summary: Text
    self_care: tuple[Text, ...]
    seek_care_if: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class _Phase:
    id: str
    name: Text
    window: Text
    summary: Text
    what_to_expect: tuple[Text, ...]
    what_to_do: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class _AftercareItem:
    text: Text
    window: Text
    rationale: Text
    why: Text
    """"Why: <rationale>" with the locale's punctuation."""


@dataclass(frozen=True, slots=True)
class _AftercareGroup:
    category: Text
    items: tuple[_AftercareItem, ...]


@dataclass(frozen=True, slots=True)
class _SourceRef:
    id: str
    publisher: str
    year: int
    title: str
    link: str | None
    """The URL (or DOI link) as text."""
    href: str | None
    """The same, only when it is a plain http(s) address safe to link."""


@dataclass(frozen=True, slots=True)
class _Date:
    iso: str
    text: str


@dataclass(frozen=True, slots=True)
class _Handout:
    lang: str
    locale: str
    title: Text
    disclaimer: Text
    headings: Mapping[str, Text]
    labels: Mapping[str, Text]
    groups: tuple[_UrgencyGroup, ...]
    self_care: Text | None
    normal: tuple[_Effect, ...]
    not_usual: tuple[_Effect, ...]
    phases: tuple[_Phase, ...]
    aftercare: tuple[_AftercareGroup, ...]
    sources: tuple[_SourceRef, ...]
    content_version: str
    last_reviewed: _Date
    next_review_due: _Date
    review_lines: tuple[str, ...]
    """Version and review dates as "Label: value" lines (Markdown)."""


def bcp47(locale: object) -> str:
    """``fr_CA`` (or a babel Locale) → ``fr-CA``."""
    return str(locale).replace("_", "-")


@functools.cache
def _shipped_contexts() -> tuple[str, ...]:
    return tuple(message.context for message in iter_messages(load_raw()))


class _Texts:
    """Wraps a library's texts as :class:`Text`, marking the ones that fell back to English."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        source = lib.locale.language == SOURCE_LANGUAGE
        self.missing = frozenset() if source else frozenset(lib.missing_translations)

    def text(self, value: str, context: str) -> Text:
        return Text(value, SOURCE_LANGUAGE if context in self.missing else None)

    def items(self, values: tuple[str, ...], context_prefix: str) -> tuple[Text, ...]:
        """The texts of a list field; the n-th has the n-th context under ``context_prefix``."""
        if self.missing:
            contexts = [c for c in _shipped_contexts() if c.startswith(context_prefix + ".")]
            if len(contexts) == len(values):
                return tuple(self.text(v, c) for v, c in zip(values, contexts, strict=True))
        return tuple(Text(v) for v in values)

    def message(self, key: str, **values: str) -> Text:
        """An interface text."""
        return self.text(self.lib.message(key, **values), f"message.{key}")

    def window(self, start: float, end: float | None) -> Text:
        """:func:`present.day_window`, with the language of the label it used."""
        key, _ = window_message(start, end)
        return self.text(day_window(self.lib, start, end), f"message.{key}")


def _date(value: dt.date, lib: Library) -> _Date:
    from babel.dates import format_date

    return _Date(value.isoformat(), format_date(value, "long", locale=lib.locale))


def _safe_href(url: str | None) -> str | None:
    if (
        url
        and url.lower().startswith(("https://", "http://"))
        and not any(c.isspace() or c in "<>\"'`" for c in url)
    ):
        return url
    return None


def _said(action: str, *, by: str) -> bool:
    """Whether a criterion's action is already said, word for word, by its level's action."""

    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    return norm(action) in norm(by)


def _build(lib: Library) -> _Handout:
    tx = _Texts(lib)

    groups = []
    self_care: Text | None = None
    for level in lib.urgency_levels:
        ctx = f"urgency.{level.id}"
        if level.id is Urgency.SELF_CARE:
            self_care = tx.text(level.action, f"{ctx}.action")
            continue
        criteria = [c for c in lib.escalation_criteria if c.urgency == level.id]
        # An action several signs share is said once under the level's action, not after
        # every sign (keeps page 1 short); an action the level already says is not repeated.
        count = Counter(c.action for c in criteria)
        shared = {
            c.action: tx.text(c.action, f"criterion.{c.id}.action")
            for c in criteria
            if count[c.action] > 1 and not _said(c.action, by=level.action)
        }
        signs = tuple(
            _Sign(
                tx.text(c.sign, f"criterion.{c.id}.sign"),
                None
                if count[c.action] > 1 or _said(c.action, by=level.action)
                else tx.text(c.action, f"criterion.{c.id}.action"),
            )
            for c in criteria
        )
        if signs:
            groups.append(
                _UrgencyGroup(
                    id=str(level.id),
                    label=tx.text(level.label, f"{ctx}.label"),
                    timeframe=tx.text(level.timeframe, f"{ctx}.timeframe"),
                    action=tx.text(level.action, f"{ctx}.action"),
                    shared_actions=tuple(shared.values()),
                    signs=signs,
                )
            )

    def effect(e: Any) -> _Effect:
        ctx = f"side_effect.{e.id}"
        until = e.expected_until
        return _Effect(
            id=e.id,
            name=tx.text(e.name, f"{ctx}.name"),
            window=tx.window(e.onset.start, until) if until is not None else None,
            summary=tx.text(e.summary, f"{ctx}.summary"),
            self_care=tx.items(e.self_care, f"{ctx}.self_care"),
            seek_care_if=tx.items(e.seek_care_if, f"{ctx}.seek_care_if"),
        )

    phases = []
    for p in lib.healing_phases:
        ctx = f"phase.{p.id}"
        phases.append(
            _Phase(
                id=p.id,
                name=tx.text(p.name, f"{ctx}.name"),
                window=tx.window(p.start_day, p.end_day),
                summary=tx.text(p.summary, f"{ctx}.summary"),
                what_to_expect=tx.items(p.what_to_expect, f"{ctx}.what_to_expect"),
                what_to_do=tx.items(p.what_to_do, f"{ctx}.what_to_do"),
            )
        )

    categories: dict[str, tuple[Text, list[_AftercareItem]]] = {}
    for a in lib.aftercare:
        ctx = f"aftercare.{a.id}"
        _, items = categories.setdefault(
            a.category_id, (tx.text(a.category, f"aftercare_category.{a.category_id}"), [])
        )
        items.append(
            _AftercareItem(
                text=tx.text(a.text, f"{ctx}.text"),
                window=tx.window(a.start_day, a.end_day),
                rationale=tx.text(a.rationale, f"{ctx}.rationale"),
                why=tx.text(
                    labelled(lib, lib.message("label.why"), a.rationale), f"{ctx}.rationale"
                ),
            )
        )

    sources = []
    for s in lib.sources:
        link = s.link
        sources.append(_SourceRef(s.id, s.publisher, s.year, s.title, link, _safe_href(link)))

    headings = {
        key: tx.message(f"heading.{key}")
        for key in ("escalation", "healing_phases", "aftercare", "sources")
    }
    headings["what_is_normal"] = tx.message("handout.what_is_normal")
    headings["not_usual"] = tx.message("handout.not_usual")
    labels = {
        key: tx.message(f"label.{key}")
        for key in (
            "self_care",
            "seek_care_if",
            "what_to_expect",
            "what_to_do",
            "why",
            "content_version",
            "last_reviewed",
            "next_review_due",
        )
    }
    info = lib.info
    last_reviewed = _date(info.last_reviewed, lib)
    next_review_due = _date(info.next_review_due, lib)
    return _Handout(
        lang=bcp47(lib.locale),
        locale=info.locale,
        title=tx.message("handout.title"),
        disclaimer=tx.text(info.disclaimer, "content.disclaimer"),
        headings=headings,
        labels=labels,
        groups=tuple(groups),
        self_care=self_care,
        normal=tuple(effect(e) for e in lib.side_effects if e.expected),
        not_usual=tuple(effect(e) for e in lib.side_effects if not e.expected),
        phases=tuple(phases),
        aftercare=tuple(_AftercareGroup(cat, tuple(items)) for cat, items in categories.values()),
        sources=tuple(sources),
        content_version=info.content_version,
        review_lines=tuple(
            labelled(lib, lib.message(f"label.{key}"), value)
            for key, value in (
                ("content_version", info.content_version),
                ("last_reviewed", last_reviewed.text),
                ("next_review_due", next_review_due.text),
            )
        ),
        last_reviewed=last_reviewed,
        next_review_due=next_review_due,
    )


# --- Markdown ----------------------------------------------------------------------------------


def _bullets(level: int, heading: Text, items: tuple[Text, ...]) -> Iterator[Block]:
    if items:
        yield Block(level, heading.text, tuple(i.text for i in items))


def _markdown_blocks(h: _Handout) -> Iterator[Block]:
    yield Block(1, h.title.text)
    yield Block(0, h.disclaimer.text)

    yield Block(2, h.headings["escalation"].text)
    for g in h.groups:
        yield Block(3, f"{g.label} ({g.timeframe})")
        yield Block(0, g.action.text)
        for shared in g.shared_actions:
            yield Block(0, shared.text)
        yield Block(
            0, "", tuple(f"{s.text} {s.action}" if s.action else s.text.text for s in g.signs)
        )

    if h.normal:
        yield Block(2, h.headings["what_is_normal"].text)
        if h.self_care is not None:
            yield Block(0, h.self_care.text)
        for e in h.normal:
            yield Block(3, f"{e.name} ({e.window})" if e.window else e.name.text)
            yield Block(0, e.summary.text)
            yield from _bullets(4, h.labels["self_care"], e.self_care)
            yield from _bullets(4, h.labels["seek_care_if"], e.seek_care_if)

    if h.not_usual:
        yield Block(2, h.headings["not_usual"].text)
        for e in h.not_usual:
            yield Block(3, e.name.text)
            yield Block(0, e.summary.text)
            yield from _bullets(4, h.labels["seek_care_if"], e.seek_care_if)

    yield Block(2, h.headings["healing_phases"].text)
    for p in h.phases:
        yield Block(3, f"{p.name} ({p.window})")
        yield Block(0, p.summary.text)
        yield from _bullets(4, h.labels["what_to_expect"], p.what_to_expect)
        yield from _bullets(4, h.labels["what_to_do"], p.what_to_do)

    yield Block(2, h.headings["aftercare"].text)
    for group in h.aftercare:
        yield Block(
            3, group.category.text, tuple(f"{i.text} ({i.window}) {i.why}" for i in group.items)
        )

    yield Block(2, h.headings["sources"].text)
    yield Block(
        0,
        "",
        tuple(
            f"[{s.id}] {s.publisher} ({s.year}). {s.title}." + (f" {s.link}" if s.link else "")
            for s in h.sources
        ),
    )
    yield Block(
        0,
        "",
        h.review_lines,
    )


def handout_markdown(*libraries: Library) -> str:
    """The handout as CommonMark, every text escaped; several libraries follow one another."""
    if not libraries:
        raise ValueError("handout_markdown needs at least one library")
    parts = []
    for lib in libraries:
        title, *rest = _markdown_blocks(_build(lib))
        parts.append(to_markdown((title, *preliminary_notice(lib), *rest)))
    return "\n---\n\n".join(parts)


# --- HTML --------------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    try:
        import jinja2
    except ImportError:
        raise HandoutDependencyError(
            f"the HTML handout needs Jinja2, an optional extra: {INSTALL_HINT}"
        ) from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__ or "microneedling_info", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def handout_html(*libraries: Library) -> str:
    """The handout as one self-contained HTML page (inline CSS, no scripts, nothing fetched).

    Several libraries are shown side by side, in the order given (pass French first).
    """
    if not libraries:
        raise ValueError("handout_html needs at least one library")
    handouts = [_build(lib) for lib in libraries]
    template = _environment().get_template("handout.html")
    return template.render(handouts=handouts, lang=handouts[0].lang)
