"""Static types of incidentkit.strategies (checked by mypy, never run)."""
# mypy: enable-error-code="ignore-without-code"

from __future__ import annotations

from hypothesis.strategies import SearchStrategy
from typing_extensions import assert_type

from incidentkit import (
    Count,
    Defection,
    Group,
    Incident,
    Location,
    Organization,
    Person,
    Time,
    strategies,
)


def strategy_types() -> None:
    assert_type(strategies.incidents(), SearchStrategy[Incident])
    assert_type(strategies.incidents(country="AF"), SearchStrategy[Incident])
    assert_type(strategies.defections(), SearchStrategy[Defection])
    assert_type(strategies.for_type(Location), SearchStrategy[Location])
    assert_type(strategies.for_type(Count, best=3), SearchStrategy[Count])
    assert_type(strategies.times(), SearchStrategy[Time])
    assert_type(strategies.actors(), SearchStrategy[Person | Organization | Group])
    assert_type(strategies.locations().map(lambda loc: loc.country), SearchStrategy[str | None])


def misuses() -> None:
    """Each line is a mistake the type checker must catch (see check_codec.py)."""
    strategies.incidents(country=3)  # type: ignore[arg-type]
    strategies.for_type("Incident")  # type: ignore[arg-type]
    wrong: SearchStrategy[Count] = strategies.incidents()  # type: ignore[assignment]
    del wrong
