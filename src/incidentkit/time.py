"""Time values as reports state them: an instant with its precision, its uncertainty
and the IANA zone of the place, able to say which UTC interval it stands for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from dateutil import tz as dateutil_tz
from dateutil.relativedelta import relativedelta

from ._fields import DocEnum, Model, field, record, rule
from .errors import Problem, ValidationError

__all__ = [
    "APPROXIMATE_MARGIN",
    "PART_OF_DAY_WINDOWS",
    "PartOfDay",
    "Time",
    "TimePrecision",
    "get_zone",
]


class TimePrecision(DocEnum):
    """How exactly a time is known; a time covers one whole unit of its precision."""

    YEAR = "year", "Known to the year."
    MONTH = "month", "Known to the month."
    DAY = "day", "Known to the day."
    PART_OF_DAY = "part_of_day", "Known to a part of a day (see part_of_day)."
    HOUR = "hour", "Known to the hour."
    MINUTE = "minute", "Known to the minute."
    SECOND = "second", "Known to the second."


class PartOfDay(DocEnum):
    """A named part of a day; each is a fixed window of local time."""

    MORNING = "morning", "06:00 to 12:00 local time."
    AFTERNOON = "afternoon", "12:00 to 18:00 local time."
    EVENING = "evening", "18:00 to 22:00 local time."
    NIGHT = "night", "22:00 to 06:00 the next day, local time."


#: Start hour and length in hours of each part of day, in local time.
PART_OF_DAY_WINDOWS: dict[PartOfDay, tuple[int, int]] = {
    PartOfDay.MORNING: (6, 6),
    PartOfDay.AFTERNOON: (12, 6),
    PartOfDay.EVENING: (18, 4),
    PartOfDay.NIGHT: (22, 8),
}

#: How far an ``approximate`` time without an explicit margin widens its bounds,
#: on each side. "About 1pm" at hour precision means 12:30 to 14:30.
APPROXIMATE_MARGIN: dict[TimePrecision, timedelta] = {
    TimePrecision.YEAR: timedelta(days=183),
    TimePrecision.MONTH: timedelta(days=15),
    TimePrecision.DAY: timedelta(days=1),
    TimePrecision.PART_OF_DAY: timedelta(hours=2),
    TimePrecision.HOUR: timedelta(minutes=30),
    TimePrecision.MINUTE: timedelta(minutes=5),
    TimePrecision.SECOND: timedelta(seconds=30),
}

_STEP: dict[TimePrecision, relativedelta] = {
    TimePrecision.YEAR: relativedelta(years=1),
    TimePrecision.MONTH: relativedelta(months=1),
    TimePrecision.DAY: relativedelta(days=1),
    TimePrecision.HOUR: relativedelta(hours=1),
    TimePrecision.MINUTE: relativedelta(minutes=1),
    TimePrecision.SECOND: relativedelta(seconds=1),
}

# The wall-clock fields that must be zero ("at their start") at each precision.
_FINER_FIELDS: dict[TimePrecision, tuple[str, ...]] = {
    TimePrecision.YEAR: ("month", "day", "hour", "minute", "second", "microsecond"),
    TimePrecision.MONTH: ("day", "hour", "minute", "second", "microsecond"),
    TimePrecision.DAY: ("hour", "minute", "second", "microsecond"),
    TimePrecision.PART_OF_DAY: ("minute", "second", "microsecond"),
    TimePrecision.HOUR: ("minute", "second", "microsecond"),
    TimePrecision.MINUTE: ("second", "microsecond"),
    TimePrecision.SECOND: ("microsecond",),
}
_FIRST = {"month": 1, "day": 1}

#: Ten years: the widest explicit margin a time may carry.
MAX_MARGIN_SECONDS = 10 * 366 * 24 * 3600


@lru_cache(maxsize=512)
def get_zone(name: str) -> tzinfo | None:
    """The tzinfo for an IANA zone name, or None if the IANA database has no such zone."""
    if not name or name != name.strip():
        return None
    zone = dateutil_tz.gettz(name)
    # gettz also reads POSIX TZ strings ("XYZ3/Q" is a zone 3 hours behind UTC to
    # it, "A/30" one that breaks datetime): only the database's zones count.
    return zone if isinstance(zone, (dateutil_tz.tzfile, dateutil_tz.tzutc)) else None


@record
class Time(Model):
    """A point in time as a report states it, in the local zone of the place.

    ``at`` is the start of the period the time stands for, written with its UTC
    offset; ``precision`` says how long that period is, and ``approximate`` or
    ``margin_seconds`` widen it. ``earliest`` and ``latest`` give the resulting UTC
    interval, half-open: ``earliest <= t < latest``.
    """

    at: datetime = field(
        description=(
            "Start of the period, as local wall time with its UTC offset (RFC 3339). "
            "Parts finer than the precision are zero."
        ),
        format="date-time",
        examples=("2021-03-11T13:00:00+04:30",),
    )
    tz: str = field(
        description="IANA time zone of the place, e.g. Asia/Kabul.",
        pattern=r"^(UTC|[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)+)$",
        max_length=64,
        examples=("Asia/Kabul",),
    )
    precision: TimePrecision = field(description="How exactly the time is known.")
    part_of_day: PartOfDay | None = field(
        default=None,
        description="Which part of the day; given exactly when precision is part_of_day.",
    )
    approximate: bool = field(
        default=False,
        description=(
            "The report hedges ('about', 'around'); widens the bounds by a documented "
            "margin per precision unless margin_seconds is given."
        ),
    )
    margin_seconds: int | None = field(
        default=None,
        ge=0,
        le=MAX_MARGIN_SECONDS,
        description="Explicit uncertainty: seconds to widen the bounds on each side.",
    )

    @classmethod
    def local(
        cls,
        year: int,
        month: int | None = None,
        day: int | None = None,
        hour: int | None = None,
        minute: int | None = None,
        second: int | None = None,
        *,
        tz: str,
        part_of_day: PartOfDay | str | None = None,
        approximate: bool = False,
        margin_seconds: int | None = None,
    ) -> Time:
        """Build a time from local wall-clock parts; the precision is the finest
        part given (or part_of_day when that is given)."""
        zone = get_zone(tz)
        if zone is None:
            raise ValidationError(f"unknown IANA time zone {tz!r}", "$.tz")
        parts = [month, day, hour, minute, second]
        given = [p is not None for p in parts]
        if any(given[i] and not all(given[:i]) for i in range(len(parts))):
            raise ValidationError("give the larger date parts before the smaller ones")
        precision = [
            TimePrecision.YEAR,
            TimePrecision.MONTH,
            TimePrecision.DAY,
            TimePrecision.HOUR,
            TimePrecision.MINUTE,
            TimePrecision.SECOND,
        ][sum(given)]
        pod = PartOfDay(part_of_day) if part_of_day is not None else None
        if pod is not None:
            if precision is not TimePrecision.DAY:
                raise ValidationError("a part of day goes with a year, month and day only")
            precision = TimePrecision.PART_OF_DAY
            hour = PART_OF_DAY_WINDOWS[pod][0]
        try:
            wall = datetime(year, month or 1, day or 1, hour or 0, minute or 0, second or 0)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        return cls(
            at=_attach(wall, zone),
            tz=tz,
            precision=precision,
            part_of_day=pod,
            approximate=approximate,
            margin_seconds=margin_seconds,
        )

    @property
    def zone(self) -> tzinfo:
        """The tzinfo of :attr:`tz`."""
        zone = get_zone(self.tz)
        assert zone is not None  # checked when the value was built
        return zone

    @property
    def margin(self) -> timedelta:
        """How far the bounds are widened on each side."""
        if self.margin_seconds is not None:
            return timedelta(seconds=self.margin_seconds)
        if self.approximate:
            return APPROXIMATE_MARGIN[self.precision]
        return timedelta(0)

    @property
    def start(self) -> datetime:
        """Start of the stated period (no margin), in UTC."""
        return self.at.astimezone(dateutil_tz.UTC)

    @property
    def end(self) -> datetime:
        """End of the stated period (exclusive, no margin), in UTC."""
        wall = self.at.replace(tzinfo=None)
        if self.precision is TimePrecision.PART_OF_DAY:
            assert self.part_of_day is not None
            step = relativedelta(hours=PART_OF_DAY_WINDOWS[self.part_of_day][1])
        else:
            step = _STEP[self.precision]
        return _attach(wall + step, self.zone).astimezone(dateutil_tz.UTC)

    @property
    def earliest(self) -> datetime:
        """Earliest instant the time can mean, in UTC (inclusive)."""
        return self.start - self.margin

    @property
    def latest(self) -> datetime:
        """Bound after the latest instant the time can mean, in UTC (exclusive)."""
        return self.end + self.margin

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """``(earliest, latest)``; times compare and sort by these."""
        return (self.earliest, self.latest)

    def contains(self, instant: datetime) -> bool:
        """Whether an aware instant lies within the bounds."""
        return self.earliest <= instant < self.latest

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Time):
            return NotImplemented
        return self.bounds < other.bounds

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, Time):
            return NotImplemented
        return self.bounds <= other.bounds

    def __gt__(self, other: Any) -> bool:
        if not isinstance(other, Time):
            return NotImplemented
        return self.bounds > other.bounds

    def __ge__(self, other: Any) -> bool:
        if not isinstance(other, Time):
            return NotImplemented
        return self.bounds >= other.bounds

    @rule("tz names a time zone known to the IANA database")
    def _known_zone(self) -> Iterator[Problem]:
        if get_zone(self.tz) is None:
            yield Problem("$.tz", f"unknown IANA time zone {self.tz!r}")

    @rule("the UTC offset of at is a whole number of minutes and is tz's offset then")
    def _offset_matches_zone(self) -> Iterator[Problem]:
        zone = get_zone(self.tz)
        offset = self.at.utcoffset()
        if zone is None or offset is None:
            return
        if offset % timedelta(minutes=1):
            yield Problem("$.at", "the UTC offset must be a whole number of minutes")
            return
        expected = self.at.astimezone(zone).utcoffset()
        if expected != offset:
            yield Problem(
                "$.at",
                f"offset {_fmt_offset(offset)} is not the offset of {self.tz} at that "
                f"time ({_fmt_offset(expected)})",
            )

    @rule("at is the start of its period: parts finer than the precision are zero")
    def _truncated(self) -> Iterator[Problem]:
        for name in _FINER_FIELDS[self.precision]:
            if getattr(self.at, name) != _FIRST.get(name, 0):
                yield Problem(
                    "$.at",
                    f"has a {name} finer than its precision {self.precision.value!r}",
                )
                return

    @rule("part_of_day is given exactly when precision is part_of_day, and at is its start")
    def _part_of_day(self) -> Iterator[Problem]:
        is_pod = self.precision is TimePrecision.PART_OF_DAY
        if is_pod and self.part_of_day is None:
            yield Problem("$.part_of_day", "required when precision is 'part_of_day'")
        elif not is_pod and self.part_of_day is not None:
            yield Problem("$.part_of_day", "only allowed when precision is 'part_of_day'")
        elif self.part_of_day is not None:
            start = PART_OF_DAY_WINDOWS[self.part_of_day][0]
            if self.at.hour != start:
                yield Problem(
                    "$.at",
                    f"a {self.part_of_day.value} starts at {start:02d}:00 local time",
                )


def _fmt_offset(offset: timedelta | None) -> str:
    if offset is None:
        return "none"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _attach(wall: datetime, zone: tzinfo) -> datetime:
    """Local wall time in ``zone``; a time skipped by a DST change moves forward."""
    return dateutil_tz.resolve_imaginary(wall.replace(tzinfo=zone))
