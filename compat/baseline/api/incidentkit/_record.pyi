from ._fields import DocEnum, Model, field, record
from .actors import Actor, Membership
from .evidence import Claim, Source
from typing import Any

__all__ = ['Record', 'RecordStatus']

class RecordStatus(DocEnum):
    REPORTED = ('reported', 'Reported by a source; not yet corroborated or contested.')
    DISPUTED = ('disputed', 'Claims about it conflict.')
    CONFIRMED = ('confirmed', 'Corroborated by independent sources.')
    DENIED = ('denied', 'Denied by a party; no corroboration.')
    RETRACTED = ('retracted', 'Withdrawn by the source that reported it.')

@record(abstract=True)
class Record(Model):
    id: str = ...
    status: RecordStatus = field(trailing=True, default=RecordStatus.REPORTED, description='How far the record is established.')
    actors: tuple[Actor, ...] = field(trailing=True, factory=tuple, description='Every actor the record refers to, with a unique id.')
    memberships: tuple[Membership, ...] = field(trailing=True, factory=tuple, description='Posts and memberships the report states.')
    sources: tuple[Source, ...] = field(trailing=True, factory=tuple, description='Sources the record draws on, with unique ids.')
    claims: tuple[Claim, ...] = field(trailing=True, factory=tuple, description='What actors and sources say, for and against.')
    notes: str | None = field(trailing=True, default=None, max_length=20000, description='Free-text notes by the analyst.')
    tags: tuple[str, ...] = field(trailing=True, factory=tuple, min_length=1, max_length=64, unique=True, description='Free labels for grouping and search.')
    extensions: dict[str, Any] = field(trailing=True, factory=dict, pattern='^[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*$', max_length=100, description="Partner data, keyed by partner namespace (e.g. 'acled'); carried through untouched. Values are any JSON.")
