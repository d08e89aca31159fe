#!/usr/bin/env python3
"""incidentkit against pydantic v2 and msgspec, on the same records and the same rules.

    pip install -e '.[bench]' && python benchmarks/run.py --quick

A fixed, seeded corpus of Incident records (``corpus.py``) is decoded and validated
from JSON bytes, and encoded back to JSON bytes, by incidentkit and by the same shape
declared as pydantic models (``peer_pydantic.py``) and msgspec Structs
(``peer_msgspec.py``), with the same constraints and cross-field rules
(``peer_rules.py``). Before timing,
every library must turn every record back into the same JSON and reject the same
broken records, so that all three do the same work.

Measured in one process, in interleaved rounds (the order shuffled each round, the
best round kept, in CPU time of the process): decode+validate, encode, and the
floor (``orjson.loads`` and ``orjson.dumps`` on the same data). In subprocesses, so
that each has its own peak RSS: streaming validation of a JSON Lines file (records/s
and peak memory, at two file sizes to show memory stays flat), and ``import`` time
(best of N) against ``attrs + cattrs + dateutil`` alone. Schema generation is timed
where incidentkit has ``json_schema``.

Four corpora are timed: the seeded one, the reference example
(``incidentkit.examples.INCIDENT``), a minimal incident, and real ACLED rows converted
by ``incidentkit.interop.acled`` (from ``<repo>/../shared/data/real/``, or
``--real-data``; skipped when absent). incidentkit decodes with the ``fast`` extra and
without it (the standard library's json), in the same rounds.

The last lines are the time ratios (lower is better), per corpus, then the import
ratios, then the seeded corpus's in the original form::

    RATIO decode[<corpus>] incidentkit/msgspec=<x> incidentkit/pydantic=<y>
    RATIO decode-without-fast[<corpus>] incidentkit/msgspec=<x> incidentkit/pydantic=<y>
    RATIO encode[<corpus>] incidentkit/msgspec=<x> incidentkit/pydantic=<y>
    RATIO import incidentkit/attrs+cattrs+dateutil=<x>
    RATIO import+first-decode incidentkit/msgspec=<x> incidentkit/pydantic=<y>
    RATIO decode incidentkit/msgspec=<x> incidentkit/pydantic=<y>
    RATIO encode incidentkit/msgspec=<x> incidentkit/pydantic=<y>

This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

LIBS = ("incidentkit", "pydantic", "msgspec")
IMPORTS = {
    "incidentkit": "import incidentkit",
    "attrs + cattrs + dateutil": "import attrs, cattrs, dateutil",
    "pydantic": "import pydantic",
    "msgspec": "import msgspec",
}


# ------------------------------------------------------------------ the contenders


def _contenders() -> dict[str, tuple[Callable[[bytes], Any], Callable[[Any], Any]]]:
    """Each library's (decode+validate bytes -> object, encode object -> JSON)."""
    import peer_msgspec
    import peer_pydantic

    import incidentkit

    incident = incidentkit.Incident
    loads, dumpb = incidentkit.loads, incidentkit.dumpb
    validate = peer_pydantic.Incident.model_validate_json
    # Each writes UTF-8 JSON bytes, as msgspec's encoder does: pydantic's serializer
    # gives the bytes that model_dump_json decodes to text (the same work less that).
    to_json = peer_pydantic.Incident.__pydantic_serializer__.to_json
    decoder, encoder = peer_msgspec.DECODER, peer_msgspec.ENCODER
    return {
        "incidentkit": (lambda b: loads(b, incident), dumpb),
        "pydantic": (validate, lambda o: to_json(o, exclude_defaults=True)),
        "msgspec": (decoder.decode, encoder.encode),
    }


def _dumps() -> Callable[[Any], str]:
    import incidentkit

    return incidentkit.dumps


def _without_fast(job: Callable[[], Any]) -> Callable[[], None]:
    """``job`` run as if the ``fast`` extra were not installed (see ``incidentkit.codec``)."""
    from incidentkit import codec

    def run() -> None:
        saved = codec.orjson, codec.msgspec
        codec.orjson = codec.msgspec = None
        try:
            job()
        finally:
            codec.orjson, codec.msgspec = saved

    return run


def _broken(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Copies of a valid record with one thing wrong, which every library must reject."""

    def variant(name: str, change: Callable[[dict[str, Any]], None]) -> tuple[str, Any]:
        data = copy.deepcopy(record)
        change(data)
        return name, data

    def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
        def change(data: dict[str, Any]) -> None:
            *parents, last = path.split(".")
            for key in parents:
                data = data[int(key)] if isinstance(data, list) else data[key]
            data[last] = value

        return change

    kabul = {"tz": "Asia/Kabul", "precision": "hour"}
    return [
        variant(
            "latitude out of range",
            _set("where", {"precision": "exact", "point": {"lat": 91.0, "lon": 0.0}}),
        ),
        variant("unknown country", _set("where.country", "ZZ")),
        variant("unknown key", _set("surprise", True)),
        variant("string for a number", _set("casualties.0.killed.best", "40")),
        variant("negative count", _set("casualties.0.killed.best", -1)),
        variant(
            "offset not the zone's", _set("when", {"at": "2021-03-11T13:00:00+00:00", **kabul})
        ),
        variant(
            "finer than its precision", _set("when", {"at": "2021-03-11T13:20:00+04:30", **kabul})
        ),
        variant("naive time", _set("when", {"at": "2021-03-11T13:00:00", **kabul})),
        variant("unknown zone", _set("when.tz", "Mars/Olympus")),
        variant("dangling actor", _set("participants.0.actor", "nobody")),
        variant("bad id", _set("participants.0.actor", "no spaces")),
        variant("duplicate tags", _set("tags", ["a", "a"])),
        variant("bad extension key", _set("extensions", {"Bad Key": 1})),
        variant("unknown enum value", _set("type", "skirmish")),
        variant("unknown actor tag", _set("actors.0.type", "robot")),
        variant(
            "ends before it begins",
            _set(
                "until",
                {"at": "2001-01-01T00:00:00+04:30", "tz": "Asia/Kabul", "precision": "day"},
            ),
        ),
    ]


def agreed(corpus: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The records every library reads and writes back as they were, and how many
    were left out (real rows can hold what the peers do not model)."""
    import orjson

    contenders = _contenders()
    kept = []
    for data in corpus:
        blob = orjson.dumps(data)
        try:
            if all(_utc(orjson.loads(e(d(blob)))) == data for d, e in contenders.values()):
                kept.append(data)
        except Exception:  # noqa: BLE001 - a peer refused it: left out, counted
            continue
    return kept, len(corpus) - len(kept)


def _utc(value: Any) -> Any:
    """``value`` with UTC date-times written ``+00:00`` (pydantic and msgspec write
    ``Z``, incidentkit ``+00:00``: the same instant, as every reader takes it)."""
    if isinstance(value, dict):
        return {key: _utc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_utc(item) for item in value]
    if isinstance(value, str) and value.endswith("Z") and value[10:11] == "T":
        return value[:-1] + "+00:00"
    return value


def preflight(corpus: list[dict[str, Any]], blobs: list[bytes]) -> None:
    """Every library reads every record and writes the same JSON back, and rejects
    every broken variant: otherwise the timings would compare different work."""
    import orjson

    for name, (decode, encode) in _contenders().items():
        for data, blob in zip(corpus, blobs, strict=True):
            if orjson.loads(encode(decode(blob))) != data:
                raise SystemExit(f"{name} does not write back what it read: {blob[:200]!r}...")
        for what, bad in _broken(corpus[0]):
            try:
                decode(orjson.dumps(bad))
            except Exception:  # noqa: BLE001 - each library has its own error type
                continue
            raise SystemExit(f"{name} accepts a record with {what}; the peers are not alike")


# ------------------------------------------------------------------ timing


def interleaved(
    jobs: dict[str, Callable[[], Any]], rounds: int, rng: random.Random
) -> dict[str, list[float]]:
    """Run every job once per round, in a shuffled order; CPU seconds per run.

    CPU time of this process rather than wall time, so that other work on a shared
    machine counts as little as it can (it still shares caches and memory bandwidth).
    """
    times: dict[str, list[float]] = {name: [] for name in jobs}
    names = list(jobs)
    for _ in range(rounds):
        rng.shuffle(names)
        for name in names:
            gc.collect()
            start = time.process_time()
            jobs[name]()
            times[name].append(time.process_time() - start)
    return times


def _each(fn: Callable[[Any], Any], items: list[Any]) -> Callable[[], None]:
    """A job applying ``fn`` to every item, keeping no result: as in a stream, each
    record is dropped before the next is read, so no library pays the garbage
    collector for a growing heap of results."""

    def job() -> None:
        for item in items:
            fn(item)

    return job


def measure_codecs(blobs: list[bytes], rounds: int, rng: random.Random) -> dict[str, Any]:
    import orjson

    contenders = _contenders()
    objects = {name: [decode(b) for b in blobs] for name, (decode, _) in contenders.items()}
    plain = [orjson.loads(b) for b in blobs]
    decode_jobs = {name: _each(decode, blobs) for name, (decode, _) in contenders.items()}
    decode_jobs["incidentkit-without-fast"] = _without_fast(decode_jobs["incidentkit"])
    decode_jobs["orjson"] = _each(orjson.loads, blobs)
    encode_jobs = {name: _each(encode, objects[name]) for name, (_, encode) in contenders.items()}
    encode_jobs["orjson"] = _each(orjson.dumps, plain)
    encode_jobs["incidentkit-text"] = _each(_dumps(), objects["incidentkit"])  # str, not bytes
    # The corpus and the objects to encode live through the whole run: keep them out
    # of the collector's way, so that it looks only at what each job allocates.
    gc.collect()
    gc.freeze()
    try:
        return {
            "decode": interleaved(decode_jobs, rounds, rng),
            "encode": interleaved(encode_jobs, rounds, rng),
        }
    finally:
        gc.unfreeze()


def write_jsonl(path: Path, blobs: list[bytes], size: int) -> int:
    """Repeat the corpus into ``path`` until it holds at least ``size`` bytes."""
    written = count = 0
    with path.open("wb") as file:
        while written < size:
            for blob in blobs:
                file.write(blob + b"\n")
                written += len(blob) + 1
                count += 1
                if written >= size:
                    break
    return count


def peak_rss_kb() -> int:
    """This process's peak resident set size in KiB. VmHWM, where Linux has it: unlike
    ``ru_maxrss`` it is not inherited from the parent across fork and exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def stream_worker(lib: str, path: str) -> None:
    """(Subprocess) Validate every line of ``path``; print records/s and peak RSS."""
    if lib == "incidentkit":
        import incidentkit

        def records(file: Any) -> Any:
            return incidentkit.iter_jsonl(file, incidentkit.Incident)

    elif lib == "pydantic":
        import peer_pydantic

        validate = peer_pydantic.Incident.model_validate_json

        def records(file: Any) -> Any:
            return (validate(line) for line in file)

    else:
        import peer_msgspec

        decode = peer_msgspec.DECODER.decode

        def records(file: Any) -> Any:
            return (decode(line) for line in file)

    before = peak_rss_kb()
    start = time.perf_counter()
    count = 0
    with open(path, "rb") as file:
        for _ in records(file):
            count += 1
    seconds = time.perf_counter() - start
    peak = peak_rss_kb()
    print(
        json.dumps(
            {"records": count, "seconds": seconds, "rss_before_kb": before, "peak_kb": peak}
        )
    )


def measure_streaming(
    blobs: list[bytes], sizes: list[int], libs: tuple[str, ...], workdir: Path
) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        path = workdir / f"incidents-{size}.jsonl"
        write_jsonl(path, blobs, size)
        for lib in libs if size == max(sizes) else ("incidentkit",):
            out = subprocess.run(
                [sys.executable, __file__, "--stream-worker", lib, str(path)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.splitlines()[-1])
            rows.append({"lib": lib, "bytes": path.stat().st_size, **result})
        path.unlink()
    return rows


#: (set-up not timed, timed statement) of "import + first decode" for each library,
#: in a fresh interpreter; ``BLOB`` is one record of the seeded corpus. The peer
#: modules read constants and enums from incidentkit: it is imported untimed first.
FIRST_DECODE = {
    "incidentkit": ("pass", "import incidentkit; incidentkit.loads(BLOB, incidentkit.Incident)"),
    "pydantic": (
        "import incidentkit",
        "import peer_pydantic; peer_pydantic.Incident.model_validate_json(BLOB)",
    ),
    "msgspec": ("import incidentkit", "import peer_msgspec; peer_msgspec.DECODER.decode(BLOB)"),
}


def measure_first_decode(runs: int, blob: bytes, workdir: Path) -> dict[str, float]:
    """Best-of-``runs`` CPU seconds for importing each library and decoding one
    record (what a short-lived script pays), each in a fresh interpreter."""
    path = workdir / "record.json"
    path.write_bytes(blob)
    code = (
        f"import sys, time; sys.path.insert(0, {str(HERE)!r}); "
        f"BLOB = open({str(path)!r}, 'rb').read(); {{}}; "
        "t = time.process_time(); {}; print(time.process_time() - t)"
    )
    programs = {name: code.format(setup, timed) for name, (setup, timed) in FIRST_DECODE.items()}
    return _best_in_fresh_interpreters(programs, runs)


def _best_in_fresh_interpreters(programs: dict[str, str], runs: int) -> dict[str, float]:
    """Best-of-``runs`` of the number each program prints, each run in a fresh
    interpreter, the programs in a shuffled order each round. Bytecode caches are
    written on a first, untimed round, as they would be for any user."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    best: dict[str, float] = {}
    items = list(programs.items())
    for run in range(runs + 1):
        random.Random(run).shuffle(items)
        for name, program in items:
            out = subprocess.run(
                [sys.executable, "-c", program],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            ).stdout
            if run:
                best[name] = min(best.get(name, float("inf")), float(out))
    return best


def measure_imports(runs: int) -> dict[str, float]:
    """Best-of-``runs`` CPU seconds for each import statement, each in a fresh
    interpreter (the interpreter's own start-up not counted)."""
    code = "import time; t = time.process_time(); {}; print(time.process_time() - t)"
    programs = {name: code.format(statement) for name, statement in IMPORTS.items()}
    return _best_in_fresh_interpreters(programs, runs)


def measure_schema(runs: int) -> tuple[dict[str, float], str | None]:
    import msgspec
    import peer_msgspec
    import peer_pydantic

    import incidentkit

    jobs: dict[str, Callable[[], Any]] = {
        "pydantic": peer_pydantic.Incident.model_json_schema,
        "msgspec": lambda: msgspec.json.schema(peer_msgspec.Incident),
    }
    note = None
    json_schema = getattr(incidentkit, "json_schema", None)
    if json_schema is None:
        note = "incidentkit.json_schema does not exist yet: row skipped"
    else:
        try:
            json_schema(incidentkit.Incident)
            jobs["incidentkit"] = lambda: json_schema(incidentkit.Incident)
        except Exception as exc:  # noqa: BLE001 - report, do not fail the run
            note = f"incidentkit.json_schema(Incident) failed: {exc!r}"
    times = interleaved(jobs, runs, random.Random(0))
    return {name: min(values) for name, values in times.items()}, note


# ------------------------------------------------------------------ report


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    packages = ["incidentkit", "attrs", "cattrs", "python-dateutil", "orjson", "pydantic",
                "pydantic-core", "msgspec"]  # fmt: skip
    versions = []
    for package in packages:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))})",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        "Libraries: " + ", ".join(versions),
    ]


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}"


def report(args: argparse.Namespace, results: dict[str, Any], count: int, size: float) -> None:
    print("## Machine")
    for line in machine():
        print(f"- {line}")
    print()
    print(
        f"Corpus: {count} Incident records (seed {args.seed}), {size / count:,.0f} bytes "
        f"each on average; {args.rounds} interleaved rounds, best round shown "
        "(median in brackets)."
    )
    print()
    print("| operation | incidentkit | pydantic v2 | msgspec | orjson floor |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for op, label in (("decode", "decode+validate"), ("encode", "encode")):
        cells = []
        for lib in (*LIBS, "orjson"):
            values = results["codecs"][op][lib]
            best, median = min(values) / count * 1e6, statistics.median(values) / count * 1e6
            cells.append(f"{best:,.1f} µs ({median:,.1f})")
        print(f"| {label}, per record | " + " | ".join(cells) + " |")
        rates = [
            f"{size / min(results['codecs'][op][lib]) / 1e6:,.0f} MB/s"
            for lib in (*LIBS, "orjson")
        ]
        print(f"| {label}, throughput | " + " | ".join(rates) + " |")
    for row_size in sorted({r["bytes"] for r in results.get("stream", [])}):
        rows = {r["lib"]: r for r in results["stream"] if r["bytes"] == row_size}
        cells = []
        for lib in LIBS:
            r = rows.get(lib)
            if r is None:
                cells.append("")
            else:
                rate, peak = r["records"] / r["seconds"], r["peak_kb"] / 1024
                cells.append(f"{rate:,.0f} rec/s, peak {peak:,.0f} MB")
        print(f"| JSON Lines, {row_size / 2**20:,.0f} MiB file | " + " | ".join(cells) + " | |")
    if "imports" in results:
        imports = results["imports"]
        base = imports["attrs + cattrs + dateutil"]
        print(
            f"| import (best of {args.import_runs}) | {imports['incidentkit'] * 1e3:,.1f} ms "
            f"({imports['incidentkit'] / base:.2f} x attrs+cattrs+dateutil "
            f"{base * 1e3:,.1f} ms) | {imports['pydantic'] * 1e3:,.1f} ms | "
            f"{imports['msgspec'] * 1e3:,.1f} ms | |"
        )
    if "schema" in results:
        times, note = results["schema"]
        cells = [f"{times[lib] * 1e3:,.2f} ms" if lib in times else "skipped" for lib in LIBS]
        print("| JSON Schema of Incident | " + " | ".join(cells) + " | |")
        if note:
            print(f"\nNote: {note}.")
    print()
    print("Per corpus, µs per record, best round (median in brackets):")
    print()
    print(
        "| corpus | records | bytes each | decode: incidentkit | without fast | pydantic | "
        "msgspec | encode: incidentkit | pydantic | msgspec | incidentkit text |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for corpus, info in results["corpora"].items():
        timings = results["by_corpus"].get(corpus)
        if timings is None:
            why = f"{info['left_out']} left out" if info["left_out"] else "no records"
            print(f"| {corpus} | 0 ({why}) | | | | | | | | | |")
            continue
        n = info["records"]
        cells = [
            f"{min(v) / n * 1e6:,.1f} ({statistics.median(v) / n * 1e6:,.1f})"
            for v in (
                *(timings["decode"][lib] for lib in
                  ("incidentkit", "incidentkit-without-fast", "pydantic", "msgspec")),
                *(timings["encode"][lib] for lib in (*LIBS, "incidentkit-text")),
            )
        ]  # fmt: skip
        left = f" ({info['left_out']} left out)" if info["left_out"] else ""
        print(f"| {corpus} | {n}{left} | {info['bytes'] / n:,.0f} | " + " | ".join(cells) + " |")
    if "first_decode" in results:
        first = results["first_decode"]
        print()
        print(
            "Import + first decode of one record (best of "
            f"{args.import_runs}): incidentkit {first['incidentkit'] * 1e3:,.1f} ms, "
            f"pydantic {first['pydantic'] * 1e3:,.1f} ms, "
            f"msgspec {first['msgspec'] * 1e3:,.1f} ms."
        )
    print()
    for corpus, timings in results["by_corpus"].items():
        for op, ik_name in (
            ("decode", "incidentkit"),
            ("decode-without-fast", "incidentkit-without-fast"),
            ("encode", "incidentkit"),
        ):
            values = timings[op.split("-")[0]]
            ik = min(values[ik_name])
            print(
                f"RATIO {op}[{corpus}] incidentkit/msgspec={_ratio(ik, min(values['msgspec']))} "
                f"incidentkit/pydantic={_ratio(ik, min(values['pydantic']))}"
            )
    if "imports" in results:
        imports = results["imports"]
        print(
            "RATIO import incidentkit/attrs+cattrs+dateutil="
            f"{_ratio(imports['incidentkit'], imports['attrs + cattrs + dateutil'])}"
        )
    if "first_decode" in results:
        first = results["first_decode"]
        print(
            f"RATIO import+first-decode "
            f"incidentkit/msgspec={_ratio(first['incidentkit'], first['msgspec'])} "
            f"incidentkit/pydantic={_ratio(first['incidentkit'], first['pydantic'])}"
        )
    codecs = results["codecs"]
    for op in ("decode", "encode"):
        ik = min(codecs[op]["incidentkit"])
        print(
            f"RATIO {op} incidentkit/msgspec={_ratio(ik, min(codecs[op]['msgspec']))} "
            f"incidentkit/pydantic={_ratio(ik, min(codecs[op]['pydantic']))}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Benchmark incidentkit against pydantic v2 and msgspec.",
        epilog="Needs the 'bench' extra: pip install -e '.[bench]'.",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes; under a minute")
    parser.add_argument("--seed", type=int, default=2021, help="corpus seed (default 2021)")
    parser.add_argument("--records", type=int, help="corpus size (quick 300, full 2000)")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (quick 7, full 15)")
    parser.add_argument(
        "--jsonl-mb", type=float, help="JSON Lines file size in MiB (quick 16, full 1024)"
    )
    parser.add_argument("--import-runs", type=int, help="import timings (quick 5, full 20)")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument(
        "--real-data",
        type=Path,
        default=HERE.parent.parent / "shared" / "data" / "real",
        help="folder of real ACLED CSV samples (default <repo>/../shared/data/real)",
    )
    parser.add_argument("--stream-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stream_worker:
        stream_worker(*args.stream_worker)
        return
    quick = args.quick
    args.records = args.records or (300 if quick else 2000)
    args.rounds = args.rounds or (7 if quick else 15)
    args.jsonl_mb = args.jsonl_mb if args.jsonl_mb is not None else (16 if quick else 1024)
    if args.import_runs is None:
        args.import_runs = 5 if quick else 20

    import orjson
    from corpus import MINIMAL_INCIDENT, acled_rows, make_corpus, reference_example

    corpus = make_corpus(args.records, args.seed)
    blobs = [orjson.dumps(record) for record in corpus]
    preflight(corpus, blobs)
    rng = random.Random(args.seed)
    results: dict[str, Any] = {"codecs": measure_codecs(blobs, args.rounds, rng)}
    # The other corpora: one record repeated, or the real rows every library reads.
    others = {
        "example": [reference_example()] * args.records,
        "minimal": [MINIMAL_INCIDENT] * args.records,
        "acled": acled_rows(args.real_data, args.records) if args.real_data.is_dir() else [],
    }
    results["corpora"] = {
        "seeded": {"records": len(blobs), "bytes": sum(map(len, blobs)), "left_out": 0},
    }
    results["by_corpus"] = {"seeded": results["codecs"]}
    for name, records in others.items():
        records, left_out = agreed(records)
        if not records:
            results["corpora"][name] = {"records": 0, "left_out": left_out}
            continue
        more = [orjson.dumps(record) for record in records]
        results["corpora"][name] = {
            "records": len(more),
            "bytes": sum(map(len, more)),
            "left_out": left_out,
        }
        results["by_corpus"][name] = measure_codecs(more, args.rounds, rng)
    if args.jsonl_mb > 0:
        workdir = Path(tempfile.mkdtemp(prefix="incidentkit-bench-"))
        try:
            large = int(args.jsonl_mb * 2**20)
            results["stream"] = measure_streaming(blobs, [large // 16, large], LIBS, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.import_runs > 0:
        results["imports"] = measure_imports(args.import_runs)
        workdir = Path(tempfile.mkdtemp(prefix="incidentkit-bench-"))
        try:
            results["first_decode"] = measure_first_decode(args.import_runs, blobs[0], workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    results["schema"] = measure_schema(5)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    report(args, results, len(blobs), float(sum(map(len, blobs))))


if __name__ == "__main__":
    main()
