"""Hypothesis plugin: makes ``st.from_type`` work for every incidentkit record.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point declared in pyproject.toml, so a downstream project gets
``st.from_type(incidentkit.Incident)`` without importing :mod:`incidentkit.strategies`.
This module stays tiny: the strategies themselves are imported only when a type is
first resolved, which also keeps the hook safe when Hypothesis is imported *by*
:mod:`incidentkit.strategies` (the hook then runs while that module is half-built).
"""

from __future__ import annotations

from typing import Any

__all__ = ["_hypothesis_setup_hook", "record_classes"]


def record_classes() -> list[type]:
    """Every registered record class (see :func:`incidentkit._typetree.registered`)."""
    from incidentkit._typetree import registered

    return [r.type for r in registered() if isinstance(r.type, type)]


def _resolve(cls: type) -> Any:
    from incidentkit import strategies

    return strategies.for_type(cls)


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every record class with Hypothesis."""
    from hypothesis import strategies as st

    for cls in record_classes():
        st.register_type_strategy(cls, _resolve)
