"""What a downstream user meets first: the optional extras, help() and dir(), the
schema address, and the files a release carries."""

from __future__ import annotations

import enum
import json
import pickle
import pydoc
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import incidentkit as ik
from _paths import ROOT
from incidentkit.cli import main
from incidentkit.schema import SCHEMA_BASE_URI, schema_files

_WITHOUT_HYPOTHESIS = textwrap.dedent(
    """
    import sys

    class NoHypothesis:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == "hypothesis":
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    sys.meta_path.insert(0, NoHypothesis())
    import incidentkit.strategies
    """
)


@pytest.mark.slow
def test_strategies_without_hypothesis_name_the_extra() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_HYPOTHESIS], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError: incidentkit.strategies needs Hypothesis")
    assert "pip install 'incidentkit[hypothesis]'" in last


def test_enums_hide_str_methods_from_dir_and_help() -> None:
    names = dir(ik.IncidentType)
    assert "ARMED_CLASH" in names
    assert "upper" not in names
    text = pydoc.render_doc(ik.IncidentType, renderer=pydoc.plaintext)
    assert "upper(self" not in text
    assert "splitlines(self" not in text
    assert dir(ik.IncidentType.ARMED_CLASH) == ["description", "name", "value"]
    assert ik.IncidentType("armed_clash") is ik.IncidentType.ARMED_CLASH
    assert f"{ik.IncidentType.ARMED_CLASH:>12}" == " armed_clash"
    assert pickle.loads(pickle.dumps(ik.IncidentType.ARMED_CLASH)) is ik.IncidentType.ARMED_CLASH
    # the members are still strings, and the class is a plain enum to other tools
    assert ik.IncidentType.ARMED_CLASH.upper() == "ARMED_CLASH"
    assert type(ik.IncidentType) is type(enum.Enum)


def test_base_uri_moves_every_id() -> None:
    files = schema_files(base_uri="https://schemas.example.org/incidentkit")
    for name, schema in files.items():
        assert schema["$id"] == f"https://schemas.example.org/incidentkit/{ik.__version__}/{name}"
    assert ik.json_schema(ik.Incident)["$id"].startswith(SCHEMA_BASE_URI)


def test_cli_base_uri(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path), "--base-uri", "https://x.example/s/"]) == 0
    schema = json.loads((tmp_path / "incident.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"https://x.example/s/{ik.__version__}/incident.schema.json"


def test_sdist_carries_what_its_tests_need() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    sdist = text.split("[tool.hatch.build.targets.sdist]")[1].split("\n[")[0]
    for needed in ("tests", "benchmarks", "schemas", "docs", "compat", "LICENSE"):
        assert f'"{needed}"' in sdist, needed
