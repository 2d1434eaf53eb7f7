"""The README's examples work: the library snippet runs, the CLI synopsis and the handout
command use options that exist."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
from _support import source_root

from microneedling_info.cli import build_parser, main

ROOT = source_root()
pytestmark = pytest.mark.skipif(ROOT is None, reason="needs the source checkout's README.md")


def readme() -> str:
    assert ROOT is not None
    return (ROOT / "README.md").read_text(encoding="utf-8")


def block(after: str, language: str = "") -> str:
    """The first fenced block after the line ``after``."""
    text = readme()
    start = text.index(after)
    match = re.compile(rf"```{language}\n(.*?)```", re.DOTALL).search(text, start)
    assert match is not None, after
    return match.group(1)


def test_the_library_snippet_runs() -> None:
    exec(compile(block("## Using the library", "python"), "README.md", "exec"), {})


def _options(parser: argparse.ArgumentParser, words: list[str]) -> set[str]:
    """The option strings of the (sub)command that ``words`` names."""
    for word in words:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs or word not in subs[0].choices:
            break
        parser = subs[0].choices[word]
    return {option for action in parser._actions for option in action.option_strings}


def test_the_synopsis_names_real_commands_and_options() -> None:
    lines = [
        line for line in block("## Command line").splitlines() if line.startswith("microneedling")
    ]
    assert "microneedling-info --version" in lines
    assert any("--glossary" in line for line in lines)
    parser = build_parser()
    for line in lines:
        words = line.split()[1:]
        commands = [w for w in words if re.fullmatch(r"[a-z-]+", w)]
        used = set(re.findall(r"--[a-z-]+", line))
        assert used <= _options(parser, commands), (line, used - _options(parser, commands))


def test_the_handout_command_installs_from_the_clone_and_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = readme()
    start = text.index("<!-- handout-command -->")
    command = text[start : text.index("<!-- /handout-command -->")]
    assert "pip install '.[html]'" in command, "the package is not on an index: install the clone"
    assert "pip install 'microneedling-info" not in text
    cli = shlex.split(command.split("&&")[-1].strip().strip("`").strip())
    assert Path(cli[0]).name == "microneedling-info"
    argv = cli[1:]
    argv[argv.index("--output") + 1] = str(tmp_path / "handout.html")
    pytest.importorskip("jinja2")
    assert main(argv) == 0
    assert "911" in (tmp_path / "handout.html").read_text(encoding="utf-8")
