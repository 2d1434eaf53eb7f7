"""The translate-toolkit adapter: which of its checks run, which do not and why.

translate-toolkit is an optional extra (``pip install 'microneedling-info[check]'``).
Its checkers are built once per language under a lock; a missing toolkit is
remembered too, and every call that finds it missing says so in ``notes``.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

__all__ = [
    "NO_TRANSLATE_WORDS",
    "TOOLKIT_CHECKS",
    "TOOLKIT_EXCLUDED",
    "WAIVABLE",
    "checker",
    "clear_cache",
    "failures",
]

TOOLKIT_CHECKS: tuple[str, ...] = (
    # critical
    "escapes",
    "newlines",
    "printf",
    "pythonbraceformat",
    "tabs",
    "variables",
    "xmltags",
    # functional
    "blank",
    "emails",
    "filepaths",
    "functions",
    "long",
    "notranslatewords",
    "numbers",
    "options",
    "purepunc",
    "short",
    "unchanged",
    "urls",
    # cosmetic, but cheap and never wrong for this text
    "doublespacing",
    "doublewords",
    "endwhitespace",
    "startwhitespace",
)
"""translate-toolkit ``StandardChecker`` checks that run on every translation."""

TOOLKIT_EXCLUDED: Mapping[str, str] = {
    "accelerators": "patient text has no keyboard accelerators",
    "acronyms": "French uses its own acronyms (SPF becomes FPS); the glossary covers them",
    "kdecomments": "a KDE convention, not used here",
    "musttranslatewords": "needs a word list; the glossary does this job",
    "validchars": "needs a character list; control characters are checked by the library",
    "spellcheck": "needs system dictionaries; use your PO editor's spell checker",
    "sentencecount": "plain-language rewriting may split or join sentences",
    "brackets": "a translator may add or drop parentheses when rephrasing",
    "doublequoting": "French uses « guillemets »; checked by the Quebec typography rules",
    "singlequoting": "French apostrophes (' and \u2019) trip it",
    "endpunc": "expects France's space before ? and !; Quebec has none (OQLF)",
    "puncspacing": "expects France's space before ; ? !; Quebec has none (OQLF)",
    "startcaps": "misfires on rephrased openings and placeholders",
    "simplecaps": "misfires on rephrased sentences",
    "startpunc": "misfires on an opening « guillemet »",
    "simpleplurals": "an English '(s)' idiom",
    "untranslated": "reported by this check itself (with the safety gate)",
    "isfuzzy": "reported by this check itself (with the safety gate)",
    "isreview": "not used",
    "hassuggestion": "not used",
    "compendiumconflicts": "not used",
    "credits": "not used",
    "nplurals": "the content has no plural entries",
}
"""translate-toolkit checks left out, and why (also in docs/translators.md)."""

NO_TRANSLATE_WORDS = ("911", "811")
"""Kept as is in every translation that has them (translate-toolkit ``notranslatewords``)."""

_CRITICAL_TOOLKIT = frozenset(
    {"escapes", "newlines", "printf", "pythonbraceformat", "tabs", "variables", "xmltags"}
)
WAIVABLE = (frozenset(TOOLKIT_CHECKS) - _CRITICAL_TOOLKIT) | {"glossary", "typography"}
"""Checks a translator may waive for one entry with a ``# check-ok: NAME, ...`` comment.

Placeholders, markup, control characters, the critical translate-toolkit checks,
msgfmt, fuzzy, stale, missing and the safety gate can never be waived.
"""

SKIPPED = "skipped: translate-toolkit not installed (pip install 'microneedling-info[check]')"

_lock = threading.Lock()
_checkers: dict[str, Any] = {}
"""StandardChecker by language; None when translate-toolkit is not installed."""


def _build(language: str) -> Any:
    try:
        from translate.filters import checks  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    config = checks.CheckerConfig(
        targetlanguage=language, notranslatewords=list(NO_TRANSLATE_WORDS)
    )
    return checks.StandardChecker(config, limitfilters=list(TOOLKIT_CHECKS))


def checker(language: str, notes: list[str] | None = None) -> Any:
    """A StandardChecker for ``language`` (built once); None, noted, if the toolkit is missing."""
    with _lock:
        if language not in _checkers:
            _checkers[language] = _build(language)
        found = _checkers[language]
    if found is None and notes is not None:
        notes.append(SKIPPED)
    return found


def clear_cache() -> None:
    """Forget the checkers (tests that hide or show translate-toolkit)."""
    with _lock:
        _checkers.clear()


def failures(checker: Any, msgid: str, msgstr: str) -> dict[str, str]:
    """The toolkit checks ``msgstr`` fails, by name, with the toolkit's message."""
    from translate.storage.pypo import pounit  # type: ignore[import-untyped,unused-ignore]

    unit = pounit(msgid)
    unit.target = msgstr
    found = checker.run_filters(unit, categorised=True)
    return {str(name): str(info["message"]) for name, info in found.items()}
