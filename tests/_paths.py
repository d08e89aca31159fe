"""Where the tests find the repository and their fixtures, wherever a test file sits."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
#: Real ACLED/UCDP sample files beside the repository (not part of it; see its README).
REAL_DATA = ROOT.parent / "shared" / "data" / "real"
