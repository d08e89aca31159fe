"""ACLED rows in and out: the columns of ACLED's standard export as incidents.

The tables below are the one source of truth for both directions; reading uses
their inverses. ``docs/acled.md`` renders them and lists what is lost when an
incident holds more than an ACLED row can.

Round trips are exact: ``to_acled(from_acled(row)) == row`` for every column of a
valid row. Where ACLED writes a value differently from incidentkit's canonical
form (``11 March 2021`` for ``2021-03-11``, a text inter code, an unusual spelling
of a country), the original text is kept in ``extensions["acled"]["verbatim"]``
and written back as long as the record still says the same thing. Columns the
model has no field for (``region``, ``timestamp``, columns beyond the standard
export) are kept as text in ``extensions["acled"]``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import IO, Any, Literal

import attrs

from .._record import RecordStatus
from ..actors import ACLED_INTER_CODES, Actor, ActorKind, Group, Organization
from ..codec import DEFAULT_MAX_BYTES
from ..errors import Problem
from ..evidence import Source, SourceKind, SourceScale
from ..incident import Incident, IncidentCategory, IncidentType, Participant, Role
from ..location import ACLED_GEO_PRECISION, AdminArea, GeoPrecision, Location, Point
from ..quantity import CountQualifier
from ..reconcile import reconcile
from ..time import Time, TimePrecision
from . import _countries
from ._common import (
    KILLED_ALL_SIDES,
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
    first_by_value,
    fit_name,
    fmt_number,
    keep_verbatim,
    kept_columns,
    killed_paths,
    killed_tally,
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
    "DERIVED",
    "EVENT_TYPES",
    "GEO_PRECISION",
    "GEO_PRECISION_READ",
    "INTER_LABELS",
    "MONTH_CODE",
    "MONTH_DAY",
    "NAMESPACE",
    "NO_ACTOR_CODE",
    "SOURCE_SCALES",
    "SUB_EVENT_TYPES",
    "TARGETED_KINDS",
    "TIME_PRECISION",
    "UNPLACED_ROLES",
    "VAC_ROLES",
    "VINTAGES",
    "SubEventType",
    "from_acled",
    "read_acled_csv",
    "read_acled_json",
    "to_acled",
    "write_acled_csv",
]

#: The columns of ACLED's standard export, in its order.
COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: Column layouts of ACLED files, detected from the header (see docs/acled.md).
#: ``standard`` (exports and API responses from 2023 on) is :data:`COLUMNS`;
#: ``pre2023`` is the export of 2019-2022, with ``data_id``, ``iso`` first,
#: ``event_id_no_cnty`` and ``iso3`` and without ``disorder_type``,
#: ``civilian_targeting`` and ``tags``. A file with any other header is read too
#: (missing columns read as empty) and written back with its own header.
VINTAGES: dict[str, tuple[str, ...]] = {
    "standard": COLUMNS,
    "pre2023": (
        "data_id",
        "iso",
        "event_id_cnty",
        "event_id_no_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "timestamp",
        "iso3",
    ),
}

#: Columns computed from others: a file without them loses nothing.
DERIVED: tuple[str, ...] = ("year", "disorder_type", "interaction")

#: Key of ACLED's data in ``Incident.extensions``.
NAMESPACE = "acled"

#: Columns kept as text in ``extensions["acled"]``: incidentkit has no field for them.
OWN_COLUMNS: tuple[str, ...] = ("region", "timestamp")

_C = IncidentCategory
_T = IncidentType

#: ACLED's ``event_type`` for each incident category.
EVENT_TYPES: dict[IncidentCategory, str] = {
    _C.BATTLES: "Battles",
    _C.EXPLOSIONS_REMOTE_VIOLENCE: "Explosions/Remote violence",
    _C.VIOLENCE_AGAINST_CIVILIANS: "Violence against civilians",
    _C.PROTESTS: "Protests",
    _C.RIOTS: "Riots",
    _C.STRATEGIC_DEVELOPMENTS: "Strategic developments",
}


@attrs.frozen
class SubEventType:
    """How ACLED writes one incident type: its ``sub_event_type`` label, the
    ``disorder_type`` written by default, and other spellings accepted on reading."""

    label: str
    disorder_type: str
    also: tuple[str, ...] = ()


_PV, _DEM, _SD = "Political violence", "Demonstrations", "Strategic developments"

#: ACLED's ``sub_event_type`` for each incident type (``defection`` has none; it is
#: written as ``Change to group/activity`` and reported as a loss).
SUB_EVENT_TYPES: dict[IncidentType, SubEventType] = {
    _T.ARMED_CLASH: SubEventType("Armed clash", _PV),
    _T.GOVERNMENT_REGAINS_TERRITORY: SubEventType("Government regains territory", _PV),
    _T.NON_STATE_ACTOR_OVERTAKES_TERRITORY: SubEventType(
        "Non-state actor overtakes territory", _PV
    ),
    _T.CHEMICAL_WEAPON: SubEventType("Chemical weapon", _PV),
    _T.AIR_DRONE_STRIKE: SubEventType("Air/drone strike", _PV),
    _T.SUICIDE_BOMB: SubEventType("Suicide bomb", _PV),
    _T.SHELLING_ARTILLERY_MISSILE_ATTACK: SubEventType("Shelling/artillery/missile attack", _PV),
    _T.REMOTE_EXPLOSIVE_LANDMINE_IED: SubEventType("Remote explosive/landmine/IED", _PV),
    _T.GRENADE: SubEventType("Grenade", _PV),
    _T.SEXUAL_VIOLENCE: SubEventType("Sexual violence", _PV),
    _T.ATTACK: SubEventType("Attack", _PV),
    _T.ABDUCTION_FORCED_DISAPPEARANCE: SubEventType("Abduction/forced disappearance", _PV),
    _T.PEACEFUL_PROTEST: SubEventType("Peaceful protest", _DEM),
    _T.PROTEST_WITH_INTERVENTION: SubEventType("Protest with intervention", _DEM),
    _T.EXCESSIVE_FORCE_AGAINST_PROTESTERS: SubEventType(
        "Excessive force against protesters",
        f"{_PV}; {_DEM}",
        also=("Excessive force against protestors",),
    ),
    _T.VIOLENT_DEMONSTRATION: SubEventType("Violent demonstration", _DEM),
    _T.MOB_VIOLENCE: SubEventType("Mob violence", _PV),
    _T.AGREEMENT: SubEventType("Agreement", _SD),
    _T.ARRESTS: SubEventType("Arrests", _SD),
    _T.CHANGE_TO_GROUP_ACTIVITY: SubEventType("Change to group/activity", _SD),
    _T.DISRUPTED_WEAPONS_USE: SubEventType("Disrupted weapons use", _SD),
    _T.HEADQUARTERS_OR_BASE_ESTABLISHED: SubEventType("Headquarters or base established", _SD),
    _T.LOOTING_PROPERTY_DESTRUCTION: SubEventType("Looting/property destruction", _SD),
    _T.NON_VIOLENT_TRANSFER_OF_TERRITORY: SubEventType("Non-violent transfer of territory", _SD),
    _T.OTHER: SubEventType("Other", _SD),
}

#: The type written for incident types ACLED has no sub-event type for.
_WRITTEN_AS: dict[IncidentType, IncidentType] = {_T.DEFECTION: _T.CHANGE_TO_GROUP_ACTIVITY}

#: ACLED's text form of each actor kind (newer exports write these instead of the
#: numeric codes in ``incidentkit.ACLED_INTER_CODES``; both are read).
INTER_LABELS: dict[ActorKind, str] = {
    ActorKind.STATE_FORCES: "State forces",
    ActorKind.REBEL_GROUP: "Rebel group",
    ActorKind.POLITICAL_MILITIA: "Political militia",
    ActorKind.IDENTITY_MILITIA: "Identity militia",
    ActorKind.RIOTERS: "Rioters",
    ActorKind.PROTESTERS: "Protesters",
    ActorKind.CIVILIANS: "Civilians",
    ActorKind.EXTERNAL_OTHER: "External/Other forces",
}

#: Actor kinds read as unnamed :class:`~incidentkit.Group` actors; others are
#: read as :class:`~incidentkit.Organization` actors.
GROUP_KINDS = frozenset({ActorKind.RIOTERS, ActorKind.PROTESTERS, ActorKind.CIVILIANS})

#: ``time_precision`` code -> days of margin on each side of ``event_date``: 1 the
#: day is known; 2 only the week (ACLED codes a day within it, the middle one unless
#: the start or end of the week is noted). Code 3 is :data:`MONTH_CODE`.
TIME_PRECISION: dict[int, int] = {1: 0, 2: 3}

#: ``time_precision`` 3: only the month is known. The codebook dates such an event
#: to the middle of the month, or to its first or last day when the report notes
#: the beginning or the end; it reads as the whole calendar month (month precision),
#: which holds all three, and the day ACLED gave is kept verbatim. A month is
#: written as its 15th.
MONTH_CODE = 3
#: Day of the month written for a month-precision time.
MONTH_DAY = 15

#: incidentkit precision -> ``geo_precision`` (``incidentkit.ACLED_GEO_PRECISION``).
GEO_PRECISION: dict[GeoPrecision, int] = ACLED_GEO_PRECISION

#: ``geo_precision`` -> the precisions it reads as, finest first: reading picks the
#: first one whose area the row names. The codebook: 1 "the exact location (town)";
#: 2 "a small part of a region, or near a town" (the district at best: not a point);
#: 3 "a larger region, the provincial capital" (the province).
GEO_PRECISION_READ: dict[int, tuple[GeoPrecision, ...]] = {
    1: (GeoPrecision.EXACT,),
    2: (GeoPrecision.ADMIN2, GeoPrecision.ADMIN1, GeoPrecision.COUNTRY),
    3: (GeoPrecision.ADMIN1, GeoPrecision.COUNTRY),
}

#: ``source_scale`` labels -> the scale and kind of source they stand for. A
#: combined label (``National-International``) gives one part per source, or one
#: part for all of them.
SOURCE_SCALES: dict[str, tuple[SourceScale, SourceKind]] = {
    "Local partner": (SourceScale.LOCAL, SourceKind.FIELD_REPORT),
    "Subnational": (SourceScale.SUBNATIONAL, SourceKind.NEWS),
    "National": (SourceScale.NATIONAL, SourceKind.NEWS),
    "Regional": (SourceScale.REGIONAL, SourceKind.NEWS),
    "International": (SourceScale.INTERNATIONAL, SourceKind.NEWS),
    "New media": (SourceScale.OTHER, SourceKind.SOCIAL_MEDIA),
    "Other": (SourceScale.OTHER, SourceKind.OTHER),
}

#: Roles of the main and associated actors of each side in violence against
#: civilians, the one event type whose order of actors has a meaning (codebook:
#: "actor1 is the perpetrator", actor2 the civilians targeted). In every other
#: event type "the order of actors has no meaning": main actors read as
#: ``party`` (or ``target`` when ``civilian_targeting`` says civilians were the
#: main target and the actor is one of :data:`TARGETED_KINDS`), associated actors
#: as ``supporter`` of the actor before them. Writing puts a ``perpetrator`` of
#: violence against civilians on side 1 and a ``target`` on side 2; every other
#: participant goes, in order, to side 1 until it has a main actor, then side 2,
#: a ``supporter`` joining the side of the participant before it.
VAC_ROLES: dict[int, tuple[Role, Role]] = {
    1: (Role.PERPETRATOR, Role.SUPPORTER),
    2: (Role.TARGET, Role.TARGET),
}

#: Actor kinds that ``civilian_targeting`` can name as targets (codebook: "the
#: civilians were the main or only target"; protesters facing excessive force are
#: coded so too). ``Civilian targeting`` is written when a participant of one of
#: these kinds has the role ``target``.
TARGETED_KINDS = frozenset({ActorKind.CIVILIANS, ActorKind.PROTESTERS})

#: Roles ACLED has no place for: such participants are dropped (a loss).
UNPLACED_ROLES = frozenset({Role.MEDIATOR, Role.OTHER})

_SIDES = {
    1: ("actor1", "assoc_actor_1", "inter1"),
    2: ("actor2", "assoc_actor_2", "inter2"),
}


_CIVILIAN_TARGETING = "Civilian targeting"
#: What exports before 2024 write in ``inter2`` (and ``inter1``) when there is no
#: such actor; read as no actor, like an empty cell.
NO_ACTOR_CODE = "0"
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


def _key(label: str) -> str:
    return " ".join(label.casefold().split())


_EVENT_BY_LABEL = {_key(label): cat for cat, label in EVENT_TYPES.items()}
_TYPE_BY_LABEL = {
    _key(label): itype
    for itype, sub in SUB_EVENT_TYPES.items()
    for label in (sub.label, *sub.also)
}
_KIND_BY_CODE = {str(code): kind for kind, code in ACLED_INTER_CODES.items()}
_KIND_BY_LABEL = {_key(label): kind for kind, label in INTER_LABELS.items()}
_MARGIN_TO_CODE = {days: code for code, days in TIME_PRECISION.items()}
_SCALE_LABEL: dict[tuple[SourceScale, SourceKind], str] = first_by_value(SOURCE_SCALES)
_LABEL_BY_SCALE: dict[SourceScale, str] = first_by_value(
    {label: scale for label, (scale, _) in SOURCE_SCALES.items()}
)
_SCALE_BY_KEY = {_key(label): value for label, value in SOURCE_SCALES.items()}


# ---------------------------------------------------------------- reading


def from_acled(row: Mapping[str, str], *, tz: str = "UTC") -> Incident:
    """An incident from one ACLED row (column name -> text).

    ACLED dates carry no zone: they are read as local dates in ``tz`` (UTC by
    default). Raises :class:`~incidentkit.ValidationError` naming every bad column
    (``$.latitude``). A row that breaks a rule of hand coding is read with an
    :class:`~incidentkit.interop.ImportedValueWarning`.
    """
    check_zone(tz)
    incident, notices = _from_row(row, tz, {})
    emit_notices(notices)
    return incident


def _from_row(
    row: Mapping[str, str], tz: str, layout: Mapping[str, Any]
) -> tuple[Incident, list[ImportedValueWarning]]:
    r = Row(row)
    event_id = r.text("event_id_cnty").strip()
    if not event_id:
        r.fail("event_id_cnty", "required")
    when = _read_time(r, tz)
    itype = _read_type(r)
    actors, participants = _read_sides(r, itype)
    where = _read_location(r)
    sources = _read_sources(r)
    fatalities = r.integer("fatalities", lo=0, hi=2**53 - 1)
    tallies = () if not fatalities else (killed_tally(KILLED_ALL_SIDES, fatalities),)
    tags = _read_tags(r)
    notes = r.text("notes") or None
    r.check()
    assert when is not None
    assert itype is not None
    assert where is not None
    own = {**kept_columns(r, OWN_COLUMNS, COLUMNS), **layout}
    incident = r.part(
        "event_id_cnty",
        lambda: Incident(
            id=event_id,
            type=itype,
            when=when,
            where=where,
            participants=participants,
            tallies=tallies,
            actors=actors,
            sources=sources,
            notes=notes,
            tags=tags,
            extensions={NAMESPACE: own} if own else {},
        ),
    )
    r.check()
    assert incident is not None
    return keep_verbatim(incident, row, COLUMNS, _render, NAMESPACE), r.notices


def _read_time(r: Row, tz: str) -> Time | None:
    day = r.date("event_date", _DATE_FORMATS)
    code = r.integer("time_precision")
    if day is None and not r.text("event_date").strip():
        r.fail("event_date", "required")
    if code is None:
        if not r.text("time_precision").strip():
            r.fail("time_precision", "required")
        return None
    codes = sorted([*TIME_PRECISION, MONTH_CODE])
    if code not in codes:
        r.fail("time_precision", f"{code} is not one of {codes}")
        return None
    if day is None:
        return None
    if code == MONTH_CODE:
        return r.part("event_date", Time.local, day.year, day.month, tz=tz)
    return r.part("event_date", lambda: day_time(day, tz, TIME_PRECISION[code]))


def _read_type(r: Row) -> IncidentType | None:
    event_type, sub = r.text("event_type"), r.text("sub_event_type")
    category = _EVENT_BY_LABEL.get(_key(event_type))
    itype = _TYPE_BY_LABEL.get(_key(sub))
    if category is None:
        r.fail("event_type", f"{event_type!r} is not an ACLED event type")
    if itype is None:
        r.fail("sub_event_type", f"{sub!r} is not an ACLED sub-event type")
    if category is not None and itype is not None and itype.category is not category:
        expected = EVENT_TYPES[itype.category]
        r.fail("event_type", f"{event_type!r} is not the event type of {sub!r} ({expected!r})")
        return None
    return itype


def _read_kind(r: Row, column: str) -> ActorKind | None:
    text = r.text(column).strip()
    if not text or text == NO_ACTOR_CODE:
        return None
    kind = _KIND_BY_CODE.get(text) or _KIND_BY_LABEL.get(_key(text))
    if kind is None:
        r.fail(column, f"{text!r} is not an ACLED actor type (1-8 or its name)")
    return kind


def _read_sides(
    r: Row, itype: IncidentType | None
) -> tuple[tuple[Actor, ...], tuple[Participant, ...]]:
    ids = Ids("actor")
    actors: list[Actor] = []
    known: dict[tuple[str, ActorKind | None], str] = {}
    participants: list[Participant] = []
    vac = itype is not None and itype.category is IncidentCategory.VIOLENCE_AGAINST_CIVILIANS
    targeting = _key(r.text("civilian_targeting")) == _key(_CIVILIAN_TARGETING)

    def add(column: str, name: str, kind: ActorKind | None, role: Role) -> None:
        actor_id = known.get((name, kind))
        if actor_id is None:
            actor_id = ids.make(name)
            actor: Actor | None
            if kind in GROUP_KINDS:
                actor = r.part(column, Group, id=actor_id, name=name, kind=kind)
            else:
                actor = r.part(column, Organization, id=actor_id, name=name, kind=kind)
            if actor is None:
                return
            known[(name, kind)] = actor_id
            actors.append(actor)
        participant = Participant(actor=actor_id, role=role)
        if participant not in participants:
            participants.append(participant)

    for side, (main_column, assoc_column, inter_column) in _SIDES.items():
        main = r.text(main_column).strip()
        assoc = split_list(r.text(assoc_column))
        kind = _read_kind(r, inter_column)
        if not main:
            if assoc:
                r.fail(assoc_column, f"associated actors given without {main_column}")
            if kind is not None:
                r.fail(inter_column, f"an actor type given without {main_column}")
            continue
        if vac:
            main_role, assoc_role = VAC_ROLES[side]
        else:
            main_role, assoc_role = Role.PARTY, Role.SUPPORTER
            if targeting and kind in TARGETED_KINDS:
                main_role = Role.TARGET
        add(main_column, fit_name(r, main_column, main), kind, main_role)
        for name in assoc:
            add(assoc_column, fit_name(r, assoc_column, name), None, assoc_role)
    return tuple(actors), tuple(participants)


def _read_country(r: Row) -> str | None:
    iso = r.integer("iso", lo=0)
    if iso is not None and iso in _countries.ALPHA2_BY_NUMERIC:
        return _countries.ALPHA2_BY_NUMERIC[iso]
    return _countries.ALPHA2_BY_NAME.get(r.text("country").strip().casefold())


def _read_location(r: Row) -> Location | None:
    country = _read_country(r)
    areas: dict[str, AdminArea | None] = {}
    for level in ("admin1", "admin2", "admin3"):
        name = r.text(level).strip()
        areas[level] = r.part(level, AdminArea, name=name) if name else None
    lat = r.number("latitude", lo=-90, hi=90)
    lon = r.number("longitude", lo=-180, hi=180)
    if (lat is None) != (lon is None):
        missing = "latitude" if lat is None else "longitude"
        if not r.text(missing).strip():
            r.fail(missing, "required with the other coordinate")
    point = Point(lat=lat, lon=lon) if lat is not None and lon is not None else None
    if point is None and (r.text("latitude").strip() or r.text("longitude").strip()):
        return None  # the bad coordinate is reported; the precision cannot be judged
    code = r.integer("geo_precision")
    name = r.text("location").strip()
    if code is None:
        if not r.text("geo_precision").strip():
            r.fail("geo_precision", "required")
        return None
    candidates = GEO_PRECISION_READ.get(code, ())
    if not candidates:
        r.fail("geo_precision", f"{code} is not one of {sorted(GEO_PRECISION_READ)}")
        return None
    named = {
        GeoPrecision.EXACT: point,
        GeoPrecision.NEAR: point,
        GeoPrecision.ADMIN3: areas["admin3"],
        GeoPrecision.ADMIN2: areas["admin2"],
        GeoPrecision.ADMIN1: areas["admin1"],
        GeoPrecision.COUNTRY: country,
    }
    precision = next((p for p in candidates if named[p] is not None), None)
    if precision is None:
        needs = " or ".join(_NEEDS[p] for p in candidates)
        r.fail("geo_precision", f"{code} needs {needs}")
        return None
    return r.part(
        "location",
        lambda: Location(
            name=name or None,
            country=country,
            admin1=areas["admin1"],
            admin2=areas["admin2"],
            admin3=areas["admin3"],
            point=point,
            precision=precision,
        ),
    )


_NEEDS = {
    GeoPrecision.EXACT: "coordinates",
    GeoPrecision.NEAR: "coordinates",
    GeoPrecision.ADMIN3: "admin3",
    GeoPrecision.ADMIN2: "admin2",
    GeoPrecision.ADMIN1: "admin1",
    GeoPrecision.COUNTRY: "a known country",
}


def _assign_scales(text: str, count: int) -> list[tuple[SourceScale, SourceKind] | None]:
    """The scale and kind of each of ``count`` sources given a ``source_scale`` text."""
    parts = [_SCALE_BY_KEY.get(_key(part)) for part in text.split("-")] if text.strip() else []
    if any(part is None for part in parts) or not parts:
        return [None] * count
    if len(parts) == 1:
        return parts * count
    if len(parts) == count:
        return parts
    return [None] * count


def _read_sources(r: Row) -> tuple[Source, ...]:
    publishers = split_list(r.text("source"))
    scales = _assign_scales(r.text("source_scale"), len(publishers))
    ids = Ids("source")
    sources = []
    for publisher, scale in zip(publishers, scales, strict=True):
        scale_kind: dict[str, Any] = {}
        if scale is not None:
            scale_kind = {"scale": scale[0], "kind": scale[1]}
        source = r.part(
            "source", Source, id=ids.make(publisher), publisher=publisher, **scale_kind
        )
        if source is not None:
            sources.append(source)
    return tuple(sources)


def _read_tags(r: Row) -> tuple[str, ...]:
    """Tags the model can hold; others stay in the column's verbatim text."""
    tags = split_list(r.text("tags"))
    if len(set(tags)) != len(tags) or any(len(tag) > 64 for tag in tags):
        return ()
    return tuple(tags)


# ---------------------------------------------------------------- writing


def to_acled(incident: Incident, *, lossy: Lossy = "warn") -> dict[str, str]:
    """The ACLED row of an incident (column name -> text, in ACLED's order).

    What ACLED cannot hold is reported as ``lossy`` asks: ``"warn"`` (a
    :class:`~incidentkit.interop.LossWarning`), ``"ignore"``, ``"raise"`` (a
    ValidationError), or a list that receives the losses as problems.
    """
    check_lossy(lossy)
    if not isinstance(incident, Incident):
        raise TypeError(f"expected an Incident, got {type(incident).__name__}")
    losses: list[Problem] = []
    columns = _row_of(incident, losses)
    losses.extend(read_back_losses(incident, columns, _read_back, NAMESPACE, "ACLED", losses))
    settle_losses(losses, lossy, "ACLED")
    return columns


def _row_of(incident: Incident, losses: list[Problem]) -> dict[str, str]:
    columns = _render(incident, losses)
    apply_verbatim(columns, incident, NAMESPACE)
    write_extra(columns, incident, NAMESPACE)
    return columns


def _read_back(row: dict[str, str], tz: str, layout: dict[str, Any]) -> Incident:
    return _from_row(row, tz, layout)[0]


def _render(incident: Incident, losses: list[Problem] | None = None) -> dict[str, str]:
    """The canonical ACLED columns of an incident; records what cannot be held."""
    lost: list[Problem] = [] if losses is None else losses

    def loss(path: str, message: str) -> None:
        lost.append(Problem(path, message))

    itype = _WRITTEN_AS.get(incident.type, incident.type)
    if itype is not incident.type:
        loss(
            "$.type",
            f"{incident.type.value!r} has no ACLED sub-event type; written as "
            f"{SUB_EVENT_TYPES[itype].label!r}",
        )
    sub = SUB_EVENT_TYPES[itype]
    day, code = _write_time(incident, loss)
    sides = _write_sides(incident, loss)
    columns = {
        "event_id_cnty": incident.id,
        "event_date": day,
        "year": day[:4],
        "time_precision": code,
        "disorder_type": sub.disorder_type,
        "event_type": EVENT_TYPES[itype.category],
        "sub_event_type": sub.label,
        **sides,
        **_write_location(incident.where, loss),
        **_write_sources(incident, loss),
        "notes": incident.notes or "",
        "fatalities": _write_fatalities(incident, loss),
        "tags": _write_list(incident.tags, "$.tags", loss),
    }
    for column in OWN_COLUMNS:
        columns[column] = ext_text(incident, NAMESPACE, column)
    _note_unheld(incident, loss)
    return {column: columns[column] for column in COLUMNS}


def _write_time(incident: Incident, loss: Any) -> tuple[str, str]:
    when = incident.when
    if incident.until is not None:
        loss("$.until", "ACLED gives one date; dropped")
    margin = when.margin_seconds or 0
    if (
        when.precision is TimePrecision.MONTH
        and when.span == 1
        and not when.approximate
        and not when.uncertain
        and not margin
    ):
        return when.at.date().replace(day=MONTH_DAY).isoformat(), str(MONTH_CODE)
    if (
        when.precision is TimePrecision.DAY
        and when.span == 1
        and not when.approximate
        and not when.uncertain
        and margin % 86400 == 0
        and margin // 86400 in _MARGIN_TO_CODE
    ):
        return local_date(when).isoformat(), str(_MARGIN_TO_CODE[margin // 86400])
    middle = (when.earliest + (when.latest - when.earliest) / 2).astimezone(when.zone)
    half_days = ((when.latest - when.earliest) / 2 - timedelta(hours=12)) / timedelta(days=1)
    code = next((c for c, d in TIME_PRECISION.items() if d >= half_days), MONTH_CODE)
    day = middle.date().isoformat()
    loss("$.when", f"{_describe_time(when)} written as {day} with time_precision {code}")
    return day, str(code)


def _describe_time(when: Time) -> str:
    words = f"precision {when.precision.value!r}"
    if when.span != 1:
        words += f", span {when.span}"
    if when.approximate:
        words += ", approximate"
    if when.uncertain:
        words += ", uncertain"
    if when.margin_seconds:
        words += f", margin {when.margin_seconds} s"
    return words


def _write_sides(incident: Incident, loss: Any) -> dict[str, str]:
    by_id = {actor.id: actor for actor in incident.actors}
    sides: dict[int, list[Actor]] = {1: [], 2: []}
    vac = incident.type.category is IncidentCategory.VIOLENCE_AGAINST_CIVILIANS
    previous = 1
    targeted = False
    for i, participant in enumerate(incident.participants):
        path = f"$.participants[{i}]"
        role = participant.role
        if role in UNPLACED_ROLES:
            loss(path, f"role {role.value!r} has no ACLED side; dropped")
            continue
        actor = by_id[participant.actor]
        if role is Role.SUPPORTER:
            side = previous
        elif vac and role is Role.PERPETRATOR:
            side = 1
        elif vac and role is Role.TARGET:
            side = 2
        else:
            side = 1 if not sides[1] else 2
        if role is Role.TARGET and actor.kind in TARGETED_KINDS:
            targeted = True
        previous = side
        if actor not in sides[side]:
            sides[side].append(actor)
    columns: dict[str, str] = {}
    codes: list[int] = []
    for side, (main_column, assoc_column, inter_column) in _SIDES.items():
        actors = sides[side]
        main = actors[0] if actors else None
        code = ACLED_INTER_CODES[main.kind] if main is not None and main.kind else None
        if code is not None:
            codes.append(code)
        names = [a.name for a in actors]
        columns[main_column] = names[0] if names else ""
        columns[assoc_column] = _write_list(names[1:], f"$.participants (side {side})", loss)
        columns[inter_column] = "" if code is None else str(code)
        for position, actor in enumerate(actors):
            _note_actor_loss(incident, actor, position == 0, loss)
    codes.sort()
    columns["interaction"] = (
        "".join(map(str, codes)) if len(codes) == 2 else (f"{codes[0]}0" if codes else "")
    )
    columns["civilian_targeting"] = _CIVILIAN_TARGETING if targeted else ""
    order = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2")
    return {k: columns[k] for k in (*order, "interaction", "civilian_targeting")}


def _note_actor_loss(incident: Incident, actor: Actor, main: bool, loss: Any) -> None:
    index = next(i for i, a in enumerate(incident.actors) if a is actor)
    path = f"$.actors[{index}]"
    expected: type = Group if main and actor.kind in GROUP_KINDS else Organization
    if type(actor) is not expected:
        loss(f"{path}.type", f"a {actor.type} reads back as {expected.__name__.lower()}")
    if not main and actor.kind is not None:
        loss(f"{path}.kind", "ACLED gives associated actors no type; dropped")


def _write_location(where: Location, loss: Any) -> dict[str, str]:
    country = where.country
    point = where.point
    if point is None:
        loss("$.where.point", "ACLED needs coordinates; none given")
    if country is not None and country not in _countries.NUMERIC:
        loss("$.where.country", f"{country} has no ISO numeric code; iso left empty")
    candidates = GEO_PRECISION_READ[GEO_PRECISION[where.precision]]
    named = {
        GeoPrecision.EXACT: point,
        GeoPrecision.NEAR: point,
        GeoPrecision.ADMIN3: where.admin3,
        GeoPrecision.ADMIN2: where.admin2,
        GeoPrecision.ADMIN1: where.admin1,
        GeoPrecision.COUNTRY: country,
    }
    back = next((p for p in candidates if named[p] is not None), None)
    if back is not where.precision:
        again = "is lost" if back is None else f"reads back as {back.value!r}"
        loss("$.where.precision", f"{where.precision.value!r} {again}")
    return {
        "iso": str(_countries.NUMERIC[country]) if country in _countries.NUMERIC else "",
        "country": _countries.NAME.get(country, "") if country else "",
        "admin1": where.admin1.name if where.admin1 else "",
        "admin2": where.admin2.name if where.admin2 else "",
        "admin3": where.admin3.name if where.admin3 else "",
        "location": where.name or "",
        "latitude": fmt_number(point.lat) if point else "",
        "longitude": fmt_number(point.lon) if point else "",
        "geo_precision": str(GEO_PRECISION[where.precision]),
    }


def _write_sources(incident: Incident, loss: Any) -> dict[str, str]:
    sources = incident.sources
    labels: list[str] = []
    for source in sources:
        label = _scale_label(source)
        if label is not None and label not in labels:
            labels.append(label)
    text = "-".join(labels)
    back = _assign_scales(text, len(sources))
    for i, (source, scale_kind) in enumerate(zip(sources, back, strict=True)):
        path = f"$.sources[{i}]"
        had = (source.scale, source.kind) if source.scale is not None else None
        if scale_kind != had and not (had is None and source.kind is SourceKind.NEWS):
            loss(f"{path}.scale", "scale and kind cannot be told apart in source_scale")
    publishers = [s.publisher for s in sources]
    return {
        "source": _write_list(publishers, "$.sources", loss),
        "source_scale": text,
    }


def _scale_label(source: Source) -> str | None:
    if source.scale is None:
        return None
    label: str | None = _SCALE_LABEL.get((source.scale, source.kind))
    return label if label is not None else _LABEL_BY_SCALE.get(source.scale)


def _write_fatalities(incident: Incident, loss: Any) -> str:
    tally = find_tally(incident, KILLED_ALL_SIDES)
    if (tally is not None and (tally.count.low, tally.count.high) != (None, None)) or (
        tally is not None and tally.count.qualifier is not CountQualifier.EXACT
    ):
        loss("$.tallies", f"fatalities {tally.count}: best estimate written, the rest dropped")
    for i, casualties in enumerate(incident.casualties):
        path = f"$.casualties[{i}]"
        if casualties.killed is not None:
            how = "dropped" if tally is not None else "added into fatalities"
            loss(f"{path}.killed", f"ACLED gives no per-side figures; {how}")
    # Competing figures for the same deaths are alternatives: ACLED's convention
    # writes the lowest reported; figures for different sides are added.
    total = 0
    for target in killed_paths(incident):
        chosen = reconcile(incident, target, "acled")
        if chosen is not None:
            total += chosen.figure or 0
            note_alternatives(incident, target, chosen, f"the lowest, {chosen}, written", loss)
    return str(total)


def _write_list(items: Iterable[str], path: str, loss: Any) -> str:
    items = list(items)
    if any(";" in item for item in items):
        loss(path, "an item contains ';', which ACLED uses to separate items")
    return "; ".join(items)


def _note_unheld(incident: Incident, loss: Any) -> None:
    if incident.status is not RecordStatus.REPORTED:
        loss("$.status", f"ACLED has no record status; {incident.status.value!r} dropped")
    listed = {p.actor for p in incident.participants}
    for i, actor in enumerate(incident.actors):
        if actor.id not in listed:
            loss(f"$.actors[{i}]", "not a participant; dropped")
    for key in sorted(incident.extensions):
        if key != NAMESPACE:
            loss(f'$.extensions["{key}"]', "another partner's data; dropped")


# ---------------------------------------------------------------- files


def read_acled_csv(
    file: CsvSource,
    *,
    tz: str = "UTC",
    on_error: Literal["raise", "collect"] = "raise",
    formula_guard: bool = True,
) -> ImportReader:
    """Stream incidents from an ACLED CSV export (a path, or a text or binary file).

    Every vintage is read (see :data:`VINTAGES`); the layout is kept so that
    :func:`write_acled_csv` writes the same columns in the same order. With
    ``on_error="collect"`` bad rows are skipped and their errors gathered in the
    reader's ``errors``; warnings on rows read anyway are in its ``warnings``.
    ``formula_guard=False`` reads a file written without the guard. See
    :func:`from_acled` for ``tz``.
    """
    check_zone(tz)
    return ImportReader(
        file,
        lambda row, layout: _from_row(row, tz, layout),
        layout=lambda header: layout_entry(header, COLUMNS, VINTAGES),
        on_error=on_error,
        formula_guard=formula_guard,
    )


def write_acled_csv(
    incidents: Iterable[Incident],
    file: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    lossy: Lossy = "warn",
    formula_guard: bool = True,
) -> int:
    """Write incidents as an ACLED CSV (UTF-8, CRLF); returns how many rows.

    The columns are those of the file the first record was read from, in its
    order (extra columns included), or ACLED's standard export. Each row is read
    back before it is written: what does not come back is reported as a loss, as
    ``lossy`` asks, once for the whole file with row numbers; a record whose row
    would not read back is not written and is reported with the reason. Cells the
    formula guard changes are reported; ``formula_guard=False`` writes them as
    they are. A path is written atomically.
    """
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
        name="ACLED",
    )


def read_acled_json(
    source: Any,
    *,
    tz: str = "UTC",
    on_error: Literal["raise", "collect"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> JsonImport:
    """Incidents from an ACLED API response (a path, a file, or the parsed JSON
    object): the rows of its ``data`` array, read as :func:`from_acled` reads a
    CSV row (numbers are taken as the text ACLED's exports write). Errors point
    into the response (``$.data[3].latitude``); ``errors``, ``warnings`` and
    ``on_error`` are as for :func:`read_acled_csv`. A response read from a path or
    file may be at most ``max_bytes`` long and is read as :func:`incidentkit.loads`
    reads JSON (nesting and value count bounded): anything else raises
    :class:`~incidentkit.ValidationError`."""
    check_zone(tz)
    return JsonImport(
        source, "data", lambda row, layout: _from_row(row, tz, layout), on_error, max_bytes
    )
