"""The ``microneedling-info`` command line.

Bad input (a locale, symptom or number) prints one line on stderr naming the
valid values and exits 2 -- never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, cast

from pydantic import ValidationError

from .errors import MicroneedlingInfoError
from .locales import DEFAULT_LOCALE

if TYPE_CHECKING:
    from .library import Library

__all__ = ["main"]

PROG = "microneedling-info"


class UsageError(Exception):
    """Bad command-line input: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def environment_locale() -> str:
    """The locale from LC_ALL / LC_MESSAGES / LANG (``fr_CA.UTF-8`` → ``fr_CA``), else fr_CA."""
    from .locales import negotiate_locale

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return negotiate_locale([value], default=DEFAULT_LOCALE)
    return DEFAULT_LOCALE


def _library(args: argparse.Namespace) -> Library:
    from .library import get_library

    return get_library(args.locale or environment_locale())


def _cmd_locales(args: argparse.Namespace) -> int:
    from babel import Locale

    from .locales import available_locales

    for loc in available_locales():
        print(f"{loc}\t{Locale.parse(loc).get_display_name(loc)}")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
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


def _cmd_assess(args: argparse.Namespace) -> int:
    from .assessment import Report
    from .present import assessment_text

    lib = _library(args)
    report = Report(
        days_since_treatment=args.day, symptoms=args.symptom or (), temperature_c=args.temperature
    )
    result = lib.assess(report)
    if args.format == "json":
        payload = {
            "locale": result.locale,
            "urgency": result.urgency.value,
            "matched": [c.id for c in result.matched],
            "expected": [e.id for e in result.expected],
            "unusual_symptoms": [s.value for s in result.unusual_symptoms],
            "headline": result.headline,
            "action": result.action,
            "timeframe": result.timeframe,
            "signs": [c.sign for c in result.matched],
            "expected_notes": list(result.expected_notes),
            "disclaimer": result.disclaimer,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(assessment_text(lib, result))
    return 0


def _number(kind: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            return float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{kind} must be a number, not {text!r}") from None

    parse.__name__ = kind
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the docs and tests)."""
    from .present import SECTIONS
    from .vocab import Symptom

    parser = _Parser(
        prog=PROG,
        description="Bilingual patient information about microneedling "
        "(information, not a diagnosis).",
    )
    from ._version import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def locale_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--locale",
            help="fr-CA, en-CA, fr, en... (default: $LC_ALL/$LANG, then fr_CA)",
        )

    p = sub.add_parser("locales", help="list the available languages")
    p.set_defaults(func=_cmd_locales)

    p = sub.add_parser("show", help="print one section of the content")
    p.add_argument("section", choices=SECTIONS)
    locale_option(p)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("assess", help="is this normal healing, or must the patient act?")
    p.add_argument("--day", type=_number("--day"), required=True, help="days since treatment")
    p.add_argument(
        "--symptom",
        action="append",
        choices=[s.value for s in Symptom],
        metavar="SYMPTOM",
        help="a reported symptom (repeat for several): " + ", ".join(s.value for s in Symptom),
    )
    p.add_argument("--temperature", type=_number("--temperature"), help="body temperature in °C")
    locale_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_assess)

    from . import catalog_check, export

    plain = cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub)
    export.add_commands(plain)
    catalog_check.add_commands(plain)
    return parser


def _validation_line(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(x) for x in err["loc"]) or "input"
    return f"{where}: {err['msg']}"


def _one_line(message: str) -> str:
    """Escape control characters (a hostile argument must not forge extra output lines)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        result: int = args.func(args)
        return result
    except UsageError as exc:
        message = str(exc)
    except ValidationError as exc:
        message = _validation_line(exc)
    except (MicroneedlingInfoError, ValueError) as exc:
        message = str(exc)
    except BrokenPipeError:
        return 1
    print(f"{PROG}: error: {_one_line(message)}", file=sys.stderr)
    return 2
