"""Property tests over generated records: lossless round trips through dicts, JSON
and JSON Lines, and nothing but ValidationError from arbitrary JSON. (Single-field
breakages, refused by the library and the schema alike: test_schema_properties.py.)"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import incidentkit as ik
from incidentkit import codec
from incidentkit import strategies as iks
from incidentkit._hypothesis_plugin import record_classes

#: Every record class, and the Actor union, with the strategy for it.
TARGETS: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (cls, iks.for_type(cls)) for cls in record_classes()
]
TARGETS.append((ik.Actor, iks.actors()))
IDS = [getattr(target, "__name__", "Actor") for target, _ in TARGETS]
by_target = pytest.mark.parametrize(("target", "strategy"), TARGETS, ids=IDS)


#: For the costliest properties (or those whose inputs vary little by class): a
#: share of the profile's examples, so that CI stays within a few minutes.
QUARTER = settings(max_examples=max(10, settings.default.max_examples // 4))
HALF = settings(max_examples=max(10, settings.default.max_examples // 2))


@contextmanager
def stdlib_json() -> Iterator[None]:
    """Encode and decode with the standard library even where orjson is installed."""
    with mock.patch.object(codec, "orjson", None):
        yield


# ---------------------------------------------------------------- round trips


def _assert_round_trips(target: Any, record: Any) -> None:
    assert isinstance(record, getattr(target, "__args__", target))
    assert ik.from_dict(ik.to_dict(record), target) == record
    text = ik.dumps(record)
    assert ik.loads(text, target) == record
    assert ik.loads(text.encode(), target) == record
    assert ik.loads(ik.dumps(record, indent=True), target) == record
    assert ik.dumps(ik.loads(text, target)) == text  # the text is stable too
    with stdlib_json():
        assert ik.dumps(record) == text
        assert ik.loads(text, target) == record


@pytest.mark.slow
@by_target
@given(data=st.data())
def test_dict_and_json_round_trip(target: Any, strategy: Any, data: st.DataObject) -> None:
    _assert_round_trips(target, data.draw(strategy))


@given(data=st.data())
def test_records_of_every_kind_round_trip(data: st.DataObject) -> None:
    """The same property over all targets at once, for the fast subset (-m "not
    slow"): a few examples of each kind instead of a full run per kind."""
    target, strategy = data.draw(st.sampled_from(TARGETS), label="target")
    _assert_round_trips(target, data.draw(strategy))


@pytest.mark.slow
@by_target
@QUARTER
@given(data=st.data())
def test_json_lines_round_trip(target: Any, strategy: Any, data: st.DataObject) -> None:
    records = data.draw(st.lists(strategy, max_size=3))
    for stream in (io.StringIO(), io.BytesIO()):
        assert ik.write_jsonl(records, stream) == len(records)
        stream.seek(0)
        assert list(ik.iter_jsonl(stream, target)) == records


# ---------------------------------------------------------------- robustness

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
#: Keys the records use, so that arbitrary objects sometimes look like records.
WIRE_KEYS = st.sampled_from(
    ["type", "id", "best", "qualifier", "at", "tz", "precision", "name", "actors", "when"]
)
NEAR_JSON = st.recursive(
    JSON,
    lambda inner: st.dictionaries(WIRE_KEYS | st.text(max_size=3), inner, max_size=5),
    max_leaves=20,
)


def _valid_or_rejected(load: Callable[[], Any], target: Any) -> None:
    """``load()`` gives a record of ``target`` or raises ValidationError whose
    problems have $-paths; any other exception fails the test."""
    try:
        result = load()
    except ik.ValidationError as exc:
        error = exc
    else:
        assert isinstance(result, getattr(target, "__args__", target))
        return
    assert error.errors
    assert all(p.path.startswith("$") for p in error.errors)


@pytest.mark.slow
@by_target
@QUARTER
@given(value=NEAR_JSON)
def test_arbitrary_json_raises_only_validation_error(
    target: Any, strategy: Any, value: Any
) -> None:
    _valid_or_rejected(lambda: ik.from_dict(value, target), target)
    try:
        text = json.dumps(value)
    except ValueError:  # lone surrogates and such: not JSON text
        return
    for data in (text, text.encode()):
        _valid_or_rejected(partial(ik.loads, data, target), target)
        with stdlib_json():
            _valid_or_rejected(partial(ik.loads, data, target), target)


def _subtrees(value: Any, keys: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield keys
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _subtrees(item, (*keys, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _subtrees(item, (*keys, index))


@pytest.mark.slow
@by_target
@settings(HALF, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_record_with_any_part_replaced_raises_only_validation_error(
    target: Any, strategy: Any, data: st.DataObject
) -> None:
    document = ik.to_dict(data.draw(strategy))
    keys = data.draw(st.sampled_from(list(_subtrees(document))), label="replaced part")
    replacement = data.draw(NEAR_JSON, label="replacement")
    if not keys:
        document = replacement
    else:
        parent = document
        for key in keys[:-1]:
            parent = parent[key]
        parent[keys[-1]] = replacement
    _valid_or_rejected(lambda: ik.from_dict(document, target), target)


@given(st.binary() | st.text())
def test_any_text_or_bytes_given_to_loads_raises_only_validation_error(data: Any) -> None:
    for target in (ik.Incident, ik.Count):
        _valid_or_rejected(partial(ik.loads, data, target), target)
