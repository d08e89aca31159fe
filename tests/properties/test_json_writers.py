"""The compiled writers behind ``dumpb`` and ``dumps`` (``codec._FAST_BYTES``: one
function per record class that builds the record's dict and hands it straight to
orjson) write exactly what the reference writes: cattrs' unstructured dict through
the JSON writer, byte for byte and key for key, on drawn records of every kind,
with drawn ``extensions`` where a record has them."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import incidentkit as ik
from incidentkit import codec, strategies
from incidentkit.errors import ValidationError

pytest.importorskip("orjson", reason="the compiled writers need orjson (extra 'fast')")

RECORDS = st.one_of(
    strategies.incidents(),
    strategies.defections(),
    strategies.bundles(),
    strategies.times(),
    strategies.locations(),
    strategies.actors(),
    strategies.memberships(),
    strategies.sources(),
    strategies.claims(),
    strategies.casualties(),
)
#: Plain JSON as an ``extensions`` object holds it: floats of any size (the writers
#: differ most on those), 64-bit integers, text with escapes and non-ASCII.
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)

KEYS = st.from_regex(r"[a-z][a-z0-9_-]{0,5}", fullmatch=True)


def _writer(record: Any) -> Any:
    """The compiled bytes writer of the record's class (built if the tests had
    built the class's dict writer while orjson was switched off)."""
    cls = type(record)
    if cls not in codec._FAST_BYTES:
        codec._FAST_JSON.pop(cls, None)
        codec._json_ready(record)
    return codec._FAST_BYTES[cls]


@settings(max_examples=40)
@given(record=RECORDS, data=st.data())
def test_the_compiled_writer_writes_the_reference_bytes(record: Any, data: st.DataObject) -> None:
    if "extensions" in attrs.fields_dict(type(record)) and data.draw(st.booleans()):
        extensions = data.draw(st.dictionaries(KEYS, VALUES, max_size=3))
        with suppress(ValidationError):  # keys or values the record refuses
            record = attrs.evolve(record, extensions=extensions)
    expected = codec.encode_json(codec.converter().unstructure(record), False).encode()
    assert _writer(record)(record) == expected
    assert ik.dumpb(record) == expected
    assert ik.dumps(record) == expected.decode()
