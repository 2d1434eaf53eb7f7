"""Sphinx configuration for the microneedling-info documentation.

Build (warnings are errors) and run the examples as tests:

    sphinx-build -W --keep-going -b html docs docs/_build/html
    sphinx-build -W -b doctest docs docs/_build/doctest

Nothing here needs the network: no intersphinx, no remote images.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# Document (and test) the code of this checkout, installed or not. The command-line
# examples run `python -m microneedling_info` in a subprocess, so it gets the same path.
sys.path.insert(0, str(SRC))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(SRC), os.environ.get("PYTHONPATH", "")) if p
)

import microneedling_info  # noqa: E402

project = "microneedling-info"
author = "microneedling-info developers"
copyright = "2026, microneedling-info developers"
release = microneedling_info.__version__
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
]

root_doc = "index"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# MyST: ```{directive} fences, ::: fences, definition lists, and #anchors for headings
# so that pages can link to a section of another page.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc: only the names in microneedling_info.__all__ are documented (docs/api.rst).
# Types go in the signatures: pydantic models get a keyword-only signature built from
# their fields (see _model_signature below) and each field is listed with its type.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
autodoc_inherit_docstrings = False
nitpicky = False

# -- doctest: every ``>>>`` example in the pages (and in docstrings that autodoc pulls
# in) runs against the installed content. The examples check structure (types,
# locales, "911" in the emergency action), not exact sentences, so content edits
# and new translations do not break them.
doctest_global_setup = """
import microneedling_info as mi
from microneedling_info import *  # the docstring examples use the bare names
"""
doctest_test_doctest_blocks = "default"

# -- HTML
html_theme = "furo"
html_title = f"microneedling-info {release}"
html_static_path: list[str] = []
html_show_sourcelink = False


# -- The API page must document exactly microneedling_info.__all__ -------------------


def _check_public_names(app, env):
    """Warn (an error under -W) when docs/api.rst and ``__all__`` disagree."""
    from sphinx.util import logging

    if "api" not in env.found_docs:
        return
    prefix = "microneedling_info."
    documented = {
        name[len(prefix) :]
        for name, obj in env.get_domain("py").objects.items()
        if name.startswith(prefix) and "." not in name[len(prefix) :] and obj.docname == "api"
    }
    public = set(microneedling_info.__all__)
    logger = logging.getLogger(__name__)
    for name in sorted(public - documented):
        logger.warning("api.rst does not document public name %r (in __all__)", name)
    for name in sorted(documented - public):
        logger.warning("api.rst documents %r, which is not in __all__", name)


def _model_signature(app, what, name, obj, options, signature, return_annotation):
    """Give pydantic models their real, keyword-only signature instead of ``(**data)``.

    The library is never constructed by hand (use get_library), so it gets none.
    """
    from pydantic import BaseModel

    if obj is microneedling_info.Library:
        return "", None
    if what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel):
        params = [
            field_name
            if field.is_required()
            else f"{field_name}={field.get_default(call_default_factory=True)!r}"
            for field_name, field in obj.model_fields.items()
        ]
        return f"(*, {', '.join(params)})", None
    return None


def _own_docstring(app, what, name, obj, options, lines):
    """A model's docstring as written: the "Fields" section help() adds is listed as members."""
    from sphinx.util.docstrings import prepare_docstring

    from microneedling_info.signatures import FIELDS_HEADING, own_doc

    if what == "class" and isinstance(obj, type) and FIELDS_HEADING in (obj.__doc__ or ""):
        lines[:] = prepare_docstring(own_doc(obj) or "")


def setup(app):
    app.connect("autodoc-process-signature", _model_signature)
    app.connect("autodoc-process-docstring", _own_docstring)
    app.connect("env-check-consistency", _check_public_names)
