from ._phrases_find import FoundTime as FoundTime
from .time import PartOfDay, Time, TimePrecision
from _typeshed import Incomplete
from datetime import date, datetime, time, timedelta, tzinfo
from dateutil.relativedelta import relativedelta
from typing import NamedTuple, NoReturn

__all__ = ['APPROXIMATE_CLOCK_MARGIN', 'DAY_EDGES', 'FOR_UNITS', 'HEDGES', 'NIGHT_WINDOWS', 'PART_EDGES', 'WEEK_THIRDS', 'YEARLESS_DAYS_BACK', 'MONTH_THIRDS', 'NIGHT_WINDOW', 'QUALIFIERS', 'RECENT', 'WEEKS_AGO_MARGIN', 'YEAR_THIRDS', 'FoundTime', 'find_times', 'resolve_time']

QUALIFIERS: Incomplete
MONTH_THIRDS: dict[str, tuple[int, int | None]]
YEAR_THIRDS: dict[str, tuple[int, int]]
DAY_EDGES: dict[str, tuple[int, int]]
NIGHT_WINDOW: Incomplete
RECENT: dict[str, relativedelta]
WEEKS_AGO_MARGIN: Incomplete
NIGHT_WINDOWS: dict[str, tuple[int, int]]
PART_EDGES: dict[tuple[str, PartOfDay], tuple[int, int]]
WEEK_THIRDS: dict[str, tuple[int, int]]
FOR_UNITS: dict[str, relativedelta]
HEDGES: dict[str, int]
YEARLESS_DAYS_BACK: int
APPROXIMATE_CLOCK_MARGIN: Incomplete

class _Clock(NamedTuple):
    value: time
    precision: TimePrecision
    utc: bool
    text: str

class _Period(NamedTuple):
    start: datetime
    precision: TimePrecision
    span: int = ...
    part_of_day: PartOfDay | None = ...
    fixed: tzinfo | None = ...
    stated_clock: bool = ...
    approximate: bool = ...
    margin: timedelta | None = ...
    @property
    def end(self) -> datetime: ...
    @property
    def is_day(self) -> bool: ...

def resolve_time(text: str, *, reference: datetime | Time, tz: str | tzinfo, dayfirst: bool = False, allow_future: bool = False, language: str | None = None) -> Time: ...
def find_times(text: str, *, reference: datetime | Time, tz: str | tzinfo, language: str | None = None) -> list[FoundTime]: ...

class _Reference:
    description: Incomplete
    approximate: bool
    margin: Incomplete
    used: bool
    def __init__(self, first: datetime, last: datetime, zone: tzinfo, after: datetime, *, inclusive: bool, description: str) -> None: ...
    def carry(self, result: Time) -> Time: ...
    @classmethod
    def of(cls, reference: object, zone: tzinfo) -> _Reference: ...
    def precedes(self, instant: datetime) -> bool: ...
    def day(self) -> date: ...
    def month(self) -> tuple[int, int]: ...
    def year(self) -> int: ...

class _NeedsFiner(Exception):
    def __init__(self, unit: str) -> None: ...

class _Phrase:
    text: Incomplete
    ref: Incomplete
    zone: Incomplete
    dayfirst: Incomplete
    allow_future: Incomplete
    rest: Incomplete
    english: str | None
    def __init__(self, text: str, ref: _Reference, zone: tzinfo, dayfirst: bool, allow_future: bool) -> None: ...
    def read_as(self, english: str) -> None: ...
    def fail(self, reason: str) -> NoReturn: ...
    def resolve(self) -> _Period: ...
