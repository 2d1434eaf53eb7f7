"""The export schema is plain JSON Schema draft 2020-12 that any validator accepts.

The hand-made invalid documents in ``schema_cases/invalid-exports.json`` are shared
with the CI step that runs ajv (strict mode, with ajv-formats) on the same cases.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import microneedling_info as mi
from microneedling_info.export import ExportDocument, document_json, export_document, export_schema

jsonschema = pytest.importorskip("jsonschema")

CASES = json.loads(
    (Path(__file__).parent / "schema_cases" / "invalid-exports.json").read_text(encoding="utf-8")
)

# Every keyword of the draft 2020-12 vocabularies (core, applicator, unevaluated,
# validation, format-annotation, meta-data, content). Anything else is a dialect
# extension that a strict validator refuses.
STANDARD_KEYWORDS = frozenset(
    [
        "$schema",
        "$id",
        "$ref",
        "$anchor",
        "$dynamicRef",
        "$dynamicAnchor",
        "$vocabulary",
        "$comment",
        "$defs",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "dependentSchemas",
        "prefixItems",
        "items",
        "contains",
        "properties",
        "patternProperties",
        "additionalProperties",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "type",
        "enum",
        "const",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxContains",
        "minContains",
        "maxProperties",
        "minProperties",
        "required",
        "dependentRequired",
        "format",
        "title",
        "description",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "examples",
        "contentEncoding",
        "contentMediaType",
        "contentSchema",
    ]
)
# Keywords whose value maps names (of properties or definitions) to schemas.
_NAMED_SCHEMAS = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})


def keywords(schema: Any) -> set[str]:
    """Every keyword used anywhere in ``schema`` (property names are not keywords)."""
    found: set[str] = set()
    if isinstance(schema, list):
        for item in schema:
            found |= keywords(item)
    elif isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in _NAMED_SCHEMAS:
                for sub in value.values():
                    found |= keywords(sub)
            elif key not in {"const", "enum", "default", "examples", "required"}:
                found |= keywords(value)
    return found


def apply(case: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with the one change ``case`` describes (the CI's ajv script does the same)."""
    changed = copy.deepcopy(document)
    *parents, last = case["path"]
    target: Any = changed
    for key in parents:
        target = target[key]
    if case.get("remove"):
        del target[last]
    else:
        target[last] = case["value"]
    return changed


def validator() -> Any:
    cls = jsonschema.Draft202012Validator
    return cls(export_schema(), format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(document_json(export_document(mi.get_library("en_CA"))))
    return data


def test_schema_uses_only_standard_draft_2020_12_keywords() -> None:
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert keywords(schema) <= STANDARD_KEYWORDS, keywords(schema) - STANDARD_KEYWORDS
    assert "discriminator" not in json.dumps(schema)
    assert "schema_version" not in schema, "the version is in $id and in properties, not a keyword"


def test_the_keyword_walk_finds_a_non_standard_keyword() -> None:
    schema = {"properties": {"rule": {"oneOf": [{"type": "object"}], "discriminator": {}}}}
    assert keywords(schema) - STANDARD_KEYWORDS == {"discriminator"}


def test_every_list_of_the_export_must_be_non_empty() -> None:
    properties = export_schema()["properties"]
    for name in ("urgency_levels", "side_effects", "healing_phases", "escalation_criteria"):
        assert properties[name]["minItems"] == 1, name


def test_the_unchanged_document_is_valid(document: dict[str, Any]) -> None:
    assert validator().is_valid(document)
    ExportDocument.model_validate(document)


@pytest.mark.parametrize("case", CASES["rejected_by_schema"], ids=lambda c: c["name"])
def test_jsonschema_rejects_each_hand_made_invalid_document(
    case: dict[str, Any], document: dict[str, Any]
) -> None:
    changed = apply(case, document)
    assert changed != document
    assert not validator().is_valid(changed)
    if case["path"][-1] != "snomed_ct":  # the model (lenient on input) fills a left-out default
        with pytest.raises(ValidationError):
            ExportDocument.model_validate(changed)


@pytest.mark.parametrize("case", CASES["beyond_json_schema"], ids=lambda c: c["name"])
def test_what_json_schema_cannot_express_the_model_rejects(
    case: dict[str, Any], document: dict[str, Any]
) -> None:
    """start <= end compares two fields: no draft 2020-12 keyword does that.

    The schema says so in the description, and the pydantic model checks it. If
    a validator ever rejects these, move the case to ``rejected_by_schema``.
    """
    changed = apply(case, document)
    with pytest.raises(ValidationError, match="must not be after end"):
        ExportDocument.model_validate(changed)
    assert validator().is_valid(changed)
    assert "start <= end" in export_schema()["$defs"]["DayRange"]["description"]
