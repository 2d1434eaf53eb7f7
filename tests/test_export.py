"""The JSON export, its JSON Schema, and the `export` / `schema` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from _support import WHOLE_CLINIC
from pydantic import TypeAdapter

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.content import load_raw
from microneedling_info.export import (
    JSON_SCHEMA_DIALECT,
    SCHEMA_ID,
    SCHEMA_VERSION,
    ExportDocument,
    document_json,
    export_document,
    export_locales,
    export_schema,
    schema_json,
)

jsonschema = pytest.importorskip("jsonschema")

REQUIRED_KEYS = {
    "schema_version",
    "content_version",
    "last_reviewed",
    "next_review_due",
    "locale",
    "disclaimer",
    "urgency_levels",
    "side_effects",
    "healing_phases",
    "escalation_criteria",
    "aftercare",
    "sources",
    "screening_outcomes",
    "screening_questions",
    "screening_criteria",
}

EN_JSON = ("export", "--locale", "en", "--format", "json")
ALL_JSON = ("export", "--all-locales", "--format", "json")


def validator() -> Any:
    cls = jsonschema.Draft202012Validator
    return cls(export_schema(), format_checker=cls.FORMAT_CHECKER)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- the schema ----------------------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema_with_id_and_version() -> None:
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (
        schema["$schema"] == JSON_SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    )
    assert schema["$id"] == SCHEMA_ID
    assert SCHEMA_VERSION in SCHEMA_ID
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert set(schema["required"]) >= REQUIRED_KEYS
    assert schema["additionalProperties"] is False


def test_shipped_schema_file_equals_the_generated_schema() -> None:
    """The file in the package cannot drift from the model.

    Regenerate it with: microneedling-info schema > src/microneedling_info/schema/export.schema.json
    """
    shipped = resources.files("microneedling_info") / "schema" / "export.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_json()
    assert json.loads(shipped.read_text(encoding="utf-8")) == export_schema()


def test_export_schema_returns_a_fresh_copy() -> None:
    schema = export_schema()
    schema["$id"] = "changed"
    assert export_schema()["$id"] == SCHEMA_ID


def test_importing_the_cli_generates_no_schema_and_loads_no_optional_dependency() -> None:
    code = (
        "import sys, pydantic\n"
        "def boom(*a, **k):\n"
        "    raise SystemExit('schema generated at import time')\n"
        "pydantic.BaseModel.model_json_schema = classmethod(boom)\n"
        "from microneedling_info import cli, export\n"
        "cli.build_parser()\n"
        "loaded = sorted(m for m in ('jinja2', 'jsonschema') if m in sys.modules)\n"
        "print(','.join(loaded) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"


# --- the documents -------------------------------------------------------------------------------


def test_every_export_validates_against_the_schema(lib: mi.Library) -> None:
    data = json.loads(document_json(export_document(lib)))
    errors = sorted(validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_export_carries_the_contract_keys(lib: mi.Library) -> None:
    data = json.loads(document_json(export_document(lib)))
    assert set(data) >= REQUIRED_KEYS
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["locale"] == lib.info.locale
    assert data["content_version"] == lib.info.content_version
    assert data["last_reviewed"] == lib.info.last_reviewed.isoformat()
    assert data["next_review_due"] == lib.info.next_review_due.isoformat()
    assert data["disclaimer"] == lib.info.disclaimer
    levels = {level["id"]: level for level in data["urgency_levels"]}
    assert set(levels) == {u.value for u in mi.Urgency}
    for level in levels.values():
        assert level["fhir_priority_code"] in {"routine", "urgent", "asap", "stat"}
        assert level["nhs_care_card_code"] in {"non-urgent", "urgent", "immediate", None}
    assert levels["emergency"]["fhir_priority_code"] == "stat"
    assert levels["emergency"]["nhs_care_card_code"] == "immediate"
    assert data["escalation_criteria"]
    for criterion in data["escalation_criteria"]:
        assert criterion["rule"]["kind"]


def test_round_trip_gives_equal_models(lib: mi.Library) -> None:
    doc = export_document(lib)
    exported = document_json(doc)
    assert ExportDocument.model_validate_json(exported) == doc
    data = json.loads(exported)
    for attr, model in (
        ("urgency_levels", mi.UrgencyLevel),
        ("side_effects", mi.SideEffect),
        ("healing_phases", mi.HealingPhase),
        ("escalation_criteria", mi.EscalationCriterion),
        ("aftercare", mi.AftercareInstruction),
        ("sources", mi.Source),
    ):
        loaded = TypeAdapter(tuple[model, ...]).validate_python(data[attr])  # type: ignore[valid-type]
        assert loaded == getattr(lib, attr), attr


CLINIC = mi.ClinicProfile(
    **WHOLE_CLINIC.model_dump(exclude={"aftercare_windows"}),
    aftercare_windows={"sunscreen": "1 week"},
)


def test_with_a_clinic_every_call_your_clinic_action_names_the_clinic_and_its_phone(
    lib: mi.Library,
) -> None:
    from microneedling_info.clinic import phone_display

    data = json.loads(document_json(export_document(lib, CLINIC)))
    assert validator().is_valid(data), list(validator().iter_errors(data))[:1]
    phone = phone_display(CLINIC.phone, str(lib.locale))
    actions = [(u["id"], u["action"]) for u in data["urgency_levels"]]
    actions += [(c["urgency"], c["action"]) for c in data["escalation_criteria"]]
    sends_to_clinic = {"urgent", "contact_clinic"}
    clinic_words = lib.message("follow_up.your_clinic").split()[-1].lower()  # "clinic"/"clinique"
    for urgency, action in actions:
        if urgency in sends_to_clinic or clinic_words in action.lower():
            assert CLINIC.name in action and phone in action, (urgency, action)
    assert any(urgency in sends_to_clinic for urgency, _ in actions)
    # the clinic block is the clinic's own text, untranslated, with its settings
    assert data["clinic"]["name"] == CLINIC.name
    assert data["clinic"]["address"] == CLINIC.address
    assert data["clinic"]["phone"] == "514-555-0123 x4"
    assert data["clinic"]["aftercare_windows"] == [
        {"aftercare_id": "sunscreen", "amount": 1.0, "unit": "weeks"}
    ]
    sunscreen = next(a for a in data["aftercare"] if a["id"] == "sunscreen")
    assert sunscreen["end_day"] == 7
    plain = next(a for a in lib.aftercare if a.id == "sunscreen")
    assert sunscreen["text"] != plain.text
    assert "sunscreen" in {w["id"] for w in load_raw()["clinic_windows"]}


def test_every_translated_section_is_exported_or_said_not_to_be() -> None:
    from microneedling_info.content import SECTIONS
    from microneedling_info.export import SECTION_FIELDS

    assert list(SECTION_FIELDS) == [section.key for section in SECTIONS]
    fields = [f for f in SECTION_FIELDS.values() if f]
    assert set(fields) <= set(ExportDocument.model_fields)
    doc = export_document(mi.get_library("en_CA"))
    for field in fields:
        assert getattr(doc, field), field


def test_without_a_clinic_the_export_has_no_clinic_key(lib: mi.Library) -> None:
    data = json.loads(document_json(export_document(lib)))
    assert "clinic" not in data
    assert "clinic" not in export_schema()["required"]


def test_round_trip_with_a_clinic_gives_equal_models(lib: mi.Library) -> None:
    doc = export_document(lib, CLINIC)
    assert ExportDocument.model_validate_json(document_json(doc)) == doc


def test_cli_export_json_takes_a_clinic(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--clinic-name", "Clinique X", "--clinic-phone", "514-555-0123 x7")
    code, out, _ = run(capsys, *EN_JSON, *args)
    assert code == 0
    data = json.loads(out)
    assert validator().is_valid(data)
    assert data["clinic"]["name"] == "Clinique X"
    urgent = next(u for u in data["urgency_levels"] if u["id"] == "urgent")
    assert urgent["action"].endswith("Clinique X: 514-555-0123, ext.\u00a07")


def test_rules_survive_the_round_trip_and_still_decide_the_same(lib: mi.Library) -> None:
    data = json.loads(document_json(export_document(lib)))
    loaded = TypeAdapter(tuple[mi.EscalationCriterion, ...]).validate_python(
        data["escalation_criteria"]
    )
    for before, after in zip(lib.escalation_criteria, loaded, strict=True):
        assert type(after.rule) is type(before.rule)
        assert after.rule == before.rule


def test_several_documents_make_a_json_array() -> None:
    docs = [export_document(mi.get_library(loc)) for loc in export_locales()]
    data = json.loads(document_json(docs))
    assert [d["locale"] for d in data] == list(export_locales())


def test_export_locales_put_french_first() -> None:
    order = export_locales()
    assert order[0] == "fr_CA"
    assert set(order) == set(mi.available_locales())
    assert order.index("fr_CA") < order.index("en_CA")


# --- command line --------------------------------------------------------------------------------


def test_cli_export_json_one_locale(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--locale", "fr-CA", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["locale"] == "fr_CA"
    assert validator().is_valid(data)
    assert out == document_json(export_document(mi.get_library("fr_CA")))


def test_cli_export_json_all_locales_is_an_array_french_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "export", "--all-locales", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list)
    assert [d["locale"] for d in data] == list(export_locales())
    assert data[0]["locale"] == "fr_CA"
    for document in data:
        assert validator().is_valid(document)


def test_cli_export_json_all_locales_to_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out"
    code, out, _ = run(capsys, *ALL_JSON, "--output", str(target))
    assert code == 0
    assert out == ""
    files = sorted(p.name for p in target.iterdir())
    assert files == sorted(f"microneedling-info.{loc}.json" for loc in export_locales())
    for loc in export_locales():
        text = (target / f"microneedling-info.{loc}.json").read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["locale"] == loc
        assert validator().is_valid(data)


def test_cli_export_json_to_a_file_and_into_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "handout.json"
    assert run(capsys, *EN_JSON, "--output", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["locale"] == "en_CA"
    assert run(capsys, *EN_JSON, "--output", str(tmp_path))[0] == 0
    assert json.loads((tmp_path / "microneedling-info.en_CA.json").read_text(encoding="utf-8"))


def test_cli_export_locale_defaults_to_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert json.loads(run(capsys, "export", "--format", "json")[1])["locale"] == "fr_CA"
    monkeypatch.setenv("LANG", "en_CA.UTF-8")
    assert json.loads(run(capsys, "export", "--format", "json")[1])["locale"] == "en_CA"


def test_cli_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert out == schema_json()
    assert json.loads(out)["$id"] == SCHEMA_ID


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["export", "--locale", "xx", "--format", "json"], id="unknown locale"),
        pytest.param(["export", "--locale", "fr", "--all-locales", "--format", "json"], id="both"),
        pytest.param(["export", "--locale", "fr"], id="no format"),
        pytest.param(["export", "--locale", "fr", "--format", "pdf"], id="unknown format"),
    ],
)
def test_cli_export_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_cli_export_unwritable_output_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing_dir = tmp_path / "no" / "such" / "dir" / "x.json"
    code, _, err = run(capsys, *EN_JSON, "--output", str(missing_dir))
    assert code == 2
    assert err.startswith("microneedling-info: error: cannot write")
    assert len(err.strip().splitlines()) == 1

    code, _, err = run(capsys, *EN_JSON, "--output", str(tmp_path / "no" / "a\nb.json"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1, "a newline in the path stays on one line"

    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, *ALL_JSON, "--output", str(a_file))
    assert code == 2
    assert "must be a directory" in err


def test_cli_export_warns_when_a_translation_falls_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, _, err = run(capsys, "export", "--all-locales", "--format", "json")
    for loc in export_locales():
        missing = mi.get_library(loc).missing_translations
        assert (f"no {loc} translation" in err) == bool(missing)
