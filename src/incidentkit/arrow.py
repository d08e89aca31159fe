"""Records as Apache Arrow tables and Parquet files (the optional ``arrow`` extra).

The Arrow schema of a record class is derived from its declarations through the type
tree (:mod:`incidentkit._typetree`); nothing here names a record class or a field, so
a newly declared field is a new column with no other edit. The mapping, node by node:

=========================  ================================================================
declared                   Arrow
=========================  ================================================================
``str`` / ``int``          ``string`` / ``int64``
``float`` / ``bool``       ``double`` / ``bool``
aware ``datetime``         ``struct<utc: timestamp[us, UTC], offset_seconds: int32>``: the
                           instant, and the UTC offset it was written with (lossless)
union tag (``type``)       ``string``
enumeration                ``dictionary<int32, string>`` holding the wire value; the
                           dictionary is every member, in declaration order
nested record              ``struct`` of its fields
union of records           ``struct`` with one field per member, named by its tag; exactly
                           one is set
``tuple[X, ...]``          ``list<X>`` (empty when the record has none)
``X | None``               X, null when absent
``dict`` (extensions)      ``string`` holding JSON text (field metadata
                           ``incidentkit.encoding: json``)
a record inside itself     ``string`` holding the inner record's JSON text (same metadata):
                           ``Location.relative.anchor`` is a Location, and Arrow types
                           cannot be recursive, so the first repetition of a class on a
                           path is stored as JSON (recursion depth 1 as columns)
=========================  ================================================================

Every field carries its declared description in its Arrow metadata
(``description``); the schema metadata names the record class (``incidentkit.record``).
Every column is nullable: Arrow checks nothing; :func:`from_arrow` validates each row
through :func:`~incidentkit.codec.from_dict`, so a table written by another tool is
checked exactly as JSON would be, and its problems carry the row: ``$[3].when.at``.
"""

from __future__ import annotations

import array
import contextlib
import enum
import functools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from itertools import accumulate, islice
from typing import IO, Any, Literal, TypeVar

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("incidentkit.arrow needs pyarrow: pip install 'incidentkit[arrow]'") from exc

import attrs

from ._atomic import atomic_output
from ._caches import cached
from ._typetree import (
    ConstNode,
    EnumNode,
    JsonNode,
    Node,
    OptionalNode,
    RecordNode,
    ScalarNode,
    TupleNode,
    UnionNode,
    record_info,
)
from .codec import encode_json, from_dict
from .errors import Problem, ValidationError

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_ROW_GROUP_SIZE",
    "ParquetReader",
    "analyst_schema",
    "arrow_schema",
    "from_arrow",
    "iter_parquet",
    "lean",
    "to_arrow",
    "to_table",
    "write_parquet",
]

T = TypeVar("T")

#: Records per Parquet row group. A row group is held in Arrow's compact form only
#: (about 3 kB a record for typical incidents), so memory stays flat whatever the
#: file's size.
DEFAULT_ROW_GROUP_SIZE = 2_000
#: Records held as Python objects at a time, when writing (turned into Arrow
#: columns) and when reading (turned back into records). Python objects take several
#: times the space of their Arrow columns, so this is what bounds memory.
DEFAULT_BATCH_SIZE = 128

#: Field metadata key marking a ``string`` column that holds JSON text.
ENCODING_KEY = b"incidentkit.encoding"
_JSON_META = {ENCODING_KEY: b"json"}

_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)
_SECOND = timedelta(seconds=1)

_Encode = Callable[[Any], Any]
_Decode = Callable[[Any], Any]


@attrs.frozen
class _Column:
    """How one node is stored: its Arrow type as written and as read (timestamps read
    as int64 microseconds, so instants outside Python's years 1-9999 in UTC still
    read), and the functions between a record's value, Arrow's Python value, and
    the wire value :func:`~incidentkit.codec.from_dict` takes."""

    type: Any
    read_type: Any
    encode: _Encode
    decode: _Decode
    metadata: dict[bytes, bytes] | None = None
    #: The type records are converted to first (``type`` with each enumeration as
    #: its member's position, ``int32``), and what makes that array into one of
    #: ``type`` (None: it already is). Every enumeration's dictionary is then all its
    #: members in declaration order, the same in every batch: a row group gathered
    #: from batches is written as it is (a dictionary changing between batches makes
    #: the Parquet writer fall back to decoding them, which costs time and memory),
    #: and no dictionary is ever empty.
    build_type: Any = None
    finish: Callable[[Any], Any] | None = None
    #: A struct's fields, in order.
    fields: tuple[_Column, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.build_type is None:
            object.__setattr__(self, "build_type", self.type)


def _same(value: Any) -> Any:
    return value


def _maybe(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if fn is _same:
        return fn
    return lambda value: None if value is None else fn(value)


# ---------------------------------------------------------------- datetimes


def _encode_datetime(value: datetime) -> dict[str, int]:
    offset = value.utcoffset() or timedelta(0)
    local = value.replace(tzinfo=None)
    return {
        "utc": (local - _EPOCH) // _MICROSECOND - offset // _MICROSECOND,
        "offset_seconds": offset // _SECOND,
    }


def _decode_datetime(value: Any) -> Any:
    """The RFC 3339 text of a stored instant and offset (what ``to_dict`` writes);
    anything unreadable is passed on for the codec to report."""
    if not isinstance(value, dict):
        return value
    utc, seconds = value.get("utc"), value.get("offset_seconds")
    if isinstance(utc, datetime):  # a table that was not cast to the reading schema
        utc = (utc.replace(tzinfo=None) - _EPOCH) // _MICROSECOND
    if not isinstance(utc, int) or not isinstance(seconds, int):
        return value
    try:
        local = _EPOCH + timedelta(microseconds=utc, seconds=seconds)
    except OverflowError:
        return value
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    offset = f"{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")
    return local.isoformat() + offset


_DATETIME_TYPE = pa.struct(
    [
        pa.field(
            "utc",
            pa.timestamp("us", tz="UTC"),
            metadata={b"description": b"The instant, in UTC (microseconds)."},
        ),
        pa.field(
            "offset_seconds",
            pa.int32(),
            metadata={b"description": b"The UTC offset the time was written with, in seconds."},
        ),
    ]
)
_DATETIME_READ_TYPE = pa.struct(
    [pa.field("utc", pa.int64()), pa.field("offset_seconds", pa.int32())]
)

_SCALARS: dict[type, Any] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
}
_ENUM_TYPE = pa.dictionary(pa.int32(), pa.string())


# ---------------------------------------------------------------- the mapping


def _json_text(value: Any) -> str:
    return encode_json(value, False)


def _from_json_text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # the codec reports "expected object" at this path


def _column(node: Node, stack: tuple[type[Any], ...]) -> _Column:
    """The column of one node; ``stack`` holds the record classes enclosing it."""
    if isinstance(node, ScalarNode):
        if node.type is datetime:
            return _Column(_DATETIME_TYPE, _DATETIME_READ_TYPE, _encode_datetime, _decode_datetime)
        arrow_type = _SCALARS[node.type]
        return _Column(arrow_type, arrow_type, _same, _same)
    if isinstance(node, ConstNode):
        return _Column(pa.string(), pa.string(), _same, _same)
    if isinstance(node, EnumNode):
        return _enum_column(node.cls)
    if isinstance(node, JsonNode):
        return _Column(pa.string(), pa.string(), _json_text, _from_json_text, _JSON_META)
    if isinstance(node, OptionalNode):
        inner = _column(node.inner, stack)
        return attrs.evolve(inner, encode=_maybe(inner.encode), decode=_maybe(inner.decode))
    if isinstance(node, TupleNode):
        item = _column(node.item, stack)
        encode_item, decode_item = item.encode, item.decode
        list_type = pa.list_(item.type)
        return _Column(
            list_type,
            pa.list_(item.read_type),
            lambda values: [encode_item(v) for v in values],
            lambda values: (
                values if not isinstance(values, list) else [decode_item(v) for v in values]
            ),
            item.metadata,
            pa.list_(item.build_type),
            None
            if item.finish is None
            else functools.partial(_finish_list, list_type, item.finish),
        )
    if isinstance(node, RecordNode):
        if node.cls in stack:
            from .codec import to_dict

            return _Column(
                pa.string(),
                pa.string(),
                lambda record: _json_text(to_dict(record)),
                _from_json_text,
                _JSON_META,
            )
        return _record_column(node.cls, stack)
    if isinstance(node, UnionNode):
        return _union_column(node, stack)
    raise TypeError(f"no Arrow type for {node!r}")  # pragma: no cover - every node is above


def _enum_column(cls: type[enum.Enum]) -> _Column:
    members = list(cls)
    position = {member: index for index, member in enumerate(members)}
    dictionary = _strings([member.value for member in members])
    return _Column(
        _ENUM_TYPE,
        _ENUM_TYPE,
        position.__getitem__,
        _same,
        build_type=pa.int32(),
        finish=functools.partial(_finish_enum, dictionary),
    )


def _strings(texts: list[str]) -> Any:
    """A string array made from its buffers. (``pa.array`` would do, but pyarrow's
    first conversion from Python values imports pandas when it is installed, 45 MB;
    with this, reading Parquet never makes one.)"""
    data = [text.encode() for text in texts]
    offsets = array.array("i", accumulate(map(len, data), initial=0))
    buffers = [None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(b"".join(data))]
    return pa.Array.from_buffers(pa.string(), len(texts), buffers)


def _finish_enum(dictionary: Any, indices: Any) -> Any:
    return pa.DictionaryArray.from_arrays(indices, dictionary)


# Arrays straight from pyarrow's conversion of Python values have offset 0, so a
# struct's children and a list's values line up with its own buffers.


def _finish_list(list_type: Any, finish_item: Callable[[Any], Any], array: Any) -> Any:
    validity_and_offsets = array.buffers()[:2]
    values = finish_item(array.values)
    return pa.Array.from_buffers(
        list_type, len(array), validity_and_offsets, array.null_count, children=[values]
    )


def _finish_struct(
    struct_type: Any, finishes: list[Callable[[Any], Any] | None], array: Any
) -> Any:
    children = [
        array.field(i) if finish is None else finish(array.field(i))
        for i, finish in enumerate(finishes)
    ]
    return pa.Array.from_buffers(
        struct_type, len(array), array.buffers()[:1], array.null_count, children=children
    )


def _struct_column(
    fields: list[Any],
    read_fields: list[Any],
    parts: list[tuple[str, _Column]],
    encode: _Encode,
    decode: _Decode,
) -> _Column:
    struct_type = pa.struct(fields)
    finishes = [column.finish for _, column in parts]
    return _Column(
        struct_type,
        pa.struct(read_fields),
        encode,
        decode,
        build_type=pa.struct([pa.field(name, column.build_type) for name, column in parts]),
        finish=(
            None
            if all(finish is None for finish in finishes)
            else functools.partial(_finish_struct, struct_type, finishes)
        ),
        fields=tuple(column for _, column in parts),
    )


def _record_column(cls: type[Any], stack: tuple[type[Any], ...]) -> _Column:
    inner = (*stack, cls)
    columns = [(info, _column(info.node, inner)) for info in record_info(cls).fields]
    fields = [_field(info.name, column, info.description) for info, column in columns]
    read_fields = [pa.field(info.name, column.read_type) for info, column in columns]
    getters = [(info.name, column.encode) for info, column in columns]
    decoders = {info.name: (column.decode, info.required) for info, column in columns}

    def encode(record: Any) -> dict[str, Any]:
        return {name: enc(getattr(record, name)) for name, enc in getters}

    unknown = (_same, True)  # an unknown key is passed on: the codec reports it

    def decode(row: Any) -> Any:
        if not isinstance(row, dict):
            return row
        out = {}
        for name, value in row.items():
            convert, required = decoders.get(name, unknown)
            if value is not None:
                out[name] = value if convert is _same else convert(value)
            elif required:
                out[name] = None  # the codec reports the null
            # a null in an optional or defaulted field means "not given"
        return out

    parts = [(info.name, column) for info, column in columns]
    return _struct_column(fields, read_fields, parts, encode, decode)


def _union_column(node: UnionNode, stack: tuple[type[Any], ...]) -> _Column:
    members = [(tag, cls, _record_column(cls, stack)) for tag, cls in node.tags]
    fields = [
        _field(tag, column, f"Set when the value is a {cls.__name__}.")
        for tag, cls, column in members
    ]
    read_fields = [pa.field(tag, column.read_type) for tag, _, column in members]
    by_class = {cls: (tag, column.encode) for tag, cls, column in members}
    decoders = {tag: column.decode for tag, _, column in members}
    empty = dict.fromkeys(decoders)

    def encode(value: Any) -> dict[str, Any]:
        tag, enc = by_class[type(value)]
        out = dict(empty)
        out[tag] = enc(value)
        return out

    def decode(row: Any) -> Any:
        if not isinstance(row, dict):
            return row
        given = [(tag, value) for tag, value in row.items() if value is not None]
        if len(given) != 1 or given[0][0] not in decoders:
            return None  # the codec reports that this is not one of the members
        tag, value = given[0]
        return decoders[tag](value)

    parts = [(tag, column) for tag, _, column in members]
    return _struct_column(fields, read_fields, parts, encode, decode)


def _field(name: str, column: _Column, description: str) -> Any:
    metadata = dict(column.metadata or {})
    if description:
        metadata[b"description"] = description.encode()
    return pa.field(name, column.type, nullable=True, metadata=metadata or None)


@cached
def _table_column(cls: type[Any]) -> _Column:
    return _record_column(cls, ())


@cached
def arrow_schema(cls: type[Any]) -> Any:
    """The Arrow schema of a record class (a ``pyarrow.Schema``), derived from its
    declarations: one top-level column per field."""
    struct = _table_column(cls).type
    fields = [struct.field(i) for i in range(struct.num_fields)]
    return pa.schema(fields, metadata={b"incidentkit.record": cls.__name__.encode()})


@cached
def _read_schema(cls: type[Any]) -> Any:
    struct = _table_column(cls).read_type
    return pa.schema([struct.field(i) for i in range(struct.num_fields)])


# ---------------------------------------------------------------- tables


def to_arrow(records: Iterable[Any], cls: type[Any]) -> Any:
    """A ``pyarrow.Table`` holding ``records`` (each an instance of ``cls``), with the
    schema :func:`arrow_schema` gives."""
    encode = _table_column(cls).encode
    rows = []
    for record in records:
        if type(record) is not cls:
            raise TypeError(
                f"to_arrow expects {cls.__name__} records, got {type(record).__name__}"
            )
        rows.append(encode(record))
    table = pa.Table.from_pylist(rows, schema=_build_schema(cls))
    del rows
    columns = [
        column
        if field.finish is None
        else pa.chunked_array([field.finish(chunk) for chunk in column.chunks], field.type)
        for column, field in zip(table.columns, _table_column(cls).fields, strict=True)
    ]
    return pa.table(columns, schema=arrow_schema(cls))


@cached
def _build_schema(cls: type[Any]) -> Any:
    struct = _table_column(cls).build_type
    return pa.schema([struct.field(i) for i in range(struct.num_fields)])


def from_arrow(
    table: Any,
    cls: type[T],
    *,
    on_error: Literal["raise", "collect"] = "raise",
    first_row: int = 0,
    errors: list[ValidationError] | None = None,
) -> list[T]:
    """The records of a ``pyarrow.Table`` (or ``RecordBatch``), each validated as
    :func:`~incidentkit.codec.from_dict` validates it.

    Problems carry their row (counted from ``first_row``) at the front of their path,
    ``$[3].when.at``. With ``on_error="raise"`` every problem of every row is raised
    together in one :class:`ValidationError`; with ``"collect"`` bad rows are left out
    and one error per bad row is appended to ``errors`` (which must then be given:
    nothing is dropped unreported).
    """
    if on_error not in ("raise", "collect"):
        raise ValueError("on_error must be 'raise' or 'collect'")
    if on_error == "collect" and errors is None:
        raise ValueError("on_error='collect' needs a list to collect into: errors=[]")
    decode = _table_column(cls).decode
    out: list[T] = []
    problems: list[Problem] = []
    for index, row in enumerate(_rows(table, cls), start=first_row):
        try:
            out.append(from_dict(decode(row), cls))
        except ValidationError as exc:
            located = [problem.under(f"$[{index}]") for problem in exc.errors]
            if on_error == "raise" or errors is None:
                problems.extend(located)
            else:
                errors.append(ValidationError(located))
    if problems:
        raise ValidationError(problems)
    return out


def _rows(table: Any, cls: type[Any]) -> list[dict[str, Any]]:
    """The rows of a table as Python dicts, timestamps as int64 microseconds where
    the table has this library's layout."""
    if not isinstance(table, (pa.Table, pa.RecordBatch)):
        raise TypeError(f"from_arrow expects a pyarrow Table, got {type(table).__name__}")
    read_schema = _read_schema(cls)
    if table.schema.equals(arrow_schema(cls), check_metadata=False):
        # This library's own layout: the timestamps are reinterpreted in place as
        # int64 (a view: no copy, and no cast kernels loaded, which saves memory).
        columns = [
            _view(column, field.type)
            for column, field in zip(table.columns, read_schema, strict=True)
        ]
        table = type(table).from_arrays(columns, schema=read_schema)
    else:
        # Another layout (a table from elsewhere) is cast where it can be, else read
        # as it is; each row is checked.
        with contextlib.suppress(pa.ArrowException, ValueError, TypeError):
            table = table.cast(read_schema)
    try:
        rows: list[dict[str, Any]] = table.to_pylist()
    except (pa.ArrowException, ValueError, OverflowError) as exc:
        raise ValidationError(f"cannot read the table: {exc}") from None
    return rows


def _view(column: Any, arrow_type: Any) -> Any:
    if isinstance(column, pa.ChunkedArray):
        return pa.chunked_array([chunk.view(arrow_type) for chunk in column.chunks], arrow_type)
    return column.view(arrow_type)


# ---------------------------------------------------------------- Parquet


def write_parquet(
    records: Iterable[Any],
    path: str | os.PathLike[str] | IO[bytes],
    cls: type[Any],
    *,
    row_group_size: int = DEFAULT_ROW_GROUP_SIZE,
    compression: str = "zstd",
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> int:
    """Write records to a Parquet file in row groups of ``row_group_size`` records;
    returns how many.

    Memory stays flat: records are turned into Arrow columns ``batch_size`` at a
    time, and only the current row group's columns are held until it is written.
    Given a path, the file appears whole or not at all: it is written beside ``path``
    under a temporary name and moved into place. Given an open binary file (standard
    output, say), it is written there as it goes."""
    if row_group_size < 1:
        raise ValueError("row_group_size must be at least 1")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    write = functools.partial(
        _write_parquet,
        cls=cls,
        row_group_size=row_group_size,
        compression=compression,
        batch_size=min(batch_size, row_group_size),
    )
    if not isinstance(path, (str, os.PathLike)):
        return write(records, path)
    # As every file incidentkit writes: a temporary file beside it, synced and
    # renamed into place, with the permissions a new file (or the old one) has.
    with atomic_output(path, "wb") as handle:
        return write(records, handle)


def _write_parquet(
    records: Iterable[Any],
    where: Any,
    *,
    cls: type[Any],
    row_group_size: int,
    compression: str,
    batch_size: int,
) -> int:
    schema = arrow_schema(cls)
    count = 0
    group: list[Any] = []  # Arrow record batches of the row group being gathered
    gathered = 0
    with pq.ParquetWriter(where, schema, compression=compression) as writer:
        # Each write_table call starts a new row group, so one is written only when
        # it is full (or at the end), from the batches gathered for it.
        iterator = iter(records)
        # Batches end where row groups end, so every row group but the last is full.
        while chunk := list(islice(iterator, min(batch_size, row_group_size - gathered))):
            table = to_arrow(chunk, cls)
            del chunk  # the Python objects can go once they are Arrow columns
            group.extend(table.to_batches())
            gathered += table.num_rows
            count += table.num_rows
            if gathered == row_group_size:
                writer.write_table(pa.Table.from_batches(group, schema), row_group_size)
                group, gathered = [], 0
        if group:
            writer.write_table(pa.Table.from_batches(group, schema), row_group_size)
    return count


def lean() -> contextlib.AbstractContextManager[None]:
    """Within the block, pyarrow converts without pandas and allocates with the
    system allocator: about 55 MB less at the peak when writing Parquet with pandas
    installed, as ``incidentkit convert`` does.

    pyarrow imports pandas, when it is installed, on its first conversion of Python
    values into an array (45 MB; writing makes such conversions, reading does not),
    and its default allocator (mimalloc) keeps memory it has freed. Inside the block
    ``import pandas`` fails unless pandas is already imported, and pyarrow then takes
    pandas as not installed: ``to_pandas`` and ``Table.from_pandas`` find it again
    later, but ``pa.array(series)`` treats a pandas Series as a plain sequence until
    one of those is called. For programs that do not use pandas."""
    from ._leanarrow import lean_arrow

    return lean_arrow()


#: What pyarrow raises for a file it cannot read: damaged metadata or pages (names
#: that are not UTF-8 included), and, for a path, a file that is not there.
_DAMAGED = (pa.ArrowException, OSError, UnicodeDecodeError)


class ParquetReader(Iterator[T]):
    """Iterates the records of a Parquet file one batch at a time (memory stays flat).

    With ``on_error="raise"`` the first bad batch raises (its problems carry their
    rows, counted from 0 in the file: ``$[12].where.point.lat``); with ``"collect"``
    bad rows are skipped and one error per row is gathered in :attr:`errors`. A file
    pyarrow cannot read (damaged metadata or pages) raises
    :class:`~incidentkit.ValidationError` either way, at the first row it cannot
    read; the records before it have been given.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | IO[bytes],
        cls: type[T],
        on_error: Literal["raise", "collect"] = "raise",
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        if on_error not in ("raise", "collect"):
            raise ValueError("on_error must be 'raise' or 'collect'")
        source: Any = os.fspath(path) if isinstance(path, (str, os.PathLike)) else path
        if not isinstance(source, str) and not source.seekable():  # a pipe: Parquet
            source = pa.BufferReader(source.read())  # keeps its index at the end
        try:
            # No read-ahead of whole row groups (pre_buffer) and, below, no reader
            # threads: both cost memory, and the time goes into making records anyway.
            self._file = pq.ParquetFile(source, pre_buffer=False)
        except _DAMAGED as exc:
            raise ValidationError(f"not a readable Parquet file: {exc}") from None
        self._batches = self._iter_batches(batch_size)
        self._cls = cls
        self._on_error = on_error
        self._pending: Iterator[T] = iter(())
        self.errors: list[ValidationError] = []
        #: Rows read so far (including bad ones).
        self.rows = 0

    def __iter__(self) -> ParquetReader[T]:
        return self

    def _iter_batches(self, batch_size: int) -> Iterator[Any]:
        # One row group at a time: pyarrow's iter_batches cannot yet cut nested
        # dictionary columns across row groups.
        for group in range(self._file.num_row_groups):
            yield from self._file.iter_batches(
                batch_size=batch_size, row_groups=[group], use_threads=False
            )

    def __next__(self) -> T:
        while True:
            for record in self._pending:
                return record
            try:
                batch = next(self._batches)  # StopIteration ends the iteration
            except _DAMAGED as exc:  # what pyarrow raises for damaged pages
                raise ValidationError(
                    f"the Parquet file is damaged from here on: {exc}", f"$[{self.rows}]"
                ) from None
            first, self.rows = self.rows, self.rows + batch.num_rows
            records = from_arrow(
                batch, self._cls, on_error=self._on_error, first_row=first, errors=self.errors
            )
            self._pending = iter(records)

    def close(self) -> None:
        self._file.close()


def iter_parquet(
    path: str | os.PathLike[str] | IO[bytes],
    cls: type[T],
    *,
    on_error: Literal["raise", "collect"] = "raise",
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ParquetReader[T]:
    """Stream the records of type ``cls`` from a Parquet file; see
    :class:`ParquetReader` for ``on_error``."""
    return ParquetReader(path, cls, on_error, batch_size)


# ---------------------------------------------------------------- analyst table


def _utc_or_none(get: Callable[[], datetime]) -> datetime | None:
    try:
        return get()
    except (OverflowError, ValueError):  # beyond year 1-9999 once in UTC
        return None


def _killed(incident: Any) -> tuple[int | None, int | None, int | None]:
    """Deaths on all sides as (low, best, high): the all-sides tally where the record
    has one; otherwise the per-side figures and the side-unknown tally added up, a
    missing low or high counting as the best estimate; all None when nothing is said."""
    from .interop._common import KILLED_ALL_SIDES, KILLED_SIDE_UNKNOWN, find_tally

    total = find_tally(incident, KILLED_ALL_SIDES)
    if total is not None:
        counts = [total.count]
    else:
        counts = [c.killed for c in incident.casualties if c.killed is not None]
        unknown = find_tally(incident, KILLED_SIDE_UNKNOWN)
        if unknown is not None:
            counts.append(unknown.count)
    if not counts:
        return None, None, None
    # Count.figure: best, or the lowest figure of a vague range ("dozens").
    low = sum((c.figure if c.low is None else c.low) or 0 for c in counts)
    high = sum((c.figure if c.high is None else c.high) or 0 for c in counts)
    return low, sum(c.figure or 0 for c in counts), high


def _killed_bound(incident: Any, index: int) -> int | None:
    return _killed(incident)[index]


def _actors_by_role(incident: Any, role: Any) -> list[str]:
    names = {actor.id: actor.name for actor in incident.actors}
    return [names.get(p.actor, p.actor) for p in incident.participants if p.role is role]


@cached
def _analyst_columns() -> tuple[tuple[str, Any, str, Callable[[Any], Any]], ...]:
    """(name, Arrow type, description, value of an incident) for each analyst column;
    one ``actors_<role>`` column per :class:`~incidentkit.Role`."""
    from .incident import Role

    text, number, integer, utc = pa.string(), pa.float64(), pa.int64(), pa.timestamp("us", "UTC")
    label = _ENUM_TYPE

    def area(level: str) -> Callable[[Any], Any]:
        return lambda r: None if (a := getattr(r.where, level)) is None else a.name

    columns: list[tuple[str, Any, str, Callable[[Any], Any]]] = [
        ("id", text, "The incident's id.", lambda r: r.id),
        ("type", label, "Incident type (incidentkit taxonomy).", lambda r: r.type.value),
        (
            "category",
            label,
            "The ACLED event type the incident type belongs to.",
            lambda r: r.type.category.value,
        ),
        ("status", label, "Record status.", lambda r: r.status.value),
        (
            "earliest",
            utc,
            "Earliest instant the incident can have begun, in UTC (when.earliest: the "
            "stated period, widened by any margin).",
            lambda r: _utc_or_none(lambda: r.when.earliest),
        ),
        (
            "latest",
            utc,
            "Bound after the last instant it can have lasted to, in UTC, exclusive "
            "(until.latest, or when.latest if it has no end).",
            lambda r: _utc_or_none(lambda: (r.until or r.when).latest),
        ),
        (
            "precision",
            label,
            "How exactly the start is known (when.precision).",
            lambda r: r.when.precision.value,
        ),
        (
            "approximate",
            pa.bool_(),
            "Whether the start was given as approximate or uncertain.",
            lambda r: r.when.approximate or r.when.uncertain,
        ),
        ("tz", text, "IANA zone of the place (when.tz).", lambda r: r.when.tz),
        ("country", text, "ISO 3166-1 alpha-2 code of the country.", lambda r: r.where.country),
        ("admin1", text, "Name of the province or state.", area("admin1")),
        ("admin2", text, "Name of the district.", area("admin2")),
        ("admin3", text, "Name of the sub-district.", area("admin3")),
        ("location", text, "Name of the place.", lambda r: r.where.name),
        (
            "geo_precision",
            label,
            "How precisely the place is known (where.precision).",
            lambda r: r.where.precision.value,
        ),
        (
            "lat",
            number,
            "Latitude, WGS84 (where.point).",
            lambda r: None if r.where.point is None else r.where.point.lat,
        ),
        (
            "lon",
            number,
            "Longitude, WGS84 (where.point).",
            lambda r: None if r.where.point is None else r.where.point.lon,
        ),
    ]
    for role in Role:
        columns.append(
            (
                f"actors_{role.value}",
                pa.list_(text),
                f"Names of the participants in the role {role.value!r} ({role.description}); "
                "the actor's id where the record does not describe it.",
                functools.partial(_actors_by_role, role=role),
            )
        )
    for index, bound in enumerate(("low", "best", "high")):
        columns.append(
            (
                f"fatalities_{bound}",
                integer,
                f"Deaths on all sides, {bound} figure: the all-sides tally, else the "
                "per-side and side-unknown figures added up (a missing low or high "
                "counts as the best estimate); null when the record gives none.",
                functools.partial(_killed_bound, index=index),
            )
        )
    columns.append(("sources", integer, "Number of sources cited.", lambda r: len(r.sources)))
    return tuple(columns)


def analyst_schema() -> Any:
    """The schema of :func:`to_table`'s flat table, each column described in its
    field metadata."""
    return pa.schema(
        [
            pa.field(name, arrow_type, metadata={b"description": description.encode()})
            for name, arrow_type, description, _ in _analyst_columns()
        ],
        metadata={b"incidentkit.table": b"analyst"},
    )


def to_table(records: Iterable[Any], *, flat: bool = True) -> Any:
    """Incidents as a ``pyarrow.Table`` for analysis: with ``flat=True`` one row per
    incident with the columns of :func:`analyst_schema` (dates in UTC, place,
    type and category, actors by role, deaths, source count); with ``flat=False``
    the full nested table of :func:`to_arrow`. ``table.to_pandas()`` and
    ``polars.from_arrow(table)`` take it over, without copying where Arrow allows."""
    from .incident import Incident

    if not flat:
        return to_arrow(records, Incident)
    columns = _analyst_columns()
    values: list[list[Any]] = [[] for _ in columns]
    for record in records:
        if not isinstance(record, Incident):
            raise TypeError(f"to_table expects Incident records, got {type(record).__name__}")
        for column, (_, _, _, get) in zip(values, columns, strict=True):
            column.append(get(record))
    schema = analyst_schema()
    return pa.table(
        [pa.array(column, type=field.type) for column, field in zip(values, schema, strict=True)],
        schema=schema,
    )
