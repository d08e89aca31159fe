"""``benchmarks/run.py`` runs end to end on a tiny corpus and ends with its RATIO
lines. A smoke test: it checks the report's form, and no number in it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from _paths import ROOT

RUN = ROOT / "benchmarks" / "run.py"


@pytest.mark.slow
def test_the_benchmark_reports_its_ratios_last() -> None:
    for peer in ("pydantic", "msgspec"):
        pytest.importorskip(peer, reason="the benchmark needs the 'bench' extra")
    tiny = ["--quick", "--records", "12", "--rounds", "1", "--jsonl-mb", "0.05"]
    result = subprocess.run(
        [sys.executable, str(RUN), *tiny, "--import-runs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    number = r"\d+\.\d\d"
    for line, op in zip(lines[-2:], ("decode", "encode"), strict=True):
        pattern = rf"RATIO {op} incidentkit/msgspec={number} incidentkit/pydantic={number}"
        assert re.fullmatch(pattern, line), line
    assert "| decode+validate, per record |" in result.stdout
    assert "| JSON Lines, " in result.stdout
