"""Incidents: what happened, of which documented type, when, where, who took part
in which role, what it led to, and how many were hurt or counted."""

from __future__ import annotations

from collections.abc import Iterator

from ._fields import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    DocEnum,
    Items,
    Model,
    OneOf,
    field,
    id_field,
    record,
    rule,
)
from ._record import Record
from .errors import Problem
from .location import Location
from .quantity import Casualties, Count, Tally
from .time import Time

__all__ = [
    "Incident",
    "IncidentCategory",
    "IncidentType",
    "Outcome",
    "OutcomeKind",
    "Participant",
    "Role",
]


class IncidentCategory(DocEnum):
    """ACLED's event types, plus a category for changes of allegiance."""

    BATTLES = "battles", "Violent clashes between armed, organised groups."
    EXPLOSIONS_REMOTE_VIOLENCE = (
        "explosions_remote_violence",
        "One-sided violence by explosives or at a distance.",
    )
    VIOLENCE_AGAINST_CIVILIANS = (
        "violence_against_civilians",
        "Violence by an organised armed group against unarmed people.",
    )
    PROTESTS = "protests", "Public, non-violent demonstrations."
    RIOTS = "riots", "Violent demonstrations and mob violence."
    STRATEGIC_DEVELOPMENTS = (
        "strategic_developments",
        "Significant non-violent events: agreements, arrests, bases, transfers.",
    )
    CHANGE_OF_ALLEGIANCE = (
        "change_of_allegiance",
        "People or units leaving one organisation for another.",
    )


_C = IncidentCategory


class IncidentType(DocEnum):
    """The type of an incident: ACLED's sub-event types plus defection.

    Each type belongs to one :class:`IncidentCategory` (``IncidentType.category``).
    """

    ARMED_CLASH = "armed_clash", "Armed, organised groups fight; no territory changes hands."
    GOVERNMENT_REGAINS_TERRITORY = (
        "government_regains_territory",
        "State forces retake territory held by a non-state group.",
    )
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = (
        "non_state_actor_overtakes_territory",
        "A non-state group takes territory from state forces or another group.",
    )
    CHEMICAL_WEAPON = "chemical_weapon", "Use of a chemical weapon."
    AIR_DRONE_STRIKE = "air_drone_strike", "A strike from an aircraft or drone."
    SUICIDE_BOMB = "suicide_bomb", "An explosion set off by a person who dies in it."
    SHELLING_ARTILLERY_MISSILE_ATTACK = (
        "shelling_artillery_missile_attack",
        "Long-range fire: shelling, artillery, missiles, rockets.",
    )
    REMOTE_EXPLOSIVE_LANDMINE_IED = (
        "remote_explosive_landmine_ied",
        "A planted or remotely detonated explosive: mine, IED.",
    )
    GRENADE = "grenade", "A grenade or similar hand-thrown explosive."
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence against civilians."
    ATTACK = "attack", "An armed attack on civilians."
    ABDUCTION_FORCED_DISAPPEARANCE = (
        "abduction_forced_disappearance",
        "Civilians abducted or forcibly disappeared.",
    )
    PEACEFUL_PROTEST = "peaceful_protest", "A demonstration without intervention."
    PROTEST_WITH_INTERVENTION = (
        "protest_with_intervention",
        "A peaceful demonstration that authorities disperse or repress.",
    )
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = (
        "excessive_force_against_protesters",
        "Lethal or grave force used against peaceful protesters.",
    )
    VIOLENT_DEMONSTRATION = "violent_demonstration", "A demonstration turning violent."
    MOB_VIOLENCE = "mob_violence", "Violence by an unorganised crowd."
    AGREEMENT = "agreement", "A ceasefire, peace deal or other agreement."
    ARRESTS = "arrests", "Arrests or detentions by state forces."
    CHANGE_TO_GROUP_ACTIVITY = (
        "change_to_group_activity",
        "A group changes its structure or behaviour in a significant way.",
    )
    DISRUPTED_WEAPONS_USE = (
        "disrupted_weapons_use",
        "Weapons seized or defused, or an attack foiled.",
    )
    HEADQUARTERS_OR_BASE_ESTABLISHED = (
        "headquarters_or_base_established",
        "A group sets up a headquarters or base without fighting.",
    )
    LOOTING_PROPERTY_DESTRUCTION = (
        "looting_property_destruction",
        "Property looted or destroyed without other violence.",
    )
    NON_VIOLENT_TRANSFER_OF_TERRITORY = (
        "non_violent_transfer_of_territory",
        "Territory changes hands without fighting (a withdrawal, a handover).",
    )
    OTHER = "other", "Another significant strategic development."
    DEFECTION = "defection", "A person or unit changes allegiance (see Defection records)."

    @property
    def category(self) -> IncidentCategory:
        """The ACLED event type (or change of allegiance) this type belongs to."""
        return INCIDENT_CATEGORIES[self]


_T = IncidentType

#: Which category each incident type belongs to.
INCIDENT_CATEGORIES: dict[IncidentType, IncidentCategory] = {
    _T.ARMED_CLASH: _C.BATTLES,
    _T.GOVERNMENT_REGAINS_TERRITORY: _C.BATTLES,
    _T.NON_STATE_ACTOR_OVERTAKES_TERRITORY: _C.BATTLES,
    _T.CHEMICAL_WEAPON: _C.EXPLOSIONS_REMOTE_VIOLENCE,
    _T.AIR_DRONE_STRIKE: _C.EXPLOSIONS_REMOTE_VIOLENCE,
    _T.SUICIDE_BOMB: _C.EXPLOSIONS_REMOTE_VIOLENCE,
    _T.SHELLING_ARTILLERY_MISSILE_ATTACK: _C.EXPLOSIONS_REMOTE_VIOLENCE,
    _T.REMOTE_EXPLOSIVE_LANDMINE_IED: _C.EXPLOSIONS_REMOTE_VIOLENCE,
    _T.GRENADE: _C.EXPLOSIONS_REMOTE_VIOLENCE,
    _T.SEXUAL_VIOLENCE: _C.VIOLENCE_AGAINST_CIVILIANS,
    _T.ATTACK: _C.VIOLENCE_AGAINST_CIVILIANS,
    _T.ABDUCTION_FORCED_DISAPPEARANCE: _C.VIOLENCE_AGAINST_CIVILIANS,
    _T.PEACEFUL_PROTEST: _C.PROTESTS,
    _T.PROTEST_WITH_INTERVENTION: _C.PROTESTS,
    _T.EXCESSIVE_FORCE_AGAINST_PROTESTERS: _C.PROTESTS,
    _T.VIOLENT_DEMONSTRATION: _C.RIOTS,
    _T.MOB_VIOLENCE: _C.RIOTS,
    _T.AGREEMENT: _C.STRATEGIC_DEVELOPMENTS,
    _T.ARRESTS: _C.STRATEGIC_DEVELOPMENTS,
    _T.CHANGE_TO_GROUP_ACTIVITY: _C.STRATEGIC_DEVELOPMENTS,
    _T.DISRUPTED_WEAPONS_USE: _C.STRATEGIC_DEVELOPMENTS,
    _T.HEADQUARTERS_OR_BASE_ESTABLISHED: _C.STRATEGIC_DEVELOPMENTS,
    _T.LOOTING_PROPERTY_DESTRUCTION: _C.STRATEGIC_DEVELOPMENTS,
    _T.NON_VIOLENT_TRANSFER_OF_TERRITORY: _C.STRATEGIC_DEVELOPMENTS,
    _T.OTHER: _C.STRATEGIC_DEVELOPMENTS,
    _T.DEFECTION: _C.CHANGE_OF_ALLEGIANCE,
}


class Role(DocEnum):
    """The part an actor plays in an incident."""

    PERPETRATOR = "perpetrator", "Carried out the attack or action."
    TARGET = "target", "Was attacked or acted upon."
    DEFENDER = "defender", "Defended against an attack."
    WITHDREW = "withdrew", "Withdrew, retreated or escaped."
    MEDIATOR = "mediator", "Mediated between other parties."
    SUPPORTER = "supporter", "Supported another participant (air support, reinforcements)."
    PARTY = (
        "party",
        "Took part, in a role the source does not say (as ACLED, whose order of "
        "actors has no meaning outside violence against civilians).",
    )
    OTHER = "other", "Another role; say which in the note."


class OutcomeKind(DocEnum):
    """What an incident led to."""

    TERRITORY_TAKEN = "territory_taken", "An area came under the actor's control."
    TERRITORY_REGAINED = "territory_regained", "State forces retook an area."
    FACILITY_TAKEN = "facility_taken", "A building or facility was seized."
    FACILITY_DESTROYED = "facility_destroyed", "A building or facility was destroyed."
    WITHDRAWAL = "withdrawal", "The actor withdrew or escaped (to the location given)."
    SURRENDER = "surrender", "The actor surrendered."
    BASE_ESTABLISHED = "base_established", "The actor set up a base or headquarters."
    EQUIPMENT_SEIZED = "equipment_seized", "Weapons, vehicles or supplies were seized."
    OTHER = "other", "Another outcome; describe it."


@record
class Participant(Model):
    """An actor of the record in a role."""

    actor: str = id_field(
        refers_to="actors", description="Id of the actor (in the record's actors)."
    )
    role: OneOf[Role] = field(description="The part the actor played.")
    note: str | None = field(
        default=None, min_length=1, max_length=500, description="Detail on the role."
    )


@record
class Outcome(Model):
    """Something the incident led to: territory or a facility taken, a withdrawal."""

    kind: OneOf[OutcomeKind] = field(description="What kind of outcome.")
    actor: str | None = id_field(
        refers_to="actors", default=None, description="Id of the actor who gained, lost or moved."
    )
    subject: str | None = field(
        default=None,
        min_length=1,
        max_length=200,
        description="What was taken or lost, in a few words.",
        examples=("district governor's office", "police headquarters"),
    )
    location: Location | None = field(
        default=None, description="Where the outcome took place (e.g. where forces went)."
    )
    count: Count | None = field(default=None, description="How many people or things.")


@record(schema="incident", document=True, rank=-3)
class Incident(Record):
    """A security incident as one or more reports describe it."""

    type: OneOf[IncidentType] = field(description="Type from the documented taxonomy.")
    when: Time = field(description="When it happened (or began).")
    until: Time | None = field(default=None, description="When it ended, if it lasted.")
    where: Location = field(description="Where it happened.")
    participants: Items[Participant] = field(
        factory=tuple, description="Actors of the record in their roles."
    )
    outcomes: Items[Outcome] = field(factory=tuple, description="What it led to.")
    casualties: Items[Casualties] = field(factory=tuple, description="Casualty figures per side.")
    tallies: Items[Tally] = field(factory=tuple, description="Other counts reported.")
    related: Items[str] = field(
        factory=tuple,
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        unique=True,
        description="Ids of related records, such as a Defection this incident involves.",
    )

    @rule(
        "an incident's until is not before its when",
        # A later start is enough, without computing bounds (zone conversions): a
        # period never ends before it starts and margins only widen it, so
        # until.latest >= until.at > when.at >= when.earliest.
        holds=(
            "self.until is None or self.until.at > self.when.at"
            " or self.until.latest > self.when.earliest"
        ),
    )
    def _ordered(self) -> Iterator[Problem]:
        if self.until is not None and self.until.latest <= self.when.earliest:
            yield Problem("$.until", "ends before it begins")
