"""Hypothesis strategies for valid models, drawn from the fields' own annotations.

A field added to a model is covered without touching this file: strings
follow their patterns and lengths, numbers their bounds, enums and literals
their values; optional fields are sometimes left to their default.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le, MinLen
from hypothesis import assume
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints, ValidationError

from graph.model import NODE_CLASSES, Tie


def _strategy(annotation: Any, metadata: list[Any] = ()) -> st.SearchStrategy:
    metas = list(metadata)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = get_args(annotation)
        rest = [a for a in args if a is not type(None)]
        inner = _strategy(rest[0], metas) if len(rest) == 1 else st.one_of(*(_strategy(a) for a in rest))
        return st.none() | inner if len(rest) < len(args) else inner
    while get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        metas += more
        origin = get_origin(annotation)
    low = next((m.ge for m in metas if isinstance(m, Ge)), None)
    high = next((m.le for m in metas if isinstance(m, Le)), None)
    min_size = next((m.min_length for m in metas if isinstance(m, MinLen)), 0)
    strings = [m for m in metas if isinstance(m, StringConstraints)]
    if origin is Literal:
        return st.sampled_from(get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from(list(annotation))
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(
            min_value=low if low is not None else -(2**63), max_value=high if high is not None else 2**63 - 1
        )
    if annotation is float:
        return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
    if annotation is dt.date:
        return st.dates()
    if annotation is str:
        pattern = next((s.pattern for s in strings if s.pattern), None)
        if pattern:
            return st.from_regex(pattern, fullmatch=True)
        longest = min([s.max_length for s in strings if s.max_length] or [60])
        # No control characters (models may refuse them): text as people type it, in any script.
        letters = st.characters(exclude_categories=("Cc", "Cs"))
        return st.text(letters, max_size=min(longest, 60)).map(str.strip).filter(bool)
    if origin in (list, set, tuple, frozenset):
        return st.lists(_strategy(get_args(annotation)[0]), min_size=min_size, max_size=4)
    if origin is dict:
        key, value = get_args(annotation)
        return st.dictionaries(_strategy(key), _strategy(value), max_size=4)
    raise NotImplementedError(f"no strategy for {annotation!r}")


def models(cls: type[BaseModel], *, leave_out: frozenset[str] = frozenset()) -> st.SearchStrategy:
    """Valid ``cls`` models: every field drawn from its annotation (or left to its default)."""
    fields = {}
    for name, info in cls.model_fields.items():
        if name in leave_out:
            continue
        value = _strategy(info.annotation, info.metadata)
        fields[name] = value if info.is_required() else st.none().map(lambda _: _DEFAULT) | value

    @st.composite
    def build(draw):
        data = {name: v for name, s in fields.items() if (v := draw(s)) is not _DEFAULT}
        try:
            return cls.model_validate(data)
        except ValidationError:
            assume(False)

    return build()


_DEFAULT = object()
NODE_MODELS = st.one_of(*(models(c, leave_out=frozenset({"id"})) for c in NODE_CLASSES.values()))
TIES = models(Tie, leave_out=frozenset({"id"}))
