"""``benchmarks/run.py`` runs end to end on a tiny corpus and ends with its RATIO
lines. A smoke test: it checks the report's form, and no number in it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

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
    for corpus in ("seeded", "example", "minimal"):
        for op in ("decode", "decode-without-fast", "encode"):
            pattern = (
                rf"RATIO {op}\[{corpus}\] incidentkit/msgspec={number} "
                rf"incidentkit/pydantic={number}"
            )
            assert re.search(pattern, result.stdout), (op, corpus)
    assert re.search(rf"RATIO import incidentkit/attrs\+cattrs\+dateutil={number}", result.stdout)
    first = rf"RATIO import\+first-decode incidentkit/msgspec={number} incidentkit/pydantic="
    pattern = first + number
    assert re.search(pattern, result.stdout)


def test_the_benchmark_writes_its_timings_as_json(tmp_path: Path) -> None:
    for peer in ("pydantic", "msgspec"):
        pytest.importorskip(peer, reason="the benchmark needs the 'bench' extra")
    out = tmp_path / "timings.json"
    tiny = ["--records", "3", "--rounds", "1", "--jsonl-mb", "0", "--import-runs", "0"]
    result = subprocess.run(
        [sys.executable, str(RUN), *tiny, "--real-data", str(tmp_path), "--json", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    timings = json.loads(out.read_text())
    assert set(timings["by_corpus"]) == {"seeded", "example", "minimal"}
    assert timings["corpora"]["acled"]["records"] == 0  # no real files in tmp_path
    decode = timings["by_corpus"]["minimal"]["decode"]
    assert {"incidentkit", "incidentkit-without-fast", "pydantic", "msgspec"} <= set(decode)
