"""Small frozen value classes for the library's own bookkeeping, built without
compiling code.

attrs writes each class's ``__init__``, ``__eq__``, ``__hash__`` and ``__repr__`` as
Python source and compiles it: about a millisecond a class, which for the dozen
internal classes of the type tree (nodes, field descriptions, registrations) was a
sixth of ``import incidentkit``. These classes are built once per record class, on
first use, so their methods can be plain generic functions instead. They behave as
``attrs.frozen`` classes do for what the library uses: positional or keyword
construction with defaults, immutability, equality and hashing over the compared
fields (same class only), and a ``Name(field=value, ...)`` repr. Type checkers see
``attrs.frozen`` and ``attrs.field`` themselves (see the imports in the modules that
use them), so the declarations read and check as attrs classes.

Records (what users build and read) stay attrs classes.
"""

from __future__ import annotations

import inspect  # (attrs imports it anyway)
from collections.abc import Callable
from typing import Any, TypeVar

from attrs.exceptions import FrozenInstanceError

__all__ = ["field", "field_names", "frozen"]

C = TypeVar("C", bound=type)

_NOTHING: Any = object()


class _Field:
    """What :func:`field` declares: a default, and whether the field counts in
    equality, hashing and the repr."""

    __slots__ = ("default", "eq", "repr")

    def __init__(self, default: Any, eq: bool, repr: bool) -> None:
        self.default = default
        self.eq = eq
        self.repr = repr


def field(*, default: Any = _NOTHING, eq: bool = True, repr: bool = True) -> Any:
    """A field with options, as ``attrs.field`` declares one."""
    return _Field(default, eq, repr)


def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a class made by :func:`frozen`, in order."""
    names: tuple[str, ...] = cls.__match_args__  # type: ignore[attr-defined]
    return names


def frozen(cls: C) -> C:
    """A slotted, immutable copy of ``cls`` with the fields its annotations declare
    (in order; a class attribute is the default, or a :func:`field`).

    The copy is a new class (as attrs' slotted classes are): a method of ``cls``
    must not use ``super()`` without arguments, which would name the old one."""
    names = tuple(inspect.get_annotations(cls))  # strings: only their names are read
    declared = {name: cls.__dict__.get(name, _NOTHING) for name in names}
    specs = {
        name: value if isinstance(value, _Field) else _Field(value, True, True)
        for name, value in declared.items()
    }
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in names and key not in ("__dict__", "__weakref__")
    }
    compared = tuple(name for name in names if specs[name].eq)
    shown = tuple(name for name in names if specs[name].repr)
    namespace.update(
        __slots__=names,
        __match_args__=names,
        __init__=_init(cls.__qualname__, names, {n: s.default for n, s in specs.items()}),
        __setattr__=_refuse,
        __delattr__=_refuse,
        __eq__=_eq(compared),
        __ne__=_ne,
        __hash__=_hash(cls.__qualname__, compared),
        __repr__=_repr(shown),
        __reduce__=_reduce(names),
    )
    made: C = type(cls)(cls.__name__, cls.__bases__, namespace)
    return made


def _init(qualname: str, names: tuple[str, ...], defaults: dict[str, Any]) -> Callable[..., None]:
    every = frozenset(names)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if not args and kwargs.keys() == every:  # every field by name: the usual call
            for name in names:
                object.__setattr__(self, name, kwargs[name])
            return
        if len(args) > len(names):
            raise TypeError(f"{qualname}() takes {len(names)} arguments, got {len(args)}")
        for name, value in zip(names, args, strict=False):
            if name in kwargs:
                raise TypeError(f"{qualname}() got multiple values for {name!r}")
            object.__setattr__(self, name, value)
        for name in names[len(args) :]:
            value = kwargs.pop(name, defaults[name])
            if value is _NOTHING:
                raise TypeError(f"{qualname}() missing argument {name!r}")
            object.__setattr__(self, name, value)
        if kwargs:
            raise TypeError(f"{qualname}() got unexpected arguments {sorted(kwargs)}")

    return __init__


def _refuse(self: Any, *_: Any) -> None:
    raise FrozenInstanceError


def _eq(names: tuple[str, ...]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in names)

    return __eq__


def _ne(self: Any, other: Any) -> Any:
    result = self.__eq__(other)
    return result if result is NotImplemented else not result


def _hash(qualname: str, names: tuple[str, ...]) -> Callable[[Any], int]:
    salt = hash(qualname)

    def __hash__(self: Any) -> int:
        return hash((salt, *(getattr(self, n) for n in names)))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _reduce(names: tuple[str, ...]) -> Callable[[Any], Any]:
    def __reduce__(self: Any) -> Any:  # pickling and copying build a new instance
        return type(self), tuple(getattr(self, n) for n in names)

    return __reduce__
