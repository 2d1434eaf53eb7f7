"""Run a type checker on negative.py; check it reports exactly the lines with an error comment.

    python tests/typing/expect_errors.py mypy|pyright [checker command ...]

With no command, ``mypy --strict`` or ``pyright`` (strict, from pyproject) are run as found on
PATH. Exit status 0 when the reported lines are exactly the marked lines.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEGATIVE = HERE / "negative.py"
# mypy: "negative.py:12: error: ..."; pyright: "  /path/negative.py:12:7 - error: ..."
REPORTED = re.compile(r"negative\.py:(\d+):(?:\d+)?:? ?-? ?error")


def marked_lines() -> set[int]:
    lines = NEGATIVE.read_text(encoding="utf-8").splitlines()
    return {n for n, line in enumerate(lines, 1) if re.search(r"#\s*error:", line)}


def reported_lines(output: str) -> set[int]:
    return {int(m.group(1)) for m in REPORTED.finditer(output)}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("mypy", "pyright"):
        print(__doc__, file=sys.stderr)
        return 2
    checker, command = argv[0], argv[1:]
    if not command:
        command = ["mypy", "--strict"] if checker == "mypy" else ["pyright"]
    if checker == "pyright":
        # pyproject excludes negative.py from the project run; name it to check it anyway.
        command = [*command, "--project", str(HERE / "pyrightconfig.json")]
    run = subprocess.run([*command, str(NEGATIVE)], capture_output=True, text=True)
    output = run.stdout + run.stderr
    wanted, got = marked_lines(), reported_lines(output)
    if wanted == got:
        print(f"{checker}: all {len(wanted)} deliberate errors reported, and nothing else")
        return 0
    print(output)
    if wanted - got:
        print(f"{checker} missed the errors on lines {sorted(wanted - got)}", file=sys.stderr)
    if got - wanted:
        print(
            f"{checker} reported unexpected errors on lines {sorted(got - wanted)}", file=sys.stderr
        )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
