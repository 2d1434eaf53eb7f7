"""The clinic's own details, printed on the handout and named in every "call your clinic" action.

A patient who reads "call your clinic" needs a name and a number, so a clinic gives them once, in
code or in a small TOML file. Clinic text is the clinic's own: it is never translated, only
checked (one line, no control characters) and escaped by whatever renders it.

Phone numbers must be North American (NANP: Canada, the United States and the Caribbean), the
numbers a Quebec patient dials. They are kept in one normalised form, ``514-555-0123`` or
``514-555-0123 x123`` with an extension, and shown per language by :func:`phone_display`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .errors import ClinicProfileError
from .signatures import DOCUMENTED

__all__ = [
    "ADDRESS_MAX_LENGTH",
    "NAME_MAX_LENGTH",
    "WEBSITE_MAX_LENGTH",
    "ClinicProfile",
    "ClinicWindow",
    "normalize_phone",
    "phone_display",
    "tel_uri",
]

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
_CANONICAL_JSON = r"^\d{3}-\d{3}-\d{4}( x\d{1,6})?$"
"""The normalised form as a JSON Schema pattern (ECMA-262 has no named groups)."""
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


Phone = Annotated[
    str,
    AfterValidator(normalize_phone),
    # what an export carries is the normalised form; any spelling is accepted on input
    WithJsonSchema({"type": "string", "pattern": _CANONICAL_JSON}, mode="serialization"),
]
NAME_MAX_LENGTH = 60
"""Longest clinic name: the name is printed on page 1 three times (the clinic block and the two
boxes that send the patient to the clinic); longer, and warning signs would leave page 1."""
ADDRESS_MAX_LENGTH = 90
"""Longest address: one printed line on page 1."""
WEBSITE_MAX_LENGTH = 80
"""Longest website address: one printed line on page 1."""


def _at_most(limit: int, what: str) -> AfterValidator:
    """A length limit, checked on the one-line form, whose error says why it exists."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(
                f"at most {limit} characters, so page 1 of the printed handout keeps every "
                f"warning sign; got {len(value)} characters: shorten the {what}"
            )
        return value

    return AfterValidator(check)


# The page limits apply to the one-line form (runs of spaces count once).
Name = Annotated[
    str,
    AfterValidator(_one_line),
    _at_most(NAME_MAX_LENGTH, "name (for example, drop 'inc.' or a long district name)"),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": NAME_MAX_LENGTH}),
]
Address = Annotated[
    str,
    AfterValidator(_one_line),
    _at_most(ADDRESS_MAX_LENGTH, "address (for example, 'boul.' for 'boulevard')"),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": ADDRESS_MAX_LENGTH}),
]
_WEBSITE = re.compile(r"^https?://[^\s<>\"'`]+$")


def _website(value: str) -> str:
    value = value.strip()
    if not _WEBSITE.match(value):
        raise ValueError(
            f"expected an http:// or https:// address such as https://example.ca; got {value!r}"
        )
    return value


Website = Annotated[
    str,
    AfterValidator(_website),
    _at_most(WEBSITE_MAX_LENGTH, "website address (for example, the home page)"),
    WithJsonSchema({"type": "string", "maxLength": WEBSITE_MAX_LENGTH}),
]


_Unit = Literal["hours", "days", "weeks"]
_UNITS: dict[_Unit, tuple[str, ...]] = {
    "hours": ("h", "hour", "hours", "heure", "heures"),
    "days": ("d", "day", "days", "jour", "jours"),
    "weeks": ("w", "week", "weeks", "semaine", "semaines"),
}
_HOURS_PER = {"hours": 1, "days": 24, "weeks": 24 * 7}
_DURATION = re.compile(r"^\s*(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-zA-Z]+)\s*$")


def _hours(spec: Mapping[str, float]) -> float:
    ((unit, amount),) = spec.items()
    return float(amount) * _HOURS_PER[unit]


def _spell(spec: Mapping[str, float]) -> str:
    ((unit, amount),) = spec.items()
    return f"{amount:g} {unit[:-1] if amount == 1 else unit}"


class ClinicWindow(BaseModel, frozen=True, extra="forbid", defer_build=True, **DOCUMENTED):
    """How long one aftercare step lasts at this clinic, chosen within the range the sources give.

    The patient then reads one number ("for 1 week") instead of a range and "ask your clinic".
    """

    aftercare_id: str
    """The aftercare step (one of :func:`settable_windows`)."""
    amount: Annotated[float, Field(gt=0, le=365, allow_inf_nan=False)]
    """How many ``unit`` the step lasts."""
    unit: _Unit
    """``hours``, ``days`` or ``weeks``."""

    @property
    def hours(self) -> float:
        return self.amount * _HOURS_PER[self.unit]

    @property
    def allowed_from_day(self) -> int:
        """The day (0 = treatment day) from which the step no longer applies."""
        return max(1, math.ceil(self.hours / 24 - 1e-9))

    @property
    def value(self) -> dict[str, float]:
        """As a content value (``{"weeks": 2}``) for babel to format."""
        return {self.unit: self.amount}

    @classmethod
    def parse(cls, aftercare_id: str, spec: object) -> ClinicWindow:
        """``"2 weeks"``, ``"48 h"``, ``"3 jours"`` or ``{"weeks": 2}``."""
        if isinstance(spec, Mapping):
            items = list(cast("Mapping[object, object]", spec).items())
            if len(items) == 1:  # {"weeks": 2}: pydantic checks the unit and the amount
                ((name, value),) = items
                return cls.model_validate(
                    {"aftercare_id": aftercare_id, "amount": value, "unit": name}
                )
        match = _DURATION.match(spec) if isinstance(spec, str) else None
        unit: _Unit | None = next(
            (u for u, names in _UNITS.items() if match and match["unit"].lower() in names), None
        )
        if match is None or unit is None:
            raise ValueError(
                f"{aftercare_id}: expected a duration such as '48 hours', '3 days' or '2 weeks'; "
                f"got {spec!r}"
            )
        amount = float(match["amount"].replace(",", "."))
        return cls(aftercare_id=aftercare_id, amount=amount, unit=unit)


def settable_windows() -> dict[str, tuple[Mapping[str, float], Mapping[str, float]]]:
    """Aftercare ids a clinic may set, with the (lowest, highest) duration the sources give."""
    from .content import load_raw

    return {w["id"]: (w["low"], w["high"]) for w in load_raw().get("clinic_windows", ())}


class ClinicProfile(BaseModel, frozen=True, extra="forbid", defer_build=True, **DOCUMENTED):
    """The clinic a handout, an assessment or a text message sends the patient back to.

    >>> from microneedling_info import ClinicProfile
    >>> clinic = ClinicProfile(name="Clinique Exemple", phone="(514) 555-0123 poste 12")
    >>> clinic.phone
    '514-555-0123 x12'
    >>> from microneedling_info.clinic import phone_display
    >>> phone_display(clinic.phone, "fr_CA")
    '514\\xa0555-0123, poste\\xa012'
    """

    name: Name
    """The clinic's name as the patient knows it; never translated. At most 60 characters
    (:data:`NAME_MAX_LENGTH`), so page 1 of the printed handout keeps every warning sign."""
    phone: Phone
    """The number to call about anything that is not an emergency, normalised."""
    after_hours_phone: Phone | None = None
    """A number for evenings and weekends, if the clinic has one."""
    address: Address | None = None
    """The clinic's street address, one line of at most 90 characters, if it should be shown."""
    website: Website | None = None
    """The clinic's website (an http(s) address, at most 80 characters), if it should be shown."""
    aftercare_windows: tuple[ClinicWindow, ...] = ()
    """The clinic's own durations for steps where sources give a range, e.g.
    ``{"sunscreen": "2 weeks"}``; each must lie within the range (see :func:`settable_windows`)."""

    @field_validator("aftercare_windows", mode="before")
    @classmethod
    def _windows_from_mapping(cls, value: object) -> object:
        if isinstance(value, Mapping):
            windows = cast("Mapping[object, object]", value)
            return tuple(ClinicWindow.parse(str(key), spec) for key, spec in windows.items())
        return value

    @model_validator(mode="after")
    def _windows_within_cited_ranges(self) -> ClinicProfile:
        ranges = settable_windows()
        seen: set[str] = set()
        for window in self.aftercare_windows:
            key = window.aftercare_id
            if key not in ranges:
                raise ValueError(
                    f"aftercare_windows: {key!r} cannot be set; "
                    f"the steps a clinic can set are {', '.join(ranges)}"
                )
            if key in seen:
                raise ValueError(f"aftercare_windows: {key!r} is given twice")
            seen.add(key)
            low, high = ranges[key]
            if not _hours(low) <= window.hours <= _hours(high):
                raise ValueError(
                    f"aftercare_windows: {key} = {_spell(window.value)} is outside the range "
                    f"the sources give, {_spell(low)} to {_spell(high)}"
                )
        return self

    def window(self, aftercare_id: str) -> ClinicWindow | None:
        """The clinic's duration for one aftercare step, or None (the sources' range applies)."""
        return next((w for w in self.aftercare_windows if w.aftercare_id == aftercare_id), None)

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
    lines: list[str] = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "value"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "required"
        lines.append(f"{where}: {message}")
    return "; ".join(lines)
