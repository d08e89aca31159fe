"""Shared test set-up: Hypothesis profiles.

``ci`` is derandomized with a fixed example count so CI runs are repeatable;
``thorough`` is for long local runs; ``dev`` (the default) is quick. Pick one with
the HYPOTHESIS_PROFILE environment variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

# A compiled fast path that raises anything but its "invalid" signal is a bug: show it.
os.environ.setdefault("INCIDENTKIT_DEBUG_FAST_PATHS", "1")

# Test modules in tests/<kind>/ import the shared helpers (_paths, _mutations, schema_cases).
sys.path.insert(0, str(Path(__file__).resolve().parent))

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=100,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# Drawing records (bundles above all) is slow on a loaded machine: a speed, not a fault.
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)
