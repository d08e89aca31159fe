"""The ``incidentkit`` command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

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


# ---------------------------------------------------------------- schema


def _schema(args: argparse.Namespace) -> int:
    from .schema import bundle_schema, json_schema, schema_text, write_schemas

    base = args.base_uri
    if args.out is None:
        if args.type is not None:
            sys.stdout.write(schema_text(json_schema(args.type.cls, args.dialect, base_uri=base)))
        else:
            sys.stdout.write(schema_text(bundle_schema(args.dialect, base_uri=base)))
        return 0
    if args.type is not None:
        path = args.out / f"{args.type.stem}.schema.json"
        args.out.mkdir(parents=True, exist_ok=True)
        schema = json_schema(args.type.cls, args.dialect, base_uri=base)
        path.write_text(schema_text(schema), encoding="utf-8")
        written = [path]
    else:
        written = write_schemas(args.out, args.dialect, base_uri=base)
    sys.stderr.write(f"wrote {len(written)} {args.dialect} schema file(s) to {args.out}\n")
    return 0


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
    record_type: _RecordType = args.type or _RecordType.parse("Incident")
    if args.workers:
        return _validate_on_workers(args, record_type)
    progress = _Progress(sys.stderr)
    totals = _Totals()
    unreadable = False
    for name in args.files:
        try:
            stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
        except OSError as exc:
            sys.stderr.write(f"incidentkit validate: cannot read {name}: {exc.strerror}\n")
            unreadable = True
            continue
        try:
            for line, problems in _check_stream(stream, record_type.cls):
                totals.add(problems)
                for problem in problems:
                    sys.stdout.write(f"{name}:{problem.line or line}: {problem.path}: ")
                    sys.stdout.write(f"{problem.message}\n")
                progress.update(name, totals)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        totals.files += 1
    progress.clear()
    sys.stdout.write(totals.summary(record_type.name) + "\n")
    if unreadable:
        return 2
    return 1 if totals.invalid else 0


def _validate_on_workers(args: argparse.Namespace, record_type: _RecordType) -> int:
    """``validate --workers N``: each file is checked on one of N local processes
    (``incidentkit.dask``); files are JSON Lines, ACLED CSV or Parquet, by name."""
    if "-" in args.files:
        sys.stderr.write("incidentkit validate: --workers reads files, not standard input\n")
        return 2
    try:
        from .dask import validate_on_local_processes

        report = validate_on_local_processes(
            args.files, None, record_type.cls, workers=args.workers
        )
    except (ImportError, ValueError) as exc:
        sys.stderr.write(f"incidentkit validate: {exc}\n")
        return 2
    totals, unreadable = _Totals(), False
    for file in report.files:
        if not file.readable:
            problem = file.bad[0].problems[0]
            sys.stderr.write(f"incidentkit validate: cannot read {file.file}: {problem.message}\n")
            unreadable = True
            continue
        totals.files += 1
        totals.records += file.valid
        for bad in file.bad:
            totals.add(list(bad.problems))
            where = file.file if bad.line is None else f"{file.file}:{bad.line}"
            sys.stdout.writelines(f"{where}: {p.path}: {p.message}\n" for p in bad.problems)
    sys.stdout.write(totals.summary(record_type.name) + "\n")
    if unreadable:
        return 2
    return 1 if totals.invalid else 0


def _check_stream(stream: IO[bytes], cls: Any) -> Iterator[tuple[int, list[Any]]]:
    """``(line, problems)`` per record; JSON Lines when the first non-blank line is
    a JSON value by itself, one JSON document (a record or an array of them) else."""
    from .codec import iter_jsonl
    from .errors import Problem

    skipped = 0
    first = b""
    for first in stream:
        skipped += 1
        if first.strip():
            break
    else:
        yield max(skipped, 1), [Problem("$", "no records: the input is empty")]
        return
    try:
        json.loads(first.removeprefix(b"\xef\xbb\xbf"), parse_constant=_reject_constant)
    except ValueError:  # the start of a multi-line document
        yield from _check_document(first + stream.read(), cls)
        return
    reader = iter_jsonl(_chain(skipped, first, stream), cls, on_error="collect")
    seen = 0
    while True:
        try:
            next(reader)
            done = False
        except StopIteration:
            done = True
        for error in reader.errors[seen:]:  # bad lines before the good one
            yield error.errors[0].line or reader.line_number, list(error.errors)
        seen = len(reader.errors)
        if done:
            return
        yield reader.line_number, []


def _chain(skipped: int, first: bytes, rest: IO[bytes]) -> Iterator[bytes]:
    """The lines of a stream again, blank leading ones included (for numbering)."""
    yield from [b"\n"] * (skipped - 1)
    yield first
    yield from rest


def _check_document(data: bytes, cls: Any) -> Iterator[tuple[int, list[Any]]]:
    from .codec import from_dict
    from .errors import Problem, ValidationError

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield line, [Problem("$", f"not UTF-8 text: {exc.reason}")]
        return
    try:
        parsed = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        yield exc.lineno, [Problem("$", f"invalid JSON: {exc.msg}")]
        return
    except (ValueError, RecursionError) as exc:
        yield 1, [Problem("$", f"invalid JSON: {exc}")]
        return
    items = list(enumerate(parsed)) if isinstance(parsed, list) else [(None, parsed)]
    for index, item in items:
        prefix = "$" if index is None else f"$[{index}]"
        try:
            from_dict(item, cls)
        except ValidationError as exc:
            problems = [_located(p.under(prefix), text) for p in exc.errors]
            yield problems[0].line, problems
        else:
            yield _line_of(text, prefix), []


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _located(problem: Any, text: str) -> Any:
    """The problem with the line of its path in the document's text."""
    import attrs

    return attrs.evolve(problem, line=_line_of(text, problem.path))


def _line_of(text: str, path: str) -> int:
    return text.count("\n", 0, _offset_of(text, path)) + 1


def _offset_of(text: str, path: str) -> int:
    """Where the value at ``path`` (or its nearest existing parent) starts in the
    JSON ``text``; 0 if the text cannot be walked."""
    import re
    from json.decoder import scanstring  # type: ignore[attr-defined]

    keys: list[str | int] = []
    for name, index, quoted in re.findall(
        r'\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\["((?:[^"\\]|\\.)*)"\]', path
    ):
        keys.append(int(index) if index else name or json.loads(f'"{quoted}"'))
    decoder = json.JSONDecoder()
    space = re.compile(r"[ \t\n\r]*")

    def skip(pos: int) -> int:
        match = space.match(text, pos)
        return match.end() if match else pos

    pos = skip(0)
    try:
        for key in keys:
            start = pos
            if text[pos] == "{" and isinstance(key, str):
                pos = skip(pos + 1)
                while text[pos] == '"':
                    name, pos = scanstring(text, pos + 1)
                    pos = skip(skip(pos) + 1)  # past the colon
                    if name == key:
                        break
                    pos = skip(decoder.raw_decode(text, pos)[1])
                    pos = skip(pos + 1) if text[pos] == "," else pos
                else:
                    return start
            elif text[pos] == "[" and isinstance(key, int):
                pos = skip(pos + 1)
                for _ in range(key):
                    pos = skip(decoder.raw_decode(text, pos)[1])
                    pos = skip(pos + 1)
                if text[pos] == "]":
                    return start
            else:
                return start
    except (IndexError, ValueError):
        return 0
    return pos


class _Totals:
    def __init__(self) -> None:
        self.files = 0
        self.records = 0
        self.invalid = 0
        self.problems = 0

    def add(self, problems: list[Any]) -> None:
        self.records += 1
        if problems:
            self.invalid += 1
            self.problems += len(problems)

    def summary(self, type_name: str) -> str:
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        records = f"{self.records} {type_name} record{'s' if self.records != 1 else ''}"
        if not self.invalid:
            return f"{records} in {files}: all valid"
        return (
            f"{records} in {files}: {self.invalid} invalid, "
            f"{self.problems} problem{'s' if self.problems != 1 else ''}"
        )


class _Progress:
    """A one-line count on stderr, redrawn at most a few times a second, and only
    when stderr is a terminal (never in pipes, logs or CI)."""

    def __init__(self, stream: IO[str], clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.clock = clock
        self.next_draw = clock() + 0.5
        self.drawn = False

    def update(self, name: str, totals: _Totals) -> None:
        if not self.enabled or self.clock() < self.next_draw:
            return
        self.next_draw = self.clock() + 0.2
        self.stream.write(f"\r{name}: {totals.records} records, {totals.invalid} invalid\x1b[K")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


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
            "them) or JSON Lines (one record per line), '-' for standard input. Prints "
            "each problem as FILE:LINE: $.path: message, then a summary. Exit status: 0 "
            "if every record is valid, 1 if any is not, 2 for usage errors and "
            "unreadable files."
        ),
        epilog=f"record types: {', '.join(_RecordType.choices())}",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="file to check, or -")
    validate.add_argument(
        "--type",
        type=_RecordType.parse,
        metavar="TYPE",
        help="the record type to expect (default: Incident)",
    )
    validate.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="check the files on N local processes, one file at a time each (needs the "
        "dask extra; JSON Lines, ACLED CSV or Parquet files, told apart by name)",
    )
    validate.set_defaults(run=_validate)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status
