import attrs
import os
from ..actors import ActorKind
from ..incident import Incident, IncidentType
from ..location import GeoPrecision
from ..time import TimePrecision
from ._common import Lossy
from ._csv import CsvReader, Source as CsvSource
from collections.abc import Iterable, Mapping
from typing import IO, Literal

__all__ = ['COLUMNS', 'DATE_PREC', 'NAMESPACE', 'OWN_COLUMNS', 'TYPE_OF_VIOLENCE', 'WHERE_PREC', 'ViolenceType', 'from_ucdp', 'read_ucdp_csv', 'to_ucdp', 'write_ucdp_csv']

COLUMNS: tuple[str, ...]
NAMESPACE: str
OWN_COLUMNS: tuple[str, ...]

@attrs.frozen
class ViolenceType:
    label: str
    type: IncidentType
    side_a: ActorKind | None
    side_b: ActorKind | None

TYPE_OF_VIOLENCE: dict[int, ViolenceType]
DATE_PREC: dict[int, tuple[TimePrecision, bool]]
WHERE_PREC: dict[GeoPrecision, int]

def from_ucdp(row: Mapping[str, str], *, tz: str = 'UTC') -> Incident: ...
def to_ucdp(incident: Incident, *, lossy: Lossy = 'warn') -> dict[str, str]: ...
def read_ucdp_csv(file: CsvSource, *, tz: str = 'UTC', on_error: Literal['raise', 'collect'] = 'raise') -> CsvReader[Incident]: ...
def write_ucdp_csv(incidents: Iterable[Incident], file: str | os.PathLike[str] | IO[str] | IO[bytes], *, lossy: Lossy = 'warn') -> int: ...
