"""JSON text -> record in one pass with msgspec (the ``fast`` extra): the fast path
of :func:`incidentkit.codec.loads` when msgspec is installed.

msgspec decodes JSON straight into attrs classes, in C: it allocates each object,
sets its attributes and calls ``__attrs_pre_init__`` and ``__attrs_post_init__``,
but runs none of the record's converters or checks. So for each record class this
module makes a *twin* (generated from the type tree): a plain class with the
record's base and slots (so that ``obj.__class__ = record`` is allowed, as for the
builders of :mod:`incidentkit._compiled`), whose annotations carry the field
constraints msgspec can test itself (``msgspec.Meta`` bounds and lengths,
``Literal`` choices, enums, tuples, optionals). Its generated post-init does the
rest as the compiled fast path does: it reads date-times with the codec's reader
(msgspec's rules for them differ), tests patterns (with the library's own test:
msgspec's takes twice as long), tests what msgspec cannot (unique items, plain
JSON in ``extensions``), swaps the class to the record's and applies the record's
rules (their fused test first).

Two sets of twins read a text, the second only where the first cannot prove it:

- The *lean* twins (first): the pre-init gives each optional field its default (a
  field msgspec finds missing costs it an exception, raised and cleared: set first,
  it is not missing), and a value other than the default is one the text gave.
  Union members are msgspec Structs told apart by their tag (``tag_field``, with
  ``forbid_unknown_fields``), so msgspec picks the member within the one decoding,
  wherever the tag stands; a generated function copies each to a new record.
- The *counting* twins (made on first need): the pre-init gives each optional field
  a sentinel, which tells the post-init exactly which keys the text held; union
  members are decoded from their ``msgspec.Raw`` by the tag that opens them.

What msgspec accepts and the library refuses is proven absent, or the text goes to
the other paths, which decide (and say what is wrong):

- Unknown and duplicate keys: msgspec skips the first and keeps the last of the
  second, silently. So the strings are counted. In a text without an escaped quote
  (``\\"``; such texts go to the other paths) every quote opens or closes a string,
  so the text holds half as many strings as quotes. Each post-init counts the keys
  of its object that msgspec recognised and the strings among their values (every
  string of a date-time, enum, tag, choice or text field is one). A key msgspec
  skipped or overwrote is a string of the text that nothing counted, so the counts
  differ. The lean twins count a key only where its value is not the default, so
  they may count too few (a text giving a field its default), never too many: where
  the counts agree, nothing was skipped; where they differ, the counting twins,
  which know every key the text held, read it again and decide.
- Integers beyond 64 bits (msgspec reads any size): integer fields get the 64-bit
  range as bounds; a float field's value that may have been such an integer goes
  to the other paths; ``extensions`` are tested as plain JSON, which refuses them.
- Lone surrogates, NaN, infinities, numbers that overflow a double and invalid
  UTF-8: msgspec refuses them itself, as the library does.
- Deep nesting: only ``extensions`` can nest freely, and their test refuses
  nesting beyond the library's limit.
- Integral floats (``40.0``) for integer fields: msgspec refuses them, and the
  other paths read them as the library does.

Any failure (msgspec's, a test's, a rule's) makes the caller fall back, so errors
are the detailed path's.
"""

from __future__ import annotations

import itertools
import linecache
import re
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import Enum
from typing import Annotated, Any, Literal, Optional, Union

import attrs
import msgspec

from . import _model
from ._checks import field_tests, passes
from ._compiled import _FACTORY, Invalid, _builder, _factory, _made, _setters
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

__all__ = ["Unsupported", "decoder"]


class Unsupported(Exception):
    """A record class (or one nested in it) that this module cannot make a twin
    for: its records are read by the other paths."""


class _Absent:
    """The value the pre-init gives every optional field: still there after
    decoding when the text did not give the field."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()


class _Field:
    """What msgspec reads of an attrs ``Attribute``: the name, the default
    (``attrs.NOTHING`` for a required field) and the validator (none)."""

    __slots__ = ("default", "name", "validator")

    def __init__(self, name: str, default: Any) -> None:
        self.name = name
        self.default = default
        self.validator = None


#: Types of defaults every record may share.
_IMMUTABLE = (type(None), bool, int, float, str, tuple, frozenset)

#: The fields' converters whose work is already done on what the twin holds: floats
#: are floats (msgspec converts ints for a float field) and the codec's date-time
#: reader returns fixed offsets.
_DONE_CONVERTERS: dict[Any, Any] = {float: _model.int_to_float, datetime: _model.fixed_offset}


class _Twins:
    """Makes the twins of a record class and of the classes nested in it, and their
    pre- and post-inits (one namespace for all of them)."""

    def __init__(
        self,
        read_datetime: Callable[[str], datetime],
        lean: bool = False,
        tally: list[int] | None = None,
    ) -> None:
        self.lean = lean
        #: The list the post-inits append their counts to (see :class:`_Reader`).
        self.tally: list[int] = [] if tally is None else tally
        self.counter = itertools.count(1)
        self.twins: dict[type, type] = {}
        self.namespace: dict[str, Any] = {
            "_Invalid": Invalid,
            "_ABSENT": _ABSENT,
            "_read_dt": read_datetime,
            "_json_walk": _json_walk,
            "_new": object.__new__,
        }
        self.lines: list[str] = []

    def ref(self, value: Any) -> str:
        if value is None or type(value) is bool:
            return repr(value)
        name = f"_r{len(self.namespace)}"
        self.namespace[name] = value
        return name

    # ------------------------------------------------------------ annotations

    def annotation(self, info: FieldInfo, node: Node, post: list[str], var: str) -> Any:
        """What msgspec decodes the field into; ``post`` gets the lines finishing
        a value given in the text (in ``var``): conversions, the tests msgspec does
        not make, and the count of the strings inside it (added to ``kc``) where
        the twins do not count them."""
        if isinstance(node, OptionalNode):
            inner: list[str] = []
            tp = self.annotation(info, node.inner, inner, var)
            if inner:
                post += [f"if {var} is not None:", *_indent(inner)]
            return Optional[tp]  # noqa: UP045 - a runtime type, not an annotation
        if isinstance(node, TupleNode):
            item: list[str] = []
            tp = self.annotation(info, node.item, item, "x")
            if _is_string(node.item):  # one string per item
                post.append(f"kc += len({var})")
            converted = [line for line in item if line.startswith("x = ")]
            tests = [line for line in item if _is_test(line)]
            if len(converted) + len(tests) < len(item):
                raise Unsupported(f"items of {info.name} that need more")
            if converted and tests:
                raise Unsupported(f"items of {info.name} to convert and test")
            if tests:  # (the items' pattern)
                post += [f"for x in {var}:", *_indent(tests)]
            if converted:  # one conversion per item: a comprehension
                post.append(f"{var} = tuple([{converted[0][4:]} for x in {var}])")
                post.append(f"o.{info.name} = {var}")
            if node.unique:
                post.append(f"if len(set({var})) != len({var}): raise _Invalid")
            meta = _meta(min_length=node.min_items, max_length=node.max_items)
            made: Any = tuple[tp, ...]  # type: ignore[valid-type]
            return Annotated[made, meta] if meta else made
        if isinstance(node, RecordNode):
            return self.twin(node.cls)
        if isinstance(node, UnionNode) and self.lean:  # msgspec's own tagged union
            members = tuple(self.member(cls, node.tag, tag) for tag, cls in node.tags)
            post.append(f"x = _convert[type({var})]({var})")
            if var != "x":
                post.append(f"o.{info.name} = x")
            return Union[members]  # noqa: UP007 - a runtime type, not an annotation
        if isinstance(node, UnionNode):
            post.append(f"x = {self.ref(self.union(node))}({var})")
            if var != "x":
                post.append(f"o.{info.name} = x")
            return msgspec.Raw
        if isinstance(node, EnumNode):
            if not all(type(m.value) is str for m in node.cls):
                raise Unsupported(f"{node.cls.__name__}: an enum of other than strings")
            return node.cls
        if isinstance(node, ConstNode):
            return Literal[node.value]
        if isinstance(node, JsonNode):  # the keys' tests, then one walk through it all
            prefix = f"_t{len(self.namespace)}_"
            key = _as_field(info, ScalarNode(str, node.keys))
            tests, names = field_tests(key, "k", "raise _Invalid", prefix, False)
            self.namespace.update(names)
            post += [f"for k in {var}:", *tests]  # (written at depth 1)
            post += [f"n = _json_walk({var})", "if n < 0: raise _Invalid", "kc += n"]
            return dict[str, Any]
        if not isinstance(node, ScalarNode):  # pragma: no cover - a kind added since
            raise Unsupported(f"a {type(node).__name__}")
        return self.scalar(node, post, var, info.name)

    def scalar(self, node: ScalarNode, post: list[str], var: str, name: str) -> Any:
        c = node.constraints
        if node.type is bool:
            return bool
        if node.type is datetime:  # read as a string, by the codec's own reader
            post.append(f"x = _read_dt({var})")
            if var != "x":
                post.append(f"o.{name} = x")
            return str
        if node.type in (int, float):
            bounds = {b: getattr(c, b) for b in ("ge", "le", "gt", "lt")}
            bounds = {b: v for b, v in bounds.items() if v is not None}
            if node.type is int and not all(type(v) is int for v in bounds.values()):
                raise Unsupported("an int field with other than int bounds")
            if {"ge", "gt"} <= bounds.keys() or {"le", "lt"} <= bounds.keys():
                raise Unsupported("two lower or two upper bounds")
            if node.type is int:  # msgspec reads integers of any size
                if "gt" not in bounds:
                    bounds.setdefault("ge", JSON_INT_RANGE[0])
                if "lt" not in bounds:
                    bounds.setdefault("le", JSON_INT_RANGE[1])
            elif _may_be_huge(bounds):
                # An integer beyond 64 bits (the reference refuses it) is read as a
                # float: such values go to the other paths.
                post.append(f"if not {_HUGE[0]!r} < {var} < {_HUGE[1]!r}: raise _Invalid")
            meta = _meta(**bounds)
            return Annotated[node.type, meta] if meta else node.type
        if node.type is not str:  # pragma: no cover - a scalar type added since
            raise Unsupported(f"a {node.type.__name__} field")
        if c.choices is not None:  # (msgspec takes no lengths or pattern for these)
            kept = tuple(choice for choice in c.choices if _fits(choice, c))
            if not kept:
                raise Unsupported(f"{name}: no choice passes its own constraints")
            return Literal[kept]
        if c.pattern is not None:  # (msgspec's own test of it takes twice as long)
            post.append(f"if {self.ref(pattern_test(c.pattern))}({var}) is None: raise _Invalid")
        meta = _meta(min_length=c.min_length, max_length=c.max_length)
        return Annotated[str, meta] if meta else str

    # ------------------------------------------------------------ classes

    def twin(self, cls: type) -> type:
        """The twin of the record class ``cls``."""
        made = self.twins.get(cls)
        if made is not None:
            return made
        twin = self.twins[cls] = _layout_twin(cls)
        index = next(self.counter)
        annotations, fields, pre, body = self.body(cls, index, None)
        self.lines += [f"def post_{index}(o):", *body]
        if pre:
            self.lines += [f"def pre_{index}(o):", *pre]
        twin.__annotations__ = annotations
        twin.__attrs_attrs__ = tuple(fields)  # type: ignore[attr-defined]
        self.pending.append((twin, index, bool(pre)))
        return twin

    def member(self, cls: type, tag_field: str, tag: str) -> type:
        """For the lean twins, a union member: a msgspec Struct told apart by its
        tag (msgspec picks the member itself, within the one decoding), whose
        fields a generated function copies to a new record (``_convert``, by the
        Struct's class)."""
        made = self.members.get(cls)
        if made is not None:
            config = made[0].__struct_config__  # type: ignore[attr-defined]
            if made[0] is msgspec.Struct or (config.tag_field, config.tag) != (tag_field, tag):
                raise Unsupported(f"{cls.__name__}: a member of itself, or of another union")
            return made[0]
        target = _layout_twin(cls)
        index = next(self.counter)
        self.members[cls] = (msgspec.Struct, index)  # (what a cycle would see)
        annotations, fields, _, body = self.body(cls, index, tag_field)
        specs: list[Any] = []
        for field in fields:
            default = field.default
            if default is attrs.NOTHING:
                specs.append((field.name, annotations[field.name]))
            elif isinstance(default, _FACTORY):
                made_by = msgspec.field(default_factory=default.factory)
                specs.append((field.name, annotations[field.name], made_by))
            else:
                specs.append((field.name, annotations[field.name], default))
        try:
            struct = msgspec.defstruct(
                f"{cls.__name__}Member",
                specs,
                kw_only=True,
                tag_field=tag_field,
                tag=tag,
                forbid_unknown_fields=True,
                module=__name__,
            )
        except (TypeError, ValueError) as exc:  # a field msgspec will not take
            raise Unsupported(f"{cls.__name__}: {exc}") from None
        self.members[cls] = (struct, index)
        body.append("    return o")
        self.lines += [f"def convert_{index}(s):", f"    o = _new({self.ref(target)})", *body]
        self.converting.append((struct, index))
        return struct

    members: dict[type, tuple[type, int]]
    converting: list[tuple[type, int]]

    def body(
        self, cls: type, index: int, tag_field: str | None
    ) -> tuple[dict[str, Any], list[_Field], list[str], list[str]]:
        """The annotations and fields of the twin of ``cls`` (or of its union
        member Struct, for a ``tag_field``), its pre-init and the body of its
        post-init (or of the function making the record from the Struct, ``s``,
        into ``o``)."""
        annotations: dict[str, Any] = {}
        fields, pre, post = [], [], []
        required = 0
        for info in record_info(cls).fields:
            attribute, name = info.attribute, info.name
            converter: Any = attribute.converter
            node = info.node.inner if isinstance(info.node, OptionalNode) else info.node
            kind = node.type if isinstance(node, ScalarNode) else None
            if converter is not None and _DONE_CONVERTERS.get(kind) is not converter:
                raise Unsupported(f"{cls.__name__}.{name}: a converter")
            load = f"v = o.{name}" if tag_field is None else f"o.{name} = v = s.{name}"
            lines: list[str] = []
            if tag_field is not None and name == tag_field:  # read by msgspec as the tag
                if not (info.required and isinstance(info.node, ConstNode)):
                    raise Unsupported(f"{cls.__name__}.{name}: a tag that is not a constant")
                required += 2
                post.append(f"o.{name} = {self.ref(info.node.value)}")
                continue
            annotations[name] = self.annotation(info, info.node, lines, "v")
            if info.required:  # (a union member's tag too: see FieldInfo)
                required += 1 + _is_string(info.node)  # the key, and its string
                fields.append(_Field(name, attrs.NOTHING))
                if lines or tag_field is not None:
                    post += [load, *lines]
                continue
            default = _made(attribute)
            if not passes(info, default):
                raise Unsupported(f"{cls.__name__}.{name}: a default its checks refuse")
            fresh = self.ref(default)
            if not (type(default) in _IMMUTABLE or isinstance(default, Enum)):
                fresh = self.fresh(cls, info, default)
                if tag_field is not None:
                    default = attrs.Factory(_factory(attribute))  # type: ignore[arg-type]
            fields.append(_Field(name, default))
            if self.lean:  # the default in place; a value other than it is given
                if tag_field is None:
                    pre.append(f"    o.{name} = {fresh}")
                given = self.given(cls, info, _made(attribute), bool(lines))
                count = _given(info.node)
                if isinstance(info.node, OptionalNode) and given == "v is not None":
                    count = str(1 + _is_string(info.node.inner))
                if not (lines or tag_field):  # (no need to keep the value)
                    post += [f"if {given.replace('v', f'o.{name}', 1)}:", f"    kc += {count}"]
                    continue
                post += [load, f"if {given}:", f"    kc += {count}"]
                post += _indent(lines)
                continue
            pre.append(f"    o.{name} = _ABSENT")
            post += [
                load,
                "if v is _ABSENT:",
                f"    o.{name} = {fresh}",
                "else:",
                f"    kc += {_given(info.node)}",
                *_indent(lines),
            ]
        body = [f"    kc = {required}", *_indent(post), "    _tally.append(kc)"]
        body.append(f"    o.__class__ = {self.ref(cls)}")
        methods = _model.rule_methods(cls)
        rules = ", ".join(f"*{self.ref(method)}(o)" for method in methods)
        maybe = _model.rules_expression(cls, self.ref, "o")
        if maybe is not None:  # the rules' fused test first; the rules where it fails
            body.append(f"    if {maybe} and [{rules}]: raise _Invalid")
        elif rules:
            body.append(f"    if [{rules}]: raise _Invalid")
        return annotations, fields, pre, body

    pending: list[tuple[type, int, bool]]

    def fresh(self, cls: type, info: FieldInfo, default: Any) -> str:
        """An expression making a mutable default afresh for each record, as attrs
        makes it (its factory, with no converter to apply)."""
        factory = _factory(info.attribute)
        if info.attribute.converter is not None or factory is None:
            raise Unsupported(f"{cls.__name__}.{info.name}: a shared mutable default")
        if type(factory()) is not type(default):
            raise Unsupported(f"{cls.__name__}.{info.name}: a factory that varies")
        return f"{self.ref(factory)}()"

    def given(self, cls: type, info: FieldInfo, default: Any, lines: bool) -> str:
        """For the lean twins: a test on the value of an optional field (in ``v``)
        true only where the text gave it (the pre-init gave it its default). It is
        false where the text gave the default itself: that field's strings are not
        counted, so the counts differ and the counting twins read the text."""
        if default is None:
            return "v is not None"
        if type(default) is bool or isinstance(default, Enum):
            return f"v is not {self.ref(default)}"
        if type(default) is tuple and not default:  # (a list given empty is falsy too)
            return "v"
        if type(default) in _IMMUTABLE:
            if lines:  # (a value equal to it may need converting)
                raise Unsupported(f"{cls.__name__}.{info.name}: a default to convert")
            return f"v != {self.ref(default)}"
        if default:  # (made afresh by its factory: see fresh())
            raise Unsupported(f"{cls.__name__}.{info.name}: a default that is not empty")
        return "v"

    def union(self, node: UnionNode) -> Callable[[Any], Any]:
        """A function decoding a union member from its JSON (a ``msgspec.Raw``),
        chosen by the tag that opens it (the first key, as the library's writers
        write it, with any JSON spacing)."""
        key = node.tag.encode()
        start = b'{"' + key + b'":"'  # as the library writes it; else any JSON spacing
        gap = rb"[ \t\n\r]*"  # JSON's whitespace
        spaced = re.compile(
            rb"\{" + gap + rb'"' + re.escape(key) + rb'"' + gap + b":" + gap + rb'"([^"\\]*)"'
        )
        table: dict[bytes, Any] = {}
        for tag, cls in node.tags:
            table[tag.encode()] = self.twin(cls)
        decoders: dict[bytes, Callable[[Any], Any]] = {}
        size = len(start)

        def decode(raw: Any) -> Any:
            text = bytes(raw)
            if text.startswith(start):
                tag = text[size : text.find(b'"', size)]
            else:
                match = spaced.match(text)
                if match is None:
                    raise Invalid  # the tag elsewhere: the other paths read it
                tag = match[1]
            member = decoders.get(tag)
            if member is None:
                raise Invalid
            return member(text)

        self.unions.append((table, decoders))
        return decode

    unions: list[tuple[dict[bytes, Any], dict[bytes, Callable[[Any], Any]]]]

    def build(self, cls: type) -> Callable[[bytes], Any]:
        self.pending = []
        self.unions = []
        self.members = {}
        self.converting = []
        root = self.twin(cls)
        filename = f"<incidentkit msgspec twins {cls.__qualname__}>"
        self.namespace["_tally"] = self.tally
        text = "\n".join(self.lines) + "\n"
        exec(compile(text, filename, "exec"), self.namespace)  # our own generated source
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        convert = self.namespace["_convert"] = {}
        for struct, index in self.converting:
            convert[struct] = self.namespace[f"convert_{index}"]
        for twin, index, has_pre in self.pending:
            if has_pre:
                twin.__attrs_pre_init__ = self.namespace[f"pre_{index}"]  # type: ignore[attr-defined]
            twin.__attrs_post_init__ = self.namespace[f"post_{index}"]  # type: ignore[attr-defined]
        try:  # msgspec checks the annotations here
            for table, decoders in self.unions:
                for tag, twin in table.items():
                    decoders[tag] = msgspec.json.Decoder(twin).decode
            decode: Callable[[bytes], Any] = msgspec.json.Decoder(root).decode
        except (TypeError, ValueError) as exc:  # constraints it cannot take, say
            raise Unsupported(f"{cls.__name__}: {exc}") from None
        return decode


_UNDECIDED: Any = None


def decoder(cls: type, read_datetime: Callable[[str], datetime]) -> Callable[[bytes], Any]:
    """A function reading a record of class ``cls`` from JSON text (UTF-8 bytes):
    the record, or None where the other paths must read the text (it may be
    invalid, or hold what this path cannot prove absent). Raises
    :class:`Unsupported` for a class it cannot read.

    Each thread reads with twins of its own (made on its first text; the post-inits
    count into one list per set of twins), so threads decode at once. (For an
    Incident: about 50 ms to make, 200 kB kept, per thread.)"""
    made = _Reader(cls, read_datetime)  # (made here, so that Unsupported is raised here)
    state = threading.local()
    state.reader = made

    def read(raw: bytes) -> Any:
        try:
            reader: _Reader = state.reader
        except AttributeError:  # this thread's first text
            reader = state.reader = _Reader(cls, read_datetime)
        return reader.read(raw)

    return read


class _Reader:
    """One thread's reading of one record class: the lean twins first (defaults set
    up front, union members as Structs); where their counts differ (a text that
    gives a field its default, or an unknown or duplicate key), the counting twins
    (a sentinel in every optional field), made on first need; where theirs differ
    too, it gives up. A failure of the lean twins is one of the counting twins too
    (the same tests and rules on the same values): it gives up at once."""

    __slots__ = ("busy", "cls", "counting", "first", "read_datetime", "tally")

    def __init__(self, cls: type, read_datetime: Callable[[str], datetime]) -> None:
        self.cls, self.read_datetime = cls, read_datetime
        self.tally: list[int] = []
        self.busy = False
        try:
            self.first: Callable[[bytes], Any] | None = _Twins(
                read_datetime, lean=True, tally=self.tally
            ).build(cls)
        except Unsupported:
            self.first = None
        self.counting: Callable[[bytes], Any] | None = None
        if self.first is None:
            self.counting = self._counting()

    def _counting(self) -> Callable[[bytes], Any]:
        return _Twins(self.read_datetime, lean=False, tally=self.tally).build(self.cls)

    def read(self, raw: bytes) -> Any:
        if b"\\" in raw and b'\\"' in raw:  # an escaped quote, or a string ending in \
            return _UNDECIDED
        if self.busy:  # a reading under way in this thread (re-entered): not this way
            return _UNDECIDED
        self.busy = True
        tally = self.tally
        try:
            if self.first is not None:
                tally.clear()
                try:
                    record = self.first(raw)
                except _ERRORS:
                    return _UNDECIDED
                quotes = raw.count(b'"')
                if sum(tally) * 2 == quotes:
                    return record
            else:
                quotes = raw.count(b'"')
            counting = self.counting
            if counting is None:
                counting = self.counting = self._counting()
            tally.clear()
            try:
                record = counting(raw)
            except _ERRORS:
                return _UNDECIDED
            if sum(tally) * 2 != quotes:
                return _UNDECIDED  # an unknown or duplicate key: the others say which
            return record
        finally:
            self.busy = False


_ERRORS = (Invalid, msgspec.MsgspecError, UnicodeDecodeError, RecursionError)


def _layout_twin(cls: type) -> type:
    """A class of the record class's base and slots, with the plain attribute
    setter (so that ``obj.__class__ = cls`` is allowed, as for the builders of
    :mod:`incidentkit._compiled`). Its own ``__delattr__`` too: Python takes
    ``object``'s setter for the class only where neither is a Python function (a
    frozen base's are), and calls through the class's ``__setattr__`` otherwise, at
    several times the cost of each store."""
    if _setters(cls) is None or _builder(cls) is None:
        raise Unsupported(f"{cls.__name__} is not built by setting its slots")
    namespace = {
        "__slots__": vars(cls)["__slots__"],
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__module__": __name__,
        "__qualname__": f"{cls.__qualname__}Twin",
    }
    twin = type(f"{cls.__name__}Twin", cls.__bases__, namespace)
    try:  # the layout Python reassigns between (see _compiled._builder)
        probe: Any = object.__new__(twin)
        probe.__class__ = cls
    except TypeError:
        raise Unsupported(f"{cls.__name__}: a layout Python will not reassign") from None
    return twin


def _json_walk(value: dict[str, Any], depth: int = 0) -> int:
    """The strings of a JSON object as msgspec reads it (``dict[str, Any]``), keys
    included, all the way down; -1 where the library refuses it: an integer beyond
    64 bits or nesting beyond its limit (each value of the object counting as at
    depth 0, as :func:`incidentkit._checks._is_plain_json` counts it). msgspec has
    refused the rest already (lone surrogates, NaN, infinities, numbers that
    overflow a double), and gives nothing but JSON's types. (Recursive: the limit
    bounds the depth of the calls.)"""
    count = _json_items(value.values(), depth)
    return count if count < 0 else count + len(value)


def _json_items(items: Iterable[Any], depth: int) -> int:
    """:func:`_json_walk` for the values of an object or the items of an array."""
    count = 0
    for item in items:
        kind = type(item)
        if kind is str:
            count += 1
        elif kind is dict or kind is list:
            if item:
                if depth >= MAX_JSON_DEPTH:
                    return -1
                n = _json_walk(item, depth + 1) if kind is dict else _json_items(item, depth + 1)
                if n < 0:
                    return -1
                count += n
        elif kind is int and not _INT_LOW <= item <= _INT_HIGH:
            return -1
    return count


_INT_LOW, _INT_HIGH = JSON_INT_RANGE


def _is_string(node: Node) -> int:
    """1 for a node whose values are each one JSON string, else 0. (Counting a
    value that is not a string would let it stand in for a key msgspec skipped.)"""
    if isinstance(node, ScalarNode):
        return int(node.type in (str, datetime))
    if isinstance(node, EnumNode):
        return int(all(isinstance(member.value, str) for member in node.cls))
    return int(isinstance(node, ConstNode))


def _given(node: Node) -> str:
    """What a field given in the text adds to the count: its key, and its value's
    string if it is one (not for None)."""
    if isinstance(node, OptionalNode):
        return "1 if v is None else 2" if _is_string(node.inner) else "1"
    return str(1 + _is_string(node))


#: Floats at or beyond these may have been integers beyond 64 bits in the text.
_HUGE = (float(JSON_INT_RANGE[0]), float(JSON_INT_RANGE[1]))


def _may_be_huge(bounds: dict[str, float]) -> bool:
    low = bounds.get("ge", bounds.get("gt"))
    high = bounds.get("le", bounds.get("lt"))
    return low is None or high is None or low <= _HUGE[0] or high >= _HUGE[1]


def _as_field(info: FieldInfo, node: Node) -> FieldInfo:
    """``info`` with ``node`` as its node (the value's, not the optional's)."""
    return FieldInfo(info.name, node, info.constraints, info.required, info.is_tag, info.attribute)


def _meta(**given: Any) -> msgspec.Meta | None:
    given = {key: value for key, value in given.items() if value is not None}
    return msgspec.Meta(**given) if given else None


def _fits(text: str, c: Constraints) -> bool:
    """Whether ``text`` passes the length and pattern constraints of ``c``."""
    if c.min_length is not None and len(text) < c.min_length:
        return False
    if c.max_length is not None and len(text) > c.max_length:
        return False
    return c.pattern is None or compile_pattern(c.pattern).search(text) is not None


def _is_test(line: str) -> bool:
    """Whether a line of a post-init is one whole test."""
    return line.startswith("if ") and line.endswith(": raise _Invalid")


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]
