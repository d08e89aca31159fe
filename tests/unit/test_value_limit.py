"""The limit on JSON values per document (one per 16 bytes of the size limit): the
count taken without parsing is exact for JSON in any layout, and every reader
refuses a document over it with a ValidationError naming the limit, before it is
parsed."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import incidentkit as ik
from incidentkit._filecheck import check_stream
from incidentkit._jsonsize import holds_more_than, max_values, too_many_values

# Strings are drawn from characters that matter to the count (brackets, commas,
# quotes, backslashes, spaces) so that they turn up inside strings and keys.
TEXT = st.text(alphabet='[]{},:" \\\nab\u00e9\U0001f600', max_size=6)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=30,
)


def _values(value: Any) -> int:
    if isinstance(value, list):
        return 1 + sum(map(_values, value))
    if isinstance(value, dict):
        return 1 + sum(map(_values, value.values()))
    return 1


@settings(max_examples=200)
@given(
    JSON,
    st.sampled_from([None, 0, 2]),
    st.sampled_from([(",", ":"), (", ", ": "), (" ,\t", " :\r\n")]),
    st.booleans(),
)
def test_the_count_is_exact_in_any_layout(
    value: Any, indent: int | None, separators: tuple[str, str], ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, separators=separators, ensure_ascii=ascii_only)
    count = _values(value)
    for data in (text, text.encode("utf-8")):
        assert not holds_more_than(data, count)
        assert holds_more_than(data, count - 1) or count == 1
        assert not holds_more_than(b"  " + data.encode() if isinstance(data, str) else data, count)


def test_the_count_starts_where_asked() -> None:
    text = '{"a": 1} [1, 2, [], {}]'  # five values from the "["
    assert holds_more_than(text, 5, start=9) is False
    assert holds_more_than(text, 4, start=9) is True


def test_the_limit_follows_the_size_limit() -> None:
    assert max_values(ik.codec.DEFAULT_MAX_BYTES) == 4 * 1024 * 1024
    assert max_values(100) == 4096  # never fewer
    dense = "[" + ",".join(["0"] * 5000) + "]"
    assert too_many_values(dense, 100_000) is False
    assert too_many_values(dense, 64_000) is True


def test_loads_and_iter_jsonl_refuse_a_document_over_the_limit() -> None:
    dense = "[" + ",".join(["[]"] * 4100) + "]"  # 4101 values
    message = r"\$: input holds more than 4096 JSON values \(the limit: one per 16 bytes"
    with pytest.raises(ik.ValidationError, match=message):
        ik.loads(dense, ik.Incident, max_bytes=64_000)
    with pytest.raises(ik.ValidationError, match="line 2: " + message):
        list(ik.iter_jsonl(io.StringIO("\n" + dense + "\n"), ik.Incident, max_bytes=64_000))


@pytest.mark.parametrize(
    "layout",
    [
        lambda dense: dense,  # JSON Lines (one line)
        lambda dense: "[\n" + dense + "\n]",  # an array of records, streamed
        lambda dense: '{\n"id": "x",\n"extensions": {"a.b": ' + dense + "}\n}",  # one document
    ],
)
def test_validate_refuses_a_document_over_the_limit_in_each_layout(layout: Any) -> None:
    dense = "[" + ",".join(["[]"] * 4100) + "]"
    data = layout(dense).encode()
    checked = list(check_stream(io.BytesIO(data), ik.Incident, max_bytes=64_000))
    messages = [p.message for c in checked for p in c.problems]
    assert any("more than 4096 JSON values" in m for m in messages), messages
