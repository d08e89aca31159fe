"""The ``incidentkit`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from . import __version__
from .codec import dumps

__all__ = ["main"]


def _example(args: argparse.Namespace) -> int:
    from . import examples

    records = examples.RECORDS if args.all else (examples.INCIDENT,)
    for record in records:
        sys.stdout.write(dumps(record, indent=not args.compact) + "\n")
    return 0


def _add_convert(commands: Any) -> None:
    """``incidentkit convert``: ACLED, UCDP GED and JSON Lines in; JSON Lines,
    ACLED, UCDP GED and GeoJSON out (the work is in ``incidentkit.interop``)."""

    def run(args: argparse.Namespace) -> int:
        from .interop import _convert

        return _convert.run(args)

    convert = commands.add_parser(
        "convert",
        help="convert incidents between ACLED, UCDP GED, JSON Lines and GeoJSON",
        description=(
            "Read incidents from IN in one format and write them to OUT in another. "
            "Bad rows are reported with their line and column; what the output format "
            "cannot hold is listed on standard error."
        ),
    )
    from .interop._convert import add_arguments

    add_arguments(convert)
    convert.set_defaults(run=run)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="incidentkit",
        description="Typed, validated records of security incidents.",
    )
    parser.add_argument("--version", action="version", version=f"incidentkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    example = commands.add_parser(
        "example",
        help="print the reference example as JSON",
        description=(
            "Print the reference report's incident (and with --all its defection) as JSON."
        ),
    )
    example.add_argument("--all", action="store_true", help="print every record of the report")
    example.add_argument("--compact", action="store_true", help="one line per record")
    example.set_defaults(run=_example)
    _add_convert(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status
