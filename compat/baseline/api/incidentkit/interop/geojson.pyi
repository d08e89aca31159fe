import os
from ..incident import Incident
from ._common import Lossy
from collections.abc import Iterable, Mapping
from typing import Any, IO

__all__ = ['PROPERTIES', 'from_feature_collection', 'to_feature_collection', 'write_feature_collection']

PROPERTIES: dict[str, str]

def to_feature_collection(incidents: Iterable[Incident], *, lossy: Lossy = 'warn') -> dict[str, Any]: ...
def write_feature_collection(incidents: Iterable[Incident], file: str | os.PathLike[str] | IO[str] | IO[bytes], *, lossy: Lossy = 'warn') -> int: ...
def from_feature_collection(data: Mapping[str, Any]) -> list[Incident]: ...
