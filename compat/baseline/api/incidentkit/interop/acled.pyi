import attrs
import os
from ..actors import ActorKind
from ..evidence import SourceKind, SourceScale
from ..incident import Incident, IncidentCategory, IncidentType
from ..location import GeoPrecision
from ._common import Lossy, READ_ROLES as READ_ROLES, SIDE_OF_ROLE as SIDE_OF_ROLE
from ._csv import CsvReader, Source as CsvSource
from collections.abc import Iterable, Mapping
from typing import IO, Literal

__all__ = ['COLUMNS', 'EVENT_TYPES', 'GEO_PRECISION', 'INTER_LABELS', 'NAMESPACE', 'READ_ROLES', 'SIDE_OF_ROLE', 'SOURCE_SCALES', 'SUB_EVENT_TYPES', 'TIME_PRECISION', 'SubEventType', 'from_acled', 'read_acled_csv', 'to_acled', 'write_acled_csv']

COLUMNS: tuple[str, ...]
NAMESPACE: str
EVENT_TYPES: dict[IncidentCategory, str]

@attrs.frozen
class SubEventType:
    label: str
    disorder_type: str
    also: tuple[str, ...] = ...

SUB_EVENT_TYPES: dict[IncidentType, SubEventType]
INTER_LABELS: dict[ActorKind, str]
TIME_PRECISION: dict[int, int]
GEO_PRECISION: dict[GeoPrecision, int]
SOURCE_SCALES: dict[str, tuple[SourceScale, SourceKind]]

def from_acled(row: Mapping[str, str], *, tz: str = 'UTC') -> Incident: ...
def to_acled(incident: Incident, *, lossy: Lossy = 'warn') -> dict[str, str]: ...
def read_acled_csv(file: CsvSource, *, tz: str = 'UTC', on_error: Literal['raise', 'collect'] = 'raise') -> CsvReader[Incident]: ...
def write_acled_csv(incidents: Iterable[Incident], file: str | os.PathLike[str] | IO[str] | IO[bytes], *, lossy: Lossy = 'warn') -> int: ...
