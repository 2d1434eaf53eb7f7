"""The base of the library's models, and what help() shows before their schema is built.

``defer_build`` keeps start-up cheap, but until a model is first used pydantic's
signature is ``(**data: Any)``. The fields are known at once: the signature is made
from them, with their types stripped of validation metadata.
"""

from __future__ import annotations

import functools
import inspect
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = ["FrozenModel", "keyword_signature"]


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


class FrozenModel(
    BaseModel,
    frozen=True,
    extra="forbid",
    defer_build=True,
    json_schema_serialization_defaults_required=True,
):
    """Base of the library's models: frozen, no extra fields, schema built on first use.

    Config as class keywords, not ``model_config``: type checkers then see the models as
    frozen (each subclass repeats ``frozen=True`` for pyright). The JSON export writes every
    field, so its schema requires every field. help() shows the fields at once.
    """

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.__signature__ = keyword_signature(cls)
