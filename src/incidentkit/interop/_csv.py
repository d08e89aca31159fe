"""Safe CSV reading and writing for the interop formats.

Writing: UTF-8 without a byte-order mark, RFC 4180 quoting and CRLF line ends. A
cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is neutralised as OWASP's CSV-injection
guidance advises, by prefixing a single quote; numbers such as ``-12.5`` are left
as they are, so coordinates stay numbers. A cell that already starts with a quote
before such a character gets one more quote, so that reading undoes exactly what
writing did: ``read(write(cell)) == cell`` for every cell.

Reading: UTF-8 with or without a byte-order mark, CRLF or LF line ends. A row that
cannot be read raises :class:`~incidentkit.ValidationError` whose problems carry the
row's line number in the file (the header is line 1) and the column
(``$.latitude``); with ``on_error="collect"`` bad rows are skipped and their errors
gathered, so that one bad row loses no good ones.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Literal, TypeVar

from ..errors import ValidationError

__all__ = ["CsvReader", "neutralise", "restore", "write_rows"]

T = TypeVar("T")

#: First characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\Z")
#: Largest CSV field read, in characters (the csv module's default is 128 KiB).
MAX_FIELD = 1024 * 1024

Source = str | os.PathLike[str] | IO[str] | IO[bytes]


def _needs_prefix(cell: str) -> bool:
    """Whether writing ``cell`` as-is could run it, or make :func:`restore` change it."""
    if not cell:
        return False
    if cell[0] in FORMULA_TRIGGERS:
        return not _NUMBER.match(cell)
    return cell[0] == "'" and _needs_prefix(cell[1:])


def neutralise(cell: str) -> str:
    """The cell as written: formula-like text gets a leading ``'``; numbers do not."""
    return "'" + cell if _needs_prefix(cell) else cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise` on a cell read back."""
    return cell[1:] if cell[:1] == "'" and _needs_prefix(cell[1:]) else cell


def write_rows(
    file: str | os.PathLike[str] | IO[str] | IO[bytes],
    columns: Sequence[str],
    rows: Iterable[Mapping[str, str]],
) -> int:
    """Write a header and ``rows`` (missing cells are empty); returns the row count.

    ``file`` is a path, a text file opened with ``newline=""``, or a binary file.
    """
    if isinstance(file, (str, os.PathLike)):
        with open(file, "w", encoding="utf-8", newline="") as handle:
            return _write(handle, columns, rows)
    if _is_binary(file):
        wrapper = io.TextIOWrapper(file, encoding="utf-8", newline="", write_through=True)  # type: ignore[type-var]
        try:
            return _write(wrapper, columns, rows)
        finally:
            wrapper.detach()
    return _write(file, columns, rows)  # type: ignore[arg-type]


def _write(handle: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> int:
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    count = 0
    for row in rows:
        writer.writerow([neutralise(row.get(column, "")) for column in columns])
        count += 1
    return count


def _is_binary(file: IO[str] | IO[bytes]) -> bool:
    if isinstance(file, io.TextIOBase):
        return False
    if isinstance(file, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return "b" in getattr(file, "mode", "")


class CsvReader(Iterator[T]):
    """Iterates the records converted from the rows of a CSV file.

    ``convert`` turns one row (column name -> cell text) into a record and raises
    :class:`ValidationError` with ``$.column`` paths for bad rows. With
    ``on_error="raise"`` the first bad row raises (its problems carry the line
    number); with ``"collect"`` bad rows are skipped and their errors kept in
    :attr:`errors`. Blank lines are skipped. The file is closed at the end when the
    reader opened it.
    """

    def __init__(
        self,
        source: Source,
        convert: Callable[[dict[str, str]], T],
        on_error: Literal["raise", "collect"] = "raise",
    ) -> None:
        if on_error not in ("raise", "collect"):
            raise ValueError("on_error must be 'raise' or 'collect'")
        self._convert = convert
        self._on_error = on_error
        self._owned: IO[str] | None = None
        handle: IO[str]
        if isinstance(source, (str, os.PathLike)):
            handle = self._owned = open(source, encoding="utf-8-sig", newline="")  # noqa: SIM115
        elif _is_binary(source):
            handle = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")  # type: ignore[type-var]
        else:
            handle = source  # type: ignore[assignment]
        self._lines = _CountingLines(handle)
        self._reader = csv.reader(self._lines)
        self._header: list[str] | None = None
        self.errors: list[ValidationError] = []
        #: Line of the file where the last row read starts (the header is line 1).
        self.line_number = 0

    def __iter__(self) -> CsvReader[T]:
        return self

    def _read(self) -> list[str] | None:
        start = self._lines.count + 1
        try:
            cells = next(self._reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ValidationError(f"unreadable CSV: {exc}").at_line(start) from None
        self.line_number = start
        return cells

    def __next__(self) -> T:
        if self._header is None:
            header = self._read()
            if header is None:
                self.close()
                raise StopIteration
            self._header = [restore(name.removeprefix("\ufeff").strip()) for name in header]
        while True:
            try:
                cells = self._read()
            except ValidationError as exc:
                self.close()  # the file cannot be read any further
                raise exc from None
            if cells is None:
                self.close()
                raise StopIteration
            if not any(cells):
                continue
            try:
                return self._convert(self._row(cells))
            except ValidationError as exc:
                located = exc.at_line(self.line_number)
                if self._on_error == "raise":
                    raise located from None
                self.errors.append(located)

    def _row(self, cells: list[str]) -> dict[str, str]:
        assert self._header is not None
        if len(cells) != len(self._header):
            raise ValidationError(
                f"has {len(cells)} cells; the header has {len(self._header)} columns"
            )
        return {name: restore(cell) for name, cell in zip(self._header, cells, strict=True)}

    def close(self) -> None:
        """Close the file if this reader opened it."""
        if self._owned is not None:
            self._owned.close()
            self._owned = None


class _CountingLines(Iterator[str]):
    """Lines of a text file, counted (a CSV row may span several lines)."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self.count = 0

    def __iter__(self) -> _CountingLines:
        return self

    def __next__(self) -> str:
        line = self._handle.readline()
        if not line:
            raise StopIteration
        self.count += 1
        if len(line) > MAX_FIELD:
            raise csv.Error(f"line longer than {MAX_FIELD} characters")
        return line
