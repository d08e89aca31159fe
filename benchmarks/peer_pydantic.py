"""The Incident shape as pydantic v2 models, with the same constraints and rules.

Strict (no coercion from strings to numbers), unknown keys forbidden, frozen, no
NaN or infinity; bounds, lengths and patterns as ``Field`` constraints; the
cross-field rules (``peer_rules``) in after-validators. Patterns and limits are read
from incidentkit's own declarations so that both sides check the same thing.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import peer_rules as rules
from peer_rules import declared
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator
from pydantic import StringConstraints as S

import incidentkit as ik
from incidentkit._countries import COUNTRY_CODES
from incidentkit._fields import ID_MAX_LENGTH, ID_PATTERN, MAX_SAFE_INT
from incidentkit.time import MAX_MARGIN_SECONDS, MAX_SPAN

Id = Annotated[str, S(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Text200 = Annotated[str, S(min_length=1, max_length=200)]
Country = Literal[COUNTRY_CODES]  # type: ignore[valid-type]
Number = Annotated[int, Field(ge=0, le=MAX_SAFE_INT)]
Language = Annotated[str, S(pattern=declared(ik.Source, "language").pattern, max_length=35)]


class Base(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class Time(Base):
    at: AwareDatetime
    tz: Annotated[str, S(pattern=declared(ik.Time, "tz").pattern, max_length=64)]
    precision: ik.TimePrecision
    span: Annotated[int, Field(ge=1, le=MAX_SPAN)] = 1
    part_of_day: ik.PartOfDay | None = None
    approximate: bool = False
    uncertain: bool = False
    margin_seconds: Annotated[int, Field(ge=0, le=MAX_MARGIN_SECONDS)] | None = None

    @model_validator(mode="after")
    def _rules(self) -> Time:
        rules.check_time(self)
        return self


class Count(Base):
    best: Number
    qualifier: ik.CountQualifier = ik.CountQualifier.EXACT
    low: Number | None = None
    high: Number | None = None

    @model_validator(mode="after")
    def _rules(self) -> Count:
        rules.check_count(self)
        return self


class Point(Base):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class AdminArea(Base):
    name: Text200
    code: Annotated[str, S(min_length=1, max_length=32)] | None = None


class RelativePosition(Base):
    anchor: Location
    distance: Annotated[float, Field(ge=0, le=20_040_000)] | None = None
    unit: ik.DistanceUnit = ik.DistanceUnit.KM
    bearing: Annotated[float, Field(ge=0, lt=360)] | None = None
    approximate: bool = False

    @model_validator(mode="after")
    def _rules(self) -> RelativePosition:
        rules.check_relative(self)
        return self


class Location(Base):
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

    @model_validator(mode="after")
    def _rules(self) -> Location:
        rules.check_location(self)
        return self


class Alias(Base):
    name: Text200
    kind: ik.AliasKind = ik.AliasKind.ALIAS
    language: Language | None = None
    script: Annotated[str, S(pattern=declared(ik.Alias, "script").pattern)] | None = None


class _ActorBase(Base):
    id: Id
    name: Text200
    aliases: tuple[Alias, ...] = ()
    kind: ik.ActorKind | None = None
    country: Country | None = None
    description: Annotated[str, S(max_length=2000)] | None = None


class Person(_ActorBase):
    type: Literal["person"]


class Organization(_ActorBase):
    type: Literal["organization"]
    category: ik.OrgCategory | None = None
    parent: Id | None = None


class Group(_ActorBase):
    type: Literal["group"]
    size: Count | None = None
    part_of: Id | None = None


Actor = Annotated[Person | Organization | Group, Field(discriminator="type")]


class Post(Base):
    label: Text200
    organization: Id
    role: Annotated[str, S(min_length=1, max_length=100)] | None = None
    area: Location | None = None
    id: Id | None = None


class Membership(Base):
    member: Id
    organization: Id
    post: Post | None = None
    acting: bool = False
    start: Time | None = None
    end: Time | None = None

    @model_validator(mode="after")
    def _rules(self) -> Membership:
        rules.check_membership(self)
        return self


class Source(Base):
    id: Id
    publisher: Text200
    kind: ik.SourceKind = ik.SourceKind.NEWS
    scale: ik.SourceScale | None = None
    title: Annotated[str, S(min_length=1, max_length=500)] | None = None
    url: Annotated[str, S(pattern=declared(ik.Source, "url").pattern, max_length=2048)] | None = (
        None
    )
    language: Language | None = None
    published: Time | None = None


class Claim(Base):
    stance: ik.Stance
    about: ik.ClaimSubject
    claimant: Id | None = None
    source: Id | None = None
    target: (
        Annotated[str, S(pattern=declared(ik.Claim, "target").pattern, max_length=200)] | None
    ) = None
    made: Time | None = None
    text: Annotated[str, S(min_length=1, max_length=2000)] | None = None
    quoted: bool = False

    @model_validator(mode="after")
    def _rules(self) -> Claim:
        rules.check_claim(self)
        return self


class Participant(Base):
    actor: Id
    role: ik.Role
    note: Annotated[str, S(min_length=1, max_length=500)] | None = None


class Outcome(Base):
    kind: ik.OutcomeKind
    actor: Id | None = None
    subject: Text200 | None = None
    location: Location | None = None
    count: Count | None = None


class Casualties(Base):
    actor: Id | None = None
    civilians: bool = False
    killed: Count | None = None
    injured: Count | None = None
    captured: Count | None = None
    missing: Count | None = None

    @model_validator(mode="after")
    def _rules(self) -> Casualties:
        rules.check_casualties(self)
        return self


class Tally(Base):
    subject: Text200
    count: Count
    actor: Id | None = None


ExtensionKey = Annotated[
    str, S(pattern=declared(ik.Incident, "extensions").pattern, max_length=100)
]


class Incident(Base):
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
    notes: Annotated[str, S(max_length=20_000)] | None = None
    tags: tuple[Annotated[str, S(min_length=1, max_length=64)], ...] = ()
    extensions: dict[ExtensionKey, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _rules(self) -> Incident:
        rules.check_incident(self, _fields_of)
        rules.check_extensions(self.extensions)
        return self


def _fields_of(obj: Any) -> Any:
    return type(obj).model_fields if isinstance(obj, BaseModel) else None


RelativePosition.model_rebuild()
