"""``python -m incidentkit``."""

from __future__ import annotations

from .cli import console

console()
