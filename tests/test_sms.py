"""The SMS segment counter: GSM 03.38 (basic set and extension table) and UCS-2."""

from __future__ import annotations

import pytest

import microneedling_info as mi
from microneedling_info.sms import _BASIC, _EXTENSION


def test_the_gsm_tables_have_the_size_of_the_standard() -> None:
    assert len(_BASIC) == 127  # 128 code points, less the escape to the extension table
    assert len(_EXTENSION) == 10
    assert not _BASIC & _EXTENSION


@pytest.mark.parametrize(
    ("char", "encoding"),
    [
        # French letters that are in the GSM basic set...
        *((c, "GSM-7") for c in "éèàùÉÇ"),
        # ...and the ones that are not: they switch the whole message to UCS-2.
        *((c, "UCS-2") for c in "êâîôûëïçÈÀ"),
        ("\u00a0", "UCS-2"),  # no-break space (French typography)
        ("\u202f", "UCS-2"),  # narrow no-break space (babel, in numbers and units)
        ("\u2019", "UCS-2"),  # typographic apostrophe
        ("\u2014", "UCS-2"),  # em dash
        ("\u2022", "UCS-2"),  # bullet
        ("°", "UCS-2"),  # degree sign: "38 °C" is not GSM-7
        ("€", "GSM-7"),  # extension table
        ("[", "GSM-7"),
        ("\n", "GSM-7"),
    ],
)
def test_encoding_of_one_character(char: str, encoding: str) -> None:
    assert mi.sms_encoding(f"Jour 3 {char}") == encoding


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        pytest.param("", 1, id="empty: still one message"),
        pytest.param("a" * 160, 1, id="160 septets"),
        pytest.param("a" * 161, 2, id="161 septets"),
        pytest.param("a" * 306, 2, id="2 x 153"),
        pytest.param("a" * 307, 3, id="307 septets"),
        pytest.param("a" * 459, 3, id="3 x 153"),
        pytest.param("a" * 460, 4, id="460 septets"),
        pytest.param("€" * 80, 1, id="80 extension characters are 160 septets"),
        pytest.param("€" * 81, 2, id="81 extension characters"),
        # An escape pair is never split: 152 + 2 does not fit a 153-septet segment.
        pytest.param("a" * 152 + "€" + "a" * 151, 2, id="escape pair fills segment 2"),
        pytest.param("a" * 152 + "€" + "a" * 152, 3, id="escape pair moves whole"),
        pytest.param("ê" * 70, 1, id="70 UCS-2 units"),
        pytest.param("ê" * 71, 2, id="71 UCS-2 units"),
        pytest.param("ê" * 134, 2, id="2 x 67"),
        pytest.param("ê" * 201, 3, id="3 x 67"),
        pytest.param("ê" * 202, 4, id="202 units"),
        pytest.param("a" * 159 + "ê", 3, id="one non-GSM character makes 160 characters UCS-2"),
        # A character outside the BMP is a surrogate pair (2 units), never split.
        pytest.param("ê" * 68 + "\U0001f600", 1, id="emoji: 70 units"),
        pytest.param("ê" * 66 + "\U0001f600" + "ê" * 66, 3, id="surrogate pair moves whole"),
    ],
)
def test_segments(text: str, segments: int) -> None:
    assert mi.sms_segments(text) == segments


def test_a_non_string_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="text must be a str, not int"):
        mi.sms_segments(160)  # type: ignore[arg-type]
