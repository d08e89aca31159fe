import attrs
from ._record import Record
from .evidence import Claim
from .quantity import Count
from _typeshed import Incomplete

__all__ = ['Alternative', 'Convention', 'alternatives', 'reconcile']

Convention: Incomplete

@attrs.frozen
class Alternative:
    count: Count
    path: str
    claim: Claim | None = ...
    @property
    def low(self) -> int | None: ...
    @property
    def high(self) -> int | None: ...

def alternatives(record: Record, target: str) -> tuple[Alternative, ...]: ...
def reconcile(record: Record, target: str, convention: Convention = 'ucdp') -> Count | None: ...
