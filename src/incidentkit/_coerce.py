"""What a record's constructor accepts beyond what the record holds: any sequence
for a tuple field, and an enum's wire value (``"acronym"``) for an enum field, as
:func:`~incidentkit.from_dict` accepts them.

Two things make that work, each declared once:

- **For the type checker**, the field's declared type says what its ``__init__``
  parameter accepts. ``Items[X]`` holds ``tuple[X, ...]`` and accepts any
  ``Sequence[X]``; ``OneOf[E]`` holds ``E`` and accepts ``E`` or a string (and
  ``OneOf[E | None]`` also None). To mypy and pyright they are descriptor types:
  the typing spec's dataclass rules read a descriptor field's ``__init__`` type
  from the value parameter of its ``__set__``, and its attribute type from
  ``__get__``, so no plugin is needed. At run time they are the plain types
  (``tuple[X, ...]``, ``E``): the type tree, the codec and the schemas see nothing
  new.
- **At run time**, the conversion is derived from the type tree (:func:`coerce`)
  and runs inside the record's check: a value that fails its field's type test is
  converted where it can be (a list to a tuple, ``"acronym"`` to
  ``AliasKind.ACRONYM``) and the check runs again. Records built from tuples and
  members, and records read by ``from_dict`` (whose compiled path sets the slots
  itself), pay nothing for it. A value that cannot be converted is left as it is,
  and the check reports it at the field's path, as ``from_dict`` would.

Strings, bytes, mappings, sets and iterators are not taken as sequences: a string
is not a tuple of its characters, and a set has no order to keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ._caches import cached
from ._typetree import EnumNode, OptionalNode, TupleNode, record_info

__all__ = ["Items", "OneOf", "coerce", "converts"]

T = TypeVar("T")

if TYPE_CHECKING:

    class Items(Generic[T]):
        """A field holding ``tuple[T, ...]`` that accepts any ``Sequence[T]``."""

        @overload
        def __get__(self, instance: None, owner: Any) -> Items[T]: ...
        @overload
        def __get__(self, instance: object, owner: Any) -> tuple[T, ...]: ...
        def __get__(self, instance: object, owner: Any) -> Any: ...
        def __set__(self, instance: object, value: Sequence[T]) -> None: ...

    class OneOf(Generic[T]):
        """A field holding ``T`` (an enum, optionally ``| None``) that also accepts
        an enum member's value as a string."""

        @overload
        def __get__(self, instance: None, owner: Any) -> OneOf[T]: ...
        @overload
        def __get__(self, instance: object, owner: Any) -> T: ...
        def __get__(self, instance: object, owner: Any) -> Any: ...
        def __set__(self, instance: object, value: T | str) -> None: ...

else:

    class Items:
        """``Items[X]`` is ``tuple[X, ...]`` at run time (see the module's docstring)."""

        def __class_getitem__(cls, item: Any) -> Any:
            return tuple[item, ...]

    class OneOf:
        """``OneOf[E]`` is ``E`` at run time (see the module's docstring)."""

        def __class_getitem__(cls, item: Any) -> Any:
            return item


#: What is never taken as a sequence of items.
_NOT_ITEMS = (str, bytes, bytearray, memoryview)


@cached
def _plan(cls: type[Any]) -> tuple[tuple[str, TupleNode | EnumNode], ...]:
    """The fields of ``cls`` whose values a constructor may convert: tuples (and
    optional tuples) and enums (and optional enums), from the type tree."""
    plan: list[tuple[str, TupleNode | EnumNode]] = []
    for info in record_info(cls).fields:
        node = info.node.inner if isinstance(info.node, OptionalNode) else info.node
        if isinstance(node, (TupleNode, EnumNode)):
            plan.append((info.name, node))
    return tuple(plan)


def converts(cls: type[Any]) -> bool:
    """Whether ``cls`` has a field whose value a constructor may convert."""
    return bool(_plan(cls))


def coerce(obj: Any) -> bool:
    """Convert, in place, each value of ``obj`` that a constructor accepts but the
    record does not hold (a list for a tuple, a string for an enum member); True
    if anything changed. Anything else is left for the record's check to report."""
    changed = False
    for name, node in _plan(type(obj)):
        value = getattr(obj, name)
        if isinstance(node, TupleNode):
            new = _as_tuple(node, value)
        else:
            new = _as_member(node.cls, value)
        if new is not value:
            object.__setattr__(obj, name, new)  # the instance is still being built
            changed = True
    return changed


def _as_tuple(node: TupleNode, value: Any) -> Any:
    if not isinstance(value, tuple):
        if not isinstance(value, Sequence) or isinstance(value, _NOT_ITEMS):
            return value
        value = tuple(value)
    if isinstance(node.item, EnumNode):
        cls = node.item.cls
        members = [_as_member(cls, item) for item in value]
        if any(new is not old for new, old in zip(members, value, strict=True)):
            return tuple(members)
    return value


def _as_member(cls: type[Any], value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Enum):
        member: Any = cls._value2member_map_.get(value)
        if member is not None:
            return member
    return value
