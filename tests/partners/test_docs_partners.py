"""docs/partners.md: its code examples run, and it lists every schema file (its
rules are generated: tests/unit/test_docgen.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import incidentkit
from _paths import ROOT
from incidentkit import examples

PAGE = (ROOT / "docs" / "partners.md").read_text(encoding="utf-8")
NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"


def block(language: str) -> str:
    found = re.findall(rf"```{language}\n(.*?)```", PAGE, flags=re.DOTALL)
    assert found, language
    return str(found[0])


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A directory with schemas/ and incident.json, as the examples expect."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "incident.json").write_text(incidentkit.dumps(examples.INCIDENT))
    return tmp_path


def bad(workdir: Path) -> None:
    """Make incident.json invalid in one place: an unknown country code."""
    data = incidentkit.to_dict(examples.INCIDENT)
    data["where"]["country"] = "ZZ"
    (workdir / "incident.json").write_text(json.dumps(data))


def test_every_schema_file_is_listed_on_the_page() -> None:
    for path in (ROOT / "schemas").glob("*.json"):
        assert path.name in PAGE


@pytest.mark.slow
def test_python_example(workdir: Path) -> None:
    pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    run = [sys.executable, "-c", block("python")]
    out = subprocess.run(run, cwd=workdir, capture_output=True, text=True, check=True)
    assert out.stdout == "valid\n"
    bad(workdir)
    out = subprocess.run(run, cwd=workdir, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "1 problem(s)"
    assert out.stdout.startswith("$.where.country: ")


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("node") is None or not (NODE_MODULES / "ajv-formats").is_dir(),
    reason="needs Node.js and Ajv: npm ci --prefix .ci/node (as .ci/run does)",
)
def test_javascript_example(workdir: Path) -> None:
    run = ["node", "-e", block("js")]
    env = {**os.environ, "NODE_PATH": str(NODE_MODULES)}
    out = subprocess.run(run, cwd=workdir, capture_output=True, text=True, check=True, env=env)
    assert out.stdout == "valid\n"
    bad(workdir)
    out = subprocess.run(run, cwd=workdir, capture_output=True, text=True, check=True, env=env)
    assert out.stdout.startswith("/where/country: must be equal to one of the allowed values")
