"""The translators' catalog check (``microneedling-info catalog check`` / ``stats``).

Heavy imports (translate-toolkit) happen inside the functions, so importing
the CLI stays cheap.
"""

from __future__ import annotations

import argparse

__all__ = ["add_commands"]


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``catalog`` subcommands on the CLI."""
