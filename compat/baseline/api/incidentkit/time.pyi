from ._fields import DocEnum, Model, field, record
from datetime import datetime, timedelta, tzinfo
from typing import Any

__all__ = ['APPROXIMATE_MARGIN', 'MAX_SPAN', 'PART_OF_DAY_WINDOWS', 'PartOfDay', 'Time', 'TimePrecision', 'get_zone']

class TimePrecision(DocEnum):
    YEAR = ('year', 'Known to the year.')
    MONTH = ('month', 'Known to the month.')
    DAY = ('day', 'Known to the day.')
    PART_OF_DAY = ('part_of_day', 'Known to a part of a day (see part_of_day).')
    HOUR = ('hour', 'Known to the hour.')
    MINUTE = ('minute', 'Known to the minute.')
    SECOND = ('second', 'Known to the second.')

class PartOfDay(DocEnum):
    MORNING = ('morning', '06:00 to 12:00 local time.')
    AFTERNOON = ('afternoon', '12:00 to 18:00 local time.')
    EVENING = ('evening', '18:00 to 22:00 local time.')
    NIGHT = ('night', '22:00 to 06:00 the next day, local time.')

PART_OF_DAY_WINDOWS: dict[PartOfDay, tuple[int, int]]
APPROXIMATE_MARGIN: dict[TimePrecision, timedelta]
MAX_SPAN: int

def get_zone(name: str) -> tzinfo | None: ...

@record
class Time(Model):
    at: datetime = field(description='Start of the period, as local wall time with its UTC offset (RFC 3339). Parts finer than the precision are zero.', format='date-time', examples=('2021-03-11T13:00:00+04:30',))
    tz: str = field(description='IANA time zone of the place, e.g. Asia/Kabul.', pattern='^(UTC|[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)+)$', max_length=64, examples=('Asia/Kabul',))
    precision: TimePrecision = field(description='How exactly the time is known.')
    span: int = field(default=1, ge=1, le=MAX_SPAN, description="How many units of precision the period covers, counted in local wall time from at: 'early March' is 10 days from 1 March, 'last night' 12 hours from 18:00. 1 unless the period is longer than one unit.", examples=(10,))
    part_of_day: PartOfDay | None = field(default=None, description='Which part of the day; given exactly when precision is part_of_day.')
    approximate: bool = field(default=False, description="The report hedges ('about', 'around'); widens the bounds by a documented margin per precision unless margin_seconds is given.")
    uncertain: bool = field(default=False, description="The source is unsure the time is right (EDTF's '?'). Unlike approximate, it does not widen the bounds.")
    margin_seconds: int | None = field(default=None, ge=0, le=MAX_MARGIN_SECONDS, description='Explicit uncertainty: seconds to widen the bounds on each side.')
    @classmethod
    def local(cls, year: int, month: int | None = None, day: int | None = None, hour: int | None = None, minute: int | None = None, second: int | None = None, *, tz: str, part_of_day: PartOfDay | str | None = None, span: int = 1, approximate: bool = False, uncertain: bool = False, margin_seconds: int | None = None) -> Time: ...
    @property
    def zone(self) -> tzinfo: ...
    @property
    def margin(self) -> timedelta: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def earliest(self) -> datetime: ...
    @property
    def latest(self) -> datetime: ...
    @property
    def bounds(self) -> tuple[datetime, datetime]: ...
    def contains(self, instant: datetime) -> bool: ...
    def to_edtf(self, *, exact: bool = True) -> str: ...
    @classmethod
    def from_edtf(cls, text: str, *, tz: str) -> Time: ...
    def __lt__(self, other: Any) -> bool: ...
    def __le__(self, other: Any) -> bool: ...
    def __gt__(self, other: Any) -> bool: ...
    def __ge__(self, other: Any) -> bool: ...
