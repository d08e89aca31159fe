"""EDTF (ISO 8601-2, the Library of Congress Extended Date/Time Format) for times.

What maps exactly, both ways:

- ``2021``, ``2021-03``, ``2021-03-11``: year, month and day precision;
- a trailing ``~`` (approximate), ``?`` (uncertain) or ``%`` (both) on a date;
- ``2021-03-01/2021-03-10``: an interval of dates, a time with a ``span``;
- ``2021-03-11T13:00:05+04:30`` (or ``Z``): an instant at second precision.

Read, but written in another form: dates without an offset are local to the zone
given; unspecified digits (``201X`` is 2010 to 2019, ``2004-XX`` is 2004);
intervals whose ends differ in precision (``2004-02-01/2005-02``).

Refused, with a message: seasons (``2001-21``: their months depend on the
hemisphere), years outside 1 to 9999 (``Y170000002``, ``-0500``), open or unknown
interval ends (``1985/..``: a time needs both bounds), ends qualified differently,
and anything EDTF level 1 does not define (qualified times of day, intervals of
date-times, hour or minute precision).
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta
from typing import NamedTuple

from dateutil import tz as dateutil_tz
from dateutil.parser import isoparse
from dateutil.relativedelta import relativedelta

from .errors import ValidationError
from .time import Time, TimePrecision, attach_zone, get_zone

__all__ = ["from_edtf", "to_edtf"]

_QUALIFIER = {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}
_FLAGS = {q: flags for flags, q in _QUALIFIER.items()}
_DATE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?P<q>[~?%])?",
    re.ASCII,
)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?P<offset>Z|[+-]\d{2}(?::\d{2})?)?", re.ASCII
)
_COARSE_TO_FINE = (TimePrecision.YEAR, TimePrecision.MONTH, TimePrecision.DAY)


def to_edtf(time: Time, *, exact: bool = True) -> str:
    """See :meth:`incidentkit.Time.to_edtf`."""
    reason = _inexpressible(time)
    if reason is None:
        return _exact(time)
    if exact:
        raise ValidationError(
            f"EDTF level 1 cannot express {reason}; to_edtf(exact=False) gives the "
            "narrowest EDTF value that covers the time"
        )
    return _covering(time)


def _inexpressible(time: Time) -> str | None:
    """Why ``time`` has no exact EDTF form, or None when it has one."""
    if time.margin_seconds is not None:
        return "an explicit margin (margin_seconds)"
    if time.precision is TimePrecision.PART_OF_DAY:
        return "a part of day"
    if time.precision in (TimePrecision.HOUR, TimePrecision.MINUTE):
        return f"{time.precision.value} precision (EDTF times always give seconds)"
    if time.precision is TimePrecision.SECOND:
        if time.approximate or time.uncertain:
            return "an approximate or uncertain time of day (EDTF qualifies dates only)"
        if time.span != 1:
            return "a period of several seconds (EDTF intervals join dates only)"
    return None


def _exact(time: Time) -> str:
    if time.precision is TimePrecision.SECOND:
        text = time.at.replace(microsecond=0).isoformat()
        return text[:-6] + "Z" if time.tz == "UTC" and text.endswith("+00:00") else text
    q = _QUALIFIER[time.approximate, time.uncertain]
    first = time.at.replace(tzinfo=None)
    text = _format(first, time.precision) + q
    if time.span == 1:
        return text
    last = first + _step(time.precision) * (time.span - 1)
    return f"{text}/{_format(last, time.precision)}{q}"


def _covering(time: Time) -> str:
    """The narrowest EDTF date or interval of dates whose period holds the bounds."""
    zone = time.zone
    first = time.earliest.astimezone(zone).date()
    last = (time.latest - timedelta(microseconds=1)).astimezone(zone).date()
    q = "?" if time.uncertain else ""
    if first == last:
        return first.isoformat() + q
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        if first.month == 1 and last.month == 12:
            a, b = f"{first.year:04d}", f"{last.year:04d}"
        else:
            a, b = f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"
        return a + q if a == b else f"{a}{q}/{b}{q}"
    return f"{first.isoformat()}{q}/{last.isoformat()}{q}"


def _format(wall: datetime, precision: TimePrecision) -> str:
    if precision is TimePrecision.YEAR:
        return f"{wall.year:04d}"
    if precision is TimePrecision.MONTH:
        return f"{wall.year:04d}-{wall.month:02d}"
    return wall.date().isoformat()


def _step(precision: TimePrecision) -> relativedelta:
    if precision is TimePrecision.YEAR:
        return relativedelta(years=1)
    if precision is TimePrecision.MONTH:
        return relativedelta(months=1)
    return relativedelta(days=1)


class _Date(NamedTuple):
    """One EDTF date: its period as naive local wall times, and its qualifier."""

    start: datetime
    end: datetime  # exclusive
    precision: TimePrecision
    qualifier: str


def from_edtf(text: str, *, tz: str) -> Time:
    """See :meth:`incidentkit.Time.from_edtf`."""
    try:
        return _from_edtf(text, tz=tz)
    except ValidationError:
        raise
    except (OverflowError, ValueError):  # the end of a unit in 9999 is in the year 10000
        raise ValidationError(f"{text!r}: the period reaches beyond the years 1 to 9999") from None


def _from_edtf(text: str, *, tz: str) -> Time:
    if not isinstance(text, str):
        raise ValidationError(f"expected an EDTF string, got {type(text).__name__}")
    # a caller without type checking may pass anything
    zone = get_zone(tz) if isinstance(tz, str) else None  # type: ignore[redundant-expr]
    if zone is None:
        raise ValidationError(f"unknown IANA time zone {tz!r}", "$.tz")
    value = text.strip()
    if "T" in value:
        return _from_datetime(value, tz)
    if "/" in value:
        left, _, right = value.partition("/")
        start, end = _date(left, text), _date(right, text)
        if start.qualifier != end.qualifier:
            raise ValidationError(
                f"{text!r}: the two ends are qualified differently, and a time has one "
                "approximate and one uncertain flag"
            )
        if end.end <= start.start:
            raise ValidationError(f"{text!r}: the interval ends before it starts")
        precision = max(start.precision, end.precision, key=_COARSE_TO_FINE.index)
        first, stop, qualifier = start.start, end.end, start.qualifier
    else:
        single = _date(value, text)
        first, stop, precision, qualifier = single
    approximate, uncertain = _FLAGS[qualifier]
    return Time(
        at=attach_zone(first, zone),
        tz=tz,
        precision=precision,
        span=_units_between(first, stop, precision),
        approximate=approximate,
        uncertain=uncertain,
    )


def _date(value: str, text: str) -> _Date:
    """Parse one EDTF date (level 0 or 1, no time of day)."""
    if value in ("", ".."):
        raise ValidationError(f"{text!r}: an open or unknown interval end has no bounds")
    if value[:1] in ("Y", "-"):
        raise ValidationError(f"{text!r}: years outside 1 to 9999 cannot be held")
    match = _DATE.fullmatch(value)
    if match is None:
        raise ValidationError(f"{text!r} is not an EDTF level 1 date or interval of dates")
    year_text, month_text, day_text = match.group("year", "month", "day")
    qualifier = match.group("q") or ""
    if "X" in year_text:
        if month_text is not None:
            raise ValidationError(f"{text!r}: only a whole year may have unspecified digits")
        digits = year_text.count("X")
        first_year = int(year_text.replace("X", "0"))
        return _Date(
            _wall(text, first_year),
            _wall(text, first_year + 10**digits),
            TimePrecision.YEAR,
            qualifier,
        )
    year = int(year_text)
    if month_text is None or month_text == "XX":
        if day_text not in (None, "XX"):
            raise ValidationError(f"{text!r}: a day needs its month")
        return _Date(_wall(text, year), _wall(text, year + 1), TimePrecision.YEAR, qualifier)
    month = int(month_text)
    if 21 <= month <= 24:
        raise ValidationError(
            f"{text!r}: EDTF seasons are not supported (their months depend on the hemisphere)"
        )
    start = _wall(text, year, month)
    if day_text is None or day_text == "XX":
        return _Date(start, start + relativedelta(months=1), TimePrecision.MONTH, qualifier)
    start = _wall(text, year, month, int(day_text))
    return _Date(start, start + timedelta(days=1), TimePrecision.DAY, qualifier)


def _wall(text: str, year: int, month: int = 1, day: int = 1) -> datetime:
    try:
        return datetime(year, month, day)
    except ValueError as exc:
        raise ValidationError(f"{text!r}: {exc}") from None


def _from_datetime(value: str, tz: str) -> Time:
    zone = get_zone(tz)
    assert zone is not None
    match = _DATETIME.fullmatch(value)
    if match is None:
        if value[-1:] in ("~", "?", "%"):
            reason = "EDTF level 1 qualifies dates, not times of day"
        elif "/" in value:
            reason = "EDTF intervals join dates, not date-times"
        else:
            reason = "expected YYYY-MM-DDThh:mm:ss with an optional Z or +hh:mm offset"
        raise ValidationError(f"{value!r}: {reason}")
    try:
        parsed = isoparse(value)
    except ValueError as exc:
        raise ValidationError(f"{value!r}: {exc}") from None
    if match.group("offset") is not None:
        at = parsed.astimezone(zone)
    else:
        local = parsed.replace(tzinfo=zone)
        if not dateutil_tz.datetime_exists(local):
            raise ValidationError(
                f"{value!r}: that local time does not exist in {tz} (a DST change skips it)"
            )
        if dateutil_tz.datetime_ambiguous(local):
            raise ValidationError(
                f"{value!r}: that local time happens twice in {tz} (a DST change repeats "
                "it); give its UTC offset"
            )
        at = local
    return Time(at=at, tz=tz, precision=TimePrecision.SECOND)


def _units_between(first: datetime, stop: datetime, precision: TimePrecision) -> int:
    """Whole units of ``precision`` from ``first`` to ``stop`` (both unit starts)."""
    if precision is TimePrecision.YEAR:
        return stop.year - first.year
    if precision is TimePrecision.MONTH:
        return (stop.year - first.year) * 12 + stop.month - first.month
    return (stop - first).days
