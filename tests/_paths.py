"""Where the tests find the repository and their fixtures, wherever a test file sits."""

from __future__ import annotations

import os
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
#: Real ACLED/UCDP sample files beside the repository (not part of it; see its README).
#: ``INCIDENTKIT_REAL_DATA`` names another folder (a git worktree sits deeper than
#: the main checkout).
REAL_DATA = Path(
    os.environ.get("INCIDENTKIT_REAL_DATA") or ROOT.parent / "shared" / "data" / "real"
)
