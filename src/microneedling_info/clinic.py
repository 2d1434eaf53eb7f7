"""The clinic's own details, printed on the handout and named in every "call your clinic" action.

A patient who reads "call your clinic" needs a name and a number, so a clinic gives them once, in
code or in a small TOML file. Clinic text is the clinic's own: it is never translated, only
checked (one line, no control characters) and escaped by whatever renders it.

Phone numbers must be North American (NANP: Canada, the United States and the Caribbean), the
numbers a Quebec patient dials. They are kept in one normalised form, ``514-555-0123`` or
``514-555-0123 x123`` with an extension, and shown per language by :func:`phone_display`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, ValidationError

from .errors import ClinicProfileError

__all__ = ["ClinicProfile", "normalize_phone", "phone_display", "tel_uri"]

_PHONE_EXAMPLE = "514-555-0123, +1 514 555 0123 or (514) 555-0123 x123"

# Optional country code 1; area code and exchange start with 2-9 (NANP); any of space . - / as
# separators; an extension written x123, ext. 123, extension 123, poste 123 or p. 123.
_PHONE = re.compile(
    r"""^\s*
    (?:\+?1[\s.\-/]*)?
    (?:\((?P<area_p>[2-9]\d{2})\)|(?P<area>[2-9]\d{2}))[\s.\-/]*
    (?P<exchange>[2-9]\d{2})[\s.\-/]*
    (?P<line>\d{4})
    (?:\s*,?\s*(?:x|ext\.?|extension|poste|p\.)\s*(?P<ext>\d{1,6}))?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CANONICAL = re.compile(r"^(?P<area>\d{3})-(?P<exchange>\d{3})-(?P<line>\d{4})(?: x(?P<ext>\d+))?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def normalize_phone(value: str) -> str:
    """``"(514) 555 0123 poste 12"`` -> ``"514-555-0123 x12"``; a clear ValueError otherwise."""
    match = _PHONE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(
            f"expected a North American phone number (10 digits, area code and exchange "
            f"starting with 2-9, optional +1 and extension), such as {_PHONE_EXAMPLE}; "
            f"got {value!r}"
        )
    area = match["area"] or match["area_p"]
    number = f"{area}-{match['exchange']}-{match['line']}"
    return f"{number} x{match['ext']}" if match["ext"] else number


def _parts(phone: str) -> re.Match[str]:
    match = _CANONICAL.match(phone) or _CANONICAL.match(normalize_phone(phone))
    assert match is not None  # normalize_phone returns the canonical form or raises
    return match


def phone_display(phone: str, locale: str = "fr_CA") -> str:
    """The number as a reader of ``locale`` expects it.

    French follows the OQLF (``514 555-0123, poste 123``); English writes ``514-555-0123,
    ext. 123``. No-break spaces keep a number on one line on paper.
    """
    parts = _parts(phone)
    if str(locale).lower().startswith("fr"):
        text = f"{parts['area']}\u00a0{parts['exchange']}-{parts['line']}"
        return f"{text}, poste\u00a0{parts['ext']}" if parts["ext"] else text
    text = f"{parts['area']}-{parts['exchange']}-{parts['line']}"
    return f"{text}, ext.\u00a0{parts['ext']}" if parts["ext"] else text


def tel_uri(phone: str) -> str:
    """An RFC 3966 ``tel:`` link, so a phone dials the number from the screen version."""
    parts = _parts(phone)
    uri = f"tel:+1-{parts['area']}-{parts['exchange']}-{parts['line']}"
    return f"{uri};ext={parts['ext']}" if parts["ext"] else uri


def _one_line(value: str) -> str:
    """Line breaks and runs of spaces become one space; other control characters are refused."""
    value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty")
    if _CONTROL.search(value):
        raise ValueError("must be plain text on one line (no control characters)")
    return value


Phone = Annotated[str, AfterValidator(normalize_phone)]
Line = Annotated[str, Field(max_length=200), AfterValidator(_one_line)]
_WEBSITE = re.compile(r"^https?://[^\s<>\"'`]+$")


def _website(value: str) -> str:
    value = value.strip()
    if not _WEBSITE.match(value) or len(value) > 200:
        raise ValueError(
            f"expected an http:// or https:// address such as https://example.ca; got {value!r}"
        )
    return value


Website = Annotated[str, AfterValidator(_website)]


class ClinicProfile(BaseModel, frozen=True, extra="forbid", defer_build=True):
    """The clinic a handout, an assessment or a text message sends the patient back to.

    >>> clinic = ClinicProfile(name="Clinique Exemple", phone="(514) 555-0123 poste 12")
    >>> clinic.phone
    '514-555-0123 x12'
    >>> phone_display(clinic.phone, "fr_CA")
    '514\\xa0555-0123, poste\\xa012'
    """

    name: Line
    """The clinic's name as the patient knows it; never translated."""
    phone: Phone
    """The number to call about anything that is not an emergency, normalised."""
    after_hours_phone: Phone | None = None
    """A number for evenings and weekends, if the clinic has one."""
    address: Line | None = None
    website: Website | None = None

    @classmethod
    def from_toml(cls, path: str | Path) -> ClinicProfile:
        """Read a profile from a TOML file with the same keys as the constructor.

        Every problem (missing file, bad TOML, unknown key, bad phone number) raises
        :class:`~microneedling_info.errors.ClinicProfileError` naming the file and what is expected.
        """
        import tomllib

        path = Path(path)
        try:
            with path.open("rb") as handle:
                data: dict[str, Any] = tomllib.load(handle)
        except FileNotFoundError:
            raise ClinicProfileError(f"{path}: no such clinic profile file") from None
        except OSError as error:
            raise ClinicProfileError(f"{path}: cannot read ({error.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ClinicProfileError(f"{path}: not valid TOML ({error})") from None
        return cls.from_mapping(data, origin=str(path))

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, origin: str = "clinic profile") -> ClinicProfile:
        """Validate plain data (from TOML, JSON or a form); errors name ``origin`` and the keys."""
        keys = tuple(cls.model_fields)
        unknown = sorted(set(data) - set(keys))
        if unknown:
            raise ClinicProfileError(
                f"{origin}: unknown key(s) {', '.join(map(repr, unknown))}; "
                f"valid keys: {', '.join(keys)}"
            )
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            raise ClinicProfileError(f"{origin}: {describe_errors(error)}") from None


def describe_errors(error: ValidationError) -> str:
    """One line per field: ``phone: expected a North American phone number ...``."""
    lines = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "value"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "required"
        lines.append(f"{where}: {message}")
    return "; ".join(lines)
