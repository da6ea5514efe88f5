"""Models as Neo4j properties and back, derived from the pydantic fields.

:func:`to_properties` turns a model into a map of properties that Neo4j can
store natively, :func:`from_properties` turns such a map back into the very
same model (``model_dump()`` equal). Nothing here names a model class or a
field of one: a field added to a model flows through as its annotation says.
The rules (also in ``docs/neo4j.md``):

- A field holding ``None``, an empty list or an empty map has no property.
  Reading back, a missing property is that empty value again. (Where a list
  may also be ``None``, an empty list is kept as an empty list property; a
  map that may be ``None`` is kept as JSON.)
- ``str``, ``int``, ``float``, ``bool`` and enums (their value) are
  properties of that type; lists of them are list properties (``aliases``).
- A map keyed by an enum (``names: dict[Lang, Name]``) is one property per
  key, named after the field without its trailing ``s``: ``name_de``,
  ``name_fr``. Neo4j has no map properties.
- A date (a :data:`~graph.model.PartialDate` such as ``2016``, ``2016-09``,
  ``2016-10-06``, or a :class:`datetime.date`) is kept exactly as written
  (``start``) and also as ``start_year`` (``INTEGER``) and, when the date is
  a complete calendar day, ``start_date`` (``DATE``), for range queries and
  indexes.
- A model with ``lat`` and ``lon`` also gets ``location``, a WGS-84
  ``POINT``, when both are set; ``lat`` and ``lon`` stay as they were.
- Any other field (none today) is a JSON string.

The derived properties (``*_year``, ``*_date``, ``location``) are written for
Cypher users and never read back.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, Union, cast, get_args, get_origin

from neo4j.spatial import WGS84Point
from pydantic import BaseModel, StringConstraints, TypeAdapter
from pydantic.fields import FieldInfo

from graph.model import NODE_CLASSES, Node, NodeType, PartialDate

M = TypeVar("M", bound=BaseModel)

#: Properties the Neo4j store keeps next to a model's own (a field of these names would collide).
BOOKKEEPING = frozenset({"hash", "search"})
#: The point property of models with ``lat`` and ``lon``.
LOCATION = "location"

#: What marks a field as a date as the source states it: the pattern of :data:`PartialDate`.
_PARTIAL_DATE = next(m for m in getattr(PartialDate, "__metadata__", ()) if isinstance(m, StringConstraints))
_SCALARS = (str, int, float, bool)


@dataclass(frozen=True)
class Property:
    """One property a model field becomes: its name, Neo4j type, and whether it is read back."""

    name: str
    neo4j_type: str
    field: str
    derived: bool = False


@dataclass(frozen=True)
class _Codec:
    field: str
    #: value -> properties written into the map (the value is never None here, nor empty
    #: unless ``keep_empty``)
    put: Callable[[Any, dict[str, Any]], None]
    #: the properties -> the field's value, or ``_MISSING``
    get: Callable[[Mapping[str, Any]], Any]
    #: the field's value when its properties are missing (None, [] or {})
    empty: Any
    #: whether ``empty`` must be passed explicitly (the field's default is something else)
    explicit_empty: bool
    properties: tuple[Property, ...]
    #: whether an empty collection is written (the field may also be None, which is not)
    keep_empty: bool = False


_MISSING = object()


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """The type under ``X | None`` and ``Annotated``, its metadata, and whether None is allowed."""
    metas = list(metadata)
    optional = False
    if get_origin(annotation) in (Union, types.UnionType):
        args = get_args(annotation)
        rest = [a for a in args if a is not type(None)]
        optional = len(rest) < len(args)
        if len(rest) == 1:
            annotation = rest[0]
    while get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        metas += more
    return annotation, metas, optional


def _scalar_type(annotation: Any) -> str | None:
    """The Neo4j type of a scalar annotation, or None if it is not one."""
    if get_origin(annotation) is Literal:
        values = get_args(annotation)
        kinds = {_scalar_type(type(v)) for v in values}
        return kinds.pop() if len(kinds) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        kinds = {_scalar_type(type(m.value)) for m in annotation}
        return kinds.pop() if len(kinds) == 1 else None
    if annotation is bool:
        return "BOOLEAN"
    if annotation is int:
        return "INTEGER"
    if annotation is float:
        return "FLOAT"
    if annotation is str:
        return "STRING"
    return None


def _plain(value: Any) -> Any:
    """A scalar as the driver should send it (an enum member as its value)."""
    return value.value if isinstance(value, enum.Enum) else value


def _date_codec(name: str) -> tuple[Callable, Callable, tuple[Property, ...]]:
    year, day = f"{name}_year", f"{name}_date"

    def put(value: Any, props: dict[str, Any]) -> None:
        text = value if isinstance(value, str) else value.isoformat()
        props[name] = text
        props[year] = int(text[:4])
        if len(text) == 10:  # the model checked that it is a calendar day
            props[day] = dt.date.fromisoformat(text)

    def get(props: Mapping[str, Any]) -> Any:
        return props.get(name, _MISSING)

    described = (
        Property(name, "STRING", name),
        Property(year, "INTEGER", name, derived=True),
        Property(day, "DATE", name, derived=True),
    )
    return put, get, described


def _codec(name: str, info: FieldInfo) -> _Codec:
    annotation, metas, optional = _unwrap(info.annotation, info.metadata)
    origin = get_origin(annotation)
    empty: Any = None
    scalar = _scalar_type(annotation)
    if _PARTIAL_DATE in metas or annotation is dt.date:
        put, get, described = _date_codec(name)
    elif scalar is not None:

        def put(value, props, name=name):
            props[name] = _plain(value)

        def get(props, name=name):
            return props.get(name, _MISSING)

        described = (Property(name, scalar, name),)
    elif origin in (list, tuple, set, frozenset) and len(get_args(annotation)) == 1:
        item, _, _ = _unwrap(get_args(annotation)[0], [])
        item_type = _scalar_type(item)
        if item_type is None:
            return _json_codec(name, info)
        empty = None if optional else [] if origin is list else origin()

        def put(value, props, name=name):
            props[name] = [_plain(v) for v in value]

        def get(props, name=name):
            return props.get(name, _MISSING)

        described = (Property(name, f"LIST<{item_type}>", name),)
    elif origin is dict and len(get_args(annotation)) == 2:
        key, value_type = (_unwrap(a, [])[0] for a in get_args(annotation))
        scalar_map = isinstance(key, type) and issubclass(key, enum.Enum) and _scalar_type(value_type) is not None
        if optional or not scalar_map:  # one property per key cannot tell None from {}
            return _json_codec(name, info)
        empty = {}
        prefix = name[:-1] if name.endswith("s") else name
        keys = {member: f"{prefix}_{member.value}" for member in key}

        def put(value, props, keys=keys):
            for k, v in value.items():
                props[keys[key(k)]] = _plain(v)

        def get(props, keys=keys):
            found = {k: props[p] for k, p in keys.items() if p in props}
            return found if found else _MISSING

        value_neo4j = _scalar_type(value_type)
        assert value_neo4j is not None  # scalar_map above
        described = tuple(Property(p, value_neo4j, name) for p in keys.values())
    else:
        return _json_codec(name, info)
    return _finish(name, info, put, get, empty, described, keep_empty=optional and empty is None)


def _json_codec(name: str, info: FieldInfo) -> _Codec:
    adapter: TypeAdapter[Any] = TypeAdapter(info.annotation if info.annotation is not None else Any)

    def put(value, props):
        props[name] = adapter.dump_json(value).decode()

    def get(props):
        text = props.get(name, _MISSING)
        return _MISSING if text is _MISSING else json.loads(text)

    return _finish(name, info, put, get, None, (Property(name, "STRING (JSON)", name),), keep_empty=True)


def _finish(name: str, info: FieldInfo, put, get, empty, described, *, keep_empty: bool = False) -> _Codec:
    default = _MISSING if info.is_required() else info.get_default(call_default_factory=True)
    return _Codec(
        field=name,
        put=put,
        get=get,
        empty=empty,
        explicit_empty=default is _MISSING or default != empty,
        properties=tuple(described),
        keep_empty=keep_empty,
    )


@cache
def _codecs(cls: type[BaseModel]) -> tuple[tuple[_Codec, ...], bool]:
    """The codecs of ``cls``'s fields and whether it gets a ``location``; checks for clashes."""
    codecs = tuple(_codec(name, info) for name, info in cls.model_fields.items())
    located = {"lat", "lon"} <= set(cls.model_fields)
    seen: dict[str, str] = {}
    for prop in (p for c in codecs for p in c.properties):
        for other in (seen.get(prop.name), prop.name in BOOKKEEPING and "the store's bookkeeping"):
            if other:
                raise TypeError(f"{cls.__name__}.{prop.field}: property {prop.name!r} clashes with {other}")
        seen[prop.name] = f"{cls.__name__}.{prop.field}"
    if located and LOCATION in seen:
        raise TypeError(f"{cls.__name__}: property {LOCATION!r} clashes with {seen[LOCATION]}")
    return codecs, located


def describe(cls: type[BaseModel]) -> list[Property]:
    """Every property the fields of ``cls`` can become, in field order (for the documentation)."""
    codecs, located = _codecs(cls)
    out = [p for c in codecs for p in c.properties]
    if located:
        out.append(Property(LOCATION, "POINT", "lat, lon", derived=True))
    return out


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (list, tuple, set, frozenset, dict)) and not value)


def to_properties(model: BaseModel, *, skip: Collection[str] = ()) -> dict[str, Any]:
    """The properties of ``model`` (see the module's rules); fields in ``skip`` are left out."""
    codecs, located = _codecs(type(model))
    props: dict[str, Any] = {}
    for codec in codecs:
        if codec.field in skip:
            continue
        value = getattr(model, codec.field)
        if value is not None and (codec.keep_empty or not _is_empty(value)):
            codec.put(value, props)
    if located and props.get("lat") is not None and props.get("lon") is not None:
        props[LOCATION] = WGS84Point((props["lon"], props["lat"]))
    return props


def from_properties(cls: type[M], props: Mapping[str, Any]) -> M:
    """The ``cls`` model that :func:`to_properties` turned into ``props``.

    Properties that are no field's (derived ones, the store's bookkeeping)
    are ignored; fields left out by ``skip`` must be in ``props`` again
    (the store adds a tie's type and ends).
    """
    codecs, _ = _codecs(cls)
    data: dict[str, Any] = {}
    for codec in codecs:
        value = codec.get(props)
        if value is not _MISSING:
            data[codec.field] = value
        elif codec.explicit_empty:
            data[codec.field] = codec.empty
    return cls.model_validate(data)


def node_from_properties(props: Mapping[str, Any]) -> Node:
    """The node model of a node's properties (its class from the ``type`` property)."""
    return cast(Node, from_properties(NODE_CLASSES[NodeType(props["type"])], props))


__all__ = [
    "BOOKKEEPING",
    "LOCATION",
    "Property",
    "describe",
    "from_properties",
    "node_from_properties",
    "to_properties",
]
