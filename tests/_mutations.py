"""Single-field breakages of a valid record's wire form, for the mutation tests.

Each :class:`Mutation` breaks one field of ``to_dict(record)`` in one way: a value
of the wrong JSON type, a value outside the field's declared constraints (bounds,
lengths, pattern, allowed values, enum members, uniqueness) or an unknown key.
What counts as broken is read from the same declarations as everything else.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from collections.abc import Iterator
from datetime import datetime
from enum import Enum
from typing import Any, Literal, Union

import attrs
from hypothesis import strategies as st

from incidentkit import to_dict
from incidentkit._fields import Constraints, DocEnum, Model, constraints_of

Key = str | int

#: A value of each JSON type, to put where another type belongs.
_OF_TYPE: dict[str, Any] = {
    "string": "x",
    "integer": 7,
    "number": 0.5,
    "boolean": True,
    "array": [],
    "object": {},
}
UNKNOWN_KEY = "no_such_key"


@attrs.frozen
class Mutation:
    """One breakage: where (keys from the document root), how, and the new value."""

    keys: tuple[Key, ...]
    kind: str
    value: Any
    #: The $-path that must appear in the library's errors.
    path: str
    #: The $-path a JSON Schema validator reports: for a key that is not allowed,
    #: the object that holds it (``additionalProperties``, ``propertyNames``).
    schema_path: str = attrs.field(default=attrs.Factory(lambda m: m.path, takes_self=True))

    def apply(self, document: Any) -> Any:
        broken = copy.deepcopy(document)
        target = broken
        for key in self.keys[:-1]:
            target = target[key]
        target[self.keys[-1]] = self.value
        return broken

    def __str__(self) -> str:
        return f"{self.kind} at {self.path}: {self.value!r}"[:200]


def mutations(record: Any) -> list[Mutation]:
    """Every single-field breakage of ``record``'s wire form."""
    return list(_walk(record, to_dict(record), ()))


def draw_mutation(data: st.DataObject, record: Any) -> Mutation:
    """One breakage of ``record``: a kind of breakage first, so that rare kinds
    (a bad extensions key, a duplicate tag) are drawn as often as common ones."""
    found = mutations(record)
    kind = data.draw(st.sampled_from(sorted({m.kind for m in found})), label="kind")
    return data.draw(st.sampled_from([m for m in found if m.kind == kind]), label="mutation")


def _path(keys: tuple[Key, ...]) -> str:
    from incidentkit.errors import join_path

    path = "$"
    for key in keys:
        path = join_path(path, key)
    return path


def _walk(obj: Any, wire: Any, keys: tuple[Key, ...]) -> Iterator[Mutation]:
    cls = type(obj)
    yield Mutation(
        (*keys, UNKNOWN_KEY), "unknown key", 1, _path((*keys, UNKNOWN_KEY)), _path(keys)
    )
    hints = typing.get_type_hints(cls)
    for attribute in attrs.fields(cls):
        name = attribute.name
        if name not in wire:
            continue
        here = (*keys, name)
        yield from _breaks(hints[name], constraints_of(attribute), wire[name], here)
        value = getattr(obj, name)
        if isinstance(value, Model):
            yield from _walk(value, wire[name], here)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                item_keys = (*here, index)
                if isinstance(item, Model):
                    yield from _walk(item, wire[name][index], item_keys)
                else:
                    item_type = typing.get_args(hints[name])[0]
                    meta = constraints_of(attribute)
                    yield from _breaks(item_type, meta, wire[name][index], item_keys)


def _json_types(tp: Any) -> set[str]:
    """The JSON types a declared type accepts (``null`` aside)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        found: set[str] = set()
        for arg in typing.get_args(tp):
            if arg is not type(None):
                found |= _json_types(arg)
        return found
    if origin is tuple:
        return {"array"}
    if origin is dict:
        return {"object"}
    if origin is Literal or tp in (str, datetime):
        return {"string"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"string"}
    if tp is bool:
        return {"boolean"}
    if tp is int:
        return {"integer"}
    if tp is float:
        return {"integer", "number"}
    return {"object"}  # a record


def _base(tp: Any) -> Any:
    """The declared type without ``| None``."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return tp


def _breaks(tp: Any, meta: Constraints, value: Any, keys: tuple[Key, ...]) -> Iterator[Mutation]:
    path = _path(keys)
    accepted = _json_types(tp)
    for json_type, wrong in _OF_TYPE.items():
        if json_type not in accepted:
            yield Mutation(keys, f"wrong type ({json_type})", wrong, path)
            break
    base = _base(tp)
    if typing.get_origin(base) is Literal:
        yield Mutation(keys, "unknown tag", "no_such_tag", path)
    elif isinstance(base, type) and issubclass(base, DocEnum):
        yield Mutation(keys, "not an enum member", "no_such_member", path)
    elif base is int or base is float:
        yield from _out_of_bounds(base, meta, keys, path)
    elif base is str:
        yield from _bad_strings(meta, keys, path)
    elif typing.get_origin(base) is tuple and meta.unique and value:
        yield Mutation(keys, "duplicate item", [value[0], *value], path)
    elif typing.get_origin(base) is dict:
        key = "Not A Namespace"
        if meta.pattern is not None and not re.search(meta.pattern, key):
            yield Mutation(keys, "bad key", {**value, key: 1}, _path((*keys, key)), path)


def _out_of_bounds(
    base: type, meta: Constraints, keys: tuple[Key, ...], path: str
) -> Iterator[Mutation]:
    step = 1 if base is int else 0.5
    if meta.ge is not None:
        yield Mutation(keys, "below minimum", base(meta.ge - step), path)
    if meta.gt is not None:
        yield Mutation(keys, "not above exclusive minimum", base(meta.gt), path)
    if meta.le is not None:
        yield Mutation(keys, "above maximum", base(meta.le + step), path)
    if meta.lt is not None:
        yield Mutation(keys, "not below exclusive maximum", base(meta.lt), path)


def _bad_strings(meta: Constraints, keys: tuple[Key, ...], path: str) -> Iterator[Mutation]:
    if meta.choices is not None:
        yield Mutation(keys, "not an allowed value", "??", path)
    if meta.min_length:
        yield Mutation(keys, "too short", "", path)
    if meta.max_length is not None:
        too_long = (meta.examples[0] if meta.examples else "a") * (meta.max_length + 1)
        yield Mutation(keys, "too long", too_long[: meta.max_length + 1], path)
    if meta.pattern is not None:
        for candidate in (" ", "a b", "$"):
            if not re.search(meta.pattern, candidate):
                yield Mutation(keys, "pattern mismatch", candidate, path)
                break
