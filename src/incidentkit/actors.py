"""Who takes part: people, organisations and unnamed groups; the posts people hold
and their memberships (after the Popolo standard)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ._countries import COUNTRY_CODES
from ._fields import (
    LANGUAGE_PATTERN,
    DocEnum,
    Items,
    Model,
    OneOf,
    Reference,
    SharedFields,
    field,
    id_field,
    record,
    rule,
    tag_field,
)
from ._typetree import register_union
from .errors import Problem
from .location import Location
from .quantity import Count
from .time import Time

__all__ = [
    "ACLED_INTER_CODES",
    "Actor",
    "ActorKind",
    "Alias",
    "AliasKind",
    "Group",
    "Membership",
    "OrgCategory",
    "Organization",
    "Person",
    "Post",
]


class ActorKind(DocEnum):
    """The kind of actor, aligned with ACLED's actor types (see ACLED_INTER_CODES)."""

    STATE_FORCES = "state_forces", "Forces of a recognised state: army, police, ministries."
    REBEL_GROUP = "rebel_group", "An armed group seeking to replace or secede from a state."
    POLITICAL_MILITIA = "political_militia", "An armed group serving a political end."
    IDENTITY_MILITIA = "identity_militia", "An armed group organised around an identity."
    RIOTERS = "rioters", "People taking part in violent demonstrations."
    PROTESTERS = "protesters", "People demonstrating peacefully."
    CIVILIANS = "civilians", "Unarmed people not part of any armed group."
    EXTERNAL_OTHER = "external_other", "International bodies, foreign forces, others."


#: ACLED's ``inter1``/``inter2`` code for each actor kind.
ACLED_INTER_CODES: dict[ActorKind, int] = {
    ActorKind.STATE_FORCES: 1,
    ActorKind.REBEL_GROUP: 2,
    ActorKind.POLITICAL_MILITIA: 3,
    ActorKind.IDENTITY_MILITIA: 4,
    ActorKind.RIOTERS: 5,
    ActorKind.PROTESTERS: 6,
    ActorKind.CIVILIANS: 7,
    ActorKind.EXTERNAL_OTHER: 8,
}


class OrgCategory(DocEnum):
    """What an organisation is, independently of its ACLED actor kind."""

    ARMED_GROUP = "armed_group", "A non-state armed group."
    ARMED_FORCES = "armed_forces", "A state's military."
    POLICE = "police", "A police force or one of its commands."
    INTELLIGENCE = "intelligence", "An intelligence service."
    MINISTRY = "ministry", "A government ministry."
    GOVERNMENT = "government", "A government or a governor's office."
    POLITICAL_PARTY = "political_party", "A political party."
    MEDIA = "media", "A news organisation."
    NGO = "ngo", "A non-governmental organisation."
    INTERNATIONAL = "international", "An international organisation or mission."
    OTHER = "other", "None of the above."


class AliasKind(DocEnum):
    """How an alternative name relates to the main one."""

    ALIAS = "alias", "Another name in use."
    TRANSLITERATION = "transliteration", "The name written in another script's spelling."
    NATIVE = "native", "The name in its original language and script."
    ACRONYM = "acronym", "An abbreviation."
    FORMER = "former", "A name no longer in use."


@record
class Alias(Model):
    """An alternative name or spelling of an actor."""

    name: str = field(min_length=1, max_length=200, description="The name.")
    kind: OneOf[AliasKind] = field(default=AliasKind.ALIAS, description="What kind of name.")
    language: str | None = field(
        default=None,
        pattern=LANGUAGE_PATTERN,
        max_length=35,
        description="BCP 47 language tag of the name.",
        examples=("ps", "fa-AF"),
    )
    script: str | None = field(
        default=None,
        pattern=r"^[A-Z][a-z]{3}$",
        description="ISO 15924 script code.",
        examples=("Arab", "Latn"),
    )


@record(abstract=True)
class _ActorBase(Model, metaclass=SharedFields):
    """Fields every kind of actor has."""

    id: str = id_field(description="Identifier, unique within the record.")
    name: str = field(
        min_length=1,
        max_length=200,
        description="Name as reported; for a group, the words the report uses.",
        examples=("Mohammad Amin Patang", "local security forces"),
    )
    aliases: Items[Alias] = field(factory=tuple, description="Other names and spellings.")
    kind: OneOf[ActorKind | None] = field(default=None, description="ACLED actor kind.")
    country: str | None = field(
        default=None,
        choices=COUNTRY_CODES,
        description="ISO 3166-1 alpha-2 code of the country the actor belongs to.",
    )
    description: str | None = field(
        default=None, max_length=2000, description="A short note on who this is."
    )


@record(schema="person")
class Person(_ActorBase):
    """An individual: named, or (``unnamed``) described as the report describes them."""

    type: Literal["person"] = tag_field("person", description="Tag: a person.")
    unnamed: bool = field(
        default=False,
        description=(
            "The report does not name the person; name holds how it describes them "
            "('a member of the provincial council'), never an invented name."
        ),
    )
    title: str | None = field(
        default=None,
        min_length=1,
        max_length=100,
        description="Rank or title as reported, without the name.",
        examples=("Captain", "General", "Mullah"),
    )


@record(schema="organization")
class Organization(_ActorBase):
    """A named organisation: an armed group, state forces, a ministry, the media."""

    type: Literal["organization"] = tag_field("organization", description="Tag: an organisation.")
    category: OneOf[OrgCategory | None] = field(
        default=None, description="What the organisation is."
    )
    parent: str | None = id_field(
        default=None,
        refers_to=Reference("actors", kinds=("organization", "group")),
        description="Id of the organisation this one is part of (police within national forces).",
    )


@record(schema="group")
class Group(_ActorBase):
    """An unnamed collective as a report describes it ("local security forces")."""

    type: Literal["group"] = tag_field("group", description="Tag: a group.")
    size: Count | None = field(default=None, description="How many people it numbers.")
    part_of: str | None = id_field(
        refers_to=Reference("actors", kinds=("organization", "group")),
        default=None,
        description="Id of the organisation (or larger group) the group belongs to.",
    )


#: Any actor; on the wire the ``type`` key says which.
Actor = Person | Organization | Group
register_union(Actor, name="Actor", schema="actor", rank=-1)


@record
class Post(Model):
    """A position in an organisation that a person can hold ("district police
    chief of Almar"), independent of who holds it."""

    label: str = field(
        min_length=1,
        max_length=200,
        description="The post as named.",
        examples=("District police chief, Almar",),
    )
    organization: str = id_field(
        refers_to="actors", description="Id of the organisation the post is in."
    )
    role: str | None = field(
        default=None,
        min_length=1,
        max_length=100,
        description="The generic role (police chief, governor, spokesperson).",
    )
    area: Location | None = field(default=None, description="The area the post covers.")
    id: str | None = id_field(default=None, description="Identifier of the post.")


@record
class Membership(Model):
    """A person (or group) belonging to an organisation, optionally in a post,
    for a period."""

    member: str = id_field(
        refers_to="actors", description="Id of the person or group who is a member."
    )
    organization: str = id_field(refers_to="actors", description="Id of the organisation.")
    post: Post | None = field(default=None, description="The post held, if any.")
    acting: bool = field(default=False, description="The post is held in an acting capacity.")
    start: Time | None = field(default=None, description="When the membership began.")
    end: Time | None = field(default=None, description="When the membership ended.")

    @rule(
        "a membership's end is not before its start",
        holds=(
            "self.start is None or self.end is None or self.end.at > self.start.at"
            " or self.end.latest > self.start.earliest"  # (see Incident._ordered)
        ),
    )
    def _ordered(self) -> Iterator[Problem]:
        start, end = self.start, self.end
        if start is not None and end is not None and end.latest <= start.earliest:
            yield Problem("$.end", "ends before it starts")

    @rule(
        "a membership's post is in the membership's organisation",
        holds="self.post is None or self.post.organization == self.organization",
    )
    def _same_org(self) -> Iterator[Problem]:
        if self.post is not None and self.post.organization != self.organization:
            yield Problem("$.post.organization", "must be the membership's organization")
