"""Validating a delivery of many files on several processes or machines (the optional
``dask`` extra).

A delivery is a list of JSON Lines, ACLED CSV, UCDP GED CSV or Parquet files. Each
file is one Dask partition: a worker streams it, validates every line (or row), and
keeps every problem with its file, line and ``$``-path; nothing is dropped without a
report. Large deliveries should therefore come as several files (a file is read by
one worker, in flat memory).

- :func:`read_records` gives a Dask bag whose items are records or :class:`BadLine`
  reports (:func:`records` and :func:`bad_lines` split it);
- :func:`read_dataframe` gives the valid records as a Dask DataFrame (the analyst
  table, or the nested columns) and the bad lines' problems as another;
- :func:`validate_delivery` validates every file and writes the valid records as
  Parquet partitions (one ``part-NNNNN.parquet`` per input file) in one pass, and
  returns a :class:`DeliveryReport`.

Both run on whatever Dask scheduler is active: the local threads by default, a
``dask.distributed.Client`` (a ``LocalCluster`` of processes, or a cluster) when one
has been created. Records, :class:`BadLine` and
:class:`~incidentkit.ValidationError` pickle, so they travel between processes.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

try:
    # Through import_module: dask's own annotations are partial, so its modules are
    # used untyped (as Any) here.
    _dask: Any = importlib.import_module("dask")
    db: Any = importlib.import_module("dask.bag")
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("incidentkit.dask needs dask: pip install 'incidentkit[dask]'") from exc

import attrs

from .errors import Problem, ValidationError
from .incident import Incident

__all__ = [
    "FORMATS",
    "WORKER_CONFIG",
    "BadLine",
    "DeliveryReport",
    "FileReport",
    "bad_lines",
    "format_of",
    "read_dataframe",
    "read_records",
    "records",
    "validate_delivery",
    "validate_on_local_processes",
]

Format = Literal["jsonl", "acled", "ucdp", "parquet"]
#: The formats a delivery may hold, and the file name endings that imply them
#: (``.csv`` is ACLED unless ``fmt="ucdp"`` is given).
FORMATS: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "acled",
    ".parquet": "parquet",
}


@attrs.frozen
class BadLine:
    """One invalid line (or row) of one file, with every problem found in it.

    ``line`` is the 1-based line of a JSON Lines file or the line a CSV row starts
    on; for Parquet it is None and each problem's path starts with the row
    (``$[12].when.at``, rows counted from 0).
    """

    file: str
    line: int | None
    problems: tuple[Problem, ...]

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return "\n".join(f"{where}: {p.path}: {p.message}" for p in self.problems)


@attrs.frozen
class FileReport:
    """What validating one file found: how many records were valid, and the bad lines."""

    file: str
    valid: int
    bad: tuple[BadLine, ...]
    #: The Parquet partition the valid records went to (None when none was written).
    output: str | None = None
    #: False when the file could not be opened or read through (its one BadLine says
    #: why, at line None).
    readable: bool = True


@attrs.frozen
class DeliveryReport:
    """What :func:`validate_delivery` found, file by file (in the order given)."""

    files: tuple[FileReport, ...]

    @property
    def valid(self) -> int:
        return sum(f.valid for f in self.files)

    @property
    def bad(self) -> tuple[BadLine, ...]:
        return tuple(line for f in self.files for line in f.bad)

    @property
    def ok(self) -> bool:
        return not self.bad


def format_of(path: str, default: Format | None = None) -> Format:
    """The format of a file, from ``default`` or else its name's ending."""
    if default is not None:
        return default
    ending = os.path.splitext(path)[1].lower()
    if ending not in FORMATS:
        raise ValueError(f"{path}: cannot tell the format from the name; give fmt=")
    return FORMATS[ending]


def _bad_lines(file: str, errors: Iterable[ValidationError]) -> Iterator[BadLine]:
    for error in errors:
        yield BadLine(file, error.errors[0].line, error.errors)


class _FileRecords:
    """The records of one file, read as a stream; its bad lines once read through."""

    def __init__(self, path: str, cls: type[Any], fmt: Format, tz: str) -> None:
        self.path = path
        self._stack: list[Any] = []
        self.reader = self._open(path, cls, fmt, tz)

    def _open(self, path: str, cls: type[Any], fmt: Format, tz: str) -> Any:
        if fmt == "parquet":
            from .arrow import iter_parquet

            return iter_parquet(path, cls, on_error="collect")
        handle = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._stack.append(handle)
        if fmt == "jsonl":
            from .codec import iter_jsonl

            return iter_jsonl(handle, cls, on_error="collect")
        if cls is not Incident:
            raise ValueError(f"{fmt} files hold incidents, not {cls.__name__}")
        if fmt == "acled":
            from .interop.acled import read_acled_csv

            return read_acled_csv(handle, tz=tz, on_error="collect")
        if fmt == "ucdp":
            from .interop.ucdp import read_ucdp_csv

            return read_ucdp_csv(handle, tz=tz, on_error="collect")
        raise ValueError(f"unknown format {fmt!r}")

    def bad(self) -> list[BadLine]:
        return list(_bad_lines(self.path, self.reader.errors))

    def close(self) -> None:
        for handle in self._stack:
            handle.close()


def _read_file(path: str, cls: type[Any], fmt: Format | None, tz: str) -> list[Any]:
    """The records of one file followed by its bad lines (one bag partition)."""
    try:
        source = _FileRecords(path, cls, format_of(path, fmt), tz)
    except (OSError, ValidationError, ValueError) as exc:
        return [_unreadable(path, exc)]
    try:
        items: list[Any] = list(source.reader)
        items.extend(source.bad())
    except ValidationError as exc:  # a file that cannot be read on
        items = [_unreadable(path, exc)]
    finally:
        source.close()
    return items


def _unreadable(path: str, exc: Exception) -> BadLine:
    if isinstance(exc, ValidationError):
        return BadLine(path, exc.errors[0].line, exc.errors)
    return BadLine(path, None, (Problem("$", str(exc) or type(exc).__name__),))


def read_records(
    paths: Sequence[str | os.PathLike[str]],
    cls: type[Any] = Incident,
    *,
    fmt: Format | None = None,
    tz: str = "UTC",
) -> Any:
    """A Dask bag of the records in ``paths`` (one partition per file), with a
    :class:`BadLine` item for every invalid line: nothing is dropped unreported.

    ``fmt`` is the files' format (by default, each file's name ending says);
    ``tz`` is the zone ACLED and UCDP dates are local to.
    """
    names = [os.fspath(p) for p in paths]
    bag = db.from_sequence(names, npartitions=max(1, len(names)))
    return bag.map_partitions(_read_partition, cls, fmt, tz)


def _read_partition(
    paths: Iterable[str], cls: type[Any], fmt: Format | None, tz: str
) -> list[Any]:
    return [item for path in paths for item in _read_file(path, cls, fmt, tz)]


def records(bag: Any) -> Any:
    """The valid records of a bag made by :func:`read_records`."""
    return bag.filter(_is_record)


def bad_lines(bag: Any) -> Any:
    """The :class:`BadLine` reports of a bag made by :func:`read_records`."""
    return bag.filter(_is_bad)


def _is_record(item: Any) -> bool:
    return not isinstance(item, BadLine)


def _is_bad(item: Any) -> bool:
    return isinstance(item, BadLine)


def read_dataframe(
    paths: Sequence[str | os.PathLike[str]],
    cls: type[Any] = Incident,
    *,
    flat: bool = True,
    fmt: Format | None = None,
    tz: str = "UTC",
) -> tuple[Any, Any]:
    """The valid records in ``paths`` as a Dask DataFrame, and the problems of the
    invalid lines as another: ``(frame, problems)``, one partition per file (needs
    pandas: the ``dataframe`` extra). ``fmt`` and ``tz`` are as for
    :func:`read_records`.

    With ``flat=True`` (incidents only) the frame's columns are those of the
    analyst table, :func:`incidentkit.arrow.to_table` (described in
    :func:`~incidentkit.arrow.analyst_schema`); with ``flat=False`` they are the
    nested columns of :func:`~incidentkit.arrow.arrow_schema` (structs and lists).
    Each partition goes from Arrow to pandas with pyarrow-backed columns
    (``pandas.ArrowDtype``), so no column is copied into NumPy on the way; the
    frame's ``meta`` comes from the same Arrow schema.

    ``problems`` has one row per problem of every bad line: ``file``, ``line``
    (null for Parquet rows, whose ``path`` starts with the row), ``path`` and
    ``message``. Compute both together, ``dask.compute(frame, problems)``, and
    each file is read once for both."""
    try:
        dd: Any = importlib.import_module("dask.dataframe")
        pd: Any = importlib.import_module("pandas")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "incidentkit.dask.read_dataframe needs pandas: pip install 'incidentkit[dataframe]'"
        ) from exc
    if flat and cls is not Incident:
        raise ValueError(f"the flat analyst table holds incidents, not {cls.__name__}")
    from .arrow import analyst_schema, arrow_schema

    schema = analyst_schema() if flat else arrow_schema(cls)
    meta = schema.empty_table().to_pandas(types_mapper=pd.ArrowDtype)
    # One task per file, shared by both frames (same keys), so each file is read
    # once when they are computed together.
    files = [_dask.delayed(_read_file, pure=True)(os.fspath(path), cls, fmt, tz) for path in paths]
    frame = dd.from_delayed(
        [_dask.delayed(_frame_partition, pure=True)(items, cls, flat) for items in files],
        meta=meta,
        verify_meta=False,
    )
    problems = dd.from_delayed(
        [_dask.delayed(_problem_rows, pure=True)(items) for items in files],
        meta=_problem_rows([]),
        verify_meta=False,
    )
    return frame, problems


def _frame_partition(items: Iterable[Any], cls: type[Any], flat: bool) -> Any:
    from .arrow import to_arrow, to_table

    pd: Any = importlib.import_module("pandas")
    valid = [item for item in items if not isinstance(item, BadLine)]
    table = to_table(valid) if flat else to_arrow(valid, cls)
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _problem_rows(items: Iterable[Any]) -> Any:
    import pyarrow as pa

    pd: Any = importlib.import_module("pandas")
    rows = [
        {"file": bad.file, "line": bad.line, "path": p.path, "message": p.message}
        for bad in items
        if isinstance(bad, BadLine)
        for p in bad.problems
    ]
    return pa.Table.from_pylist(rows, schema=_problem_schema()).to_pandas(
        types_mapper=pd.ArrowDtype
    )


def _problem_schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    return pa.schema([("file", text), ("line", pa.int64()), ("path", text), ("message", text)])


def _validate_file(
    index: int,
    path: str,
    out_dir: str | None,
    cls: type[Any],
    fmt: Format | None,
    tz: str,
    row_group_size: int,
) -> FileReport:
    """Validate one file, streaming its valid records into a Parquet partition."""
    try:
        source = _FileRecords(path, cls, format_of(path, fmt), tz)
    except (OSError, ValidationError, ValueError) as exc:
        return FileReport(path, 0, (_unreadable(path, exc),), readable=False)
    output = None if out_dir is None else os.path.join(out_dir, f"part-{index:05d}.parquet")
    try:
        if output is None:
            valid = sum(1 for _ in source.reader)
        else:
            from .arrow import write_parquet

            valid = write_parquet(source.reader, output, cls, row_group_size=row_group_size)
        bad = tuple(source.bad())
    except ValidationError as exc:
        return FileReport(path, 0, (_unreadable(path, exc),), readable=False)
    finally:
        source.close()
    return FileReport(path, valid, bad, output)


def validate_delivery(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    cls: type[Any] = Incident,
    *,
    fmt: Format | None = None,
    tz: str = "UTC",
    row_group_size: int = 2_000,
) -> DeliveryReport:
    """Validate every file of a delivery, one task per file on the active Dask
    scheduler; with ``out_dir``, write each file's valid records to
    ``out_dir/part-NNNNN.parquet`` (NNNNN: the file's position in ``paths``), read
    back with :func:`incidentkit.arrow.iter_parquet` or any Parquet reader.

    ``row_group_size`` is the Parquet row group size (that of
    :func:`incidentkit.arrow.write_parquet`: a worker holds one row group's Arrow
    columns, about 3 kB a record). Returns what was found, file by file: every bad
    line with its file, line and ``$``-paths."""
    names = [os.fspath(p) for p in paths]
    target = None
    if out_dir is not None:
        target = os.fspath(out_dir)
        os.makedirs(target, exist_ok=True)
    tasks = [
        _dask.delayed(_validate_file, pure=False)(
            index, name, target, cls, fmt, tz, row_group_size
        )
        for index, name in enumerate(names)
    ]
    reports = _dask.compute(*tasks)
    return DeliveryReport(tuple(reports))


#: Dask configuration for workers that validate: distributed's statistical profiler
#: (a look at every worker thread's stack every 10 ms) costs 15-25% of the time of
#: this pure-Python work, and nobody reads its profiles in a batch job. Set it around
#: the creation of a cluster (``with dask.config.set(WORKER_CONFIG): LocalCluster()``)
#: or in a cluster's dask configuration.
WORKER_CONFIG: dict[str, Any] = {"distributed.worker.profile.enabled": False}


def validate_on_local_processes(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    cls: type[Any] = Incident,
    *,
    workers: int = 2,
    fmt: Format | None = None,
    tz: str = "UTC",
) -> DeliveryReport:
    """:func:`validate_delivery` on a ``dask.distributed.LocalCluster`` of ``workers``
    processes (one thread each), started for the call and stopped after it; this is
    what ``incidentkit validate --workers N`` runs."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "validating on local processes needs distributed: pip install 'incidentkit[dask]'"
        ) from exc
    with (
        _dask.config.set(WORKER_CONFIG),
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster),
    ):
        return validate_delivery(paths, out_dir, cls, fmt=fmt, tz=tz)
