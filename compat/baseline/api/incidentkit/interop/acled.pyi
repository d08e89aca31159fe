import attrs
import os
from ..actors import ActorKind
from ..evidence import SourceKind, SourceScale
from ..incident import Incident, IncidentCategory, IncidentType, Role
from ..location import GeoPrecision
from ._common import ImportReader, JsonImport, Lossy
from ._csv import Source as CsvSource
from _typeshed import Incomplete
from collections.abc import Iterable, Mapping
from typing import Any, IO, Literal

__all__ = ['COLUMNS', 'DERIVED', 'EVENT_TYPES', 'GEO_PRECISION', 'GEO_PRECISION_READ', 'INTER_LABELS', 'MONTH_CODE', 'MONTH_DAY', 'NAMESPACE', 'NO_ACTOR_CODE', 'SOURCE_SCALES', 'SUB_EVENT_TYPES', 'TARGETED_KINDS', 'TIME_PRECISION', 'UNPLACED_ROLES', 'VAC_ROLES', 'VINTAGES', 'SubEventType', 'from_acled', 'read_acled_csv', 'read_acled_json', 'to_acled', 'write_acled_csv']

COLUMNS: tuple[str, ...]
VINTAGES: dict[str, tuple[str, ...]]
DERIVED: tuple[str, ...]
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
MONTH_CODE: int
MONTH_DAY: int
GEO_PRECISION: dict[GeoPrecision, int]
GEO_PRECISION_READ: dict[int, tuple[GeoPrecision, ...]]
SOURCE_SCALES: dict[str, tuple[SourceScale, SourceKind]]
VAC_ROLES: dict[int, tuple[Role, Role]]
TARGETED_KINDS: Incomplete
UNPLACED_ROLES: Incomplete
NO_ACTOR_CODE: str

def from_acled(row: Mapping[str, str], *, tz: str = 'UTC') -> Incident: ...
def to_acled(incident: Incident, *, lossy: Lossy = 'warn') -> dict[str, str]: ...
def read_acled_csv(file: CsvSource, *, tz: str = 'UTC', on_error: Literal['raise', 'collect'] = 'raise', formula_guard: bool = True) -> ImportReader: ...
def write_acled_csv(incidents: Iterable[Incident], file: str | os.PathLike[str] | IO[str] | IO[bytes], *, lossy: Lossy = 'warn', formula_guard: bool = True) -> int: ...
def read_acled_json(source: Any, *, tz: str = 'UTC', on_error: Literal['raise', 'collect'] = 'raise') -> JsonImport: ...
