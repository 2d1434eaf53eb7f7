"""The printable patient handout, in Markdown or as one self-contained HTML file.

Page 1 is what to do: the clinic (name and phone, or lines to write them in), the treatment
date and "Day 0 = treatment day", the three warning levels with one action line each (911
first and largest), and an at-a-glance table of what the patient may do on which days. Then
one "care at home" section, the healing timeline, plain-language definitions, the
disclaimer and a one-line pointer to the sources, which live on a separate clinician sheet
(``audience="clinician"``).

Every word comes from the library (so from the catalogs) or from the clinic's own profile,
which is never translated. The at-a-glance table is content (``at_a_glance`` in
``content.json``, cited and translated), not code. Markdown goes through :mod:`.present`
(``Block`` + ``to_markdown``, which escapes every text). HTML is rendered by Jinja2 with
autoescaping on; Jinja2 is the optional ``[html]`` extra, imported only for HTML.

A text that fell back to English in a non-English library is marked with ``lang="en"``
(WCAG 3.1.2, language of parts), from :meth:`Library.text_locale`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .clinic import ClinicProfile, phone_display, tel_uri
from .content import DISCLAIMER_CONTEXT, MESSAGE_PREFIX, category_context, load_raw
from .errors import MicroneedlingInfoError
from .formatting import render
from .present import (
    CLINIC_LEVELS,
    Block,
    clinic_suffix,
    clinic_window_text,
    day_window,
    escape_markdown,
    labelled,
    number,
    to_markdown,
    window_message,
)
from .vocab import Urgency

if TYPE_CHECKING:
    import jinja2

    from .library import Library

__all__ = [
    "AUDIENCES",
    "HandoutDependencyError",
    "Text",
    "bcp47",
    "handout_html",
    "handout_markdown",
]

INSTALL_HINT = 'pip install "microneedling-info[html]"'
AUDIENCES = ("patient", "clinician")
"""``patient``: the handout; ``clinician``: the sources sheet it points to."""
Audience = Literal["patient", "clinician"]

_WARNING_LEVELS = (Urgency.EMERGENCY, Urgency.URGENT, Urgency.CONTACT_CLINIC)
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])(\s+)")
_MARK_SYMBOLS = {"yes": "✓", "no": "✗", "ask": "?", "from": "→"}


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
class _Piece:
    """Part of an action line: plain text, or a phone number linked with ``tel:`` on screen."""

    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class _Action:
    text: Text
    lead: tuple[_Piece, ...]
    """The first sentence ("Call 911 now."), printed largest in the emergency box."""
    rest: tuple[_Piece, ...]
    clinic: _Clinic | None
    """The clinic to call, named after the action (with its number)."""


@dataclass(frozen=True, slots=True)
class _Level:
    id: str
    label: Text
    timeframe: Text
    action: _Action
    """The one action line of the box."""
    signs: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class _Clinic:
    name: str
    phone: str
    phone_href: str
    after_hours: str | None
    after_hours_href: str | None
    address: str | None
    website: str | None


@dataclass(frozen=True, slots=True)
class _Cell:
    mark: str
    symbol: str
    word: Text


@dataclass(frozen=True, slots=True)
class _Column:
    header: Text
    dates: str | None
    days: tuple[str, ...]
    """The column's day numbers, formatted: a box to tick for each day (the last column: its
    first day), so a patient without dates finds today's column without counting."""


@dataclass(frozen=True, slots=True)
class _Row:
    id: str
    label: Text
    cells: tuple[_Cell, ...]


@dataclass(frozen=True, slots=True)
class _Dated:
    """A day range in words ("Day 1 to day 3") and, with a treatment date, in dates."""

    window: Text
    dates: str | None

    def __str__(self) -> str:
        return f"{self.window}, {self.dates}" if self.dates else self.window.text


@dataclass(frozen=True, slots=True)
class _CareItem:
    text: Text
    when: _Dated
    why: Text


@dataclass(frozen=True, slots=True)
class _CareGroup:
    category: Text
    items: tuple[_CareItem, ...]


@dataclass(frozen=True, slots=True)
class _Normal:
    name: Text
    when: _Dated | None
    summary: Text


@dataclass(frozen=True, slots=True)
class _Phase:
    name: Text
    when: _Dated
    summary: Text


@dataclass(frozen=True, slots=True)
class _Word:
    term: Text
    definition: Text


@dataclass(frozen=True, slots=True)
class _SourceRef:
    id: str
    number: int
    publisher: str
    year: int
    title: str
    lang: str | None
    """The title's language when it is not the page's (WCAG 3.1.2); None: the page's."""
    link: str | None
    href: str | None


@dataclass(frozen=True, slots=True)
class _Date:
    iso: str
    text: str


@dataclass(frozen=True, slots=True)
class _Handout:
    lib: Library
    profile: ClinicProfile | None
    lang: str
    page_name: str
    title: Text
    disclaimer: Text
    m: Mapping[str, Text]
    """Interface texts by key (``handout.care_at_home`` → ``m["care_at_home"]``)."""
    clinic: _Clinic | None
    treatment_date: _Date | None
    levels: tuple[_Level, ...]
    columns: tuple[_Column, ...]
    rows: tuple[_Row, ...]
    care: tuple[_CareGroup, ...]
    normal: tuple[_Normal, ...]
    phases: tuple[_Phase, ...]
    words: tuple[_Word, ...]
    sources: tuple[_SourceRef, ...]
    content_version: str
    version_line: Text
    page_parts: tuple[str, ...]
    """The page footer as CSS: quoted strings and ``counter(page)`` / ``counter(pages)``."""
    version_css: str
    """The content version line as a CSS string, printed on every page."""
    colon: str
    """What goes between a label and its value (``" : "`` with a no-break space in French)."""
    preliminary: Text | None
    """A banner while the content is not clinically approved; None once it is."""
    preliminary_css: str
    """The same as a CSS string, at the top of every printed page."""
    last_reviewed: _Date
    next_review_due: _Date


def bcp47(locale: object) -> str:
    """``fr_CA`` (or a babel Locale) → ``fr-CA``."""
    return str(locale).replace("_", "-")


class _Texts:
    """A library's texts as :class:`Text`, marked with their language where it fell back."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def text(self, context: str, **values: str) -> Text:
        value = self.lib.texts[context]
        if values:
            value = render(value, values)
        locale = self.lib.text_locale(context)
        return Text(value, None if locale == self.lib.locale else bcp47(locale.language))

    def message(self, key: str, **values: str) -> Text:
        """An interface text, ``{name}`` fields filled from already formatted values."""
        return self.text(MESSAGE_PREFIX + key, **values)

    def window(self, start: float, end: float | None) -> Text:
        """:func:`present.day_window`, with the language of the label it used."""
        key, _ = window_message(start, end)
        return Text(day_window(self.lib, start, end), self.message(key).lang)


def _format_date(value: dt.date, lib: Library, form: str = "long") -> _Date:
    from babel.dates import format_date, format_skeleton

    if form == "long":
        return _Date(value.isoformat(), format_date(value, "long", locale=lib.locale))
    return _Date(value.isoformat(), format_skeleton(form, value, locale=lib.locale))


def _dates(tx: _Texts, treated: dt.date | None, start: float, end: float | None) -> str | None:
    """The calendar dates of days ``start <= day < end``, formatted by babel."""
    if treated is None:
        return None
    from babel.dates import format_interval

    lib = tx.lib
    first = treated + dt.timedelta(days=int(start))
    if end is None:
        day = _format_date(first, lib, "MMMd").text
        return tx.message("handout.from_date", date=day).text
    last = treated + dt.timedelta(days=max(int(start), math.ceil(end) - 1))
    if last == first:
        return _format_date(first, lib, "MMMd").text
    return format_interval(first, last, "MMMd", locale=lib.locale)


def _safe_href(url: str | None) -> str | None:
    if (
        url
        and url.lower().startswith(("https://", "http://"))
        and not any(c.isspace() or c in "<>\"'`" for c in url)
    ):
        return url
    return None


def _pieces(text: str, clinic: _Clinic | None) -> tuple[_Piece, ...]:
    """Split an action line so 911, 811 and the clinic's number become ``tel:`` links."""
    numbers = {"911": "tel:911", "811": "tel:811"}
    alternatives = [r"(?<![\d-])(?:911|811)(?![\d-])"]
    if clinic is not None:
        numbers[clinic.phone] = clinic.phone_href
        alternatives.insert(0, re.escape(clinic.phone))
    pieces: list[_Piece] = []
    at = 0
    for match in re.finditer("|".join(alternatives), text):
        if match.start() > at:
            pieces.append(_Piece(text[at : match.start()]))
        pieces.append(_Piece(match.group(), numbers[match.group()]))
        at = match.end()
    if at < len(text):
        pieces.append(_Piece(text[at:]))
    return tuple(pieces)


def _action(tx: _Texts, level: Urgency, clinic: _Clinic | None) -> _Action:
    """The level's action, as the content says it; the clinic's name and number follow it
    for the levels that send the patient to the clinic (never a second, paraphrased action)."""
    text = tx.text(f"urgency.{level}.action")
    lead, _, rest = (*_FIRST_SENTENCE.split(text.text, maxsplit=1), "", "")[:3]
    calls_clinic = clinic is not None and level in CLINIC_LEVELS
    return _Action(
        text, _pieces(lead, clinic), _pieces(rest, clinic), clinic if calls_clinic else None
    )


def _clinic(profile: ClinicProfile | None, lib: Library) -> _Clinic | None:
    if profile is None:
        return None
    locale = str(lib.locale)
    after = profile.after_hours_phone
    return _Clinic(
        name=profile.name,
        phone=phone_display(profile.phone, locale),
        phone_href=tel_uri(profile.phone),
        after_hours=phone_display(after, locale) if after else None,
        after_hours_href=tel_uri(after) if after else None,
        address=profile.address,
        website=_safe_href(profile.website),
    )


def _glance(
    tx: _Texts, profile: ClinicProfile | None, treated: dt.date | None
) -> tuple[tuple[_Column, ...], tuple[_Row, ...]]:
    """The at-a-glance table from the content; a clinic's own window settles "ask" cells."""
    table = load_raw()["at_a_glance"]
    columns = table["columns"]
    written = functools.partial(number, tx.lib)
    heads = tuple(
        _Column(
            tx.window(c["start_day"], c["end_day"]),
            _dates(tx, treated, c["start_day"], c["end_day"]),
            tuple(map(written, range(c["start_day"], c["end_day"] or c["start_day"] + 1))),
        )
        for c in columns
    )
    words = {mark: tx.message(f"mark.{mark}") for mark in ("yes", "no", "ask")}
    rows: list[_Row] = []
    for row in table["rows"]:
        window = profile.window(row["window"]) if profile and "window" in row else None
        cells: list[_Cell] = []
        for column, mark in zip(columns, row["marks"], strict=True):
            word = words[mark]
            if window is not None and mark == "ask":
                start, end = column["start_day"], column["end_day"]
                allowed = window.allowed_from_day
                if allowed <= start:
                    mark, word = "yes", words["yes"]
                elif end is not None and allowed >= end:
                    mark, word = "no", words["no"]
                else:
                    mark, word = "from", tx.message("mark.from_day", day=written(allowed))
            cells.append(_Cell(mark, _MARK_SYMBOLS[mark], word))
        ctx = f"glance.{row['id']}"
        rows.append(_Row(row["id"], tx.text(f"{ctx}.label"), tuple(cells)))
    return heads, tuple(rows)


def _care(
    tx: _Texts, profile: ClinicProfile | None, treated: dt.date | None
) -> tuple[_CareGroup, ...]:
    lib = tx.lib
    groups: dict[str, tuple[Text, list[_CareItem]]] = {}
    for a in lib.aftercare:
        ctx = lib.contexts(a)
        window = profile.window(a.id) if profile else None
        start, end = a.start_day, a.end_day
        if window is not None:
            context = f"clinic_window.{a.id}.text"
            text = Text(clinic_window_text(lib, window), tx.text(context).lang)
            end = float(window.allowed_from_day)
        else:
            text = tx.text(str(ctx["text"]))
        why_label = lib.message("label.why")
        why = tx.text(str(ctx["rationale"]))
        _, items = groups.setdefault(a.category_id, (tx.text(category_context(a.category_id)), []))
        items.append(
            _CareItem(
                text=text,
                when=_Dated(tx.window(start, end), _dates(tx, treated, start, end)),
                why=Text(labelled(lib, why_label, why.text), why.lang),
            )
        )
    return tuple(_CareGroup(category, tuple(items)) for category, items in groups.values())


def _levels(tx: _Texts, clinic: _Clinic | None) -> tuple[_Level, ...]:
    """Emergency, care today, call your clinic: label, one action line, every sign."""
    lib = tx.lib
    levels: list[_Level] = []
    for urgency in _WARNING_LEVELS:
        ctx = f"urgency.{urgency}"
        signs = tuple(
            tx.text(str(lib.contexts(c)["sign"]))
            for c in lib.escalation_criteria
            if c.urgency is urgency
        )
        levels.append(
            _Level(
                id=str(urgency),
                label=tx.text(f"{ctx}.label"),
                timeframe=tx.text(f"{ctx}.timeframe"),
                action=_action(tx, urgency, clinic),
                signs=signs,
            )
        )
    return tuple(levels)


def _normal(tx: _Texts, treated: dt.date | None) -> tuple[_Normal, ...]:
    """The side effects that are a normal part of healing, with how long they last."""
    out: list[_Normal] = []
    for e in tx.lib.side_effects:
        if not e.expected:
            continue
        fields = tx.lib.contexts(e)
        until = e.expected_until
        when = (
            _Dated(tx.window(e.onset.start, until), _dates(tx, treated, e.onset.start, until))
            if until is not None
            else None
        )
        out.append(_Normal(tx.text(str(fields["name"])), when, tx.text(str(fields["summary"]))))
    return tuple(out)


def _phases(tx: _Texts, treated: dt.date | None) -> tuple[_Phase, ...]:
    out: list[_Phase] = []
    for p in tx.lib.healing_phases:
        fields = tx.lib.contexts(p)
        when = _Dated(
            tx.window(p.start_day, p.end_day), _dates(tx, treated, p.start_day, p.end_day)
        )
        out.append(_Phase(tx.text(str(fields["name"])), when, tx.text(str(fields["summary"]))))
    return tuple(out)


_HANDOUT_KEYS = (
    "your_clinic", "clinic_name", "phone", "after_hours", "treatment_date", "day_zero",
    "today_is_day", "at_a_glance", "glance_what", "glance_how", "care_at_home", "words",
    "sources_pointer", "clinician_title", "title", "what_is_normal", "write_dates",
    "counting_example", "tick_each_day",
)  # fmt: skip


def _interface(tx: _Texts) -> dict[str, Text]:
    """The headings and labels the templates use, by short key."""
    m = {key: tx.message(f"handout.{key}") for key in _HANDOUT_KEYS}
    for key in ("healing_phases", "escalation", "sources"):
        m[key] = tx.message(f"heading.{key}")
    for key in ("content_version", "last_reviewed", "next_review_due"):
        m[key] = tx.message(f"label.{key}")
    return m


def _page_parts(lib: Library) -> tuple[str, ...]:
    """ "Page {page} of {pages}" as CSS content: strings around the page counters."""
    page = lib.message("handout.page", page="\x00page\x00", pages="\x00pages\x00")
    counters = {"page": "counter(page)", "pages": "counter(pages)"}
    return tuple(counters.get(part) or _css_string(part) for part in page.split("\x00") if part)


def _build(
    lib: Library,
    clinic: ClinicProfile | None = None,
    treatment_date: dt.date | None = None,
) -> _Handout:
    tx = _Texts(lib)
    shown_clinic = _clinic(clinic, lib)
    columns, rows = _glance(tx, clinic, treatment_date)
    m = _interface(tx)
    info = lib.info
    version = labelled(lib, m["content_version"].text, info.content_version)
    return _Handout(
        lib=lib,
        profile=clinic,
        lang=bcp47(lib.locale),
        page_name=f"lang-{bcp47(lib.locale)}",
        title=m["title"],
        disclaimer=tx.text(DISCLAIMER_CONTEXT),
        m=m,
        clinic=shown_clinic,
        treatment_date=_format_date(treatment_date, lib) if treatment_date else None,
        levels=_levels(tx, shown_clinic),
        columns=columns,
        rows=rows,
        care=_care(tx, clinic, treatment_date),
        normal=_normal(tx, treatment_date),
        phases=_phases(tx, treatment_date),
        words=tuple(
            _Word(tx.text(f"glossary.{w['id']}.term"), tx.text(f"glossary.{w['id']}.definition"))
            for w in load_raw().get("glossary", ())
        ),
        sources=tuple(
            _SourceRef(
                s.id,
                n,
                s.publisher,
                s.year,
                s.title,
                None if s.language == lib.locale.language else s.language,
                s.link,
                _safe_href(s.link),
            )
            for n, s in enumerate(lib.sources, start=1)
        ),
        content_version=info.content_version,
        version_line=Text(version, m["content_version"].lang),
        page_parts=_page_parts(lib),
        version_css=_css_string(version),
        colon=labelled(lib, "\x00", "").split("\x00", 1)[1],
        preliminary=None if info.clinically_validated else tx.message("notice.preliminary"),
        preliminary_css=_css_string(lib.message("notice.preliminary")),
        last_reviewed=_format_date(info.last_reviewed, lib),
        next_review_due=_format_date(info.next_review_due, lib),
    )


def _css_string(text: str) -> str:
    """A CSS string literal; anything but letters, digits and spaces is escaped."""
    return '"' + "".join(c if c.isalnum() else f"\\{ord(c):x} " for c in text) + '"'


def _check(audience: str, libraries: tuple[Library, ...], what: str) -> None:
    if not libraries:
        raise ValueError(f"{what} needs at least one library")
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}; got {audience!r}")


# --- Markdown ----------------------------------------------------------------------------------
# Every text goes through _md: escaped, and wrapped in an inline <span lang> when its language
# differs from the page's (an English fallback, a source title as published). CommonMark keeps
# inline HTML, so the mark survives rendering; the blocks are then already Markdown.


def _md(text: Text | str) -> str:
    """One text as Markdown: escaped, marked with its language when that differs."""
    if isinstance(text, str):
        return escape_markdown(text)
    body = escape_markdown(text.text)
    return f'<span lang="{text.lang}">{body}</span>' if text.lang else body


def _lv(h: _Handout, label: str, value: str) -> str:
    """ "Label: value" with the locale's punctuation; both are Markdown already, the
    punctuation (a translation too) is escaped here."""
    template = escape_markdown(labelled(h.lib, "\x00", "\x01"))
    return template.replace("\x00", label, 1).replace("\x01", value, 1)


def _m(h: _Handout, key: str) -> str:
    return _md(h.m[key])


def _when(d: _Dated) -> str:
    return _md(d.window) + (f", {_md(d.dates)}" if d.dates else "")


def _action_line(h: _Handout, level: _Level) -> str:
    """The action, then the clinic's name and number when it sends the patient there."""
    extra = clinic_suffix(h.lib, Urgency(level.id), h.profile)
    return " ".join((_md(level.action.text), *map(_md, extra)))


def _preliminary(h: _Handout) -> Iterator[Block]:
    if h.preliminary is not None:
        yield Block(0, _md(h.preliminary))


def _markdown_patient(h: _Handout) -> Iterator[Block]:
    blank = _md("______")
    yield Block(1, _md(h.title))
    yield from _preliminary(h)
    clinic = h.clinic
    if clinic is not None:
        lines = [
            _lv(h, _m(h, "your_clinic"), _md(clinic.name)),
            _lv(h, _m(h, "phone"), _md(clinic.phone)),
        ]
        if clinic.after_hours:
            lines.append(_lv(h, _m(h, "after_hours"), _md(clinic.after_hours)))
        lines += [_md(x) for x in (clinic.address, clinic.website) if x]
        yield Block(0, "", tuple(lines))
    else:
        yield Block(0, "", (_lv(h, _m(h, "clinic_name"), blank), _lv(h, _m(h, "phone"), blank)))
    date = _md(h.treatment_date.text) if h.treatment_date else blank
    days = [_lv(h, _m(h, "treatment_date"), f"{date} ({_m(h, 'day_zero')})")]
    if h.treatment_date is None:  # the patient counts: one worked example
        days.append(_m(h, "counting_example"))
    yield Block(0, "", (*days, _lv(h, _m(h, "today_is_day"), blank)))
    yield Block(2, _m(h, "escalation"))
    for level in h.levels:
        yield Block(3, f"{_md(level.label)} ({_md(level.timeframe)})")
        yield Block(0, _action_line(h, level))
        yield Block(0, "", tuple(_md(s) for s in level.signs))
    yield Block(2, _m(h, "at_a_glance"))
    yield Block(0, _m(h, "glance_how"))
    for n, column in enumerate(h.columns):
        heading = _md(column.header) + (f" ({_md(column.dates)})" if column.dates else "")
        cells = tuple(
            _lv(h, _md(row.label), f"{_md(row.cells[n].symbol)} {_md(row.cells[n].word)}")
            for row in h.rows
        )
        yield Block(4, heading, cells)
    yield from _markdown_rest(h)


def _markdown_rest(h: _Handout) -> Iterator[Block]:
    yield Block(2, _m(h, "care_at_home"))
    for group in h.care:
        items = tuple(f"{_md(i.text)} ({_when(i.when)}) {_md(i.why)}" for i in group.items)
        yield Block(3, _md(group.category), items)
    yield Block(2, _m(h, "what_is_normal"))
    normal = tuple(
        _lv(h, f"{_md(n.name)} ({_when(n.when)})" if n.when else _md(n.name), _md(n.summary))
        for n in h.normal
    )
    yield Block(0, "", normal)
    yield Block(2, _m(h, "healing_phases"))
    phases = tuple(_lv(h, _when(p.when), f"{_md(p.name)}. {_md(p.summary)}") for p in h.phases)
    yield Block(0, "", phases)
    yield Block(2, _m(h, "words"))
    yield Block(0, "", tuple(_lv(h, _md(w.term), _md(w.definition)) for w in h.words))
    yield Block(0, _md(h.disclaimer))
    yield Block(0, _m(h, "sources_pointer"))
    yield Block(0, _md(h.version_line))


def _markdown_clinician(h: _Handout) -> Iterator[Block]:
    yield Block(1, _m(h, "clinician_title"))
    yield from _preliminary(h)
    yield Block(
        0,
        "",
        tuple(
            _md(f"{s.number}. [{s.id}] {s.publisher} ({s.year}).")
            + f" {_md(Text(s.title, s.lang))}."
            + (f" {_md(s.link)}" if s.link else "")
            for s in h.sources
        ),
    )
    yield Block(
        0,
        "",
        (
            _md(h.version_line),
            _lv(h, _m(h, "last_reviewed"), _md(h.last_reviewed.text)),
            _lv(h, _m(h, "next_review_due"), _md(h.next_review_due.text)),
        ),
    )


def handout_markdown(
    *libraries: Library,
    clinic: ClinicProfile | None = None,
    treatment_date: dt.date | None = None,
    audience: Audience = "patient",
) -> str:
    """The handout as CommonMark, every text escaped; each language in its own ``lang`` block.

    A text in another language than the page's (an English fallback, a source title as
    published) is wrapped in ``<span lang="...">``: inline HTML, which CommonMark keeps.
    """
    _check(audience, libraries, "handout_markdown")
    blocks = _markdown_patient if audience == "patient" else _markdown_clinician
    parts: list[str] = []
    for lib in libraries:
        h = _build(lib, clinic, treatment_date)
        body = to_markdown(tuple(blocks(h)), escaped=True)
        parts.append(f'<div lang="{h.lang}">\n\n{body}\n</div>\n')
    return "\n---\n\n".join(parts)


# --- HTML --------------------------------------------------------------------------------------


@functools.cache
def jinja_environment() -> jinja2.Environment:
    """The one Jinja2 setup of the printable pages (handout, clinician sheet, intake form):
    package templates, autoescaping on, undefined names an error. Cached; Jinja2 loads here."""
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


def handout_html(
    *libraries: Library,
    clinic: ClinicProfile | None = None,
    treatment_date: dt.date | None = None,
    audience: Audience = "patient",
) -> str:
    """The handout as one self-contained HTML page (inline CSS, no scripts, nothing fetched).

    Several libraries follow one another, each in full from a new page (pass French first).
    ``audience="clinician"`` gives the sources sheet instead of the patient handout.
    """
    _check(audience, libraries, "handout_html")
    handouts = [_build(lib, clinic, treatment_date) for lib in libraries]
    template = jinja_environment().get_template(f"{audience}.html")
    titles = (h.title if audience == "patient" else h.m["clinician_title"] for h in handouts)
    context: dict[str, Any] = {
        "handouts": handouts,
        "lang": handouts[0].lang,
        "title": " / ".join(t.text for t in titles),
    }
    return template.render(**context)
