"""The base of the library's models, and what help() and pydoc show of them.

``defer_build`` keeps start-up cheap, but until a model is first used pydantic's
signature is ``(**data: Any)``, and pydoc never shows the docstrings written under
the fields. So each public model (:data:`DOCUMENTED`) gets a keyword signature made
from its fields (their types stripped of validation metadata), and a ``__doc__`` that
ends with a "Fields" section of those docstrings. Both are made on first read: finding
the docstrings means parsing the class's source, too slow for every start-up.
:func:`document_fields` gives a public dataclass (the :class:`Library`) the same section.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
import itertools
import textwrap
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.config import JsonDict

__all__ = [
    "DOCUMENTED",
    "FIELDS_HEADING",
    "FrozenModel",
    "doc_with_fields",
    "document_fields",
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
    if isinstance(doc, _LazyFieldsDoc):
        return doc.written
    return doc if isinstance(doc, str) else None


def _field_names(cls: type) -> list[str]:
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls)]
    return list(cls.model_fields) if issubclass(cls, BaseModel) else []


def field_docs(cls: type) -> dict[str, str]:
    """Each public field of ``cls`` with the docstring written under it ("" if none).

    ``cls`` is a pydantic model or a dataclass. A field declared in a base class has the
    base's docstring, unless ``cls`` declares it again with one of its own.
    """
    names = [name for name in _field_names(cls) if not name.startswith("_")]
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
def doc_with_fields(cls: type) -> str | None:
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


class _LazyFieldsDoc:
    """Stored as a class's ``__doc__``: ``type.__doc__`` calls its ``__get__`` on each read."""

    __slots__ = ("written",)

    def __init__(self, written: str | None) -> None:
        self.written = written

    def __get__(self, instance: object, owner: type | None = None) -> str | None:
        return doc_with_fields(owner if owner is not None else type(instance))


_C = TypeVar("_C", bound=type)


def document_fields(cls: _C) -> _C:
    """Make help() show a dataclass's fields with their docstrings, as for the models.

    Put it above ``@dataclass``: the decorator reads ``__doc__`` while it makes the
    class, and the "Fields" section must not be made (the source parsed) at import.
    """
    type.__setattr__(cls, "__doc__", _LazyFieldsDoc(own_doc(cls)))
    return cls


DOCUMENTED: dict[str, Any] = {}
"""Class keywords that make help() show a model as it is: ``class M(BaseModel, **DOCUMENTED)``.

At run time they give the model a metaclass whose ``__signature__`` and ``__doc__`` are
made on first read, and keep the docstring as written in the JSON Schema. Type checkers
see no keywords: with a metaclass of its own a model would no longer look frozen to them.
"""

if not TYPE_CHECKING:

    class _DocumentedModelType(type(BaseModel)):
        # pydoc reads a class's __doc__ with object.__getattribute__, which calls a data
        # descriptor of the metaclass but returns what the class itself stores as it is;
        # so the "Fields" section is made here, when first read (parsing the source at
        # import would cost every start-up), and the class keeps its docstring (own_doc).
        __doc__ = property(doc_with_fields)

        # pydantic sets its own signature, with the validation metadata, when it builds
        # the model on first use: ours stands (the assignment is ignored).
        __signature__ = property(
            functools.cache(keyword_signature), lambda cls, value: None, lambda cls: None
        )

    DOCUMENTED.update(metaclass=_DocumentedModelType, json_schema_extra=_own_description)


class FrozenModel(
    BaseModel,
    frozen=True,
    extra="forbid",
    defer_build=True,
    json_schema_serialization_defaults_required=True,
    **DOCUMENTED,
):
    """Base of the library's models: frozen, no extra fields, schema built on first use.

    Config as class keywords, not ``model_config``: type checkers then see the models as
    frozen (each subclass repeats ``frozen=True`` for pyright). The JSON export writes every
    field, so its schema requires every field.
    """
