"""Static types of the records and resolve_time (checked by mypy, never run)."""
# mypy: enable-error-code="ignore-without-code"

from __future__ import annotations

from datetime import datetime, timezone

from typing_extensions import assert_type

from incidentkit import (
    Casualties,
    Count,
    CountQualifier,
    GeoPrecision,
    Incident,
    Location,
    Point,
    Time,
    resolve_time,
)


def records(incident: Incident) -> None:
    count = Count(best=3)
    assert_type(count, Count)
    assert_type(count.best, int | None)  # a vague figure has a range and no best
    assert_type(count.figure, int | None)
    assert_type(count.low, int | None)
    assert_type(count.qualifier, CountQualifier)
    assert_type(Count(best=40, qualifier=CountQualifier.ABOUT, low=30, high=50), Count)
    assert_type(Casualties(killed=count).killed, Count | None)
    place = Location(precision=GeoPrecision.EXACT, point=Point(lat=34.5, lon=69.2))
    assert_type(place.point, Point | None)
    assert_type(incident.when, Time)
    assert_type(incident.where, Location)


def times(published: datetime) -> None:
    now = datetime(2021, 6, 1, 12, tzinfo=timezone.utc)
    assert_type(resolve_time("yesterday", reference=now, tz="Asia/Kabul"), Time)
    at = resolve_time("3 June 2021", reference=now, tz="UTC", dayfirst=True)
    assert_type(resolve_time("last week", reference=at, tz=timezone.utc), Time)


def misuses(incident: Incident, now: datetime) -> None:
    """Each line is a mistake the type checker must catch (see check_codec.py)."""
    Count(best="3")  # type: ignore[arg-type]
    Count(low="3")  # type: ignore[arg-type]
    Count(best=3, qualifer=CountQualifier.ABOUT)  # type: ignore[call-arg]
    Count(best=3, qualifier=CountQualifier)  # type: ignore[arg-type]
    incident.when = incident.when  # type: ignore[misc]
    resolve_time("yesterday", tz="UTC")  # type: ignore[call-arg]
    resolve_time("yesterday", now, "UTC")  # type: ignore[call-arg]
    Location(country="AF")  # type: ignore[call-arg]
