"""One declaration per field.

Every field of a record is declared with :func:`field`, which stores its constraints
(bounds, lengths, pattern, allowed values, description, examples) as a
:class:`Constraints` object in the attrs metadata. Three things are derived from it
and never written by hand beside it: the runtime checks (compiled here, run when a
record is built), the JSON Schema keywords and the Hypothesis strategy bounds.

Rules that span several fields are methods marked with :func:`rule`; their text is
what the schema and the docs list as "checked beyond the schema".
"""

from __future__ import annotations

import functools
import linecache
import math
import re
import string
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

import attrs

from .errors import Problem, ValidationError, join_path

__all__ = [
    "Choices",
    "Constraints",
    "DocEnum",
    "Model",
    "compile_pattern",
    "constraints_of",
    "field",
    "id_field",
    "is_tag",
    "tag_field",
    "json_type_name",
    "record",
    "rule",
    "rules_of",
]

META_KEY = "incidentkit"
TRAILING_KEY = "incidentkit.trailing"
TAG_KEY = "incidentkit.tag"
#: Largest integer every JSON reader handles exactly (IEEE double mantissa).
MAX_SAFE_INT = 2**53 - 1
#: How deep JSON inside ``extensions`` may nest.
MAX_JSON_DEPTH = 64
#: Integer range the codec can write with either JSON backend (signed/unsigned 64-bit).
JSON_INT_RANGE = (-(2**63), 2**64 - 1)

#: Identifiers of actors, sources, records: portable, URL- and path-safe.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
ID_MAX_LENGTH = 128
#: BCP 47 language tags, in the simple form reports use ("ps", "fa-AF").
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

#: RFC 3339 date-times with a UTC offset, as the codec reads them: hours 00-23,
#: seconds 00-59 (Python's datetime has no leap second), no year 0000. Days beyond
#: the end of a month are left to the date-time parser (and to JSON Schema's format).
DATETIME_PATTERN = (
    r"^([0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
    r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)

# RFC 3986 characters: a path character (pchar), written out so that anything
# matching HTTP_URL_PATTERN is also a valid "uri" to every JSON Schema format checker.
_PCHAR = r"([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
#: Absolute http(s) URLs with a registered host name, optional port, path, query
#: and fragment; non-ASCII characters must be percent-encoded, as RFC 3986 says.
HTTP_URL_PATTERN = (
    r"^https?://([A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})+(:[0-9]*)?"
    rf"(/{_PCHAR}*)*(\?({_PCHAR}|[/?])*)?(#({_PCHAR}|[/?])*)?$"
)

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        """Type checkers only: marks :func:`record` as making attrs classes."""
        return lambda decorated: decorated


T = TypeVar("T")
E = TypeVar("E", bound="DocEnum")
Check = Callable[[Any, str], Iterator[Problem]]


class Choices(tuple[str, ...]):
    """A named set of allowed strings (such as the country codes), declared once.

    It is a tuple, so a field's ``choices`` reads the same either way; the schema
    lists a named set once, as a definition that every field using it refers to.
    """

    name: str
    description: str

    def __new__(cls, name: str, values: Iterable[str], description: str) -> Choices:
        choices = super().__new__(cls, values)
        choices.name = name
        choices.description = description
        return choices


@attrs.frozen
class Constraints:
    """What a field allows, beyond its type. Number bounds and string constraints
    apply to the value, or to each item when the field is a tuple; ``min_items``,
    ``max_items`` and ``unique`` apply to the tuple itself."""

    description: str
    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    lt: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    choices: tuple[str, ...] | None = None
    format: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False
    examples: tuple[Any, ...] = ()


def field(
    *,
    description: str,
    default: Any = attrs.NOTHING,
    factory: Callable[[], Any] | None = None,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
    choices: tuple[str, ...] | None = None,
    format: str | None = None,
    min_items: int | None = None,
    max_items: int | None = None,
    unique: bool = False,
    examples: tuple[Any, ...] = (),
    trailing: bool = False,
) -> Any:
    """Declare a record field with its description and constraints.

    ``trailing`` fields (shared fields declared on a base class) are placed after
    the subclass's own fields, so that a record's wire form reads naturally.
    """
    if pattern is not None:
        compile_pattern(pattern)  # fail at import time, not at first use
    meta = Constraints(
        description=description,
        ge=ge,
        le=le,
        gt=gt,
        lt=lt,
        min_length=min_length,
        max_length=max_length,
        pattern=pattern,
        choices=choices,
        format=format,
        min_items=min_items,
        max_items=max_items,
        unique=unique,
        examples=examples,
    )
    metadata: dict[str, Any] = {META_KEY: meta, TRAILING_KEY: trailing}
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


def id_field(*, description: str, default: Any = attrs.NOTHING) -> Any:
    """An identifier, or a reference to one (same pattern either way)."""
    return field(
        description=description,
        default=default,
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        examples=("taliban",),
    )


# Escapes that mean the same in Python's re and in ECMA-262 with the u flag (as Ajv
# compiles patterns): the syntax characters, control escapes, \xHH and \uHHHH.
_PORTABLE_ESCAPES = frozenset("^$\\.*+?()[]{}|/nrtfv")
_QUANTIFIER = re.compile(r"\{[0-9]+(,[0-9]*)?\}")


@functools.cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a declared ``pattern`` so Python matches exactly what JSON Schema
    validators in other languages match.

    Patterns are JSON Schema (ECMA-262) regular expressions, searched, not fully
    matched. Only the subset that means the same in Python and ECMA-262 is allowed:
    no ``\\d``/``\\w``/``\\s``/``\\b`` (Unicode-aware in Python, ASCII in ECMA-262),
    no unescaped ``.``, no inline flags or named groups, ``{`` only in quantifiers.
    ``$`` is compiled as Python's ``\\Z``: ECMA-262's ``$`` does not match before a
    trailing newline, Python's does. Raises ``ValueError`` for anything else.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escaped = pattern[i + 1 : i + 2]
            hex_digits = {"x": 2, "u": 4}.get(escaped, 0)
            code = pattern[i + 2 : i + 2 + hex_digits]
            if hex_digits and len(code) == hex_digits and all(c in string.hexdigits for c in code):
                out.append(pattern[i : i + 2 + hex_digits])
                i += 2 + hex_digits
                continue
            if escaped not in _PORTABLE_ESCAPES and not (in_class and escaped == "-"):
                raise ValueError(f"pattern {pattern!r}: escape \\{escaped} is not portable")
            out.append(char + escaped)
            i += 2
            continue
        if in_class:
            if char == "[":
                raise ValueError(f"pattern {pattern!r}: escape [ inside a character class")
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "." or pattern.startswith(("(?<", "(?P", "(?#", "(?i", "(?m", "(?s"), i):
            raise ValueError(f"pattern {pattern!r}: {pattern[i : i + 3]!r} is not portable")
        elif char == "{" and not _QUANTIFIER.match(pattern, i):
            raise ValueError(f"pattern {pattern!r}: escape {{ when it is not a quantifier")
        elif char == "$":
            char = r"\Z"
        out.append(char)
        i += 1
    if in_class:
        raise ValueError(f"pattern {pattern!r}: unterminated character class")
    return re.compile("".join(out))


def constraints_of(attribute: attrs.Attribute[Any]) -> Constraints:
    """The constraints declared for one attrs attribute."""
    meta: Constraints = attribute.metadata[META_KEY]
    return meta


def tag_field(value: str, *, description: str) -> Any:
    """The ``type`` tag of a union member: a constant, always written, first."""
    attribute = field(default=value, description=description)
    attribute.metadata[TAG_KEY] = True
    return attribute


def is_tag(attribute: attrs.Attribute[Any]) -> bool:
    """Whether an attribute is a union member's ``type`` tag."""
    return bool(attribute.metadata.get(TAG_KEY))


# Field annotations are strings (postponed evaluation) when the transformer runs.
_FLOAT_ANNOTATIONS: frozenset[object] = frozenset({"float", "float | None", float})
_DATETIME_ANNOTATIONS: frozenset[object] = frozenset({"datetime", "datetime | None", datetime})


def _int_to_float(value: Any) -> Any:
    """``4`` given for a float field is stored as ``4.0``, as JSON will read it."""
    return float(value) if type(value) is int else value


def _fixed_offset(value: Any) -> Any:
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
        return _int_to_float
    if annotation in _DATETIME_ANNOTATIONS:
        return _fixed_offset
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


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make ``cls`` a record: a frozen, slotted, keyword-only attrs class."""
    return attrs.frozen(kw_only=True, field_transformer=_transform_fields)(cls)


class DocEnum(str, Enum):
    """A string enum whose members carry a one-line description.

    Members are declared as ``NAME = "wire_value", "What it means."``; the value is
    what goes on the wire, the description goes into the schema and the docs.
    """

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


def rule(text: str) -> Callable[[Callable[[Any], Iterator[Problem]]], Any]:
    """Mark a method as a cross-field rule; ``text`` documents it for partners.

    The method yields :class:`Problem` objects with paths relative to the record
    (``$.low``); it runs after every field is known to have the right type.
    """

    def mark(fn: Callable[[Any], Iterator[Problem]]) -> Any:
        fn.__incidentkit_rule__ = text  # type: ignore[attr-defined]
        return fn

    return mark


def rules_of(cls: type) -> list[str]:
    """The documented cross-field rules of a record class, base classes first."""
    return [getattr(fn, "__incidentkit_rule__") for fn in _rule_methods(cls)]  # noqa: B009


def _rule_methods(cls: type) -> list[Callable[[Any], Iterator[Problem]]]:
    seen: dict[str, Callable[[Any], Iterator[Problem]]] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if hasattr(value, "__incidentkit_rule__"):
                seen[name] = value
    return list(seen.values())


class Model:
    """Base of every record: checks fields and rules when an instance is built.

    All problems of the instance are collected and raised together as one
    :class:`~incidentkit.ValidationError` with paths relative to the instance.
    """

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        checker = _CHECKERS.get(cls)
        if checker is None:
            checker = _CHECKERS[cls] = _compile_checker(cls)
            if _may_install(cls):  # later instances go straight to the compiled check
                cls.__attrs_post_init__ = _compile_checker(cls, raising=True)  # type: ignore[method-assign]
        problems = checker(self)
        if problems:
            raise ValidationError(problems)


_CHECKERS: dict[type, Callable[[Any], Sequence[Problem]]] = {}
_INSTALLED = "__incidentkit_installed__"


def _reset_checkers() -> None:
    """Forget every compiled check, so the next instance of each class compiles its
    check anew (for tests that change what a check contains)."""
    _CHECKERS.clear()
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


def json_type_name(value: object) -> str:
    """The JSON name of a Python value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _detailed_checker(cls: type) -> Callable[[Any], list[Problem]]:
    """Every problem of an instance, with its message and path: the field checks
    (each derived from the field's type and constraints), then the rules."""
    hints = typing.get_type_hints(cls)
    field_checks: list[tuple[str, Check]] = []
    for attribute in attrs.fields(cls):
        check = _value_check(hints[attribute.name], constraints_of(attribute))
        field_checks.append((attribute.name, check))
    rules = _rule_methods(cls)

    def checker(obj: Any) -> list[Problem]:
        problems: list[Problem] = []
        for name, check in field_checks:
            problems.extend(check(getattr(obj, name), join_path("$", name)))
        if not problems:  # rules may assume well-typed fields
            for method in rules:
                problems.extend(method(obj))
        return problems

    return checker


# ---------------------------------------------------------------- compiled checkers
#
# The detailed checker says what is wrong and where; on valid input, which is nearly
# all input, it only has to find nothing, and its generators and paths cost more than
# the tests themselves. So each class also gets a checker compiled to Python source,
# as attrs does for ``__init__``: straight-line tests of the same conditions, derived
# from the same types and constraints, that hand over to the detailed checker at the
# first failing test. A constraint the compiler does not know is tested by running
# its detailed check, so the compiled tests can never be laxer than the detailed ones.

#: Constraints that are documentation only, and those the compiler writes inline.
_DOC_ONLY = frozenset({"description", "format", "examples"})
_INLINED = frozenset(
    {"ge", "le", "gt", "lt", "min_length", "max_length", "pattern", "choices", "min_items",
     "max_items", "unique"}
)  # fmt: skip


class _Source:
    """The lines of a compiled checker and the objects its code refers to."""

    def __init__(self, prefix: str = "_c") -> None:
        self.prefix = prefix
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {
            "_isfinite": math.isfinite,
            "_datetime": datetime,
            "_surrogate": _SURROGATE.search,
            "_plain_json": _is_plain_json,
            "_passes": _passes,
            "_raise": _raise,
        }

    def ref(self, value: Any) -> str:
        """A name for ``value`` in the generated code."""
        name = f"{self.prefix}{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def field_tests(
    attribute: attrs.Attribute[Any], tp: Any, var: str, fail: str, prefix: str, proven: bool
) -> tuple[list[str], dict[str, Any]]:
    """The compiled checker's tests of one field, on the value in ``var``, running
    ``fail`` when it does not pass: lines of source (at depth 1) and the names they
    use (each starting with ``prefix``, or with ``_`` for the shared helpers).
    ``proven``: see :func:`_emit_test`."""
    src = _Source(prefix)
    _emit_test(src, tp, constraints_of(attribute), var, 1, fail, proven)
    return src.lines, src.namespace


def passes(attribute: attrs.Attribute[Any], tp: Any, value: Any) -> bool:
    """Whether ``value`` passes the checks of the field."""
    return _passes(_value_check(tp, constraints_of(attribute)), value)


def rule_methods(cls: type) -> list[Callable[[Any], Iterator[Problem]]]:
    """The cross-field rules of ``cls`` (methods marked with :func:`rule`)."""
    return _rule_methods(cls)


def checked_by_model_only(cls: type) -> bool:
    """Whether building an instance of ``cls`` checks nothing but what
    :class:`Model` checks: its fields' tests, then its rules."""
    return issubclass(cls, Model) and _may_install(cls)


def _compile_checker(cls: type, *, raising: bool = False) -> Any:
    """The checker of ``cls``: compiled field tests, then the rules; the detailed
    checker's problems when a test fails. It returns the problems, or with
    ``raising`` it is the ``__attrs_post_init__`` of ``cls`` and raises them (for
    an instance of a subclass it does what :class:`Model` does)."""
    hints = typing.get_type_hints(cls)
    src = _Source()
    detailed = src.ref(_detailed_checker(cls))
    if raising:
        generic = src.ref(Model.__attrs_post_init__)
        src.emit(1, f"if type(obj) is not {src.ref(cls)}: return {generic}(obj)")
        fail = f"return _raise({detailed}(obj))"
    else:
        fail = f"return {detailed}(obj)"
    for attribute in attrs.fields(cls):
        src.emit(1, f"v = obj.{attribute.name}")
        _emit_test(src, hints[attribute.name], constraints_of(attribute), "v", 1, fail)
    rules = ", ".join(f"*{src.ref(method)}(obj)" for method in _rule_methods(cls))
    if raising:
        src.emit(1, f"_raise([{rules}])" if rules else "return None")
    else:
        src.emit(1, f"return [{rules}]" if rules else "return ()")
    name = f"{'post_init' if raising else 'check'}_{cls.__name__}"
    filename = f"<incidentkit {name} {cls.__module__}.{cls.__qualname__}>"
    text = "\n".join([f"def {name}(obj):", *src.lines, ""])
    exec(compile(text, filename, "exec"), src.namespace)  # our own generated source
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    checker = src.namespace[name]
    if raising:
        setattr(checker, _INSTALLED, True)
    return checker


def _raise(problems: Sequence[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


def _emit_test(
    src: _Source, tp: Any, meta: Constraints, var: str, depth: int, fail: str, proven: bool = False
) -> None:
    """Statements that run ``fail`` unless ``var`` passes the field's checks.
    ``proven``: the value is known to be None or to pass the type test of a class
    type (a record, union, enum or aware datetime), or a tuple of such values, so
    those type tests can be left out."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    declared = {a.name for a in attrs.fields(Constraints)} - _DOC_ONLY
    if not declared <= _INLINED:  # a constraint added since: test it the detailed way
        check = src.ref(_value_check(tp, meta))
        src.emit(depth, f"if not _passes({check}, {var}): {fail}")
    elif origin in (Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        src.emit(depth, f"if {var} is not None:")
        inner = rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007
        _emit_test(src, inner, meta, var, depth + 1, fail, proven)
        if src.lines[-1].endswith(f"if {var} is not None:"):  # nothing left to test
            src.lines.pop()
    elif origin is tuple:
        if not proven:
            src.emit(depth, f"if not isinstance({var}, tuple): {fail}")
        if meta.min_items is not None:
            src.emit(depth, f"if len({var}) < {meta.min_items!r}: {fail}")
        if meta.max_items is not None:
            src.emit(depth, f"if len({var}) > {meta.max_items!r}: {fail}")
        item = _scalar_test(src, args[0], meta, "x", proven)
        if item != "True":
            src.emit(depth, f"for x in {var}:")
            src.emit(depth + 1, f"if not ({item}): {fail}")
        if meta.unique:
            src.emit(depth, f"if len(set({var})) != len({var}): {fail}")
    elif origin is dict:
        key = _scalar_test(src, str, meta, "k")
        src.emit(depth, f"if not isinstance({var}, dict): {fail}")
        src.emit(depth, f"for k, x in {var}.items():")
        src.emit(depth + 1, f"if not ({key} and _plain_json(x, 0)): {fail}")
    elif origin in (None, Literal, Union, types.UnionType):
        test = _scalar_test(src, tp, meta, var, proven)
        if test != "True":
            src.emit(depth, f"if not ({test}): {fail}")
    else:  # a kind of type added since: test it the detailed way
        src.emit(depth, f"if not _passes({src.ref(_value_check(tp, meta))}, {var}): {fail}")


def _scalar_test(src: _Source, tp: Any, meta: Constraints, var: str, proven: bool = False) -> str:
    """An expression true exactly when the scalar check of ``tp`` finds nothing
    (for a ``proven`` value of a class type, just its constraints)."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        return f"{var} in {src.ref(typing.get_args(tp))}"
    if origin in (Union, types.UnionType):
        return "True" if proven else f"isinstance({var}, {src.ref(typing.get_args(tp))})"
    if tp is bool:
        test = f"isinstance({var}, bool)"
    elif tp is int:
        test = f"(type({var}) is int or (isinstance({var}, int) and not isinstance({var}, bool)))"
    elif tp is float:
        number = f"isinstance({var}, (int, float)) and not isinstance({var}, bool)"
        test = f"(type({var}) is float or ({number})) and _isfinite({var})"
    elif tp is str:
        test = f"isinstance({var}, str) and ({var}.isascii() or not _surrogate({var}))"
    elif tp is datetime:
        aware = f"isinstance({var}, _datetime) and {var}.utcoffset() is not None"
        test = "True" if proven else aware
    elif isinstance(tp, type) and issubclass(tp, (Model, Enum)):
        test = "True" if proven else f"isinstance({var}, {src.ref(tp)})"
    else:  # a type added since (or a declaration error): test it the detailed way
        return f"_passes({src.ref(_scalar_check(tp, meta))}, {var})"
    constraints = _constraint_tests(src, meta, var)
    if len(constraints) != len(_constraint_checks(meta)):
        raise AssertionError(f"constraints of {tp!r} not all compiled")  # pragma: no cover
    tests = constraints if proven and constraints else [test, *constraints]
    return " and ".join(tests)


def _constraint_tests(src: _Source, meta: Constraints, var: str) -> list[str]:
    """The value constraints as expressions, as in :func:`_constraint_checks`."""
    tests = []
    for bound, op in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
        limit = getattr(meta, bound)
        if limit is not None:
            literal = repr(limit) if type(limit) in (int, float) and math.isfinite(limit) else None
            tests.append(f"{var} {op} {literal or src.ref(limit)}")
    if meta.min_length is not None:
        tests.append(f"len({var}) >= {meta.min_length!r}")
    if meta.max_length is not None:
        tests.append(f"len({var}) <= {meta.max_length!r}")
    if meta.pattern is not None:
        tests.append(f"{src.ref(compile_pattern(meta.pattern).search)}({var}) is not None")
    if meta.choices is not None:
        tests.append(f"{var} in {src.ref(frozenset(meta.choices))}")
    return tests


def _passes(check: Check, value: Any) -> bool:
    return next(iter(check(value, "$")), None) is None


def _value_check(tp: Any, meta: Constraints) -> Check:
    """Build the check for one field from its type and constraints."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        inner = _value_check(rest[0] if len(rest) == 1 else Union[tuple(rest)], meta)  # noqa: UP007

        def optional(value: Any, path: str) -> Iterator[Problem]:
            if value is not None:
                yield from inner(value, path)

        return optional
    if origin is tuple:
        return _tuple_check(args[0], meta)
    if origin is dict:
        return _json_object_check(meta)
    return _scalar_check(tp, meta)


def _tuple_check(item_type: Any, meta: Constraints) -> Check:
    item_check = _scalar_check(item_type, meta)

    def check(value: Any, path: str) -> Iterator[Problem]:
        if not isinstance(value, tuple):
            yield Problem(path, f"expected a tuple, got {json_type_name(value)}")
            return
        if meta.min_items is not None and len(value) < meta.min_items:
            yield Problem(path, f"needs at least {meta.min_items} item(s)")
        if meta.max_items is not None and len(value) > meta.max_items:
            yield Problem(path, f"has {len(value)} items; at most {meta.max_items}")
        for index, item in enumerate(value):
            yield from item_check(item, join_path(path, index))
        if meta.unique and len(set(value)) != len(value):
            yield Problem(path, "items must be unique")

    return check


def _scalar_check(tp: Any, meta: Constraints) -> Check:
    """Type test plus value constraints for a non-container type."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        allowed = typing.get_args(tp)

        def literal(value: Any, path: str) -> Iterator[Problem]:
            if value not in allowed:
                yield Problem(path, f"must be {allowed[0]!r}")

        return literal
    if origin in (Union, types.UnionType):
        classes = typing.get_args(tp)
        names = ", ".join(c.__name__ for c in classes)

        def union(value: Any, path: str) -> Iterator[Problem]:
            if not isinstance(value, classes):
                yield Problem(path, f"expected one of {names}")

        return union
    value_checks = _constraint_checks(meta)
    if tp is str:
        value_checks.insert(0, _no_surrogates)
    if tp is bool:
        type_ok: Callable[[Any], bool] = lambda v: isinstance(v, bool)  # noqa: E731
        expected = "boolean"
    elif tp is int:
        type_ok = lambda v: isinstance(v, int) and not isinstance(v, bool)  # noqa: E731
        expected = "integer"
    elif tp is float:
        type_ok = lambda v: (  # noqa: E731
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        )
        expected = "finite number"
    elif tp is str:
        type_ok = lambda v: isinstance(v, str)  # noqa: E731
        expected = "string"
    elif tp is datetime:
        type_ok = lambda v: isinstance(v, datetime) and v.utcoffset() is not None  # noqa: E731
        expected = "timezone-aware datetime (naive datetimes are ambiguous)"
    elif isinstance(tp, type):
        cls = tp
        type_ok = lambda v: isinstance(v, cls)  # noqa: E731
        expected = cls.__name__
    else:  # pragma: no cover - a declaration error, caught by the tests
        raise TypeError(f"unsupported field type {tp!r}")

    def check(value: Any, path: str) -> Iterator[Problem]:
        if not type_ok(value):
            yield Problem(path, f"expected {expected}, got {_describe(value)}")
            return
        for value_check in value_checks:
            message = value_check(value)
            if message is not None:
                yield Problem(path, message)

    return check


def _describe(value: object) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, datetime):
        return "naive datetime"
    return json_type_name(value)


def _constraint_checks(meta: Constraints) -> list[Callable[[Any], str | None]]:
    """Value checks derived from the declared constraints (type already checked)."""
    checks: list[Callable[[Any], str | None]] = []
    if meta.ge is not None:
        ge = meta.ge
        checks.append(lambda v: None if v >= ge else f"must be >= {_num(ge)}, got {_show(v)}")
    if meta.gt is not None:
        gt = meta.gt
        checks.append(lambda v: None if v > gt else f"must be > {_num(gt)}, got {_show(v)}")
    if meta.le is not None:
        le = meta.le
        checks.append(lambda v: None if v <= le else f"must be <= {_num(le)}, got {_show(v)}")
    if meta.lt is not None:
        lt = meta.lt
        checks.append(lambda v: None if v < lt else f"must be < {_num(lt)}, got {_show(v)}")
    # Lengths come before the pattern, and the pattern never runs on a value over
    # its maximum length (already reported): a regular expression over a 30 MB
    # string costs seconds and memory for nothing.
    hi = meta.max_length
    if meta.min_length is not None:
        lo = meta.min_length
        checks.append(lambda v: None if len(v) >= lo else f"must have at least {lo} character(s)")
    if hi is not None:
        checks.append(
            lambda v: None if len(v) <= hi else f"is {len(v)} characters long; at most {hi}"
        )
    if meta.pattern is not None:
        regex = compile_pattern(meta.pattern)
        pattern = meta.pattern if len(meta.pattern) <= 80 else "the field's pattern"

        def matches(v: str) -> str | None:
            if (hi is not None and len(v) > hi) or regex.search(v):
                return None
            return f"{_short(v)} does not match {pattern}"

        checks.append(matches)
    if meta.choices is not None:
        allowed = frozenset(meta.choices)
        checks.append(lambda v: None if v in allowed else f"{_short(v)} is not a known value")
    return checks


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str | None:
    """Lone surrogates cannot be written as UTF-8 JSON."""
    return "contains a lone surrogate code point" if _SURROGATE.search(text) else None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _show(value: Any) -> str:
    """``repr(value)`` for a number in a message, with a huge integer named by its
    size (its digits could be megabytes, and ``int`` refuses to print more than
    4300 of them)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an integer of {value.bit_length()} bits"
    return repr(value)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _json_object_check(meta: Constraints) -> Check:
    """``extensions``: an object of namespaced keys whose values are plain JSON."""
    key_checks = _constraint_checks(meta)

    def check(value: Any, path: str) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield Problem(path, f"expected an object, got {json_type_name(value)}")
            return
        for key, item in value.items():
            if not isinstance(key, str) or _no_surrogates(key):
                yield Problem(path, "keys must be strings of valid Unicode")
                continue
            for key_check in key_checks:
                message = key_check(key)
                if message is not None:
                    yield Problem(join_path(path, key), f"key {message}")
            yield from json_value_problems(item, join_path(path, key))

    return check


def json_value_problems(value: Any, path: str, depth: int = 0) -> Iterator[Problem]:
    """Problems that keep ``value`` from being plain, portable JSON."""
    if depth > MAX_JSON_DEPTH:
        yield Problem(path, f"nested more than {MAX_JSON_DEPTH} levels deep")
        return
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        message = _no_surrogates(value)
        if message is not None:
            yield Problem(path, message)
        return
    if isinstance(value, int):
        if not JSON_INT_RANGE[0] <= value <= JSON_INT_RANGE[1]:
            yield Problem(path, "integer outside the 64-bit range JSON readers accept")
    elif isinstance(value, float):
        if not math.isfinite(value):
            yield Problem(path, f"{value!r} is not valid JSON")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_value_problems(item, join_path(path, index), depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or _no_surrogates(key):
                yield Problem(path, "keys must be strings of valid Unicode")
            else:
                yield from json_value_problems(item, join_path(path, key), depth + 1)
    else:
        yield Problem(path, f"{type(value).__name__} is not a JSON value")


def _is_plain_json(value: Any, depth: int) -> bool:
    """Whether :func:`json_value_problems` finds nothing, without building paths."""
    if depth > MAX_JSON_DEPTH:
        return False
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, str):
        return value.isascii() or not _SURROGATE.search(value)
    if isinstance(value, int):
        return JSON_INT_RANGE[0] <= value <= JSON_INT_RANGE[1]
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_is_plain_json(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(key, str)
            and (key.isascii() or not _SURROGATE.search(key))
            and _is_plain_json(item, depth + 1)
            for key, item in value.items()
        )
    return False
