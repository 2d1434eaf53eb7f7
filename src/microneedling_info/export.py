"""Exports for other systems: JSON (with its JSON Schema), Markdown and HTML handouts.

Heavy imports (Jinja2) happen inside the functions, so importing the CLI stays cheap.
"""

from __future__ import annotations

import argparse

__all__ = ["add_commands"]


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``export`` and ``schema`` subcommands on the CLI."""
