import attrs
from ._caches import cached
from ._constraints import Constraints, Reference
from collections.abc import Iterator
from typing import Any, TypeVar

__all__ = ['SCALAR_TYPES', 'ConstNode', 'EnumNode', 'FieldInfo', 'JsonNode', 'Node', 'OptionalNode', 'RecordInfo', 'RecordNode', 'Registration', 'ScalarNode', 'TupleNode', 'UnionNode', 'base_node', 'documents', 'field_info', 'node_of', 'record_info', 'reference_ids', 'references', 'register', 'register_union', 'registered', 'unregister', 'schema_types', 'type_node', 'union_node']

T = TypeVar('T')
SCALAR_TYPES: tuple[type, ...]

@attrs.frozen
class ScalarNode:
    type: type
    constraints: Constraints
    @property
    def refers_to(self) -> Reference | None: ...

@attrs.frozen
class ConstNode:
    value: str

@attrs.frozen
class EnumNode:
    cls: type[Any]

@attrs.frozen
class RecordNode:
    cls: type[Any]
    @property
    def info(self) -> RecordInfo: ...

@attrs.frozen
class UnionNode:
    members: tuple[type[Any], ...]
    tag: str
    tags: tuple[tuple[str, type[Any]], ...]
    annotation: Any = attrs.field(eq=False, repr=False, default=None)
    def by_tag(self) -> dict[str, type[Any]]: ...

@attrs.frozen
class TupleNode:
    item: Node
    min_items: int | None = ...
    max_items: int | None = ...
    unique: bool = ...
    item_type: Any = attrs.field(eq=False, repr=False, default=None)

@attrs.frozen
class OptionalNode:
    inner: Node

@attrs.frozen
class JsonNode:
    keys: Constraints
Node = ScalarNode | ConstNode | EnumNode | RecordNode | UnionNode | TupleNode | OptionalNode | JsonNode

@attrs.frozen
class FieldInfo:
    name: str
    node: Node
    constraints: Constraints
    required: bool
    is_tag: bool
    attribute: attrs.Attribute[Any] = attrs.field(repr=False, eq=False)
    @property
    def description(self) -> str: ...
    @property
    def optional(self) -> bool: ...
    def default(self) -> Any: ...
    def is_default(self, value: Any) -> bool: ...

@attrs.frozen
class RecordInfo:
    cls: type[Any]
    fields: tuple[FieldInfo, ...]
    tag: str | None
    def field(self, name: str) -> FieldInfo: ...

def base_node(node: Node) -> Node: ...
def node_of(tp: Any, meta: Constraints) -> Node: ...
@cached
def type_node(tp: Any) -> Node | None: ...
@cached
def union_node(tp: Any) -> UnionNode: ...
@cached
def record_info(cls) -> RecordInfo: ...
def field_info(cls, name: str) -> FieldInfo: ...
def reference_ids(obj: Any, out: list[tuple[Reference, str]]) -> list[tuple[Reference, str]]: ...
def references(obj: Any, path: str = '$') -> Iterator[tuple[str, Reference, str]]: ...

@attrs.frozen
class Registration:
    name: str
    type: Any
    schema: str | None = ...
    document: bool = ...
    rank: int = ...

def register(tp: Any, *, name: str, schema: str | None = None, document: bool = False, rank: int = 0) -> None: ...
def register_union(tp: T, *, name: str, schema: str | None = None, rank: int = 0) -> T: ...
def unregister(tp: Any) -> None: ...
def registered() -> tuple[Registration, ...]: ...
def documents() -> tuple[type[Any], ...]: ...
def schema_types() -> dict[str, Any]: ...
