"""Defections: a person or unit leaving one organisation for another."""

from __future__ import annotations

from collections.abc import Iterator

from ._fields import Items, field, id_field, record, rule
from ._record import Record
from .actors import Membership
from .errors import Problem
from .location import Location
from .quantity import Count
from .time import Time

__all__ = ["Defection"]


@record(schema="defection", document=True, rank=-2)
class Defection(Record):
    """A person or unit leaving one organisation for another: who, from where to
    where, the post held at the time, when, and who reported it.

    A record in its own right; an :class:`~incidentkit.Incident` refers to it by id
    in ``related``.
    """

    defector: str = id_field(
        refers_to="actors", description="Id of the person or group who defected."
    )
    from_organization: str = id_field(
        refers_to="actors", description="Id of the organisation left."
    )
    to_organization: str = id_field(
        refers_to="actors", description="Id of the organisation joined."
    )
    when: Time = field(description="When the defection happened.")
    membership: Membership | None = field(
        default=None,
        description="The membership (and post) the defector held in the organisation left.",
    )
    where: Location | None = field(default=None, description="Where it happened.")
    followers: Count | None = field(
        default=None, description="How many others went with the defector."
    )
    equipment: Items[str] = field(
        factory=tuple,
        min_length=1,
        max_length=200,
        description="Weapons or equipment taken along, as reported.",
    )

    @rule(
        "a defection goes from one organisation to a different one",
        holds="self.from_organization != self.to_organization"
        " and self.defector != self.from_organization and self.defector != self.to_organization",
    )
    def _different(self) -> Iterator[Problem]:
        if self.from_organization == self.to_organization:
            yield Problem("$.to_organization", "is the organisation the defector left")
        if self.defector in (self.from_organization, self.to_organization):
            yield Problem("$.defector", "cannot be the organisation left or joined")

    @rule(
        "the membership held is the defector's, in the organisation left",
        holds="self.membership is None or (self.membership.member == self.defector"
        " and self.membership.organization == self.from_organization)",
    )
    def _membership_matches(self) -> Iterator[Problem]:
        if self.membership is None:
            return
        if self.membership.member != self.defector:
            yield Problem("$.membership.member", "must be the defector")
        if self.membership.organization != self.from_organization:
            yield Problem("$.membership.organization", "must be the organisation left")
