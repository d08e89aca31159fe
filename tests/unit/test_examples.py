"""The reference report: every fact of it is in the records."""

from __future__ import annotations

from datetime import datetime, timezone

from incidentkit import (
    ClaimSubject,
    Count,
    CountQualifier,
    Group,
    IncidentType,
    OutcomeKind,
    Person,
    RecordStatus,
    Role,
    Stance,
    TimePrecision,
)
from incidentkit.examples import DEFECTION, INCIDENT, PUBLISHED


def test_capture_of_the_district_centre() -> None:
    assert INCIDENT.type is IncidentType.NON_STATE_ACTOR_OVERTAKES_TERRITORY
    assert INCIDENT.status is RecordStatus.DISPUTED
    assert INCIDENT.when.contains(datetime(2021, 3, 11, 8, 30, tzinfo=timezone.utc))
    assert INCIDENT.when.approximate
    assert INCIDENT.when.tz == "Asia/Kabul"
    assert INCIDENT.where.country == "AF"
    assert INCIDENT.where.admin1 is not None
    assert INCIDENT.where.admin1.name == "Faryab"
    taken = {o.subject for o in INCIDENT.outcomes if o.kind is OutcomeKind.FACILITY_TAKEN}
    assert taken == {"district governor's office", "police headquarters"}


def test_about_40_forces_escaped_to_a_base_4_km_away() -> None:
    forces = next(a for a in INCIDENT.actors if a.id == "local-forces")
    assert isinstance(forces, Group)
    assert forces.size is not None
    assert forces.size.best == 40
    assert forces.size.qualifier is CountQualifier.ABOUT
    withdrawal = next(o for o in INCIDENT.outcomes if o.actor == "local-forces")
    assert withdrawal.location is not None
    assert withdrawal.location.relative is not None
    assert withdrawal.location.relative.metres == 4000
    roles = {(p.actor, p.role) for p in INCIDENT.participants}
    assert ("local-forces", Role.WITHDREW) in roles


def test_governor_asserts_and_ministry_denies() -> None:
    by = {(c.claimant, c.stance) for c in INCIDENT.claims}
    assert ("naqibullah-fayeq", Stance.ASSERTS) in by
    assert ("mod-af", Stance.DENIES) in by
    governor = INCIDENT.memberships[0]
    assert governor.member == "naqibullah-fayeq"
    assert governor.post is not None
    assert all(c.source == "tolonews" for c in INCIDENT.claims if c.claimant != COUNCIL)
    silent = next(c for c in INCIDENT.claims if c.claimant == "taliban")
    assert silent.stance is Stance.NO_STATEMENT


COUNCIL = "faryab-council-member"


def test_council_members_toll_is_a_claim_value() -> None:
    member = next(a for a in INCIDENT.actors if a.id == COUNCIL)
    assert isinstance(member, Person)
    assert member.unnamed
    claim = next(c for c in INCIDENT.claims if c.claimant == COUNCIL)
    assert claim.source == "other-outlet"
    assert claim.target == "$.casualties[0]"
    assert claim.value is not None
    assert claim.value.casualties is not None
    toll = claim.value.casualties
    assert (toll.killed, toll.injured) == (Count(best=8), Count(best=8))
    assert INCIDENT.casualties[0] == toll


def test_defection_of_the_acting_police_chief() -> None:
    assert DEFECTION.id in INCIDENT.related
    assert (DEFECTION.from_organization, DEFECTION.to_organization) == ("faryab-police", "taliban")
    assert DEFECTION.when.precision is TimePrecision.PART_OF_DAY
    assert DEFECTION.when.latest <= INCIDENT.when.earliest  # the day before
    held = DEFECTION.membership
    assert held is not None
    assert held.acting
    assert held.post is not None
    assert held.start is not None
    assert held.start.approximate
    assert held.start.precision is TimePrecision.MONTH
    assert {c.claimant for c in DEFECTION.claims} == {"abdul-karim-yourish"}
    assert any(c.about is ClaimSubject.MEMBERSHIP for c in DEFECTION.claims)
    spokesman = DEFECTION.memberships[0]
    assert spokesman.post is not None
    assert spokesman.post.role == "spokesperson"


def test_published_on_the_thursday() -> None:
    assert PUBLISHED.at.weekday() == 3
    assert PUBLISHED.precision is TimePrecision.DAY
