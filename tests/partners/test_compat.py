"""The compatibility gate (compat/gate.py) on scratch copies of the schemas and API:
removals and tightened constraints fail with a message naming the break; additions
pass; a break passes once the version is raised and CHANGELOG names it."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from _paths import ROOT

pytest.importorskip(
    "jsoncompat", reason="the gate needs jsoncompat (the test extra; Python 3.11 or later)"
)
pytest.importorskip("griffe", reason="the gate needs griffe (pip install griffe)")

_spec = importlib.util.spec_from_file_location("compat_gate", ROOT / "compat" / "gate.py")
assert _spec is not None
assert _spec.loader is not None
gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gate)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the committed schemas, to be edited by a test."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    return tmp_path / "schemas"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = gate.main(["check", *args])
    out, err = capsys.readouterr()
    return status, out + err


def edit(path: Path, change: Any) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")


def test_the_committed_state_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, text = run(capsys)
    assert status == 0, text


def test_removing_a_field_fails_naming_it(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(scratch / "incident.schema.json", lambda d: d["$defs"]["Count"]["properties"].pop("high"))
    status, text = run(capsys, "--schemas", str(scratch))
    assert status == 1
    assert "schemas/incident.schema.json: Count.high: property removed" in text
    assert "deserializer" in text
    assert "CHANGELOG.md must name `Count.high`" in text


def test_tightening_a_constraint_fails_naming_it(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def tighten(document: dict[str, Any]) -> None:
        document["$defs"]["Count"]["properties"]["best"]["minimum"] = 1
        document["properties"]["id"]["maxLength"] = 8

    edit(scratch / "incident.schema.json", tighten)
    status, text = run(capsys, "--schemas", str(scratch))
    assert status == 1
    assert "Count.best: minimum: 0 -> 1 [deserializer" in text
    assert "Incident.id: maxLength:" in text


def test_a_new_required_field_fails(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def require(document: dict[str, Any]) -> None:
        count = document["$defs"]["Count"]
        count["properties"]["source"] = {"type": "string"}
        count["required"].append("source")

    edit(scratch / "incident.schema.json", require)
    status, text = run(capsys, "--schemas", str(scratch))
    assert status == 1
    assert "Count.source: now required" in text


def test_additions_pass(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def add(document: dict[str, Any]) -> None:
        defs = document["$defs"]
        defs["Count"]["properties"]["note"] = {"type": ["string", "null"], "maxLength": 10}
        document["properties"]["vehicles"] = {"type": "array", "items": {"type": "string"}}
        defs["IncidentType"]["enum"].append("drone_strike")
        defs["Vehicle"] = {
            "type": "object",
            "properties": {"kind": {"const": "vehicle"}},
            "required": ["kind"],
            "additionalProperties": False,
        }
        defs["Actor"]["oneOf"].append({"$ref": "#/$defs/Vehicle"})
        document["description"] = "Reworded."

    edit(scratch / "incident.schema.json", add)
    (scratch / "vehicle.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    status, text = run(capsys, "--schemas", str(scratch))
    assert status == 0, text


def test_removing_a_schema_file_fails(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (scratch / "group.schema.json").unlink()
    status, text = run(capsys, "--schemas", str(scratch))
    assert status == 1
    assert "group.schema.json: schema file removed" in text


def test_a_break_passes_with_a_raised_version_and_a_changelog_entry(
    scratch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(scratch / "incident.schema.json", lambda d: d["$defs"]["Count"]["properties"].pop("high"))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(
        "# Changelog\n\n## [Unreleased]\n\n### Removed\n- **Breaking:** `Count.high`.\n",
        encoding="utf-8",
    )
    args = ("--schemas", str(scratch), "--changelog", str(changelog))
    assert run(capsys, *args, "--version", "0.1.1")[0] == 1  # a patch release may not break
    status, text = run(capsys, *args, "--version", "0.2.0")
    assert status == 0, text
    assert "BREAKING schemas/incident.schema.json: Count.high" in text


def test_removing_python_api_fails_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    quantity = src / "incidentkit" / "quantity.py"
    text = quantity.read_text(encoding="utf-8")
    text, count = re.subn(r"\n    high: int \| None = field\([^)]*\)", "", text, count=1)
    assert count == 1
    quantity.write_text(text, encoding="utf-8")
    codec = src / "incidentkit" / "codec.py"
    codec.write_text(
        codec.read_text(encoding="utf-8").replace("def write_jsonl(", "def _write_jsonl("),
        encoding="utf-8",
    )
    status, text = run(capsys, "--src", str(src))
    assert status == 1
    assert "API: quantity.Count.high: Public object was removed" in text
    assert "API: codec.write_jsonl: Public object was removed" in text
