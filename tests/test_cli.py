"""The command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import incidentkit
from incidentkit import Incident, examples, loads
from incidentkit.cli import main


def test_example_prints_the_reference_incident(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example"]) == 0
    assert loads(capsys.readouterr().out, Incident) == examples.INCIDENT


def test_example_all_compact_prints_one_line_per_record(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["example", "--all", "--compact"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r.id for r in examples.RECORDS]


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert incidentkit.__version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["example", "--help"])
    assert "reference" in capsys.readouterr().out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "incidentkit", "example", "--compact"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loads(out.stdout, Incident) == examples.INCIDENT
