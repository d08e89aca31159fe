"""Static types of the records' constructors (checked by mypy, never run): a tuple
field takes any sequence and an enum field its member's value, while the fields
still read as the tuples and members the records hold."""
# mypy: enable-error-code="ignore-without-code"

from __future__ import annotations

from collections.abc import Sequence

from typing_extensions import assert_type

from incidentkit import (
    Actor,
    ActorKind,
    Alias,
    AliasKind,
    Claim,
    Count,
    CountQualifier,
    Defection,
    GeoPrecision,
    Group,
    Incident,
    IncidentType,
    Location,
    Organization,
    Participant,
    Person,
    RecordStatus,
    Role,
    Source,
    Time,
)


def accepted(when: Time, where: Location, sources: Sequence[Source], actor: Actor) -> None:
    taliban = Group(id="taliban", name="Taliban", aliases=[Alias(name="IEA", kind="acronym")])
    incident = Incident(
        id="almar-2021-03-10",
        type="attack",
        when=when,
        where=where,
        participants=[Participant(actor="taliban", role="perpetrator")],
        actors=[taliban, actor],  # a field of the shared base (Record)
        sources=sources,
        tags=["faryab"],
        status="confirmed",
    )
    assert_type(incident, Incident)
    # What the constructor converted reads as what the record holds.
    assert_type(incident.participants, tuple[Participant, ...])
    assert_type(incident.actors, tuple[Person | Organization | Group, ...])
    assert_type(incident.tags, tuple[str, ...])
    assert_type(incident.type, IncidentType)
    assert_type(incident.status, RecordStatus)
    assert_type(taliban.aliases, tuple[Alias, ...])
    assert_type(taliban.kind, ActorKind | None)
    assert_type(Alias(name="IEA", kind=AliasKind.ACRONYM).kind, AliasKind)
    assert_type(Participant(actor="taliban", role=Role.PERPETRATOR).role, Role)
    assert_type(Count(best=40, qualifier="about").qualifier, CountQualifier)
    assert_type(Person(id="amin", name="Amin", kind=None).kind, ActorKind | None)
    assert_type(Location(precision="exact").precision, GeoPrecision)
    assert_type(
        Defection(id="d", when=when, where=where, sources=(), status="reported"), Defection
    )
    if incident.status is not RecordStatus.REPORTED:  # narrowing keeps the member type
        assert_type(incident.status.description, str)


def misuses(when: Time, where: Location, incident: Incident) -> None:
    """Each line is a mistake the type checker must catch (see check_codec.py)."""
    Incident(id="x", type="attack", when=when, where=where, participants=5)  # type: ignore[arg-type]
    Incident(id="x", type="attack", when=when, where=where, participants=[1])  # type: ignore[list-item]
    Incident(id="x", type="attack", when=when, where=where, tags={"a"})  # type: ignore[arg-type]
    Incident(id="x", type=3, when=when, where=where)  # type: ignore[arg-type]
    Alias(name="IEA", kind=None)  # type: ignore[arg-type]
    Count(best=3, qualifier=3)  # type: ignore[arg-type]
    Claim(subject=Role.PERPETRATOR)  # type: ignore[call-arg]
    Person(id="amin", name="Amin", aliases=Alias(name="x"))  # type: ignore[arg-type]
    incident.participants = ()  # type: ignore[misc]
    incident.type = IncidentType.ATTACK  # type: ignore[misc]
    incident.participants.append(Participant(actor="a", role="victim"))  # type: ignore[attr-defined]
