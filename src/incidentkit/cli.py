"""The ``incidentkit`` command line."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from . import __version__
from .codec import dumps, to_dict
from .errors import ValidationError

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "console",
    "main",
    "printable",
]

#: Exit statuses, the same for every command (README, "The command line").
EXIT_OK = 0
#: Some input was read and is not valid (validate: a record has a problem; convert:
#: a row or record could not be converted; time: the phrase cannot be resolved).
EXIT_INVALID = 1
#: A usage error, or input that cannot be read (a missing file, a directory).
EXIT_USAGE = 2
#: An internal error (a bug): one line on stderr, no traceback.
EXIT_INTERNAL = 3
#: Interrupted by SIGINT (Ctrl-C): 128 + 2, as shells report it.
EXIT_INTERRUPTED = 130
#: Standard output closed early (``incidentkit validate big.jsonl | head``).
EXIT_BROKEN_PIPE = 141


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
        help="convert incidents between ACLED, UCDP GED, JSON Lines, Parquet and GeoJSON",
        description=(
            "Read incidents from IN in one format and write them to OUT in another. "
            "Bad rows are reported with their line and column; what the output format "
            "cannot hold is listed on standard error."
        ),
    )
    from .interop._convert import add_arguments

    add_arguments(convert)
    convert.set_defaults(run=run)


# ---------------------------------------------------------------- schema


def _schema(args: argparse.Namespace) -> int:
    from ._atomic import atomic_output
    from .schema import bundle_schema, json_schema, schema_text, write_schemas

    base = args.base_uri
    if args.out is None:
        if args.type is not None:
            sys.stdout.write(schema_text(json_schema(args.type.cls, args.dialect, base_uri=base)))
        else:
            sys.stdout.write(schema_text(bundle_schema(args.dialect, base_uri=base)))
        return EXIT_OK
    try:
        if args.type is not None:
            path = args.out / f"{args.type.stem}.schema.json"
            args.out.mkdir(parents=True, exist_ok=True)
            with atomic_output(path, "w") as handle:
                handle.write(schema_text(json_schema(args.type.cls, args.dialect, base_uri=base)))
            written = [path]
        else:
            written = write_schemas(args.out, args.dialect, base_uri=base)
    except OSError as exc:
        where = printable(str(exc.filename or args.out))
        _complain("schema", f"{where}: cannot write: {_reason(exc)}")
        return EXIT_USAGE
    sys.stderr.write(
        f"wrote {len(written)} {args.dialect} schema file(s) to {printable(str(args.out))}\n"
    )
    return EXIT_OK


class _RecordType:
    """A ``--type`` choice: a record class (or the Actor union) by name."""

    def __init__(self, name: str, cls: Any) -> None:
        self.name = name
        self.cls = cls

    @property
    def stem(self) -> str:
        from .schema import stem

        return stem(self.cls)

    @staticmethod
    def choices() -> dict[str, Any]:
        from ._typetree import registered

        return dict(sorted((r.name, r.type) for r in registered()))

    @classmethod
    def parse(cls, text: str) -> _RecordType:
        choices = cls.choices()
        by_lower = {name.lower(): name for name in choices}
        name = by_lower.get(text.replace("-", "").replace("_", "").lower())
        if name is None:
            raise argparse.ArgumentTypeError(
                f"unknown record type {text!r}; choose from {', '.join(choices)}"
            )
        return cls(name, choices[name])


# ---------------------------------------------------------------- validate


def _validate(args: argparse.Namespace) -> int:
    from ._filecheck import Source, check_stream

    if args.workers:
        return _validate_on_workers(args)
    cls = args.type.cls if args.type is not None else None
    progress = _Progress(sys.stderr, enabled=not args.quiet)
    totals = _Totals(args.type.name if args.type is not None else None)
    for name in args.files:
        shown = printable(name)
        try:
            stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
        except OSError as exc:
            _complain("validate", f"{shown}: cannot read: {_reason(exc)}")
            totals.unreadable += 1
            continue
        source = Source(stream)
        size = _file_size(stream) if progress.enabled else None
        try:
            for checked in check_stream(source, cls):
                totals.add(checked.kind, checked.problems)
                for problem in checked.problems:
                    line = problem.line or checked.line
                    sys.stdout.write(
                        f"{shown}:{line}: {printable(problem.path)}: "
                        f"{printable(problem.message)}\n"
                    )
                progress.update(shown, totals, source.bytes_read, size)
        except OSError as exc:  # a read error halfway (EIO, a directory on some systems)
            _complain("validate", f"{shown}: cannot read: {_reason(exc)}")
            totals.unreadable += 1
            continue
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        totals.files += 1
    progress.clear()
    sys.stdout.write(totals.summary() + "\n")
    if totals.unreadable:
        return EXIT_USAGE
    return EXIT_INVALID if totals.problems else EXIT_OK


def _validate_on_workers(args: argparse.Namespace) -> int:
    """``validate --workers N``: each file is checked on one of N local processes
    (``incidentkit.dask``); files are JSON Lines, ACLED CSV or Parquet, by name."""
    record_type: _RecordType = args.type or _RecordType.parse("Incident")
    if "-" in args.files:
        _complain("validate", "--workers reads files, not standard input")
        return EXIT_USAGE
    try:
        from .dask import validate_on_local_processes

        report = validate_on_local_processes(
            args.files, None, record_type.cls, workers=args.workers
        )
    except (ImportError, ValueError) as exc:
        _complain("validate", printable(str(exc)))
        return EXIT_USAGE
    totals = _Totals(record_type.name)
    for file in report.files:
        shown = printable(file.file)
        if not file.readable:
            problem = file.bad[0].problems[0]
            _complain("validate", f"{shown}: cannot read: {printable(problem.message)}")
            totals.unreadable += 1
            continue
        totals.files += 1
        for _ in range(file.valid):
            totals.add(record_type.name, [])
        for bad in file.bad:
            totals.add(record_type.name, list(bad.problems))
            where = shown if bad.line is None else f"{shown}:{bad.line}"
            sys.stdout.writelines(
                f"{where}: {printable(p.path)}: {printable(p.message)}\n" for p in bad.problems
            )
    sys.stdout.write(totals.summary() + "\n")
    if totals.unreadable:
        return EXIT_USAGE
    return EXIT_INVALID if totals.problems else EXIT_OK


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _complain(command: str, message: str) -> None:
    sys.stderr.write(f"incidentkit {command}: {message}\n")


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters (newlines, carriage returns, escapes,
    bidirectional overrides) written as ``\\uXXXX``, so that nothing read from
    the input can start a line of its own or rewrite one in the report."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Totals:
    """What a ``validate`` run has seen, for the progress line and the summary."""

    def __init__(self, type_name: str | None = None) -> None:
        self.type_name = type_name
        self.files = 0
        self.unreadable = 0
        self.records = 0
        self.by_kind: dict[str, int] = {}
        self.invalid = 0
        self.problems = 0

    def add(self, kind: str | None, problems: list[Any]) -> None:
        """One record (of class ``kind``) and its problems, or problems of a file
        (``kind`` None)."""
        self.problems += len(problems)
        if kind is None:
            return
        self.records += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        if problems:
            self.invalid += 1

    def summary(self) -> str:
        files = _plural(self.files, "file")
        kinds = sorted(self.by_kind.items(), key=lambda item: -item[1])
        if len(kinds) == 1 or (not kinds and self.type_name):
            kind = kinds[0][0] if kinds else self.type_name
            records = f"{self.records} {kind} record{'s' if self.records != 1 else ''}"
        else:
            records = _plural(self.records, "record")
            if kinds:
                records += " (" + ", ".join(f"{n} {kind}" for kind, n in kinds) + ")"
        if not self.problems:
            text = f"{records} in {files}: all valid"
        else:
            problems = _plural(self.problems, "problem")
            text = f"{records} in {files}: {self.invalid} invalid, {problems}"
        if self.unreadable:
            text += f"; {_plural(self.unreadable, 'file')} could not be read"
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


class _Progress:
    """A one-line count on stderr (records, records per second, bytes read,
    invalid so far), redrawn at most five times a second, and only when stderr is
    a terminal and not silenced with ``--quiet`` (never in pipes, logs or CI).

    With the ``progress`` extra (tqdm) installed, the line is tqdm's bar, with the
    share of the file read and the time left when the file's size is known;
    without it, a plain line (``library=False`` asks for the plain line anyway).
    """

    def __init__(
        self,
        stream: IO[str],
        clock: Callable[[], float] = time.monotonic,
        *,
        enabled: bool = True,
        library: bool | None = None,
    ) -> None:
        self.stream = stream
        try:
            self.enabled = enabled and stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False
        self.clock = clock
        self.started = clock()
        self.next_draw = self.started + 0.5
        self.drawn = False
        self.bar: Any = None
        self.tqdm: Any = None
        if self.enabled and library is not False:
            try:
                tqdm = importlib.import_module("tqdm").tqdm  # an optional extra: untyped here
            except ImportError:
                if library:
                    raise ImportError(
                        "the progress bar needs tqdm: pip install 'incidentkit[progress]'"
                    ) from None
            else:
                self.tqdm = tqdm
        self.name = ""

    def update(
        self, name: str, totals: _Totals, bytes_read: int = 0, size: int | None = None
    ) -> None:
        """Redraw, if it is time: ``name`` is the file being read, ``size`` its size
        in bytes when known."""
        if not self.enabled:
            return
        now = self.clock()
        if now < self.next_draw:
            return
        self.next_draw = now + 0.2
        rate = totals.records / max(now - self.started, 1e-9)
        if self.tqdm is not None:
            self._draw_bar(
                name,
                f"{totals.records} records ({rate:,.0f}/s), {totals.invalid} invalid",
                bytes_read,
                size,
            )
            return
        self.stream.write(
            f"\r{name}: {totals.records} records ({rate:,.0f}/s), "
            f"{_size(bytes_read)} read, {totals.invalid} invalid\x1b[K"
        )
        self.stream.flush()
        self.drawn = True

    def _draw_bar(self, name: str, counts: str, bytes_read: int, size: int | None) -> None:
        if self.bar is None or name != self.name:
            if self.bar is not None:
                self.bar.close()
            self.name = name
            self.bar = self.tqdm(
                total=size,
                desc=name,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=self.stream,
                leave=False,
                dynamic_ncols=True,
                mininterval=0,
            )
        self.bar.n = bytes_read
        self.bar.set_postfix_str(counts, refresh=False)
        self.bar.refresh()

    def clear(self) -> None:
        if self.bar is not None:
            self.bar.close()  # leave=False: the bar's line is erased
            self.bar = None
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def _file_size(stream: IO[Any]) -> int | None:
    """The size of the file behind ``stream`` if it is a regular file (not a pipe)."""
    import stat

    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _size(count: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if count < 1024:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return f"{count:.1f} GiB"


# ---------------------------------------------------------------- parser


def _add_time(commands: Any) -> None:
    """``incidentkit time``: a report's time phrase resolved against its
    publication time, or with ``--find`` every time phrase in a report (the work is
    in ``incidentkit.timephrases``). Exit status: 0 done, 1 a phrase or reference
    that is not valid, 2 a usage error or an input that cannot be read."""

    def described(value: Any) -> dict[str, Any]:
        return {
            "time": to_dict(value),
            "earliest": value.earliest.isoformat(),
            "latest": value.latest.isoformat(),
            "edtf": value.to_edtf(exact=False),
        }

    def read_report(path: str) -> str:
        if path == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
        return data.decode("utf-8-sig") if isinstance(data, bytes) else data

    def run(args: argparse.Namespace) -> int:
        from .time import Time
        from .timephrases import find_times, resolve_time

        if (args.phrase is None) == (args.find is None):
            sys.stderr.write("incidentkit time: give a phrase, or --find FILE (- for stdin)\n")
            return 2
        if args.find is not None:
            try:
                report = read_report(args.find)
            except (OSError, UnicodeDecodeError) as err:
                sys.stderr.write(f"incidentkit time: cannot read {args.find}: {err}\n")
                return 2
        try:
            reference = Time.from_edtf(args.reference, tz=args.tz)
            if args.find is not None:
                found = find_times(report, reference=reference, tz=args.tz, language=args.language)
                result: Any = [
                    {"start": f.start, "end": f.end, "text": f.text, **described(f.time)}
                    for f in found
                ]
            else:
                value = resolve_time(
                    args.phrase,
                    reference=reference,
                    tz=args.tz,
                    dayfirst=args.dayfirst,
                    allow_future=args.allow_future,
                    language=args.language,
                )
                result = described(value)
        except ValidationError as err:
            sys.stderr.write(f"incidentkit time: {err}\n")
            return 1
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return 0

    time = commands.add_parser(
        "time",
        help="resolve a time phrase from a report, or find the time phrases in one",
        description=(
            "Resolve a phrase such as 'on Thursday afternoon at about 1pm' against the "
            "report's publication time, in the place's time zone, and print the time as "
            "JSON with its UTC bounds and an EDTF form that covers it. With --find, print "
            "every time phrase found in a report, with its character offsets."
        ),
    )
    time.add_argument("phrase", nargs="?", help="the phrase, e.g. 'three months ago'")
    time.add_argument(
        "--find",
        metavar="FILE",
        help="find the time phrases in this report (UTF-8 text; - reads stdin)",
    )
    time.add_argument(
        "--reference",
        required=True,
        metavar="EDTF",
        help="when the report was published: 2021-03-11, or 2021-03-11T18:00:00+04:30",
    )
    time.add_argument("--tz", required=True, help="IANA time zone of the place, e.g. Asia/Kabul")
    time.add_argument(
        "--language",
        metavar="BCP47",
        help="the language of the text, e.g. de or fa (English when omitted; needs the "
        "lang extra)",
    )
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
    _add_schema_parser(commands)
    _add_validate_parser(commands)
    _add_convert(commands)
    _add_time(commands)
    return parser


def _add_schema_parser(commands: Any) -> None:
    from .schema import DIALECTS, SCHEMA_BASE_URI

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas of the records",
        description=(
            "Write the JSON Schemas generated from the record classes: with --out, one "
            "file per record type plus the bundle incidentkit.schema.json; without it, "
            "the bundle (or the --type schema) to standard output."
        ),
    )
    schema.add_argument(
        "--out", type=Path, metavar="DIR", help="directory to write the schema files to"
    )
    schema.add_argument(
        "--dialect",
        choices=DIALECTS,
        default="2020-12",
        help="JSON Schema 2020-12 (default), draft-07, or an OpenAPI 3.0 document",
    )
    schema.add_argument(
        "--type",
        type=_RecordType.parse,
        metavar="TYPE",
        help="only this record type (e.g. Incident, Actor, Location)",
    )
    schema.add_argument(
        "--base-uri",
        default=SCHEMA_BASE_URI,
        metavar="URI",
        help="where you host the schemas: each $id becomes URI<version>/<name>.schema.json "
        f"(default: the placeholder {SCHEMA_BASE_URI}, which never resolves)",
    )
    schema.set_defaults(run=_schema)


def _add_validate_parser(commands: Any) -> None:
    validate = commands.add_parser(
        "validate",
        help="check records in JSON or JSON Lines files",
        description=(
            "Check every record in the files: a JSON document (one record or an array of "
            "them, in any layout) or JSON Lines (one record per line), '-' for standard "
            "input. Incident and Defection records may be mixed (told apart by their "
            "keys) unless --type is given. Prints each problem as FILE:LINE: $.path: "
            "message, then a summary. Exit status: 0 if every record is valid, 1 if any "
            "is not (or a file holds no records), 2 for usage errors and unreadable "
            "files, 130 when interrupted."
        ),
        epilog=f"record types: {', '.join(_RecordType.choices())}",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="file to check, or -")
    validate.add_argument(
        "--type",
        type=_RecordType.parse,
        metavar="TYPE",
        help="the record type to expect (default: Incident or Defection, by shape)",
    )
    validate.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="check the files on N local processes, one file at a time each (needs the "
        "dask extra; JSON Lines, ACLED CSV or Parquet files, told apart by name)",
    )
    validate.add_argument("--quiet", action="store_true", help="no progress line on a terminal")
    validate.set_defaults(run=_validate)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the ``EXIT_`` constants).

    Ctrl-C ends any command quietly with 130, a closed standard output (a pipe into
    ``head``) with 141, and an unexpected error with one line and 3, never a
    traceback (set ``INCIDENTKIT_DEBUG=1`` to see it). Files being written are
    left as they were (see ``incidentkit._atomic``).
    """
    command = "incidentkit"
    try:
        args = build_parser().parse_args(argv)
        command = f"incidentkit {args.command}"
        status: int = args.run(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        _quiet_exit()
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_exit()
        return EXIT_BROKEN_PIPE
    except RecursionError:
        sys.stderr.write(f"{command}: input is nested too deeply\n")
        return EXIT_INVALID
    except MemoryError:
        sys.stderr.write(f"{command}: out of memory\n")
        return EXIT_INTERNAL
    except Exception as exc:  # the last line of defence: no traceback
        if os.environ.get("INCIDENTKIT_DEBUG"):
            raise
        message = printable(f"{type(exc).__name__}: {exc}")[:500]
        sys.stderr.write(f"{command}: internal error, please report it: {message}\n")
        return EXIT_INTERNAL
    return status


def console() -> NoReturn:
    """The ``incidentkit`` command (``python -m incidentkit``): :func:`main` in a
    process of its own, which it ends with main's exit status. Owning the process,
    it may load pyarrow leaner than a program calling :func:`main` would want
    (without NumPy, for Parquet conversions: see ``incidentkit._leanarrow``)."""
    from . import _leanarrow

    _leanarrow.own_process = True
    sys.exit(main())


def _quiet_exit() -> None:
    """Stop Python from writing to a closed or abandoned standard output at exit
    (which would print "Exception ignored ... BrokenPipeError"), and end a
    progress line."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (tests)
        pass
    # A second Ctrl-C during the clean-up ends the process the conventional way.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
