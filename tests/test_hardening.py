"""Hardening: many threads, hostile input, and a guarded public surface."""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import io
import math
import pydoc
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.signatures import FIELDS_HEADING, field_docs, own_doc

# --- threads ------------------------------------------------------------------------------


@pytest.mark.usefixtures("fresh_caches")
def test_64_threads_get_exactly_one_library_per_locale() -> None:
    spellings = ["fr_CA", "fr-CA", "fr", "FR_ca", "en_CA", "en-US", "en", "EN-ca"]
    barrier = threading.Barrier(64)
    seen: list[tuple[str, int]] = []
    errors: list[BaseException] = []
    guard = threading.Lock()

    def worker(i: int) -> None:
        try:
            barrier.wait()
            lib = mi.get_library(spellings[i % len(spellings)])
            lib.side_effect(lib.side_effects[0].id)
            lib.assess(mi.Report(days_since_treatment=i % 20, symptoms=["redness"]))
            with guard:
                seen.append((str(lib.locale), id(lib)))
        except BaseException as exc:
            with guard:
                errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(seen) == 64
    by_locale: dict[str, set[int]] = {}
    for loc, ident in seen:
        by_locale.setdefault(loc, set()).add(ident)
    assert by_locale.keys() == {"fr_CA", "en_CA"}
    assert all(len(ids) == 1 for ids in by_locale.values())


def test_threads_reading_the_screening_at_once_get_one_object() -> None:
    """The first read makes a library's screening models: every thread gets the same object.

    Python 3.11's cached_property locks; later versions do not, and two threads may both
    build: the one stored first is what every reader gets (the loser's copy is dropped).
    """
    lib = dataclasses.replace(mi.get_library("fr_CA"))  # a fresh copy: nothing made yet
    assert "_screening" not in vars(lib)
    barrier = threading.Barrier(16)
    seen: list[tuple[mi.ScreeningQuestion, ...]] = []
    guard = threading.Lock()

    def worker() -> None:
        barrier.wait()
        questions = lib.screening_questions
        lib.screening_question(questions[0].id)
        with guard:
            seen.append(questions)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 16 and all(s is lib.screening_questions for s in seen)
    # A thread that lost the race (built while another stored): it returns the stored one.
    build_again = vars(mi.Library)["_screening"].func
    assert build_again(lib) is vars(lib)["_screening"]


# --- hostile input ------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(header=st.text(max_size=300))
def test_negotiate_locale_never_raises_on_any_header(header: str) -> None:
    assert mi.negotiate_locale(header) in mi.available_locales()


@settings(max_examples=300, deadline=None)
@given(tags=st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["fr", "en-US", "*"]))))
def test_negotiate_locale_never_raises_on_any_tag_list(tags: list[str]) -> None:
    assert mi.negotiate_locale(tags) in mi.available_locales()


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.lists(st.one_of(st.text(max_size=20), st.sampled_from([s.value for s in mi.Symptom]))),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@settings(max_examples=500, deadline=None)
@given(day=anything, symptoms=anything, temperature=anything)
def test_report_is_valid_or_a_validation_error(day: Any, symptoms: Any, temperature: Any) -> None:
    try:
        report = mi.Report(days_since_treatment=day, symptoms=symptoms, temperature_c=temperature)
    except pydantic.ValidationError:
        return
    assert math.isfinite(report.days_since_treatment)
    result = mi.get_library("fr_CA").assess(report)
    assert isinstance(result, mi.Assessment)
    assert result.headline and result.action


CLI_WORDS = [
    "locales",
    "show",
    "assess",
    "side-effects",
    "phases",
    "escalation",
    "aftercare",
    "sources",
    "--locale",
    "fr-CA",
    "en",
    "de",
    "--format",
    "json",
    "text",
    "markdown",
    "--day",
    "3",
    "-1",
    "nan",
    "1e999",
    "--symptom",
    "pus",
    "sneezing",
    "--temperature",
    "38.4",
    "99",
    "catalog",
    "stats",
    "schema",
    "\x00",
    "é",
    "--",
    "-x",
    "",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=st.lists(st.one_of(st.sampled_from(CLI_WORDS), st.text(max_size=8)), max_size=6))
def test_cli_garbage_is_exit_2_one_line_no_traceback(argv: list[str]) -> None:
    argv = [a for a in argv if a not in ("-h", "--help", "--version", "--output")]
    if argv and argv[0] in ("export", "catalog"):  # they read/write files; covered elsewhere
        return
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code in (0, 1, 2)
    if code == 2:
        lines = err.getvalue().strip().splitlines()
        assert len(lines) == 1, err.getvalue()
        assert "Traceback" not in err.getvalue()


# --- public surface -----------------------------------------------------------------------

CONTRACT = {
    # API.md names; more may be added, none removed or renamed.
    "available_locales",
    "negotiate_locale",
    "get_library",
    "Library",
    "SideEffect",
    "HealingPhase",
    "EscalationCriterion",
    "AftercareInstruction",
    "Source",
    "DayRange",
    "UrgencyLevel",
    "ContentInfo",
    "Urgency",
    "Frequency",
    "Symptom",
    "Report",
    "Assessment",
    "UnsupportedLocaleError",
    "MissingTranslationError",
    "UnknownItemError",
}


def test_public_surface_is_exactly_all() -> None:
    public = {name for name in dir(mi) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(mi, name)).__name__ == "module"}
    assert public - modules == set(mi.__all__) - {"__version__"}
    assert set(mi.__all__) >= CONTRACT
    for name in mi.__all__:
        assert hasattr(mi, name), name


def test_every_public_name_is_documented() -> None:
    for name in mi.__all__:
        obj = getattr(mi, name)
        if callable(obj) or isinstance(obj, type):
            assert (obj.__doc__ or "").strip(), f"{name} has no docstring"


def test_huge_translation_entry_is_refused_not_shown() -> None:
    from microneedling_info.formatting import check_translation

    english = "Call 911 now."
    assert check_translation(english, "Composez le 911 maintenant.") is None
    problem = check_translation(english, "Composez le 911. " * 10_000)
    assert problem is not None and "too long" in problem


# The guards' quick exits (no brace, no "<" or "&", a printable text) must refuse exactly
# what the full checks refuse: each is compared with the check it skips, on texts made of
# the characters that matter.
_GUARD_TEXT = st.lists(
    st.sampled_from(
        [
            *"ab 19{}<>&#;!/.:_x\u0669",
            *("\u00a0", "\u202f", "\n", "\t", "\u200b", "\x1b", "\ue000"),
            *("{x}", "{0.__class__}", "{x!r}", "{x:>9}", "<b>", "</i>", "<!--", "&amp;", "&#60;"),
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(msgid=_GUARD_TEXT, msgstr=_GUARD_TEXT)
def test_the_guards_quick_exits_refuse_what_the_full_checks_refuse(msgid: str, msgstr: str) -> None:
    import re
    import unicodedata

    from microneedling_info import guards

    def fields(text: str) -> set[str] | str:
        try:
            return set(guards.placeholders(text))
        except ValueError as exc:
            return str(exc)

    placeholders_differ = isinstance(fields(msgid), str) or fields(msgid) != fields(msgstr)
    assert (guards._placeholders(msgid, msgstr, False) is not None) == placeholders_differ
    markup = bool(re.search(guards._MARKUP, msgstr)) and not re.search(guards._MARKUP, msgid)
    assert (guards._markup(msgid, msgstr, False) is not None) == markup
    refused = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}
    hidden = any(
        ch != "\n" and ch not in msgid and unicodedata.category(ch) in refused for ch in msgstr
    )
    assert (guards._characters(msgid, msgstr, False) is not None) == hidden
    numbers_differ = guards.numbers(msgid) != guards.numbers(msgstr)
    assert (guards._numbers(msgid, msgstr, False) is not None) == numbers_differ


def test_catalog_with_a_huge_entry_falls_back_and_reports(localedir: Path) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from microneedling_info.content import iter_messages, load_raw

    (english,) = [
        m.text for m in iter_messages(load_raw()) if m.context == "urgency.emergency.action"
    ]
    catalog = Catalog(locale="fr_CA", domain="microneedling_info")
    catalog.add(english, "Composez le 911. " * 50_000, context="urgency.emergency.action")
    target = localedir / "fr_CA" / "LC_MESSAGES" / "microneedling_info.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as f:
        write_po(f, catalog)
    mi.clear_caches()
    lib = mi.build_library("fr_CA")
    assert lib.urgency_level(mi.Urgency.EMERGENCY).action == english
    assert any("urgency.emergency.action" in p and "too long" in p for p in lib.catalog_problems)


PUBLIC_MODELS = [
    name
    for name in mi.__all__
    if isinstance(getattr(mi, name), type) and issubclass(getattr(mi, name), pydantic.BaseModel)
]


def _public_fields(cls: type) -> list[str]:
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")]
    assert issubclass(cls, pydantic.BaseModel)
    return list(cls.model_fields)  # no private field in the models


@pytest.mark.parametrize("name", [*PUBLIC_MODELS, "Library"])
def test_every_public_model_field_has_a_docstring(name: str) -> None:
    model: type = getattr(mi, name)
    assert model.__doc__, f"{name} has no docstring"
    documented = field_docs(model)
    assert list(documented) == _public_fields(model)
    missing = [field for field, doc in documented.items() if not doc.strip()]
    assert not missing, f"{name}: fields without a docstring: {missing}"


@pytest.mark.parametrize("name", [*PUBLIC_MODELS, "Library"])
def test_help_shows_each_field_with_its_docstring(name: str) -> None:
    """pydoc (help()) lists every field under "Fields:" with the first line of its docstring."""
    model: type = getattr(mi, name)
    text = pydoc.render_doc(model, renderer=pydoc.plaintext)
    section = text.split(f" |  {FIELDS_HEADING}\n", 1)[1].split("Method resolution order", 1)[0]
    for field, doc in field_docs(model).items():
        assert f" |  {field}\n" in section, (field, section)
        assert doc.splitlines()[0] in section, (field, section)


def test_the_fields_section_is_for_help_only() -> None:
    """The JSON Schema and the API reference keep the docstring as written (see own_doc)."""
    assert own_doc(mi.Report) == mi.Report.__dict__["__doc__"]
    assert FIELDS_HEADING not in (own_doc(mi.Report) or "")
    assert FIELDS_HEADING in (mi.Report.__doc__ or "")
    description = mi.SideEffect.model_json_schema()["description"]
    assert description == inspect.cleandoc(own_doc(mi.SideEffect) or "")
    written = own_doc(mi.Library) or ""
    assert written.startswith("Everything the content says") and FIELDS_HEADING not in written
    assert (mi.Library.__doc__ or "").startswith(inspect.cleandoc(written))
    assert FIELDS_HEADING in (mi.Library.__doc__ or "")
    assert mi.get_library("en_CA").__doc__ == mi.Library.__doc__  # an instance reads the same


def test_the_fields_section_costs_nothing_until_help_asks() -> None:
    """Parsing the sources for field docstrings must not happen at import or first answer."""
    code = (
        "import microneedling_info as mi\n"
        "from microneedling_info.signatures import doc_with_fields\n"
        "mi.get_library('fr_CA').assess(mi.Report(days_since_treatment=2, symptoms=['pus']))\n"
        "mi.get_library('fr_CA').screen({})\n"
        "mi.build_library('en_CA')\n"
        "assert doc_with_fields.cache_info().currsize == 0, doc_with_fields.cache_info()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_help_keeps_the_plain_signature_once_a_model_is_built() -> None:
    """Building the schema (first use) must not bring back pydantic's Annotated[...] noise."""
    mi.Report(days_since_treatment=1)
    signature = str(inspect.signature(mi.Report))
    assert signature.startswith("(*, days_since_treatment: float,"), signature
    assert "Annotated" not in signature


@pytest.mark.parametrize("name", [*PUBLIC_MODELS, "Library"])
def test_help_shows_the_fields_not_data_any(name: str) -> None:
    text = pydoc.render_doc(getattr(mi, name), renderer=pydoc.plaintext)
    header = text.split("\n |  \n", 1)[0]
    assert "**data" not in header, header
    assert not re.search(r"[(\s]_\w+:", header), header  # no private parameter
    first_field = next(
        iter(
            getattr(mi, name).__dataclass_fields__
            if name == "Library"
            else getattr(mi, name).model_fields
        )
    )
    assert f"{first_field}:" in header, header
