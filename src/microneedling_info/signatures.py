"""The base of the library's models, and what help() and pydoc show of them.

``defer_build`` keeps start-up cheap, but until a model is first used pydantic's
signature is ``(**data: Any)``, and pydoc never shows the docstrings written under
the fields. So each public model gets a keyword signature made from its fields (their
types stripped of validation metadata), and a ``__doc__`` that ends with a "Fields"
section of those docstrings, written on first read: finding them means parsing the
class's source, too slow to do for every model at import time.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import textwrap
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.config import JsonDict

__all__ = [
    "FIELDS_HEADING",
    "FrozenModel",
    "PublicModel",
    "doc_with_fields",
    "field_docs",
    "keyword_signature",
    "own_doc",
]

FIELDS_HEADING = "Fields:"
"""The line that opens the section :func:`doc_with_fields` adds to a model's ``__doc__``."""


def keyword_signature(model: type[BaseModel]) -> inspect.Signature:
    """``Model(*, field: type = default, ...)``, from the model's fields."""
    params = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=inspect.Parameter.empty if field.is_required() else field.default,
            annotation=_plain(field.annotation),
        )
        for name, field in model.model_fields.items()
    ]
    return inspect.Signature(params, return_annotation=None)


def _plain(annotation: Any) -> Any:
    """``tuple[Annotated[str, MinLen(1)], ...]`` → ``tuple[str, ...]``: readable in help()."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _plain(args[0])
    if origin is None or not args:
        return annotation
    plain = tuple(_plain(a) for a in args)
    if origin in (UnionType, Union):
        return functools.reduce(lambda a, b: a | b, plain)
    return origin[plain[0] if len(plain) == 1 else plain]


def own_doc(cls: type) -> str | None:
    """The docstring ``cls`` was written with, without the "Fields" section."""
    doc = cls.__dict__.get("__doc__")
    return doc if isinstance(doc, str) else None


def field_docs(cls: type[BaseModel]) -> dict[str, str]:
    """Each public field of ``cls`` with the docstring written under it ("" if none).

    A field declared in a base class has the base's docstring, unless ``cls`` declares
    it again with one of its own.
    """
    names = [name for name in cls.model_fields if not name.startswith("_")]
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if set(names) & set(inspect.get_annotations(klass)):
            found.update(_attribute_docstrings(klass))
    return {name: found.get(name, "") for name in names}


def _attribute_docstrings(klass: type) -> dict[str, str]:
    """``name: type`` followed by a string, in the class body's source (as Sphinx reads it)."""
    try:
        source = textwrap.dedent(inspect.getsource(klass))
    except (OSError, TypeError):  # no source: a frozen application, a class made by exec
        return {}
    body = ast.parse(source).body
    if not (body and isinstance(body[0], ast.ClassDef)):
        return {}
    found: dict[str, str] = {}
    for statement, after in itertools.pairwise(body[0].body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(after.value.value)
    return found


@functools.cache
def doc_with_fields(cls: type[BaseModel]) -> str | None:
    """The docstring of ``cls`` and, after :data:`FIELDS_HEADING`, its fields' docstrings."""
    doc = own_doc(cls)
    docs = field_docs(cls)
    if not docs:
        return doc
    lines = [inspect.cleandoc(doc or cls.__name__), "", FIELDS_HEADING]
    for name, text in docs.items():
        lines += ["", name, textwrap.indent(text or "(no docstring)", "    ")]
    return "\n".join(lines)


def _own_description(schema: JsonDict, cls: type[Any]) -> None:
    """The JSON Schema describes a model by its docstring as written (no "Fields" section)."""
    doc = own_doc(cls)
    if doc:
        schema["description"] = inspect.cleandoc(doc)


_HELP: dict[str, Any] = {}
"""The class keywords that give a model the metaclass below (which type checkers do not see:
for them a metaclass of their own would make the models not look frozen)."""
if not TYPE_CHECKING:

    class _ModelType(type(BaseModel)):
        # pydoc reads a class's __doc__ with object.__getattribute__, which finds a data
        # descriptor on the metaclass but returns whatever the class itself stores as is:
        # so the section is made here, on first read (parsing the source at import would
        # cost every start-up), and the class keeps its own docstring (see own_doc).
        __doc__ = property(doc_with_fields)

    _HELP["metaclass"] = _ModelType


class PublicModel(
    BaseModel, frozen=True, defer_build=True, json_schema_extra=_own_description, **_HELP
):
    """Base of the public models: help() shows their keyword signature and fields at once."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.__signature__ = keyword_signature(cls)

    @classmethod
    def __pydantic_on_complete__(cls) -> None:
        # Building the schema (on first use) sets pydantic's own signature again: keep ours,
        # whose types help() shows without their validation metadata.
        super().__pydantic_on_complete__()
        cls.__signature__ = keyword_signature(cls)


class FrozenModel(
    PublicModel,
    frozen=True,
    extra="forbid",
    defer_build=True,
    json_schema_serialization_defaults_required=True,
):
    """Base of the library's models: frozen, no extra fields, schema built on first use.

    Config as class keywords, not ``model_config``: type checkers then see the models as
    frozen (each subclass repeats ``frozen=True`` for pyright). The JSON export writes every
    field, so its schema requires every field.
    """
