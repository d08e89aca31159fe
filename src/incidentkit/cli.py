"""The ``incidentkit`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .codec import dumps

__all__ = ["main"]


def _example(args: argparse.Namespace) -> int:
    from . import examples

    records = examples.RECORDS if args.all else (examples.INCIDENT,)
    for record in records:
        sys.stdout.write(dumps(record, indent=not args.compact) + "\n")
    return 0


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status
