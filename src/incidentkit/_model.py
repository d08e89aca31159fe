"""Records: the ``@record`` decorator, the :class:`Model` base that checks each
instance as it is built, documented enums and cross-field rules.

Rules that span several fields are methods marked with :func:`rule`; their text is
what the schema and the docs list as "checked beyond the schema".
"""

from __future__ import annotations

import ast
import linecache
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from ._caches import on_clear
from ._constraints import TAG_KEY, TRAILING_KEY, field
from ._typetree import register
from .errors import Problem, ValidationError

__all__ = [
    "DocEnum",
    "Model",
    "SharedFields",
    "checked_by_model_only",
    "record",
    "rule",
    "rule_methods",
    "rules_expression",
    "rules_hold",
    "rules_of",
]

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        """Type checkers only: marks :func:`record` as making attrs classes."""
        return lambda decorated: decorated


T = TypeVar("T")
E = TypeVar("E", bound="DocEnum")

if TYPE_CHECKING:

    @dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
    class SharedFields(type):
        """Type checkers only: the metaclass of a base class whose fields its records
        share (see :data:`SharedFields` at run time)."""

else:
    #: The metaclass of a base class whose fields several records share (``Record``,
    #: the actors' base): at run time just ``type``. To type checkers it is a
    #: ``dataclass_transform`` metaclass, which makes the base's fields "neither
    #: frozen nor non-frozen" (PEP 681), so subclasses read them from the base's
    #: declarations. Without it, mypy gives an inherited ``Items[X]`` or ``OneOf[E]``
    #: field of a frozen subclass the type its constructor accepts instead of the
    #: type it holds (``str`` for an enum: python/mypy#17601). The cost: mypy does
    #: not flag an assignment to such a field (it still fails at run time).
    SharedFields = type


# Field annotations are strings (postponed evaluation) when the transformer runs.
_FLOAT_ANNOTATIONS: frozenset[object] = frozenset({"float", "float | None", float})
_DATETIME_ANNOTATIONS: frozenset[object] = frozenset({"datetime", "datetime | None", datetime})


def int_to_float(value: Any) -> Any:
    """``4`` given for a float field is stored as ``4.0``, as JSON will read it."""
    return float(value) if type(value) is int else value


def fixed_offset(value: Any) -> Any:
    """An aware datetime is stored with its fixed UTC offset, as JSON will read it.

    Equal instants then compare equal: Python never finds a time in an hour that a
    DST change repeats (Asia/Kabul has none, America/New_York one a year) equal to
    the same instant read back with a fixed offset.
    """
    if isinstance(value, datetime) and not isinstance(value.tzinfo, timezone):
        offset = value.utcoffset()
        if offset is not None:
            return value.replace(tzinfo=timezone(offset), fold=0)
    return value


def _normaliser(annotation: object) -> Callable[[Any], Any] | None:
    if annotation in _FLOAT_ANNOTATIONS:
        return int_to_float
    if annotation in _DATETIME_ANNOTATIONS:
        return fixed_offset
    return None


def _transform_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Order on the wire: the tag, the class's own fields, then trailing ones; and
    ints given for float fields become floats, and aware datetimes keep a fixed
    offset, so equal records print and compare alike."""

    def rank(attribute: attrs.Attribute[Any]) -> int:
        if attribute.metadata.get(TAG_KEY):
            return 0
        return 2 if attribute.metadata.get(TRAILING_KEY) else 1

    ordered = sorted(fields, key=rank)
    return [a.evolve(converter=c) if (c := _normaliser(a.type)) else a for a in ordered]


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(
    *,
    name: str | None = None,
    schema: str | None = None,
    document: bool = False,
    rank: int = 0,
    abstract: bool = False,
) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(
    cls: type[T] | None = None,
    /,
    *,
    name: str | None = None,
    schema: str | None = None,
    document: bool = False,
    rank: int = 0,
    abstract: bool = False,
) -> Any:
    """Make ``cls`` a record: a frozen, slotted, keyword-only attrs class, listed in
    the record registry (:func:`incidentkit._typetree.registered`).

    ``schema`` gives it a schema file of its own (the file's stem); ``document``
    marks a top-level record, which files and streams hold; ``rank`` orders it in
    lists (lower first); ``abstract`` keeps a base class out of the registry.
    """

    def make(cls: type[T]) -> type[T]:
        # A Model's repr is Model.__repr__ (attrs' format): attrs would compile one
        # for each class at import, and its f-string is most of what it compiles.
        own = not issubclass(cls, Model)
        made = attrs.frozen(kw_only=True, field_transformer=_transform_fields, repr=own, eq=own)(
            cls
        )
        if not abstract:
            register(made, name=name or made.__name__, schema=schema, document=document, rank=rank)
        return made

    return make if cls is None else make(cls)


class DocEnum(str, Enum):
    """A string enum whose members carry a one-line description.

    Members are declared as ``NAME = "wire_value", "What it means."``; the value is
    what goes on the wire, the description goes into the schema and the docs.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # dir(cls), and so help(cls), lists every method of the data type unless it
        # is object; once the members exist (Python 3.11+ makes them before this
        # hook) nothing else reads it. Python 3.10's dir() leaves them out anyway.
        # A metaclass would do the same, but tools such as msgspec recognise an
        # enum only by type(cls) is EnumMeta.
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("_member_type_") is str and cls._member_names_:
            cls._member_type_ = object  # type: ignore[attr-defined]

    def __dir__(self) -> list[str]:
        """A member's own attributes, without the forty methods of ``str``."""
        return ["description", "name", "value"]

    _value_: str
    description: str

    def __new__(cls: type[E], value: str, description: str = "") -> E:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    def __str__(self) -> str:
        return self._value_

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


def rule(
    text: str, *, holds: str | None = None
) -> Callable[[Callable[[Any], Iterator[Problem]]], Any]:
    """Mark a method as a cross-field rule; ``text`` documents it for partners.

    The method yields :class:`Problem` objects with paths relative to the record
    (``$.low``); it runs after every field is known to have the right type.

    ``holds`` is a Python expression over ``self`` (with the names of the method's
    module) that is true only where the method finds nothing: a cheap test of the
    common case. The expressions of a class's rules are compiled into one test
    (:func:`rules_hold`), run before the methods; where it is false, the methods
    run and say what is wrong. It may be false where the rule holds (that only
    costs time), never true where the rule is broken: a property test holds each
    expression to its method.
    """

    def mark(fn: Callable[[Any], Iterator[Problem]]) -> Any:
        fn.__incidentkit_rule__ = text  # type: ignore[attr-defined]
        if holds is not None:  # (compiled, so checked, with the class's other rules)
            fn.__incidentkit_holds__ = holds  # type: ignore[attr-defined]
        return fn

    return mark


_HOLDS = "__incidentkit_holds__"
_MISSING: Any = object()
Fused = tuple[Callable[[Any], bool], list[Callable[[Any], Iterator[Problem]]]]
_FUSED: dict[type, Fused | None] = {}


def rules_hold(cls: type) -> Fused | None:
    """The fused test of the rules of ``cls`` that declare ``holds`` (one compiled
    function, true only if every one of them holds) and the rules that declare
    none (to run as they are); None when no rule of ``cls`` declares ``holds``."""
    if cls in _FUSED:
        return _FUSED[cls]
    methods = rule_methods(cls)
    declared = [m for m in methods if hasattr(m, _HOLDS)]
    if not declared:
        _FUSED[cls] = None
        return None
    spaces = {id(m.__globals__): m.__globals__ for m in declared}
    # One module's rules (the usual case) run in its namespace; rules from several
    # modules in a merged copy, except an expression whose names would differ there.
    namespace = next(iter(spaces.values())) if len(spaces) == 1 else {}
    if len(spaces) > 1:
        for space in spaces.values():
            namespace.update(space)
    names: dict[str, Any] = {}
    parts = []
    for method in declared:
        expression: str = getattr(method, _HOLDS)
        own: dict[str, Any] = method.__globals__
        code = compile(expression, "<holds>", "eval")
        if all(namespace.get(n, _MISSING) is own.get(n, _MISSING) for n in code.co_names):
            if f"({expression})" not in parts:  # rules may share one test
                parts.append(f"({expression})")
        else:
            name = f"_holds{len(names)}"
            names[name] = eval(f"lambda self: {expression}", own)  # our own declarations
            parts.append(f"{name}(self)")
    function = f"rules_hold_{cls.__name__}"
    if names:
        namespace = {**namespace, **names}
    test, members = _members_bound(" and ".join(parts), namespace)
    text = (
        f"def _make({', '.join(members)}):\n"
        f"    def {function}(self):\n        return {test}\n"
        f"    return {function}\n"
    )
    filename = f"<incidentkit {function} {cls.__module__}.{cls.__qualname__}>"
    local: dict[str, Any] = {}
    exec(compile(text, filename, "exec"), namespace, local)  # our own generated source
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    result = (local["_make"](**members), [m for m in methods if not hasattr(m, _HOLDS)])
    _FUSED[cls] = result
    return result


def _members_bound(expression: str, namespace: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """``expression`` with each enum member it names (``Kind.EXACT``) read from a
    variable of the enclosing function instead, and those variables' values: an
    enum class's attribute lookup costs several times a variable's."""
    members: dict[str, Any] = {}
    tree = ast.parse(expression, mode="eval")
    # Names bound in the expression itself (self, walrus targets, comprehension
    # variables) are not the namespace's.
    bound = {"self"} | {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    bound |= {
        arg.arg
        for node in ast.walk(tree)
        if isinstance(node, ast.Lambda)
        for arg in node.args.args
    }

    class Bind(ast.NodeTransformer):
        def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
            self.generic_visit(node)
            name = node.value.id if isinstance(node.value, ast.Name) else None
            owner = namespace.get(name) if name is not None and name not in bound else None
            if (
                isinstance(owner, type)
                and issubclass(owner, Enum)
                and node.attr in owner.__members__
            ):
                name = f"_{owner.__name__}_{node.attr}"
                members[name] = owner.__members__[node.attr]
                return ast.copy_location(ast.Name(name, ast.Load()), node)
            return node

    return ast.unparse(Bind().visit(tree)), members


def rules_expression(cls: type, ref: Callable[[Any], str], obj: str) -> str | None:
    """A Python expression, true when ``obj`` (an instance of ``cls``) may break a
    rule: its fused test fails, or a rule without one finds a problem; the names it
    uses come from ``ref``. None when no rule of ``cls`` declares ``holds``."""
    fused = rules_hold(cls)
    if fused is None:
        return None
    test, rest = fused
    others = ", ".join(f"*{ref(m)}({obj})" for m in rest)
    return f"(not {ref(test)}({obj}){f' or [{others}]' if others else ''})"


def rules_of(cls: type) -> list[str]:
    """The documented cross-field rules of a record class, base classes first."""
    return [getattr(fn, "__incidentkit_rule__") for fn in rule_methods(cls)]  # noqa: B009


def rule_methods(cls: type) -> list[Callable[[Any], Iterator[Problem]]]:
    seen: dict[str, Callable[[Any], Iterator[Problem]]] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if hasattr(value, "__incidentkit_rule__"):
                seen[name] = value
    return list(seen.values())


#: The fields each record class compares (and hashes) and shows, and its hash salt.
_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...], int]] = {}


def _names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    names = _NAMES.get(cls)
    if names is None:
        fields = attrs.fields(cls)
        compared = tuple(a.name for a in fields if a.eq)
        shown = tuple(a.name for a in fields if a.repr)
        names = _NAMES[cls] = (compared, shown, hash(f"{cls.__module__}.{cls.__qualname__}"))
    return names


class Model:
    """Base of every record: checks fields and rules when an instance is built.

    All problems of the instance are collected and raised together as one
    :class:`~incidentkit.ValidationError` with paths relative to the instance.
    Values that the constructor accepts but the record does not hold (a list for a
    tuple field, an enum member's value) are converted first (see
    :mod:`incidentkit._coerce`).
    """

    # Weak references are declared here, once, rather than by attrs on each record
    # class: a class that adds ``__weakref__`` to its own slots has a layout
    # CPython will not reassign ``__class__`` to, which the compiled reading
    # functions rely on (see ``_compiled._builder``).
    __slots__ = ("__weakref__",)

    # Equality, hashing and the repr are these generic methods, which do what attrs'
    # generated ones do: attrs would compile three for each record class at import,
    # most of the time ``import incidentkit`` takes.

    def __eq__(self, other: object) -> bool:
        """Equal: of the same class, with equal fields (compared in order)."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _names(type(self))[0])

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        names, salt = _names(type(self))[::2]
        return hash((salt, *(getattr(self, n) for n in names)))

    def __repr__(self) -> str:
        """``Name(field=value, ...)`` with every field, as attrs writes it."""
        cls = type(self)
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _names(cls)[1])
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({shown})"

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        checker = _CHECKERS.get(cls)
        if checker is None:
            from ._checks import compile_checker

            checker = _CHECKERS[cls] = compile_checker(cls)
            if _may_install(cls):  # later instances go straight to the compiled check
                installed = compile_checker(cls, raising=True, generic=Model.__attrs_post_init__)
                setattr(installed, _INSTALLED, True)
                cls.__attrs_post_init__ = installed  # type: ignore[method-assign]
        problems = checker(self)
        if problems:
            raise ValidationError(problems)


_CHECKERS: dict[type, Callable[[Any], Sequence[Problem]]] = {}
_INSTALLED = "__incidentkit_installed__"


@on_clear
def _reset_checkers() -> None:
    """Forget every compiled check, so the next instance of each class compiles its
    check anew (part of :func:`~incidentkit._caches.clear_caches`)."""
    _CHECKERS.clear()
    _FUSED.clear()
    pending = list(Model.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        own = vars(cls).get("__attrs_post_init__")
        if own is not None and hasattr(own, _INSTALLED):
            delattr(cls, "__attrs_post_init__")


def _may_install(cls: type) -> bool:
    """Whether ``cls`` checks its instances with nothing but :class:`Model`'s check
    (no class on the way defines its own ``__attrs_post_init__``), so that its
    compiled check can stand in for it."""
    for klass in cls.__mro__:
        if klass is Model:
            return True
        own = vars(klass).get("__attrs_post_init__")
        if own is not None and not hasattr(own, _INSTALLED):
            return False
    return False  # pragma: no cover - every caller is a Model


def checked_by_model_only(cls: type) -> bool:
    """Whether building an instance of ``cls`` checks nothing but what
    :class:`Model` checks: its fields' tests, then its rules."""
    return issubclass(cls, Model) and _may_install(cls)
