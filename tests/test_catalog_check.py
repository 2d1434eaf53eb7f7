"""``microneedling-info catalog check`` and ``catalog stats`` on catalogs built for each test.

Every test writes its own catalog in ``tmp_path``: a complete fr_CA catalog
whose "translation" is a pseudo-translation of the current content (vowels
accented, placeholders, numbers and names kept, Quebec typography applied), so
it passes every check; then breaks it in one precise way. Nothing here depends
on the state of the shipped French translation.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from _support import pseudo
from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as PoMessage
from babel.messages.pofile import read_po, write_po

import microneedling_info as mi
from microneedling_info import catalog_check
from microneedling_info.cli import main
from microneedling_info.content import DOMAIN, Message, iter_messages, load_raw
from microneedling_info.formatting import placeholders

# --------------------------------------------------------------------------- helpers


def messages() -> list[Message]:
    return list(iter_messages(load_raw()))


def build_catalog(
    locale: str = "fr_CA", translate: Callable[[str], str] | None = pseudo
) -> Catalog:
    """The whole content as a catalog, every entry translated by ``translate`` (None: empty)."""
    catalog = Catalog(locale=locale, domain=DOMAIN, project="microneedling-info", version="0.1.0")
    for m in messages():
        flags = ["python-brace-format"] if placeholders(m.text) else []
        text = translate(m.text) if translate else ""
        catalog.add(m.text, text, context=m.context, flags=flags, auto_comments=[m.comment])
    return catalog


def save(catalog: Catalog, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=76)
    return path


def catalog_path(root: Path, locale: str = "fr_CA") -> Path:
    return root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def find(predicate: Callable[[Message], bool]) -> Message:
    found = [m for m in messages() if predicate(m)]
    if not found:
        pytest.skip("the content has no text of the kind this test needs")
    return found[0]


def entry(catalog: Catalog, m: Message) -> PoMessage:
    result = catalog.get(m.text, context=m.context)
    assert result is not None
    return result


def lineno(path: Path, context: str) -> int:
    with path.open("rb") as f:
        for message in read_po(f):
            if message.context == context:
                return int(message.lineno or 0)
    raise AssertionError(f"{context} not in {path}")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


@pytest.fixture
def po(tmp_path: Path) -> Path:
    """A clean, fully (pseudo-)translated fr_CA catalog."""
    return save(build_catalog(), catalog_path(tmp_path / "locales"))


def with_translation(path: Path, m: Message, text: str, *, fuzzy: bool = False) -> Path:
    with path.open("rb") as f:
        catalog = read_po(f)
    e = entry(catalog, m)
    e.string = text
    if fuzzy:
        e.flags.add("fuzzy")
    return save(catalog, path)


has_fields = placeholders  # readability in predicates


# --------------------------------------------------------------------------- clean


def test_clean_catalog_exits_0(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "catalog", "check", str(po))
    assert out == []
    assert code == 0, err
    assert "OK" in err


def test_source_language_with_empty_msgstr_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = build_catalog("en_CA", translate=None)
    some = messages()[3]
    entry(catalog, some).flags.add("fuzzy")  # fuzzy with an empty msgstr: harmless in English
    path = save(catalog, catalog_path(tmp_path, "en_CA"))
    code, out, err = run(capsys, "catalog", "check", str(path))
    assert (code, out) == (0, []), err


def test_source_language_msgstr_is_checked_like_a_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = find(lambda m: bool(has_fields(m.text)))
    catalog = build_catalog("en_CA", translate=None)
    entry(catalog, m).string = "Plain text, the placeholder is gone"
    path = save(catalog, catalog_path(tmp_path, "en_CA"))
    code, out, _ = run(capsys, "catalog", "check", str(path))
    assert code == 1
    line = lineno(path, m.context)
    assert any(o.startswith(f"{path}:{line}: {m.context}: placeholders differ") for o in out), out
    assert not any("SAFETY" in o for o in out)  # in English the msgid itself is always usable


# --------------------------------------------------------------------------- placeholders, markup


def _first_field(m: Message) -> str:
    return has_fields(m.text)[0]


BREAKS: dict[str, tuple[Callable[[Message], str], str]] = {
    "missing placeholder": (
        lambda m: pseudo(m.text).replace("{" + _first_field(m) + "}", "3"),
        "placeholders differ from the English: missing {",
    ),
    "renamed placeholder": (
        lambda m: pseudo(m.text).replace("{" + _first_field(m) + "}", "{nombre_fr}"),
        "unknown {nombre_fr}",
    ),
    "attribute access": (
        lambda m: pseudo(m.text).replace("{" + _first_field(m) + "}", "{0.__class__}"),
        "placeholder {0.__class__} is not a plain name",
    ),
    "format spec": (
        lambda m: pseudo(m.text).replace(
            "{" + _first_field(m) + "}", "{" + _first_field(m) + ":>999}"
        ),
        "must not carry a format",
    ),
    "script tag": (
        lambda m: pseudo(m.text) + "<script>alert(1)</script>",
        "markup (HTML tags or entities) is not allowed",
    ),
    "control character": (
        lambda m: pseudo(m.text) + "\x1b[31m",
        "character U+001B (Cc) not allowed",
    ),
}


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_refused_translation_is_reported_with_its_context(
    kind: str, po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_it, expected = BREAKS[kind]
    m = find(lambda m: bool(has_fields(m.text)) and not m.safety)
    with_translation(po, m, break_it(m))
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    prefix = f"{po}:{lineno(po, m.context)}: {m.context}: "
    assert any(o.startswith(prefix) and expected in o for o in out), out


def test_refused_safety_translation_fails_the_gate(
    po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = find(lambda m: m.safety)
    with_translation(po, m, "<img src=x onerror=alert(1)>")
    code, out, err = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert f"{po}:{lineno(po, m.context)}: {m.context}: SAFETY: markup" in "\n".join(out)
    assert "SAFETY GATE FAILED" in err


def test_missing_python_brace_format_flag(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = find(lambda m: bool(has_fields(m.text)))
    line = lineno(po, m.context)
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    flag_line = next(i for i in range(line - 1, 0, -1) if lines[i].startswith("#,"))
    assert "python-brace-format" in lines[flag_line]
    del lines[flag_line]  # babel would add the flag back on reading: edit the text itself
    po.write_text("".join(lines), encoding="utf-8")
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert f"{po}:{lineno(po, m.context)}: {m.context}: '#, python-brace-format' flag missing" in (
        "\n".join(out)
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
def test_msgfmt_errors_are_reported_on_the_entry(
    po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = find(lambda m: bool(has_fields(m.text)))
    with_translation(po, m, pseudo(m.text).replace("{" + _first_field(m) + "}", "{autre}"))
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    prefix = f"{po}:{lineno(po, m.context)}: {m.context}: msgfmt: "
    assert any(o.startswith(prefix) and "'autre'" in o for o in out), out


def test_without_msgfmt_our_placeholder_check_still_runs(
    po: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    m = find(lambda m: bool(has_fields(m.text)))
    with_translation(po, m, pseudo(m.text).replace("{" + _first_field(m) + "}", "{autre}"))
    monkeypatch.setattr(catalog_check.msgfmt.shutil, "which", lambda name: None)
    code, out, err = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert "skipped: msgfmt not found" in err
    assert any(m.context in o and "unknown {autre}" in o for o in out)
    assert not any("msgfmt:" in o for o in out)


# --------------------------------------------------------------------------- fuzzy, missing, stale


def test_fuzzy_safety_string(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = find(lambda m: m.safety and m.context.startswith("criterion."))
    with_translation(po, m, pseudo(m.text), fuzzy=True)
    code, out, err = run(capsys, "catalog", "check", str(po))
    assert code == 1
    line = f"{po}:{lineno(po, m.context)}: {m.context}: SAFETY: fuzzy"
    assert any(o.startswith(line) and o.endswith("(fr_CA)") for o in out), out
    assert "SAFETY GATE FAILED: 1 " in err


def test_untranslated_safety_string(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = find(lambda m: m.safety and m.context.startswith("urgency."))
    with_translation(po, m, "")
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert out == [f"{po}:{lineno(po, m.context)}: {m.context}: SAFETY: not translated (fr_CA)"]


def test_untranslated_and_fuzzy_ordinary_strings(
    po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = [m for m in messages() if not m.safety][:2]
    with_translation(po, plain[0], "")
    with_translation(po, plain[1], pseudo(plain[1].text), fuzzy=True)
    code, out, err = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert f"{po}:{lineno(po, plain[0].context)}: {plain[0].context}: not translated" in out
    assert any(
        o.startswith(f"{po}:{lineno(po, plain[1].context)}: {plain[1].context}: fuzzy") for o in out
    )
    assert "SAFETY" not in err


def test_safety_string_absent_from_catalog(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = find(lambda m: m.safety)
    with po.open("rb") as f:
        catalog = read_po(f)
    catalog.delete(m.text, context=m.context)
    save(catalog, po)
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert any(
        o.startswith(f"{po}:0: {m.context}: SAFETY: missing from the catalog (fr_CA)") for o in out
    )


def test_stale_and_obsolete_entries(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = messages()[5]
    with po.open("rb") as f:
        catalog = read_po(f)
    catalog.add("A text the content dropped", "Un texte retiré", context="side_effect.gone.name")
    catalog.add(m.text + " (old wording)", "Ancienne formulation", context=m.context)
    catalog.obsolete[("Old", "old.entry")] = PoMessage("Old", "Vieux", context="old.entry")
    save(catalog, po)
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    text = "\n".join(out)
    gone = lineno(po, "side_effect.gone.name")
    assert f"{po}:{gone}: side_effect.gone.name: stale: this context is no longer" in text
    assert f": {m.context}: stale: the English of this context changed" in text
    assert re.search(r":\d+: old\.entry: obsolete entry \(#~\)", text), text


# --------------------------------------------------------------------------- unreadable files


def test_truncated_mid_string(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = po.read_bytes()
    po.write_bytes(data[: data.rindex(b'msgstr "') + 12])  # babel alone would read this
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert len(out) == 1 and out[0].startswith(f"{po}:0: -: cannot read catalog (line ")
    assert "truncated" in out[0]


@pytest.mark.parametrize("cut", ["keyword", "after msgid"])
def test_truncated_elsewhere(cut: str, po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = po.read_bytes()
    last = data.rindex(b"\nmsgstr ")
    po.write_bytes(data[: last + 5] if cut == "keyword" else data[: last + 1])
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert out[0].startswith(f"{po}:0: -: cannot read catalog (")


def test_wrong_encoding(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = po.read_text(encoding="utf-8")  # the header says charset=utf-8...
    po.write_bytes(text.encode("latin-1", errors="replace"))  # ...the bytes are Latin-1
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert len(out) == 1
    assert re.match(
        rf"{re.escape(str(po))}:0: -: cannot read catalog \(line \d+: not valid utf-8", out[0]
    )


def test_huge_file(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with po.open("ab") as f:
        f.write(b"# padding\n" * 900_000)
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert (code, len(out)) == (1, 1)
    assert "cannot read catalog (larger than" in out[0]


def test_random_mo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mo = tmp_path / "fr_CA" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(os.urandom(4096))
    code, out, _ = run(capsys, "catalog", "check", str(mo))
    assert code == 1
    assert out == [f"{mo}:0: -: cannot read catalog (not a compiled catalog (OSError))"] or (
        out[0].startswith(f"{mo}:0: -: cannot read catalog (")
    )


# --------------------------------------------------------------------------- template


def write_pot(path: Path, msgs: list[tuple[str | None, str]]) -> Path:
    pot = Catalog(domain=DOMAIN, project="microneedling-info", version="0.1.0")
    for context, text in msgs:
        pot.add(text, context=context)
    return save(pot, path)


def test_template_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pot = write_pot(tmp_path / f"{DOMAIN}.pot", [(m.context, m.text) for m in messages()])
    code, out, err = run(capsys, "catalog", "check", str(pot))
    assert (code, out) == (0, []), err


def test_template_out_of_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    msgs = [(m.context, m.text) for m in messages()]
    dropped, changed = msgs[0], msgs[1]
    keep = [
        (changed[0], changed[1] + " Old wording."),
        *msgs[2:],
        ("side_effect.gone.name", "Gone"),
    ]
    pot = write_pot(tmp_path / f"{DOMAIN}.pot", keep)
    code, out, _ = run(capsys, "catalog", "check", str(pot))
    assert code == 1
    text = "\n".join(out)
    assert f"{pot}:0: {dropped[0]}: template out of date: missing" in text
    assert f"{pot}:0: {changed[0]}: template out of date: missing" in text
    assert f": {changed[0]}: template out of date: the English changed" in text
    assert (
        f"{pot}:{lineno(pot, 'side_effect.gone.name')}: side_effect.gone.name: template out of date"
        in text
    )


def test_shipped_mode_checks_template_and_every_locale(
    localedir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    msgs = messages()
    write_pot(localedir / f"{DOMAIN}.pot", [(m.context, m.text) for m in msgs[1:]])
    save(build_catalog(), catalog_path(localedir, "fr_CA"))
    save(build_catalog("en_CA", translate=None), catalog_path(localedir, "en_CA"))
    code, out, _ = run(capsys, "catalog", "check")
    assert code == 1
    assert len(out) == 1 and f": {msgs[0].context}: template out of date: missing" in out[0]

    with_translation(catalog_path(localedir, "fr_CA"), msgs[2], "")
    code, out, _ = run(capsys, "catalog", "check", "--locale", "fr-CA")
    assert code == 1
    assert any("fr_CA" in o and msgs[2].context in o and "not translated" in o for o in out), out


# --------------------------------------------------------------------------- glossary


def test_shipped_glossary_rejects_synonyms() -> None:
    path = catalog_check.find_glossary()
    if path is None:
        pytest.skip("no locales/glossary.csv (not a source checkout)")
    terms = catalog_check.load_glossary(path)

    def verdict(en: str, fr: str) -> list[str]:
        return [p for t in terms if (p := t.problem("fr_CA", en, fr))]

    assert verdict("Signs of cellulitis.", "Signes de cellulite.")
    assert not verdict("Signs of cellulitis.", "Signes de cellulite infectieuse.")
    assert verdict("You get a cold sore.", "Vous avez de l'herpès.")
    assert not verdict("You get a cold sore.", "Vous avez un feu sauvage (herpès labial).")
    assert verdict("Swelling is normal.", "L'œdème est normal.")
    assert not verdict("Swelling is normal.", "L'enflure (œdème) est normale.")
    assert verdict("Use sunscreen SPF 30.", "Utilisez un écran solaire SPF 30.")
    assert verdict("Call Info-Santé 811.", "Appelez Info Santé au 811.")
    assert not verdict("Some redness.", "Un peu de rougeurs.")
    assert verdict("If it is an emergency, call 911.", "En cas d'émergence, composez le 911.")
    assert not verdict(
        "Plain text.", "Cellulite, œdème, herpès."
    )  # the English has none of the terms


def test_glossary_breach_is_reported(
    po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = find(
        lambda m: (
            bool(re.search(r"\b[a-z]{6,}\b", m.text))
            and not has_fields(m.text)
            and not re.search(r"\d", m.text)
        )
    )
    word = re.findall(r"\b[a-z]{6,}\b", m.text)[0]
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(
        f"en,fr_CA,rejected_fr_CA,note\n{word},motconvenu,motrejeté|autrerejet,test\n",
        encoding="utf-8",
    )
    with_translation(po, m, "Un texte avec motrejeté dedans.")
    code, out, _ = run(capsys, "catalog", "check", "--glossary", str(glossary), str(po))
    assert code == 1
    assert (
        f'{po}:{lineno(po, m.context)}: {m.context}: glossary: "motrejeté" is not the agreed term '
        f'for "{word}"; use "motconvenu"'
    ) in out

    with_translation(po, m, "Un texte avec motconvenu et motrejeté.")  # agreed term present: fine
    code, out, _ = run(capsys, "catalog", "check", "--glossary", str(glossary), str(po))
    assert not any(": glossary: " in o for o in out)


def test_waiver_comment_silences_only_waivable_checks(
    po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = find(
        lambda m: (
            bool(re.search(r"\b[a-z]{6,}\b", m.text))
            and not has_fields(m.text)
            and not re.search(r"\d", m.text)
        )
    )
    word = re.findall(r"\b[a-z]{6,}\b", m.text)[0]
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(f"en,fr_CA,rejected_fr_CA\n{word},bon,mauvais\n", encoding="utf-8")
    with po.open("rb") as f:
        catalog = read_po(f)
    e = entry(catalog, m)
    e.string = "Le mot mauvais le le <b>gras</b>"
    e.user_comments.append("check-ok: glossary, doublewords, xmltags")
    save(catalog, po)
    code, out, _ = run(capsys, "catalog", "check", "--glossary", str(glossary), str(po))
    assert code == 1
    text = "\n".join(out)
    assert ": glossary: " not in text and "doublewords" not in text
    assert "markup" in text and "xmltags" in text  # markup can never be waived
    assert "check-ok: 'xmltags' cannot be waived" in text


# --------------------------------------------------------------------------- toolkit, typography


def test_translate_toolkit_checks_run(po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("translate.filters.checks")
    m = find(lambda m: not has_fields(m.text) and len(m.text.split()) > 3)
    with_translation(po, m, "le le " + pseudo(m.text))
    code, out, _ = run(capsys, "catalog", "check", str(po))
    assert code == 1
    assert (
        f"{po}:{lineno(po, m.context)}: {m.context}: translate-toolkit doublewords: "
        in "\n".join(out)
    )


def test_quebec_punctuation_is_not_a_toolkit_problem(
    po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No space before ? and ! in Quebec French: translate-toolkit's endpunc would flag it."""
    m = find(lambda m: not has_fields(m.text) and m.text.endswith("."))
    with_translation(po, m, pseudo(m.text)[:-1] + "?")
    code, out, err = run(capsys, "catalog", "check", str(po))
    assert (code, out) == (0, []), err


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("Attention: ceci", "non-breaking space (U+00A0) before ':'"),
        ("Attention : ceci", "the space before ':' must be non-breaking"),
        ("Vraiment ?", "no space before ';', '?' or '!'"),
        ("Le mot «rougeur»", "non-breaking spaces inside « guillemets »"),
        ('Le mot "rougeur"', "use « guillemets »"),
        ("Appelez l\u2019infirmière", "use the straight apostrophe '"),
    ],
)
def test_quebec_typography(
    translation: str, expected: str, po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = find(lambda m: not has_fields(m.text) and not m.safety)
    with_translation(po, m, translation)
    _code, out, _ = run(capsys, "catalog", "check", str(po))
    assert any(
        o.startswith(f"{po}:{lineno(po, m.context)}: {m.context}: typography: ") and expected in o
        for o in out
    ), out


# --------------------------------------------------------------------------- locale, usage


def test_locale_comes_from_header_or_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = build_catalog()
    catalog.locale = None
    path = save(catalog, tmp_path / "loose.po")
    code, out, _ = run(capsys, "catalog", "check", str(path))
    assert code == 1
    assert out == [f"{path}:0: -: cannot tell the language: add a Language header or use --locale"]
    code, out, err = run(capsys, "catalog", "check", "--locale", "fr-CA", str(path))
    assert (code, out) == (0, []), err


@pytest.mark.parametrize(
    "argv",
    [
        ["catalog", "check", "/no/such/file.po"],
        ["catalog", "check", "--locale", "xx-YY"],
        ["catalog"],
        ["catalog", "check", "--glossary", "/no/such/glossary.csv"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "error:" in err


def test_bad_locale_for_a_path_is_a_usage_error(
    po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["catalog", "check", "--locale", "not a locale!", str(po)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "is not a locale id" in err


# --------------------------------------------------------------------------- stats


def test_stats(localedir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    msgs = messages()
    fr = build_catalog()
    entry(fr, msgs[0]).string = ""
    entry(fr, msgs[1]).string = ""
    entry(fr, msgs[2]).flags.add("fuzzy")
    fr.obsolete[("Old", "old.entry")] = PoMessage("Old", "Vieux", context="old.entry")
    save(fr, catalog_path(localedir, "fr_CA"))
    save(build_catalog("en_CA", translate=None), catalog_path(localedir, "en_CA"))
    total = len(msgs)

    stats = {s.locale: s for s in catalog_check.catalog_stats()}
    assert set(stats) == {"en_CA", "fr_CA"}
    s = stats["fr_CA"]
    assert (s.total, s.translated, s.fuzzy, s.untranslated, s.obsolete) == (
        total,
        total - 3,
        1,
        2,
        1,
    )
    assert s.share_translated == pytest.approx((total - 3) / total)
    assert stats["en_CA"].source and stats["en_CA"].share_translated == 1.0

    code, out, _ = run(capsys, "catalog", "stats")
    assert code == 0
    assert out[0].split("\t")[:6] == [
        "locale",
        "total",
        "translated",
        "fuzzy",
        "untranslated",
        "obsolete",
    ]
    rows = {line.split("\t")[0]: line.split("\t") for line in out[1:]}
    assert rows["fr_CA"][1:6] == [str(total), str(total - 3), "1", "2", "1"]
    assert rows["fr_CA"][-1] == f"{(total - 3) / total:.1%}"
    assert rows["en_CA"][-1].startswith("100.0%")


def test_stats_unreadable_catalog(localedir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = catalog_path(localedir, "fr_CA")
    path.parent.mkdir(parents=True)
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "x\n')
    code, out, _ = run(capsys, "catalog", "stats")
    assert code == 1
    assert any(o.startswith("fr_CA\tcannot read catalog") for o in out)


# --------------------------------------------------------------------------- the shipped catalogs


def test_shipped_catalogs_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    mi.clear_caches()
    code, out, err = run(capsys, "catalog", "check")
    assert code == 0, "\n".join(out[:40]) + err
