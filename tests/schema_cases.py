"""Shared by the schema tests: documents the library rejects for a field-level
reason (the schema must reject them too), and valid records drawn from the field
declarations (the schema must accept them)."""

from __future__ import annotations

import copy
import functools
import re
import types
import typing
from datetime import datetime
from typing import Any, Literal, Union

import attrs
from hypothesis import reject
from hypothesis import strategies as st

import incidentkit
from incidentkit import Time, examples, to_dict
from incidentkit._fields import DocEnum, Model, compile_pattern, constraints_of
from incidentkit.errors import join_path

DELETE = object()

#: (what is wrong, where, the new value or DELETE, the library's path if not ``where``)
MUTATIONS: list[tuple[str, tuple[str | int, ...], Any, str | None]] = [
    ("wrong type: string for boolean", ("when", "approximate"), "yes", None),
    ("wrong type: integer for boolean", ("when", "approximate"), 1, None),
    ("wrong type: string for integer", ("outcomes", 3, "count", "best"), "40", None),
    ("wrong type: fraction for integer", ("outcomes", 3, "count", "best"), 40.5, None),
    ("wrong type: null for required", ("when",), None, None),
    ("wrong type: null for array", ("actors",), None, None),
    ("wrong type: string for array", ("tags",), "x", None),
    ("wrong type: array for object", ("where",), [], None),
    ("out of range: negative count", ("outcomes", 3, "count", "best"), -1, None),
    ("out of range: count above 2**53", ("outcomes", 3, "count", "best"), 2**53, None),
    ("out of range: distance", ("outcomes", 4, "location", "relative", "distance"), -0.5, None),
    (
        "out of range: exclusive bearing",
        ("outcomes", 4, "location", "relative", "bearing"),
        360,
        None,
    ),
    ("out of range: latitude", ("where", "point"), {"lat": 90.5, "lon": 0}, "$.where.point.lat"),
    ("unknown key", ("surprise",), True, None),
    ("unknown key, nested", ("where", "admin1", "pcode"), "AF-FYB", None),
    ("unknown key, in an actor", ("actors", 0, "rank"), "x", None),
    ("bad enum", ("type",), "skirmish", None),
    ("bad enum, in an actor", ("actors", 0, "kind"), "aliens", None),
    ("bad enum: wrong case", ("status",), "Reported", None),
    ("bad tag", ("actors", 0, "type"), "robot", None),
    ("missing tag", ("actors", 0, "type"), DELETE, None),
    ("bad country code", ("where", "country"), "ZZ", None),
    ("bad pattern: id", ("id",), "-almar", None),
    ("bad pattern: id with a trailing newline", ("id",), "almar\n", None),
    ("bad pattern: time zone", ("when", "tz"), "Kabul", None),
    ("bad pattern: language", ("actors", 0, "aliases", 0, "language"), "English", None),
    ("bad pattern: claim target", ("claims", 0, "target"), "outcomes[0]", None),
    (
        "bad pattern: extensions key",
        ("extensions",),
        {"Acme Corp": {}},
        '$.extensions["Acme Corp"]',
    ),
    ("bad pattern: URL scheme", ("sources", 0, "url"), "ftp://tolonews.com/x", None),
    ("bad pattern: URL with a space", ("sources", 0, "url"), "https://tolo news.com/", None),
    ("bad pattern: URL not ASCII", ("sources", 0, "url"), "https://tolonews.com/\u00fc", None),
    ("bad pattern: URL bad escape", ("sources", 0, "url"), "https://tolonews.com/%zz", None),
    ("too long: notes", ("notes",), "x" * 20_001, None),
    ("too short: note", ("participants", 2, "note"), "", None),
    ("too long: a tag", ("tags",), ["x" * 65], "$.tags[0]"),
    ("not unique: tags", ("tags",), ["a", "a"], None),
    ("not unique: related", ("related",), ["x", "x"], None),
    ("missing required", ("when",), DELETE, None),
    ("missing required, nested", ("participants", 0, "role"), DELETE, None),
    ("bad format: no T", ("when", "at"), "2021-03-11 13:00:00+04:30", None),
    ("bad format: no offset", ("when", "at"), "2021-03-11T13:00:00", None),
    ("bad format: hour 24", ("when", "at"), "2021-03-11T24:00:00+04:30", None),
    ("bad format: leap second", ("when", "at"), "2016-12-31T23:59:60+04:30", None),
    ("bad format: 30 February", ("when", "at"), "2021-02-30T13:00:00+04:30", None),
    ("bad format: year 0", ("when", "at"), "0000-03-11T13:00:00+04:30", None),
    ("bad format: offset hours", ("when", "at"), "2021-03-11T13:00:00+24:00", None),
    ("bad format: date only", ("when", "at"), "2021-03-11", None),
]


def mutated(name: str) -> tuple[dict[str, Any], str]:
    """The reference incident with one mutation applied, and the path at fault."""
    _, where, value, path = next(m for m in MUTATIONS if m[0] == name)
    data = to_dict(examples.INCIDENT)
    data.setdefault("sources", [{}])[0].setdefault("url", "https://tolonews.com/")
    data.setdefault("claims", [{}])
    parent: Any = data
    for key in where[:-1]:
        parent = parent[key]
    if value is DELETE:
        del parent[where[-1]]
    else:
        parent[where[-1]] = copy.deepcopy(value)
    if path is None:
        path = "$"
        for key in where:
            path = join_path(path, key)
    return data, path


# ---------------------------------------------------------------- valid records

_ZONES = ("UTC", "Asia/Kabul", "Asia/Kolkata", "America/New_York", "Europe/Kyiv")


@st.composite
def times(draw: st.DrawFn) -> Time:
    """Valid times: the precision and zone rules are hard to hit at random."""
    depth = draw(st.integers(0, 5))
    parts = [
        draw(st.integers(1, 12)),
        draw(st.integers(1, 28)),
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        draw(st.integers(0, 59)),
    ][:depth]
    part_of_day = draw(st.sampled_from(list(incidentkit.PartOfDay))) if depth == 2 else None
    return Time.local(
        draw(st.integers(1970, 2100)),
        *parts,
        tz=draw(st.sampled_from(_ZONES)),
        part_of_day=part_of_day if draw(st.booleans()) else None,
        approximate=draw(st.booleans()),
        margin_seconds=draw(st.none() | st.integers(0, 86_400)),
    )


@functools.cache
def records(cls: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Records of ``cls`` drawn from its field declarations; cross-field rules are
    met by filtering (so use it for the smaller classes)."""
    if cls is Time:
        return times()
    if typing.get_origin(cls) in (Union, types.UnionType):
        return st.one_of([records(member, depth) for member in typing.get_args(cls)])
    hints = typing.get_type_hints(cls)
    fields = [
        (a.name, a.default is not attrs.NOTHING, _values(hints[a.name], a, depth))
        for a in attrs.fields(cls)
    ]

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        kwargs: dict[str, Any] = {}
        for name, optional, values in fields:
            if optional and (depth > 1 or draw(st.booleans())):
                continue
            kwargs[name] = draw(values)
        try:
            return cls(**kwargs)
        except incidentkit.ValidationError:
            reject()

    return build()


def _values(tp: Any, attribute: attrs.Attribute[Any], depth: int) -> st.SearchStrategy[Any]:
    meta = constraints_of(attribute)
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        inner = rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007
        return _values(inner, attribute, depth)  # None is omitted; nulls: test_schema
    if origin is tuple:
        items = _scalars(args[0], meta, depth)
        return st.lists(items, max_size=2, unique=meta.unique).map(tuple)
    if origin is dict:
        keys = st.from_regex(compile_pattern(meta.pattern or "^[a-z]+$"))
        return st.dictionaries(keys.filter(lambda k: len(k) <= 100), st.integers(), max_size=2)
    return _scalars(tp, meta, depth)


def _scalars(tp: Any, meta: Any, depth: int) -> st.SearchStrategy[Any]:
    if typing.get_origin(tp) is Literal:
        return st.just(typing.get_args(tp)[0])
    if isinstance(tp, type) and issubclass(tp, DocEnum):
        return st.sampled_from(list(tp))
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(int(meta.ge), int(meta.le))
    if tp is float:
        return st.floats(
            meta.ge if meta.ge is not None else meta.gt,
            meta.le if meta.le is not None else meta.lt,
            exclude_min=meta.gt is not None,
            exclude_max=meta.lt is not None,
        )
    if tp is str:
        if meta.choices is not None:
            return st.sampled_from(meta.choices)
        low, high = meta.min_length or 0, min(meta.max_length or 30, 30)
        if meta.pattern is not None:
            strings = st.from_regex(compile_pattern(meta.pattern))
            return strings.filter(lambda s: low <= len(s) <= (meta.max_length or len(s)))
        alphabet = st.characters(exclude_categories=("Cs",))
        return st.text(alphabet, min_size=low, max_size=high)
    if tp is datetime:  # pragma: no cover - only Time has one, drawn by times()
        raise AssertionError("datetime fields are drawn by times()")
    if (isinstance(tp, type) and issubclass(tp, Model)) or typing.get_origin(tp):
        return st.deferred(lambda: records(tp, depth + 1))
    raise AssertionError(f"no strategy for {tp!r}")


#: Classes whose records are drawn from their declarations in the tests.
DRAWN = [
    incidentkit.Count,
    incidentkit.Point,
    incidentkit.AdminArea,
    incidentkit.Alias,
    incidentkit.Person,
    incidentkit.Organization,
    incidentkit.Group,
    incidentkit.Actor,
    incidentkit.Location,
    incidentkit.Time,
    incidentkit.Source,
    incidentkit.Tally,
    incidentkit.Casualties,
    incidentkit.Outcome,
    incidentkit.Post,
]

#: Every regex the declarations use, with the one the codec reads date-times with.
PATTERNS = sorted(
    {
        constraints_of(a).pattern
        for name in incidentkit.__all__
        if isinstance(cls := getattr(incidentkit, name), type) and issubclass(cls, Model)
        for a in attrs.fields(cls)
        if constraints_of(a).pattern
    }
    | {incidentkit._fields.DATETIME_PATTERN}
)

# Strings that tell regex dialects apart: Unicode digits and spaces, line ends.
TRICKY = ["", "\n", "a\n", "\u0661\u0662", "\u00a0", "\ufeff", "\u2028", "\x1c", "\U0001f600"]


def tricky_variants(sample: str) -> list[str]:
    """A matching string bent in the ways Python and ECMA-262 regexes differ."""
    out = [sample + t for t in TRICKY] + [t + sample for t in TRICKY]
    out += [re.sub("[0-9]", "\u0663", sample), sample.upper(), sample.replace("-", "\u2010")]
    return out
