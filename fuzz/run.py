"""Run the atheris fuzzers: ``python fuzz/run.py [--seconds N] [TARGET ...]``.

Each target (see ``targets.py``) runs in its own process for its share of the
time, starting from seeds written from the test data into a corpus directory
(``fuzz/corpus/TARGET``, kept between runs, ignored by git). A crash (an
exception other than the documented ones) stops that target, leaves its input in
``fuzz/crashes/`` and makes the exit status 1.

``--replay TARGET FILE...`` runs a target on saved inputs without atheris.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import targets  # noqa: E402


def _child(target: str, argv: list[str]) -> None:
    """Inside the fuzzing process: instrument incidentkit, then fuzz."""
    import atheris

    with atheris.instrument_imports(include=["incidentkit"]):
        import incidentkit
        import incidentkit.interop
        import incidentkit.timephrases  # noqa: F401
        from incidentkit import _filecheck, codec  # noqa: F401

    def one_input(data: bytes) -> None:
        targets.call(target, data)

    # Warm up outside the per-input timeout: the first call builds the converter,
    # compiles the checkers and imports lazily loaded modules (seconds on a busy
    # machine, with instrumentation).
    for seed in targets.seeds(target):
        targets.call(target, seed)

    atheris.Setup([sys.argv[0], *argv], one_input)
    atheris.Fuzz()


def _run(target: str, seconds: int, corpus_root: Path, crashes: Path) -> tuple[bool, str]:
    corpus = corpus_root / target
    corpus.mkdir(parents=True, exist_ok=True)
    for index, seed in enumerate(targets.seeds(target)):
        (corpus / f"seed-{index}").write_bytes(seed)
    crashes.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.executable,
        str(Path(__file__)),
        "--child",
        target,
        f"-max_total_time={seconds}",
        "-timeout=20",
        "-rss_limit_mb=2048",
        "-max_len=65536",
        f"-artifact_prefix={crashes}/{target}-",
        "-print_final_stats=1",
        str(corpus),
    ]
    started = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    runs = [
        line for line in result.stderr.splitlines() if "stat::number_of_executed_units" in line
    ]
    executions = runs[-1].split(":")[-1].strip() if runs else "?"
    ok = result.returncode == 0
    summary = f"{target}: {executions} executions in {elapsed:.0f} s, " + (
        "no crash" if ok else f"CRASH (status {result.returncode})"
    )
    if not ok:
        summary += "\n" + "\n".join(result.stderr.splitlines()[-40:])
    return ok, summary


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help=f"default: all of {', '.join(targets.TARGETS)}")
    parser.add_argument("--seconds", type=int, default=60, help="total time (default 60)")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--crashes", type=Path, default=HERE / "crashes")
    parser.add_argument("--replay", nargs="+", metavar="TARGET FILE", help="replay inputs")
    args = parser.parse_args()
    if args.replay:
        target, *files = args.replay
        for name in files:
            targets.call(target, Path(name).read_bytes())
            print(f"{name}: no crash")
        return 0
    chosen = args.targets or list(targets.TARGETS)
    share = max(1, args.seconds // len(chosen))
    failed = False
    for target in chosen:
        ok, summary = _run(target, share, args.corpus, args.crashes)
        print(summary, flush=True)
        failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
