"""``incidentkit convert``: incidents from one format to another, streamed."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

import attrs

from .._leanarrow import lean_arrow
from ..codec import iter_jsonl, write_jsonl
from ..errors import Problem, ValidationError
from ..incident import Incident
from ._common import ImportedValueWarning

__all__ = ["READS", "WRITES", "Summary", "add_arguments", "run"]

READS = ("acled", "ucdp", "jsonl", "parquet")
WRITES = ("jsonl", "acled", "ucdp", "geojson", "parquet")


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
    parser.add_argument(
        "--no-formula-guard",
        action="store_true",
        help="write CSV cells as they are, without neutralising formula-like ones, and "
        "read them so (for files only programs read)",
    )


@attrs.define
class Summary:
    """What one conversion did: rows read, written, refused (by reason), warnings
    on rows read anyway (by kind) and what the output could not hold (by field or
    column), for the report ``incidentkit convert`` prints after each run."""

    read: int = 0
    written: int = 0
    refused: Counter[str] = attrs.field(factory=Counter)
    warnings: Counter[str] = attrs.field(factory=Counter)
    lost: Counter[str] = attrs.field(factory=Counter)
    changed: Counter[str] = attrs.field(factory=Counter)

    def lines(self) -> list[str]:
        """The summary as lines of text."""
        refused = sum(self.refused.values())
        out = [f"rows read: {self.read}", f"written: {self.written}", f"refused: {refused}"]
        out += [f"  {n} x {reason}" for reason, n in self.refused.most_common()]
        out.append(f"warnings: {sum(self.warnings.values())}")
        out += [f"  {n} x {kind}" for kind, n in self.warnings.most_common()]
        out.append(f"lost: {sum(self.lost.values())}")
        out += [f"  {n} x {what}" for what, n in self.lost.most_common()]
        if self.changed:
            out.append(f"cells changed by the formula guard: {sum(self.changed.values())}")
            out += [f"  {n} x {what}" for what, n in self.changed.most_common()]
        return out


def _refusal(problem: Problem) -> str:
    message = problem.message
    if message.startswith("record ") and " not written: " in message:
        return "not written: " + message.split(" not written: ", 1)[1][:80]
    return f"{problem.path}: {message[:80]}"


def _what(problem: Problem) -> str:
    """What a loss is about, without row numbers or indexes: ``$.claims``,
    ``column tags``."""
    if problem.path == "$":
        head = problem.message.split(":", 1)[0]
        return head if head.startswith("column ") else problem.message[:80]
    return re.sub(r"\[\d+\]", "[]", problem.path)


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
    guard = not getattr(args, "no_formula_guard", False)
    summary = Summary()
    losses = _StreamedLosses(sys.stderr, args.target_format, summary, quiet=args.quiet)
    skipped = _Skipped(sys.stderr, shown_in, summary)
    reader: Any = None
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
            if "parquet" in (args.source_format, args.target_format):
                stack.enter_context(lean_arrow())  # smaller, see incidentkit._leanarrow
            stack.enter_context(warnings.catch_warnings())
            warnings.simplefilter("ignore", ImportedValueWarning)  # counted in the summary
            reader = _reader(args.source_format, source, args.tz, on_error, guard)
            try:
                if args.output == "-":
                    target = sys.stdout.buffer
                else:
                    target = stack.enter_context(atomic_output(args.output, "wb"))
            except OSError as exc:
                _complain(f"{shown_out}: cannot write: {_reason(exc)}")
                return EXIT_USAGE
            progress = _progress(args.quiet, source)
            records = skipped.drain(reader, progress)
            count = _write(args.target_format, records, target, losses, guard)
            summary.written = count
            progress.clear()
    except ValidationError as exc:
        _complain(f"{shown_in}: invalid input ({shown_out} not written)")
        for problem in exc.errors:
            sys.stderr.write(_located(shown_in, problem) + "\n")
        return EXIT_INVALID
    except OSError as exc:
        _complain(f"{printable(str(exc.filename or shown_in))}: {_reason(exc)}")
        return EXIT_USAGE
    except (ValueError, TypeError) as exc:  # a bad option value the reader refused (--tz)
        _complain(printable(str(exc)))
        return EXIT_USAGE
    except ImportError as exc:  # parquet without the arrow extra
        _complain(printable(str(exc)))
        return EXIT_USAGE
    for notice in getattr(reader, "warnings", []):
        summary.warnings[notice.kind] += 1
    sys.stderr.write(
        f"converted {count} record(s)"
        + (f", skipped {skipped.count}\n" if skipped.count else "\n")
    )
    sys.stderr.write("summary:\n" + "".join(f"  {line}\n" for line in summary.lines()))
    return EXIT_INVALID if skipped.count else EXIT_OK


class _ConvertProgress:
    """The progress line of ``convert`` on a terminal (records, records/s, bytes
    read, rows skipped): :class:`incidentkit.cli._Progress` fed as it goes."""

    def __init__(self, quiet: bool, source: IO[bytes]) -> None:
        from ..cli import _file_size, _Progress, _Totals, printable

        self.progress = _Progress(sys.stderr, enabled=not quiet)
        self.totals = _Totals()
        self.source = source
        self.size = _file_size(source) if self.progress.enabled else None
        self.name = printable(getattr(source, "name", "<stdin>") or "<stdin>")

    def tick(self, skipped: int) -> None:
        self.totals.records += 1
        self.totals.invalid = skipped
        if self.progress.enabled:
            try:
                position = self.source.tell()
            except (OSError, ValueError):
                position = 0
            self.progress.update(str(self.name), self.totals, position, self.size)

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
    reported (unless quiet) and counted in the summary, and none is kept."""

    def __init__(self, stream: IO[str], fmt: str, summary: Summary, *, quiet: bool) -> None:
        super().__init__()
        self.stream = stream
        self.fmt = fmt
        self.summary = summary
        self.quiet = quiet
        self.total = 0

    def append(self, loss: Problem) -> None:
        self.extend([loss])

    def extend(self, losses: Any) -> None:
        from ..cli import printable

        for loss in losses:
            self.total += 1
            if "formula guard" in loss.message or "formula_guard" in loss.message:
                self.summary.changed[_what(loss)] += 1
            elif " not written: " in loss.message:
                self.summary.refused[_refusal(loss)] += 1
            else:
                self.summary.lost[_what(loss)] += 1
            if self.quiet:
                continue
            if self.total == 1:
                self.stream.write(f"{self.fmt} cannot hold everything (listed as found):\n")
            self.stream.write(f"  {printable(str(loss))}\n")


class _Skipped:
    """Rows skipped with ``--keep-going``: written out as the reader reports them,
    counted, and removed from the reader's list so that they do not pile up."""

    def __init__(self, stream: IO[str], file: str, summary: Summary) -> None:
        self.stream = stream
        self.file = file
        self.summary = summary
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
            self.summary.read += 1
            if progress is not None:
                progress.tick(self.count)
            yield item

    def _flush(self, errors: list[ValidationError] | None) -> None:
        if not errors:
            return
        for error in errors:
            self.count += 1
            self.summary.read += 1
            for problem in error.errors:
                self.summary.refused[_refusal(problem)] += 1
                self.stream.write(f"skipped: {_located(self.file, problem)}\n")
        del errors[:]


def _open(stack: contextlib.ExitStack, name: str, mode: str, std: IO[bytes]) -> IO[bytes]:
    if name == "-":
        return std
    handle: IO[bytes] = stack.enter_context(open(name, mode))  # noqa: SIM115
    if os.path.isdir(name):  # reading a directory fails late, or not at all, elsewhere
        raise IsADirectoryError(21, "Is a directory", name)
    return handle


def _reader(
    fmt: str, source: IO[bytes], tz: str, on_error: Any, guard: bool
) -> Iterator[Incident]:
    if fmt == "acled":
        from .acled import read_acled_csv

        return read_acled_csv(source, tz=tz, on_error=on_error, formula_guard=guard)
    if fmt == "ucdp":
        from .ucdp import read_ucdp_csv

        return read_ucdp_csv(source, tz=tz, on_error=on_error, formula_guard=guard)
    if fmt == "parquet":
        from ..arrow import iter_parquet  # needs the arrow extra

        return iter_parquet(source, Incident, on_error=on_error)
    return iter_jsonl(source, Incident, on_error=on_error)


def _write(
    fmt: str, incidents: Iterator[Incident], target: Any, losses: list[Problem], guard: bool
) -> int:
    if fmt == "jsonl":
        return write_jsonl(incidents, target)
    if fmt == "acled":
        from .acled import write_acled_csv

        return write_acled_csv(incidents, target, lossy=losses, formula_guard=guard)
    if fmt == "ucdp":
        from .ucdp import write_ucdp_csv

        return write_ucdp_csv(incidents, target, lossy=losses, formula_guard=guard)
    if fmt == "parquet":
        from ..arrow import write_parquet  # needs the arrow extra

        return write_parquet(incidents, target, Incident)
    from .geojson import write_feature_collection

    return write_feature_collection(incidents, target, lossy=losses)
