"""The msgspec path of ``loads`` (``incidentkit._msgspec_decode``, extra ``fast``)
reads every text as the other paths do: it either leaves the text to them or
returns exactly the record they return. Checked on drawn records, on their
single-field breakages (``_mutations``) and on texts damaged the ways msgspec
reads differently from the library (unknown and duplicate keys, huge integers,
``40.0`` for an integer, NaN, lone surrogates, escapes, layouts)."""

from __future__ import annotations

import io
import json
import re
import threading
from datetime import datetime
from enum import Enum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import incidentkit as ik
from _mutations import draw_mutation
from incidentkit import codec, examples, strategies, to_dict
from incidentkit._fields import Model
from incidentkit._typetree import record_info
from incidentkit.errors import ValidationError

pytest.importorskip("msgspec", reason="the msgspec path needs msgspec (extra 'fast')")

from incidentkit import _msgspec_decode

RECORDS = st.one_of(
    strategies.incidents(),
    strategies.defections(),
    strategies.bundles(),
    strategies.times(),
    strategies.locations(),
    strategies.actors(),
    strategies.sources(),
    strategies.claims(),
)


def _reference(text: str | bytes, cls: Any) -> tuple[str, Any]:
    """What the other paths make of ``text``: the record, or "refused"."""
    try:
        return "ok", codec.from_dict(codec._decode(text, codec.DEFAULT_MAX_BYTES), cls)
    except ValidationError:
        return "refused", None


def _fast(text: str | bytes, cls: Any) -> Any:
    read = codec._fast_text(cls)
    assert read is not None, f"no msgspec reader for {cls.__name__}"
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return read(raw)


def _wire(value: Any) -> str:
    """Values, their types and key order, all the way down."""
    return repr(to_dict(value))


def _shape(value: Any) -> Any:
    """The value with the class of everything in it, all the way down (an enum
    member equals its string, and 1 equals 1.0)."""
    if isinstance(value, Model):
        fields = record_info(type(value)).fields
        return (type(value), [(f.name, _shape(getattr(value, f.name))) for f in fields])
    if isinstance(value, (tuple, list)):
        return (type(value), [_shape(item) for item in value])
    if isinstance(value, dict):
        return (type(value), [(_shape(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, datetime):
        return (type(value), value, type(value.tzinfo), value.utcoffset())
    return (type(value), value)


def _agree(text: str | bytes, cls: Any) -> Any:
    """Assert the msgspec path agrees with the others on ``text``; its result."""
    fast = _fast(text, cls)
    if fast is not None:
        verdict, expected = _reference(text, cls)
        assert verdict == "ok", f"msgspec accepted what the library refuses: {text!r:.300}"
        assert type(fast) is cls
        assert fast == expected
        assert _wire(fast) == _wire(expected)
        assert _shape(fast) == _shape(expected)
    return fast


def _text(record: Any) -> bytes:
    return ik.dumpb(record)


@settings(max_examples=60)
@given(record=RECORDS)
def test_drawn_records_are_read_as_the_other_paths_read_them(record: Any) -> None:
    text = _text(record)
    fast = _agree(text, type(record))
    if b'\\"' not in text:  # (texts with an escaped quote are left to the others)
        assert fast is not None, "a record the library wrote is left to the other paths"
        assert fast == record


@settings(max_examples=40)
@given(record=RECORDS, indent=st.sampled_from([None, 0, 2, "\t"]))
def test_spaced_and_indented_texts_are_read_as_compact_ones(record: Any, indent: Any) -> None:
    # json.dumps' default ", " and ": ", and pretty printing, as other tools write.
    text = json.dumps(to_dict(record), indent=indent, ensure_ascii=False)
    fast = _agree(text, type(record))
    if '\\"' not in text:
        assert fast == record


@settings(max_examples=60)
@given(record=RECORDS, data=st.data())
def test_breakages_of_single_fields_are_left_to_the_other_paths(
    record: Any, data: st.DataObject
) -> None:
    mutation = draw_mutation(data, record)
    broken = mutation.apply(to_dict(record))
    text = json.dumps(broken, ensure_ascii=data.draw(st.booleans()))
    assert _fast(text, type(record)) is None, str(mutation)
    assert _reference(text, type(record))[0] == "refused"


def _damaged(text: str, data: st.DataObject) -> str:
    """``text`` (compact JSON of a record) damaged one way msgspec could read
    differently from the library."""
    keys = [m.start() for m in re.finditer(r'"[a-z_]+":', text)]
    numbers = [m.span() for m in re.finditer(r"(?<=:)-?[0-9]+(?=[,}\]])", text)]
    how = data.draw(
        st.sampled_from(
            [
                "duplicate",
                "unknown",
                "huge",
                "float-for-int",
                "nan",
                "surrogate",
                "escape",
                "layout",
                "null",
            ]
        )
    )
    if how == "duplicate" and keys:  # a key repeated, before or after itself
        at = data.draw(st.sampled_from(keys))
        end = text.index(":", at)
        key = text[at:end]
        value = data.draw(st.sampled_from(['"x"', "1", "null", "[]", "{}", "true"]))
        return f"{text[:at]}{key}:{value},{text[at:]}"
    if how == "unknown" and keys:
        at = data.draw(st.sampled_from(keys))
        value = data.draw(st.sampled_from(['"a:b"', "1", "null", '{"k":"v"}', "[]"]))
        return f'{text[:at]}"zz_unknown":{value},{text[at:]}'
    if how in ("huge", "float-for-int") and numbers:
        start, end = data.draw(st.sampled_from(numbers))
        if how == "huge":
            number = str(data.draw(st.sampled_from([2**64, -(2**63) - 1, 10**30, 2**63])))
        else:
            number = text[start:end] + ".0"
        return text[:start] + number + text[end:]
    if how == "nan" and numbers:
        start, end = data.draw(st.sampled_from(numbers))
        return text[:start] + data.draw(st.sampled_from(["NaN", "Infinity", "1e400"])) + text[end:]
    if how == "surrogate":
        quotes = [m.start() for m in re.finditer('"', text)]
        at = data.draw(st.sampled_from(quotes)) + 1
        escape = data.draw(st.sampled_from(["\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u003a"]))
        return text[:at] + escape + text[at:]
    if how == "escape":  # every non-ASCII character, and colons, escaped
        return json.dumps(json.loads(text), ensure_ascii=True).replace(":", "\\u003a", 1)
    if how == "layout":
        return json.dumps(
            json.loads(text),
            indent=data.draw(st.sampled_from([None, 2])),
            sort_keys=data.draw(st.booleans()),
            separators=data.draw(st.sampled_from([None, (",", ":"), (" , ", " : ")])),
        )
    if how == "null" and keys:  # an explicit null (or the key's value as null)
        at = data.draw(st.sampled_from(keys))
        end = text.index(":", at) + 1
        value_end = data.draw(st.integers(end, min(len(text), end + 40)))
        return text[:end] + "null" + text[value_end:]
    return text


@settings(max_examples=150)
@given(record=RECORDS, data=st.data())
def test_damaged_texts_are_read_as_the_other_paths_read_them(
    record: Any, data: st.DataObject
) -> None:
    text = _text(record).decode("utf-8")
    _agree(_damaged(text, data), type(record))


@pytest.mark.parametrize(
    ("replace", "by"),
    [
        ('"precision":"minute"', '"precision":"minute","precision":"minute"'),  # duplicate
        ('"precision":"minute"', '"precision":"day","precision":"minute"'),
        ('"precision":"minute"', '"precision":"minute","zone":"UTC"'),  # unknown key
        ('"tz":"', '"tz":"\\ud800'),  # lone surrogate
        ('"span":5', '"span":18446744073709551616'),  # beyond 64 bits
        ('"span":5', '"span":NaN'),
        ('"span":5', '"span":5,"margin_seconds":null,"margin_seconds":null'),
        ('"at":"2021-03-11T13:20:00+04:30"', '"at":"2021-03-11 13:20:00+04:30"'),
        ('"at":"2021-03-11T13:20:00+04:30"', '"at":"2021-03-11T13:20:00"'),
        ('"at":"2021-03-11T13:20:00+04:30"', '"at":"2021-03-11T13:20:00+04:30\\n"'),
    ],
)
def test_what_msgspec_reads_differently_is_refused(replace: str, by: str) -> None:
    good = '{"at":"2021-03-11T13:20:00+04:30","tz":"Asia/Kabul","precision":"minute","span":5}'
    assert _fast(good, ik.Time) is not None
    text = good.replace(replace, by)
    assert text != good
    assert _fast(text, ik.Time) is None
    with pytest.raises(ValidationError):
        ik.loads(text, ik.Time)


def test_an_integral_float_for_an_integer_is_left_to_the_other_paths() -> None:
    text = '{"at":"2021-03-11T13:20:00+04:30","tz":"Asia/Kabul","precision":"minute","span":40.0}'
    assert _fast(text, ik.Time) is None
    span = ik.loads(text, ik.Time).span  # the library reads 40.0 as 40
    assert span == 40
    assert type(span) is int


def test_huge_numbers_in_float_fields_are_left_to_the_other_paths() -> None:
    good = '{"lat":1.5,"lon":2}'
    point = _fast(good, ik.Point)
    assert point == ik.Point(lat=1.5, lon=2.0)
    assert type(point.lon) is float
    for number in ("18446744073709551616", "1e400", "-1e400"):
        assert _fast(good.replace("2", number), ik.Point) is None


def test_extensions_are_kept_and_counted() -> None:
    record = examples.INCIDENT
    data = to_dict(record)
    data["extensions"] = {"x_y": {"a": [1, "b:c", {"d:e": None}]}, "z": "q"}
    text = json.dumps(data, separators=(",", ":"))
    assert _agree(text, ik.Incident) is not None
    doubled = text.replace('"z":"q"', '"z":"q","z":"r"')
    assert _agree(doubled, ik.Incident) is None
    deep = text.replace('"z":"q"', '"z":' + "[" * 70 + "]" * 70)
    assert _agree(deep, ik.Incident) is None


def _explicit(record: Any) -> dict[str, Any]:
    """The wire form of ``record`` with every field given, all the way down: the
    fields at their default too (null, false, [], {}, the default choice), after
    the fields the library writes (so a union member's tag still leads)."""
    wire = to_dict(record)
    fields = record_info(type(record)).fields
    out: dict[str, Any] = {}
    for name in [*wire, *(f.name for f in fields if f.name not in wire)]:
        value = getattr(record, name)
        if isinstance(value, Model):
            out[name] = _explicit(value)
        elif isinstance(value, tuple) and any(isinstance(item, Model) for item in value):
            out[name] = [_explicit(item) for item in value]
        elif name in wire:
            out[name] = wire[name]
        else:  # a default: its wire form
            out[name] = _default_wire(value)
    return out


def _default_wire(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, frozenset)):
        return [_default_wire(item) for item in value]
    if isinstance(value, Model):
        return _explicit(value)
    return value


@settings(max_examples=40)
@given(record=RECORDS, data=st.data())
def test_texts_giving_fields_their_defaults_are_read_by_the_counting_twins(
    record: Any, data: st.DataObject
) -> None:
    # The lean twins cannot tell a default given in the text from one left out,
    # so their counts differ and the counting twins read such texts.
    explicit = _explicit(record)
    text = json.dumps(explicit, separators=(",", ":"), ensure_ascii=False)
    fast = _agree(text, type(record))
    if '\\"' not in text:
        assert fast == record
        _agree(_damaged(text, data), type(record))


def test_every_record_class_has_both_sets_of_twins() -> None:
    # (Where a class had no lean twins, its texts would all be read by the counting
    # twins: the same records, more slowly.)
    from incidentkit._typetree import registered

    classes = [entry.type for entry in registered() if isinstance(entry.type, type)]
    assert ik.Incident in classes
    for cls in classes:
        for lean in (True, False):
            _msgspec_decode._Twins(codec._read_datetime, lean=lean).build(cls)


def test_the_counting_twins_are_made_only_for_texts_that_need_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[bool] = []
    real = _msgspec_decode._Twins.build

    def build(self: Any, cls: type) -> Any:
        made.append(self.lean)
        return real(self, cls)

    monkeypatch.setattr(_msgspec_decode._Twins, "build", build)
    monkeypatch.setitem(codec._FAST_TEXT, ik.Time, None)
    del codec._FAST_TEXT[ik.Time]
    written = '{"at":"2021-03-11T13:20:00+04:30","tz":"Asia/Kabul","precision":"minute"}'
    assert _fast(written, ik.Time) is not None
    assert made == [True]
    given = written[:-1] + ',"approximate":false,"part_of_day":null,"span":1}'
    assert _fast(given, ik.Time) == _fast(written, ik.Time)
    assert made == [True, False]
    assert _fast(given.replace("false", 'false,"approximate":false'), ik.Time) is None
    assert made == [True, False]


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=20,
)


def _strings(value: Any) -> int:
    if isinstance(value, str):
        return 1
    if isinstance(value, list):
        return sum(_strings(item) for item in value)
    if isinstance(value, dict):
        return len(value) + sum(_strings(item) for item in value.values())
    return 0


@settings(max_examples=80)
@given(value=st.dictionaries(st.text(max_size=3), _JSON, max_size=3), depth=st.integers(0, 70))
def test_the_walk_through_extensions_agrees_with_the_plain_json_test(
    value: Any, depth: int
) -> None:
    from incidentkit._checks import _is_plain_json

    nested: Any = value
    for _ in range(depth):  # around the limit of nesting
        nested = [nested] if depth % 2 else {"k": nested}
    extensions = {"x": nested, **value}
    plain = all(_is_plain_json(item, 0) for item in extensions.values())
    expected = _strings(extensions) if plain else -1
    assert _msgspec_decode._json_walk(extensions) == expected


def test_the_examples_and_every_example_record_are_read_by_msgspec() -> None:
    for record in examples.RECORDS:
        assert _agree(_text(record), type(record)) == record
        assert ik.loads(_text(record).decode(), type(record)) == record


def test_union_members_are_read_by_their_tag_wherever_it_stands() -> None:
    record = examples.INCIDENT
    assert record.actors
    data = to_dict(record)
    first = data["actors"][0]
    data["actors"][0] = {k: first[k] for k in sorted(first, key=lambda k: k != "type")[::-1]}
    text = json.dumps(data, separators=(",", ":"))
    # The lean twins read the tag wherever it stands (msgspec's tagged unions); the
    # counting twins only where it leads, so with a default given too it is left to
    # the other paths.
    assert _agree(text, ik.Incident) == record
    assert ik.loads(text, ik.Incident) == record
    data["actors"][0]["description"] = None
    text = json.dumps(data, separators=(",", ":"))
    assert _agree(text, ik.Incident) is None
    assert ik.loads(text, ik.Incident) == record


def test_a_reading_re_entered_in_its_thread_leaves_the_text_to_the_other_paths() -> None:
    text = _text(examples.INCIDENT)
    reader = _msgspec_decode._Reader(ik.Incident, codec._read_datetime)
    assert reader.read(text) == examples.INCIDENT
    reader.busy = True  # as inside a reading under way
    assert reader.read(text) is None
    reader.busy = False
    assert reader.read(text) == examples.INCIDENT


def test_threads_decode_at_once_each_with_twins_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every text read on the msgspec path in eight threads started together (the
    other paths would fail here), each thread with its own twins and counts."""

    def no_other_path(*_: Any) -> Any:
        raise AssertionError("a text left to the other paths")

    monkeypatch.setattr(codec, "_decode_checked", no_other_path)
    text = _text(examples.INCIDENT)
    start = threading.Barrier(8)
    results: list[list[Any]] = []

    def work() -> None:
        start.wait()
        results.append([ik.loads(text, ik.Incident) for _ in range(200)])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [[examples.INCIDENT] * 200] * 8


def test_without_msgspec_loads_reads_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "msgspec", None)
    monkeypatch.setattr(codec, "_fast_text", None)  # not called
    assert ik.loads(_text(examples.INCIDENT), ik.Incident) == examples.INCIDENT


def test_short_texts_skip_the_msgspec_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # For a record of a few fields the path's fixed costs outweigh what it saves.
    asked: list[Any] = []
    real = codec._fast_text
    monkeypatch.setattr(codec, "_fast_text", lambda cls: asked.append(cls) or real(cls))
    minimal = {
        "id": "minimal-1",
        "type": "armed_clash",
        "when": {"at": "2021-03-11T00:00:00+04:30", "tz": "Asia/Kabul", "precision": "day"},
        "where": {"precision": "country", "country": "AF"},
    }
    incident = ik.from_dict(minimal, ik.Incident)
    short = incident.when
    assert len(_text(short)) < codec._MSGSPEC_FROM <= len(_text(incident))
    assert ik.loads(_text(short), ik.Time) == short
    assert asked == []
    assert ik.loads(_text(incident), ik.Incident) == incident
    assert asked == [ik.Incident]


def test_choices_with_lengths_and_a_pattern_keep_the_choices_that_pass() -> None:
    from incidentkit._constraints import Constraints
    from incidentkit._typetree import ScalarNode

    twins = _msgspec_decode._Twins(codec._read_datetime)
    meta = Constraints(description="", choices=("ab", "abc", "b"), min_length=2, pattern="^a")
    made = twins.scalar(ScalarNode(str, meta), [], "v", "f")
    assert made.__args__ == ("ab", "abc")
    none = Constraints(description="", choices=("b",), pattern="^a")
    with pytest.raises(_msgspec_decode.Unsupported):
        twins.scalar(ScalarNode(str, none), [], "v", "f")


def _checked(data: bytes, cls: Any, fast: bool) -> list[Any]:
    from incidentkit._filecheck import check_stream

    saved = codec.msgspec
    codec.msgspec = codec._UNLOADED if fast else None
    try:
        return list(check_stream(io.BytesIO(data), cls))
    finally:
        codec.msgspec = saved


@settings(max_examples=40)
@given(
    records=st.lists(
        st.one_of(strategies.incidents(), strategies.defections(), strategies.bundles()),
        min_size=1,
        max_size=5,
    ),
    data=st.data(),
)
def test_validate_reports_the_same_with_and_without_the_msgspec_path(
    records: list[Any], data: st.DataObject
) -> None:
    lines = []
    for record in records:
        if data.draw(st.booleans()):
            mutation = draw_mutation(data, record)
            lines.append(json.dumps(mutation.apply(to_dict(record))).encode())
        else:
            lines.append(_text(record))
    text = b"\n".join(lines) + b"\n"
    for cls in (None, type(records[0])):
        assert _checked(text, cls, fast=True) == _checked(text, cls, fast=False)


def test_validate_reads_long_incident_lines_on_the_msgspec_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from incidentkit import _filecheck

    read: list[int] = []
    real = _filecheck._read_text
    monkeypatch.setattr(_filecheck, "_read_text", lambda t, c: read.append(1) or real(t, c))
    line = _text(examples.INCIDENT)
    assert len(line) >= codec._MSGSPEC_FROM
    checked = _checked(line + b"\n" + line + b"\n", None, fast=True)
    assert [(c.line, c.kind, c.problems) for c in checked] == [
        (1, "Incident", []),
        (2, "Incident", []),
    ]
    assert len(read) == 2
    # A file of other records stops trying after a few lines (defections are short
    # here, so make the threshold the only thing that matters).
    monkeypatch.setattr(codec, "_MSGSPEC_FROM", 0)
    read.clear()
    defection = _text(examples.DEFECTION)
    checked = _checked((defection + b"\n") * 40, None, fast=True)
    assert all(c.kind == "Defection" and not c.problems for c in checked)
    assert len(read) == _filecheck._GIVE_UP
