"""The clinical approval record: which content a clinician signed, and is it still that content?

A clinician signs a fingerprint of the content, not a version number: any change to
what a patient would be told -- a word, a threshold, a rule -- changes the
fingerprint, so a signature cannot silently cover content it never saw.

The fingerprint is the SHA-256 of these exact bytes:

* take the merged data files (``content.json`` and ``messages.json``, as
  :func:`~microneedling_info.content.load_raw` returns them);
* drop the ``approval`` record itself (it cannot contain its own hash);
* of the interface messages keep only the safety ones -- the assessment
  headlines (``assessment.headline.*``), the names of what patients report
  (``symptom.*``) and the screening result texts (``screening.*``); other
  interface text (headings, labels) needs no clinical sign-off;
* write the result as JSON with sorted keys, no whitespace (``","`` and ``":"``
  separators), non-ASCII characters as themselves, encoded in UTF-8 -- exactly
  ``json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``.

Translations are not part of it: they are checked by the catalog safety gate.
``python -m microneedling_info.approval`` prints the fingerprint of the installed
content and whether the record approves it (see docs/governance.md).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from typing import Any, cast

from .content import SAFETY_MESSAGES, load_raw

__all__ = [
    "APPROVAL_KEY",
    "canonical_bytes",
    "clinical_document",
    "content_sha256",
    "main",
    "record_problem",
]

APPROVAL_KEY = "approval"
"""Top-level key of the approval record in ``content.json``."""


def clinical_document(raw: Mapping[str, Any]) -> dict[str, Any]:
    """What a clinician signs: the content without its approval record, safety messages only."""
    document = {key: value for key, value in raw.items() if key not in (APPROVAL_KEY, "messages")}
    messages = raw.get("messages", {})
    document["messages"] = {
        key: text for key, text in messages.items() if key.startswith(SAFETY_MESSAGES)
    }
    return document


def canonical_bytes(raw: Mapping[str, Any]) -> bytes:
    """The exact bytes that are hashed (see the module docstring)."""
    text = json.dumps(
        clinical_document(raw),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        allow_nan=False,
    )
    return text.encode("utf-8")


def content_sha256(raw: Mapping[str, Any] | None = None) -> str:
    """Hex SHA-256 of ``raw`` (by default the shipped content) as a clinician signs it."""
    return hashlib.sha256(canonical_bytes(load_raw() if raw is None else raw)).hexdigest()


def record_problem(raw: Mapping[str, Any]) -> str | None:
    """Why the approval record of ``raw`` is wrong, or None.

    Wrong means: missing or malformed, or claiming approval of content other than
    ``raw`` (the content changed after sign-off and the record was not reset to draft
    or signed again). A draft is never wrong: it only means "not validated".
    """
    from pydantic import ValidationError

    from .models import Approval

    try:
        record = Approval.model_validate(raw.get(APPROVAL_KEY))
    except ValidationError as exc:
        return f"the approval record is invalid: {exc}"
    digest = content_sha256(raw)
    if record.status == "approved" and record.content_sha256 != digest:
        return (
            f"the approval record approves content_sha256 {record.content_sha256}, but the "
            f"content's fingerprint is {digest}: the content changed after sign-off. Set the "
            'record back to "draft" (or have a clinician sign the new fingerprint).'
        )
    return None


def main() -> int:
    """Print the fingerprint to sign and what the shipped record says about it (1 if wrong)."""
    raw = load_raw()
    found = raw.get(APPROVAL_KEY)
    record: Mapping[str, Any] = (
        cast("Mapping[str, Any]", found) if isinstance(found, Mapping) else {}
    )
    print(f"content_version: {raw.get('content_version')}")
    print(f"content_sha256:  {content_sha256(raw)}")
    print(f"approval status: {record.get('status', 'missing')}")
    problem = record_problem(raw)
    if problem is not None:
        print(f"clinically validated: NO -- {problem}")
        return 1
    if record.get("status") == "approved":
        who, when = record.get("approved_by"), record.get("approved_on")
        print(f"clinically validated: yes ({who}, {when})")
    else:
        print("clinically validated: no (draft)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
