"""ClinicProfile: a name and validated North American phone numbers, from code or TOML."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pydantic
import pytest

import microneedling_info as mi
from microneedling_info.clinic import normalize_phone, phone_display, tel_uri


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("514-555-0123", "514-555-0123"),
        ("(514) 555-0123", "514-555-0123"),
        ("+1 514 555 0123", "514-555-0123"),
        ("1-514-555-0123", "514-555-0123"),
        ("514.555.0123", "514-555-0123"),
        ("5145550123", "514-555-0123"),
        ("+15145550123", "514-555-0123"),
        ("514-555-0123 x123", "514-555-0123 x123"),
        ("514-555-0123, ext. 45", "514-555-0123 x45"),
        ("514 555-0123 ext 45", "514-555-0123 x45"),
        ("514 555-0123, poste 7", "514-555-0123 x7"),
        ("514 555-0123 p. 7", "514-555-0123 x7"),
        ("(819) 555-0199 Extension 2001", "819-555-0199 x2001"),
    ],
)
def test_north_american_numbers_are_normalised(written: str, normalised: str) -> None:
    assert normalize_phone(written) == normalised
    assert mi.ClinicProfile(name="Clinique", phone=written).phone == normalised


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "555-0123",  # no area code
        "114-555-0123",  # area code cannot start with 1
        "514-155-0123",  # nor can the exchange
        "514-055-0123",
        "+33 1 23 45 67 89",  # not North American
        "+44 20 7946 0958",
        "514-555-01234",
        "514-555-0123 x",  # extension without digits
        "514-555-0123 ext. 1234567",  # extension too long
        "911",
        "call us",
    ],
)
def test_other_numbers_are_refused_naming_what_is_expected(bad: str) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        mi.ClinicProfile(name="Clinique", phone=bad)
    message = str(caught.value)
    assert "phone" in message
    assert "North American phone number" in message
    assert "514-555-0123" in message  # an example of what is valid
    with pytest.raises(pydantic.ValidationError, match="after_hours_phone"):
        mi.ClinicProfile(name="Clinique", phone="514-555-0123", after_hours_phone=bad)


def test_display_follows_each_language() -> None:
    assert phone_display("514-555-0123", "fr_CA") == "514\u00a0555-0123"
    assert phone_display("514-555-0123 x12", "fr_CA") == "514\u00a0555-0123, poste\u00a012"
    assert phone_display("514-555-0123", "en_CA") == "514-555-0123"
    assert phone_display("514-555-0123 x12", "en_CA") == "514-555-0123, ext.\u00a012"
    # a number not yet normalised is accepted too
    assert phone_display("(514) 555 0123", "en_CA") == "514-555-0123"


def test_tel_links_follow_rfc_3966() -> None:
    assert tel_uri("514-555-0123") == "tel:+1-514-555-0123"
    assert tel_uri("514-555-0123 x12") == "tel:+1-514-555-0123;ext=12"


def test_profile_is_frozen_and_refuses_unknown_fields() -> None:
    clinic = mi.ClinicProfile(name="  Clinique   Exemple ", phone="514-555-0123")
    assert clinic.name == "Clinique Exemple"
    with pytest.raises(pydantic.ValidationError):
        clinic.name = "Other"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError, match="fax"):
        mi.ClinicProfile(name="Clinique", phone="514-555-0123", fax="514-555-0199")  # type: ignore[call-arg]
    assert hash(clinic) == hash(mi.ClinicProfile(name="Clinique Exemple", phone="514 555 0123"))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", "", "must not be empty"),
        ("name", "   ", "must not be empty"),
        ("name", "Clinique\x00", "control characters"),
        ("name", "x" * 61, "at most 60 characters, so page 1"),
        ("name", "x" * 5000, "at most 60 characters"),
        ("address", "x" * 91, "at most 90 characters"),
        ("website", "https://" + "x" * 73, "at most 80 characters"),
        ("address", "1 rue\x1b[31m", "control characters"),
        ("website", "javascript:alert(1)", "http:// or https://"),
        ("website", "https://example.ca/<script>", "http:// or https://"),
    ],
)
def test_clinic_text_is_one_plain_line(field: str, value: str, expected: str) -> None:
    data = {"name": "Clinique", "phone": "514-555-0123", field: value}
    with pytest.raises(pydantic.ValidationError, match=expected):
        mi.ClinicProfile.model_validate(data)


def test_multiline_address_becomes_one_line() -> None:
    clinic = mi.ClinicProfile(
        name="Clinique", phone="514-555-0123", address="123, rue Exemple\nMontréal (Québec)"
    )
    assert clinic.address == "123, rue Exemple Montréal (Québec)"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_from_toml_reads_the_constructor_keys(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'name = "Clinique Beauté Plus"\n'
        'phone = "(514) 555-0123 poste 4"\n'
        'after_hours_phone = "+1 438 555 0199"\n'
        'address = "123, rue Exemple, Montréal (Québec)"\n'
        'website = "https://clinique.example.ca"\n',
    )
    clinic = mi.ClinicProfile.from_toml(path)
    assert clinic == mi.ClinicProfile(
        name="Clinique Beauté Plus",
        phone="514-555-0123 x4",
        after_hours_phone="438-555-0199",
        address="123, rue Exemple, Montréal (Québec)",
        website="https://clinique.example.ca",
    )
    assert mi.ClinicProfile.from_toml(str(path)) == clinic


def test_from_toml_unknown_key_names_the_valid_keys(tmp_path: Path) -> None:
    path = _write(tmp_path, 'name = "C"\nphone = "514-555-0123"\nfax = "514-555-0124"\n')
    with pytest.raises(mi.ClinicProfileError) as caught:
        mi.ClinicProfile.from_toml(path)
    message = str(caught.value)
    assert str(path) in message
    assert "'fax'" in message
    assert "name, phone, after_hours_phone, address, website" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "C"\nphone = "555-0123"\n', "phone: expected a North American phone number"),
        ('name = "C"\n', "phone: required"),
        ('name = "C"\nphone = 5145550123\n', "phone: Input should be a valid string"),
        ("name = \n", "not valid TOML"),
        ('name = "C"\nphone = "514-555-0123"\nwebsite = "ftp://x"\n', "website: expected"),
    ],
)
def test_from_toml_errors_are_one_clear_line(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(mi.ClinicProfileError, match=expected) as caught:
        mi.ClinicProfile.from_toml(path)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_from_toml_missing_or_undecodable_file(tmp_path: Path) -> None:
    with pytest.raises(mi.ClinicProfileError, match="no such clinic profile file"):
        mi.ClinicProfile.from_toml(tmp_path / "absent.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Clinique Beauté"\n'.encode("latin-1"))
    with pytest.raises(mi.ClinicProfileError, match="not valid TOML"):
        mi.ClinicProfile.from_toml(path)


# --- the command line: --clinic, --clinic-name/--clinic-phone, --treatment-date, --audience ------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from microneedling_info.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_handout_with_a_clinic_file_and_a_treatment_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from microneedling_info.handout import handout_markdown

    path = _write(
        tmp_path,
        'name = "Clinique Beauté Plus"\nphone = "514 555-0123"\n'
        '[aftercare_windows]\nsunscreen = "1 week"\n',
    )
    code, out, err = _run(
        capsys, "export", "--locale", "en", "--format", "markdown", "--clinic", str(path),
        "--treatment-date", "2026-11-29",
    )  # fmt: skip
    assert code == 0, err
    lib = mi.get_library("en_CA")
    clinic = mi.ClinicProfile.from_toml(path)
    assert out == handout_markdown(lib, clinic=clinic, treatment_date=dt.date(2026, 11, 29))
    assert "Clinique Beauté Plus: 514-555-0123" in out
    assert "Stay out of direct sun for 1 week after treatment." in out
    code, out, err = _run(
        capsys, "export", "--locale", "fr", "--format", "html", "--clinic-name", "Clinique X",
        "--clinic-phone", "(819) 555-0199",
    )  # fmt: skip
    assert code == 0, err
    assert 'href="tel:+1-819-555-0199"' in out and "Clinique X" in out


def test_cli_clinician_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "export", "--locale", "en", "--format", "html", "--audience",
                        "clinician")  # fmt: skip
    assert code == 0
    lib = mi.get_library("en_CA")
    assert all(s.title.split("<")[0][:30] in out for s in lib.sources[:3])


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "--format", "html", "--clinic-name", "X"], "go together"),
        (["export", "--format", "html", "--clinic-name", "X", "--clinic-phone", "123"],
         "North American phone number"),
        (["export", "--format", "json", "--treatment-date", "2026-11-29"],
         "--treatment-date applies to the handout"),
        (["export", "--format", "html", "--treatment-date", "2026-13-01"], "YYYY-MM-DD"),
        (["export", "--format", "html", "--clinic", "/nonexistent/clinic.toml"],
         "no such clinic profile file"),
        (["export", "--format", "html", "--audience", "nurse"], "patient"),
        (["assess", "--symptom", "pus"], "--day N"),
        (["assess", "--day", "3", "--treatment-date", "2026-11-29"], "not both"),
        (["assess", "--treatment-date", "2999-01-01"], "in the future"),
    ],
)  # fmt: skip
def test_cli_clinic_and_date_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert expected in err
    assert len(err.strip().splitlines()) == 1 or "usage:" in err


def test_cli_assess_json_action_names_the_clinic_and_its_phone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ("--clinic-name", "Clinique X", "--clinic-phone", "514-555-0123 x7", "--format", "json")
    code, out, _ = _run(capsys, "assess", "--day", "3", "--symptom", "pus", "--locale", "en", *args)
    assert code == 0
    data = json.loads(out)
    assert data["urgency"] in ("urgent", "contact_clinic")
    assert data["action"].endswith("Clinique X: 514-555-0123, ext.\u00a07")
    code, out, _ = _run(capsys, "assess", "--day", "3", "--symptom", "difficulty_breathing",
                        "--locale", "en", *args)  # fmt: skip
    assert json.loads(out)["urgency"] == "emergency"
    assert "Clinique X" not in json.loads(out)["action"]  # 911 first, never the clinic


def test_cli_assess_names_the_clinic_after_an_action_that_sends_the_patient_there(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ("--clinic-name", "Clinique X", "--clinic-phone", "514-555-0123 x7")
    code, out, _ = _run(capsys, "assess", "--day", "3", "--symptom", "pus", "--locale", "fr", *args)
    assert code == 0
    assert "Clinique X\u00a0: 514\u00a0555-0123, poste\u00a07" in out
    code, out, _ = _run(capsys, "assess", "--day", "3", "--locale", "en", *args)
    assert code == 0 and "Clinique X" not in out  # nothing to call about
    code, out, _ = _run(
        capsys, "assess", "--day", "3", "--symptom", "pus", "--format", "json", *args
    )
    assert json.loads(out)["clinic"] == {"name": "Clinique X", "phone": "514-555-0123 x7"}
    treated = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    code, out, _ = _run(
        capsys, "assess", "--treatment-date", treated, "--symptom", "pus", "--format", "json"
    )
    assert code == 0 and json.loads(out)["urgency"] == "urgent"


def test_clinic_window_parse_and_units() -> None:
    from microneedling_info.clinic import ClinicWindow

    assert ClinicWindow.parse("sunscreen", "2 weeks").hours == 336
    assert ClinicWindow.parse("sunscreen", "3 jours").unit == "days"
    assert ClinicWindow.parse("sunscreen", "48 h").allowed_from_day == 2
    assert ClinicWindow.parse("sunscreen", "12 hours").allowed_from_day == 1
    assert ClinicWindow.parse("sunscreen", {"weeks": 1}).allowed_from_day == 7
    with pytest.raises(ValueError, match="'48 hours', '3 days' or '2 weeks'"):
        ClinicWindow.parse("sunscreen", "a while")


def test_page_one_limits_accept_the_limit_and_name_it_beyond(tmp_path: Path) -> None:
    """The limits keep every warning sign on page 1 (tests/test_browser.py prints a profile
    at the limits); one character more is an error that names the limit and the reason."""
    from microneedling_info.clinic import ADDRESS_MAX_LENGTH, NAME_MAX_LENGTH, WEBSITE_MAX_LENGTH

    at_limit = mi.ClinicProfile(
        name="N" * NAME_MAX_LENGTH,
        phone="514-555-0123",
        address="A" * ADDRESS_MAX_LENGTH,
        website="https://" + "w" * (WEBSITE_MAX_LENGTH - len("https://")),
    )
    assert len(at_limit.name) == NAME_MAX_LENGTH
    # runs of spaces count once: the limit is on what is printed
    spaced = mi.ClinicProfile(name="N  " + "N" * (NAME_MAX_LENGTH - 2), phone="514-555-0123")
    assert len(spaced.name) == NAME_MAX_LENGTH
    path = _write(tmp_path, f'name = "{"N" * (NAME_MAX_LENGTH + 1)}"\nphone = "514-555-0123"\n')
    with pytest.raises(mi.ClinicProfileError) as error:
        mi.ClinicProfile.from_toml(path)
    assert f"name: at most {NAME_MAX_LENGTH} characters, so page 1" in str(error.value)
    assert f"got {NAME_MAX_LENGTH + 1} characters" in str(error.value)
