"""The committed ``schemas/`` directory is what the code generates."""

from __future__ import annotations

from pathlib import Path

from _paths import ROOT
from incidentkit.schema import write_schemas

SCHEMAS = ROOT / "schemas"
REGENERATE = "regenerate them with: incidentkit schema --out schemas"


def test_committed_schemas_are_up_to_date(tmp_path: Path) -> None:
    fresh = {p.name: p.read_bytes() for p in write_schemas(tmp_path)}
    committed = {p.name: p.read_bytes() for p in SCHEMAS.glob("*.json")}
    assert sorted(committed) == sorted(fresh), f"schemas/ holds other files; {REGENERATE}"
    for name, content in fresh.items():
        assert committed[name] == content, f"schemas/{name} is out of date; {REGENERATE}"
