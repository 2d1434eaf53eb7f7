"""Entry counts per catalog (``microneedling-info catalog stats``)."""

from __future__ import annotations

from pathlib import Path

from ..content import SOURCE_LANGUAGE, iter_messages, load_raw
from .entries import live_entries, string_of
from .files import read, read_file, shipped_catalogs, shown_path
from .problems import Stats

__all__ = ["catalog_stats", "stats_for"]


def stats_for(path: Path, locale: str, *, display: str | None = None) -> Stats:
    """Entry counts of one catalog file."""
    shown = display or shown_path(path)
    source = locale.split("_")[0] == SOURCE_LANGUAGE
    safety = {(m.context, m.text) for m in iter_messages(load_raw()) if m.safety}
    data = read_file(path)
    if isinstance(data, str):
        return Stats(locale, shown, 0, 0, 0, 0, 0, len(safety), 0, source, data)
    catalog, why, _spans = read(data, compiled=path.suffix == ".mo")
    if catalog is None:
        return Stats(locale, shown, 0, 0, 0, 0, 0, len(safety), 0, source, why)
    total = translated = fuzzy = untranslated = safety_ok = 0
    for message, msgid in live_entries(catalog):
        total += 1
        text = string_of(message.string)
        if message.fuzzy:
            fuzzy += 1
        elif text:
            translated += 1
        else:
            untranslated += 1
        usable = not message.fuzzy and (bool(text) or source)
        if usable and (message.context or "", msgid) in safety:
            safety_ok += 1
    obsolete = len(getattr(catalog, "obsolete", {}))
    return Stats(
        locale,
        shown,
        total,
        translated,
        fuzzy,
        untranslated,
        obsolete,
        len(safety),
        safety_ok,
        source,
    )


def catalog_stats() -> list[Stats]:
    """Entry counts of every shipped catalog, by locale."""
    return [stats_for(path, loc, display=shown) for loc, path, shown in shipped_catalogs(None)]
