"""Both JSON backends read every text alike, and what the library accepts is
what a second parser (orjson) reads from the same text: no parser differential
with partners' validators (I-JSON, RFC 7493)."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import incidentkit as ik
from incidentkit import codec
from incidentkit.errors import ValidationError

orjson = pytest.importorskip("orjson", reason="the differential needs orjson (extra 'fast')")

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


ESCAPES = ["\\ud800", "\\udc00x", "\\ud83d\\ude00", "\\\\ud800"]


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """JSON in varied layouts and escapes, sometimes damaged: a key repeated, a
    character dropped or inserted, a number stretched, a surrogate escape."""
    value = draw(JSON)
    text = json.dumps(
        value,
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 0, 2])),
        separators=draw(st.sampled_from([None, (",", ":"), (" , ", " : ")])),
    )
    damage = draw(st.sampled_from(["none", "duplicate", "drop", "insert", "digits", "escape"]))
    if damage == "duplicate" and text.startswith("{") and len(text) > 2:
        text = text[:1] + '"k": 1, "k": 2,' + text[1:]
    elif damage in ("drop", "insert") and text:
        at = draw(st.integers(0, len(text) - 1))
        piece = draw(st.sampled_from(["", ",", '"', "{", "]", "\\", "\x00", "\ud800", "1e999"]))
        text = text[:at] + (piece if damage == "insert" else "") + text[at + 1 :]
    elif damage == "digits":
        text = f"[{text}, {draw(st.integers(10**17, 10**25))}]"
    elif damage == "escape":
        escape = draw(st.sampled_from(ESCAPES))
        text = f'["{escape}", {text}]'
    return text


def _outcome(text: str | bytes) -> tuple[str, Any]:
    try:
        return "ok", codec._decode(text, codec.DEFAULT_MAX_BYTES)
    except ValidationError:
        return "refused", None


def _same(a: Any, b: Any) -> bool:
    """Equal, with floats compared by value and type (1 == 1.0 is not enough)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


@settings(max_examples=max(200, settings.default.max_examples * 2))
@given(text=json_texts() | st.text(max_size=40))
def test_backends_agree_and_orjson_reads_what_is_accepted(text: str) -> None:
    with_orjson = _outcome(text)
    with mock.patch.object(codec, "orjson", None):
        without = _outcome(text)
    assert with_orjson[0] == without[0]
    assert _same(with_orjson[1], without[1])
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        assert with_orjson[0] == "refused"
        return
    assert _outcome(encoded)[0] == with_orjson[0]
    if with_orjson[0] == "ok":
        assert _same(orjson.loads(encoded), with_orjson[1])


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',
        '{"x": {"b": 1, "b": 1}}',
        "[18446744073709551616]",
        "[-9223372036854775809]",
        "[1" + "0" * 400 + "]",
        "1e400",
        "-1e400",
        "NaN",
        "[Infinity]",
        '"\\ud800"',
        '{"\\udc00": 1}',
    ],
)
def test_refused_by_both_backends(text: str) -> None:
    assert _outcome(text)[0] == "refused"
    with mock.patch.object(codec, "orjson", None):
        assert _outcome(text)[0] == "refused"
    with pytest.raises(ValidationError, match=r"\$: invalid JSON"):
        ik.loads(text, ik.Count)


def test_64_bit_integers_are_read_exactly() -> None:
    for number in (2**64 - 1, -(2**63), 2**63, 10**18, 12345678901234567890):
        assert codec._decode(f"[{number}]", 100) == [number]
        assert orjson.loads(f"[{number}]") == [number]
