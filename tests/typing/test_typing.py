"""The static types of the public API, as the check_*.py files here pin them, hold
under ``mypy --strict`` (which CI also runs directly: see .ci/run)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None,
    reason="needs mypy, which is in the dev extra: pip install -e '.[dev]'",
)
def test_public_api_types_hold_under_mypy_strict(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), str(HERE)]
    out = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_check_file_has_misuses_that_must_fail() -> None:
    # Each file pins some mistakes with a coded ignore; without one, a file could
    # not notice that a check stopped catching anything.
    files = sorted(HERE.glob("check_*.py"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "# type: ignore[" in text, path.name
        assert "# type: ignore\n" not in text, f"{path.name}: an ignore without its code"
