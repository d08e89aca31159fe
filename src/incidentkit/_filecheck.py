"""The reader behind ``incidentkit validate``: every record of a file checked in
one streaming pass, with the line of each problem.

A file is read as one of three layouts, chosen by its first non-blank line:

- **JSON Lines**, when that line is a JSON value by itself: one record per line (a
  line holding an array counts each of its items as a record at that line, so a
  compact one-line array is read too);
- a **JSON array** spread over lines, when it starts with ``[``: its items are
  parsed one at a time as the text streams in, so memory holds one record, not the
  file, and each problem is located within its record (linear time);
- a **single JSON document** otherwise (a pretty-printed record), read up to the
  size limit. If it does not parse and the line after the first is a JSON object
  by itself, the file is JSON Lines with a broken first line, and is read as such.

Nothing here holds more than the size limit (64 MiB by default) of the input at
once: a longer line or record is reported and skipped. Problems come back as
:class:`~incidentkit.errors.Problem` objects; whatever goes wrong with the input is
a problem, never an exception (reading errors of the stream, ``OSError``, are left
to the caller).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from ._caches import cached
from ._jsonsize import too_many_values
from ._typetree import documents, record_info
from .codec import (
    DEFAULT_MAX_BYTES,
    _check_text,
    _decode,
    _decode_checked,
    _read_text,
    from_dict,
)
from .errors import Problem, ValidationError

__all__ = ["Checked", "Source", "check_stream", "record_class"]

#: Problems located by walking the record's text, per record; any more are given
#: the record's first line (a record with thousands of bad items stays linear).
MAX_LOCATED = 100
_CHUNK = 1 << 20
_SPACE = " \t\n\r"


class Checked(NamedTuple):
    """One record checked (``kind`` is its class's name), or a problem of the file
    itself (``kind`` is None: empty, not UTF-8 where no record can be told apart)."""

    line: int
    kind: str | None
    problems: list[Problem]


def record_class(value: Any, cls: Any) -> Any:
    """The class to check ``value`` against: ``cls`` if given, else the top-level
    record class (from the registry) that the object's keys fit best: the one whose
    fields hold the most of its keys, then the one with the most required fields
    present, the first listed on a tie. Incident for anything that is not an object."""
    if cls is not None:
        return cls
    classes = _document_fields()
    if not isinstance(value, dict):
        return next(iter(classes))
    keys = set(value)
    return max(
        classes,
        key=lambda c: (len(keys & classes[c][0]), len(keys & classes[c][1])),
    )


@cached
def _document_fields() -> dict[Any, tuple[frozenset[str], frozenset[str]]]:
    """(every field, the required fields) of each top-level record class."""
    return {
        cls: (
            frozenset(f.name for f in record_info(cls).fields),
            frozenset(f.name for f in record_info(cls).fields if f.required),
        )
        for cls in documents()
    }


def _name(cls: Any) -> str:
    from .actors import Actor

    return "Actor" if cls is Actor else str(cls.__name__)


class Source:
    """A binary stream read in bounded pieces, with bytes pushed back in front of
    it and a count of the bytes read (for progress reports)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._pushed = b""
        self._at = 0  # how much of _pushed is read (an offset: no copy per line)
        self.bytes_read = 0

    def push_back(self, data: bytes) -> None:
        self._pushed = data + self._pushed[self._at :]
        self._at = 0

    def read(self, size: int) -> bytes:
        if self._at < len(self._pushed):
            data = self._pushed[self._at : self._at + size]
            self._at += len(data)
            return data
        data = self._stream.read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, limit: int) -> bytes:
        """A line with its newline, at most ``limit`` bytes of it."""
        if self._at < len(self._pushed):
            start = self._at
            end = self._pushed.find(b"\n", start, start + limit)
            end = min(start + limit, len(self._pushed)) if end < 0 else end + 1
            line = self._pushed[start:end]
            self._at = end
            if line.endswith(b"\n") or len(line) >= limit or self._at < len(self._pushed):
                return line
            return line + self.readline(limit - len(line))
        line = self._stream.readline(limit)
        self.bytes_read += len(line)
        return line

    def skip_line(self) -> None:
        """Drop the rest of the current line without keeping it."""
        while True:
            piece = self.readline(_CHUNK)
            if not piece or piece.endswith(b"\n"):
                return


def check_stream(
    stream: IO[bytes] | Source, cls: Any = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Checked]:
    """Check every record in ``stream`` against ``cls`` (a record class or the
    Actor union; None: Incident or Defection by shape), in order."""
    source = stream if isinstance(stream, Source) else Source(stream)
    number = 0
    while True:
        line = source.readline(max_bytes + 1)
        if not line:
            yield Checked(max(number, 1), None, [Problem("$", "no records: the input is empty")])
            return
        number += 1
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line.strip():
            break
    # (a line with too many values is read as JSON Lines, where _decode refuses it)
    if len(line) > max_bytes or too_many_values(line, max_bytes) or _is_value(line):
        source.push_back(line)
        yield from _check_lines(source, cls, max_bytes, number)
    elif line.lstrip().startswith(b"["):
        source.push_back(line)
        yield from _check_array(source, cls, max_bytes, number)
    else:
        yield from _check_document(source, line, cls, max_bytes, number)


def _is_value(line: bytes) -> bool:
    """Whether the line is a JSON value by itself (NaN and duplicates included:
    those are the line's problems, reported in JSON Lines mode)."""
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


# ---------------------------------------------------------------- JSON Lines


def _check_lines(source: Source, cls: Any, max_bytes: int, number: int) -> Iterator[Checked]:
    """JSON Lines from ``source``, whose first line is line ``number``."""
    number -= 1
    guess = _guess(cls)
    misses = 0  # valid lines in a row that were not of the guessed class
    while True:
        line = source.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            source.skip_line()
            message = f"line is longer than the limit of {max_bytes} bytes"
            yield Checked(number, _name(record_class(None, cls)), [Problem("$", message, number)])
            continue
        if not line.strip():
            continue
        text = line.rstrip(b"\r\n")
        try:
            _check_text(text, max_bytes + 1)  # (a line may be max_bytes + 1 long)
            if guess is not None and _read_text(text, guess) is not None:  # the fast way
                misses = 0
                yield Checked(number, _name(guess), [])
                continue
            value = _decode_checked(text)
        except ValidationError as exc:
            yield Checked(number, _name(record_class(None, cls)), _at(exc.errors, number))
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield _check_record(item, cls, number, f"$[{index}]")
        else:
            checked = _check_record(value, cls, number, "$")
            misses = misses + 1 if not checked.problems else 0
            if misses == _GIVE_UP:  # the file holds other records: stop guessing
                guess = None
            yield checked


#: Valid lines in a row not read as the guessed class after which a file stops
#: trying the guess (a file of defections, say).
_GIVE_UP = 16


def _guess(cls: Any) -> Any:
    """The class the msgspec path (:func:`incidentkit.codec._read_text`) tries each
    line as: ``cls`` if given, else the first top-level class, provided that a
    valid record of it is never detected as another class by its keys (each other
    class lacks one of its required fields). None: lines are only read the other
    way."""
    if cls is not None:
        return cls
    classes = _document_fields()
    first = next(iter(classes))
    required = classes[first][1]
    if any(required <= fields for other, (fields, _) in classes.items() if other is not first):
        return None
    return first


def _at(problems: Any, line: int, prefix: str = "$") -> list[Problem]:
    return [Problem(prefix + p.path[1:], p.message, line) for p in problems]


def _check_record(
    value: Any, cls: Any, line: int, prefix: str, text: str | None = None
) -> Checked:
    """One record; with ``text`` (the record's JSON, starting at ``line``) each
    problem gets the line of its path."""
    target = record_class(value, cls)
    try:
        from_dict(value, target)
    except ValidationError as exc:
        problems = []
        for index, problem in enumerate(exc.errors):
            where = line
            if text is not None and index < MAX_LOCATED:
                where = line + text.count("\n", 0, offset_of(text, problem.path))
            problems.append(Problem(prefix + problem.path[1:], problem.message, where))
        return Checked(problems[0].line or line, _name(target), problems)
    return Checked(line, _name(target), [])


# ---------------------------------------------------------------- one document


def _check_document(
    source: Source, first: bytes, cls: Any, max_bytes: int, number: int
) -> Iterator[Checked]:
    """A single JSON document (read up to ``max_bytes``), or JSON Lines whose first
    line is broken."""
    data = first + source.read(max_bytes + 1 - len(first))
    too_big = len(data) > max_bytes
    dense = not too_big and too_many_values(data, max_bytes)  # not parsed: _decode says so
    if (too_big or dense or not _parses(data)) and _second_line_is_object(data, max_bytes):
        source.push_back(data)
        yield from _check_lines(source, cls, max_bytes, number)
        return
    name = _name(record_class(None, cls))
    if too_big:
        message = f"the document is larger than the limit of {max_bytes} bytes"
        yield Checked(number, name, [Problem("$", message, number)])
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = number + data.count(b"\n", 0, exc.start)
        yield Checked(line, name, [Problem("$", f"not UTF-8 text: {exc.reason}", line)])
        return
    try:
        if not dense:
            value = json.loads(text)  # plain, for the line of a syntax error
    except json.JSONDecodeError as exc:
        line = number + exc.lineno - 1
        yield Checked(line, name, [Problem("$", f"invalid JSON: {exc.msg}", line)])
        return
    except (ValueError, RecursionError):
        pass
    try:
        value = _decode(text, max_bytes)
    except ValidationError as exc:
        yield Checked(number, name, _at(exc.errors, number))
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield _check_record(item, cls, number, f"$[{index}]")
    else:
        yield _check_record(value, cls, number, "$", text)


def _parses(data: bytes) -> bool:
    try:
        json.loads(data)
    except (ValueError, RecursionError):
        return False
    return True


def _second_line_is_object(data: bytes, max_bytes: int) -> bool:
    """Whether the first non-blank line after the first is a JSON object alone."""
    start = data.find(b"\n") + 1
    while 0 < start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end]
        if line.strip():
            if too_many_values(line, max_bytes):
                return False
            try:
                return isinstance(json.loads(line), dict)
            except (ValueError, RecursionError):
                return False
        start = end + 1
    return False


# ---------------------------------------------------------------- streamed array


class _Text:
    """The decoded text of a source, read in chunks as the parser needs it, with
    the line number of the current position."""

    def __init__(self, source: Source, line: int) -> None:
        self.source = source
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0
        self.line = line
        self.eof = False
        #: Whether the text from ``pos`` on is known to hold no more values than a
        #: document may (see :mod:`._jsonsize`), until more is read.
        self.sparse = False

    def more(self, at_least: int = _CHUNK) -> bool:
        """Read more text; False at the end of the input. Raises
        UnicodeDecodeError for bytes that are not UTF-8."""
        if self.eof:
            return False
        if self.pos > _CHUNK and self.pos * 2 > len(self.buf):  # drop what is parsed
            self.buf = self.buf[self.pos :]
            self.pos = 0
        data = self.source.read(max(at_least, _CHUNK))
        self.eof = not data
        self.buf += self.decoder.decode(data, final=self.eof)
        self.sparse = False
        return not self.eof

    def advance(self, to: int) -> None:
        self.line += self.buf.count("\n", self.pos, to)
        self.pos = to

    def skip_space(self) -> bool:
        """Move past whitespace; False if the input ends first."""
        while True:
            to = self.pos
            while to < len(self.buf) and self.buf[to] in _SPACE:
                to += 1
            self.advance(to)
            if self.pos < len(self.buf):
                return True
            if not self.more():
                return False


_RAW = json.JSONDecoder()


def _check_array(source: Source, cls: Any, max_bytes: int, number: int) -> Iterator[Checked]:
    text = _Text(source, number)
    name = _name(record_class(None, cls))
    try:
        yield from _array_items(text, cls, max_bytes, name)
    except UnicodeDecodeError as exc:
        yield Checked(text.line, name, [Problem("$", f"not UTF-8 text: {exc.reason}", text.line)])


def _array_items(text: _Text, cls: Any, max_bytes: int, name: str) -> Iterator[Checked]:
    text.skip_space()
    text.advance(text.pos + 1)  # the "[" (check_stream saw it)
    index = 0
    while True:
        if not text.skip_space():
            yield Checked(text.line, name, [Problem("$", "the array is not closed", text.line)])
            return
        if text.buf[text.pos] == "]" and index == 0:
            text.advance(text.pos + 1)
            break
        line = text.line
        end = _value_end(text, max_bytes)
        if isinstance(end, str):
            yield Checked(line, name, [Problem(f"$[{index}]", end, line)])
            return
        item_text = text.buf[text.pos : end]  # (reading more may have moved pos)
        text.advance(end)
        try:
            value = _decode(item_text, max_bytes)
        except ValidationError as exc:
            yield Checked(line, name, _at(exc.errors, line, f"$[{index}]"))
        else:
            yield _check_record(value, cls, line, f"$[{index}]", item_text)
        index += 1
        if not text.skip_space():
            yield Checked(text.line, name, [Problem("$", "the array is not closed", text.line)])
            return
        char = text.buf[text.pos]
        text.advance(text.pos + 1)
        if char == "]":
            break
        if char != ",":
            message = f"invalid JSON: expected ',' or ']' after item {index - 1}"
            yield Checked(text.line, name, [Problem("$", message, text.line)])
            return
    while text.skip_space():  # only whitespace may follow
        yield Checked(text.line, None, [Problem("$", "invalid JSON: extra data", text.line)])
        return


_ERROR_POSITION = re.compile(r"\(char [0-9]+\)$")


def _value_end(text: _Text, max_bytes: int) -> int | str:
    """Where the JSON value at ``text.pos`` ends (reading more as needed), or the
    problem that stops the file being read further."""
    while True:
        if not text.sparse and text.buf[text.pos] in "[{" and _dense(text, max_bytes):
            # Parsing to find the end could cost gigabytes: scan for it instead.
            end = _container_end(text.buf, text.pos)
            if end is not None:
                return end
            if len(text.buf) - text.pos > max_bytes:
                return f"the record is larger than the limit of {max_bytes} bytes"
            if text.eof or not text.more(len(text.buf) - text.pos):
                return f"invalid JSON at line {text.line}: the record is not closed"
            continue
        try:
            return int(_RAW.raw_decode(text.buf, text.pos)[1])
        except RecursionError:
            return "invalid JSON: nested too deeply"
        except json.JSONDecodeError as exc:
            if len(text.buf) - text.pos > max_bytes:
                return f"the record is larger than the limit of {max_bytes} bytes"
            if text.eof or not text.more(len(text.buf) - text.pos):  # double what we have
                line = text.line + text.buf.count("\n", text.pos, exc.pos)
                return f"invalid JSON at line {line}: {exc.msg}"


def _dense(text: _Text, max_bytes: int) -> bool:
    """Whether the text from ``text.pos`` on holds too many values to parse; once it
    does not, neither does any later part of the same text (the count only shrinks)."""
    if too_many_values(text.buf, max_bytes, text.pos):
        return True
    text.sparse = True
    return False


#: A string (or one running to the end of the text: not yet read in full) or a bracket.
_BRACKET_OR_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*("|\\?\Z)|[\[\]{}]', re.DOTALL)


def _container_end(buf: str, pos: int) -> int | None:
    """Where the array or object at ``pos`` ends (after its closing bracket), found
    without building its value; None if ``buf`` ends first. Brackets are matched by
    count only, whatever their kind: a text that is not JSON is refused by the
    parser afterwards."""
    depth = 0
    for match in _BRACKET_OR_STRING.finditer(buf, pos):
        char = buf[match.start()]
        if char == '"':
            if not match.group(1):  # the text ends inside the string
                return None
        elif char in "[{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.end()
    return None


# ---------------------------------------------------------------- locating


_PATH_STEP = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\["((?:[^"\\]|\\.)*)"\]')
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def offset_of(text: str, path: str) -> int:
    """Where the value at ``path`` (or its nearest existing parent) starts in the
    JSON ``text``; 0 if the text cannot be walked. Linear in the text before it."""
    try:
        return _walk(text, path)
    except (IndexError, ValueError, RecursionError):
        return 0


def _walk(text: str, path: str) -> int:
    from json.decoder import scanstring  # type: ignore[attr-defined]

    keys: list[str | int] = []
    for name, index, quoted in _PATH_STEP.findall(path):
        keys.append(int(index) if index else name or json.loads(f'"{quoted}"'))

    def skip(pos: int) -> int:
        match = _WHITESPACE.match(text, pos)
        return match.end() if match else pos

    pos = skip(0)
    for key in keys:
        start = pos
        if text[pos] == "{" and isinstance(key, str):
            pos = skip(pos + 1)
            while text[pos] == '"':
                name, pos = scanstring(text, pos + 1)
                pos = skip(skip(pos) + 1)  # past the colon
                if name == key:
                    break
                pos = skip(_RAW.raw_decode(text, pos)[1])
                pos = skip(pos + 1) if text[pos] == "," else pos
            else:
                return start
        elif text[pos] == "[" and isinstance(key, int):
            pos = skip(pos + 1)
            for _ in range(key):
                pos = skip(_RAW.raw_decode(text, pos)[1])
                pos = skip(pos + 1)
            if text[pos] == "]":
                return start
        else:
            return start
    return pos
