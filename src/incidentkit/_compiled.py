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
from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from . import _model
from ._checks import field_tests, passes
from ._constraints import Constraints
from ._model import DocEnum, Model, checked_by_model_only
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
    node_of,
    record_info,
)

if TYPE_CHECKING:  # cattrs is imported with the converter, on first use
    import cattrs

__all__ = [
    "Invalid",
    "Unstructured",
    "compile_json",
    "compile_structure",
    "compile_unstructure",
    "root_node",
]

#: Hooks of the converter whose test the record's checks repeat: the compiled
#: function passes the value through to those checks.
RECHECKED = "rechecked"
#: ``float(value)`` for ints (what the float hook does); floats as they are.
TO_FLOAT = "to_float"
#: A :class:`DocEnum` member from its wire value (what the enum hook does).
ENUM_MEMBER = "enum_member"
#: A timezone-aware ``datetime`` (not a subclass), or an error.
AWARE_DATETIME = "aware_datetime"
#: A shallow copy of a JSON object (``dict(value)``), or an error.
JSON_OBJECT = "json_object"
#: Unstructure hooks: the member's wire value, a date-time's ``isoformat()``.
ENUM_VALUE = "enum_value"
ISOFORMAT = "isoformat"

Unstructured = dict[str, Any]
#: The field converters (``_model``'s normalisers) that keep every value a hook
#: of the given kind returns: floats stay floats, and the date-times read from
#: the wire already carry a fixed ``datetime.timezone`` offset.
_KEEPS: dict[str, Callable[[Any], Any]] = {
    TO_FLOAT: _model.int_to_float,
    AWARE_DATETIME: _model.fixed_offset,
}
_FACTORY: type[Any] = type(attrs.Factory(list))


class Invalid(Exception):
    """Raised by a compiled structure function when the input is not valid (the
    converter then says what is wrong). Any other exception is a bug."""


_Invalid = Invalid


def _invalid(*_: Any) -> Any:
    raise Invalid


def _guarded(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A converter hook that signals :class:`Invalid` where it would raise for bad
    input (its TypeError or ValueError: the converter reports those with a path)."""

    def guarded(value: Any, tp: Any) -> Any:
        try:
            return hook(value, tp)
        except (TypeError, ValueError):
            raise Invalid from None

    return guarded


_NO_CONSTRAINTS = Constraints(description="")


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

    def build(self, root: Any, named: Any) -> Any:
        text = "\n".join(self.lines + self.trailer) + "\n"
        filename = f"<incidentkit {self.kind} {getattr(named, '__qualname__', named)}>"
        exec(compile(text, filename, "exec"), self.namespace)  # our own generated source
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        return self.namespace[self.functions[root]]


def root_node(tp: Any) -> RecordNode | UnionNode | None:
    """The node of a record class or of a union of records (what the compiled
    functions are made for), or None for any other type."""
    if isinstance(tp, type):
        if issubclass(tp, Model) and attrs.has(tp):
            return RecordNode(tp)
        return None
    try:
        node = node_of(tp, _NO_CONSTRAINTS)
    except TypeError:
        return None
    return node if isinstance(node, UnionNode) else None


def _key(node: RecordNode | UnionNode) -> Any:
    """What a compiled function is looked up by: the class, or the union's members."""
    return node.cls if isinstance(node, RecordNode) else node.members


# ---------------------------------------------------------------- dict -> record


def compile_structure(
    conv: cattrs.Converter,
    tp: Any,
    known: dict[Any, str],
    readers: Mapping[str, Callable[[Any], Any]] | None = None,
) -> Callable[[Any], Any]:
    """A function building ``tp`` from plain data that raises on anything wrong
    without saying what; ``known`` says what the converter's hooks do, ``readers``
    gives, by kind, a one-argument function to call instead of such a hook (it
    returns what the hook returns and raises :class:`Invalid` where it raises)."""
    node = root_node(tp)
    if node is None:
        raise TypeError(f"no compiled structure function for {tp!r}")
    module = _Module("structure")
    _Structure(conv, module, known, readers or {}).function(node)
    built: Callable[[Any], Any] = module.build(_key(node), tp)
    return built


class _Structure:
    def __init__(
        self,
        conv: cattrs.Converter,
        module: _Module,
        known: dict[Any, str],
        readers: Mapping[str, Callable[[Any], Any]],
    ) -> None:
        self.conv = conv
        self.module = module
        self.known = known
        self.readers = readers

    def function(self, node: RecordNode | UnionNode) -> str:
        """The name of the compiled function for a record class or tagged union."""
        key = _key(node)
        name = self.module.functions.get(key)
        if name is None:
            name = self.module.functions[key] = f"structure_{len(self.module.functions)}"
            if isinstance(node, UnionNode):
                self._union(name, node)
            else:
                self._record(name, node.cls)
        return name

    def _record(self, name: str, cls: type) -> None:
        infos = record_info(cls).fields
        fields = [info.attribute for info in infos]
        # The keys are proven by counting, not by set tests: a missing required key
        # raises KeyError where it is read (a plain dict: no __missing__), and the
        # object has no other key exactly when its size is the required keys plus
        # the optional ones found.
        arguments, setters = [], _setters(cls)
        if setters is None:  # (the record's __init__ reads optional keys inline)
            keys = self.module.ref(frozenset(a.name for a in fields))
            proof = f"type(o) is dict and {keys}.issuperset(o)"
        else:
            proof = "type(o) is dict"
        body = [f"def {name}(o):", f"    if not ({proof}):", "        raise _Invalid"]
        # Absent optional fields, and those that may be there; where the object holds
        # only the required keys, the first are read without a test of each key.
        absents: list[str] = []
        maybes: list[str] = []
        required = sum(info.required for info in infos)
        for index, info in enumerate(infos):
            attribute = info.attribute
            local, key = f"f{index}", repr(attribute.name)
            value = self.convert(info.node, f"o[{key}]")
            arguments.append(f"{attribute.alias}={local}")
            # A union member's tag has a default for Python callers but is required
            # on the wire, as the converter's hook and the schema say.
            default = None if info.required else self._default(attribute)
            if setters is None:
                otherwise = f" if {key} in o else {default}" if default else ""
                body.append(f"    {local} = {value}{otherwise}")
                continue
            # Convert and test the value as the record would; a default that passes
            # the tests is not tested again.
            given = [f"    {local} = {value}", *self._checked(info, local, True, given=True)]
            if default is None:
                body += given
                continue
            absent = [f"    {local} = {default}"]
            if passes(info, _made(attribute)):
                absent += self._checked(info, local, None)
            else:
                absent += self._checked(info, local, False)
            absents += absent
            found = ["    n += 1", *given]
            maybes += [f"    if {key} in o:", *_indent(found), "    else:", *_indent(absent)]
        if absents:
            maybes += ["    if len(o) != n:", "        raise _Invalid"]  # an unknown key
            body += [
                f"    if len(o) == {required}:",
                *_indent(absents),
                "    else:",
                f"        n = {required}",
                *_indent(maybes),
            ]
        elif setters is not None:
            body += [f"    if len(o) != {required}:", "        raise _Invalid"]
        if setters is None:
            body.append(f"    return {self.module.ref(cls)}({', '.join(arguments)})")
        else:  # build it as attrs' __init__ does, then apply the rules as Model does
            builder = _builder(cls)
            if builder is None:
                body.append(f"    obj = _new({self.module.ref(cls)})")
                body += [
                    f"    {self.module.ref(setters[a.name])}(obj, f{i})"
                    for i, a in enumerate(fields)
                ]
            else:  # plain attribute stores on the builder, then the record's class
                body.append(f"    obj = _new({self.module.ref(builder)})")
                body += [f"    obj.{a.name} = f{i}" for i, a in enumerate(fields)]
                body.append(f"    obj.__class__ = {self.module.ref(cls)}")
            methods = _model.rule_methods(cls)
            rules = ", ".join(f"*{self.module.ref(method)}(obj)" for method in methods)
            maybe = _model.rules_expression(cls, self.module.ref, "obj")
            if maybe is not None:  # the rules' fused test first; the rules where it fails
                body.append(f"    if {maybe} and [{rules}]: raise _Invalid")
            elif rules:
                body.append(f"    if [{rules}]: raise _Invalid")
            body.append("    return obj")
        self.module.lines.extend(body)

    def _checked(
        self, info: FieldInfo, local: str, test: bool | None, *, given: bool = False
    ) -> list[str]:
        """The field's converter applied to ``local``, then (unless ``test`` is None)
        its tests, leaving out the type tests converting has proven if ``test``.

        The converter is left out where it cannot change the value: a value read
        from the wire (``given``) by a hook whose results it keeps as they are, or a
        constant default it keeps."""
        lines = []
        converter = info.attribute.converter
        if converter is not None and not self._keeps(info, converter, given):
            lines.append(f"    {local} = {self.module.ref(converter)}({local})")
        if test is not None:
            prefix = f"_t{len(self.module.namespace)}_"
            proven = test and self._proven(info.node)
            tests, names = field_tests(info, local, "raise _Invalid", prefix, proven)
            self.module.namespace.update(names)
            lines += tests
        return lines

    def _keeps(self, info: FieldInfo, converter: Any, given: bool) -> bool:
        """Whether ``converter`` returns the field's value unchanged: read from the
        wire (``given``) or its default."""
        if not given:
            attribute = info.attribute
            if _factory(attribute) is not None:
                return False
            default = attribute.default
            return converter(default) is default
        node = info.node.inner if isinstance(info.node, OptionalNode) else info.node
        if not isinstance(node, ScalarNode):
            return False
        kind = self.known.get(self.conv.get_structure_hook(node.type))
        return kind is not None and _KEEPS.get(kind) is converter

    def _proven(self, node: Node) -> bool:
        """Whether converting makes a value that passes the field's type test: a
        record (or a tagged union of them), an enum member, an aware datetime, a
        tuple of these, or None."""
        base = node.inner if isinstance(node, OptionalNode) else node
        base = base.item if isinstance(base, TupleNode) else base
        if isinstance(base, (RecordNode, UnionNode)):
            return True
        if isinstance(base, EnumNode):
            return self.known.get(self.conv.get_structure_hook(base.cls)) == ENUM_MEMBER
        if isinstance(base, ScalarNode) and base.type is datetime:
            return self.known.get(self.conv.get_structure_hook(datetime)) == AWARE_DATETIME
        return False

    def _default(self, attribute: attrs.Attribute[Any]) -> str:
        """What attrs would pass for an absent field (it then converts it)."""
        factory = _factory(attribute)
        if factory is tuple:
            return "()"  # the empty tuple (there is only one)
        return f"{self.module.ref(factory)}()" if factory else self.module.ref(attribute.default)

    def _union(self, name: str, node: UnionNode) -> None:
        key = node.tag
        table = {tag: self.function(RecordNode(cls)) for tag, cls in node.tags}
        dispatch = "{" + ", ".join(f"{tag!r}: {fn}" for tag, fn in table.items()) + "}"
        self.module.lines += [
            f"def {name}(o):",
            f"    if not (isinstance(o, dict) and isinstance(t := o.get({key!r}), str)):",
            "        raise _Invalid",
            f"    return {name}_table.get(t, _invalid)(o)",
        ]
        self.module.trailer.append(f"{name}_table = {dispatch}")

    def convert(self, node: Node, value: str) -> str:
        """An expression converting the expression ``value`` (evaluated once)."""
        if isinstance(node, OptionalNode):
            v = self.module.local()
            converted = self.convert(node.inner, v)
            if converted == v:  # None passes through as well
                return value
            return f"(None if ({v} := {value}) is None else {converted})"
        if isinstance(node, TupleNode):
            v, x = self.module.local(), self.module.local()
            items = self.convert(node.item, x)
            each = f"tuple({v})" if items == x else f"tuple([{items} for {x} in {v}])"
            return f"({each} if isinstance(({v} := {value}), (list, tuple)) else _invalid())"
        if isinstance(node, (RecordNode, UnionNode)):
            return f"{self.function(node)}({value})"
        tp = _python_type(node)
        hook = self.conv.get_structure_hook(tp)
        kind = self.known.get(hook)
        if kind == RECHECKED:
            return value
        if kind == TO_FLOAT:
            v, to_float = self.module.local(), self.module.ref(_guarded(hook))
            return f"({v} if type({v} := {value}) is float else {to_float}({v}, float))"
        reader = self.readers.get(kind) if kind is not None else None
        if reader is not None:
            return f"{self.module.ref(reader)}({value})"
        if kind == JSON_OBJECT:
            v = self.module.local()
            return f"(dict({v}) if isinstance({v} := {value}, dict) else _invalid())"
        if kind == ENUM_MEMBER and isinstance(node, EnumNode) and issubclass(tp, DocEnum):
            v, members = self.module.local(), self.module.ref(tp._value2member_map_)
            member = f"isinstance({v} := {value}, str) and {members}.get({v})"
            return f"({member} or _invalid())"
        return f"{self.module.ref(_guarded(hook))}({value}, {self.module.ref(tp)})"


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
    built: Callable[[Any], Unstructured] = module.build(cls, cls)
    return built


def compile_json(
    conv: cattrs.Converter, cls: type, known: dict[Any, str], write: Callable[[Unstructured], Any]
) -> tuple[Callable[[Any], Unstructured], Callable[[Any], Any]]:
    """The ``for_json`` function of :func:`compile_unstructure`, and one that hands
    its dict straight to ``write`` (a JSON writer) and returns what that returns.

    The second is the first's body with ``write`` at its end, not a call of the
    first: the call would cost a small record a tenth of its writing.
    """
    module = _Module("json")
    writer = _Unstructure(conv, module, known, True)
    writer.function(cls)
    written = writer.written(cls, module.ref(write))
    return module.build(cls, cls), module.namespace[written]


#: How deep nested records are written inline in their parent's function (deeper
#: ones, and a class nested in itself, get a call to their own function).
_INLINE_DEPTH = 4


class _Unstructure:
    """Writes the source of the unstructure functions.

    Each function builds the dicts of its record and of the records nested in it
    inline, one after another, without a call per nested record: a call costs about
    as much as writing three fields, and most records are small. Arrays of records
    are written by a loop, which (unlike a comprehension, before Python 3.12) is not
    a call either.
    """

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
            body = self._record(cls, "i", "d", (cls,))
            self.module.lines += [f"def {name}(i):", *_indent(body), "    return d"]
        return name

    def written(self, cls: type, write: str) -> str:
        """The name of a function returning ``write(d)`` for the dict ``d`` of a
        record of class ``cls`` (``write`` names a one-argument function)."""
        name = f"written_{len(self.module.functions)}"
        body = self._record(cls, "i", "d", (cls,))
        self.module.lines += [f"def {name}(i):", *_indent(body), f"    return {write}(d)"]
        return name

    def _record(self, cls: type, obj: str, out: str, inside: tuple[type, ...]) -> list[str]:
        """Lines setting the local ``out`` to the dict of the record in the local
        ``obj``: required fields first, then the others where they differ from their
        defaults, each in declaration order (the order of cattrs' functions).

        ``inside`` holds the classes being written around it. The locals of a nested
        record are named by its depth, so that siblings share them: a function's
        every local costs each call a little, and a large record has hundreds of
        nested writes.
        """
        literal: list[str] = []  # the required fields up to the first nested write
        after: list[str] = []  # then the others, in order
        optional: list[str] = []
        for info in record_info(cls).fields:
            attribute = info.attribute
            read, key = f"{obj}.{attribute.name}", repr(attribute.name)
            if info.required:
                lines: list[str] = []
                if isinstance(info.node, ConstNode):  # a union member's tag
                    value = repr(info.node.value)  # the value its check holds it to
                else:
                    lines, value = self.write(info.node, read, inside)
                if lines or after:
                    after += [*lines, f"{out}[{key}] = {value}"]
                else:
                    literal.append(f"{key}: {value}")
                continue
            default = _default_value(attribute)
            node = info.node
            if type(default) is bool and isinstance(node, ScalarNode) and node.type is bool:
                # A flag (its check holds it to a bool) differs from its default
                # exactly when it is the other one: a truth test, and a constant.
                test = read if default is False else f"not {read}"
                optional += [f"if {test}:", f"    {out}[{key}] = {not default!r}"]
                continue
            if default is None and isinstance(node, OptionalNode):
                node = node.inner  # written only where it is not None
            lines, value = self.write(node, read, inside)
            test = self._differs(read, default, info.node)
            optional += [f"if {test}:", *_indent(lines), f"    {out}[{key}] = {value}"]
        return [f"{out} = {{{', '.join(literal)}}}", *after, *optional]

    def _differs(self, value: str, default: Any, node: Node) -> str:
        """``value != default`` as cattrs tests it; by identity for None, booleans
        and enum members, and by truth for a tuple or JSON object field whose
        default is empty, where (for values of the field's type) it is the same."""
        if default is None or isinstance(default, (bool, Enum)):
            return f"{value} is not {self.module.ref(default)}"
        if type(default) is tuple and not default and isinstance(node, TupleNode):
            return value  # a tuple differs from () exactly when it is not empty
        if type(default) is dict and not default and isinstance(node, JsonNode):
            return value  # and a JSON object from {}
        if type(default) in (int, str):  # a constant in the code, not a global
            return f"{value} != {default!r}"
        return f"{value} != {self.module.ref(default)}"

    def write(self, node: Node, value: str, inside: tuple[type, ...]) -> tuple[list[str], str]:
        """Lines to run first, and an expression writing the expression ``value``
        (evaluated once), for a field of a record nested ``len(inside)`` deep."""
        depth = len(inside)
        if isinstance(node, RecordNode) and self._inline(node.cls, inside):
            out = f"d{depth}"
            if value.isidentifier():  # a local already
                return self._record(node.cls, value, out, (*inside, node.cls)), out
            obj = f"o{depth}"
            body = self._record(node.cls, obj, out, (*inside, node.cls))
            return [f"{obj} = {value}", *body], out
        if isinstance(node, UnionNode) and all(self._inline(c, inside) for c in node.members):
            return self._union(node, value, inside)
        if isinstance(node, OptionalNode):
            lines, converted = self.write(node.inner, f"n{depth}", inside)
            if not lines:
                return [], self.convert(node, value)
            result = f"r{depth}"
            written = [*lines, f"{result} = {converted}"]
            return [
                f"n{depth} = {value}",
                f"if n{depth} is None:",
                f"    {result} = None",
                "else:",
                *_indent(written),
            ], result
        if isinstance(node, TupleNode):
            x = f"x{depth}"
            lines, item = self.write(node.item, x, inside)
            if not lines:
                return [], self.convert(node, value)
            items = f"l{depth}"
            loop = [f"for {x} in {value}:", *_indent(lines), f"    {items}.append({item})"]
            return [f"{items} = []", *loop], items
        return [], self.convert(node, value)

    def _inline(self, cls: type, inside: tuple[type, ...]) -> bool:
        return cls not in inside and len(inside) < _INLINE_DEPTH

    def _union(
        self, node: UnionNode, value: str, inside: tuple[type, ...]
    ) -> tuple[list[str], str]:
        """A member of a union of records, chosen by its class (as cattrs chooses)."""
        depth = len(inside)
        obj, kind, out = f"u{depth}", f"k{depth}", f"d{depth}"
        lines = [f"{obj} = {value}"]
        if value.isidentifier():  # a local already (an array's item)
            obj, lines = value, []
        lines.append(f"{kind} = type({obj})")
        for index, cls in enumerate(node.members):
            test = "if" if index == 0 else "elif"
            body = self._record(cls, obj, out, (*inside, cls))
            lines += [f"{test} {kind} is {self.module.ref(cls)}:", *_indent(body)]
        dispatch = self.module.ref(self.conv.get_unstructure_hook(node.annotation))
        lines += ["else:", f"    {out} = {dispatch}({obj})"]
        return lines, out

    def convert(self, node: Node, value: str) -> str:
        """An expression writing the expression ``value`` (evaluated once)."""
        if isinstance(node, OptionalNode):
            v = self.module.local()
            converted = self.convert(node.inner, v)
            if converted == v:  # None is written as it is, too
                return value
            return f"(None if ({v} := {value}) is None else {converted})"
        if isinstance(node, TupleNode):
            x = self.module.local()
            items = self.convert(node.item, x)
            if items == x:
                return value if self.for_json else f"list({value})"
            return f"[{items} for {x} in {value}]"
        if isinstance(node, RecordNode):
            return f"{self.function(node.cls)}({value})"
        if self.for_json and isinstance(node, JsonNode):
            # Plain JSON values (the record's checks hold them to that): the writers
            # write them as they are, where cattrs would copy them, value by value.
            return value
        if isinstance(node, UnionNode):  # by the value's class, as cattrs does for unions
            table = {cls: self.function(cls) for cls in node.members}
            pairs = ", ".join(f"{self.module.ref(c)}: {fn}" for c, fn in table.items())
            name = f"_table{len(self.module.trailer)}"
            self.module.trailer.append(f"{name} = {{{pairs}}}")
            dispatch = self.module.ref(self.conv.get_unstructure_hook(node.annotation))
            v = self.module.local()
            return f"{name}.get(type({v} := {value}), {dispatch})({v})"
        from cattrs.fns import identity

        tp = _python_type(node)
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


def _python_type(node: Node) -> Any:
    """The Python type the converter's hooks are registered for."""
    if isinstance(node, ScalarNode):
        return node.type
    if isinstance(node, EnumNode):
        return node.cls
    if isinstance(node, JsonNode):
        return dict[str, Any]
    if isinstance(node, ConstNode):
        return str
    raise TypeError(f"no converter hook for a {type(node).__name__}")  # pragma: no cover


def _default_value(attribute: attrs.Attribute[Any]) -> Any:
    """The default as cattrs compares with it: a factory's product, through the
    field's converter if it has one."""
    factory = _factory(attribute)
    default = factory() if factory else attribute.default
    converter = attribute.converter
    if converter is not None:
        if not callable(converter) or isinstance(converter, attrs.Converter):
            raise NotImplementedError("attrs Converter objects")
        default = converter(default)  # type: ignore[unreachable]
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


_BUILDERS: dict[type, type | None] = {}


def _builder(cls: type) -> type | None:
    """A mutable twin of the frozen slotted class ``cls``: same base, same slots,
    plain ``object.__setattr__``. The compiled functions store each field on a
    twin instance (one quick attribute store each, where calling a slot's
    ``__set__`` costs a method-wrapper call) and then assign ``__class__ = cls``,
    which Python allows between classes of the same layout. None where that
    assignment is refused (the slot-setting path is used instead)."""
    if cls in _BUILDERS:
        return _BUILDERS[cls]
    twin: type | None = None
    slots = vars(cls).get("__slots__")
    if isinstance(slots, tuple) and len(cls.__bases__) == 1 and "__weakref__" not in slots:
        namespace = {
            "__slots__": slots,
            # Both, so that Python stores attributes the plain way: a __delattr__
            # inherited from a frozen base would route every store through a call.
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": __name__,
        }
        made = type(f"{cls.__name__}Builder", cls.__bases__, namespace)
        try:
            probe: Any = object.__new__(made)
            probe.__class__ = cls
            twin = made
        except TypeError:  # a layout Python will not reassign (e.g. its own __weakref__)
            twin = None
    _BUILDERS[cls] = twin
    return twin


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _made(attribute: attrs.Attribute[Any]) -> Any:
    """The value a field gets when it is not given (its default, converted)."""
    factory = _factory(attribute)
    value = factory() if factory else attribute.default
    converter = attribute.converter
    return converter(value) if callable(converter) else value  # type: ignore[redundant-expr]


def _factory(attribute: attrs.Attribute[Any]) -> Callable[[], Any] | None:
    """The default's factory, if the default is made by one."""
    default: Any = attribute.default
    if not isinstance(default, _FACTORY):
        return None
    if default.takes_self:
        raise NotImplementedError("factories that take self")
    factory: Callable[[], Any] = default.factory
    return factory
