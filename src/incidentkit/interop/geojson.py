"""Incidents on a map: an RFC 7946 GeoJSON FeatureCollection.

One Feature per incident that has a point: a ``Point`` geometry (longitude first,
WGS84 decimal degrees, as RFC 7946 requires) and flat properties, listed with
their meaning in :data:`PROPERTIES`, that map tools can style and filter on.
Incidents without a point are reported (``lossy=``), not silently left off.

:func:`from_feature_collection` reads such a collection back into incidents with
what the properties carry: id, type, status, the times with their precision and
zone, and the place. Actors, sources and counts are summaries on the map and do
not come back.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import IO, Any

from .._fields import json_type_name
from ..codec import from_dict
from ..errors import Problem, ValidationError, join_path
from ..incident import Incident
from ..time import PART_OF_DAY_WINDOWS, Time, TimePrecision
from ._common import (
    LossSink,
    Lossy,
    check_lossy,
    settle_losses,
    total_injured,
    total_killed,
    unreported_losses,
)
from ._csv import atomic_path

__all__ = [
    "PROPERTIES",
    "from_feature_collection",
    "to_feature_collection",
    "write_feature_collection",
]

#: The properties of each Feature, in order, and what they hold. Absent values are
#: left out, as in incidentkit's own JSON.
PROPERTIES: dict[str, str] = {
    "id": "The incident's id (also the Feature's id).",
    "type": "Incident type, e.g. armed_clash.",
    "category": "ACLED-style event category of the type, e.g. battles.",
    "status": "Record status: reported, disputed, confirmed, denied, retracted.",
    "when": "Start of the time the incident happened: local time with its UTC offset.",
    "tz": "IANA time zone of when and until.",
    "time_precision": "Precision of when: year, month, day, part_of_day, hour, ...",
    "time_span": "Units of time_precision that when covers, when more than one.",
    "until": "Start of the time it ended, if it lasted (local time with offset).",
    "until_precision": "Precision of until.",
    "until_span": "Units of until_precision that until covers, when more than one.",
    "until_tz": "IANA time zone of until, when it is not tz.",
    "earliest": "Earliest instant it can have happened, UTC (inclusive).",
    "latest": "Instant by which it was over, UTC (exclusive).",
    "place": "Name of the place.",
    "country": "ISO 3166-1 alpha-2 country code.",
    "admin1": "Province or state.",
    "admin2": "District.",
    "admin3": "Sub-district.",
    "geo_precision": "How precisely the place is known: exact, near, admin3, ... country.",
    "actors": "Names of the participants, '; '-separated, in order.",
    "killed": "Best estimate of people killed, all sides.",
    "injured": "Best estimate of people injured, all sides.",
}


def _utc(instant: datetime) -> str:
    return instant.isoformat().replace("+00:00", "Z")


def to_feature(incident: Incident) -> dict[str, Any] | None:
    """The Feature of one incident, or None when it has no point."""
    point = incident.where.point
    if point is None:
        return None
    when, until, where = incident.when, incident.until, incident.where
    names = {actor.id: actor.name for actor in incident.actors}
    actors = "; ".join(dict.fromkeys(names[p.actor] for p in incident.participants))
    values: dict[str, Any] = {
        "id": incident.id,
        "type": incident.type.value,
        "category": incident.type.category.value,
        "status": incident.status.value,
        "when": when.at.isoformat(),
        "tz": when.tz,
        "time_precision": when.precision.value,
        "time_span": when.span if when.span != 1 else None,
        "until": until.at.isoformat() if until else None,
        "until_precision": until.precision.value if until else None,
        "until_span": until.span if until and until.span != 1 else None,
        "until_tz": until.tz if until and until.tz != when.tz else None,
        "earliest": _utc(when.earliest),
        "latest": _utc((until or when).latest),
        "place": where.name,
        "country": where.country,
        "admin1": where.admin1.name if where.admin1 else None,
        "admin2": where.admin2.name if where.admin2 else None,
        "admin3": where.admin3.name if where.admin3 else None,
        "geo_precision": where.precision.value,
        "actors": actors or None,
        "killed": total_killed(incident),
        "injured": total_injured(incident),
    }
    properties = {key: values[key] for key in PROPERTIES if values[key] is not None}
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
        "properties": properties,
    }


def _features(
    incidents: Iterable[Incident], losses: list[Problem] | LossSink
) -> Iterator[dict[str, Any]]:
    """The Feature of each incident that has a point. Incidents without one, and
    every field a Feature does not carry back (found by reading it back), are
    added to ``losses`` with the incident's index (``$[3].where.point``); at the
    end, one more loss counts the incidents left off."""
    total = missing = 0
    for index, incident in enumerate(incidents):
        if not isinstance(incident, Incident):
            raise TypeError(f"expected Incident records, got {type(incident).__name__}")
        total += 1
        feature = to_feature(incident)
        if feature is None:
            missing += 1
            losses.append(Problem(f"$[{index}].where.point", f"{incident.id}: no point to map"))
            continue
        found: list[Problem] = []
        try:
            back = _from_feature(feature)
        except ValidationError as exc:
            found.append(Problem("$", f"does not read back: {exc}"))
        else:
            found.extend(unreported_losses(incident, back, [], "GeoJSON"))
        losses.extend(Problem(f"$[{index}]" + p.path[1:], p.message) for p in found)
        yield feature
    if missing:
        losses.append(
            Problem("$", f"{missing} of {total} incident(s) have no point to map; not written")
        )


def to_feature_collection(
    incidents: Iterable[Incident], *, lossy: Lossy = "warn"
) -> dict[str, Any]:
    """A FeatureCollection of the incidents that have a point, held in memory (see
    :func:`write_feature_collection` to stream one to a file).

    Reported as ``lossy`` asks: each incident without a point (``$[3].where.point``
    for the fourth), how many there were, and each field a Feature does not carry
    back (``$[0].actors``)."""
    check_lossy(lossy)
    losses: list[Problem] = []
    features = list(_features(incidents, losses))
    settle_losses(losses, lossy, "GeoJSON")
    return {"type": "FeatureCollection", "features": features}


def write_feature_collection(
    incidents: Iterable[Incident],
    file: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    lossy: Lossy = "warn",
) -> int:
    """Write a FeatureCollection to ``file`` one Feature at a time (memory stays
    flat however many incidents there are); returns how many Features were
    written. Losses are reported as for :func:`to_feature_collection`, including
    how many incidents had no point. A path is written atomically.

    Given a list (``lossy=[]``), each loss is appended to it as it is found, so a
    caller that consumes them as they come (the command line) holds none. The other
    choices hold no more than they show: ``"warn"`` the first 20 (and a count),
    ``"ignore"`` none, and ``"raise"`` stops at the first incident that loses
    anything (a path is then not written)."""
    losses = LossSink(lossy)  # flat memory however many losses (see LossSink)
    if isinstance(file, (str, os.PathLike)):
        with atomic_path(file) as handle:
            count = _stream(_features(incidents, losses), handle)
    elif not hasattr(file, "write"):
        raise TypeError(f"expected a path or a file, got {type(file).__name__}")
    elif isinstance(file, io.TextIOBase) or "b" not in getattr(file, "mode", "b"):
        count = _stream(_features(incidents, losses), file)  # type: ignore[arg-type]
    else:
        wrapper = io.TextIOWrapper(file, encoding="utf-8", write_through=True)  # type: ignore[type-var]
        try:
            count = _stream(_features(incidents, losses), wrapper)
        finally:
            wrapper.detach()
    losses.settle("GeoJSON")
    return count


def _stream(features: Iterator[dict[str, Any]], handle: IO[str]) -> int:
    handle.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for feature in features:
        handle.write(",\n" if count else "\n")
        handle.write(json.dumps(feature, ensure_ascii=False, allow_nan=False))
        count += 1
    handle.write("\n]}\n")
    return count


def from_feature_collection(data: Mapping[str, Any]) -> list[Incident]:
    """Incidents from a FeatureCollection written by :func:`to_feature_collection`.

    Raises :class:`~incidentkit.ValidationError` listing every problem, with paths
    into the collection (``$.features[2].properties.when``).
    """
    # callers without type checking may pass any JSON value
    if not isinstance(data, Mapping) or data.get("type") != "FeatureCollection":  # type: ignore[redundant-expr]
        raise ValidationError("expected a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise ValidationError("expected an array", "$.features")
    incidents: list[Incident] = []
    problems: list[Problem] = []
    for index, feature in enumerate(features):
        path = f"$.features[{index}]"
        try:
            incidents.append(_from_feature(feature))
        except ValidationError as exc:
            problems.extend(p.under(path) for p in exc.errors)
    if problems:
        raise ValidationError(problems)
    return incidents


def _from_feature(feature: Any) -> Incident:
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        raise ValidationError("expected a GeoJSON Feature")
    geometry = feature.get("geometry")
    coordinates = geometry.get("coordinates") if isinstance(geometry, Mapping) else None
    if (
        not isinstance(geometry, Mapping)
        or geometry.get("type") != "Point"
        or not isinstance(coordinates, list)
        or len(coordinates) not in (2, 3)
    ):
        raise ValidationError("expected a Point geometry", "$.geometry")
    props = feature.get("properties")
    if not isinstance(props, Mapping):
        raise ValidationError(f"expected an object, got {json_type_name(props)}", "$.properties")
    where = {
        "precision": props.get("geo_precision"),
        "name": props.get("place"),
        "country": props.get("country"),
        "admin1": _area(props.get("admin1")),
        "admin2": _area(props.get("admin2")),
        "admin3": _area(props.get("admin3")),
        "point": {"lat": coordinates[1], "lon": coordinates[0]},
    }
    wire = {
        "id": props.get("id", feature.get("id")),
        "type": props.get("type"),
        "status": props.get("status", "reported"),
        "when": _time(props, "when", "time"),
        "until": _time(props, "until", "until"),
        "where": {k: v for k, v in where.items() if v is not None},
    }
    try:
        return from_dict({k: v for k, v in wire.items() if v is not None}, Incident)
    except ValidationError as exc:
        raise ValidationError(_to_property(p) for p in exc.errors) from None


_PROPERTY_OF = {
    "$.when.span": "time_span",
    "$.until.span": "until_span",
    "$.when": "when",
    "$.until": "until",
    "$.where.precision": "geo_precision",
    "$.where.name": "place",
    "$.where.country": "country",
    "$.where.admin1": "admin1",
    "$.where.admin2": "admin2",
    "$.where.admin3": "admin3",
    "$.where.point": "geometry",
    "$.where": "geo_precision",
    "$.type": "type",
    "$.status": "status",
    "$.id": "id",
}


def _to_property(problem: Problem) -> Problem:
    """A problem of the rebuilt incident, as a path into the Feature."""
    for prefix, name in _PROPERTY_OF.items():
        if problem.path == prefix or problem.path.startswith(prefix + "."):
            if name == "geometry":
                return Problem("$.geometry.coordinates", problem.message)
            return Problem(join_path("$.properties", name), problem.message)
    return Problem("$.properties", f"{problem.path[2:]}: {problem.message}")


def _area(name: Any) -> dict[str, Any] | None:
    return None if name is None else {"name": name}


def _time(props: Mapping[str, Any], key: str, prefix: str) -> dict[str, Any] | None:
    at = props.get(key)
    if at is None:
        return None
    wire: dict[str, Any] = {
        "at": at,
        "tz": props.get("until_tz", props.get("tz")) if key == "until" else props.get("tz"),
        "precision": props.get(f"{prefix}_precision"),
    }
    if f"{prefix}_span" in props:
        wire["span"] = props[f"{prefix}_span"]
    if wire["precision"] == TimePrecision.PART_OF_DAY.value and isinstance(at, str):
        hour = at[11:13]
        for part, (start, _) in PART_OF_DAY_WINDOWS.items():
            if hour == f"{start:02d}":
                wire["part_of_day"] = part.value
    if key == "when" and isinstance(props.get("earliest"), str) and isinstance(at, str):
        margin = _margin(wire, props["earliest"])
        if margin:
            wire["margin_seconds"] = margin
    return wire


def _margin(wire: dict[str, Any], earliest: str) -> int | None:
    """Seconds between the start of the stated period and ``earliest``."""
    try:
        time = from_dict(wire, Time)
        bound = datetime.fromisoformat(earliest.replace("Z", "+00:00"))
    except (ValidationError, ValueError):
        return None  # the full rebuild reports the problem
    if bound.utcoffset() is None:
        return None
    seconds = int((time.start - bound).total_seconds())
    return seconds if seconds > 0 else None
