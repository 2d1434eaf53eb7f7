"""The clinical approval record (issue 10, point 12): no review is shown that did not happen.

The first test is the CI gate: it fails when the shipped content changes while the record
still claims approval of another fingerprint. The others show the gate can fail, pin down
exactly which bytes are fingerprinted, and check that every output says "not clinically
validated" until the record approves exactly the shipped content.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pydantic
import pytest

import microneedling_info as mi
from microneedling_info import approval, content, library
from microneedling_info.approval import content_sha256, record_problem
from microneedling_info.approval import main as approval_main
from microneedling_info.content import load_raw
from microneedling_info.export import export_document
from microneedling_info.present import assessment_text, blocks, to_text

EN_DASH = "\u2013"
NOTICE = {
    "en_CA": f"Preliminary version {EN_DASH} not clinically validated",
    "fr_CA": f"Version préliminaire {EN_DASH} non validée cliniquement",
}


def test_shipped_record_is_valid_and_approves_only_the_shipped_content() -> None:
    """CI gate: content changed after sign-off -> this fails until the record is redone."""
    problem = record_problem(load_raw())
    assert problem is None, problem


def _approved(raw: Mapping[str, Any], digest: str) -> dict[str, Any]:
    signed = copy.deepcopy(dict(raw))
    signed["approval"] = {
        "status": "approved",
        "approved_by": "A. Tremblay, inf., OIIQ 1234567",
        "approved_on": "2026-12-01",
        "content_sha256": digest,
    }
    return signed


def test_the_gate_fails_when_content_changes_after_sign_off() -> None:
    raw = load_raw()
    signed = _approved(raw, content_sha256(raw))
    assert record_problem(signed) is None
    changed = copy.deepcopy(signed)
    changed["escalation_criteria"][0]["urgency"] = "urgent"  # a clinical change
    problem = record_problem(changed)
    assert problem is not None and "changed after sign-off" in problem


@pytest.mark.parametrize(
    "record",
    [
        None,
        {"status": "signed"},
        {"status": "approved"},  # who, when and what are required
        {"status": "approved", "approved_by": "X", "approved_on": "2026-12-01"},
        {"status": "draft", "content_sha256": "not-a-sha"},
    ],
)
def test_a_malformed_record_is_a_problem(record: Any) -> None:
    raw = dict(load_raw())
    raw["approval"] = record
    assert record_problem(raw) is not None


def test_approval_model_rejects_an_unsigned_approval() -> None:
    with pytest.raises(pydantic.ValidationError, match="approved_by"):
        mi.Approval(status="approved")
    assert mi.Approval(status="draft").content_sha256 is None


def test_fingerprint_is_computed_once_per_content(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: made when ``info`` is first read, not when a library is built; both locales
    share the content and its fingerprint; new content, a new one."""
    computed: list[str] = []

    def counted(raw: Mapping[str, Any] | None = None) -> str:
        computed.append(content_sha256(raw))
        return computed[-1]

    monkeypatch.setattr(approval, "content_sha256", counted)
    monkeypatch.setattr(library, "_fingerprinted", None)
    fr, en = mi.build_library("fr_CA"), mi.build_library("en_CA")
    assert computed == []
    assert fr.info is fr.info
    assert computed == [content_sha256()]
    assert fr.info.content_sha256 == en.info.content_sha256 == computed[0]

    changed = _changed(("content_version",), "9.9.9")
    monkeypatch.setattr(content, "_raw", changed)
    assert mi.build_library("fr_CA").info.content_sha256 == content_sha256(changed)
    assert len(computed) == 2 and computed[1] != computed[0]


def test_fingerprint_is_the_documented_bytes() -> None:
    """SHA-256 of sorted, compact UTF-8 JSON: content without approval, safety messages only."""
    raw = load_raw()
    document = {k: v for k, v in raw.items() if k not in ("approval", "messages")}
    document["messages"] = {
        k: v
        for k, v in raw["messages"].items()
        if k.startswith(("assessment.headline.", "symptom.", "screening."))
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert content_sha256(raw) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def _changed(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(dict(load_raw()))
    target: Any = raw
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "changes"),
    [
        (("escalation_criteria", 0, "sign"), "Something else.", True),
        (("side_effects", 0, "usual_duration", "end"), 8, True),
        (("messages", "symptom.redness"), "Red", True),
        (("messages", "assessment.headline.urgent"), "Hurry.", True),
        (("messages", "heading.sources"), "References", False),  # not clinical
        (("approval", "approved_by"), "Someone", False),  # the record is not hashed
    ],
)
def test_what_changes_the_fingerprint(path: tuple[Any, ...], value: Any, changes: bool) -> None:
    assert (content_sha256(_changed(path, value)) != content_sha256()) is changes


@pytest.fixture
def signed_content(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped content, approved by a (fictitious) clinician for exactly this content."""
    raw = load_raw()
    monkeypatch.setattr(content, "_raw", _approved(raw, content_sha256(raw)))
    yield


@pytest.mark.parametrize("locale", ["fr_CA", "en_CA"])
def test_draft_content_says_so_everywhere(locale: str) -> None:
    lib = mi.build_library(locale)
    assert lib.info.approval.status == "draft"
    assert not lib.info.clinically_validated
    notice = NOTICE[locale]
    assert lib.message("notice.preliminary") == notice
    for section in ("side-effects", "escalation", "sources"):
        assert to_text(blocks(lib, section)).startswith(notice + "\n")
    answer = assessment_text(lib, lib.assess(mi.Report(days_since_treatment=1)))
    assert notice in answer.splitlines()[:4]
    # the handout's lines, inside its <div lang="..."> wrapper
    handout = [line for line in mi.handout_markdown(lib).splitlines() if line][1:]
    assert handout[0].startswith("# ") and notice in handout[1:4]
    data = json.loads(mi.document_json(export_document(lib)))
    assert data["approval"]["status"] == "draft"
    assert data["clinically_validated"] is False
    assert data["content_sha256"] == content_sha256()


@pytest.mark.usefixtures("signed_content")
@pytest.mark.parametrize("locale", ["fr_CA", "en_CA"])
def test_signed_content_drops_the_notice(locale: str) -> None:
    lib = mi.build_library(locale)
    assert lib.info.clinically_validated
    assert mi.ContentInfo.model_validate(lib.info.model_dump()) == lib.info
    notice = NOTICE[locale]
    assert notice not in to_text(blocks(lib, "escalation"))
    assert notice not in mi.handout_markdown(lib)
    doc = export_document(lib)
    assert doc.clinically_validated and doc.approval.status == "approved"


def test_a_stale_signature_is_not_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "_raw", _approved(load_raw(), "0" * 64))
    lib = mi.build_library("fr_CA")
    assert lib.info.approval.status == "approved"
    assert not lib.info.clinically_validated
    assert to_text(blocks(lib, "escalation")).startswith(NOTICE["fr_CA"])


def test_the_command_prints_the_fingerprint_and_what_the_record_says(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m microneedling_info.approval``: draft, signed, stale, malformed."""
    raw = load_raw()
    digest = content_sha256(raw)
    assert approval_main() == 0  # the shipped draft
    out = capsys.readouterr().out
    assert f"content_sha256:  {digest}" in out and "clinically validated: no (draft)" in out

    monkeypatch.setattr(content, "_raw", _approved(raw, digest))
    assert approval_main() == 0
    assert "clinically validated: yes (" in capsys.readouterr().out

    monkeypatch.setattr(content, "_raw", _approved(raw, "0" * 64))
    assert approval_main() == 1
    assert "clinically validated: NO -- the approval record approves" in capsys.readouterr().out

    monkeypatch.setattr(content, "_raw", {**raw, "approval": ["not", "a", "record"]})
    assert approval_main() == 1
    out = capsys.readouterr().out
    assert "approval status: missing" in out and "the approval record is invalid" in out
