"""The type tree: one normalised description of every record class's fields.

Every consumer of the field declarations (the checks, the compiled fast paths, the
JSON Schema builder, the Hypothesis strategies, the interop loss reports, the Arrow
schema, the msgspec decoder and the tests' mutation generator) reads the fields
through this tree; none of them looks at ``typing`` forms itself. This is the one
place that does, in :func:`node_of`.

A field's node is one of:

- :class:`ScalarNode`: ``str``, ``int``, ``float``, ``bool`` or an aware ``datetime``,
  with the constraints that apply to each value (an id reference is a ``str`` scalar
  whose constraints say what it refers to, see :class:`Reference`);
- :class:`ConstNode`: a union member's ``type`` tag, a constant string;
- :class:`EnumNode`: a :class:`~incidentkit._fields.DocEnum`;
- :class:`RecordNode`: a nested record class;
- :class:`UnionNode`: a union of record classes told apart by their tag;
- :class:`TupleNode`: ``tuple[X, ...]``, with the item count constraints;
- :class:`OptionalNode`: ``X | None``;
- :class:`JsonNode`: ``dict[str, Any]``, an open object of plain JSON (``extensions``),
  whose keys carry the constraints.

Record classes register themselves (:func:`~incidentkit._fields.record`); every list
of classes the library needs (schema files, the CLI's ``--type`` choices, the
Hypothesis plugin, union tags) is read from :func:`registered`.
"""

from __future__ import annotations

import linecache
import types
import typing
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

import attrs

from ._caches import cached
from ._constraints import Constraints, Reference, constraints_of, is_tag

if TYPE_CHECKING:  # checked as the attrs classes they behave as
    from attrs import field, frozen
else:  # built without compiling code (see _values)
    from ._values import field, frozen

__all__ = [
    "SCALAR_TYPES",
    "ConstNode",
    "EnumNode",
    "FieldInfo",
    "JsonNode",
    "Node",
    "OptionalNode",
    "RecordInfo",
    "RecordNode",
    "Registration",
    "ScalarNode",
    "TupleNode",
    "UnionNode",
    "base_node",
    "documents",
    "field_info",
    "node_of",
    "record_info",
    "reference_ids",
    "references_resolve",
    "references",
    "register",
    "register_union",
    "registered",
    "unregister",
    "schema_types",
    "type_node",
    "union_node",
]

T = TypeVar("T")

#: The scalar Python types a field may have.
SCALAR_TYPES: tuple[type, ...] = (str, int, float, bool, datetime)


@frozen
class ScalarNode:
    """A ``str``, ``int``, ``float``, ``bool`` or aware ``datetime`` value, with the
    constraints declared for each value (bounds, lengths, pattern, choices)."""

    type: type
    constraints: Constraints

    @property
    def refers_to(self) -> Reference | None:
        """What an id reference refers to (None for other scalars)."""
        return self.constraints.refers_to


@frozen
class ConstNode:
    """A constant string: the ``type`` tag of a union member."""

    value: str


@frozen
class EnumNode:
    """A member of a :class:`~incidentkit._fields.DocEnum`, written as its value."""

    cls: type[Any]


@frozen
class RecordNode:
    """A nested record class; its fields are in :attr:`info`."""

    cls: type[Any]

    @property
    def info(self) -> RecordInfo:
        return record_info(self.cls)


@frozen
class UnionNode:
    """A union of record classes, told apart by the value of a tag field."""

    members: tuple[type[Any], ...]
    #: The name of the tag field (``"type"``).
    tag: str
    #: (tag value, class) for each member, in declaration order.
    tags: tuple[tuple[str, type[Any]], ...]
    #: The union as declared (``Person | Organization | Group``).
    annotation: Any = field(eq=False, repr=False, default=None)

    def by_tag(self) -> dict[str, type[Any]]:
        return dict(self.tags)


@frozen
class TupleNode:
    """``tuple[X, ...]``: the item's node, and the constraints on the tuple itself."""

    item: Node
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False
    #: The item type as declared (what the converter's hooks are looked up by).
    item_type: Any = field(eq=False, repr=False, default=None)


@frozen
class OptionalNode:
    """``X | None``."""

    inner: Node


@frozen
class JsonNode:
    """``dict[str, Any]``: an open object of plain JSON values; ``keys`` holds the
    constraints each key must meet."""

    keys: Constraints


Node = Union[  # noqa: UP007 - a runtime alias, readable on Python 3.10
    ScalarNode, ConstNode, EnumNode, RecordNode, UnionNode, TupleNode, OptionalNode, JsonNode
]


@frozen
class FieldInfo:
    """One field of a record class: its node and what its declaration says."""

    name: str
    node: Node
    constraints: Constraints
    #: Whether the wire form must have the field (no default, or a union tag).
    required: bool
    is_tag: bool
    attribute: attrs.Attribute[Any] = field(repr=False, eq=False)

    @property
    def description(self) -> str:
        return self.constraints.description

    @property
    def optional(self) -> bool:
        return isinstance(self.node, OptionalNode)

    def default(self) -> Any:
        """The value the field has when it is not given (a factory's product, through
        the field's converter if it has one); ``attrs.NOTHING`` when required."""
        default: Any = self.attribute.default
        if default is attrs.NOTHING:
            return default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        converter = self.attribute.converter
        return converter(default) if callable(converter) else default  # type: ignore[redundant-expr]

    def is_default(self, value: Any) -> bool:
        """Whether ``value`` is what the field holds when it is not given."""
        default = self.default()
        return default is not attrs.NOTHING and value == default


@frozen
class RecordInfo:
    """A record class as the type tree sees it."""

    cls: type[Any]
    fields: tuple[FieldInfo, ...]
    #: The class's own ``type`` tag value, if it is a union member.
    tag: str | None

    def field(self, name: str) -> FieldInfo:
        for info in self.fields:
            if info.name == name:
                return info
        raise KeyError(name)


def base_node(node: Node) -> Node:
    """The node under any optional and tuple wrappers."""
    while isinstance(node, (OptionalNode, TupleNode)):
        node = node.inner if isinstance(node, OptionalNode) else node.item
    return node


def node_of(tp: Any, meta: Constraints) -> Node:
    """The node of a declared type under its field's constraints: the one function
    that reads ``typing`` forms."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = tuple(a for a in args if a is not type(None))
        inner = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007
        return OptionalNode(node_of(inner, meta))
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"unsupported field type {tp!r}: use tuple[X, ...]")
        item = node_of(args[0], meta)
        return TupleNode(item, meta.min_items, meta.max_items, meta.unique, args[0])
    if origin is dict:
        return JsonNode(meta)
    if origin is Literal:
        (value,) = args
        return ConstNode(value)
    if origin in (Union, types.UnionType):
        return union_node(tp)
    if tp in SCALAR_TYPES:
        return ScalarNode(tp, meta)
    if isinstance(tp, type):
        from ._fields import DocEnum, Model

        if issubclass(tp, DocEnum):
            return EnumNode(tp)
        if issubclass(tp, Model) and attrs.has(tp):
            return RecordNode(tp)
    raise TypeError(f"unsupported field type {tp!r}")


_NO_CONSTRAINTS = Constraints(description="")


@cached
def type_node(tp: Any) -> Node | None:
    """The node of a type on its own (no field constraints), or None if the tree
    cannot describe it."""
    try:
        return node_of(tp, _NO_CONSTRAINTS)
    except (TypeError, ValueError, attrs.exceptions.NotAnAttrsClassError):
        return None


@cached
def union_node(tp: Any) -> UnionNode:
    """The node of a union of record classes that each have one tag field."""
    if typing.get_origin(tp) not in (Union, types.UnionType):
        raise TypeError(f"{tp!r} is not a union of record classes")
    members = typing.get_args(tp)
    names, tags = set(), []
    for cls in members:
        if not attrs.has(cls):
            raise TypeError(f"{tp!r} is not a union of record classes")
        info = record_info(cls)
        own = [f for f in info.fields if f.is_tag]
        if len(own) != 1 or info.tag is None:
            raise TypeError(f"union member {cls!r} needs exactly one tag field")
        names.add(own[0].name)
        tags.append((info.tag, cls))
    if len(names) != 1:
        raise TypeError(f"the members of {tp!r} are told apart by different fields")
    return UnionNode(tuple(members), names.pop(), tuple(tags), tp)


@cached
def record_info(cls: type[Any]) -> RecordInfo:
    """The fields of a record class, as nodes (built once per class)."""
    hints = typing.get_type_hints(cls)
    fields, tag = [], None
    for attribute in attrs.fields(cls):
        meta = constraints_of(attribute)
        node = node_of(hints[attribute.name], meta)
        tagged = is_tag(attribute)
        if tagged:
            tag = attribute.default
            node = ConstNode(tag)
        required = attribute.default is attrs.NOTHING or tagged
        fields.append(FieldInfo(attribute.name, node, meta, required, tagged, attribute))
    return RecordInfo(cls, tuple(fields), tag)


def field_info(cls: type[Any], name: str) -> FieldInfo:
    """One field of a record class."""
    return record_info(cls).field(name)


# ---------------------------------------------------------------- references


def _holds_reference(node: Node, seen: frozenset[type[Any]]) -> bool:
    """Whether a value of ``node`` is, or may contain, an id reference."""
    if isinstance(node, ScalarNode):
        return node.refers_to is not None
    if isinstance(node, RecordNode):
        return _may_refer(node.cls, seen)
    if isinstance(node, UnionNode):
        return any(_may_refer(member, seen) for member in node.members)
    return False


@cached
def _may_refer(cls: type[Any], seen: frozenset[type[Any]] = frozenset()) -> bool:
    if cls in seen:
        return False
    inner = seen | {cls}
    return any(_holds_reference(base_node(f.node), inner) for f in record_info(cls).fields)


@cached
def _referring_fields(cls: type[Any]) -> tuple[tuple[FieldInfo, Node], ...]:
    """The fields of ``cls`` that are, or may hold, id references."""
    return tuple(
        (info, base)
        for info in record_info(cls).fields
        if _holds_reference(base := base_node(info.node), frozenset({cls}))
    )


@cached
def _plan(cls: type[Any]) -> tuple[tuple[str, bool, Reference | None], ...]:
    """(field name, holds a tuple, what it refers to or None for a nested record)
    for each field of ``cls`` that is or may hold an id reference."""
    plan = []
    for info, base in _referring_fields(cls):
        many = isinstance(base_node_unwrapped(info.node), TupleNode)
        plan.append((info.name, many, base.refers_to if isinstance(base, ScalarNode) else None))
    return tuple(plan)


def reference_ids(obj: Any, out: list[tuple[Reference, str]]) -> list[tuple[Reference, str]]:
    """Append (what it refers to, id) for every id reference inside ``obj`` to
    ``out``, without paths: the quick pass the reference rules make before they
    look for the paths of any that do not resolve (:func:`references`)."""
    _id_collector(type(obj))(obj, out)
    return out


@cached
def _id_collector(cls: type[Any]) -> Callable[[Any, list[tuple[Reference, str]]], None]:
    """A function compiled for ``cls`` that does what :func:`reference_ids` says,
    with the nested records' fields read inline (no call per nested record)."""

    def leaf(to: str, value: str, many: bool) -> list[str]:
        if many:
            return [f"out.extend([({to}, x) for x in {value}])"]
        return [f"out.append(({to}, {value}))"]

    collect: Callable[[Any, list[tuple[Reference, str]]], None] = _walker(
        cls, "collect", "out", reference_ids, leaf, "_walk({item}, out)"
    )
    return collect


def references_resolve(obj: Any, known: dict[str, dict[str, str]]) -> bool:
    """Whether every id reference inside ``obj`` is a key of ``known[collection]``
    whose value (the item's ``type`` tag) is one the reference allows: what
    :func:`reference_ids` finds, tested as it is found (nothing collected)."""
    return _id_resolver(type(obj))(obj, known)


@cached
def _id_resolver(cls: type[Any]) -> Callable[[Any, dict[str, dict[str, str]]], bool]:
    """A function compiled for ``cls`` that does what :func:`references_resolve` says."""

    def leaf(to: str, value: str, many: bool) -> list[str]:
        reference: Reference = namespace_of[to]
        ids = collections.setdefault(reference.collection, f"k{len(collections)}")
        kinds = repr(tuple(reference.kinds))

        def test(x: str) -> str:
            return f"{ids}.get({x}) not in {kinds}" if reference.kinds else f"{x} not in {ids}"

        if many:
            return [f"for x in {value}:", f"    if {test('x')}: return False"]
        return [f"if {test(value)}: return False"]

    namespace_of: dict[str, Any] = {}
    collections: dict[str, str] = {}  # the local name of each collection's ids

    def prelude() -> list[str]:
        return [f"{name} = known.get({c!r}, _EMPTY)" for c, name in collections.items()]

    walker: Callable[[Any, dict[str, dict[str, str]]], bool] = _walker(
        cls,
        "resolve",
        "known",
        references_resolve,
        leaf,
        "if not _walk({item}, known): return False",
        returns="True",
        namespace_of=namespace_of,
        prelude=prelude,
    )
    return walker


_EMPTY: dict[str, str] = {}


def _walker(
    cls: type[Any],
    kind: str,
    argument: str,
    recurse: Callable[..., Any],
    leaf: Callable[[str, str, bool], list[str]],
    nested: str,
    *,
    returns: str = "None",
    namespace_of: dict[str, Any] | None = None,
    prelude: Callable[[], list[str]] | None = None,
) -> Any:
    """A function compiled for ``cls`` that visits every id reference inside a
    record (``leaf`` writes what is done with one, given the name of its
    :class:`Reference` and of the value), reading nested records' fields inline
    and calling ``recurse`` (as ``_walk``, by the ``nested`` statement) for a union
    or for a record met again on the way down."""
    namespace: dict[str, Any] = {"_walk": recurse, "_EMPTY": _EMPTY}
    if namespace_of is not None:
        namespace_of.clear()
    lines = [f"def {kind}(o, {argument}):"]
    counter = iter(range(1_000_000))

    def ref(value: Any) -> str:
        name = f"_r{len(namespace)}"
        namespace[name] = value
        if namespace_of is not None:
            namespace_of[name] = value
        return name

    def emit(record: type[Any], var: str, depth: int, seen: frozenset[type[Any]]) -> None:
        pad = "    " * depth
        for name, many, to in _plan(record):
            value = f"v{next(counter)}"
            lines.append(f"{pad}{value} = {var}.{name}")
            # An empty array is skipped as None is: no loop set up for nothing.
            lines.append(f"{pad}if {value}:" if many else f"{pad}if {value} is not None:")
            inner = pad + "    "
            if to is not None:
                lines.extend(inner + line for line in leaf(ref(to), value, many))
                continue
            base = base_node(field_info(record, name).node)
            item = value
            if many:
                item = f"x{next(counter)}"
                lines.append(f"{inner}for {item} in {value}:")
                inner += "    "
            if isinstance(base, RecordNode) and base.cls not in seen:
                emit(base.cls, item, len(inner) // 4, seen | {base.cls})
            elif isinstance(base, UnionNode) and seen.isdisjoint(base.members):
                # Each member inline, told apart by its exact class (no call per
                # item); anything else (a subclass) by the call.
                kind = f"t{next(counter)}"
                lines.append(f"{inner}{kind} = type({item})")
                for index, member in enumerate(base.members):
                    lines.append(f"{inner}{'elif' if index else 'if'} {kind} is {ref(member)}:")
                    before = len(lines)
                    emit(member, item, len(inner) // 4 + 1, seen | {member})
                    if len(lines) == before:
                        lines.append(f"{inner}    pass")
                lines.append(f"{inner}else:")
                lines.append(f"{inner}    " + nested.format(item=item))
            else:  # a record met again on the way down
                lines.append(inner + nested.format(item=item))

    emit(cls, "o", 1, frozenset({cls}))
    if prelude is not None:  # what the function body needs first
        lines[1:1] = ["    " + line for line in prelude()]
    lines.append(f"    return {returns}")
    text = "\n".join(lines) + "\n"
    filename = f"<incidentkit references {kind} {cls.__module__}.{cls.__qualname__}>"
    exec(compile(text, filename, "exec"), namespace)  # our own generated source
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    return namespace[kind]


def references(obj: Any, path: str = "$") -> Iterator[tuple[str, Reference, str]]:
    """(path, what it refers to, id) for every id reference inside a record,
    found through the declarations (``refers_to`` on the field)."""
    for info, base in _referring_fields(type(obj)):
        value = getattr(obj, info.name)
        if value is None:
            continue
        where = f"{path}.{info.name}"
        items = (
            enumerate(value)
            if isinstance(base_node_unwrapped(info.node), TupleNode)
            else ((None, value),)
        )
        for index, item in items:
            at = where if index is None else f"{where}[{index}]"
            if item is None:
                continue
            if isinstance(base, ScalarNode):
                assert base.refers_to is not None
                yield at, base.refers_to, item
            else:
                yield from references(item, at)


def base_node_unwrapped(node: Node) -> Node:
    """The node under an optional wrapper."""
    return node.inner if isinstance(node, OptionalNode) else node


# ---------------------------------------------------------------- registry


@frozen
class Registration:
    """A record class or union as the library lists it.

    ``name`` is the public name (``"Incident"``, ``"Actor"``); ``schema`` the stem of
    its own schema file (None: no file of its own); ``document`` whether it is a
    top-level record, which a file or a JSON Lines stream may hold.
    """

    name: str
    type: Any
    schema: str | None = None
    document: bool = False
    #: Where it goes in lists (the bundle, the CLI's choices): lower first, then
    #: in definition order.
    rank: int = 0


_REGISTRY: dict[Any, Registration] = {}


def register(
    tp: Any, *, name: str, schema: str | None = None, document: bool = False, rank: int = 0
) -> None:
    """Add a record class (or union) to the registry."""
    _REGISTRY[tp] = Registration(name, tp, schema, document, rank)


def register_union(tp: T, *, name: str, schema: str | None = None, rank: int = 0) -> T:
    """Register a union of record classes (such as ``Actor``); returns it."""
    register(tp, name=name, schema=schema, rank=rank)
    return tp


def unregister(tp: Any) -> None:
    """Take a class or union out of the registry (for classes declared by tests)."""
    _REGISTRY.pop(tp, None)


def registered() -> tuple[Registration, ...]:
    """Every registered record class and union, in definition order. Importing
    :mod:`incidentkit` registers all of the library's own."""
    import incidentkit  # the import defines (and so registers) the classes, ...

    incidentkit._import_records()  # ... but those it leaves for first use

    return tuple(sorted(_REGISTRY.values(), key=lambda r: r.rank))


def documents() -> tuple[type[Any], ...]:
    """The top-level record classes: what a file or a JSON Lines stream holds."""
    return tuple(r.type for r in registered() if r.document)


def schema_types() -> dict[str, Any]:
    """The classes and unions that get a schema file of their own, by file stem."""
    return {r.schema: r.type for r in registered() if r.schema is not None}
