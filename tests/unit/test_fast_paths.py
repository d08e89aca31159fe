"""The fast paths give exactly what the reference paths give.

Records are checked by compiled checkers (``_fields``), read and written by compiled
functions (``_compiled``), and date-times parsed without dateutil's ``isoparse`` in
the common case. Each of these must agree with the reference it stands in for: the
detailed checker, the cattrs converter, ``isoparse``. Agreement here means the same
verdict, the same records, the same problems and the same keys in the same order.
"""

from __future__ import annotations

import copy
import math
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Literal

import attrs
import pytest
from dateutil.parser import isoparse
from hypothesis import given, settings
from hypothesis import strategies as st

import incidentkit
from incidentkit import (
    Incident,
    Location,
    Time,
    TimePrecision,
    codec,
    examples,
    from_dict,
    strategies,
    to_dict,
)
from incidentkit._checks import compile_checker as _compile_checker
from incidentkit._checks import detailed_checker as _detailed_checker
from incidentkit._compiled import Invalid
from incidentkit._fields import DocEnum, Model, is_tag

# ------------------------------------------------------------ date-times


def _outcome(fn: Any, text: str) -> tuple[str, Any]:
    """The value read (its wall time, offset and fold; the tzinfo objects differ:
    incidentkit uses ``datetime.timezone``, isoparse dateutil's ``tzoffset``), or
    that it was refused."""
    try:
        value = fn(text)
    except (ValueError, OverflowError):
        return "error", None
    return "value", (value.replace(tzinfo=None), value.utcoffset(), value.fold)


def _digits(n: int, top: int) -> st.SearchStrategy[str]:
    return st.integers(0, top).map(lambda i: str(i).zfill(n))


_RFC3339_TEXT = st.builds(
    lambda y, mo, d, sep, h, mi, s, frac, off: f"{y}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{off}",
    _digits(4, 9999),
    _digits(2, 13),
    _digits(2, 32),
    st.sampled_from("Tt"),
    _digits(2, 25),
    _digits(2, 60),
    _digits(2, 61),
    st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=9).map(".".__add__)),
    st.one_of(
        st.sampled_from(["Z", "z", "+00:00", "-00:00"]),
        st.builds(
            lambda sign, h, m: f"{sign}{h}:{m}",
            st.sampled_from("+-"),
            _digits(2, 25),
            _digits(2, 61),
        ),
    ),
)


@given(_RFC3339_TEXT)
def test_datetimes_are_read_as_isoparse_reads_them(text: str) -> None:
    if codec._RFC3339.match(text):
        assert _outcome(codec._parse_rfc3339, text) == _outcome(isoparse, text)
    else:  # hour 24, second 60, year 0000, offset +24:00: refused before parsing
        with pytest.raises(ValueError, match="RFC 3339"):
            codec._structure_datetime(text, datetime)


@pytest.mark.parametrize(
    "text",
    [
        "2021-03-11T13:00:00+04:30",
        "2021-03-11T24:00:00Z",
        "2021-03-11T24:00:01Z",
        "2021-02-29T10:00:00+01:00",
        "2021-03-11T13:00:60+00:00",
        "9999-12-31T24:00:00+00:00",
        "2021-03-11T13:00:00.1234567-00:00",
        "2021-03-11T13:00:00+24:00",
        "2021-03-11T13:00:00+05:60",
        "0000-01-01T00:00:00Z",
    ],
)
def test_unusual_datetimes_are_read_as_isoparse_reads_them(text: str) -> None:
    if codec._RFC3339.match(text):
        assert _outcome(codec._parse_rfc3339, text) == _outcome(isoparse, text)
    else:
        with pytest.raises(ValueError, match="RFC 3339"):
            codec._structure_datetime(text, datetime)


@pytest.mark.parametrize("text", ["2021-03-11t13:00:00z", "2021-03-11T13:00:00.5Z"])
def test_datetimes_get_fixed_timezone_offsets(text: str) -> None:
    value = codec._parse_rfc3339(text)
    assert value.tzinfo is timezone.utc
    assert codec._parse_rfc3339("2021-03-11T13:00:00-05:00").tzinfo == timezone(
        timedelta(hours=-5)
    )


# ------------------------------------------------------------ checkers


def _instances() -> dict[type, Any]:
    """One instance of every record class that the examples contain."""
    found: dict[type, Any] = {}

    def walk(value: Any) -> None:
        if attrs.has(type(value)):
            found.setdefault(type(value), value)
            for attribute in attrs.fields(type(value)):
                walk(getattr(value, attribute.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    for record in examples.RECORDS:
        walk(record)
    return found


INSTANCES = _instances()
NAIVE = datetime(2021, 3, 11, 13)
CANDIDATES: list[Any] = [
    None, True, False, 0, 1, -1, 2**53, 2**64, 1.5, -0.0, 91.0, math.nan, math.inf,
    "", "a", "A-1", "x" * 300, "\ud800", "é\ud800", "AF", "ZZ", "Asia/Kabul", "$.notes",
    "https://example.org/a", "fa-AF", "Arab", "acled", " trailing", "line\n",
    (), ("a",), ("a", "a"), (1,), ("x" * 65,), ("",), [], ["a"], {}, {"a": 1},
    {"acled": {"x": [1, None, "s"]}}, {"Bad Key": 1}, {"acled": {"x": math.nan}},
    {"acled": 2**70}, {"acled": {1: 2}}, {1: "x"}, NAIVE,
    NAIVE.replace(tzinfo=timezone.utc), NAIVE.replace(tzinfo=timezone(timedelta(hours=4.5))),
    *[member for enum in DocEnum.__subclasses__() for member in list(enum)[:2]],
    *INSTANCES.values(),
]  # fmt: skip


def _verdict(check: Any, obj: Any) -> Any:
    try:
        return list(check(obj))
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return type(exc)


@pytest.mark.parametrize("cls", sorted(INSTANCES, key=lambda c: c.__name__), ids=str)
def test_compiled_checkers_find_what_the_detailed_ones_find(cls: type) -> None:
    assert issubclass(cls, Model)
    fast, detailed = _compile_checker(cls), _detailed_checker(cls)
    for attribute in attrs.fields(cls):
        for candidate in [*CANDIDATES, getattr(INSTANCES[cls], attribute.name)]:
            obj = copy.copy(INSTANCES[cls])
            object.__setattr__(obj, attribute.name, candidate)
            assert _verdict(fast, obj) == _verdict(detailed, obj), (attribute.name, candidate)


def test_subclasses_are_checked_with_their_own_rules() -> None:
    from collections.abc import Iterator

    from incidentkit import Count, Problem, ValidationError
    from incidentkit._fields import record, rule

    @record
    class EvenCount(Count):
        @rule("best is even")
        def _even(self) -> Iterator[Problem]:
            if self.best % 2:
                yield Problem("$.best", "odd")

    class Unrecorded(EvenCount):
        pass

    assert Count(best=1).best == 1  # Count's compiled check is in place now
    for cls in (EvenCount, Unrecorded, EvenCount):
        with pytest.raises(ValidationError, match="odd"):
            cls(best=1)
        with pytest.raises(ValidationError, match=">= 0"):
            cls(best=-2)
        assert cls(best=2).best == 2


def test_the_checker_compiler_falls_back_for_constraints_it_does_not_know(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from incidentkit import _checks

    monkeypatch.setattr(_checks, "_INLINED", _checks._INLINED - {"pattern"})
    fast = _compile_checker(incidentkit.Source)
    obj = copy.copy(INSTANCES[incidentkit.Source])
    object.__setattr__(obj, "url", "javascript:alert(1)")
    assert [p.path for p in fast(obj)] == ["$.url"]
    assert "_passes" in fast.__code__.co_names or "_passes" in str(fast.__code__.co_consts)


# ------------------------------------------------------------ reading and writing


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path inside a JSON value."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _locations(item, (*path, index))
    return found


def _reference(data: Any, cls: Any) -> tuple[str, Any]:
    try:
        return "ok", codec.converter().structure(data, cls)
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return "error", type(exc)


def _fast(data: Any, cls: Any) -> tuple[str, Any]:
    fast = codec._fast_structure(cls)
    assert fast is not None
    try:
        return "ok", fast(data)
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return "error", type(exc)


def _ordered(value: Any) -> str:
    """Values, types and key order (str and enum members, 1 and 1.0 differ)."""
    return repr(value)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)
REPLACEMENTS = st.one_of(
    st.sampled_from(
        [c for c in CANDIDATES if not attrs.has(type(c)) and not isinstance(c, (tuple, datetime))]
    ),
    st.sampled_from([to_dict(i) for i in INSTANCES.values()]),
    st.sampled_from(["2021-03-11T13:00:00+04:30", "2021-03-11T13:20:00Z", "2021-03-11 13:00"]),
    JSON_VALUES,
)


@pytest.mark.slow
@pytest.mark.parametrize("record", examples.RECORDS, ids=lambda r: type(r).__name__)
@given(data=st.data())
def test_compiled_reading_agrees_with_the_converter(record: Any, data: st.DataObject) -> None:
    cls = type(record)
    wire = to_dict(record)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_locations(wire)[1:]))
        parent = wire
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=8))] = copy.deepcopy(data.draw(REPLACEMENTS))
        else:
            parent[path[-1]] = copy.deepcopy(data.draw(REPLACEMENTS))
    fast, reference = _fast(copy.deepcopy(wire), cls), _reference(copy.deepcopy(wire), cls)
    assert fast[0] == reference[0]
    if fast[0] == "ok":
        assert fast[1] == reference[1]
        assert _ordered(to_dict(fast[1])) == _ordered(codec.converter().unstructure(reference[1]))


def test_keys_are_proven_by_count_on_plain_dicts_only() -> None:
    """The compiled functions prove an object's keys by reading the required ones
    and counting the others: a missing key, an unknown one beside the optional ones
    and a mapping that answers for missing keys each go to the converter."""
    import collections

    wire = to_dict(examples.INCIDENT)
    cls = type(examples.INCIDENT)
    when = dict(wire["when"])
    assert _fast(wire, cls) == ("ok", examples.INCIDENT)
    for broken in (
        {k: v for k, v in when.items() if k != "tz"},  # a required key missing
        {**when, "zz": 1},  # an unknown key beside the optional ones
        {"at": when["at"], "tz": when["tz"], "zz": 1},  # one for a required key
    ):
        assert _fast({**wire, "when": broken}, cls)[0] == "error"
        with pytest.raises(incidentkit.ValidationError):
            from_dict({**wire, "when": broken}, cls)
    # A defaultdict answers a missing key with its default: what that makes is the
    # converter's to say, not the count's.
    answering = collections.defaultdict(lambda: "Asia/Kabul", when)
    del answering["tz"]
    assert _fast({**wire, "when": answering}, cls)[0] == "error"
    made = from_dict({**wire, "when": answering}, cls)
    assert made == codec.converter().structure({**wire, "when": answering}, cls)
    ordered = {**wire, "when": collections.OrderedDict(when)}
    assert from_dict(ordered, cls) == examples.INCIDENT  # (by the converter)


@pytest.mark.parametrize("record", [*examples.RECORDS, *INSTANCES.values()], ids=repr)
def test_compiled_writing_agrees_with_the_converter(
    record: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _ordered(to_dict(record)) == _ordered(codec.converter().unstructure(record))
    for backend in ("orjson", None):  # JSON text as if written from to_dict
        if backend is None:
            monkeypatch.setattr(codec, "orjson", None)
        for indent in (False, True):
            expected = codec.encode_json(codec.converter().unstructure(record), indent)
            assert incidentkit.dumps(record, indent=indent) == expected


@settings(max_examples=25)
@given(
    record=st.one_of(
        strategies.incidents(), strategies.defections(), strategies.bundles(), strategies.times()
    )
)
def test_compiled_writing_agrees_with_the_converter_on_drawn_records(record: Any) -> None:
    """The writers inline nested records and test defaults their own way (by truth
    for empty tuples and flags, by identity for None and members): the same keys in
    the same order as cattrs', and the same text and bytes from both JSON writers."""
    reference = codec.converter().unstructure(record)
    assert _ordered(to_dict(record)) == _ordered(reference)
    for backend in ("orjson", None):
        with pytest.MonkeyPatch.context() as patch:
            if backend is None:
                patch.setattr(codec, "orjson", None)
            for indent in (False, True):
                expected = codec.encode_json(reference, indent)
                assert incidentkit.dumps(record, indent=indent) == expected
                assert incidentkit.dumpb(record, indent=indent) == expected.encode()


def test_flags_and_tags_are_written_as_the_converter_writes_them() -> None:
    """The writers test a flag by truth and write the other value as a constant,
    and write a union member's tag as its constant: every flag of the example's
    records, at both values, and flags whose default is True."""
    from incidentkit._fields import field, record, tag_field

    @record
    class Lamp(Model):
        """A union member with a flag of each default."""

        type: Literal["lamp"] = tag_field("lamp", description="Tag.")
        lit: bool = field(default=True, description="Lit.")
        broken: bool = field(default=False, description="Broken.")

    def agree(value: Any) -> None:
        reference = codec.converter().unstructure(value)
        assert _ordered(to_dict(value)) == _ordered(reference)
        assert incidentkit.dumpb(value) == codec.encode_json(reference, False).encode()

    for lit, broken in ((True, False), (False, False), (True, True), (False, True)):
        agree(Lamp(lit=lit, broken=broken))
    flipped = 0
    for value in _nested(examples.INCIDENT):
        for attribute in attrs.fields(type(value)):
            if type(attribute.default) is bool:
                changed = {attribute.name: not getattr(value, attribute.name)}
                agree(value)
                agree(attrs.evolve(value, **changed))
                flipped += 1
    assert flipped >= 5
    agree(examples.INCIDENT)  # its actors: each kind, tagged


def _nested(value: Any) -> Any:
    """Every record in ``value``, itself included, outer ones first."""
    if attrs.has(type(value)):
        yield value
        for attribute in attrs.fields(type(value)):
            yield from _nested(getattr(value, attribute.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _nested(item)


def test_the_union_is_read_and_written_by_its_tag() -> None:
    for actor in INCIDENT_ACTORS:
        assert from_dict(to_dict(actor), incidentkit.Actor) == actor
        assert _fast(to_dict(actor), incidentkit.Actor) == ("ok", actor)
    assert _fast({"type": "robot"}, incidentkit.Actor)[0] == "error"
    assert _fast([], incidentkit.Actor)[0] == "error"


INCIDENT_ACTORS = examples.INCIDENT.actors


def test_reading_falls_back_to_the_converter_for_every_problem() -> None:
    data = to_dict(examples.INCIDENT)
    data["where"]["point"] = {"lat": 91, "lon": 0}
    data["when"]["at"] = "2021-03-11T13:00:00+05:00"
    with pytest.raises(incidentkit.ValidationError) as info:
        from_dict(data, Incident)
    assert info.value.paths == ["$.when.at", "$.where.point.lat"]


def test_to_dict_gives_fresh_containers() -> None:
    record = attrs.evolve(examples.INCIDENT, extensions={"acled": {"tags": ["a"]}})
    data = to_dict(record)
    data["extensions"]["acled"]["tags"].append("b")
    data["tags"].append("x")
    assert record.extensions == {"acled": {"tags": ["a"]}}
    assert to_dict(record) != data


def test_floats_and_locations_are_read_as_the_converter_reads_them() -> None:
    data = {"precision": "exact", "point": {"lat": 1, "lon": 2.5}}
    assert _fast(data, Location) == _reference(data, Location)
    assert type(from_dict(data, Location).point.lat) is float  # type: ignore[union-attr]
    assert "'lat': 1.0" in _ordered(to_dict(from_dict(data, Location)))


@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.sampled_from(["Asia/Kabul", "Europe/Kyiv", "America/New_York", "UTC", "Asia/Kolkata"]),
    st.booleans(),
)
def test_times_are_written_as_isoformat_writes_them(
    moment: datetime, zone: str, through_json: bool
) -> None:
    try:
        time = incidentkit.Time.local(
            moment.year, moment.month, moment.day, moment.hour, moment.minute, tz=zone
        )
    except incidentkit.ValidationError:
        return  # e.g. an offset that is not whole minutes (local mean time)
    if through_json:
        time = from_dict(to_dict(time), incidentkit.Time)
    for indent in (False, True):
        expected = codec.encode_json(codec.converter().unstructure(time), indent)
        assert incidentkit.dumps(time, indent=indent) == expected


def test_records_that_check_more_are_read_through_their_own_init() -> None:
    from incidentkit import Count
    from incidentkit._fields import record

    seen: list[int] = []

    @record
    class Noted(Count):
        def __attrs_post_init__(self) -> None:
            super().__attrs_post_init__()
            seen.append(self.best)

    assert from_dict({"best": 7}, Noted) == Noted(best=7)
    assert seen == [7, 7]
    with pytest.raises(incidentkit.ValidationError):
        from_dict({"best": -7}, Noted)


def test_a_default_that_breaks_its_own_constraints_is_still_refused() -> None:
    from incidentkit._fields import Model, field, record

    @record
    class Odd(Model):
        name: str = field(default="", min_length=1, description="A name.")

    data: dict[str, Any] = {}
    assert _fast(data, Odd)[0] == _reference(data, Odd)[0] == "error"
    with pytest.raises(incidentkit.ValidationError, match="at least 1"):
        from_dict(data, Odd)
    assert from_dict({"name": "x"}, Odd) == Odd(name="x")


def test_a_field_type_the_type_tree_does_not_know_is_a_declaration_error() -> None:
    """Every consumer reads the type tree, so a type it cannot describe is refused
    once, clearly, when the class is first used, not checked some other way."""
    from incidentkit._fields import Model, field, record
    from incidentkit._typetree import record_info

    @record
    class Priced(Model):
        amount: Decimal = field(description="An amount.", ge=0)

    with pytest.raises(TypeError, match="unsupported field type"):
        record_info(Priced)
    with pytest.raises(TypeError, match="unsupported field type"):
        Priced(amount=Decimal(1))


@pytest.mark.parametrize(
    "cls", [c for c in INSTANCES if any(is_tag(a) for a in attrs.fields(c))], ids=str
)
def test_compiled_reading_requires_the_tag_of_a_union_member(cls: type) -> None:
    wire = to_dict(INSTANCES[cls])
    assert _fast(wire, cls) == ("ok", INSTANCES[cls])
    del wire["type"]
    assert _fast(wire, cls)[0] == "error"
    with pytest.raises(incidentkit.ValidationError) as caught:
        from_dict(wire, cls)
    assert [(p.path, p.message) for p in caught.value.errors] == [
        ("$.type", "required key missing")
    ]


def test_integral_numbers_are_read_as_integers_through_the_fallback() -> None:
    wire = to_dict(examples.INCIDENT)
    counts = [path for path in _locations(wire) if path[-1:] == ("best",)]
    assert counts
    for path in counts:
        changed = copy.deepcopy(wire)
        parent = changed
        for key in path[:-1]:
            parent = parent[key]
        parent["best"] = float(parent["best"])
        assert _fast(changed, Incident)[0] == "error"  # the converter reads it instead
        record = from_dict(changed, Incident)
        assert record == examples.INCIDENT
        assert _ordered(to_dict(record)) == _ordered(wire)
        parent["best"] += 0.5
        with pytest.raises(incidentkit.ValidationError, match="expected integer"):
            from_dict(changed, Incident)


def test_import_leaves_slow_modules_for_first_use() -> None:
    import subprocess
    import sys

    slow = ["json", "orjson", "cattrs", "zoneinfo", "dateutil", "msgspec"]
    code = f"import sys, incidentkit; print([m for m in {slow!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    # ... and the names they back are still there, the same objects as in their modules
    from incidentkit.schema import json_schema
    from incidentkit.timephrases import resolve_time

    assert (incidentkit.json_schema, incidentkit.resolve_time) == (json_schema, resolve_time)


@given(
    year=st.sampled_from([1, 2, 3, 4, 9996, 9997, 9998, 9999]) | st.integers(1, 9999),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    precision=st.sampled_from([p for p in TimePrecision if p is not TimePrecision.PART_OF_DAY]),
    span=st.sampled_from([1, 2, 400, 1_000_000]) | st.integers(1, 1_000_000),
    margin=st.none() | st.sampled_from([0, 86_400, 315_000_000]) | st.integers(0, 315_000_000),
    approximate=st.booleans(),
    tz=st.sampled_from(["UTC", "Asia/Kabul", "Pacific/Kiritimati", "Pacific/Pago_Pago"]),
)
def test_the_year_range_rule_agrees_with_computing_the_bounds(
    year: int,
    month: int,
    day: int,
    precision: TimePrecision,
    span: int,
    margin: int | None,
    approximate: bool,
    tz: str,
) -> None:
    value = copy.copy(INSTANCES[Time])
    zone = incidentkit.time.get_zone(tz)
    for name, field_value in [
        ("at", datetime(year, month, day, tzinfo=zone)),
        ("tz", tz),
        ("precision", precision),
        ("part_of_day", None),
        ("span", span),
        ("margin_seconds", margin),
        ("approximate", approximate),
    ]:
        object.__setattr__(value, name, field_value)
    try:
        value.bounds  # noqa: B018 - computing the bounds is the reference
        representable = True
    except (OverflowError, ValueError):
        representable = False
    assert (list(value._representable()) == []) == representable


def test_compiled_checks_test_every_field_inline() -> None:
    """No field of any record is left to the detailed check (as every field was when
    a constraint was added that the compiler did not list): decoding was twice as slow."""
    import linecache

    from incidentkit._hypothesis_plugin import record_classes

    for cls in record_classes():
        if not cls.__module__.startswith("incidentkit."):
            continue  # records that tests declare (some with types the tree refuses)
        checker = _compile_checker(cls)
        text = "".join(linecache.getlines(checker.__code__.co_filename))
        assert "_passes(" not in text, cls.__name__


@pytest.mark.parametrize("record", examples.RECORDS, ids=lambda r: type(r).__name__)
def test_reference_ids_are_the_references_without_paths(record: Any) -> None:
    from incidentkit._typetree import reference_ids, references

    expected = [(to, ref) for _, to, ref in references(record)]
    assert reference_ids(record, []) == expected
    assert expected  # the examples refer to their actors


@pytest.mark.parametrize("record", examples.RECORDS, ids=lambda r: type(r).__name__)
def test_references_resolve_tests_what_the_references_are(record: Any) -> None:
    """The compiled resolver says yes exactly when every reference (with its path)
    names a known item of an allowed kind: with everything known, and with each
    referenced id left out or given another kind in turn."""
    from incidentkit._typetree import references, references_resolve

    def expected(known: dict[str, dict[str, str]]) -> bool:
        return all(
            ref in known.get(to.collection, {})
            and (not to.kinds or known[to.collection][ref] in to.kinds)
            for _, to, ref in references(record)
        )

    full: dict[str, dict[str, str]] = {"actors": {}, "sources": {}}
    for _, to, ref in references(record):
        full[to.collection][ref] = to.kinds[0] if to.kinds else "organization"
    assert references_resolve(record, full) is True
    variants = []
    for collection, ids in full.items():
        for ref in ids:
            variants.append({**full, collection: {k: v for k, v in ids.items() if k != ref}})
            variants.append({**full, collection: {**ids, ref: "person"}})
    assert len(variants) > 4
    for known in variants:
        assert references_resolve(record, known) is expected(known)


# ---------------------------------------------------------------- attrs internals
# The compiled reading functions build a record as attrs' generated __init__ does
# (set each slot, then __attrs_post_init__), where they can tell that __init__ is
# attrs' own. These tests pin what they rely on, so an attrs release that changes
# it fails here, not silently in the fast path.


@pytest.mark.parametrize("cls", list(INSTANCES), ids=lambda c: c.__name__)
def test_attrs_internals_the_slot_setting_fast_path_relies_on(cls: type) -> None:
    from incidentkit._compiled import _setters

    init = vars(cls)["__init__"]
    assert init.__code__.co_filename.startswith("<attrs generated"), cls
    assert cls.__new__ is object.__new__
    setters = _setters(cls)
    assert setters is not None, f"{cls.__name__}: the fast path would not set slots"
    assert list(setters) == [a.name for a in attrs.fields(cls)]
    # Setting the slots and running the post-init check makes what __init__ makes.
    obj = object.__new__(cls)
    for attribute in attrs.fields(cls):
        setters[attribute.name](obj, getattr(INSTANCES[cls], attribute.name))
    obj.__attrs_post_init__()
    assert obj == INSTANCES[cls]
    assert repr(obj) == repr(INSTANCES[cls])


@pytest.mark.parametrize("cls", list(INSTANCES), ids=lambda c: c.__name__)
def test_every_record_class_has_a_builder_of_the_same_layout(cls: type) -> None:
    """The compiled reading functions store fields on a mutable twin and then set
    ``__class__``; a layout Python refuses to reassign would silently fall back to
    the slower slot setters, which this catches."""
    import weakref

    from incidentkit._compiled import _builder

    builder = _builder(cls)
    assert builder is not None, f"{cls.__name__}: no builder"
    obj = object.__new__(builder)
    for attribute in attrs.fields(cls):
        setattr(obj, attribute.name, getattr(INSTANCES[cls], attribute.name))
    obj.__class__ = cls
    obj.__attrs_post_init__()
    assert type(obj) is cls
    assert obj == INSTANCES[cls]
    assert weakref.ref(obj)() is obj  # records still take weak references
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        obj.__setattr__(attrs.fields(cls)[0].name, None)


def test_clear_caches_resets_checks_and_reading_functions_together() -> None:
    """Regression: after rules were switched off and back on, from_dict accepted what
    the constructor refused, because the compiled reading function kept the old rules."""
    from unittest import mock

    from incidentkit import Count, CountQualifier, ValidationError, _model
    from incidentkit._caches import clear_caches

    wire = {"best": 5, "low": 7, "qualifier": "about"}
    with mock.patch.object(_model, "rule_methods", return_value=[]):
        clear_caches()
        assert from_dict(wire, Count).low == 7  # no rules: accepted by both
        assert Count(best=5, low=7, qualifier=CountQualifier.ABOUT).low == 7
    clear_caches()
    with pytest.raises(ValidationError):
        Count(best=5, low=7, qualifier=CountQualifier.ABOUT)
    with pytest.raises(ValidationError):
        from_dict(wire, Count)


def _read_the_full_way(text: str) -> datetime | None:
    """What ``_read_datetime`` gave before its shortcut (None: refused)."""
    if not codec._RFC3339.match(text):
        return None
    try:
        return codec._parse_rfc3339(text)
    except (ValueError, OverflowError):
        return None


_PLAIN_CHARACTER = st.sampled_from("0123456789" * 4 + "a ٣+-:T")


@settings(max_examples=400)
@given(
    text=st.one_of(
        _RFC3339_TEXT,
        st.lists(_PLAIN_CHARACTER, min_size=25, max_size=25).map(
            lambda cs: "".join(
                {4: "-", 7: "-", 10: "T", 13: ":", 16: ":", 22: ":"}.get(i, c)
                for i, c in enumerate(cs)
            )
        ),
    )
)
def test_the_plain_date_time_shortcut_reads_what_the_full_way_reads(text: str) -> None:
    try:
        got: datetime | None = codec._read_datetime(text)
    except Invalid:
        got = None
    expected = _read_the_full_way(text)
    assert got == expected, text
    if got is not None and expected is not None:
        assert got.replace(tzinfo=None) == expected.replace(tzinfo=None)
        assert (got.utcoffset(), type(got.tzinfo)) == (expected.utcoffset(), type(expected.tzinfo))


@pytest.mark.parametrize(
    "text",
    [
        "2021-03-11T24:00:00+04:30",  # newer Pythons read 24:00 as the next day
        "2021-03-11T13:00:00+04:75",  # older ones take 75 minutes of offset
        "0000-03-11T13:00:00+04:30",
        "2021-02-29T13:00:00+04:30",
        "2021-03-11T13:00:60+04:30",
        "2021-03-11T13:00:00+24:00",
        "2021-03-11T1٣:00:00+04:30",
    ],
)
def test_the_plain_date_time_shortcut_refuses_what_the_pattern_refuses(text: str) -> None:
    with pytest.raises(Invalid):
        codec._read_datetime(text)
