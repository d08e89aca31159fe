#!/usr/bin/env python3
"""Inputs at the documented limits: time and peak memory of each, in a subprocess.

    python benchmarks/limits.py            # every case (a few minutes; 10^6 CSV rows)
    python benchmarks/limits.py --quick    # a tenth of the CSV rows
    python benchmarks/limits.py validate-array url-64mib   # some cases

The limits (README, docs/index.md): a JSON document, or a JSON Lines line, of at
most 64 MiB holding at most 4,194,304 JSON values (one per 16 bytes of the size
limit); ``extensions`` nested at most 64 levels deep; strings as long as a
document allows (each field has its own maximum, checked before any pattern); CSV
files of any number of rows, streamed. Each case writes its input to a temporary
file, then a fresh interpreter imports incidentkit, notes its memory, reads and
checks the file, and reports the time of that work (wall clock, and the processor
time, which a busy machine inflates less) and its peak RSS over the baseline. The
targets, from issue 15: no input within the limits takes more than 2 s per MB,
or more than 10 times its size in memory (``OK`` / ``OVER`` in the table). Valid
and invalid inputs alike: refusing must be as cheap as accepting.

One exception, shown as ``OK (limit)``: a document denser than records ever are
(millions of empty arrays, numbers or short strings, up to the value limit) costs
more than 10 times its own size, since every value is a Python object of 30 to
200 bytes, whatever its text takes; the value limit keeps it within 10 times the
size limit (64 MiB) instead. Those cases say "most values".

This is a benchmark, not a test: nothing here runs in the test suite.
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
LIMIT = 64 * MIB


def _incident() -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "src"))
    import incidentkit as ik
    from incidentkit.examples import INCIDENT

    return ik.to_dict(INCIDENT)


def _fill(size: int) -> str:
    """A string that makes a document just under ``size`` bytes."""
    return "a" * max(0, size - 64 * 1024)


# ---------------------------------------------------------------- inputs


def _write_document(path: Path, doc: object) -> None:
    path.write_text(json.dumps(doc), encoding="utf-8")


def make_url(path: Path, size: int) -> None:
    """A record whose source URL fills the document (over its 2048 maximum)."""
    doc = _incident()
    doc["sources"][0]["url"] = "https://example.org/" + _fill(size)  # type: ignore[index]
    _write_document(path, doc)


def make_zone(path: Path, size: int) -> None:
    """A record whose zone name (a patterned field) fills the document."""
    doc = _incident()
    doc["when"]["tz"] = "Asia/" + _fill(size)  # type: ignore[index]
    _write_document(path, doc)


def make_extension_key(path: Path, size: int) -> None:
    """A record with an extension key that fills the document."""
    doc = _incident()
    doc["extensions"] = {"x." + _fill(size): 1}
    _write_document(path, doc)


#: The most JSON values a document under the default size limit may hold.
MAX_VALUES = LIMIT // 16


def make_extensions(path: Path, size: int) -> None:
    """A valid record whose extensions hold short strings, as many as the size
    (``size`` bytes) or the value limit allows."""
    doc = _incident()
    count = min((size - 64 * 1024) // 12, MAX_VALUES - 1000)  # '"abcdefgh", ' is 12 bytes
    doc["extensions"] = {"acme.data": ["abcdefgh"] * count}
    _write_document(path, doc)


def _deep(path: Path, copies: int) -> None:
    doc = _incident()
    nested: object = 1
    for _ in range(63):
        nested = [nested]
    doc["extensions"] = {"acme.deep": [nested] * copies}
    _write_document(path, doc)


def make_deep(path: Path, size: int) -> None:
    """A record whose extensions nest 64 levels deep (the most allowed), many
    times over, up to ``size``: more values than a document may hold."""
    _deep(path, (size - 64 * 1024) // 131)


def make_deep_at_cap(path: Path, size: int) -> None:
    """As deep, up to the value limit (64 values per copy): the densest valid
    nesting, about 8.5 MB."""
    _deep(path, (MAX_VALUES - 1000) // 64)


def make_dense(path: Path, size: int) -> None:
    """``size`` bytes of empty arrays in an array: 22 million values."""
    path.write_bytes(b"[" + b",".join([b"[]"] * ((size - 2) // 3)) + b"]")


def make_dense_at_cap(path: Path, size: int) -> None:
    """Empty objects, one fewer than the value limit (a 12.6 MB document)."""
    path.write_bytes(b"[" + b",".join([b"{}"] * (MAX_VALUES - 2)) + b"]")


def make_floats_at_cap(path: Path, size: int) -> None:
    """A valid record whose extensions hold numbers, up to the value limit."""
    doc = _incident()
    doc["extensions"] = {"acme.floats": [1.5] * (MAX_VALUES - 1000)}
    _write_document(path, doc)


def make_too_deep(path: Path, size: int) -> None:
    """64 MiB of opening brackets: refused without recursing."""
    half = size // 2
    path.write_bytes(b"[" * half + b"]" * half)


def make_notes(path: Path, size: int) -> None:
    """JSON Lines of records with the longest notes allowed (20,000 characters)."""
    doc = _incident()
    doc["notes"] = "n" * 20_000
    line = json.dumps(doc) + "\n"
    path.write_text(line * (size // len(line)), encoding="utf-8")


def make_jsonl(path: Path, size: int) -> None:
    line = json.dumps(_incident(), separators=(",", ":")) + "\n"
    path.write_text(line * (size // len(line)), encoding="utf-8")


def make_array(path: Path, size: int) -> None:
    item = json.dumps(_incident(), indent=2)
    count = size // (len(item) + 2)
    path.write_text("[\n" + ",\n".join([item] * count) + "\n]\n", encoding="utf-8")


def make_broken_first_line(path: Path, size: int) -> None:
    line = json.dumps(_incident(), separators=(",", ":")) + "\n"
    path.write_text('{"id": \n' + line * (size // len(line)), encoding="utf-8")


def make_long_line(path: Path, size: int) -> None:
    """One JSON Lines line just under the limit, then a good record."""
    doc = _incident()
    doc["notes"] = _fill(size - 1024)
    good = json.dumps(_incident())
    path.write_text(json.dumps(doc) + "\n" + good + "\n", encoding="utf-8")


def make_acled(path: Path, rows: int) -> None:
    lines = (ROOT / "tests" / "data" / "acled.csv").read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[1:]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        for index in range(rows):
            handle.write(body[index % len(body)] + "\n")


# ---------------------------------------------------------------- work (child)


def work_loads(path: Path) -> str:
    import incidentkit as ik

    data = path.read_bytes()
    try:
        ik.loads(data, ik.Incident)
    except ik.ValidationError as exc:
        return f"refused: {exc.errors[0].path[:40]}: {exc.errors[0].message[:50]}"
    return "valid"


def work_validate(path: Path) -> str:
    import contextlib
    import io

    from incidentkit.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["validate", "--quiet", str(path)])
    return f"exit {status}: {out.getvalue().splitlines()[-1][:60]}"


def work_acled(path: Path) -> str:
    from incidentkit.interop.acled import read_acled_csv

    reader = read_acled_csv(path, on_error="collect")
    count = sum(1 for _ in reader)
    return f"{count} incidents, {len(reader.errors)} bad rows"


WORK: dict[str, Callable[[Path], str]] = {
    "loads": work_loads,
    "validate": work_validate,
    "acled": work_acled,
}

#: name -> (what, make input, size argument, work)
CASES: dict[str, tuple[str, Callable[[Path, int], None], int, str]] = {
    "url-64mib": ("loads: 64 MiB source URL (max 2048)", make_url, LIMIT, "loads"),
    "tz-64mib": ("loads: 64 MiB zone name (patterned)", make_zone, LIMIT, "loads"),
    "extension-key-64mib": ("loads: 64 MiB extension key", make_extension_key, LIMIT, "loads"),
    "extensions-64mib": ("loads: 64 MiB of extension items", make_extensions, LIMIT, "loads"),
    "deep-64mib": ("loads: 64 MiB nested 64 deep", make_deep, LIMIT, "loads"),
    "deep-at-cap": ("loads: nested 64 deep, most values", make_deep_at_cap, LIMIT, "loads"),
    "dense-64mib": ("loads: 64 MiB of empty arrays", make_dense, LIMIT, "loads"),
    "dense-at-cap": ("loads: empty objects, most values", make_dense_at_cap, LIMIT, "loads"),
    "floats-at-cap": ("loads: numbers, most values", make_floats_at_cap, LIMIT, "loads"),
    "brackets-64mib": ("loads: 64 MiB of brackets", make_too_deep, LIMIT, "loads"),
    "validate-jsonl": ("validate: 64 MiB JSON Lines", make_jsonl, LIMIT, "validate"),
    "validate-array": ("validate: 64 MiB pretty JSON array", make_array, LIMIT, "validate"),
    "validate-notes": ("validate: longest notes, 64 MiB", make_notes, LIMIT, "validate"),
    "validate-long-line": ("validate: one 64 MiB line", make_long_line, LIMIT, "validate"),
    "validate-broken-first": (
        "validate: 128 MiB JSONL, first line broken",
        make_broken_first_line,
        2 * LIMIT,
        "validate",
    ),
    "validate-brackets": ("validate: 64 MiB of brackets", make_too_deep, LIMIT, "validate"),
    "validate-dense": ("validate: 64 MiB of empty arrays", make_dense, LIMIT, "validate"),
    "acled-rows": ("read_acled_csv: 10^6 rows", make_acled, 1_000_000, "acled"),
}


def _peak_kib() -> int:
    """Peak RSS of this process since the last :func:`_reset_peak` (Linux's VmHWM;
    ``ru_maxrss`` would include the parent's peak, kept across exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _reset_peak() -> None:
    """Start the peak over from the current RSS (Linux: "5" > clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def child(work: str, path: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import incidentkit
    import incidentkit.cli
    import incidentkit.interop.acled
    from incidentkit.examples import INCIDENT

    incidentkit.loads(incidentkit.dumps(INCIDENT), incidentkit.Incident)
    _reset_peak()
    baseline = _peak_kib()
    start, cpu = time.perf_counter(), time.process_time()
    outcome = WORK[work](path)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    figures = {
        "seconds": elapsed,
        "cpu": cpu,
        "extra_kib": _peak_kib() - baseline,
        "outcome": outcome,
    }
    print(json.dumps(figures))


def run_case(name: str, quick: bool, directory: Path) -> dict[str, object]:
    what, make, size, work = CASES[name]
    if name == "acled-rows" and quick:
        size //= 10
        what = what.replace("10^6", "10^5")
    path = directory / name
    make(path, size)
    megabytes = path.stat().st_size / 1e6
    result = subprocess.run(
        [sys.executable, __file__, "--child", work, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    path.unlink()
    if result.returncode != 0:
        return {"name": name, "what": what, "mb": megabytes, "error": result.stderr[-500:]}
    figures = json.loads(result.stdout.splitlines()[-1])
    return {"name": name, "what": what, "mb": megabytes, **figures}


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="*", help=f"default: all of {', '.join(CASES)}")
    parser.add_argument("--quick", action="store_true", help="10^5 CSV rows instead of 10^6")
    args = parser.parse_args()
    unknown = set(args.cases) - set(CASES)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    limit_mb = LIMIT / 1e6
    print(
        f"{'case':<44} {'MB':>7} {'s':>7} {'s/MB':>6} {'cpu s':>7} "
        f"{'extra MB':>9} {'x size':>7}  verdict"
    )
    over = False
    with tempfile.TemporaryDirectory(dir=os.environ.get("LIMITS_TMP")) as tmp:
        for name in args.cases or list(CASES):
            row = run_case(name, args.quick, Path(tmp))
            if "error" in row:
                print(f"{row['what']:<44} FAILED: {row['error']}")
                over = True
                continue
            mb = float(row["mb"])  # type: ignore[arg-type]
            seconds = float(row["seconds"])  # type: ignore[arg-type]
            extra = int(row["extra_kib"]) * 1024 / 1e6  # type: ignore[call-overload]
            fast = seconds <= 2 * mb
            if fast and extra <= 10 * mb:
                verdict = "OK"
            elif fast and "most values" in str(row["what"]) and extra <= 10 * limit_mb:
                verdict = "OK (limit)"
            else:
                verdict, over = "OVER", True
            print(
                f"{row['what']:<44} {mb:7.1f} {seconds:7.2f} {seconds / mb:6.3f} "
                f"{float(row['cpu']):7.2f} "  # type: ignore[arg-type]
                f"{extra:9.1f} {extra / mb:7.2f}  {verdict}  ({row['outcome']})",
                flush=True,
            )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
