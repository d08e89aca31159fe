"""The checks of a record's fields, derived from the type tree, in two forms.

The detailed checker says what is wrong and where. The compiled checker (Python
source generated per class, as attrs does for ``__init__``) runs the same tests
straight-line and hands over to the detailed checker at the first failure.
"""

from __future__ import annotations

import linecache
import math
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from . import _model
from ._coerce import coerce, converts
from ._constraints import (
    JSON_INT_RANGE,
    MAX_JSON_DEPTH,
    Constraints,
    compile_pattern,
    pattern_test,
)
from ._typetree import (
    ConstNode,
    EnumNode,
    FieldInfo,
    JsonNode,
    Node,
    OptionalNode,
    RecordNode,
    ScalarNode,
    TupleNode,
    UnionNode,
    record_info,
)
from ._values import field_names
from .errors import Problem, ValidationError, join_path

__all__ = [
    "Check",
    "compile_checker",
    "detailed_checker",
    "field_tests",
    "json_type_name",
    "json_value_problems",
    "passes",
    "value_check",
]

Check = Callable[[Any, str], Iterator[Problem]]


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


def detailed_checker(cls: type) -> Callable[[Any], list[Problem]]:
    """Every problem of an instance, with its message and path: the field checks
    (each derived from the field's type and constraints), then the rules."""
    field_checks = [(info.name, value_check(info.node)) for info in record_info(cls).fields]
    rules = _model.rule_methods(cls)

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

#: Constraints that field tests do not test (documentation, and ``refers_to``, which
#: the record's reference rules check), and those the compiler writes inline.
_DOC_ONLY = frozenset({"description", "format", "examples", "refers_to"})
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
    info: FieldInfo, var: str, fail: str, prefix: str, proven: bool
) -> tuple[list[str], dict[str, Any]]:
    """The compiled checker's tests of one field, on the value in ``var``, running
    ``fail`` when it does not pass: lines of source (at depth 1) and the names they
    use (each starting with ``prefix``, or with ``_`` for the shared helpers).
    ``proven``: see :func:`_emit_test`."""
    src = _Source(prefix)
    _emit_test(src, info.node, var, 1, fail, proven)
    return src.lines, src.namespace


def passes(info: FieldInfo, value: Any) -> bool:
    """Whether ``value`` passes the checks of the field."""
    return _passes(value_check(info.node), value)


def compile_checker(cls: type, *, raising: bool = False, generic: Any = None) -> Any:
    """The checker of ``cls``: compiled field tests, then the rules; the detailed
    checker's problems when a test fails. It returns the problems, or with
    ``raising`` it is the ``__attrs_post_init__`` of ``cls`` and raises them (for
    an instance of a subclass it does what :class:`Model` does).

    Where a test fails on a value that a constructor accepts but the record does not
    hold (a list for a tuple, an enum member's value), the value is converted in
    place (:func:`~incidentkit._coerce.coerce`) and the checker runs again: building
    from tuples and members costs nothing for it."""
    src = _Source()
    detailed = src.ref(detailed_checker(cls))
    name = f"{'post_init' if raising else 'check'}_{cls.__name__}"
    if raising:
        src.emit(1, f"if type(obj) is not {src.ref(cls)}: return {src.ref(generic)}(obj)")
        fail = f"_raise({detailed}(obj))"
    else:
        fail = f"{detailed}(obj)"
    if converts(cls):  # a value a constructor accepts and converts: convert, check again
        fail = f"return {name}(obj) if {src.ref(coerce)}(obj) else {fail}"
    else:
        fail = f"return {fail}"
    for info in record_info(cls).fields:
        src.emit(1, f"v = obj.{info.name}")
        _emit_test(src, info.node, "v", 1, fail)
    rules = ", ".join(f"*{src.ref(method)}(obj)" for method in _model.rule_methods(cls))
    maybe = _model.rules_expression(cls, src.ref, "obj")
    if maybe is not None:  # the rules' fused test first; the rules where it fails
        src.emit(1, f"if not {maybe}: return {'None' if raising else '()'}")
    if raising:
        src.emit(1, f"_raise([{rules}])" if rules else "return None")
    else:
        src.emit(1, f"return [{rules}]" if rules else "return ()")
    filename = f"<incidentkit {name} {cls.__module__}.{cls.__qualname__}>"
    text = "\n".join([f"def {name}(obj):", *src.lines, ""])
    exec(compile(text, filename, "exec"), src.namespace)  # our own generated source
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    return src.namespace[name]


def _raise(problems: Sequence[Problem]) -> None:
    if problems:
        raise ValidationError(problems)


def _emit_test(
    src: _Source, node: Node, var: str, depth: int, fail: str, proven: bool = False
) -> None:
    """Statements that run ``fail`` unless ``var`` passes the node's checks.
    ``proven``: the value is known to be None or to pass the type test of a class
    type (a record, union, enum or aware datetime), or a tuple of such values, so
    those type tests can be left out."""
    declared = set(field_names(Constraints)) - _DOC_ONLY
    if not declared <= _INLINED:  # a constraint added since: test it the detailed way
        check = src.ref(value_check(node))
        src.emit(depth, f"if not _passes({check}, {var}): {fail}")
    elif isinstance(node, OptionalNode):
        src.emit(depth, f"if {var} is not None:")
        _emit_test(src, node.inner, var, depth + 1, fail, proven)
        if src.lines[-1].endswith(f"if {var} is not None:"):  # nothing left to test
            src.lines.pop()
    elif isinstance(node, TupleNode):
        if not proven:
            src.emit(depth, f"if not isinstance({var}, tuple): {fail}")
        if node.min_items is not None:
            src.emit(depth, f"if len({var}) < {node.min_items!r}: {fail}")
        if node.max_items is not None:
            src.emit(depth, f"if len({var}) > {node.max_items!r}: {fail}")
        item = _scalar_test(src, node.item, "x", proven)
        if item != "True":
            src.emit(depth, f"for x in {var}:")
            src.emit(depth + 1, f"if not ({item}): {fail}")
        if node.unique:
            src.emit(depth, f"if len(set({var})) != len({var}): {fail}")
    elif isinstance(node, JsonNode):
        key = _scalar_test(src, ScalarNode(str, node.keys), "k")
        src.emit(depth, f"if not isinstance({var}, dict): {fail}")
        src.emit(depth, f"for k, x in {var}.items():")
        src.emit(depth + 1, f"if not ({key} and _plain_json(x, 0)): {fail}")
    else:
        test = _scalar_test(src, node, var, proven)
        if test != "True":
            src.emit(depth, f"if not ({test}): {fail}")


def _scalar_test(src: _Source, node: Node, var: str, proven: bool = False) -> str:
    """An expression true exactly when the scalar check of ``node`` finds nothing
    (for a ``proven`` value of a class type, just its constraints)."""
    if isinstance(node, ConstNode):
        return f"{var} == {node.value!r}"
    if isinstance(node, UnionNode):
        return "True" if proven else f"isinstance({var}, {src.ref(node.members)})"
    if isinstance(node, (RecordNode, EnumNode)):
        return "True" if proven else f"isinstance({var}, {src.ref(node.cls)})"
    if not isinstance(node, ScalarNode):  # a kind of node added since: the detailed way
        return f"_passes({src.ref(value_check(node))}, {var})"
    tp, meta = node.type, node.constraints
    if tp is bool:
        test = f"isinstance({var}, bool)"
    elif tp is int:
        test = f"(type({var}) is int or (isinstance({var}, int) and not isinstance({var}, bool)))"
    elif tp is float:
        number = f"isinstance({var}, (int, float)) and not isinstance({var}, bool)"
        test = f"(type({var}) is float or ({number})) and _isfinite({var})"
    elif tp is str:
        test = f"isinstance({var}, str) and ({var}.isascii() or not _surrogate({var}))"
    else:  # datetime
        aware = f"isinstance({var}, _datetime) and {var}.utcoffset() is not None"
        test = "True" if proven else aware
    constraints, compiled = _constraint_tests(src, meta, var)
    if compiled != len(_constraint_checks(meta)):
        raise AssertionError(f"constraints of {tp!r} not all compiled")  # pragma: no cover
    tests = constraints if proven and constraints else [test, *constraints]
    return " and ".join(tests)


def _constraint_tests(src: _Source, meta: Constraints, var: str) -> tuple[list[str], int]:
    """The value constraints as expressions, as in :func:`_constraint_checks` (one
    test each; a lower and an upper bound as one chained comparison), and how many
    constraints they test."""
    tests = []
    compiled = 0
    lower: list[str] = []
    upper: list[str] = []
    for bound, op, side in (("ge", "<=", lower), ("gt", "<", lower)):
        limit = getattr(meta, bound)
        if limit is not None:
            side.append(f"{_literal(src, limit)} {op} ")
            compiled += 1
    for bound, op, side in (("le", "<=", upper), ("lt", "<", upper)):
        limit = getattr(meta, bound)
        if limit is not None:
            side.append(f" {op} {_literal(src, limit)}")
            compiled += 1
    for low in lower[1:]:  # both ge and gt: a test of its own
        tests.append(f"{low}{var}")
    for high in upper[1:]:
        tests.append(f"{var}{high}")
    if lower or upper:
        tests.insert(0, f"{''.join(lower[:1])}{var}{''.join(upper[:1])}")
    if meta.min_length is not None or meta.max_length is not None:
        low = f"{meta.min_length!r} <= " if meta.min_length is not None else ""
        high = f" <= {meta.max_length!r}" if meta.max_length is not None else ""
        tests.append(f"{low}len({var}){high}")
        compiled += (meta.min_length is not None) + (meta.max_length is not None)
    if meta.pattern is not None:
        tests.append(f"{src.ref(pattern_test(meta.pattern))}({var}) is not None")
        compiled += 1
    if meta.choices is not None:
        tests.append(f"{var} in {src.ref(frozenset(meta.choices))}")
        compiled += 1
    return tests, compiled


def _literal(src: _Source, limit: Any) -> str:
    """A bound as it appears in the generated code: a literal where one reads back
    as the same number, else a name for it."""
    if type(limit) in (int, float) and math.isfinite(limit):
        return repr(limit)
    return src.ref(limit)


def _passes(check: Check, value: Any) -> bool:
    return next(iter(check(value, "$")), None) is None


def value_check(node: Node) -> Check:
    """The detailed check of a value of ``node``: every problem, with its path."""
    if isinstance(node, OptionalNode):
        inner = value_check(node.inner)

        def optional(value: Any, path: str) -> Iterator[Problem]:
            if value is not None:
                yield from inner(value, path)

        return optional
    if isinstance(node, TupleNode):
        return _tuple_check(node)
    if isinstance(node, JsonNode):
        return _json_object_check(node.keys)
    return _scalar_check(node)


def _tuple_check(node: TupleNode) -> Check:
    item_check = _scalar_check(node.item)

    def check(value: Any, path: str) -> Iterator[Problem]:
        if not isinstance(value, tuple):
            yield Problem(path, f"expected a list or tuple, got {json_type_name(value)}")
            return
        if node.min_items is not None and len(value) < node.min_items:
            yield Problem(path, f"needs at least {node.min_items} item(s)")
        if node.max_items is not None and len(value) > node.max_items:
            yield Problem(path, f"has {len(value)} items; at most {node.max_items}")
        for index, item in enumerate(value):
            yield from item_check(item, join_path(path, index))
        if node.unique and len(set(value)) != len(value):
            yield Problem(path, "items must be unique")

    return check


_EXPECTED = {
    bool: "boolean",
    int: "integer",
    float: "finite number",
    str: "string",
    datetime: "timezone-aware datetime (naive datetimes are ambiguous)",
}
_TYPE_OK: dict[type, Callable[[Any], bool]] = {
    bool: lambda v: isinstance(v, bool),
    int: lambda v: isinstance(v, int) and not isinstance(v, bool),
    float: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
    str: lambda v: isinstance(v, str),
    datetime: lambda v: isinstance(v, datetime) and v.utcoffset() is not None,
}


def _scalar_check(node: Node) -> Check:
    """Type test plus value constraints for a node that is not a container."""
    if isinstance(node, ConstNode):
        constant = node.value

        def literal(value: Any, path: str) -> Iterator[Problem]:
            if value != constant:
                yield Problem(path, f"must be {constant!r}")

        return literal
    if isinstance(node, UnionNode):
        classes = node.members
        names = ", ".join(c.__name__ for c in classes)

        def union(value: Any, path: str) -> Iterator[Problem]:
            if not isinstance(value, classes):
                yield Problem(path, f"expected one of {names}")

        return union
    value_checks: list[Callable[[Any], str | None]] = []
    if isinstance(node, ScalarNode):
        value_checks = _constraint_checks(node.constraints)
        if node.type is str:
            value_checks.insert(0, _no_surrogates)
        type_ok, expected = _TYPE_OK[node.type], _EXPECTED[node.type]
    elif isinstance(node, EnumNode):
        members = node.cls

        def member(value: Any, path: str) -> Iterator[Problem]:
            if not isinstance(value, members):
                yield Problem(path, not_a_member(members, value))

        return member
    elif isinstance(node, RecordNode):
        cls = node.cls
        type_ok = lambda v: isinstance(v, cls)  # noqa: E731
        expected = cls.__name__
    else:  # pragma: no cover - a declaration error, caught by the tests
        raise TypeError(f"no check for a {type(node).__name__} here")

    def check(value: Any, path: str) -> Iterator[Problem]:
        if not type_ok(value):
            yield Problem(path, f"expected {expected}, got {_describe(value)}")
            return
        for value_check in value_checks:
            message = value_check(value)
            if message is not None:
                yield Problem(path, message)

    return check


def not_a_member(cls: type[Enum], value: Any) -> str:
    """What is wrong with ``value`` for a field of enum ``cls``: the same words
    whether it came from JSON (``from_dict``) or from a constructor."""
    if isinstance(value, Enum):
        return f"expected {cls.__name__}, got {type(value).__name__}.{value.name}"
    allowed = [m.value for m in cls]
    listed = ", ".join(repr(v) for v in allowed[:12]) + (", ..." if len(allowed) > 12 else "")
    shown = repr(value)[:40] if isinstance(value, str) else json_type_name(value)
    return f"{shown} is not one of: {listed}"


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
    if meta.min_length is not None:
        lo = meta.min_length
        checks.append(lambda v: None if len(v) >= lo else f"must have at least {lo} character(s)")
    if meta.max_length is not None:
        hi = meta.max_length
        checks.append(
            lambda v: None if len(v) <= hi else f"is {len(v)} characters long; at most {hi}"
        )
    if meta.pattern is not None:
        regex = compile_pattern(meta.pattern)
        pattern = meta.pattern if len(meta.pattern) <= 80 else "the field's pattern"
        longest = meta.max_length
        checks.append(  # never run on an over-long value: that is reported already
            lambda v: (
                None
                if (longest is not None and len(v) > longest) or regex.search(v)
                else f"{_short(v)} does not match {pattern}"
            )
        )
    if meta.choices is not None:
        allowed = frozenset(meta.choices)
        checks.append(lambda v: None if v in allowed else f"{_short(v)} is not a known value")
    return checks


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str | None:
    """Lone surrogates cannot be written as UTF-8 JSON."""
    if text.isascii():  # (the common case, and a fast one on a 30 MB value)
        return None
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
            if not _is_plain_json(item, 0):  # paths are built only where a problem is
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
    """Whether :func:`json_value_problems` finds nothing, without building paths:
    a loop over a stack rather than recursion, since a 64 MiB document may hold
    millions of values."""
    if depth > MAX_JSON_DEPTH:
        return False
    low, high = JSON_INT_RANGE
    stack = [(value, depth)]
    pop, push = stack.pop, stack.append
    while stack:
        item, level = pop()
        kind = type(item)
        if kind is str:
            if not (item.isascii() or not _SURROGATE.search(item)):
                return False
        elif kind is list:
            if item:
                if level >= MAX_JSON_DEPTH:
                    return False
                for inner in item:
                    push((inner, level + 1))
        elif kind is dict:
            if item:
                if level >= MAX_JSON_DEPTH:
                    return False
                for key, inner in item.items():
                    if type(key) is not str or not (key.isascii() or not _SURROGATE.search(key)):
                        return False
                    push((inner, level + 1))
        elif kind is int:
            if not low <= item <= high:
                return False
        elif kind is float:
            if not math.isfinite(item):
                return False
        elif item is not None and kind is not bool:
            # subclasses of the JSON types (and anything else): the detailed check
            return _is_plain_json_slow(item, level)
    return True


def _is_plain_json_slow(value: Any, depth: int) -> bool:
    return not any(True for _ in json_value_problems(value, "$", depth))
