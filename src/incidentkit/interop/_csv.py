"""Safe CSV reading and writing for the interop formats.

Writing: UTF-8 without a byte-order mark, RFC 4180 quoting and CRLF line ends. A
cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is neutralised as OWASP's CSV-injection
guidance advises, by prefixing a single quote; numbers such as ``-12.5`` are left
as they are, so coordinates stay numbers. A cell that already starts with a quote
before such a character gets one more quote, so that reading undoes exactly what
writing did: ``read(write(cell)) == cell`` for every cell. The writers report every
cell the guard changes, and ``formula_guard=False`` turns it off for files that only
programs read. A path is written atomically: to a temporary file in the same
folder, renamed over the target only when complete.

Reading: UTF-8 with or without a byte-order mark, CRLF or LF line ends, cells of up
to :data:`MAX_FIELD` characters (a longer cell is its row's problem; the rows after
it are read) and physical lines of up to :data:`MAX_LINE` (a longer line, or a
cell longer than that over several lines, stops the file: where its row ends
cannot be known without reading it). A row that cannot be read (bad UTF-8 included, when
the reader decodes the bytes itself: a path or a binary file) raises
:class:`~incidentkit.ValidationError` whose problems carry the row's line number in
the file (the header is line 1) and the column (``$.latitude``); with
``on_error="collect"`` bad rows are skipped and their errors gathered, so that one
bad row loses no good ones.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any, Literal, TypeVar

from ..errors import Problem, ValidationError

__all__ = [
    "MAX_FIELD",
    "CsvReader",
    "atomic_binary_path",
    "atomic_path",
    "needs_prefix",
    "neutralise",
    "restore",
    "write_rows",
]

T = TypeVar("T")

#: First characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\Z")
#: Largest CSV cell read, in characters (the csv module's default is 128 KiB).
MAX_FIELD = 1024 * 1024
#: Largest physical line read, in characters (a row of several large cells); also
#: the csv module's limit while reading, so that a cell over MAX_FIELD is parsed to
#: its end and refused with its row alone.
MAX_LINE = 16 * MAX_FIELD

Source = str | os.PathLike[str] | IO[str] | IO[bytes]


def needs_prefix(cell: str) -> bool:
    """Whether writing ``cell`` as-is could run it, or make :func:`restore` change it."""
    if not cell:
        return False
    if cell[0] in FORMULA_TRIGGERS:
        return not _NUMBER.match(cell)
    return cell[0] == "'" and needs_prefix(cell[1:])


_needs_prefix = needs_prefix


def neutralise(cell: str) -> str:
    """The cell as written: formula-like text gets a leading ``'``; numbers do not."""
    return "'" + cell if _needs_prefix(cell) else cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise` on a cell read back."""
    return cell[1:] if cell[:1] == "'" and _needs_prefix(cell[1:]) else cell


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A text file (UTF-8, ``newline=""``) that replaces ``path`` only when the
    block ends without an error: written to a temporary file in the same folder,
    flushed to disk, then renamed over ``path`` (``os.replace``). On an error the
    temporary file is removed and ``path`` is left as it was."""
    with atomic_binary_path(path) as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield handle
            handle.flush()
        finally:
            handle.detach()


@contextlib.contextmanager
def atomic_binary_path(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """As :func:`atomic_path`, a binary file."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".incidentkit-", suffix=".tmp")
    try:
        os.chmod(temp, _mode_for(target))
        with open(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _mode_for(target: str) -> int:
    """The permissions a new file gets (those of the file replaced, if any)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_rows(
    file: str | os.PathLike[str] | IO[str] | IO[bytes],
    columns: Sequence[str],
    rows: Iterable[Mapping[str, str]],
    *,
    formula_guard: bool = True,
) -> int:
    """Write a header and ``rows`` (missing cells are empty); returns the row count.

    ``file`` is a path (written atomically), a text file opened with
    ``newline=""``, or a binary file. ``formula_guard=False`` writes every cell as
    it is.
    """
    if isinstance(file, (str, os.PathLike)):
        with atomic_path(file) as handle:
            return _write(handle, columns, rows, formula_guard)
    if not hasattr(file, "write"):
        raise TypeError(f"expected a path or a file, got {type(file).__name__}")
    if _is_binary(file):
        wrapper = io.TextIOWrapper(file, encoding="utf-8", newline="", write_through=True)  # type: ignore[type-var]
        try:
            return _write(wrapper, columns, rows, formula_guard)
        finally:
            wrapper.detach()
    return _write(file, columns, rows, formula_guard)  # type: ignore[arg-type]


def _write(
    handle: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, str]], guard: bool
) -> int:
    writer = csv.writer(handle, lineterminator="\r\n")
    cell = neutralise if guard else str
    writer.writerow([cell(c) for c in columns])
    count = 0
    for row in rows:
        writer.writerow([cell(row.get(column, "")) for column in columns])
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
    reader opened it. :attr:`header` is the file's header once the first row has
    been read; :attr:`rows_read` counts the rows met (good or bad).
    ``formula_guard=False`` reads cells as they are, for files written without the
    guard.
    """

    def __init__(
        self,
        source: Source,
        convert: Callable[[dict[str, str]], T],
        on_error: Literal["raise", "collect"] = "raise",
        *,
        formula_guard: bool = True,
    ) -> None:
        if not isinstance(on_error, str):
            raise TypeError(
                f"on_error must be 'raise' or 'collect', not {type(on_error).__name__}"
            )
        if on_error not in ("raise", "collect"):
            raise ValueError("on_error must be 'raise' or 'collect'")
        if not isinstance(formula_guard, bool):
            raise TypeError(
                f"formula_guard must be True or False, not {type(formula_guard).__name__}"
            )
        self._convert = convert
        self._on_error = on_error
        self._restore = restore if formula_guard else _same
        self._owned: IO[Any] | None = None
        lines: _Lines
        if isinstance(source, (str, os.PathLike)):
            self._owned = open(source, "rb")  # noqa: SIM115
            lines = _ByteLines(self._owned)
        elif not (hasattr(source, "readline") and hasattr(source, "read")):
            raise TypeError(f"expected a path or a file, got {type(source).__name__}")
        elif _is_binary(source):
            lines = _ByteLines(source)  # type: ignore[arg-type]
        else:
            lines = _TextLines(source)  # type: ignore[arg-type]
        self._lines = lines
        if csv.field_size_limit() < MAX_LINE:
            csv.field_size_limit(MAX_LINE)
        self._reader = csv.reader(lines)
        self.header: list[str] | None = None
        self.errors: list[ValidationError] = []
        self.rows_read = 0
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
        if self.header is None:
            header = self._read()
            bad = self._lines.take_bad()
            if bad is not None:
                self.close()
                raise ValidationError(f"the header is not valid UTF-8: {bad}").at_line(1)
            if header is None:
                self.close()
                raise StopIteration
            self.header = [self._restore(name.removeprefix("\ufeff").strip()) for name in header]
        while True:
            try:
                cells = self._read()
            except ValidationError as exc:
                self.close()  # the file cannot be read any further
                raise exc from None
            if cells is None:
                self.close()
                raise StopIteration
            bad = self._lines.take_bad()
            if not any(cells) and bad is None:
                continue
            self.rows_read += 1
            try:
                if bad is not None:
                    raise ValidationError(f"not valid UTF-8: {bad}")
                return self._convert(self._row(cells))
            except ValidationError as exc:
                located = exc.at_line(self.line_number)
                if self._on_error == "raise":
                    self.close()
                    raise located from None
                self.errors.append(located)

    def _row(self, cells: list[str]) -> dict[str, str]:
        assert self.header is not None
        if len(cells) != len(self.header):
            raise ValidationError(
                f"has {len(cells)} cells; the header has {len(self.header)} columns"
            )
        if max(map(len, cells), default=0) > MAX_FIELD:
            raise ValidationError(
                [
                    Problem(
                        f"$.{name}",
                        f"cell is {len(cell)} characters long; at most {MAX_FIELD}",
                    )
                    for name, cell in zip(self.header, cells, strict=True)
                    if len(cell) > MAX_FIELD
                ]
            )
        fix = self._restore
        return {name: fix(cell) for name, cell in zip(self.header, cells, strict=True)}

    def close(self) -> None:
        """Close the file if this reader opened it."""
        if self._owned is not None:
            self._owned.close()
            self._owned = None


def _same(cell: str) -> str:
    return cell


class _Lines(Iterator[str]):
    """Lines of a file, counted (a CSV row may span several lines)."""

    count = 0

    def __iter__(self) -> _Lines:
        return self

    def take_bad(self) -> str | None:
        """What was wrong with the bytes of the lines since the last call, if anything."""
        return None

    def _check(self, line: str) -> str:
        self.count += 1
        if len(line) > MAX_LINE:
            raise csv.Error(f"line longer than {MAX_LINE} characters")
        return line


class _TextLines(_Lines):
    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle

    def __next__(self) -> str:
        line = self._handle.readline()
        if not line:
            raise StopIteration
        return self._check(line)


class _ByteLines(_Lines):
    """Lines decoded from UTF-8 one by one, so that a bad byte spoils only its row:
    the line is decoded with replacement characters and the problem kept for
    :meth:`take_bad`."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self._bad: str | None = None
        self._first = True

    def take_bad(self) -> str | None:
        bad, self._bad = self._bad, None
        return bad

    def __next__(self) -> str:
        raw = self._handle.readline(MAX_LINE + 1)
        if not raw:
            raise StopIteration
        if len(raw) > MAX_LINE:
            raise csv.Error(f"line longer than {MAX_LINE} bytes")
        if self._first:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            self._first = False
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if self._bad is None:
                where = f"at position {exc.start + 1} of line {self.count + 1}"
                self._bad = f"byte {raw[exc.start]:#04x} {where}"
            line = raw.decode("utf-8", errors="replace")
        return self._check(line)
