"""How many SMS segments a text costs: GSM 03.38 (7-bit) or UCS-2.

A text message is sent in the GSM 7-bit default alphabet when every character is in
it (160 septets; a character of the extension table, such as ``€`` or ``[``, costs
two), and in UCS-2 otherwise (70 UTF-16 code units): one ``ê``, ``ç``, typographic apostrophe or
no-break space switches the whole message to UCS-2. A longer message is split into
segments that each lose room to the concatenation header: 153 septets or 67 units.
A character is never split between two segments (an escape pair or a surrogate pair
moves whole to the next one), as phones and carriers do.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["GSM_7", "UCS_2", "sms_encoding", "sms_segments"]

GSM_7: Final = "GSM-7"
UCS_2: Final = "UCS-2"
Encoding = Literal["GSM-7", "UCS-2"]

# 3GPP TS 23.038 (GSM 03.38), 6.2.1: the default alphabet, code points 0x00-0x7F in
# order, without 0x1B (the escape to the extension table).
_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
) - {"\x1b"}
# 6.2.1.1: the extension table (escape + one septet): form feed ^ { } \ [ ~ ] | €.
_EXTENSION: Final = frozenset("\f^{}\\[~]|€")

# (one segment, each segment of a longer message), in septets or UTF-16 code units.
_LIMITS: Final = {GSM_7: (160, 153), UCS_2: (70, 67)}


def sms_encoding(text: str) -> Encoding:
    """``"GSM-7"`` when every character is in the GSM 03.38 alphabet, else ``"UCS-2"``.

    >>> sms_encoding("Day 3: call 911."), sms_encoding("Jour 3 : ça guérit.")
    ('GSM-7', 'UCS-2')
    """
    if all(c in _BASIC or c in _EXTENSION for c in text):
        return GSM_7
    return UCS_2


def _costs(text: str, encoding: Encoding) -> list[int]:
    if encoding == GSM_7:
        return [2 if c in _EXTENSION else 1 for c in text]
    return [2 if ord(c) > 0xFFFF else 1 for c in text]  # a surrogate pair in UTF-16


def _require_str(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")


def sms_segments(text: str) -> int:
    """The number of SMS segments ``text`` is sent in (an empty text is one message).

    >>> sms_segments("a" * 160), sms_segments("a" * 161), sms_segments("ê" * 70)
    (1, 2, 1)
    >>> sms_segments("ê" * 201), sms_segments("ê" * 202)
    (3, 4)
    """
    _require_str(text)
    encoding = sms_encoding(text)
    single, each = _LIMITS[encoding]
    costs = _costs(text, encoding)
    if sum(costs) <= single:
        return 1
    segments, used = 1, 0
    for cost in costs:
        if used + cost > each:
            segments, used = segments + 1, 0
        used += cost
    return segments
