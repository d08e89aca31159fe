"""UCDP GED rows in and out: the columns of the Georeferenced Event Dataset as
incidents.

The tables below are the one source of truth for both directions; reading uses
their inverses. ``docs/ucdp.md`` renders them and lists what is lost when an
incident holds more than a GED row can.

Round trips are exact, by the same means as for ACLED: columns whose text differs
from incidentkit's canonical form keep their original text in
``extensions["ucdp"]["verbatim"]`` (written back while the record still says the
same thing), and columns the model has no field for (UCDP's ids, conflict and
dyad names, source citations, ``region``, ...) are kept as text in
``extensions["ucdp"]``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, Any, Literal

import attrs

from .._record import RecordStatus, part_at
from ..actors import Actor, ActorKind, Group, Organization
from ..codec import DEFAULT_MAX_BYTES
from ..errors import Problem
from ..evidence import Source
from ..incident import Incident, IncidentType, Participant
from ..location import UCDP_WHERE_PREC, AdminArea, GeoPrecision, Location, Point
from ..quantity import Casualties, Count, CountQualifier, Tally
from ..reconcile import alternatives
from ..time import Time
from . import _countries
from ._common import (
    KILLED_ALL_SIDES,
    KILLED_SIDE_UNKNOWN,
    NAME_MAX_LENGTH,
    READ_ROLES,
    SIDE_OF_ROLE,
    Ids,
    ImportedValueWarning,
    ImportReader,
    JsonImport,
    Lossy,
    Row,
    apply_verbatim,
    check_lossy,
    check_zone,
    day_time,
    emit_notices,
    ext_text,
    find_tally,
    fit_name,
    fmt_number,
    keep_verbatim,
    kept_columns,
    killed_paths,
    killed_tally,
    last_local_date,
    layout_entry,
    local_date,
    note_alternatives,
    read_back_losses,
    settle_losses,
    split_list,
    write_csv_file,
    write_extra,
)
from ._csv import Source as CsvSource

__all__ = [
    "COLUMNS",
    "DATE_FORMATS",
    "DATE_PREC",
    "DATE_PREC_MEANING",
    "DERIVED",
    "NAMESPACE",
    "NAME_MAX_LENGTH",
    "OWN_COLUMNS",
    "SOURCE_SEPARATOR",
    "TYPE_OF_VIOLENCE",
    "VINTAGES",
    "WHERE_PREC",
    "WHERE_PREC_MEANING",
    "WHERE_PREC_WITHOUT_COUNTERPART",
    "ViolenceType",
    "from_ucdp",
    "read_ucdp_csv",
    "read_ucdp_json",
    "to_ucdp",
    "write_ucdp_csv",
]

#: The columns of UCDP GED's CSV, in its order.
COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "side_a",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)

#: Column layouts of GED files, detected from the header (see docs/ucdp.md).
#: ``standard`` is :data:`COLUMNS`; ``ged231`` is GED 23.1's CSV (49 columns: the
#: ``*_dset_id`` ids next to the new ones). A file with any other header (GED
#: 19.1 to 22.1 and later versions included) is read too, missing columns as
#: empty, and written back with its own header.
VINTAGES: dict[str, tuple[str, ...]] = {
    "standard": COLUMNS,
    "ged231": (
        "id",
        "relid",
        "year",
        "active_year",
        "code_status",
        "type_of_violence",
        "conflict_dset_id",
        "conflict_new_id",
        "conflict_name",
        "dyad_dset_id",
        "dyad_new_id",
        "dyad_name",
        "side_a_dset_id",
        "side_a_new_id",
        "side_a",
        "side_b_dset_id",
        "side_b_new_id",
        "side_b",
        "number_of_sources",
        "source_article",
        "source_office",
        "source_date",
        "source_headline",
        "source_original",
        "where_prec",
        "where_coordinates",
        "where_description",
        "adm_1",
        "adm_2",
        "latitude",
        "longitude",
        "geom_wkt",
        "priogrid_gid",
        "country",
        "country_id",
        "region",
        "event_clarity",
        "date_prec",
        "date_start",
        "date_end",
        "deaths_a",
        "deaths_b",
        "deaths_civilians",
        "deaths_unknown",
        "best",
        "high",
        "low",
        "gwnoa",
        "gwnob",
    ),
}

#: Columns computed from others: a file without them loses nothing.
DERIVED: tuple[str, ...] = ("year", "dyad_name", "geom_wkt", "priogrid_gid")

#: How GED writes a date: a date, or (UCDP's own downloads and API) a date-time at
#: midnight such as ``2017-07-31 00:00:00.000``; the original text is kept.
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
)

#: Key of UCDP's data in ``Incident.extensions``.
NAMESPACE = "ucdp"

#: Columns kept as text in ``extensions["ucdp"]``: incidentkit has no field for them.
OWN_COLUMNS: tuple[str, ...] = (
    "relid",
    "active_year",
    "code_status",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "side_a_new_id",
    "side_b_new_id",
    "number_of_sources",
    "source_article",
    "source_original",
    "where_description",
    "region",
    "event_clarity",
)


@attrs.frozen
class ViolenceType:
    """What a ``type_of_violence`` code stands for: its name, the incident type it
    reads as, and the actor kinds its sides read as (None: not said)."""

    label: str
    type: IncidentType
    side_a: ActorKind | None
    side_b: ActorKind | None


#: ``type_of_violence`` -> what it reads as. Writing picks the first code whose
#: incident type and side kinds the incident has (a state-based conflict needs state
#: forces on side a); other incidents are written as the closest code, as a loss.
TYPE_OF_VIOLENCE: dict[int, ViolenceType] = {
    1: ViolenceType(
        "state-based conflict", IncidentType.ARMED_CLASH, ActorKind.STATE_FORCES, None
    ),
    2: ViolenceType("non-state conflict", IncidentType.ARMED_CLASH, None, None),
    3: ViolenceType("one-sided violence", IncidentType.ATTACK, None, ActorKind.CIVILIANS),
}

#: ``date_prec`` -> the longest span of days (from ``date_start`` to ``date_end``,
#: both counted) written with that code. The GED codebook (19.1): ``date_start`` is
#: "the earliest possible date" and ``date_end`` "the latest possible date" of the
#: event; ``date_prec`` says how precisely it is known: 1 "exact date", 2 "within
#: a 2-6 day period", 3 "only the week", 4 "only the month", 5 "only the year" (or
#: a longer period). The dates themselves are the bounds, so reading takes them as
#: they are: one day; the calendar month or year when the dates are exactly one;
#: otherwise the span of days between them (``Time.span``), never widened. The
#: code written is the first whose span holds the record's; a code GED wrote
#: differently is kept verbatim.
DATE_PREC: dict[int, int] = {1: 1, 2: 6, 3: 7, 4: 31, 5: 366}
#: What each ``date_prec`` code means, in the codebook's words.
DATE_PREC_MEANING: dict[int, str] = {
    1: "exact date",
    2: "within a 2-6 day period",
    3: "only the week",
    4: "only the month",
    5: "only the year (or a longer period)",
}

#: incidentkit precision -> ``where_prec`` (``incidentkit.UCDP_WHERE_PREC``). Reading
#: picks the finest precision mapping to the code that the row names; 5 and 7 have
#: no counterpart and read as below.
WHERE_PREC: dict[GeoPrecision, int] = UCDP_WHERE_PREC
#: How the codes without a counterpart read, finest first (the first whose area the
#: row names). 5 is "a linear feature (road, river, border) or an area larger than
#: 25 km": not a point with its surroundings, so the province at best; 7 is
#: "international waters or airspace": only the country in conflict is known.
WHERE_PREC_WITHOUT_COUNTERPART: dict[int, tuple[GeoPrecision, ...]] = {
    5: (GeoPrecision.ADMIN1, GeoPrecision.COUNTRY),
    7: (GeoPrecision.COUNTRY,),
}
#: What each ``where_prec`` code means, in the GED codebook's words.
WHERE_PREC_MEANING: dict[int, str] = {
    1: "the exact location",
    2: "within a 25 km radius of a known point",
    3: "only the second-order administrative division (district, municipality)",
    4: "only the first-order administrative division (province, region)",
    5: "a linear feature (road, river, border) or an area larger than 25 km",
    6: "only the country",
    7: "international waters or airspace",
}

#: What separates the items of ``source_office``, ``source_date`` and
#: ``source_headline`` (codebook: a semicolon, no space).
SOURCE_SEPARATOR = ";"

_SIDES = {1: ("side_a", "gwnoa", "deaths_a"), 2: ("side_b", "gwnob", "deaths_b")}
_GROUP_KINDS = frozenset({ActorKind.CIVILIANS})
_MAX = 2**53 - 1


# ---------------------------------------------------------------- reading


def from_ucdp(row: Mapping[str, str], *, tz: str = "UTC") -> Incident:
    """An incident from one UCDP GED row (column name -> text).

    GED dates carry no zone: they are read as local dates in ``tz`` (UTC by
    default). Raises :class:`~incidentkit.ValidationError` naming every bad column.
    A row that breaks a rule of hand coding (``low`` above ``best``, a side name
    over the length limit) is read with an
    :class:`~incidentkit.interop.ImportedValueWarning`; see docs/ucdp.md.
    """
    check_zone(tz)
    incident, notices = _from_row(row, tz, {})
    emit_notices(notices)
    return incident


def _from_row(
    row: Mapping[str, str], tz: str, layout: Mapping[str, Any]
) -> tuple[Incident, list[ImportedValueWarning]]:
    r = Row(row)
    event_id = r.text("id").strip()
    if not event_id:
        r.fail("id", "required")
    code = r.integer("type_of_violence")
    violence = TYPE_OF_VIOLENCE.get(code) if code is not None else None
    if violence is None:
        r.fail("type_of_violence", f"expected one of {sorted(TYPE_OF_VIOLENCE)}")
    when, until = _read_time(r, tz)
    actors, participants, side_ids = _read_sides(r, violence)
    where = _read_location(r)
    sources = _read_sources(r, tz)
    casualties, tallies = _read_deaths(r, side_ids)
    r.check()
    assert violence is not None
    assert when is not None
    assert where is not None
    own = {**kept_columns(r, OWN_COLUMNS, COLUMNS), **layout}
    incident = r.part(
        "id",
        lambda: Incident(
            id=event_id,
            type=violence.type,
            when=when,
            until=until,
            where=where,
            participants=participants,
            casualties=casualties,
            tallies=tallies,
            actors=actors,
            sources=sources,
            extensions={NAMESPACE: own} if own else {},
        ),
    )
    r.check()
    assert incident is not None
    return keep_verbatim(incident, row, COLUMNS, _render, NAMESPACE), r.notices


def _read_time(r: Row, tz: str) -> tuple[Time | None, Time | None]:
    start, end = r.date("date_start", DATE_FORMATS), r.date("date_end", DATE_FORMATS)
    code = r.integer("date_prec")
    for column, value in (("date_start", start), ("date_end", end), ("date_prec", code)):
        if value is None and not r.text(column).strip():
            r.fail(column, "required")
    if code is not None and code not in DATE_PREC:
        r.fail("date_prec", f"{code} is not one of {sorted(DATE_PREC)}")
        return None, None
    if start is None or end is None or code is None:
        return None, None
    if end < start:
        r.fail("date_end", "is before date_start")
        return None, None
    when = r.part("date_start", lambda: _time(start, end, tz))
    return when, None


def _time(start: date, end: date, tz: str) -> Time:
    """The time between the earliest and the latest possible date, both included."""
    if (start.month, start.day) == (1, 1):
        year = Time.local(start.year, tz=tz)
        if last_local_date(year) == end:
            return year
    if start.day == 1:
        month = Time.local(start.year, start.month, tz=tz)
        if last_local_date(month) == end:
            return month
    return Time.local(start.year, start.month, start.day, tz=tz, span=(end - start).days + 1)


def _read_sides(
    r: Row, violence: ViolenceType | None
) -> tuple[tuple[Actor, ...], tuple[Participant, ...], dict[int, str]]:
    ids = Ids("side")
    actors: list[Actor] = []
    participants: list[Participant] = []
    side_ids: dict[int, str] = {}
    for side, (column, gw_column, _) in _SIDES.items():
        name = r.text(column).strip()
        if not name:
            r.fail(column, "required")
            continue
        name = fit_name(r, column, name)
        kind = None
        if violence is not None:
            kind = violence.side_a if side == 1 else violence.side_b
        gw = r.text(gw_column).strip()
        country = _countries.ALPHA2_BY_GW.get(int(gw)) if gw.isdigit() else None
        actor_id = next((a.id for a in actors if a.name == name and a.kind is kind), None)
        if actor_id is None:
            actor_id = ids.make(name)
            fields = {"id": actor_id, "name": name, "kind": kind, "country": country}
            actor: Actor | None
            if kind in _GROUP_KINDS:
                actor = r.part(column, Group, **fields)
            else:
                actor = r.part(column, Organization, **fields)
            if actor is None:
                continue
            actors.append(actor)
        side_ids[side] = actor_id
        participants.append(Participant(actor=actor_id, role=READ_ROLES[side]))
    return tuple(actors), tuple(participants), side_ids


def _read_location(r: Row) -> Location | None:
    gw = r.integer("country_id", lo=0)
    country = _countries.ALPHA2_BY_GW.get(gw) if gw is not None else None
    if country is None:
        country = _countries.ALPHA2_BY_NAME.get(r.text("country").strip().casefold())
    areas: dict[str, AdminArea | None] = {}
    for level, column in (("admin1", "adm_1"), ("admin2", "adm_2")):
        name = r.text(column).strip()
        areas[level] = r.part(column, AdminArea, name=name) if name else None
    lat = r.number("latitude", lo=-90, hi=90)
    lon = r.number("longitude", lo=-180, hi=180)
    point = Point(lat=lat, lon=lon) if lat is not None and lon is not None else None
    if point is None and (r.text("latitude").strip() or r.text("longitude").strip()):
        for column in ("latitude", "longitude"):
            if not r.text(column).strip():
                r.fail(column, "required with the other coordinate")
        return None  # the bad coordinate is reported; the precision cannot be judged
    code = r.integer("where_prec")
    if code is None:
        if not r.text("where_prec").strip():
            r.fail("where_prec", "required")
        return None
    named = {
        GeoPrecision.EXACT: point,
        GeoPrecision.NEAR: point,
        GeoPrecision.ADMIN3: None,
        GeoPrecision.ADMIN2: areas["admin2"],
        GeoPrecision.ADMIN1: areas["admin1"],
        GeoPrecision.COUNTRY: country,
    }
    precision = _read_precision(code, named)
    if precision is None:
        if code in WHERE_PREC.values() or code in WHERE_PREC_WITHOUT_COUNTERPART:
            r.fail("where_prec", f"{code} needs a point or the area it names")
        else:
            r.fail("where_prec", f"{code} is not one of 1-7")
        return None
    name = r.text("where_coordinates").strip()
    return r.part(
        "where_coordinates",
        lambda: Location(
            name=name or None,
            country=country,
            admin1=areas["admin1"],
            admin2=areas["admin2"],
            point=point,
            precision=precision,
        ),
    )


def _read_precision(code: int, named: Mapping[GeoPrecision, object]) -> GeoPrecision | None:
    candidates = [p for p, c in WHERE_PREC.items() if c == code]
    candidates.extend(WHERE_PREC_WITHOUT_COUNTERPART.get(code, ()))
    return next((p for p in candidates if named[p] is not None), None)


def _read_sources(r: Row, tz: str) -> tuple[Source, ...]:
    offices = split_list(r.text("source_office"))
    headlines = split_list(r.text("source_headline"))
    dates = split_list(r.text("source_date"))
    ids = Ids("source")
    sources: list[Source] = []
    for i, office in enumerate(offices):
        extra: dict[str, Any] = {}
        if len(headlines) == len(offices):
            extra["title"] = headlines[i]
        if len(dates) == len(offices):
            day = Row({"source_date": dates[i]}).date("source_date")
            if day is not None:
                extra["published"] = day_time(day, tz)
        source = r.part("source_office", Source, id=ids.make(office), publisher=office, **extra)
        if source is not None:
            sources.append(source)
    return tuple(sources)


def _read_deaths(
    r: Row, side_ids: Mapping[int, str]
) -> tuple[tuple[Casualties, ...], tuple[Tally, ...]]:
    casualties: list[Casualties] = []
    for side, (_, _, column) in _SIDES.items():
        n = r.integer(column, lo=0, hi=_MAX)
        if n and side in side_ids:
            casualties.append(Casualties(actor=side_ids[side], killed=Count(best=n)))
    civilians = r.integer("deaths_civilians", lo=0, hi=_MAX)
    if civilians:
        casualties.append(Casualties(civilians=True, killed=Count(best=civilians)))
    tallies: list[Tally] = []
    unknown = r.integer("deaths_unknown", lo=0, hi=_MAX)
    if unknown:
        tallies.append(killed_tally(KILLED_SIDE_UNKNOWN, unknown))
    best = r.integer("best", lo=0, hi=_MAX)
    low = r.integer("low", lo=0, hi=_MAX)
    high = r.integer("high", lo=0, hi=_MAX)
    for column, value in (("best", best), ("low", low), ("high", high)):
        if value is None and not r.text(column).strip():
            r.fail(column, "required")
    broken = False
    if best is not None and low is not None and low > best:
        r.notice(
            "low",
            "low_above_best",
            f"low ({low}) is above best ({best}), which breaks the rule low <= best <= high; "
            "the record leaves low out, the published value is kept verbatim and written back",
        )
        low, broken = None, True
    if best is not None and high is not None and high < best:
        r.notice(
            "high",
            "high_below_best",
            f"high ({high}) is below best ({best}), which breaks the rule low <= best <= high; "
            "the record leaves high out, the published value is kept verbatim and written back",
        )
        high, broken = None, True
    if best is not None and broken:
        # the bound that breaks the rule is left out, not replaced by best
        count = Count(best=best, qualifier=CountQualifier.ABOUT, low=low, high=high)
        tallies.append(Tally(subject=KILLED_ALL_SIDES, count=count))
    elif best is not None and (best or low or high):
        tally = r.part("best", lambda: killed_tally(KILLED_ALL_SIDES, best, low, high))
        if tally is not None:
            tallies.append(tally)
    return tuple(casualties), tuple(tallies)


# ---------------------------------------------------------------- writing


def to_ucdp(incident: Incident, *, lossy: Lossy = "warn") -> dict[str, str]:
    """The UCDP GED row of an incident (column name -> text, in GED's order).

    What GED cannot hold is reported as ``lossy`` asks; see
    :func:`incidentkit.interop.acled.to_acled`.
    """
    check_lossy(lossy)
    if not isinstance(incident, Incident):
        raise TypeError(f"expected an Incident, got {type(incident).__name__}")
    losses: list[Problem] = []
    columns = _row_of(incident, losses)
    losses.extend(read_back_losses(incident, columns, _read_back, NAMESPACE, "UCDP GED", losses))
    settle_losses(losses, lossy, "UCDP GED")
    return columns


def _row_of(incident: Incident, losses: list[Problem]) -> dict[str, str]:
    columns = _render(incident, losses)
    apply_verbatim(columns, incident, NAMESPACE)
    write_extra(columns, incident, NAMESPACE)
    return columns


def _read_back(row: dict[str, str], tz: str, layout: dict[str, Any]) -> Incident:
    return _from_row(row, tz, layout)[0]


def _render(incident: Incident, losses: list[Problem] | None = None) -> dict[str, str]:
    lost: list[Problem] = [] if losses is None else losses

    def loss(path: str, message: str) -> None:
        lost.append(Problem(path, message))

    sides = _sides(incident, loss)
    code = _violence_code(incident, sides, loss)
    start, end, date_prec = _write_time(incident, loss)
    columns = {
        "id": incident.id,
        "year": start[:4],
        "type_of_violence": str(code),
        "date_prec": date_prec,
        "date_start": start,
        "date_end": end,
        **_write_sides(sides),
        **_write_location(incident.where, loss),
        **_write_sources(incident, loss),
        **_write_deaths(incident, sides, loss),
    }
    for column in OWN_COLUMNS:
        columns[column] = ext_text(incident, NAMESPACE, column)
    if not incident.id.isdigit():
        loss("$.id", "GED ids are integers; written as it is")
    if incident.status is not RecordStatus.REPORTED:
        loss("$.status", f"GED has no record status; {incident.status.value!r} dropped")
    for key in sorted(incident.extensions):
        if key != NAMESPACE:
            loss(f'$.extensions["{key}"]', "another partner's data; dropped")
    return {column: columns[column] for column in COLUMNS}


def _sides(incident: Incident, loss: Any) -> dict[int, list[Actor]]:
    by_id = {actor.id: actor for actor in incident.actors}
    sides: dict[int, list[Actor]] = {1: [], 2: []}
    for i, participant in enumerate(incident.participants):
        side = SIDE_OF_ROLE.get(participant.role)
        path = f"$.participants[{i}]"
        if side is None:
            loss(path, f"role {participant.role.value!r} has no GED side; dropped")
            continue
        if READ_ROLES[side] is not participant.role:
            loss(
                f"{path}.role",
                f"written to side {'ab'[side - 1]}; reads back as {READ_ROLES[side].value!r}",
            )
        actor = by_id[participant.actor]
        if actor in sides[side]:
            continue
        if sides[side]:
            loss(path, f"GED has one actor per side; {actor.name!r} dropped")
            continue
        sides[side].append(actor)
    for i, actor in enumerate(incident.actors):
        if not any(actor in side for side in sides.values()):
            loss(f"$.actors[{i}]", "not on a GED side; dropped")
    return sides


def _violence_code(incident: Incident, sides: Mapping[int, list[Actor]], loss: Any) -> int:
    kinds = {side: {a.kind for a in actors} for side, actors in sides.items()}
    for code, violence in TYPE_OF_VIOLENCE.items():
        if incident.type is not violence.type:
            continue
        if violence.side_a is not None and violence.side_a not in kinds[1]:
            continue
        if violence.side_b is not None and violence.side_b not in kinds[2]:
            continue
        _check_kinds(incident, sides, violence, loss)
        return code
    civilians = ActorKind.CIVILIANS in kinds[2]
    state = ActorKind.STATE_FORCES in kinds[1] | kinds[2]
    code = 3 if civilians else 1 if state else 2
    loss(
        "$.type",
        f"{incident.type.value!r} is not a GED type of violence; written as {code} "
        f"({TYPE_OF_VIOLENCE[code].label}), which reads back as "
        f"{TYPE_OF_VIOLENCE[code].type.value!r}",
    )
    return code


def _check_kinds(
    incident: Incident, sides: Mapping[int, list[Actor]], violence: ViolenceType, loss: Any
) -> None:
    for side, expected in ((1, violence.side_a), (2, violence.side_b)):
        for actor in sides[side]:
            cls = Group if expected in _GROUP_KINDS else Organization
            index = incident.actors.index(actor)
            if actor.kind is not expected:
                loss(f"$.actors[{index}].kind", "GED gives actors no type; dropped")
            if type(actor) is not cls:
                loss(f"$.actors[{index}].type", f"reads back as {cls.__name__.lower()}")


def _write_sides(sides: Mapping[int, list[Actor]]) -> dict[str, str]:
    names = {side: actors[0].name if actors else "" for side, actors in sides.items()}
    columns = {"dyad_name": f"{names[1]} - {names[2]}" if names[1] and names[2] else ""}
    for side, (column, gw_column, _) in _SIDES.items():
        actor = sides[side][0] if sides[side] else None
        columns[column] = names[side]
        gw = _countries.GW.get(actor.country) if actor and actor.country else None
        columns[gw_column] = "" if gw is None else str(gw)
    return columns


def _write_time(incident: Incident, loss: Any) -> tuple[str, str, str]:
    when, until = incident.when, incident.until
    last = until if until is not None else when
    start, end = local_date(when), last_local_date(last)
    days = (end - start).days + 1
    code = next((c for c, most in DATE_PREC.items() if days <= most), max(DATE_PREC))
    if until is not None:
        loss(
            "$.until",
            f"GED gives the earliest and latest possible dates; written as {start} to {end}",
        )
    elif _time(start, end, when.tz) != when:
        loss("$.when", f"written as the days {start} to {end}, which read back differently")
    return start.isoformat(), end.isoformat(), str(code)


def _write_location(where: Location, loss: Any) -> dict[str, str]:
    point, country = where.point, where.country
    if point is None:
        loss("$.where.point", "GED needs coordinates; none given")
    named = {
        GeoPrecision.EXACT: point,
        GeoPrecision.NEAR: point,
        GeoPrecision.ADMIN3: None,
        GeoPrecision.ADMIN2: where.admin2,
        GeoPrecision.ADMIN1: where.admin1,
        GeoPrecision.COUNTRY: country,
    }
    code = WHERE_PREC[where.precision]
    back = _read_precision(code, named)
    if back is not where.precision:
        again = "is lost" if back is None else f"reads back as {back.value!r}"
        loss("$.where.precision", f"{where.precision.value!r} {again}")
    gw = _countries.GW.get(country) if country else None
    if country is not None and gw is None:
        loss("$.where.country", f"{country} has no Gleditsch-Ward number; country_id left empty")
    return {
        "where_prec": str(code),
        "where_coordinates": where.name or "",
        "adm_1": where.admin1.name if where.admin1 else "",
        "adm_2": where.admin2.name if where.admin2 else "",
        "latitude": fmt_number(point.lat) if point else "",
        "longitude": fmt_number(point.lon) if point else "",
        "geom_wkt": f"POINT ({fmt_number(point.lon)} {fmt_number(point.lat)})" if point else "",
        "priogrid_gid": str(priogrid_gid(point.lat, point.lon)) if point else "",
        "country": _countries.NAME.get(country, "") if country else "",
        "country_id": "" if gw is None else str(gw),
    }


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (half a degree square, numbered row by row from the south
    west corner) that a point falls in."""
    row = min(math.floor((lat + 90) * 2), 359)
    col = min(math.floor((lon + 180) * 2), 719)
    return row * 720 + col + 1


def _write_sources(incident: Incident, loss: Any) -> dict[str, str]:
    sources = incident.sources
    titles = [s.title for s in sources]
    dates = [local_date(s.published).isoformat() if s.published else None for s in sources]
    for i, source in enumerate(sources):
        published = source.published
        if published is not None and published != day_time(local_date(published), published.tz):
            loss(f"$.sources[{i}].published", "written as its date only")
    if any(t is None for t in titles) and any(t is not None for t in titles):
        loss("$.sources", "GED pairs headlines with sources only when every source has one")
    if any(d is None for d in dates) and any(d is not None for d in dates):
        loss("$.sources", "GED pairs dates with sources only when every source has one")
    for i, source in enumerate(sources):
        if ";" in source.publisher or ";" in (source.title or ""):
            loss(f"$.sources[{i}]", "contains ';', which GED uses to separate sources")
    join = SOURCE_SEPARATOR.join
    return {
        "source_office": join(s.publisher for s in sources),
        "source_headline": join(t for t in titles if t) if all(titles) else "",
        "source_date": join(d for d in dates if d) if all(dates) else "",
    }


def _write_deaths(
    incident: Incident, sides: Mapping[int, list[Actor]], loss: Any
) -> dict[str, str]:
    side_of = {actor.id: side for side, actors in sides.items() for actor in actors}
    deaths = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0}
    for i, casualties in enumerate(incident.casualties):
        path = f"$.casualties[{i}]"
        killed = casualties.killed
        if killed is None:
            continue
        if killed.qualifier is not CountQualifier.EXACT or killed.low is not None:
            loss(f"{path}.killed", f"{killed}: best estimate written, the rest dropped")
        figure = killed.figure or 0
        if casualties.civilians:
            deaths["deaths_civilians"] += figure
        elif casualties.actor in side_of:
            deaths[_SIDES[side_of[casualties.actor]][2]] += figure
        else:
            loss(f"{path}.killed", "not a GED side's; dropped")
    unknown = find_tally(incident, KILLED_SIDE_UNKNOWN)
    total = find_tally(incident, KILLED_ALL_SIDES)
    if unknown is not None and (
        unknown.count.qualifier is not CountQualifier.EXACT or unknown.count.low is not None
    ):
        loss("$.tallies", f"deaths of unknown side {unknown.count}: best estimate written")
    columns = {k: str(v) for k, v in deaths.items()}
    unknown_figure = (unknown.count.figure or 0) if unknown else 0
    columns["deaths_unknown"] = str(unknown_figure)
    if total is not None:
        count = total.count
        best = count.figure or 0
        low = count.low if count.low is not None else best
        high = count.high if count.high is not None else best
        if count.qualifier not in (CountQualifier.EXACT, CountQualifier.ABOUT):
            loss("$.tallies", f"deaths on all sides {count}: the qualifier is dropped")
    else:
        best = low = high = sum(deaths.values()) + unknown_figure
    # Claimants' figures for the same deaths are alternatives: UCDP's convention
    # keeps the record's figure as best and widens low and high to span them
    # (figures of different sides are added; alternatives never are).
    for target in killed_paths(incident):
        own = part_at(incident, target)
        if target.startswith("$.casualties"):
            entry = incident.casualties[int(target.split("[")[1].split("]")[0])]
            if not entry.civilians and entry.actor not in side_of:
                continue  # not a GED side's; dropped above
        if not any(a.claim is not None for a in alternatives(incident, target)):
            continue
        found = alternatives(incident, target)
        figure = own.figure or 0
        own_low = own.low if total is not None and own.low is not None else figure
        own_high = own.high if total is not None and own.high is not None else figure
        low -= own_low - min([own_low, *(a.low for a in found if a.low is not None)])
        high += max([own_high, *(a.high for a in found if a.high is not None)]) - own_high
        note_alternatives(incident, target, own, "spanned by low and high", loss)
    columns.update(best=str(best), low=str(low), high=str(high))
    return columns


# ---------------------------------------------------------------- files


def read_ucdp_csv(
    file: CsvSource,
    *,
    tz: str = "UTC",
    on_error: Literal["raise", "collect"] = "raise",
    formula_guard: bool = True,
) -> ImportReader:
    """Stream incidents from a UCDP GED CSV (a path, or a text or binary file) of
    any version from 19.1 on; see :func:`incidentkit.interop.acled.read_acled_csv`
    for the options, ``errors`` and ``warnings``."""
    check_zone(tz)
    return ImportReader(
        file,
        lambda row, layout: _from_row(row, tz, layout),
        layout=lambda header: layout_entry(header, COLUMNS, VINTAGES),
        on_error=on_error,
        formula_guard=formula_guard,
    )


def write_ucdp_csv(
    incidents: Iterable[Incident],
    file: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    lossy: Lossy = "warn",
    formula_guard: bool = True,
) -> int:
    """Write incidents as a UCDP GED CSV (UTF-8, CRLF); returns how many rows.
    Columns, losses, refused records and the formula guard are as for
    :func:`incidentkit.interop.acled.write_acled_csv`."""
    return write_csv_file(
        incidents,
        file,
        to_row=_row_of,
        read_back=_read_back,
        namespace=NAMESPACE,
        standard=COLUMNS,
        vintages=VINTAGES,
        derived=DERIVED,
        lossy=lossy,
        formula_guard=formula_guard,
        name="UCDP GED",
    )


def read_ucdp_json(
    source: Any,
    *,
    tz: str = "UTC",
    on_error: Literal["raise", "collect"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> JsonImport:
    """Incidents from a page of the UCDP API (a path, a file, or the parsed JSON
    object): the rows of its ``Result`` array, read as :func:`from_ucdp` reads a
    CSV row (date-times such as ``2017-07-31T00:00:00`` included). Errors point
    into the page (``$.Result[3].best``); ``errors``, ``warnings`` and
    ``on_error`` are as for :func:`read_ucdp_csv`. A page read from a path or file
    may be at most ``max_bytes`` long and is read as :func:`incidentkit.loads` reads
    JSON (nesting and value count bounded): anything else raises
    :class:`~incidentkit.ValidationError`."""
    check_zone(tz)
    return JsonImport(
        source, "Result", lambda row, layout: _from_row(row, tz, layout), on_error, max_bytes
    )
