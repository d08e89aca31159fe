"""``incidentkit convert``: incidents from one format to another, streamed."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

import attrs

from ..codec import iter_jsonl, write_jsonl
from ..errors import Problem, ValidationError
from ..incident import Incident
from ._common import ImportedValueWarning
from ._csv import atomic_binary_path

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
        help="do not list what the output format cannot hold (the summary stays)",
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


def _reason(problem: Problem) -> str:
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
    """Convert; 0 on success, 1 when input was invalid (bad rows are listed).

    A summary goes to standard error after each run (``--quiet`` keeps only it and
    leaves out the list of losses)."""
    on_error = "collect" if args.keep_going else "raise"
    guard = not getattr(args, "no_formula_guard", False)
    losses: list[Problem] = []
    summary = Summary()
    reader: Any = None
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(warnings.catch_warnings())
            warnings.simplefilter("ignore", ImportedValueWarning)
            source = _open(stack, args.input, sys.stdin.buffer)
            reader = _reader(args.source_format, source, args.tz, on_error, guard)
            counted = _count(reader, summary)
            target: Any = sys.stdout.buffer if args.output == "-" else args.output
            summary.written = _write(args.target_format, counted, target, losses, guard)
    except ValidationError as exc:
        sys.stderr.write(f"incidentkit convert: invalid input\n{exc}\n")
        return 1
    except (OSError, ValueError, TypeError, ImportError) as exc:
        sys.stderr.write(f"incidentkit convert: {exc}\n")
        return 1
    errors: list[ValidationError] = getattr(reader, "errors", [])
    for error in errors:
        for problem in error.errors:
            summary.refused[_reason(problem)] += 1
    summary.read += len(errors)
    for notice in getattr(reader, "warnings", []):
        summary.warnings[notice.kind] += 1
    real = [
        p for p in losses if "formula guard" not in p.message and "formula_guard" not in p.message
    ]
    for problem in losses:
        if problem in real:
            if " not written: " in problem.message:
                summary.refused[_reason(problem)] += 1
            else:
                summary.lost[_what(problem)] += 1
        else:
            summary.changed[_what(problem)] += 1
    if losses and not args.quiet:
        sys.stderr.write(f"{args.target_format} cannot hold everything ({len(losses)} losses):\n")
        sys.stderr.writelines(f"  {loss}\n" for loss in losses)
    for error in errors:
        sys.stderr.write(f"skipped: {error}\n")
    sys.stderr.write(
        f"converted {summary.written} record(s)"
        + (f", skipped {len(errors)}\n" if errors else "\n")
    )
    sys.stderr.write("summary:\n" + "".join(f"  {line}\n" for line in summary.lines()))
    return 1 if errors else 0


def _count(records: Iterator[Incident], summary: Summary) -> Iterator[Incident]:
    for record in records:
        summary.read += 1
        yield record


def _open(stack: contextlib.ExitStack, name: str, std: IO[bytes]) -> IO[bytes]:
    if name == "-":
        return std
    handle: IO[bytes] = stack.enter_context(open(name, "rb"))  # noqa: SIM115
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
        if isinstance(target, str):
            with atomic_binary_path(target) as handle:
                return write_jsonl(incidents, handle)
        return write_jsonl(incidents, target)
    if fmt == "acled":
        from .acled import write_acled_csv

        return write_acled_csv(incidents, target, lossy=losses, formula_guard=guard)
    if fmt == "ucdp":
        from .ucdp import write_ucdp_csv

        return write_ucdp_csv(incidents, target, lossy=losses, formula_guard=guard)
    if fmt == "parquet":
        from ..arrow import write_parquet  # needs the arrow extra (atomic given a path)

        return write_parquet(incidents, target, Incident)
    from .geojson import write_feature_collection

    return write_feature_collection(incidents, target, lossy=losses)
