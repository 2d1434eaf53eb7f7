"""The command line: output, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from microneedling_info.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "microneedling_info", *args],
        capture_output=True,
        text=True,
        env=env,
    )


def test_locales_lists_both(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["locales"]) == 0
    out = capsys.readouterr().out
    assert "fr_CA" in out and "en_CA" in out


@pytest.mark.parametrize(
    "section", ["side-effects", "phases", "escalation", "aftercare", "sources", "screening"]
)
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_show_every_section(section: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", section, "--locale", "fr-CA", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    if fmt == "json":
        assert json.loads(out)["locale"] == "fr_CA"


def test_show_escalation_names_911_and_811(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "escalation", "--locale", "en"]) == 0
    out = capsys.readouterr().out
    assert "911" in out and "811" in out


def test_locale_defaults_to_environment_then_french(monkeypatch: pytest.MonkeyPatch) -> None:
    from microneedling_info.locales import environment_locale

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert environment_locale() == "fr_CA"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert environment_locale() == "en_CA"
    monkeypatch.setenv("LC_ALL", "C")
    assert environment_locale() == "en_CA"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert environment_locale() == "fr_CA"


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["show", "escalation", "--locale", "de"], ["en_CA", "fr_CA"]),
        (["show", "nothing"], ["side-effects"]),
        (["assess", "--day", "3", "--symptom", "sneezing"], ["redness", "pus"]),
        (["assess", "--day", "x", "--locale", "en"], ["--day must be a number, not 'x'"]),
        (["assess", "--day", "x", "--locale", "fr"], ["--day doit être un nombre, pas 'x'"]),
        (["assess", "--day", "-1"], ["greater than or equal to 0"]),
        (["assess", "--day", "nan"], ["finite"]),
        (["assess", "--day", "1e9"], ["less than or equal to 3650"]),
        (["assess", "--day", "2", "--temperature", "50"], ["less than or equal to 45"]),
        ([], ["command"]),
        (["frobnicate"], ["locales"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    args: list[str], names: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """In process (main(), as the entry point calls it): no interpreter start per case."""
    code: int | str | None
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for name in names:
        assert name in lines[0]
    assert out == ""


def test_python_dash_m_runs_the_same_command_line() -> None:
    """One real process: ``python -m microneedling_info`` reaches main() and its exit code."""
    result = run("assess", "--day", "x", "--locale", "en")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--day must be a number, not 'x'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_console_script_runs_main() -> None:
    """One real process through the installed ``microneedling-info`` script ([project.scripts])."""
    from microneedling_info._version import __version__

    script = Path(sys.executable).with_name("microneedling-info")
    if not script.is_file():
        pytest.skip("the console script is not installed beside this interpreter")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout.strip()) == (0, f"microneedling-info {__version__}")
    result = subprocess.run([str(script), "assess"], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr


def test_assess_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "assess",
            "--day",
            "3",
            "--symptom",
            "pus",
            "--symptom",
            "redness",
            "--temperature",
            "38.4",
            "--locale",
            "en-CA",
            "--format",
            "json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["urgency"] == "urgent"
    assert data["matched"]
    assert "811" in data["action"]


def test_argparse_lives_only_in_cli_and_nothing_imports_the_cli() -> None:
    """Issue 16 item 3: one home for the command line, and no ``export -> cli`` cycle."""
    import microneedling_info

    package = Path(microneedling_info.__file__).parent
    for module in sorted(package.rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        if module.name in ("cli.py", "__main__.py"):
            continue
        assert "argparse" not in text, module.name
        assert not re.search(
            r"from \.+cli import|import \.*cli\b|from \. import .*\bcli\b", text
        ), module.name
