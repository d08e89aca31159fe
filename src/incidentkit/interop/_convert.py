"""``incidentkit convert``: incidents from one format to another, streamed."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

from ..codec import iter_jsonl, write_jsonl
from ..errors import Problem, ValidationError
from ..incident import Incident

__all__ = ["READS", "WRITES", "add_arguments", "run"]

READS = ("acled", "ucdp", "jsonl")
WRITES = ("jsonl", "acled", "ucdp", "geojson")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``convert``."""
    parser.add_argument(
        "--from", dest="source_format", choices=READS, required=True, help="format of IN"
    )
    parser.add_argument(
        "--to", dest="target_format", choices=WRITES, required=True, help="format of OUT"
    )
    parser.add_argument("input", metavar="IN", help="file to read, or - for standard input")
    parser.add_argument("output", metavar="OUT", help="file to write, or - for standard output")
    parser.add_argument(
        "--tz",
        default="UTC",
        help="IANA zone that ACLED and UCDP dates are local to (default: UTC)",
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="skip bad rows (reported on standard error) instead of stopping at the first",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="do not list what the output format cannot hold, and show no progress line",
    )


def run(args: argparse.Namespace) -> int:
    """Convert; the exit status is 0 on success, 1 when input was invalid (bad rows
    are listed, each with its file and line), 2 when a file cannot be read or
    written or OUT is IN.

    OUT is written atomically: to a temporary file that replaces it only once every
    record is written, so a failed or interrupted run leaves a previous OUT as it
    was and no partial file. Losses and skipped rows are written to standard error
    as they happen (and only counted with ``--quiet``), never kept in memory.
    """
    from .._atomic import SameFileError, atomic_output, check_distinct
    from ..cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, printable

    shown_in = printable("<stdin>" if args.input == "-" else args.input)
    shown_out = printable("<stdout>" if args.output == "-" else args.output)
    on_error = "collect" if args.keep_going else "raise"
    losses = _StreamedLosses(sys.stderr, args.target_format, quiet=args.quiet)
    skipped = _Skipped(sys.stderr, shown_in)
    try:
        check_distinct(args.output, [args.input])
    except SameFileError:
        _complain(f"{shown_out} is the same file as {shown_in}; refusing to overwrite the input")
        return EXIT_USAGE
    try:
        with contextlib.ExitStack() as stack:
            try:
                source = _open(stack, args.input, "rb", sys.stdin.buffer)
            except OSError as exc:
                _complain(f"{shown_in}: cannot read: {_reason(exc)}")
                return EXIT_USAGE
            reader = _reader(args.source_format, source, args.tz, on_error)
            try:
                if args.output == "-":
                    target = sys.stdout.buffer
                else:
                    target = stack.enter_context(atomic_output(args.output, "wb"))
            except OSError as exc:
                _complain(f"{shown_out}: cannot write: {_reason(exc)}")
                return EXIT_USAGE
            progress = _progress(args.quiet, source)
            count = _write(args.target_format, skipped.drain(reader, progress), target, losses)
            progress.clear()
    except ValidationError as exc:
        _complain(f"{shown_in}: invalid input ({shown_out} not written)")
        for problem in exc.errors:
            sys.stderr.write(_located(shown_in, problem) + "\n")
        return EXIT_INVALID
    except OSError as exc:
        _complain(f"{printable(str(exc.filename or shown_in))}: {_reason(exc)}")
        return EXIT_USAGE
    except ValueError as exc:  # a bad option value the reader refused (e.g. --tz)
        _complain(printable(str(exc)))
        return EXIT_USAGE
    sys.stderr.write(
        f"converted {count} record(s)"
        + (f", skipped {skipped.count}\n" if skipped.count else "\n")
    )
    return EXIT_INVALID if skipped.count else EXIT_OK


class _ConvertProgress:
    """The progress line of ``convert`` on a terminal (records, records/s, bytes
    read, rows skipped): :class:`incidentkit.cli._Progress` fed as it goes."""

    def __init__(self, quiet: bool, source: IO[bytes]) -> None:
        from ..cli import _Progress, _Totals, printable

        self.progress = _Progress(sys.stderr, enabled=not quiet)
        self.totals = _Totals()
        self.source = source
        self.name = printable(getattr(source, "name", "<stdin>") or "<stdin>")

    def tick(self, skipped: int) -> None:
        self.totals.records += 1
        self.totals.invalid = skipped
        if self.progress.enabled:
            try:
                position = self.source.tell()
            except (OSError, ValueError):
                position = 0
            self.progress.update(str(self.name), self.totals, position)

    def clear(self) -> None:
        self.progress.clear()


def _progress(quiet: bool, source: IO[bytes]) -> _ConvertProgress:
    return _ConvertProgress(quiet, source)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _complain(message: str) -> None:
    sys.stderr.write(f"incidentkit convert: {message}\n")


def _located(file: str, problem: Problem) -> str:
    from ..cli import printable

    line = f":{problem.line}" if problem.line is not None else ""
    return f"{file}{line}: {printable(problem.path)}: {printable(problem.message)}"


class _StreamedLosses(list[Problem]):
    """The ``lossy=`` list given to the writers: each loss is written out as it is
    reported (unless quiet) and counted, and none is kept."""

    def __init__(self, stream: IO[str], fmt: str, *, quiet: bool) -> None:
        super().__init__()
        self.stream = stream
        self.fmt = fmt
        self.quiet = quiet
        self.total = 0

    def append(self, loss: Problem) -> None:
        self.extend([loss])

    def extend(self, losses: Any) -> None:
        from ..cli import printable

        for loss in losses:
            self.total += 1
            if self.quiet:
                continue
            if self.total == 1:
                self.stream.write(f"{self.fmt} cannot hold everything (listed as found):\n")
            self.stream.write(f"  {printable(str(loss))}\n")


class _Skipped:
    """Rows skipped with ``--keep-going``: written out as the reader reports them,
    counted, and removed from the reader's list so that they do not pile up."""

    def __init__(self, stream: IO[str], file: str) -> None:
        self.stream = stream
        self.file = file
        self.count = 0

    def drain(self, reader: Iterator[Incident], progress: Any = None) -> Iterator[Incident]:
        errors: list[ValidationError] | None = getattr(reader, "errors", None)
        while True:
            try:
                item = next(reader)
            except StopIteration:
                self._flush(errors)
                return
            self._flush(errors)
            if progress is not None:
                progress.tick(self.count)
            yield item

    def _flush(self, errors: list[ValidationError] | None) -> None:
        if not errors:
            return
        for error in errors:
            self.count += 1
            for problem in error.errors:
                self.stream.write(f"skipped: {_located(self.file, problem)}\n")
        del errors[:]


def _open(stack: contextlib.ExitStack, name: str, mode: str, std: IO[bytes]) -> IO[bytes]:
    if name == "-":
        return std
    handle: IO[bytes] = stack.enter_context(open(name, mode))  # noqa: SIM115
    if os.path.isdir(name):  # reading a directory fails late, or not at all, elsewhere
        raise IsADirectoryError(21, "Is a directory", name)
    return handle


def _reader(fmt: str, source: IO[bytes], tz: str, on_error: Any) -> Iterator[Incident]:
    if fmt == "acled":
        from .acled import read_acled_csv

        return read_acled_csv(source, tz=tz, on_error=on_error)
    if fmt == "ucdp":
        from .ucdp import read_ucdp_csv

        return read_ucdp_csv(source, tz=tz, on_error=on_error)
    return iter_jsonl(source, Incident, on_error=on_error)


def _write(
    fmt: str, incidents: Iterator[Incident], target: IO[bytes], losses: list[Problem]
) -> int:
    if fmt == "jsonl":
        return write_jsonl(incidents, target)
    if fmt == "acled":
        from .acled import write_acled_csv

        return write_acled_csv(incidents, target, lossy=losses)
    if fmt == "ucdp":
        from .ucdp import write_ucdp_csv

        return write_ucdp_csv(incidents, target, lossy=losses)
    from .geojson import to_feature_collection

    collection = to_feature_collection(incidents, lossy=losses)
    target.write(json.dumps(collection, ensure_ascii=False, indent=2).encode() + b"\n")
    return len(collection["features"])
