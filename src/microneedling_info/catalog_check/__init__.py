"""The translators' catalog check (``microneedling-info catalog check`` / ``stats``).

``check_catalog(path, locale)`` reads one ``.po`` (or ``.mo``) file and returns
every :class:`Problem` found in it:

* entries not translated, fuzzy or obsolete (``#~``); entries whose msgctxt or
  English no longer exists in the content (stale) and content texts absent
  from the catalog;
* placeholders, markup and control characters, through the library's own
  runtime guard :func:`~microneedling_info.formatting.check_translation`, plus
  the ``python-brace-format`` flag wherever the English has placeholders;
* the SAFETY GATE: every text marked ``safety`` in the content is present,
  translated, not fuzzy and usable in every locale;
* a chosen set of translate-toolkit checks (:data:`TOOLKIT_CHECKS`; the
  exclusions and why are in :data:`TOOLKIT_EXCLUDED`) and GNU ``msgfmt
  --check-format`` when it is installed;
* Quebec typography (OQLF) for ``fr_CA`` and the agreed terms of
  ``locales/glossary.csv``.

``check_template(pot)`` says whether the POT still matches the content, and
:func:`catalog_stats` counts entries per locale.

The package, one job per module (as babel's ``messages/`` is split):

* :mod:`.entries` -- the checks of one entry, small functions ``(entry) -> findings``;
* :mod:`.files` -- whole files: a catalog, the template, the shipped set;
* :mod:`.glossary` -- the agreed terms; :mod:`.toolkit` and :mod:`.msgfmt` -- the
  adapters of the optional external tools; :mod:`.problems` -- what is reported;
  :mod:`.stats` -- entry counts.

Catalogs are read by the library's one reader (:mod:`microneedling_info.catalogs`),
with its one size limit. Heavy imports (translate-toolkit, subprocess, csv) happen
inside the functions.
"""

from __future__ import annotations

from .files import check_catalog, check_shipped, check_template, shipped_catalogs
from .glossary import GLOSSARY_FILE, GlossaryTerm, find_glossary, load_glossary
from .problems import Problem, Stats
from .stats import catalog_stats, stats_for
from .toolkit import TOOLKIT_CHECKS, TOOLKIT_EXCLUDED, WAIVABLE

__all__ = [
    "GLOSSARY_FILE",
    "TOOLKIT_CHECKS",
    "TOOLKIT_EXCLUDED",
    "WAIVABLE",
    "GlossaryTerm",
    "Problem",
    "Stats",
    "catalog_stats",
    "check_catalog",
    "check_shipped",
    "check_template",
    "find_glossary",
    "load_glossary",
    "shipped_catalogs",
    "stats_for",
]
