"""What help() shows for a model whose pydantic schema is built on first use.

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

__all__ = ["keyword_signature"]


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
