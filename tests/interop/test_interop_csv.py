"""Safe CSV writing and tolerant reading (incidentkit.interop._csv)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incidentkit import ValidationError
from incidentkit.interop._csv import FORMULA_TRIGGERS, CsvReader, neutralise, restore, write_rows


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")', "-", "+"],
)
def test_formula_like_cells_get_a_leading_quote(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["-12.5", "-0.4532", "-71", "12", "-1e-05", "", "Kabul", "a=b"])
def test_numbers_and_harmless_text_are_written_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell
    assert restore(cell) == cell


def test_a_cell_that_already_starts_with_a_quote_survives_the_round_trip() -> None:
    assert neutralise("'=1") == "''=1"
    assert restore("''=1") == "'=1"
    assert neutralise("'hello") == "'hello"
    assert restore("'hello") == "'hello"
    assert neutralise("'-5") == "'-5"  # -5 is a number, so the quote is part of the text


@given(st.text())
def test_restore_undoes_neutralise_for_every_cell(cell: str) -> None:
    assert restore(neutralise(cell)) == cell


@given(st.text())
def test_no_written_cell_starts_like_a_formula_unless_it_is_a_number(cell: str) -> None:
    written = neutralise(cell)
    if written and written[0] in FORMULA_TRIGGERS:
        float(written)  # a number, which a spreadsheet shows as a number


def _write(rows: list[dict[str, str]], columns: tuple[str, ...] = ("a", "b")) -> bytes:
    buffer = io.BytesIO()
    write_rows(buffer, columns, rows)
    return buffer.getvalue()


def test_files_are_utf8_without_bom_with_crlf_and_neutralised_cells() -> None:
    data = _write([{"a": "=cmd|' /C calc'!A0", "b": "-71.87"}, {"a": "Kaboul — ö", "b": "x\ny"}])
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert text.startswith("a,b\r\n")
    assert "'=cmd" in text
    assert ",-71.87\r\n" in text
    assert '"x\ny"' in text  # a newline inside a cell is quoted, not a row break


def test_write_to_text_file_and_path(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_rows(path, ("a",), [{"a": "1"}, {"a": "2"}]) == 2
    assert path.read_bytes() == b"a\r\n1\r\n2\r\n"
    with open(tmp_path / "t.csv", "w", encoding="utf-8", newline="") as handle:
        write_rows(handle, ("a",), [{"a": "@x"}])
    assert (tmp_path / "t.csv").read_bytes() == b"a\r\n'@x\r\n"


def _read(data: bytes, on_error: str = "raise") -> CsvReader[dict[str, str]]:
    return CsvReader(io.BytesIO(data), dict, on_error)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        b"a,b\r\n1,2\r\n",
        b"\xef\xbb\xbfa,b\r\n1,2\r\n",
        b"a,b\n1,2\n",
        b"\xef\xbb\xbfa,b\n1,2",
    ],
)
def test_reading_accepts_bom_and_crlf_or_lf(data: bytes) -> None:
    assert list(_read(data)) == [{"a": "1", "b": "2"}]


def test_reading_a_text_file_with_bom_and_a_path(tmp_path: Path) -> None:
    assert list(CsvReader(io.StringIO("\ufeffa\r\nx\r\n"), dict)) == [{"a": "x"}]
    path = tmp_path / "in.csv"
    path.write_bytes(b"\xef\xbb\xbfa\r\n'=1\r\n")
    assert list(CsvReader(path, dict)) == [{"a": "=1"}]


def test_what_is_written_reads_back_cell_for_cell() -> None:
    rows = [{"a": "=1", "b": "-3.5"}, {"a": "'@x", "b": "line\r\nbreak"}, {"a": "\tx", "b": ""}]
    assert list(_read(_write(rows))) == rows


def test_blank_lines_are_skipped() -> None:
    assert list(_read(b"a\r\n\r\n1\r\n\r\n")) == [{"a": "1"}]


def test_a_row_with_the_wrong_number_of_cells_names_its_line() -> None:
    reader = _read(b'a,b\r\n1,2\r\n"multi\nline",2\r\n3\r\n4,5\r\n')
    assert next(reader) == {"a": "1", "b": "2"}
    assert next(reader) == {"a": "multi\nline", "b": "2"}
    with pytest.raises(ValidationError) as info:
        next(reader)
    assert info.value.errors[0].line == 5  # the multi-line cell took lines 3 and 4
    assert "header has 2 columns" in str(info.value)


def _convert(row: dict[str, str]) -> int:
    if not row["n"].isdigit():
        raise ValidationError("not a number", "$.n")
    return int(row["n"])


def test_collect_keeps_every_good_row_and_every_error() -> None:
    reader = CsvReader(io.BytesIO(b"n\r\n1\r\nx\r\n2\r\ny\r\n3\r\n"), _convert, "collect")
    assert list(reader) == [1, 2, 3]
    assert [(e.errors[0].line, e.errors[0].path) for e in reader.errors] == [
        (3, "$.n"),
        (5, "$.n"),
    ]


def test_raise_stops_at_the_first_bad_row() -> None:
    reader = CsvReader(io.BytesIO(b"n\r\n1\r\nx\r\n2\r\n"), _convert)
    assert next(reader) == 1
    with pytest.raises(ValidationError, match=r"line 3: \$\.n: not a number"):
        next(reader)


def test_bad_encoding_and_bad_on_error() -> None:
    with pytest.raises(ValidationError, match=r"line 2: \$: not valid UTF-8: byte 0xff"):
        list(_read(b"a\r\n\xff\xfe\r\n"))
    with pytest.raises(ValueError, match="on_error"):
        CsvReader(io.BytesIO(b""), dict, "skip")  # type: ignore[arg-type]


def test_empty_file_has_no_rows() -> None:
    assert list(_read(b"")) == []


def test_python_csv_reads_our_output() -> None:
    rows = [{"a": 'quote " inside', "b": "comma, inside"}]
    parsed = list(csv.DictReader(io.StringIO(_write(rows).decode(), newline="")))
    assert parsed == rows
