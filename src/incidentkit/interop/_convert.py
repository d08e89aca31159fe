"""``incidentkit convert``: incidents from one format to another, streamed."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import IO, Any

from ..codec import iter_jsonl, write_jsonl
from ..errors import Problem, ValidationError
from ..incident import Incident

__all__ = ["READS", "WRITES", "add_arguments", "run"]

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
        help="do not list what the output format cannot hold",
    )


def run(args: argparse.Namespace) -> int:
    """Convert; 0 on success, 1 when input was invalid (bad rows are listed)."""
    on_error = "collect" if args.keep_going else "raise"
    losses: list[Problem] = []
    try:
        with contextlib.ExitStack() as stack:
            source = _open(stack, args.input, "rb", sys.stdin.buffer)
            reader = _reader(args.source_format, source, args.tz, on_error)
            target = _open(stack, args.output, "wb", sys.stdout.buffer)
            count = _write(args.target_format, reader, target, losses)
    except ValidationError as exc:
        sys.stderr.write(f"incidentkit convert: invalid input\n{exc}\n")
        return 1
    except (OSError, ValueError, ImportError) as exc:
        sys.stderr.write(f"incidentkit convert: {exc}\n")
        return 1
    if losses and not args.quiet:
        sys.stderr.write(f"{args.target_format} cannot hold everything ({len(losses)} losses):\n")
        sys.stderr.writelines(f"  {loss}\n" for loss in losses)
    errors: list[ValidationError] = getattr(reader, "errors", [])
    for error in errors:
        sys.stderr.write(f"skipped: {error}\n")
    sys.stderr.write(
        f"converted {count} record(s)" + (f", skipped {len(errors)}\n" if errors else "\n")
    )
    return 1 if errors else 0


def _open(stack: contextlib.ExitStack, name: str, mode: str, std: IO[bytes]) -> IO[bytes]:
    if name == "-":
        return std
    handle: IO[bytes] = stack.enter_context(open(name, mode))  # noqa: SIM115
    return handle


def _reader(fmt: str, source: IO[bytes], tz: str, on_error: Any) -> Iterator[Incident]:
    if fmt == "acled":
        from .acled import read_acled_csv

        return read_acled_csv(source, tz=tz, on_error=on_error)
    if fmt == "ucdp":
        from .ucdp import read_ucdp_csv

        return read_ucdp_csv(source, tz=tz, on_error=on_error)
    if fmt == "parquet":
        from ..arrow import iter_parquet  # needs the arrow extra

        return iter_parquet(source, Incident, on_error=on_error)
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
    if fmt == "parquet":
        from ..arrow import write_parquet  # needs the arrow extra

        return write_parquet(incidents, target, Incident)
    from .geojson import write_feature_collection

    return write_feature_collection(incidents, target, lossy=losses)
