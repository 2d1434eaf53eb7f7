"""The GNU ``msgfmt --check-format`` adapter (used when msgfmt is installed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["msgfmt"]


def msgfmt(path: Path, notes: list[str] | None) -> list[tuple[int, str]] | None:
    """``msgfmt --check-format`` errors as (line, text); None when msgfmt is not installed."""
    import subprocess

    exe = shutil.which("msgfmt")
    if exe is None:
        if notes is not None:
            notes.append("skipped: msgfmt not found (our own placeholder check still ran)")
        return None
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}
    try:
        done = subprocess.run(
            [exe, "--check-format", "-o", os.devnull, "--", str(path)],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=120,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        if notes is not None:
            notes.append(f"skipped: msgfmt failed to run ({type(exc).__name__})")
        return None
    found: list[tuple[int, str]] = []
    name = str(path)
    for raw in done.stderr.splitlines():
        if raw.startswith(name + ":"):
            rest = raw[len(name) + 1 :]
            number, _, text = rest.partition(": ")
            if number.isdigit():
                found.append((int(number), text.strip()))
                continue
            found.append((0, rest.strip()))
    if done.returncode != 0 and not found:
        found.append((0, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"))
    return found
