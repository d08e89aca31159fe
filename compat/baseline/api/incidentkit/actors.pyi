from ._countries import COUNTRY_CODES
from ._fields import DocEnum, LANGUAGE_PATTERN, Model, field, record
from .location import Location
from .quantity import Count
from .time import Time
from typing import Literal

__all__ = ['ACLED_INTER_CODES', 'Actor', 'ActorKind', 'Alias', 'AliasKind', 'Group', 'Membership', 'OrgCategory', 'Organization', 'Person', 'Post']

class ActorKind(DocEnum):
    STATE_FORCES = ('state_forces', 'Forces of a recognised state: army, police, ministries.')
    REBEL_GROUP = ('rebel_group', 'An armed group seeking to replace or secede from a state.')
    POLITICAL_MILITIA = ('political_militia', 'An armed group serving a political end.')
    IDENTITY_MILITIA = ('identity_militia', 'An armed group organised around an identity.')
    RIOTERS = ('rioters', 'People taking part in violent demonstrations.')
    PROTESTERS = ('protesters', 'People demonstrating peacefully.')
    CIVILIANS = ('civilians', 'Unarmed people not part of any armed group.')
    EXTERNAL_OTHER = ('external_other', 'International bodies, foreign forces, others.')

ACLED_INTER_CODES: dict[ActorKind, int]

class OrgCategory(DocEnum):
    ARMED_GROUP = ('armed_group', 'A non-state armed group.')
    ARMED_FORCES = ('armed_forces', "A state's military.")
    POLICE = ('police', 'A police force or one of its commands.')
    INTELLIGENCE = ('intelligence', 'An intelligence service.')
    MINISTRY = ('ministry', 'A government ministry.')
    GOVERNMENT = ('government', "A government or a governor's office.")
    POLITICAL_PARTY = ('political_party', 'A political party.')
    MEDIA = ('media', 'A news organisation.')
    NGO = ('ngo', 'A non-governmental organisation.')
    INTERNATIONAL = ('international', 'An international organisation or mission.')
    OTHER = ('other', 'None of the above.')

class AliasKind(DocEnum):
    ALIAS = ('alias', 'Another name in use.')
    TRANSLITERATION = ('transliteration', "The name written in another script's spelling.")
    NATIVE = ('native', 'The name in its original language and script.')
    ACRONYM = ('acronym', 'An abbreviation.')
    FORMER = ('former', 'A name no longer in use.')

@record
class Alias(Model):
    name: str = field(min_length=1, max_length=200, description='The name.')
    kind: AliasKind = field(default=AliasKind.ALIAS, description='What kind of name.')
    language: str | None = field(default=None, pattern=LANGUAGE_PATTERN, max_length=35, description='BCP 47 language tag of the name.', examples=('ps', 'fa-AF'))
    script: str | None = field(default=None, pattern='^[A-Z][a-z]{3}$', description='ISO 15924 script code.', examples=('Arab', 'Latn'))

@record(abstract=True)
class _ActorBase(Model):
    id: str = ...
    name: str = field(min_length=1, max_length=200, description='Name as reported; for a group, the words the report uses.', examples=('Mohammad Amin Patang', 'local security forces'))
    aliases: tuple[Alias, ...] = field(factory=tuple, description='Other names and spellings.')
    kind: ActorKind | None = field(default=None, description='ACLED actor kind.')
    country: str | None = field(default=None, choices=COUNTRY_CODES, description='ISO 3166-1 alpha-2 code of the country the actor belongs to.')
    description: str | None = field(default=None, max_length=2000, description='A short note on who this is.')

@record(schema='person')
class Person(_ActorBase):
    type: Literal['person'] = ...

@record(schema='organization')
class Organization(_ActorBase):
    type: Literal['organization'] = ...
    category: OrgCategory | None = field(default=None, description='What the organisation is.')
    parent: str | None = ...

@record(schema='group')
class Group(_ActorBase):
    type: Literal['group'] = ...
    size: Count | None = field(default=None, description='How many people it numbers.')
    part_of: str | None = ...
Actor = Person | Organization | Group

@record
class Post(Model):
    label: str = field(min_length=1, max_length=200, description='The post as named.', examples=('District police chief, Almar',))
    organization: str = ...
    role: str | None = field(default=None, min_length=1, max_length=100, description='The generic role (police chief, governor, spokesperson).')
    area: Location | None = field(default=None, description='The area the post covers.')
    id: str | None = ...

@record
class Membership(Model):
    member: str = ...
    organization: str = ...
    post: Post | None = field(default=None, description='The post held, if any.')
    acting: bool = field(default=False, description='The post is held in an acting capacity.')
    start: Time | None = field(default=None, description='When the membership began.')
    end: Time | None = field(default=None, description='When the membership ended.')
