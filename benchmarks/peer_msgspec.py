"""The Incident shape as msgspec Structs, with the same constraints and rules.

msgspec is strict by default; unknown fields are forbidden, structs frozen, defaults
omitted on output; bounds, lengths and patterns as ``Meta`` constraints; the
cross-field rules (``peer_rules``) in ``__post_init__``, which msgspec runs on decode.
Patterns and limits are read from incidentkit's own declarations.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
import peer_rules as rules
from msgspec import Meta
from peer_rules import declared

import incidentkit as ik
from incidentkit._countries import COUNTRY_CODES
from incidentkit._fields import ID_MAX_LENGTH, ID_PATTERN, MAX_SAFE_INT
from incidentkit.time import MAX_MARGIN_SECONDS, MAX_SPAN

Id = Annotated[str, Meta(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Text200 = Annotated[str, Meta(min_length=1, max_length=200)]
Country = Literal[COUNTRY_CODES]  # type: ignore[valid-type]
Number = Annotated[int, Meta(ge=0, le=MAX_SAFE_INT)]
Language = Annotated[str, Meta(pattern=declared(ik.Source, "language").pattern, max_length=35)]
Aware = Annotated[datetime, Meta(tz=True)]


class Base(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    pass


class Time(Base, kw_only=True):
    at: Aware
    tz: Annotated[str, Meta(pattern=declared(ik.Time, "tz").pattern, max_length=64)]
    precision: ik.TimePrecision
    span: Annotated[int, Meta(ge=1, le=MAX_SPAN)] = 1
    part_of_day: ik.PartOfDay | None = None
    approximate: bool = False
    uncertain: bool = False
    margin_seconds: Annotated[int, Meta(ge=0, le=MAX_MARGIN_SECONDS)] | None = None

    def __post_init__(self) -> None:
        rules.check_time(self)


class Count(Base, kw_only=True):
    best: Number
    qualifier: ik.CountQualifier = ik.CountQualifier.EXACT
    low: Number | None = None
    high: Number | None = None

    def __post_init__(self) -> None:
        rules.check_count(self)


class Point(Base, kw_only=True):
    lat: Annotated[float, Meta(ge=-90, le=90)]
    lon: Annotated[float, Meta(ge=-180, le=180)]


class AdminArea(Base, kw_only=True):
    name: Text200
    code: Annotated[str, Meta(min_length=1, max_length=32)] | None = None


class RelativePosition(Base, kw_only=True):
    anchor: Location
    distance: Annotated[float, Meta(ge=0, le=20_040_000)] | None = None
    unit: ik.DistanceUnit = ik.DistanceUnit.KM
    bearing: Annotated[float, Meta(ge=0, lt=360)] | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        rules.check_relative(self)


class Location(Base, kw_only=True):
    id: Id | None = None
    name: Text200 | None = None
    feature: ik.FeatureKind | None = None
    country: Country | None = None
    admin1: AdminArea | None = None
    admin2: AdminArea | None = None
    admin3: AdminArea | None = None
    point: Point | None = None
    precision: ik.GeoPrecision
    relative: RelativePosition | None = None

    def __post_init__(self) -> None:
        rules.check_location(self)


class Alias(Base, kw_only=True):
    name: Text200
    kind: ik.AliasKind = ik.AliasKind.ALIAS
    language: Language | None = None
    script: Annotated[str, Meta(pattern=declared(ik.Alias, "script").pattern)] | None = None


class _ActorBase(Base, kw_only=True):
    id: Id
    name: Text200
    aliases: tuple[Alias, ...] = ()
    kind: ik.ActorKind | None = None
    country: Country | None = None
    description: Annotated[str, Meta(max_length=2000)] | None = None


class Person(_ActorBase, tag="person", tag_field="type", kw_only=True):
    pass


class Organization(_ActorBase, tag="organization", tag_field="type", kw_only=True):
    category: ik.OrgCategory | None = None
    parent: Id | None = None


class Group(_ActorBase, tag="group", tag_field="type", kw_only=True):
    size: Count | None = None
    part_of: Id | None = None


Actor = Person | Organization | Group


class Post(Base, kw_only=True):
    label: Text200
    organization: Id
    role: Annotated[str, Meta(min_length=1, max_length=100)] | None = None
    area: Location | None = None
    id: Id | None = None


class Membership(Base, kw_only=True):
    member: Id
    organization: Id
    post: Post | None = None
    acting: bool = False
    start: Time | None = None
    end: Time | None = None

    def __post_init__(self) -> None:
        rules.check_membership(self)


class Source(Base, kw_only=True):
    id: Id
    publisher: Text200
    kind: ik.SourceKind = ik.SourceKind.NEWS
    scale: ik.SourceScale | None = None
    title: Annotated[str, Meta(min_length=1, max_length=500)] | None = None
    url: (
        Annotated[str, Meta(pattern=declared(ik.Source, "url").pattern, max_length=2048)] | None
    ) = None
    language: Language | None = None
    published: Time | None = None


class Claim(Base, kw_only=True):
    stance: ik.Stance
    about: ik.ClaimSubject
    claimant: Id | None = None
    source: Id | None = None
    target: (
        Annotated[str, Meta(pattern=declared(ik.Claim, "target").pattern, max_length=200)] | None
    ) = None
    made: Time | None = None
    text: Annotated[str, Meta(min_length=1, max_length=2000)] | None = None
    quoted: bool = False

    def __post_init__(self) -> None:
        rules.check_claim(self)


class Participant(Base, kw_only=True):
    actor: Id
    role: ik.Role
    note: Annotated[str, Meta(min_length=1, max_length=500)] | None = None


class Outcome(Base, kw_only=True):
    kind: ik.OutcomeKind
    actor: Id | None = None
    subject: Text200 | None = None
    location: Location | None = None
    count: Count | None = None


class Casualties(Base, kw_only=True):
    actor: Id | None = None
    civilians: bool = False
    killed: Count | None = None
    injured: Count | None = None
    captured: Count | None = None
    missing: Count | None = None

    def __post_init__(self) -> None:
        rules.check_casualties(self)


class Tally(Base, kw_only=True):
    subject: Text200
    count: Count
    actor: Id | None = None


ExtensionKey = Annotated[
    str, Meta(pattern=declared(ik.Incident, "extensions").pattern, max_length=100)
]


class Incident(Base, kw_only=True):
    id: Id
    type: ik.IncidentType
    when: Time
    until: Time | None = None
    where: Location
    participants: tuple[Participant, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    casualties: tuple[Casualties, ...] = ()
    tallies: tuple[Tally, ...] = ()
    related: tuple[Id, ...] = ()
    status: ik.RecordStatus = ik.RecordStatus.REPORTED
    actors: tuple[Actor, ...] = ()
    memberships: tuple[Membership, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: Annotated[str, Meta(max_length=20_000)] | None = None
    tags: tuple[Annotated[str, Meta(min_length=1, max_length=64)], ...] = ()
    extensions: dict[ExtensionKey, Any] = msgspec.field(default_factory=dict)

    def __post_init__(self) -> None:
        rules.check_incident(self, _fields_of)
        rules.check_extensions(self.extensions)


def _fields_of(obj: Any) -> Any:
    return obj.__struct_fields__ if isinstance(obj, msgspec.Struct) else None


DECODER = msgspec.json.Decoder(Incident)
ENCODER = msgspec.json.Encoder()
