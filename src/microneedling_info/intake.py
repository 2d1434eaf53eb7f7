"""The printable intake form: the screening questions a patient answers at the front desk.

One self-contained HTML page (inline CSS, no scripts, nothing fetched), Letter
paper. Each language is a whole form on its own pages (a patient fills in one),
French first when several libraries are given. Every word comes from the
library; Jinja2 (the optional ``[html]`` extra) escapes every text, and a text
that fell back to English is marked ``lang="en"`` (WCAG 3.1.2).

The clinic reads the answers with :meth:`Library.screen` (or ``microneedling-info
screen``): the form asks exactly :attr:`Library.screening_questions`, with their ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .handout import Text, bcp47, jinja_environment
from .present import labelled
from .vocab import AnswerKind, MessageKey

if TYPE_CHECKING:
    from .library import ContentItem, Library

__all__ = ["intake_html"]


@dataclass(frozen=True, slots=True)
class _Question:
    id: str
    number: int
    text: Text
    why: Text
    """ "Why we ask: ..." with the locale's punctuation."""
    asks_date: bool


@dataclass(frozen=True, slots=True)
class _Form:
    lang: str
    title: Text
    preliminary: Text | None
    """ "Preliminary version - not clinically validated" until a clinician's approval matches."""
    instructions: Text
    note: Text
    disclaimer: Text
    labels: dict[str, Text]
    result_label: Text
    """ "Result:" with the locale's punctuation."""
    questions: tuple[_Question, ...]
    outcomes: tuple[tuple[str, Text], ...]
    """(id, label) of each outcome, for the clinic's box, mildest first."""
    version: Text


class _Texts:
    """A library's texts as :class:`Text`, marking the ones that fell back to English."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def lang(self, context: str) -> str | None:
        """None when ``context`` is in the library's language, else the BCP 47 tag of its own."""
        where = self.lib.text_locale(context)
        return None if where == self.lib.locale else bcp47(where)

    def field(self, item: ContentItem, name: str) -> Text:
        context = self.lib.contexts(item)[name]
        assert isinstance(context, str)
        return Text(getattr(item, name), self.lang(context))

    def labelled(self, label_key: MessageKey, value: Text) -> Text:
        """ "Label: value"; marked English when the value fell back."""
        return Text(labelled(self.lib, self.lib.message(label_key), value.text), value.lang)

    def message(self, key: MessageKey, **values: str) -> Text:
        return Text(self.lib.message(key, **values), self.lang(f"message.{key}"))


def _build(lib: Library) -> _Form:
    t = _Texts(lib)
    labels = {
        key: t.message(key)
        for key in (
            "label.answer_yes",
            "label.answer_no",
            "label.answer_date",
            "intake.name",
            "intake.today",
            "intake.signature",
            "intake.for_clinic",
            "intake.checked_by",
            "label.content_version",
            "label.last_reviewed",
        )
    }
    questions = tuple(
        _Question(
            id=q.id,
            number=n,
            text=t.field(q, "text"),
            why=t.labelled("label.why_asked", t.field(q, "why")),
            asks_date=q.answer_kind is AnswerKind.DATE,
        )
        for n, q in enumerate(lib.screening_questions, start=1)
    )
    outcomes = tuple(
        (o.id.value, t.field(o, "label"))
        for o in sorted(lib.screening_outcomes, key=lambda o: o.id)
    )
    from babel.dates import format_date

    info = lib.info
    reviewed = format_date(info.last_reviewed, format="long", locale=lib.locale)
    version = Text(
        labelled(lib, lib.message("label.content_version"), info.content_version)
        + " · "
        + labelled(lib, lib.message("label.last_reviewed"), reviewed)
    )
    return _Form(
        lang=bcp47(lib.locale),
        title=t.message("intake.title"),
        preliminary=None if info.clinically_validated else t.message("notice.preliminary"),
        instructions=t.message("intake.instructions"),
        note=t.message("screening.note"),
        disclaimer=Text(info.disclaimer, t.lang("content.disclaimer")),
        labels=labels,
        result_label=Text(labelled(lib, lib.message("label.result"), "").rstrip()),
        questions=questions,
        outcomes=outcomes,
        version=version,
    )


def intake_html(*libraries: Library) -> str:
    """The intake form as one self-contained HTML page, one whole form per library.

    Pass French first (``export_locales()`` order); each language starts on a new page.
    """
    if not libraries:
        raise ValueError("intake_html needs at least one library")
    forms = [_build(lib) for lib in libraries]
    template = jinja_environment().get_template("intake.html")  # the handout's Jinja2 setup
    title = " / ".join(f.title.text for f in forms)
    return template.render(forms=forms, lang=forms[0].lang, title=title)
