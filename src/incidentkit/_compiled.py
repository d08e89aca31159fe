"""Dict <-> record functions compiled to Python source for each record class: the
fast paths of :mod:`incidentkit.codec`.

The codec's cattrs converter is the reference. It checks every value as it
structures and keeps the bookkeeping that turns each failure into a problem with a
path. Valid input, which is nearly all input, needs none of that bookkeeping. So
``from_dict`` first runs a function compiled here, which converts each value (wire
values to enum members, date-times, nested records, arrays to tuples), tests it as
the record's own checker would (the same compiled tests, from ``_fields``, less the
type tests the conversion has proven), sets the record's slots as attrs' ``__init__``
does and applies the record's rules. At the first thing it does not like it raises,
without saying what; the codec then asks the converter, which gives the detailed
errors (or, if the compiled function was stricter than it, the same record).

Both directions are derived from the converter: for each field type they take the
converter's own hook, write the hooks they know inline and call any other as it is.
``to_dict`` writes what cattrs' generated unstructure function writes, in the same
key order, without a hook call per field.
"""

from __future__ import annotations

import linecache
import types
import typing
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Union

import attrs

from ._fields import (
    DocEnum,
    Model,
    checked_by_model_only,
    field_tests,
    is_tag,
    passes,
    rule_methods,
    rules_expression,
    rules_hold,
)

if TYPE_CHECKING:  # cattrs is imported with the converter, on first use
    import cattrs

__all__ = ["Unstructured", "compile_structure", "compile_unstructure", "tagged_members"]

#: Hooks of the converter whose test the record's checks repeat: the compiled
#: function passes the value through to those checks.
RECHECKED = "rechecked"
#: ``float(value)`` for ints (what the float hook does); floats as they are.
TO_FLOAT = "to_float"
#: A :class:`DocEnum` member from its wire value (what the enum hook does).
ENUM_MEMBER = "enum_member"
#: A timezone-aware ``datetime`` (not a subclass), or an error.
AWARE_DATETIME = "aware_datetime"
#: Unstructure hooks: the member's wire value, a date-time's ``isoformat()``.
ENUM_VALUE = "enum_value"
ISOFORMAT = "isoformat"

Unstructured = dict[str, Any]
_FACTORY: type[Any] = type(attrs.Factory(list))


class _Invalid(Exception):
    """Raised by a compiled structure function; the converter says what is wrong."""


def _invalid() -> Any:
    raise _Invalid


class _Module:
    """Source and namespace of a set of compiled functions (they call each other)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.lines: list[str] = []
        self.trailer: list[str] = []  # tables that refer to functions defined above
        self.namespace: dict[str, Any] = {
            "_Invalid": _Invalid,
            "_invalid": _invalid,
            "_new": object.__new__,
        }
        self.functions: dict[Any, str] = {}
        self.locals = 0

    def ref(self, value: Any) -> str:
        """A name for ``value`` in the generated code (None, True and False as such)."""
        if value is None or type(value) is bool:
            return repr(value)
        name = f"_r{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def local(self) -> str:
        """A fresh local name (for ``:=`` in nested expressions)."""
        self.locals += 1
        return f"v{self.locals}"

    def build(self, root: Any) -> Any:
        text = "\n".join(self.lines + self.trailer) + "\n"
        filename = f"<incidentkit {self.kind} {getattr(root, '__qualname__', root)}>"
        exec(compile(text, filename, "exec"), self.namespace)  # our own generated source
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        return self.namespace[self.functions[root]]


def _optional_inner(tp: Any) -> Any | None:
    """``X`` for ``X | None``, else None."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007
    return None


def _tuple_item(tp: Any) -> Any | None:
    """``X`` for ``tuple[X, ...]``, else None."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model) and attrs.has(tp)


def tagged_members(tp: Any) -> tuple[str, dict[Any, type]] | None:
    """(tag key, {tag value: class}) for a union of records told apart by a tag."""
    if typing.get_origin(tp) not in (Union, types.UnionType):
        return None
    keys, members = set(), {}
    for cls in typing.get_args(tp):
        if not _is_model(cls):
            return None
        tags = [a for a in attrs.fields(cls) if is_tag(a)]
        if len(tags) != 1:
            return None
        keys.add(tags[0].name)
        members[tags[0].default] = cls
    return (keys.pop(), members) if len(keys) == 1 else None


# ---------------------------------------------------------------- dict -> record


def compile_structure(
    conv: cattrs.Converter, tp: Any, known: dict[Any, str]
) -> Callable[[Any], Any]:
    """A function building ``tp`` from plain data that raises on anything wrong
    without saying what; ``known`` says what the converter's hooks do."""
    module = _Module("structure")
    _Structure(conv, module, known).function(tp)
    built: Callable[[Any], Any] = module.build(tp)
    return built


class _Structure:
    def __init__(self, conv: cattrs.Converter, module: _Module, known: dict[Any, str]) -> None:
        self.conv = conv
        self.module = module
        self.known = known

    def function(self, tp: Any) -> str:
        """The name of the compiled function for a record class or tagged union."""
        name = self.module.functions.get(tp)
        if name is None:
            name = self.module.functions[tp] = f"structure_{len(self.module.functions)}"
            tagged = tagged_members(tp)
            if tagged is not None:
                self._union(name, *tagged)
            else:
                self._record(name, tp)
        return name

    def _record(self, name: str, cls: type) -> None:
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        keys = self.module.ref(frozenset(a.name for a in fields))
        body = [f"def {name}(o):", f"    if not (isinstance(o, dict) and {keys}.issuperset(o)):"]
        body.append("        raise _Invalid")
        arguments, setters = [], _setters(cls)
        for index, attribute in enumerate(fields):
            local, key, tp = f"f{index}", repr(attribute.name), hints[attribute.name]
            value = self.convert(tp, f"o[{key}]")
            arguments.append(f"{attribute.alias}={local}")
            # A union member's tag has a default for Python callers but is required
            # on the wire, as the converter's hook and the schema say.
            required = attribute.default is attrs.NOTHING or is_tag(attribute)
            default = None if required else self._default(attribute)
            if setters is None:
                otherwise = f" if {key} in o else {default}" if default else ""
                body.append(f"    {local} = {value}{otherwise}")
                continue
            # Convert and test the value as the record would; a default that passes
            # the tests is not tested again.
            given = [f"    {local} = {value}", *self._checked(attribute, tp, local, True)]
            if default is None:
                body += given
                continue
            absent = [f"    {local} = {default}"]
            if passes(attribute, tp, _made(attribute)):
                absent += self._checked(attribute, tp, local, None)
            else:
                absent += self._checked(attribute, tp, local, False)
            body += [f"    if {key} in o:", *_indent(given), "    else:", *_indent(absent)]
        if setters is None:
            body.append(f"    return {self.module.ref(cls)}({', '.join(arguments)})")
        else:  # build it as attrs' __init__ does, then apply the rules as Model does
            body.append(f"    obj = _new({self.module.ref(cls)})")
            body += [
                f"    {self.module.ref(setters[a.name])}(obj, f{i})" for i, a in enumerate(fields)
            ]
            rules = ", ".join(f"*{self.module.ref(method)}(obj)" for method in rule_methods(cls))
            maybe = rules_expression(cls, self.module.ref, "obj")
            if maybe is not None and rules_hold(cls) is not None:  # the fused test first
                body.append(f"    if {maybe} and [{rules}]: raise _Invalid")
            elif rules:
                body.append(f"    if [{rules}]: raise _Invalid")
            body.append("    return obj")
        self.module.lines.extend(body)

    def _checked(
        self, attribute: attrs.Attribute[Any], tp: Any, local: str, test: bool | None
    ) -> list[str]:
        """The field's converter applied to ``local``, then (unless ``test`` is None)
        its tests, leaving out the type tests converting has proven if ``test``."""
        lines = []
        if attribute.converter is not None:
            lines.append(f"    {local} = {self.module.ref(attribute.converter)}({local})")
        if test is not None:
            prefix = f"_t{len(self.module.namespace)}_"
            proven = test and self._proven(tp)
            tests, names = field_tests(attribute, tp, local, "raise _Invalid", prefix, proven)
            self.module.namespace.update(names)
            lines += tests
        return lines

    def _proven(self, tp: Any) -> bool:
        """Whether converting makes a value that passes the field's type test: a
        record (or a tagged union of them), an enum member, an aware datetime, a
        tuple of these, or None."""
        base = _optional_inner(tp) or tp
        base = _tuple_item(base) or base
        if _is_model(base) or tagged_members(base) is not None:
            return True
        kind = self.known.get(self.conv.get_structure_hook(base))
        if kind == AWARE_DATETIME:
            return base is datetime
        return isinstance(base, type) and kind == ENUM_MEMBER

    def _default(self, attribute: attrs.Attribute[Any]) -> str:
        """What attrs would pass for an absent field (it then converts it)."""
        factory = _factory(attribute)
        return f"{self.module.ref(factory)}()" if factory else self.module.ref(attribute.default)

    def _union(self, name: str, key: str, members: dict[Any, type]) -> None:
        table = {tag: self.function(cls) for tag, cls in members.items()}
        dispatch = "{" + ", ".join(f"{tag!r}: {fn}" for tag, fn in table.items()) + "}"
        self.module.lines += [f"def {name}(o):", f"    return {name}_table[o[{key!r}]](o)"]
        self.module.trailer.append(f"{name}_table = {dispatch}")

    def convert(self, tp: Any, value: str) -> str:
        """An expression converting the expression ``value`` (evaluated once)."""
        inner = _optional_inner(tp)
        if inner is not None:
            v = self.module.local()
            converted = self.convert(inner, v)
            if converted == v:  # None passes through as well
                return value
            return f"(None if ({v} := {value}) is None else {converted})"
        item = _tuple_item(tp)
        if item is not None:
            v, x = self.module.local(), self.module.local()
            items = self.convert(item, x)
            each = f"tuple({v})" if items == x else f"tuple([{items} for {x} in {v}])"
            return f"({each} if isinstance(({v} := {value}), (list, tuple)) else _invalid())"
        if _is_model(tp) or tagged_members(tp) is not None:
            return f"{self.function(tp)}({value})"
        hook = self.conv.get_structure_hook(tp)
        kind = self.known.get(hook)
        if kind == RECHECKED:
            return value
        if kind == TO_FLOAT:
            v, to_float = self.module.local(), self.module.ref(hook)
            return f"({v} if type({v} := {value}) is float else {to_float}({v}, float))"
        if kind == ENUM_MEMBER and isinstance(tp, type) and issubclass(tp, DocEnum):
            return f"{self.module.ref(tp._value2member_map_)}[{value}]"
        return f"{self.module.ref(hook)}({value}, {self.module.ref(tp)})"


# ---------------------------------------------------------------- record -> dict


def compile_unstructure(
    conv: cattrs.Converter, cls: type, known: dict[Any, str], *, for_json: bool = False
) -> Callable[[Any], Unstructured]:
    """A function writing a record as cattrs' generated function for it (with
    defaults omitted and tags always written) would.

    ``for_json`` makes the variant that only feeds the JSON writers: it leaves enum
    members (str subclasses), tuples of plain values and datetimes as they are,
    since both writers write them exactly as their values, lists and ``isoformat()``
    (for a datetime whose UTC offset is whole minutes, as a record's always is).
    """
    module = _Module("json" if for_json else "unstructure")
    _Unstructure(conv, module, known, for_json).function(cls)
    built: Callable[[Any], Unstructured] = module.build(cls)
    return built


class _Unstructure:
    def __init__(
        self, conv: cattrs.Converter, module: _Module, known: dict[Any, str], for_json: bool
    ) -> None:
        self.conv = conv
        self.module = module
        self.known = known
        self.for_json = for_json

    def function(self, cls: type) -> str:
        name = self.module.functions.get(cls)
        if name is None:
            name = self.module.functions[cls] = f"unstructure_{len(self.module.functions)}"
            self._record(name, cls)
        return name

    def _record(self, name: str, cls: type) -> None:
        hints = typing.get_type_hints(cls)
        always, optional = [], []
        for attribute in attrs.fields(cls):
            value = self.convert(hints[attribute.name], f"i.{attribute.name}")
            if attribute.default is attrs.NOTHING or is_tag(attribute):
                always.append(f"{attribute.name!r}: {value}")
            else:
                test = self._differs(f"i.{attribute.name}", _default_value(attribute))
                optional += [f"    if {test}:", f"        d[{attribute.name!r}] = {value}"]
        self.module.lines += [
            f"def {name}(i):",
            f"    d = {{{', '.join(always)}}}",
            *optional,
            "    return d",
        ]

    def _differs(self, value: str, default: Any) -> str:
        """``value != default`` as cattrs tests it; by identity for None, booleans
        and enum members, where (for values of the field's type) it is the same."""
        if default is None or isinstance(default, (bool, Enum)):
            return f"{value} is not {self.module.ref(default)}"
        return f"{value} != {self.module.ref(default)}"

    def convert(self, tp: Any, value: str) -> str:
        """An expression writing the expression ``value`` (evaluated once)."""
        inner = _optional_inner(tp)
        if inner is not None:
            v = self.module.local()
            converted = self.convert(inner, v)
            if converted == v:  # None is written as it is, too
                return value
            return f"(None if ({v} := {value}) is None else {converted})"
        item = _tuple_item(tp)
        if item is not None:
            x = self.module.local()
            items = self.convert(item, x)
            if items == x:
                return value if self.for_json else f"list({value})"
            return f"[{items} for {x} in {value}]"
        if _is_model(tp):
            return f"{self.function(tp)}({value})"
        if self.for_json and typing.get_origin(tp) is dict and typing.get_args(tp)[1:] == (Any,):
            # Plain JSON values (the record's checks hold them to that): the writers
            # write them as they are, where cattrs would copy them, value by value.
            return value
        tagged = tagged_members(tp)
        if tagged is not None:  # by the value's class, as cattrs does for unions
            table = {cls: self.function(cls) for cls in tagged[1].values()}
            pairs = ", ".join(f"{self.module.ref(c)}: {fn}" for c, fn in table.items())
            name = f"_table{len(self.module.trailer)}"
            self.module.trailer.append(f"{name} = {{{pairs}}}")
            dispatch = self.module.ref(self.conv.get_unstructure_hook(tp))
            v = self.module.local()
            return f"{name}.get(type({v} := {value}), {dispatch})({v})"
        from cattrs.fns import identity

        hook = self.conv.get_unstructure_hook(tp)
        kind = self.known.get(hook)
        if hook is identity:
            return value
        if kind == ENUM_VALUE:
            return value if self.for_json else f"{value}._value_"
        if kind == ISOFORMAT:
            if self.for_json:  # the writers write a datetime (not a subclass) as this
                v, exact = self.module.local(), self.module.ref(datetime)
                return f"({v} if type({v} := {value}) is {exact} else {v}.isoformat())"
            return f"{value}.isoformat()"
        return f"{self.module.ref(hook)}({value})"


def _default_value(attribute: attrs.Attribute[Any]) -> Any:
    """The default as cattrs compares with it: a factory's product, through the
    field's converter if it has one."""
    factory = _factory(attribute)
    default = factory() if factory else attribute.default
    converter = attribute.converter
    if converter is not None:
        if not callable(converter) or isinstance(converter, attrs.Converter):
            raise NotImplementedError("attrs Converter objects")
        default = converter(default)
    return default


def _setters(cls: type) -> dict[str, Callable[[Any, Any], None]] | None:
    """The slots' setters by field name, where an instance of ``cls`` can be built
    by setting them, converting and testing each value and applying the rules: what
    attrs' ``__init__`` and :class:`Model`'s checks do, with nothing else to do."""
    if not checked_by_model_only(cls) or hasattr(cls, "__attrs_pre_init__"):
        return None
    init, new = vars(cls).get("__init__"), getattr(cls, "__new__", None)
    code = getattr(init, "__code__", None)
    if new is not object.__new__ or code is None:
        return None
    if not code.co_filename.startswith("<attrs generated"):
        return None
    setters = {}
    for attribute in attrs.fields(cls):
        slot = getattr(cls, attribute.name, None)
        converter = attribute.converter
        if not (attribute.init and attribute.validator is None):
            return None
        if converter is not None and (
            isinstance(converter, attrs.Converter) or not callable(converter)
        ):
            return None
        if not isinstance(slot, types.MemberDescriptorType):
            return None
        setters[attribute.name] = slot.__set__
    return setters


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _made(attribute: attrs.Attribute[Any]) -> Any:
    """The value a field gets when it is not given (its default, converted)."""
    factory = _factory(attribute)
    value = factory() if factory else attribute.default
    converter = attribute.converter
    return converter(value) if callable(converter) else value


def _factory(attribute: attrs.Attribute[Any]) -> Callable[[], Any] | None:
    """The default's factory, if the default is made by one."""
    default: Any = attribute.default
    if not isinstance(default, _FACTORY):
        return None
    if default.takes_self:
        raise NotImplementedError("factories that take self")
    factory: Callable[[], Any] = default.factory
    return factory
