from .time import Time, TimePrecision
from datetime import datetime
from typing import NamedTuple

__all__ = ['from_edtf', 'to_edtf']

def to_edtf(time: Time, *, exact: bool = True) -> str: ...

class _Date(NamedTuple):
    start: datetime
    end: datetime
    precision: TimePrecision
    qualifier: str

def from_edtf(text: str, *, tz: str) -> Time: ...
