"""The reference report, encoded completely.

A national broadcaster reported on Thursday 11 March 2021 that insurgents had taken
the centre of Almar district in Faryab province, Afghanistan, that afternoon. Local
security sources gave the time (about 1pm) and said about 40 local forces, once
surrounded, escaped to a base 4 km away, while other forces held positions about
200 m from the centre; the governor's office and police headquarters were taken. The
provincial governor said the forces withdrew to spare civilians and local forces.
The defence ministry called the news of the district's fall incorrect and said the
district was under government control. A spokesman for the provincial police chief
said the acting district police chief, appointed about three months earlier, had
joined the insurgents on the Wednesday afternoon. The insurgents had not commented.

Another outlet, reporting the same event, quoted a member of the provincial council
(not named) saying 8 people were killed and 8 wounded; the record holds that figure,
whose side the report does not give, as its casualties and as his claim.

:data:`INCIDENT` is the capture of the district centre and :data:`DEFECTION` the
police chief's change of sides; the incident lists the defection in ``related``.
"""

from __future__ import annotations

from ._record import RecordStatus
from .actors import (
    ActorKind,
    Alias,
    AliasKind,
    Group,
    Membership,
    Organization,
    OrgCategory,
    Person,
    Post,
)
from .defection import Defection
from .evidence import Claim, ClaimSubject, ClaimValue, Source, SourceKind, SourceScale, Stance
from .incident import Incident, IncidentType, Outcome, OutcomeKind, Participant, Role
from .location import (
    AdminArea,
    DistanceUnit,
    FeatureKind,
    GeoPrecision,
    Location,
    RelativePosition,
)
from .quantity import Casualties, Count, CountQualifier, Tally
from .time import Time
from .timephrases import resolve_time

__all__ = ["DEFECTION", "INCIDENT", "PUBLISHED", "RECORDS"]

KABUL = "Asia/Kabul"

#: When the report was published (the day is known, the hour is not).
PUBLISHED = Time.local(2021, 3, 11, tz=KABUL)


def _when(phrase: str) -> Time:
    """A phrase of the report, resolved against its publication day in Kabul."""
    return resolve_time(phrase, reference=PUBLISHED, tz=KABUL)


_FARYAB = AdminArea(name="Faryab")
_ALMAR = AdminArea(name="Almar")

_DISTRICT_CENTRE = Location(
    id="almar-centre",
    name="Almar district centre",
    feature=FeatureKind.DISTRICT_CENTRE,
    country="AF",
    admin1=_FARYAB,
    admin2=_ALMAR,
    precision=GeoPrecision.ADMIN2,
)

_BASE = Location(
    id="khawja-osman-base",
    name="Khawja Osman base",
    feature=FeatureKind.BASE,
    country="AF",
    admin1=_FARYAB,
    admin2=_ALMAR,
    precision=GeoPrecision.NEAR,
    relative=RelativePosition(anchor=_DISTRICT_CENTRE, distance=4, unit=DistanceUnit.KM),
)

_HOLDING_POSITION = Location(
    name="positions near the district centre",
    feature=FeatureKind.AREA,
    country="AF",
    admin1=_FARYAB,
    admin2=_ALMAR,
    precision=GeoPrecision.NEAR,
    relative=RelativePosition(
        anchor=_DISTRICT_CENTRE, distance=200, unit=DistanceUnit.M, approximate=True
    ),
)

_TOLO = Source(
    id="tolonews",
    publisher="Tolo News",
    kind=SourceKind.NEWS,
    scale=SourceScale.NATIONAL,
    title="Taliban capture center of Almar District in Faryab",
    language="en",
    published=PUBLISHED,
)

#: The other outlet that reported the same event; the reference seed does not name it.
_OTHER_OUTLET = Source(
    id="other-outlet",
    publisher="another outlet (not named in the reference seed)",
    kind=SourceKind.NEWS,
)
_COUNCIL_MEMBER = Person(
    id="faryab-council-member",
    name="a member of the Faryab provincial council",
    unnamed=True,
    country="AF",
)
#: "8 killed, 8 wounded", sides not given.
_TOLL = Casualties(killed=Count(best=8), injured=Count(best=8))

_TALIBAN = Organization(
    id="taliban",
    name="Taliban",
    aliases=(Alias(name="Islamic Emirate of Afghanistan", kind=AliasKind.ALIAS),),
    kind=ActorKind.REBEL_GROUP,
    category=OrgCategory.ARMED_GROUP,
    country="AF",
)
_ANDSF = Organization(
    id="andsf",
    name="Afghan National Defense and Security Forces",
    aliases=(Alias(name="ANDSF", kind=AliasKind.ACRONYM),),
    kind=ActorKind.STATE_FORCES,
    category=OrgCategory.ARMED_FORCES,
    country="AF",
)
_MOD = Organization(
    id="mod-af",
    name="Ministry of Defense",
    kind=ActorKind.STATE_FORCES,
    category=OrgCategory.MINISTRY,
    country="AF",
)
_POLICE = Organization(
    id="faryab-police",
    name="Faryab provincial police",
    kind=ActorKind.STATE_FORCES,
    category=OrgCategory.POLICE,
    parent="andsf",
    country="AF",
)
_GOVERNMENT = Organization(
    id="faryab-government",
    name="Faryab provincial government",
    kind=ActorKind.STATE_FORCES,
    category=OrgCategory.GOVERNMENT,
    country="AF",
)
_LOCAL_FORCES = Group(
    id="local-forces",
    name="local security forces",
    kind=ActorKind.STATE_FORCES,
    size=Count(best=40, qualifier=CountQualifier.ABOUT),
    part_of="andsf",
    country="AF",
)
_SECURITY_SOURCES = Group(
    id="local-security-sources",
    name="local security sources",
    kind=ActorKind.STATE_FORCES,
    part_of="andsf",
    country="AF",
    description="Unnamed security officials quoted by the broadcaster.",
)
_GOVERNOR = Person(id="naqibullah-fayeq", name="Naqibullah Fayeq", country="AF")
_SPOKESMAN = Person(id="abdul-karim-yourish", name="Abdul Karim Yourish", country="AF")
_POLICE_CHIEF = Person(
    id="mohammad-amin-patang",
    name="Mohammad Amin Patang",
    kind=ActorKind.STATE_FORCES,
    country="AF",
)

_GOVERNOR_POST = Membership(
    member="naqibullah-fayeq",
    organization="faryab-government",
    post=Post(
        label="Governor of Faryab province",
        organization="faryab-government",
        role="governor",
        area=Location(name="Faryab", country="AF", admin1=_FARYAB, precision=GeoPrecision.ADMIN1),
    ),
)
_SPOKESMAN_POST = Membership(
    member="abdul-karim-yourish",
    organization="faryab-police",
    post=Post(
        label="Spokesman for the Faryab provincial police chief",
        organization="faryab-police",
        role="spokesperson",
    ),
)
_POLICE_CHIEF_POST = Membership(
    member="mohammad-amin-patang",
    organization="faryab-police",
    post=Post(
        id="almar-police-chief",
        label="District police chief, Almar",
        organization="faryab-police",
        role="police chief",
        area=_DISTRICT_CENTRE,
    ),
    acting=True,
    # "appointed ... three months ago": December 2020, approximate.
    start=_when("three months ago"),
    # He left the post when he defected, on the Wednesday afternoon.
    end=_when("on Wednesday afternoon"),
)

#: The police chief's change of sides, as the police spokesman reported it.
DEFECTION = Defection(
    id="almar-2021-03-10-defection",
    defector="mohammad-amin-patang",
    from_organization="faryab-police",
    to_organization="taliban",
    when=_when("on Wednesday afternoon"),
    membership=_POLICE_CHIEF_POST,
    where=Location(
        name="Almar", country="AF", admin1=_FARYAB, admin2=_ALMAR, precision=GeoPrecision.ADMIN2
    ),
    status=RecordStatus.REPORTED,
    actors=(_POLICE_CHIEF, _SPOKESMAN, _POLICE, _TALIBAN, _ANDSF),
    memberships=(_SPOKESMAN_POST,),
    sources=(_TOLO,),
    claims=(
        Claim(
            stance=Stance.ASSERTS,
            about=ClaimSubject.RECORD,
            claimant="abdul-karim-yourish",
            source="tolonews",
            made=PUBLISHED,
            text="The acting district police chief joined the Taliban on Wednesday afternoon.",
        ),
        Claim(
            stance=Stance.ASSERTS,
            about=ClaimSubject.MEMBERSHIP,
            claimant="abdul-karim-yourish",
            source="tolonews",
            target="$.membership",
            text="He had been appointed acting police chief of Almar three months earlier.",
        ),
    ),
    tags=("faryab", "almar"),
)

#: The capture of the Almar district centre, with the competing claims about it.
INCIDENT = Incident(
    id="almar-2021-03-11-capture",
    type=IncidentType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
    status=RecordStatus.DISPUTED,
    # 13:00 in Kabul (08:30 UTC), hour precision, approximate.
    when=_when("on Thursday afternoon at about 1pm"),
    where=_DISTRICT_CENTRE,
    participants=(
        Participant(actor="taliban", role=Role.PERPETRATOR),
        Participant(actor="local-forces", role=Role.DEFENDER),
        Participant(
            actor="local-forces", role=Role.WITHDREW, note="escaped after being surrounded"
        ),
    ),
    outcomes=(
        Outcome(
            kind=OutcomeKind.TERRITORY_TAKEN, actor="taliban", subject="Almar district centre"
        ),
        Outcome(
            kind=OutcomeKind.FACILITY_TAKEN, actor="taliban", subject="district governor's office"
        ),
        Outcome(kind=OutcomeKind.FACILITY_TAKEN, actor="taliban", subject="police headquarters"),
        Outcome(
            kind=OutcomeKind.WITHDRAWAL,
            actor="local-forces",
            location=_BASE,
            count=Count(best=40, qualifier=CountQualifier.ABOUT),
        ),
        Outcome(kind=OutcomeKind.WITHDRAWAL, actor="andsf", location=_HOLDING_POSITION),
    ),
    casualties=(_TOLL,),
    tallies=(
        Tally(
            subject="local security forces who escaped encirclement",
            count=Count(best=40, qualifier=CountQualifier.ABOUT),
            actor="local-forces",
        ),
    ),
    related=("almar-2021-03-10-defection",),
    actors=(
        _TALIBAN,
        _ANDSF,
        _MOD,
        _GOVERNMENT,
        _LOCAL_FORCES,
        _SECURITY_SOURCES,
        _GOVERNOR,
        _COUNCIL_MEMBER,
    ),
    memberships=(_GOVERNOR_POST,),
    sources=(_TOLO, _OTHER_OUTLET),
    claims=(
        Claim(
            stance=Stance.ASSERTS,
            about=ClaimSubject.RECORD,
            claimant="local-security-sources",
            source="tolonews",
            text="The Taliban took the district centre at about 1pm on Thursday.",
        ),
        Claim(
            stance=Stance.ASSERTS,
            about=ClaimSubject.OUTCOME,
            claimant="local-security-sources",
            source="tolonews",
            target="$.outcomes[3]",
            text="About 40 surrounded local forces escaped to a base 4 km away.",
        ),
        Claim(
            stance=Stance.ASSERTS,
            about=ClaimSubject.OUTCOME,
            claimant="naqibullah-fayeq",
            source="tolonews",
            target="$.outcomes[3]",
            text="Forces withdrew from the centre to spare civilians and local forces.",
        ),
        Claim(
            stance=Stance.DENIES,
            about=ClaimSubject.RECORD,
            claimant="mod-af",
            source="tolonews",
            text=(
                "Reports of the district's fall are incorrect; an operation cleared "
                "large areas and the district is under government control."
            ),
        ),
        Claim(
            stance=Stance.NO_STATEMENT,
            about=ClaimSubject.RECORD,
            claimant="taliban",
            source="tolonews",
            text="The Taliban has not yet commented.",
        ),
        Claim(
            stance=Stance.ASSERTS,
            about=ClaimSubject.CASUALTIES,
            claimant="faryab-council-member",
            source="other-outlet",
            target="$.casualties[0]",
            value=ClaimValue(casualties=_TOLL),
            text="8 people were killed and 8 wounded.",
        ),
    ),
    notes="The Taliban had not commented when the report was published.",
    tags=("faryab", "almar"),
)

#: Every record of the reference report.
RECORDS = (INCIDENT, DEFECTION)
