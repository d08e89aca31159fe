#!/usr/bin/env python3
"""Validation of a delivery on Dask, and Parquet against JSON Lines.

    pip install -e '.[arrow,dask]' && python benchmarks/scale.py --mb 1024

A delivery of ``--files`` JSON Lines files, ``--mb`` megabytes in all, is built from
the seeded corpus of ``corpus.py`` (ids made unique). Then:

- validation with :func:`incidentkit.dask.validate_delivery` on a
  ``dask.distributed.LocalCluster`` of 1 and of 2 worker processes (one thread
  each, configured with ``incidentkit.dask.WORKER_CONFIG``; each worker validates
  one file untimed first, so that imports and compiled checks are not timed):
  records/s, the speed-up, the CPU time the workers used, and each worker's peak
  RSS, with the load average before and after (the machine may be shared: with a
  load above the number of cores, the speed-up says little);
- in a fresh subprocess each (so that each has its own peak RSS): streaming the
  delivery through ``iter_jsonl`` and through ``iter_parquet`` (read), and from one
  into the other with ``write_parquet`` and ``write_jsonl`` (read and write), with
  one Parquet file per JSON Lines file (as ``validate_delivery`` writes them) and
  with the whole delivery in one Parquet file, and from JSON Lines into one GeoJSON
  FeatureCollection: records/s of CPU time and of wall time, and peak RSS. The
  Parquet phases run as ``incidentkit convert`` does (``incidentkit._leanarrow``):
  pyarrow loaded without pandas (45 MB, which pyarrow imports when it is installed)
  and NumPy (11 MB), and allocating with the system allocator; with ``--plain``,
  as a program of one's own would (pyarrow's default allocator, unless
  ``ARROW_DEFAULT_MEMORY_POOL`` says otherwise). Each phase says which allocator
  it used and whether pandas was imported.

This is a benchmark, not a test: nothing here asserts a time. The figures depend on
the machine; docs/scale.md gives the ones measured for the release notes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_ROW_GROUP_SIZE = 2_000  # incidentkit.arrow's (not imported here: pyarrow is not free)
sys.path.insert(0, str(HERE))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def build_delivery(directory: Path, megabytes: float, files: int) -> tuple[list[Path], int]:
    """JSON Lines files of about ``megabytes`` in all; returns them and the record count."""
    from corpus import make_corpus

    corpus = [json.dumps(r, ensure_ascii=False) for r in make_corpus(500)]
    ids = [json.loads(line)["id"] for line in corpus]
    budget = int(megabytes * 1024 * 1024 / files)
    paths, count = [], 0
    for f in range(files):
        path = directory / f"part-{f:03d}.jsonl"
        written = 0
        with open(path, "w", encoding="utf-8") as out:
            n = 0
            while written < budget:
                i = n % len(corpus)
                line = corpus[i].replace(f'"id":"{ids[i]}"', f'"id":"{ids[i]}-{f}-{n}"', 1)
                line = line.replace(f'"id": "{ids[i]}"', f'"id": "{ids[i]}-{f}-{n}"', 1)
                out.write(line + "\n")
                written += len(line) + 1
                n += 1
                count += 1
        paths.append(path)
    return paths, count


def _worker_rss() -> float:
    return _peak_rss_mb()


def _worker_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def validate_on_cluster(paths: list[Path], workers: int) -> dict[str, Any]:
    import dask
    from distributed import Client, LocalCluster

    from incidentkit.dask import WORKER_CONFIG, validate_delivery

    with (
        dask.config.set(WORKER_CONFIG),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        # Untimed: each worker validates a file once (imports, compiled checks).
        validate_delivery(paths[:workers], None)
        load = _load()
        cpu = client.run(_worker_cpu)
        start = time.perf_counter()
        report = validate_delivery(paths, None)
        elapsed = time.perf_counter() - start
        used = client.run(_worker_cpu)
        rss = sorted(client.run(_worker_rss).values())
    return {
        "workers": workers,
        "records": report.valid,
        "bad": len(report.bad),
        "seconds": elapsed,
        "records_per_s": report.valid / elapsed,
        "worker_cpu_seconds": sum(used[w] - cpu[w] for w in used),
        "worker_peak_rss_mb": rss,
        "load": f"{load} -> {_load()}",
    }


def phase(name: str, paths: list[str], scratch: str, args: argparse.Namespace) -> dict[str, Any]:
    """One measurement, run in its own process."""
    import contextlib

    from incidentkit import _leanarrow

    arrow = "parquet" in name
    _leanarrow.own_process = True  # a process of its own, as the command's is
    lean_arrow = _leanarrow.lean_arrow
    pool = None
    start, cpu = time.perf_counter(), time.process_time()
    with contextlib.nullcontext() if args.plain or not arrow else lean_arrow():
        count = _run(name, paths, scratch, args.row_group_size)
        if arrow:
            import pyarrow

            pool = pyarrow.default_memory_pool().backend_name
    return {
        "phase": name,
        "records": count,
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "peak_rss_mb": _peak_rss_mb(),
        "pool": pool,
        "pandas": "pandas" in sys.modules,
    }


def _run(name: str, paths: list[str], scratch: str, row_group_size: int) -> int:
    """Runs one phase; returns how many records went through."""
    from incidentkit import Incident
    from incidentkit.codec import iter_jsonl, write_jsonl

    single = os.path.join(scratch, "delivery.parquet")
    parts = [os.path.join(scratch, Path(p).stem + ".parquet") for p in paths]

    def jsonl_records(files: list[str]) -> Any:
        for path in files:
            with open(path, "rb") as handle:
                yield from iter_jsonl(handle, Incident)

    def parquet_records(files: list[str]) -> Any:
        from incidentkit.arrow import iter_parquet

        for path in files:
            yield from iter_parquet(path, Incident)

    if name == "read-jsonl":
        return sum(1 for _ in jsonl_records(paths))
    if name == "jsonl-to-geojson":
        from incidentkit.interop.geojson import write_feature_collection

        geojson = os.path.join(scratch, "delivery.geojson")
        return write_feature_collection(jsonl_records(paths), geojson, lossy="ignore")
    from incidentkit.arrow import write_parquet

    if name == "jsonl-to-parquet-parts":
        return sum(
            write_parquet(jsonl_records([source]), part, Incident, row_group_size=row_group_size)
            for source, part in zip(paths, parts, strict=True)
        )
    if name == "read-parquet-parts":
        return sum(1 for _ in parquet_records(parts))
    if name == "parquet-parts-to-jsonl":
        with open(os.path.join(scratch, "copy.jsonl"), "wb") as out:
            return write_jsonl(parquet_records(parts), out)
    if name == "jsonl-to-parquet-one-file":
        return write_parquet(jsonl_records(paths), single, Incident, row_group_size=row_group_size)
    if name == "read-parquet-one-file":
        return sum(1 for _ in parquet_records([single]))
    raise ValueError(name)


def run_phase(
    name: str, paths: list[Path], scratch: str, args: argparse.Namespace
) -> dict[str, Any]:
    options = ["--plain"] if args.plain else []
    options += ["--row-group-size", str(args.row_group_size)]
    command = [sys.executable, __file__, "--phase", name, "--scratch", scratch, *options]
    done = subprocess.run(
        [*command, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


PHASES = (
    "read-jsonl",
    "jsonl-to-parquet-parts",
    "read-parquet-parts",
    "parquet-parts-to-jsonl",
    "jsonl-to-parquet-one-file",
    "read-parquet-one-file",
    "jsonl-to-geojson",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=64, help="size of the delivery (MB)")
    parser.add_argument("--files", type=int, default=8, help="files in the delivery")
    parser.add_argument("--dir", help="where to build the delivery (default: the temp dir)")
    parser.add_argument(
        "--no-dask", action="store_true", help="only the Parquet/JSON Lines phases"
    )
    parser.add_argument("--no-phases", action="store_true", help="only the validation on Dask")
    parser.add_argument(
        "--phases", help="comma-separated phases to run (default: all): " + ", ".join(PHASES)
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="let pyarrow import pandas in the phases (it does when pandas is installed)",
    )
    parser.add_argument(
        "--row-group-size",
        type=int,
        default=DEFAULT_ROW_GROUP_SIZE,
        help=f"records per Parquet row group (default {DEFAULT_ROW_GROUP_SIZE:,})",
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.paths, args.scratch, args)))
        return
    if args.dir:
        Path(args.dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        paths, count = build_delivery(Path(scratch), args.mb, args.files)
        size = sum(p.stat().st_size for p in paths) / 1024 / 1024
        print(f"delivery: {len(paths)} files, {size:.1f} MB, {count} records", flush=True)
        results = [validate_on_cluster(paths, w) for w in (1, 2)] if not args.no_dask else []
        for r in results:
            print(
                f"validate, {r['workers']} worker(s): {r['records_per_s']:,.0f} records/s "
                f"({r['seconds']:.1f} s; workers' CPU {r['worker_cpu_seconds']:.1f} s, "
                f"{r['records'] / r['worker_cpu_seconds']:,.0f} records/s of it), "
                "worker peak RSS "
                + ", ".join(f"{m:.0f} MB" for m in r["worker_peak_rss_mb"])
                + f"; load average {r['load']}",
                flush=True,
            )
        if results:
            speed_up = results[0]["seconds"] / results[1]["seconds"]
            print(f"speed-up with 2 workers: {speed_up:.2f}x", flush=True)
        chosen = args.phases.split(",") if args.phases else PHASES
        for name in () if args.no_phases else chosen:
            r = run_phase(name, paths, scratch, args)
            print(
                f"{name}: {r['records'] / r['cpu_seconds']:,.0f} records/s of CPU time "
                f"({size / r['cpu_seconds']:.1f} MB/s of JSON Lines; "
                f"{r['records'] / r['seconds']:,.0f} records/s wall), "
                f"peak RSS {r['peak_rss_mb']:.0f} MB"
                + (f" (pool {r['pool']})" if r["pool"] else "")
                + (" (pandas imported)" if r["pandas"] else ""),
                flush=True,
            )
            if name == "jsonl-to-parquet-parts":
                parquet_mb = sum(
                    os.path.getsize(Path(scratch) / (p.stem + ".parquet")) for p in paths
                )
                parquet_mb /= 1024 * 1024
                print(
                    f"parquet parts: {parquet_mb:.1f} MB ({parquet_mb / size:.0%} of JSON Lines)"
                )


if __name__ == "__main__":
    main()
