"""The ``incidentkit`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from . import __version__
from .codec import dumps, to_dict
from .errors import ValidationError

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


def _add_time(commands: Any) -> None:
    """``incidentkit time``: a report's time phrase resolved against its
    publication time (the work is in ``incidentkit.timephrases``)."""

    def run(args: argparse.Namespace) -> int:
        from .time import Time
        from .timephrases import resolve_time

        try:
            reference = Time.from_edtf(args.reference, tz=args.tz)
            value = resolve_time(
                args.phrase,
                reference=reference,
                tz=args.tz,
                dayfirst=args.dayfirst,
                allow_future=args.allow_future,
            )
        except ValidationError as err:
            sys.stderr.write(f"incidentkit time: {err}\n")
            return 1
        result = {
            "time": to_dict(value),
            "earliest": value.earliest.isoformat(),
            "latest": value.latest.isoformat(),
            "edtf": value.to_edtf(exact=False),
        }
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return 0

    time = commands.add_parser(
        "time",
        help="resolve a time phrase from a report",
        description=(
            "Resolve a phrase such as 'on Thursday afternoon at about 1pm' against the "
            "report's publication time, in the place's time zone, and print the time as "
            "JSON with its UTC bounds and an EDTF form that covers it."
        ),
    )
    time.add_argument("phrase", help="the phrase, e.g. 'three months ago'")
    time.add_argument(
        "--reference",
        required=True,
        metavar="EDTF",
        help="when the report was published: 2021-03-11, or 2021-03-11T18:00:00+04:30",
    )
    time.add_argument("--tz", required=True, help="IANA time zone of the place, e.g. Asia/Kabul")
    time.add_argument("--dayfirst", action="store_true", help="read 11/03/2021 as 11 March")
    time.add_argument(
        "--allow-future", action="store_true", help="accept a time after the reference"
    )
    time.set_defaults(run=run)


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
    _add_time(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status
