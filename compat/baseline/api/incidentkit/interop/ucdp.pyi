import attrs
import os
from ..actors import ActorKind
from ..incident import Incident, IncidentType
from ..location import GeoPrecision
from ._common import ImportReader, JsonImport, Lossy, NAME_MAX_LENGTH as NAME_MAX_LENGTH
from ._csv import Source as CsvSource
from collections.abc import Iterable, Mapping
from typing import Any, IO, Literal

__all__ = ['COLUMNS', 'DATE_FORMATS', 'DATE_PREC', 'DATE_PREC_MEANING', 'DERIVED', 'NAMESPACE', 'NAME_MAX_LENGTH', 'OWN_COLUMNS', 'SOURCE_SEPARATOR', 'TYPE_OF_VIOLENCE', 'VINTAGES', 'WHERE_PREC', 'WHERE_PREC_MEANING', 'WHERE_PREC_WITHOUT_COUNTERPART', 'ViolenceType', 'from_ucdp', 'read_ucdp_csv', 'read_ucdp_json', 'to_ucdp', 'write_ucdp_csv']

COLUMNS: tuple[str, ...]
VINTAGES: dict[str, tuple[str, ...]]
DERIVED: tuple[str, ...]
DATE_FORMATS: tuple[str, ...]
NAMESPACE: str
OWN_COLUMNS: tuple[str, ...]

@attrs.frozen
class ViolenceType:
    label: str
    type: IncidentType
    side_a: ActorKind | None
    side_b: ActorKind | None

TYPE_OF_VIOLENCE: dict[int, ViolenceType]
DATE_PREC: dict[int, int]
DATE_PREC_MEANING: dict[int, str]
WHERE_PREC: dict[GeoPrecision, int]
WHERE_PREC_WITHOUT_COUNTERPART: dict[int, tuple[GeoPrecision, ...]]
WHERE_PREC_MEANING: dict[int, str]
SOURCE_SEPARATOR: str

def from_ucdp(row: Mapping[str, str], *, tz: str = 'UTC') -> Incident: ...
def to_ucdp(incident: Incident, *, lossy: Lossy = 'warn') -> dict[str, str]: ...
def read_ucdp_csv(file: CsvSource, *, tz: str = 'UTC', on_error: Literal['raise', 'collect'] = 'raise', formula_guard: bool = True) -> ImportReader: ...
def write_ucdp_csv(incidents: Iterable[Incident], file: str | os.PathLike[str] | IO[str] | IO[bytes], *, lossy: Lossy = 'warn', formula_guard: bool = True) -> int: ...
def read_ucdp_json(source: Any, *, tz: str = 'UTC', on_error: Literal['raise', 'collect'] = 'raise') -> JsonImport: ...
