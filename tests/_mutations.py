"""Single-field breakages of a valid record's wire form, for the mutation tests.

Each :class:`Mutation` breaks one field of ``to_dict(record)`` in one way: a value
of the wrong JSON type, a value outside the field's declared constraints (bounds,
lengths, pattern, allowed values, enum members, uniqueness) or an unknown key.
What counts as broken is read from the same declarations as everything else.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import attrs
from hypothesis import strategies as st

from incidentkit import to_dict
from incidentkit._fields import Constraints, Model
from incidentkit._typetree import (
    ConstNode,
    EnumNode,
    JsonNode,
    Node,
    OptionalNode,
    ScalarNode,
    TupleNode,
    record_info,
)

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
    for info in record_info(cls).fields:
        name = info.name
        if name not in wire:
            continue
        here = (*keys, name)
        yield from _breaks(info.node, info.constraints, wire[name], here)
        value = getattr(obj, name)
        if isinstance(value, Model):
            yield from _walk(value, wire[name], here)
        elif isinstance(value, tuple):
            node = _base(info.node)
            assert isinstance(node, TupleNode)
            for index, item in enumerate(value):
                item_keys = (*here, index)
                if isinstance(item, Model):
                    yield from _walk(item, wire[name][index], item_keys)
                else:
                    yield from _breaks(node.item, info.constraints, wire[name][index], item_keys)


def _json_types(node: Node) -> set[str]:
    """The JSON types a node accepts (``null`` aside)."""
    if isinstance(node, OptionalNode):
        return _json_types(node.inner)
    if isinstance(node, TupleNode):
        return {"array"}
    if isinstance(node, (ConstNode, EnumNode)):
        return {"string"}
    if isinstance(node, ScalarNode):
        return {
            str: {"string"},
            datetime: {"string"},
            bool: {"boolean"},
            int: {"integer"},
            float: {"integer", "number"},
        }[node.type]
    return {"object"}  # a record, a union of records or a JSON object


def _base(node: Node) -> Node:
    """The node without ``| None``."""
    return node.inner if isinstance(node, OptionalNode) else node


def _breaks(
    node: Node, meta: Constraints, value: Any, keys: tuple[Key, ...]
) -> Iterator[Mutation]:
    path = _path(keys)
    accepted = _json_types(node)
    for json_type, wrong in _OF_TYPE.items():
        if json_type not in accepted:
            yield Mutation(keys, f"wrong type ({json_type})", wrong, path)
            break
    base = _base(node)
    if isinstance(base, ConstNode):
        yield Mutation(keys, "unknown tag", "no_such_tag", path)
    elif isinstance(base, EnumNode):
        yield Mutation(keys, "not an enum member", "no_such_member", path)
    elif isinstance(base, ScalarNode) and base.type in (int, float):
        yield from _out_of_bounds(base.type, meta, keys, path)
    elif isinstance(base, ScalarNode) and base.type is str:
        yield from _bad_strings(meta, keys, path)
    elif isinstance(base, TupleNode) and base.unique and value:
        yield Mutation(keys, "duplicate item", [value[0], *value], path)
    elif isinstance(base, JsonNode):
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
