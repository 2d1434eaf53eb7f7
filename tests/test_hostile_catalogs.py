"""A hostile or broken catalog never reaches a patient: the library refuses it and says so.

The library is pointed at a temporary locale dir (``MICRONEEDLING_INFO_LOCALEDIR``)
holding a fully (pseudo-)translated fr_CA catalog in which a few entries carry
attacks: ``{0.__class__}``, ``{days.__init__.__globals__}``, ``<script>``, an
``onerror`` handler, a renamed placeholder, a terminal escape. Those entries
must come out in English, be recorded, and nothing else may change.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from _support import po_path, pseudo, write_catalog
from babel import Locale

import microneedling_info as mi
from microneedling_info.cli import main
from microneedling_info.content import SOURCE_LOCALE, Message, iter_messages, load_raw
from microneedling_info.formatting import format_value, placeholders, render

PAYLOAD_MARKERS = ("__class__", "__globals__", "__init__", "<script", "onerror", "<img", "\x1b")


def messages() -> list[Message]:
    return list(iter_messages(load_raw()))


def hostile_entries() -> dict[str, str]:
    """context -> hostile translation, one attack per entry."""
    with_fields = [m for m in messages() if placeholders(m.text)]
    plain = [m for m in messages() if not placeholders(m.text)]
    assert len(with_fields) >= 3 and len(plain) >= 3, "the content needs a few texts to attack"
    days = next((m for m in with_fields if "days" in placeholders(m.text)), with_fields[0])
    others = [m for m in with_fields if m is not days]

    def swap(m: Message, new: str) -> str:
        return pseudo(m.text).replace("{" + placeholders(m.text)[0] + "}", new)

    name = placeholders(days.text)[0]
    return {
        others[0].context: swap(others[0], "{0.__class__}"),
        days.context: swap(days, "{" + name + ".__init__.__globals__}"),
        others[1].context: swap(others[1], "{nom_renomme}"),
        plain[0].context: pseudo(plain[0].text) + "<script>alert(1)</script>",
        plain[1].context: pseudo(plain[1].text) + " <img src=x onerror=alert(1)>",
        plain[2].context: pseudo(plain[2].text) + "\x1b[2J",
    }


def texts_by_context(lib: mi.Library) -> dict[str, str]:
    """Every text the library shows, keyed by the msgctxt it came from."""
    found = {"content.disclaimer": lib.info.disclaimer}
    found.update({f"message.{key}": text for key, text in lib.messages.items()})
    items: dict[str, dict[str, object]] = {
        "urgency": {str(u.id): u for u in lib.urgency_levels},
        "side_effect": {s.id: s for s in lib.side_effects},
        "phase": {p.id: p for p in lib.healing_phases},
        "criterion": {c.id: c for c in lib.escalation_criteria},
        "aftercare": {a.id: a for a in lib.aftercare},
    }
    position: dict[str, int] = defaultdict(int)
    for m in messages():
        prefix, _, rest = m.context.partition(".")
        if prefix == "aftercare_category":
            for a in lib.aftercare:
                if a.category_id == rest:
                    found[m.context] = a.category
                    break
        elif prefix in items:
            item_id, field, *key = rest.split(".")
            value = getattr(items[prefix][item_id], field)
            if key:  # list fields: the tuple follows the content's key order
                group = f"{prefix}.{item_id}.{field}"
                found[m.context] = value[position[group]]
                position[group] += 1
            else:
                found[m.context] = value
    return found


def expected_texts(locale: str, english: set[str]) -> dict[str, str]:
    """What the library must show: the translation, or the English for ``english`` contexts.

    An English fallback has English numbers too ("after 7 days", never "after 7 jours").
    """
    out = {}
    for m in messages():
        fallback = m.context in english
        text = m.text if fallback else pseudo(m.text)
        if m.values:
            loc = Locale.parse(SOURCE_LOCALE if fallback else locale)
            text = render(text, {n: format_value(v, loc) for n, v in m.values.items()})
        out[m.context] = text
    return out


def all_output(lib: mi.Library) -> str:
    models = [
        *lib.urgency_levels,
        *lib.side_effects,
        *lib.healing_phases,
        *lib.escalation_criteria,
        *lib.aftercare,
        lib.info,
    ]
    dumped = [m.model_dump(mode="json") for m in models]
    return json.dumps([dumped, dict(lib.messages)], ensure_ascii=False)


# --------------------------------------------------------------------------- hostile entries


def test_hostile_entries_fall_back_to_english(localedir: Path) -> None:
    hostile = hostile_entries()
    write_catalog(po_path(localedir, "fr_CA"), "fr_CA", hostile)

    lib = mi.build_library("fr_CA")  # does not raise

    assert set(lib.missing_translations) == set(hostile)
    assert len(lib.catalog_problems) == len(hostile)
    for context in hostile:
        assert sum(f": {context}: " in p for p in lib.catalog_problems) == 1, lib.catalog_problems

    shown = texts_by_context(lib)
    wanted = expected_texts("fr_CA", set(hostile))
    assert {c: shown[c] for c in wanted if c in shown} == {
        c: wanted[c] for c in wanted if c in shown
    }
    assert set(hostile) <= set(shown)  # every attacked text was actually looked at

    output = all_output(lib)
    for marker in PAYLOAD_MARKERS:
        assert marker not in output
    english = {m.context: m for m in messages()}
    for context, text in shown.items():
        m = english[context]
        if m.values:  # filled in at build time: no placeholder may be left
            assert "{" not in text and "}" not in text, (context, text)
        else:  # interface templates keep the English's placeholders only
            assert set(placeholders(text)) <= set(placeholders(m.text)), (context, text)


def test_a_hostile_screening_text_is_refused_before_anything_is_screened(
    localedir: Path,
) -> None:
    """The screening models are made on first use; their texts are checked with all the
    others when the library is built, so what it records does not wait for a screening."""
    english = {m.context: m.text for m in messages()}
    context = "screening.keloids.text"
    hostile = {context: pseudo(english[context]) + "<script>alert(1)</script>"}
    write_catalog(po_path(localedir, "fr_CA"), "fr_CA", hostile)

    lib = mi.build_library("fr_CA")
    assert "_screening" not in vars(lib)  # nothing screened yet
    assert lib.missing_translations == (context,)
    assert len(lib.catalog_problems) == 1 and f": {context}: " in lib.catalog_problems[0]
    assert lib.screening_question("keloids").text == english[context]
    why = lib.screening_question("keloids").why
    assert why == pseudo(english["screening.keloids.why"])


def test_strict_refuses_the_hostile_catalog(localedir: Path) -> None:
    hostile = hostile_entries()
    write_catalog(po_path(localedir, "fr_CA"), "fr_CA", hostile)
    with pytest.raises(mi.MissingTranslationError) as info:
        mi.get_library("fr_CA", strict=True)
    assert set(info.value.contexts) == set(hostile)
    assert mi.get_library("fr_CA").missing_translations  # non-strict still serves the patient


def test_assessment_with_hostile_catalog_is_clean(localedir: Path) -> None:
    write_catalog(po_path(localedir, "fr_CA"), "fr_CA", hostile_entries())
    lib = mi.get_library("fr_CA")
    result = lib.assess(
        mi.Report(days_since_treatment=2, symptoms=["pus", "fever"], temperature_c=38.6)
    )
    text = " ".join(
        [result.headline, result.action, result.disclaimer, *(c.sign for c in result.matched)]
    )
    for marker in PAYLOAD_MARKERS:
        assert marker not in text


def test_catalog_check_names_every_hostile_entry(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = hostile_entries()
    write_catalog(po_path(localedir, "fr_CA"), "fr_CA", hostile)
    code = main(["catalog", "check", str(po_path(localedir, "fr_CA"))])
    out = capsys.readouterr().out
    assert code == 1
    for context in hostile:
        assert f": {context}: " in out


# --------------------------------------------------------------------------- broken files


def _truncated_keyword(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"\nmsgstr ") + 5])  # ends in "msgs"


def _truncated_mid_string(path: Path) -> None:
    """Cut the file inside a plain safety text, e.g. the emergency action "Call 911 now."."""
    plain = [m for m in messages() if m.safety and not placeholders(m.text) and len(m.text) > 8]
    m = next((m for m in plain if m.context == "urgency.emergency.action"), plain[0])
    data = path.read_bytes()
    at = data.index(f'msgctxt "{m.context}"'.encode())
    start = data.index(b'msgstr "', at) + len(b'msgstr "')
    if data[start : start + 1] == b'"':  # msgstr "" then continuation lines
        start = data.index(b'\n"', start) + 2
    cut = start + 6  # "Càll 9": the number is gone
    while data[cut] & 0xC0 == 0x80:  # not inside a UTF-8 sequence
        cut -= 1
    path.write_bytes(data[:cut])


def _random_mo(path: Path) -> None:
    path.unlink()
    path.with_suffix(".mo").write_bytes(os.urandom(4096))


def _wrong_encoding(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))


def _huge(path: Path) -> None:
    with path.open("ab") as f:
        f.write(b"# padding\n" * 900_000)  # > 8 MB


BROKEN = {
    "truncated .po": _truncated_keyword,
    "random bytes .mo": _random_mo,
    "wrong encoding": _wrong_encoding,
    "huge file": _huge,
    "truncated mid-string": _truncated_mid_string,  # babel alone reads it as a shorter text
}


@pytest.mark.parametrize("kind", list(BROKEN.values()), ids=list(BROKEN))
def test_broken_catalog_falls_back_to_english(
    kind: Callable[[Path], None], localedir: Path
) -> None:
    path = po_path(localedir, "fr_CA")
    write_catalog(path, "fr_CA", {})
    kind(path)

    lib = mi.build_library("fr_CA")  # does not raise

    everything = {m.context for m in messages()}
    assert set(lib.missing_translations) == everything
    assert lib.catalog_problems, "an unreadable catalog must be reported"
    shown = texts_by_context(lib)
    wanted = expected_texts("fr_CA", everything)
    assert {c: shown[c] for c in shown} == {c: wanted[c] for c in shown}
    with pytest.raises(mi.MissingTranslationError):
        mi.get_library("fr_CA", strict=True)
