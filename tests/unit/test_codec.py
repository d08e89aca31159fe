"""The codec: dicts, JSON text, JSON Lines, and what bad input turns into."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import incidentkit
from incidentkit import (
    Count,
    Defection,
    Incident,
    Location,
    ValidationError,
    codec,
    dumps,
    examples,
    from_dict,
    iter_jsonl,
    loads,
    to_dict,
    write_jsonl,
)


@pytest.fixture(params=["orjson", "stdlib"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with orjson and again with the standard library's json."""
    if request.param == "stdlib":
        monkeypatch.setattr(codec, "orjson", None)
    else:
        pytest.importorskip("orjson", reason="orjson (the 'fast' extra) is not installed")
    return str(request.param)


@pytest.mark.parametrize("record", examples.RECORDS, ids=lambda r: type(r).__name__)
def test_example_round_trips_through_dict_and_json(record: Any, backend: str) -> None:
    cls = type(record)
    assert from_dict(to_dict(record), cls) == record
    assert loads(dumps(record), cls) == record
    assert loads(dumps(record).encode(), cls) == record
    assert loads(dumps(record, indent=True), cls) == record
    assert dumps(loads(dumps(record), cls)) == dumps(record)


@pytest.mark.parametrize("record", examples.RECORDS, ids=lambda r: type(r).__name__)
def test_dumpb_is_dumps_as_utf8_bytes(record: Any, backend: str) -> None:
    for indent in (False, True):
        written = incidentkit.dumpb(record, indent=indent)
        assert type(written) is bytes
        assert written == dumps(record, indent=indent).encode()
    assert loads(incidentkit.dumpb(record), type(record)) == record


def test_extensions_are_written_as_they_are(backend: str) -> None:
    extensions = {"x": {"nested": [1, 2.5, "é", None, True, {"deep": []}]}, "n": 7}
    record = _with_extensions(extensions)
    assert json.loads(dumps(record))["extensions"] == extensions
    assert to_dict(record)["extensions"] == extensions


def test_to_dict_is_plain_json_data() -> None:
    data = to_dict(examples.INCIDENT)
    assert json.loads(json.dumps(data)) == data  # lists, not tuples; str, not enums

    def walk(value: Any) -> None:
        assert type(value) in (dict, list, str, int, float, bool), type(value)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)


def test_absent_optional_fields_are_omitted_not_null() -> None:
    assert to_dict(Count(best=3)) == {"best": 3}
    assert "null" not in dumps(examples.INCIDENT)


def test_orjson_and_stdlib_give_identical_text(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("orjson", reason="orjson (the 'fast' extra) is not installed")
    floats = [1e-05, -4.5e-05, 1e-07, 1e16, 1.5e300, 0.1, 5e-324, 123.456]
    record = _with_extensions({"x": {"floats": floats, "s": 'é\u2028\x7f\x00"\\'}})
    fast = [dumps(record), dumps(record, indent=True)]
    monkeypatch.setattr(codec, "orjson", None)
    assert [dumps(record), dumps(record, indent=True)] == fast


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.integers(min_value=-(2**63), max_value=2**63)
        | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=10,
    )
)
def test_float_and_string_formatting_matches_orjson(value: Any) -> None:
    orjson = pytest.importorskip("orjson", reason="orjson (the 'fast' extra) is not installed")
    assert codec._write(value, "") == orjson.dumps(value).decode()
    assert codec._write(value, "\n") == orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()


def _with_extensions(ext: dict[str, Any]) -> Incident:
    import attrs

    return attrs.evolve(examples.INCIDENT, extensions=ext)


def test_every_problem_is_reported_with_its_path() -> None:
    data = to_dict(examples.INCIDENT)
    data["type"] = "skirmish"
    data["where"]["country"] = "ZZ"
    data["participants"][2]["role"] = 7
    data["tallies"][0]["count"]["best"] = -3
    data["surprise"] = True
    data["when"]["at"] = "2021-03-11 13:00"
    with pytest.raises(ValidationError) as info:
        from_dict(data, Incident)
    assert sorted(info.value.paths) == sorted(
        [
            "$.type",
            "$.when.at",
            "$.where.country",
            "$.participants[2].role",
            "$.tallies[0].count.best",
            "$.surprise",
        ]
    )


def test_missing_required_key() -> None:
    data = to_dict(examples.INCIDENT)
    del data["when"]
    with pytest.raises(ValidationError) as info:
        from_dict(data, Incident)
    assert info.value.errors[0].path == "$.when"
    assert "required" in info.value.errors[0].message


@pytest.mark.parametrize(
    "text",
    [
        '{"best": NaN}',
        '{"best": Infinity}',
        '{"best": 1',
        "",
        "[1, 2]",
        '"text"',
        "null",
        b"\xff\xfe",
        '{"best": 10' + "0" * 5000 + "}",
    ],
)
def test_bad_json_is_a_validation_error(text: str | bytes, backend: str) -> None:
    with pytest.raises(ValidationError):
        loads(text, Count)


def test_non_text_input() -> None:
    with pytest.raises(ValidationError, match="expected JSON text"):
        loads(42, Count)  # type: ignore[arg-type]


@pytest.mark.parametrize("depth", [50, 5_000, 200_000])
def test_deep_nesting_fails_cleanly(depth: int, backend: str) -> None:
    text = '{"precision": "near", "relative": {"anchor": ' * depth + "{}" + "}}" * depth
    with pytest.raises(ValidationError):
        loads(text, Location)
    nested: Any = {}
    for _ in range(min(depth, 20_000)):
        nested = {"precision": "near", "relative": {"anchor": nested}}
    with pytest.raises(ValidationError):
        from_dict(nested, Location)


def test_deep_extensions_are_refused() -> None:
    deep: Any = 1
    for _ in range(100):
        deep = [deep]
    with pytest.raises(ValidationError, match="nested more than"):
        _with_extensions({"x": deep})


def test_huge_input_is_refused_before_parsing() -> None:
    with pytest.raises(ValidationError, match="larger than"):
        loads('{"best": 1}' + " " * 100, Count, max_bytes=50)


def test_huge_string_is_a_length_error() -> None:
    data = to_dict(examples.INCIDENT)
    data["notes"] = "x" * 1_000_000
    with pytest.raises(ValidationError) as info:
        loads(json.dumps(data), Incident)
    assert info.value.paths == ["$.notes"]


def test_lone_surrogates_cannot_enter(backend: str) -> None:
    with pytest.raises(ValidationError):
        loads('{"id": "x", "publisher": "\\ud800"}', incidentkit.Source)


def test_to_dict_needs_a_record() -> None:
    with pytest.raises(TypeError):
        to_dict({"best": 1})


def test_from_dict_on_the_actor_union() -> None:
    actor = from_dict({"type": "person", "id": "p", "name": "N"}, incidentkit.Actor)
    assert isinstance(actor, incidentkit.Person)


# ------------------------------------------------------------ JSON Lines


def _jsonl(records: list[Any]) -> str:
    buffer = io.StringIO()
    assert write_jsonl(records, buffer) == len(records)
    return buffer.getvalue()


def test_jsonl_round_trip_text_and_binary() -> None:
    records = [examples.INCIDENT, examples.INCIDENT]
    text = _jsonl(records)
    assert text.count("\n") == 2
    assert list(iter_jsonl(io.StringIO(text), Incident)) == records
    binary = io.BytesIO()
    write_jsonl(records, binary)
    assert binary.getvalue() == text.encode()
    assert list(iter_jsonl(io.BytesIO(binary.getvalue()), Incident)) == records


def test_jsonl_raise_stops_at_the_bad_line_with_its_number() -> None:
    lines = [dumps(Count(best=1)), "", '{"best": -1}', dumps(Count(best=2))]
    reader = iter_jsonl(lines, Count)
    assert next(reader) == Count(best=1)
    with pytest.raises(ValidationError) as info:
        next(reader)
    assert info.value.errors[0].line == 3
    assert "line 3" in str(info.value)


def test_jsonl_collect_keeps_every_good_line() -> None:
    lines = [
        "\ufeff" + dumps(Count(best=1)),
        "{oops",
        '{"best": -1}',
        dumps(Count(best=2)),
        "  \n",
    ]
    reader = iter_jsonl(lines, Count, on_error="collect")
    assert list(reader) == [Count(best=1), Count(best=2)]
    assert [e.errors[0].line for e in reader.errors] == [2, 3]
    assert reader.line_number == 5


def test_jsonl_rejects_unknown_error_mode() -> None:
    with pytest.raises(ValueError, match="on_error"):
        iter_jsonl([], Count, on_error="ignore")  # type: ignore[arg-type]


def test_defection_json_round_trip_keeps_every_fact() -> None:
    d = loads(dumps(examples.DEFECTION), Defection)
    assert d.membership is not None
    assert d.membership.acting
    assert d.membership.post is not None
    assert d.membership.post.label.startswith("District police")
    assert d.membership.start is not None
    assert d.membership.start.approximate
    assert not math.isnan(d.when.earliest.timestamp())
