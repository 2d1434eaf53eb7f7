"""The ``microneedling-info`` command line: every argparse line of the package lives here.

Bad input (a locale, symptom or number) prints one line on stderr naming the
valid values and exits 2 -- never a traceback.

Adding a command: write ``_<name>_command(sub)`` (its parser, options and
handler, next to the others) and list it in :data:`COMMANDS`. Adding an option
to a command: one ``p.add_argument`` in that function. The library modules
(``export``, ``catalog_check``...) know nothing about argparse; handlers import
them lazily so that building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn, Protocol, cast

from pydantic import ValidationError

from .errors import MicroneedlingInfoError
from .locales import environment_locale

if TYPE_CHECKING:
    from .catalog_check import Problem
    from .clinic import ClinicProfile
    from .library import Library
    from .vocab import MessageKey

__all__ = ["COMMANDS", "PROG", "UsageError", "build_parser", "environment_locale", "main"]

PROG: Final = "microneedling-info"

_MAX_WARNINGS = 5
"""Catalog problems printed per library; the rest are counted."""


class Subcommands(Protocol):
    """What a command function receives: ``sub.add_parser(name, help=...)`` adds the command.

    (What ``ArgumentParser.add_subparsers`` returns, whose class argparse keeps private.)
    """

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


class _Options(Protocol):
    """A parser or a group of mutually exclusive options: both take ``add_argument``."""

    def add_argument(self, *name_or_flags: str, help: str | None = ...) -> argparse.Action: ...


class UsageError(Exception):
    """Bad command-line input: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# --------------------------------------------------------------------------- shared pieces


def _locale_option(p: _Options) -> None:
    p.add_argument("--locale", help="fr-CA, en-CA, fr, en... (default: $LC_ALL/$LANG, then fr_CA)")


def _library(args: argparse.Namespace) -> Library:
    """The library of ``--locale`` (else the environment's); its catalog problems warned about."""
    from .library import get_library

    library = get_library(args.locale or environment_locale())
    _warn([library])
    return library


def _say(key: str, args: argparse.Namespace | None = None, **values: str) -> str:
    """The CLI's own message ``cli.<key>`` in the requested language (English if none works)."""
    from .library import get_library

    locale = (getattr(args, "locale", None) if args is not None else None) or None
    try:
        library = get_library(locale or environment_locale())
    except MicroneedlingInfoError:
        library = get_library("en_CA")
    return library.message(cast("MessageKey", f"cli.{key}"), **values)


def _warn(libraries: Sequence[Library]) -> None:
    """The same warnings on stderr in every command: catalog problems, then English fallbacks."""
    for lib in libraries:
        for problem in lib.catalog_problems[:_MAX_WARNINGS]:
            text = lib.message("cli.warning.catalog", problem=_one_line(problem))
            print(f"{PROG}: warning: {text}", file=sys.stderr)
        hidden = len(lib.catalog_problems) - _MAX_WARNINGS
        if hidden > 0:
            print(f"{PROG}: warning: (+{hidden})", file=sys.stderr)
        if lib.missing_translations:
            text = lib.message(
                "cli.warning.fallback",
                count=str(len(lib.missing_translations)),
                locale=lib.info.locale,
            )
            print(f"{PROG}: warning: {text}", file=sys.stderr)


def _number(text: str, option: str, lib: Library) -> float:
    """``3``, ``38.4``, or ``38,4`` where the language writes a decimal comma (babel parses)."""
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return float(text)
    except ValueError:
        pass
    try:
        return float(parse_decimal(text, locale=lib.locale, strict=True))
    except (NumberFormatError, ValueError, ArithmeticError):
        raise UsageError(
            lib.message("cli.error.number", option=option, value=_shown(text))
        ) from None


def _shown(value: str) -> str:
    from .errors import shown

    return shown(value)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(path: Path, text: str, args: argparse.Namespace) -> None:
    """Write atomically: a temporary file in the same directory, then ``os.replace``.

    On any failure (a full disk, a file-size limit, a name too long) the previous
    file is untouched and nothing partial remains.
    """
    import tempfile

    def failed(exc: OSError) -> UsageError:
        reason = exc.strerror or type(exc).__name__
        return UsageError(_say("error.cannot_write", args, path=_shown(str(path)), reason=reason))

    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".microneedling-info-")
    except OSError as exc:
        raise failed(exc) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise failed(exc) from None
        raise


# --------------------------------------------------------------------------- locales


def _run_locales(args: argparse.Namespace) -> int:
    from babel import Locale

    from .locales import available_locales

    for loc in available_locales():
        print(f"{loc}\t{Locale.parse(loc).get_display_name(loc)}")
    return 0


def _locales_command(sub: Subcommands) -> None:
    p = sub.add_parser("locales", help="list the available languages")
    p.set_defaults(func=_run_locales)


# --------------------------------------------------------------------------- show


def _run_show(args: argparse.Namespace) -> int:
    from .present import SECTION_ATTRIBUTES, blocks, to_markdown, to_text

    lib = _library(args)
    if args.format == "json":
        items = [m.model_dump(mode="json") for m in getattr(lib, SECTION_ATTRIBUTES[args.section])]
        print(
            json.dumps(
                {"locale": lib.info.locale, args.section: items}, ensure_ascii=False, indent=2
            )
        )
        return 0
    render = to_markdown if args.format == "markdown" else to_text
    sys.stdout.write(render(blocks(lib, args.section)))
    return 0


def _show_command(sub: Subcommands) -> None:
    from .present import SECTIONS

    p = sub.add_parser("show", help="print one section of the content")
    p.add_argument("section", choices=SECTIONS)
    _locale_option(p)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.set_defaults(func=_run_show)


# --------------------------------------------------------------------------- clinic, dates


def _clinic_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--clinic",
        metavar="FILE.toml",
        help="the clinic's profile: name, phone, after_hours_phone, address, website",
    )
    p.add_argument("--clinic-name", metavar="NAME", help="the clinic's name (with --clinic-phone)")
    p.add_argument(
        "--clinic-phone", metavar="PHONE", help="its North American phone number, e.g. 514-555-0123"
    )
    p.add_argument(
        "--treatment-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day of treatment (day 0): real dates beside each day range",
    )


def _clinic(args: argparse.Namespace) -> ClinicProfile | None:
    """The profile from --clinic FILE.toml, or from --clinic-name and --clinic-phone."""
    from .clinic import ClinicProfile

    if args.clinic is not None:
        if args.clinic_name or args.clinic_phone:
            raise UsageError("give --clinic FILE.toml, or --clinic-name and --clinic-phone")
        return ClinicProfile.from_toml(args.clinic)
    if args.clinic_name is None and args.clinic_phone is None:
        return None
    if not (args.clinic_name and args.clinic_phone):
        raise UsageError("--clinic-name and --clinic-phone go together")
    try:
        return ClinicProfile(name=args.clinic_name, phone=args.clinic_phone)
    except ValidationError as exc:
        from .clinic import describe_errors

        raise UsageError(f"clinic: {describe_errors(exc)}") from None


# --------------------------------------------------------------------------- assess


def _run_assess(args: argparse.Namespace) -> int:
    from .assessment import Report
    from .dates import day_number
    from .present import assessment_text, with_clinic

    lib = _library(args)
    clinic = _clinic(args)
    if args.treatment_date is not None:
        if args.day is not None:
            raise UsageError("give --day or --treatment-date, not both")
        try:
            day: float = day_number(args.treatment_date)
        except ValueError as exc:
            raise UsageError(f"--treatment-date: {exc}") from None
    elif args.day is not None:
        day = _number(args.day, "--day", lib)
    else:
        raise UsageError("give --day N (days since treatment) or --treatment-date YYYY-MM-DD")
    temperature = (
        None if args.temperature is None else _number(args.temperature, "--temperature", lib)
    )
    report = Report(
        days_since_treatment=day,
        symptoms=args.symptom or (),
        temperature_c=temperature,
    )
    result = lib.assess(report)
    if args.format == "json":
        payload: dict[str, object] = {
            "locale": result.locale,
            "urgency": result.urgency.value,
            "matched": [c.id for c in result.matched],
            "expected": [e.id for e in result.expected],
            "unusual_symptoms": [s.value for s in result.unusual_symptoms],
            "headline": result.headline,
            "action": with_clinic(lib, result.urgency, result.action, clinic),
            "timeframe": result.timeframe,
            "signs": [c.sign for c in result.matched],
            "expected_notes": list(result.expected_notes),
            "disclaimer": result.disclaimer,
        }
        if clinic is not None:
            payload["clinic"] = clinic.model_dump(mode="json", exclude_defaults=True)
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(assessment_text(lib, result, clinic=clinic))
    return 0


def _assess_command(sub: Subcommands) -> None:
    from .vocab import Symptom

    p = sub.add_parser("assess", help="is this normal healing, or must the patient act?")
    p.add_argument(
        "--day", help="days since treatment (3, 2.5, or 2,5 in French; or give --treatment-date)"
    )
    p.add_argument(
        "--symptom",
        action="append",
        choices=[s.value for s in Symptom],
        metavar="SYMPTOM",
        help="a reported symptom (repeat for several): " + ", ".join(s.value for s in Symptom),
    )
    p.add_argument("--temperature", help="body temperature in °C (38.4, or 38,4 in French)")
    _locale_option(p)
    _clinic_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_run_assess)


# --------------------------------------------------------------------------- screen


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date must be YYYY-MM-DD, not {text!r}") from None


def _run_screen(args: argparse.Namespace) -> int:
    from .present import screening_text
    from .screening import parse_answer

    lib = _library(args)
    answers: dict[str, bool | dt.date] = {}
    for pair in args.answer or ():
        question_id, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(
                lib.message("cli.error.answer_format", option="--answer", value=_shown(pair))
            )
        question = lib.screening_question(question_id.strip())
        if question.id in answers:
            raise UsageError(
                lib.message("cli.error.answer_twice", option="--answer", question=question.id)
            )
        answers[question.id] = parse_answer(question, value)
    result = lib.screen(answers, on=args.treatment_date)
    if args.format == "json":
        payload = {
            "locale": result.locale,
            "outcome": result.outcome.value,
            "matched": [c.id for c in result.matched],
            "treatment_date": result.on.isoformat(),
            "until": result.until.isoformat() if result.until else None,
            "unanswered": list(result.unanswered),
            "label": result.label,
            "action": result.action,
            "reasons": list(result.reasons),
            "actions": list(result.actions),
            "until_text": result.until_text,
            "note": result.note,
            "disclaimer": result.disclaimer,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(screening_text(lib, result))
    return 0


def _screen_command(sub: Subcommands) -> None:
    p = sub.add_parser(
        "screen",
        help="before treatment: go ahead, with care, wait, or see a doctor first?",
        description="Check a patient's answers to the screening questions "
        "(`show screening` lists them). Unanswered questions are listed, not assumed.",
    )
    p.add_argument(
        "--answer",
        action="append",
        metavar="ID=ANSWER",
        help="a question id and yes, no or a date YYYY-MM-DD (repeat for several)",
    )
    p.add_argument(
        "--treatment-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the planned treatment date (default: today)",
    )
    _locale_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_run_screen)


# --------------------------------------------------------------------------- export, schema

_EXTENSIONS: Final = {"json": "json", "fhir": "fhir.json", "markdown": "md", "html": "html"}
FILE_PREFIX: Final = "microneedling-info"


def _locales_options(p: argparse.ArgumentParser) -> None:
    """``--locale L`` or ``--all-locales`` (French first): what ``_export_libraries`` reads."""
    which = p.add_mutually_exclusive_group()
    _locale_option(which)
    which.add_argument(
        "--all-locales", action="store_true", help="every shipped language, French first"
    )


def _export_libraries(args: argparse.Namespace) -> list[Library]:
    from .export import export_locales
    from .library import get_library

    if args.all_locales:
        return [get_library(loc) for loc in export_locales()]
    return [get_library(args.locale or environment_locale())]


def _single_target(output: str, default_name: str, args: argparse.Namespace) -> Path:
    """``--output`` naming one file; an existing directory gets ``default_name`` inside it."""
    path = Path(output)
    try:
        return path / default_name if path.is_dir() else path
    except OSError as exc:  # a parent that cannot be searched, a name too long
        reason = exc.strerror or type(exc).__name__
        raise UsageError(
            _say("error.cannot_write", args, path=_shown(output), reason=reason)
        ) from None


def _output(args: argparse.Namespace) -> str | None:
    """``--output``: None for stdout (no option, or ``-``); an empty name is an error."""
    if args.output == "":
        raise UsageError(_say("error.empty_output", args, option="--output"))
    return None if args.output in (None, "-") else str(args.output)


def _deliver(text: str, output: str | None, name: str, args: argparse.Namespace) -> None:
    """``text`` to stdout (``output`` None) or to ``output`` (a directory gets ``name``)."""
    if output is None:
        sys.stdout.write(text)
    else:
        _write(_single_target(output, name, args), text, args)


def _output_directory(output: str, args: argparse.Namespace) -> Path:
    directory = Path(output)
    try:
        if directory.exists() and not directory.is_dir():
            raise UsageError(f"--output {_shown(output)} must be a directory with --all-locales")
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(
            _say("error.cannot_write", args, path=_shown(output), reason=reason)
        ) from None
    return directory


def _run_export(args: argparse.Namespace) -> int:
    from .export import document_json, export_document

    if args.format == "json":
        given = [
            option
            for option, value in (
                ("--treatment-date", args.treatment_date),
                ("--audience", args.audience if args.audience != "patient" else None),
            )
            if value is not None
        ]
        if given:
            raise UsageError(
                f"{given[0]} applies to the handout (--format markdown or html) and to assess"
            )
    output = _output(args)
    libraries = _export_libraries(args)
    _warn(libraries)
    ext = _EXTENSIONS[args.format]
    locales = [lib.info.locale for lib in libraries]

    if args.format == "json":
        clinic = _clinic(args)
        documents = [export_document(lib, clinic) for lib in libraries]
        if args.all_locales and output is not None:
            directory = _output_directory(output, args)
            for doc in documents:
                _write(directory / f"{FILE_PREFIX}.{doc.locale}.{ext}", document_json(doc), args)
            return 0
        text = document_json(documents if args.all_locales else documents[0])
    elif args.format == "fhir":
        from .fhir import fhir_bundle

        # One bundle carries every shipped language (FHIR translation extensions); its
        # base language is --locale's, French with --all-locales.
        locales = locales[:1]
        text = json.dumps(fhir_bundle(libraries[0]), ensure_ascii=False, indent=2) + "\n"
    else:
        from . import handout

        render = handout.handout_html if args.format == "html" else handout.handout_markdown
        text = render(
            *libraries,
            clinic=_clinic(args),
            treatment_date=args.treatment_date,
            audience=args.audience,
        )

    _deliver(text, output, f"{FILE_PREFIX}.{'-'.join(locales)}.{ext}", args)
    return 0


def _export_command(sub: Subcommands) -> None:
    p = sub.add_parser(
        "export",
        help=(
            "export everything: JSON or a FHIR R4 bundle for other systems, or a "
            "Markdown/HTML patient handout"
        ),
        description=(
            "JSON: one document per locale (see `schema`). FHIR: an R4 Bundle (collection) "
            "with the self-report Questionnaire and the warning-sign PlanDefinition, in the "
            "locale's language with the others as translations. Markdown/HTML: a printable "
            "patient handout; with --all-locales the HTML shows the languages side by side, "
            "French first."
        ),
    )
    _locales_options(p)
    p.add_argument("--format", choices=tuple(_EXTENSIONS), required=True)
    p.add_argument(
        "--output",
        metavar="PATH",
        help=(
            "write to PATH instead of stdout (a file, or an existing directory; "
            "JSON with --all-locales: a directory, one file per locale; - is stdout)"
        ),
    )
    _clinic_options(p)
    p.add_argument(
        "--audience",
        choices=("patient", "clinician"),
        default="patient",
        help="patient: the handout (default); clinician: the sheet of sources it points to",
    )
    p.set_defaults(func=_run_export)


def _run_intake_form(args: argparse.Namespace) -> int:
    from .intake import intake_html

    output = _output(args)
    libraries = _export_libraries(args)
    _warn(libraries)
    locales = "-".join(lib.info.locale for lib in libraries)
    _deliver(intake_html(*libraries), output, f"{FILE_PREFIX}.intake.{locales}.html", args)
    return 0


def _intake_form_command(sub: Subcommands) -> None:
    p = sub.add_parser(
        "intake-form",
        help="the printable screening form a patient fills in before treatment (HTML)",
        description="One self-contained HTML page on Letter paper with every screening "
        "question (`show screening`); with --all-locales each language is a whole form, "
        "French first. Needs the [html] extra (Jinja2).",
    )
    _locales_options(p)
    p.add_argument(
        "--output",
        metavar="PATH",
        help="write to PATH instead of stdout (a file, or an existing directory; - for stdout)",
    )
    p.set_defaults(func=_run_intake_form)


def _run_schema(args: argparse.Namespace) -> int:
    from .export import schema_json

    sys.stdout.write(schema_json())
    return 0


def _schema_command(sub: Subcommands) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema (draft 2020-12) of the JSON export")
    p.set_defaults(func=_run_schema)


# --------------------------------------------------------------------------- catalog check, stats


def _catalog_file(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such catalog file: {text}")
    if path.suffix not in (".po", ".pot", ".mo"):
        raise argparse.ArgumentTypeError(f"not a .po, .pot or .mo file: {text}")
    return path


def _glossary_file(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such glossary file: {text}")
    return path


def _locale_id(text: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(text.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        raise UsageError(f"--locale {text!r} is not a locale id (e.g. fr_CA)") from None


def _run_catalog_check(args: argparse.Namespace) -> int:
    from .catalog_check import (
        check_catalog,
        check_shipped,
        check_template,
        load_glossary,
        shipped_catalogs,
    )

    notes: list[str] = []
    try:
        glossary = load_glossary(args.glossary) if args.glossary is not None else None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"--glossary: {exc}") from None
    problems: list[Problem] = []
    if args.paths:
        locale = _locale_id(args.locale) if args.locale else None
        for path in args.paths:
            if path.suffix == ".pot":
                problems.extend(check_template(path))
            else:
                problems.extend(check_catalog(path, locale, glossary=glossary, notes=notes))
        checked = len(args.paths)
    else:
        problems = check_shipped(args.locale, glossary=glossary, notes=notes)
        checked = len(shipped_catalogs(args.locale))
    for problem in problems:
        print(problem)
    for note in dict.fromkeys(notes):
        print(f"catalog check: {note}", file=sys.stderr)
    if not problems:
        print(f"catalog check: {checked} catalog(s) OK", file=sys.stderr)
        return 0
    gate = [p for p in problems if p.safety]
    summary = f"catalog check: {len(problems)} problem(s) in {checked} catalog(s)"
    if gate:
        summary += f"; SAFETY GATE FAILED: {len(gate)} safety text(s) not usable"
    print(summary, file=sys.stderr)
    return 1


def _run_catalog_stats(args: argparse.Namespace) -> int:
    from .catalog_check import catalog_stats

    header = ("locale", "total", "translated", "fuzzy", "untranslated", "obsolete", "safety")
    print("\t".join((*header, "translated %")))
    failed = False
    for s in catalog_stats():
        if s.error:
            failed = True
            print(f"{s.locale}\tcannot read catalog ({s.error})")
            continue
        share = f"{s.share_translated:.1%}" + (" (source language)" if s.source else "")
        cells = (
            s.locale,
            s.total,
            s.translated,
            s.fuzzy,
            s.untranslated,
            s.obsolete,
            f"{s.safety_translated}/{s.safety_total}",
            share,
        )
        print("\t".join(str(c) for c in cells))
    return 1 if failed else 0


def _catalog_command(sub: Subcommands) -> None:
    catalog = sub.add_parser(
        "catalog", help="translators' tools: check the catalogs, count entries"
    )
    catalog.set_defaults(func=_choose("catalog command", "check, stats"))
    commands = catalog.add_subparsers(dest="catalog_command", parser_class=_Parser)

    p = commands.add_parser(
        "check",
        help="check the template and catalogs (exit 0 clean, 1 problems, 2 usage)",
        description="Print each problem as file:line: msgctxt: problem. See docs/translators.md.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=_catalog_file,
        metavar="PATH",
        help="a .po/.pot file (default: the shipped catalogs)",
    )
    p.add_argument(
        "--locale", help="only this shipped locale; with PATH, the language of the files"
    )
    p.add_argument(
        "--glossary", type=_glossary_file, help="glossary CSV (default: locales/glossary.csv)"
    )
    p.set_defaults(func=_run_catalog_check)

    p = commands.add_parser(
        "stats", help="entries per locale: translated, fuzzy, untranslated, obsolete"
    )
    p.set_defaults(func=_run_catalog_stats)


# --------------------------------------------------------------------------- the parser

COMMANDS: Final[tuple[Callable[[Subcommands], None], ...]] = (
    _locales_command,
    _show_command,
    _assess_command,
    _screen_command,
    _export_command,
    _intake_form_command,
    _schema_command,
    _catalog_command,
)
"""One function per subcommand, in ``--help`` order: each adds its parser, options and handler."""


def _choose(what: str, names: str) -> Callable[[argparse.Namespace], int]:
    def missing(args: argparse.Namespace) -> int:
        raise UsageError(f"choose a {what}: {names}")

    return missing


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the docs and tests)."""
    from ._version import __version__

    parser = _Parser(
        prog=PROG,
        description="Bilingual patient information about microneedling "
        "(information, not a diagnosis).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # Not required=True: argparse would then answer "--bogus" with "required: command".
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for add_command in COMMANDS:
        add_command(sub)
    parser.set_defaults(func=_choose("command", ", ".join(sub.choices)))
    return parser


def _validation_line(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(x) for x in err["loc"]) or "input"
    return f"{where}: {err['msg']}"


def _one_line(message: str) -> str:
    """Escape control characters (a hostile argument must not forge extra output lines)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Exit 0 done, 1 problems found (``catalog check``) or stdout closed by the reader
    (``| head``), 2 bad input or an output that cannot be written -- one line on stderr.
    """
    import logging

    # The command warns on stderr itself (_warn); no second copy through logging's last resort.
    logger = logging.getLogger(__package__)
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    if sys.stdout is None:  # started with stdout closed (>&-): nothing could be written
        print(f"{PROG}: error: standard output is closed", file=sys.stderr)
        return 2
    try:
        args = build_parser().parse_args(argv)
        result: int = args.func(args)
        sys.stdout.flush()  # a full disk must fail here, not silently at exit
        return result
    except UsageError as exc:
        message = str(exc)
    except ValidationError as exc:
        message = _validation_line(exc)
    except MicroneedlingInfoError as exc:
        message = str(exc)
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except SystemExit as exc:  # --help, --version
        with contextlib.suppress(OSError):
            sys.stdout.flush()
        return exc.code if isinstance(exc.code, int) else 0
    except OSError as exc:  # writing stdout (a full disk, an I/O error), or reading a file
        reason = exc.strerror or type(exc).__name__
        if exc.filename is None:
            _silence_stdout()
            message = f"cannot write the output: {reason}"
        else:
            message = f"{_shown(str(exc.filename))}: {reason}"
    print(f"{PROG}: error: {_one_line(message)}", file=sys.stderr)
    return 2
