"""Time values as reports state them: an instant with its precision, its uncertainty
and the IANA zone of the place, able to say which UTC interval it stands for."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from typing import Any

from ._fields import DocEnum, Model, OneOf, field, record, rule
from .errors import Problem, ValidationError

__all__ = [
    "APPROXIMATE_MARGIN",
    "MAX_SPAN",
    "PART_OF_DAY_WINDOWS",
    "PartOfDay",
    "Time",
    "TimePrecision",
    "get_zone",
    "zone_names",
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

# One unit of each precision with a fixed length (years and months have none: see
# _period_end). Adding them is what adding dateutil's relativedelta(days=1) etc. does.
_STEP: dict[TimePrecision, timedelta] = {
    TimePrecision.DAY: timedelta(days=1),
    TimePrecision.HOUR: timedelta(hours=1),
    TimePrecision.MINUTE: timedelta(minutes=1),
    TimePrecision.SECOND: timedelta(seconds=1),
}

# The wall-clock fields that must be zero ("at their start") at each precision.
FINER_FIELDS: dict[TimePrecision, tuple[str, ...]] = {
    TimePrecision.YEAR: ("month", "day", "hour", "minute", "second", "microsecond"),
    TimePrecision.MONTH: ("day", "hour", "minute", "second", "microsecond"),
    TimePrecision.DAY: ("hour", "minute", "second", "microsecond"),
    TimePrecision.PART_OF_DAY: ("minute", "second", "microsecond"),
    TimePrecision.HOUR: ("minute", "second", "microsecond"),
    TimePrecision.MINUTE: ("second", "microsecond"),
    TimePrecision.SECOND: ("microsecond",),
}
FIRST_OF_UNIT = {"month": 1, "day": 1}
#: Days in one unit of each precision at its longest (a leap year, a 31-day month,
#: a part of day that ends the next morning), for a cheap test of the year range.
_UNIT_DAYS: dict[TimePrecision, int] = {
    TimePrecision.YEAR: 366,
    TimePrecision.MONTH: 31,
    TimePrecision.DAY: 1,
    TimePrecision.PART_OF_DAY: 2,
    TimePrecision.HOUR: 1,
    TimePrecision.MINUTE: 1,
    TimePrecision.SECOND: 1,
}
_LAST_ORDINAL = datetime.max.toordinal()
_FINER_STARTS = {
    precision: tuple((name, FIRST_OF_UNIT.get(name, 0)) for name in names)
    for precision, names in FINER_FIELDS.items()
}


def _at_start_test(starts: tuple[tuple[str, int], ...]) -> Callable[[datetime], bool]:
    """A compiled test that a datetime's parts in ``starts`` have their first values."""
    test = " and ".join(f"at.{name} == {first}" for name, first in starts) or "True"
    function: Callable[[datetime], bool] = eval(f"lambda at: {test}")  # from the table above
    return function


#: For each precision, whether a datetime is at the start of its unit (no DST
#: adjustment): the fused test of the rule ``_truncated`` (see ``rule(holds=...)``).
_AT_START = {precision: _at_start_test(starts) for precision, starts in _FINER_STARTS.items()}

#: Whole days of each precision's approximate margin (``margin.days``).
_APPROXIMATE_DAYS = {precision: margin.days for precision, margin in APPROXIMATE_MARGIN.items()}

#: Ten years: the widest explicit margin a time may carry.
MAX_MARGIN_SECONDS = 10 * 366 * 24 * 3600
#: The most units of precision one time may span (a day span of about 2,700 years).
MAX_SPAN = 1_000_000


#: The longest zone name looked up; the IANA database's longest is about 30 characters.
_MAX_ZONE_NAME = 64
UTC = timezone.utc


@cache
def zone_names() -> frozenset[str]:
    """The names of the IANA time zone database, read once, on first use.

    Only these are ever looked up, so that a name can never point the lookup at
    another file (``"/etc/passwd"``, ``"../x"``). The list is read from the
    database's own ``tzdata.zi`` (a millisecond) where the system has one, else
    from ``zoneinfo.available_timezones()`` (which opens every zone file and takes
    some 25 ms).
    """
    import zoneinfo

    for directory in zoneinfo.TZPATH:
        try:
            with open(os.path.join(directory, "tzdata.zi"), encoding="utf-8") as file:
                names = _names_in_tzdata_zi(file)
        except (OSError, UnicodeDecodeError):
            continue
        if names:
            return names
    return frozenset(zoneinfo.available_timezones())


def _names_in_tzdata_zi(lines: Iterable[str]) -> frozenset[str]:
    """Zone (``Z name ...``) and link (``L target name``) names of a ``tzdata.zi``."""
    names = set()
    for line in lines:
        if line.startswith("Z "):
            names.add(line.split()[1])
        elif line.startswith("L "):
            parts = line.split()
            if len(parts) >= 3:
                names.add(parts[2])
    return frozenset(names)


@lru_cache(maxsize=512)
def get_zone(name: object) -> tzinfo | None:
    """The tzinfo (a :class:`zoneinfo.ZoneInfo`) for an IANA zone name, or None if
    the IANA database has no such zone. Only names in :func:`zone_names` are looked
    up: nothing else can make it open a file."""
    if not isinstance(name, str) or len(name) > _MAX_ZONE_NAME or name not in zone_names():
        return None
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


#: For each zone name looked up by the offset rule: (the first local date, as an
#: ordinal, from which the zone's UTC offset never changes again, that offset as a
#: fixed-offset ``timezone``, which a date-time read from text carries and compares
#: to in one step). A zone that keeps changing (daylight saving time), or settled on
#: an offset of seconds, gets a date no time reaches and None.
_SETTLED: dict[str, tuple[int, timezone | None]] = {}
_NEVER_SETTLED: tuple[int, timezone | None] = (datetime.max.toordinal() + 1, None)


def _settle(name: str) -> tuple[int, timezone | None]:
    """The entry of :data:`_SETTLED` for the zone ``name``.

    Read from the transitions of the standard library's pure-Python ``zoneinfo``
    implementation (the same file and parser as the zone in use), when it has the
    form this expects; anything else is never settled, and the offset rule then
    converts every time into the zone, as it always may. The date is two days after
    the last change in UTC, so that any local date from it on, whatever its offset
    (less than a day), is an instant after the change."""
    settled = _NEVER_SETTLED
    try:
        pure: Any = importlib.import_module("zoneinfo._zoneinfo")  # the Python one
        zone: Any = pure.ZoneInfo.no_cache(name)
        after, changes, infos = zone._tz_after, zone._trans_utc, zone._ttinfos
        if isinstance(after, pure._ttinfo) and len(changes) == len(infos):
            offset = after.utcoff
            first = len(infos)  # the first change after which the offset is `offset`
            while first > 0 and infos[first - 1].utcoff == offset:
                first -= 1
            before = zone._tti_before
            if offset.seconds % 60 or offset.microseconds:
                pass  # not whole minutes: the rule's full test refuses every time
            elif first == 0 and (before is None or before.utcoff == offset):
                settled = (1, timezone(offset))  # one offset all along
            elif first < len(infos):  # (else the last change is to another offset)
                since = datetime.fromtimestamp(changes[first], timezone.utc)
                settled = (since.toordinal() + 2, timezone(offset))
    except Exception:  # noqa: BLE001 - any surprise: not settled, the slow test decides
        settled = _NEVER_SETTLED
    _SETTLED[name] = settled
    return settled


@record
class Time(Model):
    """A point in time as a report states it, in the local zone of the place.

    ``at`` is the start of the period the time stands for, written with its UTC
    offset; ``precision`` says how long one unit of that period is and ``span`` how
    many units it covers; ``approximate`` or ``margin_seconds`` widen it. ``earliest``
    and ``latest`` give the resulting UTC interval, half-open:
    ``earliest <= t < latest``. Times order by these bounds.
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
    precision: OneOf[TimePrecision] = field(description="How exactly the time is known.")
    span: int = field(
        default=1,
        ge=1,
        le=MAX_SPAN,
        description=(
            "How many units of precision the period covers, counted in local wall time "
            "from at: 'early March' is 10 days from 1 March, 'last night' 12 hours "
            "from 18:00. 1 unless the period is longer than one unit."
        ),
        examples=(10,),
    )
    part_of_day: OneOf[PartOfDay | None] = field(
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
    uncertain: bool = field(
        default=False,
        description=(
            "The source is unsure the time is right (EDTF's '?'). Unlike approximate, "
            "it does not widen the bounds."
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
        span: int = 1,
        approximate: bool = False,
        uncertain: bool = False,
        margin_seconds: int | None = None,
    ) -> Time:
        """Build a time from local wall-clock parts; the precision is the finest
        part given (or part_of_day when that is given). ``span`` units of that
        precision make a longer period: ``Time.local(2021, 3, 1, tz=..., span=10)``
        is 1 to 10 March."""
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
            at=attach_zone(wall, zone),
            tz=tz,
            precision=precision,
            span=span,
            part_of_day=pod,
            approximate=approximate,
            uncertain=uncertain,
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
        return self.at.astimezone(UTC)

    @property
    def end(self) -> datetime:
        """End of the stated period (exclusive, no margin), in UTC."""
        return _period_end(self.at, self.precision, self.part_of_day, self.span, self.zone)

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
        """``(earliest, latest)``; times compare and sort by these (earliest first,
        then latest), so two different values with equal bounds sort as equals."""
        return (self.earliest, self.latest)

    def contains(self, instant: datetime) -> bool:
        """Whether an aware instant lies within the bounds."""
        return self.earliest <= instant < self.latest

    def to_edtf(self, *, exact: bool = True) -> str:
        """This time as an EDTF (ISO 8601-2, level 1) string: ``2021-03-11``,
        ``2020-10~``, ``2021-03-01/2021-03-10``, ``2021-03-11T13:00:05+04:30``.

        EDTF cannot state hour or minute precision, a part of day, an explicit
        margin, or qualify a time of day; such times raise :class:`ValidationError`
        unless ``exact=False``, which gives the narrowest EDTF value whose period
        covers this time's bounds (``2021-03-11`` for "about 1pm" that day).
        """
        from ._edtf import to_edtf

        return to_edtf(self, exact=exact)

    @classmethod
    def from_edtf(cls, text: str, *, tz: str) -> Time:
        """Read an EDTF level 0/1 date, date-time or interval of dates as a time in
        the IANA zone ``tz`` (EDTF carries an offset at most, never the zone name).
        ``Time.from_edtf(t.to_edtf(), tz=t.tz) == t`` whenever ``to_edtf`` succeeds."""
        from ._edtf import from_edtf

        return from_edtf(text, tz=tz)

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

    @rule("tz names a time zone known to the IANA database", holds="get_zone(self.tz) is not None")
    def _known_zone(self) -> Iterator[Problem]:
        if get_zone(self.tz) is None:
            yield Problem("$.tz", f"unknown IANA time zone {self.tz!r}")

    @rule(
        "the UTC offset of at is a whole number of minutes and is tz's offset then",
        holds=(
            "(zone := get_zone(self.tz)) is not None"
            # A zone settled since before this date has one offset: no conversion
            # (and a date-time read from text has that offset as a `timezone`).
            " and ((settled := _SETTLED.get(self.tz) or _settle(self.tz))[1] == self.at.tzinfo"
            " and self.at.toordinal() >= settled[0]"
            " or (offset := self.at.utcoffset()) is not None"
            " and not (offset.seconds % 60 or offset.microseconds)"
            " and self.at.astimezone(zone).utcoffset() == offset)"
        ),
    )
    def _offset_matches_zone(self) -> Iterator[Problem]:
        zone = get_zone(self.tz)
        offset = self.at.utcoffset()
        if zone is None or offset is None:
            return
        if offset.seconds % 60 or offset.microseconds:  # not whole minutes (days are)
            yield Problem("$.at", "the UTC offset must be a whole number of minutes")
            return
        expected = self.at.astimezone(zone).utcoffset()
        if expected != offset:
            yield Problem(
                "$.at",
                f"offset {_fmt_offset(offset)} is not the offset of {self.tz} at that "
                f"time ({_fmt_offset(expected)})",
            )

    @rule(
        "at is the start of its period: parts finer than the precision are zero",
        holds="_AT_START[self.precision](self.at)",
    )
    def _truncated(self) -> Iterator[Problem]:
        at = self.at
        if all(getattr(at, name) == first for name, first in _FINER_STARTS[self.precision]):
            return
        wall = at.replace(tzinfo=None)
        start = _unit_start(wall, self.precision)
        zone = get_zone(self.tz)
        if zone is not None and attach_zone(start, zone) == self.at:
            return  # the unit's start was skipped by a DST change: the period starts later
        fields = FINER_FIELDS[self.precision]
        name = next(n for n in fields if getattr(wall, n) != getattr(start, n))
        yield Problem("$.at", f"has a {name} finer than its precision {self.precision.value!r}")

    @rule(
        "part_of_day is given exactly when precision is part_of_day, and at is its start",
        holds=(
            "self.part_of_day is None if self.precision is not TimePrecision.PART_OF_DAY"
            " else (self.part_of_day is not None"
            " and self.at.hour == PART_OF_DAY_WINDOWS[self.part_of_day][0])"
        ),
    )
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

    @rule(
        "span is 1 when precision is part_of_day",
        holds="self.span == 1 or self.precision is not TimePrecision.PART_OF_DAY",
    )
    def _span_of_part_of_day(self) -> Iterator[Problem]:
        if self.precision is TimePrecision.PART_OF_DAY and self.span != 1:
            yield Problem("$.span", "a part of day spans one part; give hours instead")

    @rule(
        "the period, widened by its margin, lies within the years 1 to 9999",
        holds=(
            "(days := self.span * _UNIT_DAYS[self.precision] + 3 + ("
            "self.margin_seconds // 86400 if self.margin_seconds is not None"
            " else _APPROXIMATE_DAYS[self.precision] if self.approximate else 0))"
            " < self.at.toordinal() < _LAST_ORDINAL - days"
        ),
    )
    def _representable(self) -> Iterator[Problem]:
        if get_zone(self.tz) is None or (self.part_of_day is None) == (
            self.precision is TimePrecision.PART_OF_DAY
        ):
            return  # reported by the rules above
        # Computing the bounds takes zone conversions; far enough from the years 1 and
        # 9999 they cannot reach beyond them (a unit at its longest, the margin, and
        # three days for UTC offsets, DST changes and parts of day that end next day).
        days = self.span * _UNIT_DAYS[self.precision] + self.margin.days + 3
        if days < self.at.toordinal() < _LAST_ORDINAL - days:
            return
        try:
            self.earliest  # noqa: B018 - computing the bounds is the check
            self.latest  # noqa: B018
        except (OverflowError, ValueError):
            yield Problem("$", "the period or its margin reaches beyond the years 1 to 9999")


def _unit_start(wall: datetime, precision: TimePrecision) -> datetime:
    """The naive wall time truncated to the start of its unit of ``precision``
    (for part_of_day, to the hour: the window's start is checked separately)."""
    zeros: dict[str, Any] = {name: FIRST_OF_UNIT.get(name, 0) for name in FINER_FIELDS[precision]}
    return wall.replace(**zeros)


def _period_end(
    at: datetime,
    precision: TimePrecision,
    part_of_day: PartOfDay | None,
    span: int,
    zone: tzinfo,
) -> datetime:
    """End (exclusive, UTC) of ``span`` units of ``precision`` starting at ``at``,
    counted in local wall time from the unit's nominal start. An end in the hour
    repeated when clocks go back is taken in the same occurrence as ``at``."""
    local = at.astimezone(zone)
    wall = _unit_start(local.replace(tzinfo=None), precision)
    wall = add_units(wall, precision, part_of_day, span)
    end = resolve_imaginary(wall.replace(tzinfo=zone, fold=local.fold))
    return end.astimezone(UTC)


def _fmt_offset(offset: timedelta | None) -> str:
    if offset is None:
        return "none"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def attach_zone(wall: datetime, zone: tzinfo) -> datetime:
    """Local wall time in ``zone``; a time skipped by a DST change moves forward."""
    local = wall.replace(tzinfo=zone)
    try:
        return resolve_imaginary(local)
    except OverflowError:  # within a day of year 1 or 9999: no DST change to resolve
        return local


def exists(local: datetime) -> bool:
    """Whether an aware wall time exists in its zone (was not skipped by a clock
    change): it survives a round trip through UTC. dateutil's ``datetime_exists``."""
    zone = local.tzinfo
    back = local.astimezone(UTC).astimezone(zone)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def resolve_imaginary(local: datetime) -> datetime:
    """A wall time skipped by a clock change moved forward by the change (02:30 on
    a spring-forward night is 03:30); any other time as it is. What dateutil's
    ``resolve_imaginary`` does, for any tzinfo."""
    if local.tzinfo is None or exists(local):
        return local
    day = timedelta(hours=24)
    after, before = (local + day).utcoffset(), (local - day).utcoffset()
    if after is None or before is None:  # a tzinfo that is not a zone
        return local
    return local + (after - before)


def add_units(
    wall: datetime, precision: TimePrecision, part_of_day: PartOfDay | None, span: int
) -> datetime:
    """Wall time ``span`` units of ``precision`` (or one part of day) after ``wall``."""
    if part_of_day is not None:
        return wall + timedelta(hours=PART_OF_DAY_WINDOWS[part_of_day][1])
    if precision in _STEP:
        return wall + _STEP[precision] * span
    # A calendar year or month. From a day that every month (year) has, as a
    # unit's start always is, the same day of the later month is exact; dateutil's
    # relativedelta (which moves a 31st to the month's last day) is for the rest.
    if precision is TimePrecision.YEAR and (wall.month, wall.day) != (2, 29):
        return wall.replace(year=wall.year + span)
    if precision is not TimePrecision.YEAR and wall.day <= 28:
        years, month = divmod(wall.month - 1 + span, 12)
        return wall.replace(year=wall.year + years, month=month + 1)
    from dateutil.relativedelta import relativedelta

    if precision is TimePrecision.YEAR:
        return wall + relativedelta(years=span)
    return wall + relativedelta(months=span)
