"""Shared by the schema tests: documents the library rejects for a field-level
reason (the schema must reject them too), and valid records drawn from the field
declarations (the schema must accept them)."""

from __future__ import annotations

import copy
import re
from typing import Any

import attrs

import incidentkit
from incidentkit import examples, to_dict
from incidentkit._fields import Model, constraints_of
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
