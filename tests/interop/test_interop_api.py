"""ACLED and UCDP API responses (JSON) read like their CSV exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from _paths import DATA
from incidentkit import Incident, ValidationError
from incidentkit.interop.acled import from_acled, read_acled_json
from incidentkit.interop.ucdp import from_ucdp, read_ucdp_json


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _as_api(row: dict[str, str], numeric: tuple[str, ...]) -> dict[str, Any]:
    """A row as an API gives it: numbers as JSON numbers, empty cells as null."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value == "":
            out[key] = None
        elif key in numeric:
            out[key] = float(value) if "." in value else int(value)
        else:
            out[key] = value
    return out


def _bare(incident: Incident) -> Incident:
    return attrs.evolve(incident, extensions={})


def test_an_acled_api_response_reads_like_the_export(tmp_path: Path) -> None:
    rows = _rows("acled.csv")
    numeric = ("latitude", "longitude", "fatalities", "iso", "geo_precision")
    response = {"status": 200, "success": True, "data": [_as_api(r, numeric) for r in rows]}
    path = tmp_path / "acled.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    # the same records; only the verbatim text of numbers (9.0820 vs 9.082) may differ
    assert [_bare(i) for i in read_acled_json(path)] == [_bare(from_acled(r)) for r in rows]
    assert len(list(read_acled_json(response))) == len(rows)


def test_a_ucdp_api_page_reads_like_the_csv() -> None:
    rows = _rows("ucdp.csv")
    numeric = ("best", "low", "high", "latitude", "longitude", "where_prec", "date_prec")
    items = [_as_api(r, numeric) for r in rows]
    for item in items:
        item["date_start"] += "T00:00:00"
        item["date_end"] += "T00:00:00"
    page = {"TotalCount": len(items), "TotalPages": 1, "Result": items}
    back = list(read_ucdp_json(io.BytesIO(json.dumps(page).encode())))
    assert [i.when for i in back] == [from_ucdp(r).when for r in rows]
    assert [i.tallies for i in back] == [from_ucdp(r).tallies for r in rows]


def test_bad_api_rows_point_into_the_response() -> None:
    rows = _rows("ucdp.csv")
    page = {"Result": [rows[0], {**rows[1], "best": "x"}, [1]]}
    reader = read_ucdp_json(page, on_error="collect")
    assert len(list(reader)) == 1
    assert [e.errors[0].path for e in reader.errors] == ["$.Result[1].best", "$.Result[2]"]
    with pytest.raises(ValidationError, match=r"\$\.Result: expected an array"):
        read_ucdp_json({"Result": None})
    with pytest.raises(ValidationError, match="invalid JSON"):
        read_acled_json(io.BytesIO(b"{"))
    with pytest.raises(TypeError):
        read_acled_json(5)


@pytest.mark.parametrize("read", [read_acled_json, read_ucdp_json])
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"[" * 3_000 + b"]" * 3_000, "nested too deeply"),  # was a bare RecursionError
        (b'{"data": [' + b"[" * 5_000 + b"]" * 5_000 + b"]}", "nested too deeply"),
        (b'{"data": [], "Result": [], "n": NaN}', "NaN"),
        (b'{"data": [], "Result": [], "data": []}', "duplicate key"),
        (b'{"data": [], "Result": []}' + b" " * 300_000, "larger than 300000 bytes"),
        (b'{"Result": [], "data": [' + b"0," * 20_000 + b"0]}", "more than 18750 JSON values"),
    ],
)
def test_api_responses_are_read_as_loads_reads_json(read: Any, text: bytes, message: str) -> None:
    """A response is bounded in size, nesting and value count, and refused with a
    ValidationError (never a RecursionError), from a file or a path alike."""
    with pytest.raises(ValidationError, match=message):
        list(read(io.BytesIO(text), max_bytes=300_000))
    with pytest.raises(ValidationError, match=message):
        list(read(io.StringIO(text.decode()), max_bytes=300_000))


def test_api_responses_within_the_limit_are_read(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_bytes(b'{"data": [], "Result": []}')
    assert list(read_acled_json(path, max_bytes=26)) == []
    with pytest.raises(ValidationError, match="larger than 25 bytes"):
        read_ucdp_json(path, max_bytes=25)
