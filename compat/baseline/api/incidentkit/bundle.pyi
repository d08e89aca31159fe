from ._fields import ID_MAX_LENGTH, ID_PATTERN, Model, field, record
from ._record import Record
from .actors import Actor
from .defection import Defection
from .evidence import Source
from .incident import Incident
from .quantity import Casualties, Tally

__all__ = ['Bundle', 'CrossRecordFact']

@record
class CrossRecordFact(Model):
    records: tuple[str, ...] = field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH, min_items=2, unique=True, description='Ids of the records (in the bundle) the fact spans.')
    casualties: tuple[Casualties, ...] = field(factory=tuple, description='Casualty figures for the records together.')
    tallies: tuple[Tally, ...] = field(factory=tuple, description='Other counts for the records together.')
    sources: tuple[str, ...] = field(factory=tuple, pattern=ID_PATTERN, max_length=ID_MAX_LENGTH, unique=True, refers_to='sources', description="Ids of the sources (in the bundle's sources) that state the fact.")
    note: str | None = field(default=None, min_length=1, max_length=2000, description='The fact in words.')

@record(schema='bundle', document=True, rank=-1)
class Bundle(Model):
    id: str = ...
    incidents: tuple[Incident, ...] = field(factory=tuple, description='The incidents.')
    defections: tuple[Defection, ...] = field(factory=tuple, description='The defections.')
    actors: tuple[Actor, ...] = field(factory=tuple, description="Actors the report's records share, and those its facts refer to.")
    sources: tuple[Source, ...] = field(factory=tuple, description="Sources the report's records share, and those its facts cite.")
    facts: tuple[CrossRecordFact, ...] = field(factory=tuple, description='Facts that span several records (a combined toll).')
    notes: str | None = field(default=None, max_length=20000, description='Free-text notes by the analyst.')
    @property
    def records(self) -> tuple[Record, ...]: ...
    def record(self, record_id: str) -> Record: ...
