"""Start-up stays cheap: importing the package and the first answer build no pydantic model.

The screening module is not even imported: its models and content are made on a library's
first screening use (~4 ms of a cold start otherwise).

Every model is ``defer_build``; a generic model parametrized at import (``Level[Urgency]``)
or a ``TypeAdapter`` at module level would build a schema anyway, and with it load
pydantic's plugin machinery (``importlib.metadata`` and a scan of every installed
distribution): ~25 ms of every cold start. The schema is built on first validation.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Literal, get_args, get_origin

FIRST_ANSWER = """
import sys
import pydantic
import microneedling_info as mi

mi.get_library("fr_CA").side_effect("redness")

def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)

ours = {m for m in models(pydantic.BaseModel) if m.__module__.startswith("microneedling_info")}
assert len(ours) >= 20, sorted(m.__name__ for m in ours)
print(sorted(m.__qualname__ for m in ours if m.__pydantic_complete__))
print("pydantic.plugin._loader" in sys.modules)
print(sorted(m for m in sys.modules if m.startswith("microneedling_info.screening")))
"""


def test_import_and_first_answer_build_no_model_schema() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_ANSWER], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    built, plugins_loaded, screening = done.stdout.splitlines()
    assert built == "[]", f"models built at start-up: {built}"
    assert plugins_loaded == "False", "pydantic's plugin loader was imported at start-up"
    assert screening == "[]", f"imported at start-up: {screening}"


SHOW_SIDE_EFFECTS = """
import sys
import microneedling_info as mi
from microneedling_info.present import blocks, to_text

to_text(blocks(mi.get_library("fr_CA"), "side-effects"))
print(sorted(m for m in sys.modules if m.startswith("microneedling_info.screening")))
"""


def test_showing_a_section_without_screening_imports_no_screening() -> None:
    """``microneedling-info show side-effects``: the screening module is not even imported."""
    done = subprocess.run(
        [sys.executable, "-c", SHOW_SIDE_EFFECTS], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"imported: {done.stdout}"


def _has_string(annotation: object) -> bool:
    if get_origin(annotation) is Literal:
        return False  # Literal["all_of"]: a value, not a type to evaluate
    return isinstance(annotation, str) or any(_has_string(a) for a in get_args(annotation))


def test_model_annotations_are_not_strings_pydantic_must_compile() -> None:
    """Without ``from __future__ import annotations`` pydantic evals no annotation string at
    import (~2 ms of a cold start); the one forward reference is the recursive ``Rule``."""
    from microneedling_info import models, rules, screening

    found = {
        f"{cls.__name__}.{name}"
        for module in (models, rules, screening)
        for cls in vars(module).values()
        if isinstance(cls, type) and cls.__module__ == module.__name__
        for name, annotation in vars(cls).get("__annotations__", {}).items()
        if _has_string(annotation)
    }
    assert found == {"AllOf.rules", "AnyOf.rules"}, sorted(found)


FINGERPRINT_ON_DEMAND = """
import sys
import microneedling_info as mi

lib = mi.get_library("fr_CA")
lib.side_effect("redness")
lib.assess({"days_since_treatment": 3, "symptoms": ["pus"]})
print("info" in vars(lib), "microneedling_info.approval" in sys.modules)
print(len(lib.info.content_sha256), "info" in vars(lib), lib.info is lib.info)
"""


def test_the_content_fingerprint_is_made_when_info_is_first_read() -> None:
    """``Library.info`` hashes the whole content (~1.3 ms): not for a lookup or an answer."""
    done = subprocess.run(
        [sys.executable, "-c", FINGERPRINT_ON_DEMAND], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    before, after = done.stdout.splitlines()
    assert before == "False False", "the fingerprint was made by a lookup or an assessment"
    assert after == "64 True True"
