"""Babel extractor for the content data (registered as ``microneedling_content``).

``pybabel extract -F pyproject.toml`` calls :func:`extract_content` for
``src/microneedling_info/data/*.json``; every text becomes one catalog entry
with its stable ``msgctxt`` and a ``#.`` comment telling translators where it
appears. The module imports nothing heavy so extraction stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from .content import iter_messages, parse_raw

__all__ = ["extract_content"]


def extract_content(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any] | Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Yield ``(lineno, "pgettext", (msgctxt, msgid), [comment])`` for babel.

    babel maps the ``pgettext`` spec to (context, message); the comment lands
    as an ``#.`` auto-comment.
    """
    source = fileobj.read().decode("utf-8")
    raw = parse_raw(source)
    for message in iter_messages(raw):
        needle = json.dumps(message.text, ensure_ascii=False)
        offset = source.find(needle)
        lineno = source.count("\n", 0, offset) + 1 if offset >= 0 else 1
        comment = message.comment
        if message.values:
            shown = ", ".join(
                f"{{{name}}} = a {v.kind} value" for name, v in message.values.items()
            )
            comment += f" Placeholders are filled in by the software: {shown}; keep them."
        yield lineno, "pgettext", (message.context, message.text), [comment]
