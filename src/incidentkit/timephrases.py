"""Times as reports state them: "on Thursday afternoon at about 1pm", "three months
ago", "in recent weeks", resolved against the report's publication time.

:func:`resolve_time` turns one phrase into a :class:`~incidentkit.Time` in the
place's IANA zone. python-dateutil does the calendar work (explicit dates in many
formats, ``relativedelta`` arithmetic, zones and DST); this module adds a small
phrase grammar on top, and the documented windows below for words that name no
calendar unit. A phrase it cannot read raises :class:`~incidentkit.ValidationError`;
it never guesses.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import NamedTuple, NoReturn

from dateutil import parser as dateutil_parser
from dateutil import tz as dateutil_tz
from dateutil.relativedelta import relativedelta

from ._phrases_find import FoundTime
from ._phrases_find import find_times as _find_times
from .errors import ValidationError
from .time import (
    APPROXIMATE_MARGIN,
    MAX_MARGIN_SECONDS,
    PART_OF_DAY_WINDOWS,
    PartOfDay,
    Time,
    TimePrecision,
    add_units,
    attach_zone,
    get_zone,
)

__all__ = [
    "APPROXIMATE_CLOCK_MARGIN",
    "DAY_EDGES",
    "FOR_UNITS",
    "HEDGES",
    "NIGHT_WINDOWS",
    "PART_EDGES",
    "WEEK_THIRDS",
    "YEARLESS_DAYS_BACK",
    "MONTH_THIRDS",
    "NIGHT_WINDOW",
    "QUALIFIERS",
    "RECENT",
    "WEEKS_AGO_MARGIN",
    "YEAR_THIRDS",
    "FoundTime",
    "find_times",
    "resolve_time",
]

#: Words that hedge a phrase: they set ``approximate`` (see ``APPROXIMATE_MARGIN``).
QUALIFIERS = ("about", "around", "approximately", "roughly", "circa")
#: "early/mid/late <month>": first and last day of the month (None: its last day).
MONTH_THIRDS: dict[str, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),
}
#: "early/mid/late <year>": first and last month.
YEAR_THIRDS: dict[str, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
#: "early on <day>" / "late on <day>": local hours, start inclusive, end exclusive.
DAY_EDGES: dict[str, tuple[int, int]] = {"early": (0, 9), "late": (18, 24)}
#: "last night" / "tonight": start hour and length in hours (18:00 to 06:00).
NIGHT_WINDOW = (18, 12)
#: "in recent days/weeks/months": from this far before the reference day, through
#: the end of the reference day.
RECENT: dict[str, relativedelta] = {
    "days": relativedelta(days=7),
    "weeks": relativedelta(weeks=6),
    "months": relativedelta(months=6),
}
#: "N weeks ago": the day 7*N days back, widened by this much on each side.
WEEKS_AGO_MARGIN = timedelta(days=3)
#: Parts of the night and dawn on a day: local start hour and length in hours.
NIGHT_WINDOWS: dict[str, tuple[int, int]] = {
    "early hours": (0, 6),
    "before dawn": (0, 7),
    "at dawn": (4, 4),
    "at dusk": (16, 5),
}
#: "early/late <part of day>" ("early Thursday morning"): local start hour and length.
PART_EDGES: dict[tuple[str, PartOfDay], tuple[int, int]] = {
    ("early", PartOfDay.MORNING): (0, 9),
    ("late", PartOfDay.MORNING): (9, 3),
    ("early", PartOfDay.AFTERNOON): (12, 3),
    ("late", PartOfDay.AFTERNOON): (15, 3),
    ("early", PartOfDay.EVENING): (18, 2),
    ("late", PartOfDay.EVENING): (20, 2),
}
#: "early/mid/late last week": first day (0 is Monday) and number of days.
WEEK_THIRDS: dict[str, tuple[int, int]] = {"early": (0, 3), "mid": (2, 3), "late": (3, 4)}
#: "for days/weeks/months/years": how far back before the reference day it may reach.
FOR_UNITS: dict[str, relativedelta] = {
    "days": relativedelta(months=1),
    "weeks": relativedelta(months=6),
    "months": relativedelta(years=2),
    "years": relativedelta(years=10),
}
#: Hedges before a count: +1 means at least that long ago ("more than a year ago"),
#: -1 at most ("nearly two weeks ago"). The window runs from the count to the count
#: plus (or minus) half of it, at least one unit.
HEDGES: dict[str, int] = {
    "at least": 1,
    "more than": 1,
    "over": 1,
    "just over": 1,
    "nearly": -1,
    "almost": -1,
    "less than": -1,
    "under": -1,
    "just under": -1,
}
#: A day and month without a year that falls after the reference day is taken in the
#: year before only when that is at most this many days back; otherwise it is refused.
YEARLESS_DAYS_BACK = 183
#: How far an approximate clock time widens, whatever its spelling ("about 6pm",
#: "about 6:00 p.m.", "around 18:00 hrs").
APPROXIMATE_CLOCK_MARGIN = timedelta(minutes=30)

_P = TimePrecision
_FINER = {_P.YEAR: _P.MONTH, _P.MONTH: _P.DAY, _P.DAY: _P.HOUR, _P.PART_OF_DAY: _P.HOUR}
_FINER.update({_P.HOUR: _P.MINUTE, _P.MINUTE: _P.SECOND})
_UNIT_SECONDS = {_P.HOUR: 3600, _P.MINUTE: 60, _P.SECOND: 1}
_FINE = (_P.MINUTE, _P.SECOND)

_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        (
            *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight"),
            *("nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"),
            *("sixteen", "seventeen", "eighteen", "nineteen"),
        )
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2
    )
}

_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Patterns are strings, compiled on first use (re caches them) rather than at import.
_QUALIFIER_RE = r"\b(?:" + "|".join(QUALIFIERS) + r")\b"
_CLOCK_RE = (
    r"(?:\bat\s+)?(?<![\w:.])(?:"
    r"(?P<h12>\d{1,2})(?:[:.](?P<m12>\d{2})(?::(?P<s12>\d{2}))?)?\s?(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::(?P<s24>\d{2}))?(?:\s?(?:hrs|hours))?"
    r"|(?P<named>midday|noon|midnight)"
    r")(?:\s*\(?(?P<zone>local time|local|utc|gmt)\)?)?(?![\w:])"
)
_NIGHT_RE = r"\b(?P<which>last night|tonight|overnight)\b"
_WINDOW_RE = (
    r"\b(?:(?:in|during)\s+)?(?:the\s+)?(?P<window>early\s+hours|small\s+hours|pre-?dawn|"
    r"before\s+dawn|(?:at\s+)?dawn|(?:at\s+)?dusk)(?:\s+hours)?(?:\s+of\b)?"
)
_UNIT = r"(?P<unit>minute|hour|day|week|month|year)s?"
_HEDGE = "|".join(sorted(HEDGES, key=len, reverse=True))
_HEDGED_AGO_RE = rf"(?P<hedge>{_HEDGE})\s+(?P<n>.+?)\s+{_UNIT}\s+ago"
_PAST_RE = rf"(?:(?:for|in|over|during|within)\s+)?the\s+(?:last|past)\s+(?P<n>.+?)\s+{_UNIT}"
_PAST_ONE_RE = (
    r"(?:(?:for|in|over|during|within)\s+)?the\s+(?:last|past)\s+(?P<unit>day|week|month|year)"
)
_FOR_RE = r"for\s+(?P<unit>days|weeks|months|years)"
_AFTER_RE = rf"after\s+(?P<n>.+?)\s+{_UNIT}\s+of(?:\s+[^\W\d_]+){{1,2}}"
_EARLIER_RE = r"earlier\s+this\s+(?P<unit>week|month|year)"
_SINCE_RE = r"(?:ever\s+)?since\s+(?P<what>.+)"
_FUTURE_RE = r"\b(?:tomorrow|next|coming|from now|later this|in \d+ \w+)\b"
_PART_OF_DAY_RE = (
    r"\b(?:(?:(?:in|during|on)\s+)?the\s+)?(?P<part>morning|afternoon|evening|night)(?:\s+of\b)?"
)
_EDGE_RE = r"(?P<edge>early|mid|late)(?:(?:-|\s+)(?:(?:on|in)\s+)?(?P<rest>.+))?"
_ISO_DATETIME_RE = (
    r"\d{4}-\d{2}-\d{2}t(?P<clock>\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?)"
    r"(?P<offset>z|[+-]\d{2}(?::?\d{2})?)?"
)
_AGO_RE = r"(?P<n>.+?)\s+(?P<unit>minute|hour|day|week|month|year)s?\s+ago"
_LEADING_RE = r"^(?:(?:on|in|during)\s+)?(?:the\s+)?"
_FOUR_DIGITS_RE = r"(?<!\d)\d{4}(?!\d)"
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2004, 2, 2, 1, 1, 1))


class _Clock(NamedTuple):
    """A time of day as the phrase states it."""

    value: time
    precision: TimePrecision
    utc: bool
    text: str


class _Period(NamedTuple):
    """What a phrase means, before it becomes a Time: ``span`` units of
    ``precision`` from ``start``, a naive wall time in the place's zone (or in the
    fixed zone ``fixed``, for times stated in UTC or with an offset)."""

    start: datetime
    precision: TimePrecision
    span: int = 1
    part_of_day: PartOfDay | None = None
    fixed: tzinfo | None = None
    # start is a clock time: it must exist, and when the hour repeats, both count
    stated_clock: bool = False
    approximate: bool = False
    margin: timedelta | None = None

    @property
    def end(self) -> datetime:
        return add_units(self.start, self.precision, self.part_of_day, self.span)

    @property
    def is_day(self) -> bool:
        return self.precision is _P.DAY and self.span == 1


def resolve_time(
    text: str,
    *,
    reference: datetime | Time,
    tz: str | tzinfo,
    dayfirst: bool = False,
    allow_future: bool = False,
    language: str | None = None,
) -> Time:
    """Resolve a time phrase from a report into a :class:`~incidentkit.Time`.

    ``reference`` is when the report was published: an aware datetime, or a
    :class:`~incidentkit.Time` when only the day (say) is known. Relative phrases
    count back from it, in the IANA zone ``tz`` of the place (a name, or a tzinfo
    that knows its name). ``dayfirst`` reads ``11/03/2021`` as 11 March. A phrase
    that resolves to a time wholly after the reference is an error unless
    ``allow_future`` is true. ``language`` is a BCP 47 code ("de", "fa"); English
    when omitted. Other languages need the ``lang`` extra (dateparser's vocabulary)
    and are read into the same grammar, with the same windows.

    >>> from datetime import datetime
    >>> from dateutil import tz
    >>> published = datetime(2021, 3, 11, 18, 0, tzinfo=tz.gettz("Asia/Kabul"))
    >>> t = resolve_time("on Thursday afternoon at about 1pm", reference=published,
    ...                  tz="Asia/Kabul")
    >>> t.at.isoformat(), t.precision.value, t.approximate
    ('2021-03-11T13:00:00+04:30', 'hour', True)

    The grammar and the windows of words such as "afternoon", "early" or "in recent
    weeks" are listed in ``docs/time.md``. Raises
    :class:`~incidentkit.ValidationError` for a phrase it cannot resolve.
    """
    zone, tz_name = _zone(tz)
    try:
        ref = _Reference.of(reference, zone)
    except ValidationError:
        raise
    except (OverflowError, ValueError):  # 9999-12-31T23:00Z is in the year 10000 in Kabul
        raise ValidationError(
            f"the reference {reference!r} is beyond the years 1 to 9999 in {tz_name}"
        ) from None
    if not isinstance(text, str):
        raise ValidationError(f"expected a time phrase, got {type(text).__name__}")
    phrase = _Phrase(text, ref, zone, dayfirst, allow_future)
    if language is not None and language.split("-")[0].split("_")[0].lower() != "en":
        from ._phrases_lang import language as load_language

        phrase.read_as(load_language(language).translate(text))
    period = phrase.resolve()
    try:
        result = _to_time(period, zone, tz_name, text)
    except ValidationError as exc:  # e.g. a local mean time offset of 1900 in seconds
        phrase.fail("; ".join(problem.message for problem in exc.errors))
    except (OverflowError, ValueError):  # its end is in the year 10000
        phrase.fail("the period reaches beyond the years 1 to 9999")
    if ref.used:
        result = ref.carry(result)
    if not allow_future and ref.precedes(result.earliest):
        raise ValidationError(
            f"{text!r} resolves to {result.at.isoformat()}, after the reference "
            f"({ref.description}); pass allow_future=True if that is meant"
        )
    return result


def find_times(
    text: str,
    *,
    reference: datetime | Time,
    tz: str | tzinfo,
    language: str | None = None,
) -> list[FoundTime]:
    """Every time phrase in a report's running text that :func:`resolve_time` can
    resolve, with its character offsets, in order.

    Candidates are runs of words the grammar knows (in ``language``, English when
    omitted); in each, the longest stretch that resolves is taken, and a leading
    "on" or "at" is left out. Month and weekday names count only when capitalised
    ("may" is a verb), and bare numbers only as years from 1900 to 2099. Phrases
    that resolve after the reference are not reported.

    >>> from incidentkit import Time
    >>> published = Time.local(2021, 3, 11, tz="Asia/Kabul")
    >>> [(f.start, f.end, f.text) for f in find_times(
    ...     "He joined on Wednesday afternoon, three months ago.",
    ...     reference=published, tz="Asia/Kabul")]
    [(13, 32, 'Wednesday afternoon'), (34, 50, 'three months ago')]
    """
    return _find_times(text, reference=reference, tz=tz, language=language)


def _check_reference(reference: datetime | Time, tz: str | tzinfo) -> None:
    """Raise the error resolve_time would raise for this reference and zone."""
    zone, _ = _zone(tz)
    try:
        _Reference.of(reference, zone)
    except ValidationError:
        raise
    except (OverflowError, ValueError):
        raise ValidationError(
            f"the reference {reference!r} is beyond the years 1 to 9999"
        ) from None


# ---------------------------------------------------------------- the reference


def _zone(tz: str | tzinfo) -> tuple[tzinfo, str]:
    """The zone and its IANA name, from a name or a tzinfo that knows its name."""
    name: str | None
    if isinstance(tz, str):
        name = tz
    elif isinstance(tz, tzinfo):
        name = getattr(tz, "key", None)  # zoneinfo.ZoneInfo
        filename = getattr(tz, "_filename", None)  # dateutil's tz.gettz()
        if name is None and isinstance(filename, str):
            name = filename.rpartition("zoneinfo/")[2] if "zoneinfo/" in filename else filename
        if name is None and tz.utcoffset(None) == timedelta(0) and not tz.dst(None):
            name = "UTC"  # datetime.timezone.utc, dateutil's tz.UTC
    else:
        raise ValidationError(f"tz must be an IANA zone name or tzinfo, got {type(tz).__name__}")
    zone = get_zone(name) if isinstance(name, str) else None
    if zone is None or name is None:
        raise ValidationError(f"unknown IANA time zone {name or tz!r}; give its IANA name")
    return zone, name


class _Reference:
    """When the report was published: the first and last instant it may be (aware,
    and as local wall times), and the bound after which a time is in its future."""

    def __init__(
        self,
        first: datetime,
        last: datetime,
        zone: tzinfo,
        after: datetime,
        *,
        inclusive: bool,
        description: str,
    ) -> None:
        self.first_at, self.last_at = first, last
        self.first, self.last = _wall(first, zone), _wall(last, zone)
        self._after = after
        self._inclusive = inclusive
        self.description = description
        self.approximate = self.uncertain = False
        self.margin = timedelta(0)
        #: whether the phrase was counted from the reference (not "11 March 2021")
        self.used = False

    def carry(self, result: Time) -> Time:
        """A result counted from a reference that is itself approximate or uncertain
        is so too, and the reference's margin widens it."""
        if not (self.approximate or self.uncertain or self.margin):
            return result
        margin = result.margin + self.margin
        seconds = min(int(margin.total_seconds()), MAX_MARGIN_SECONDS)
        return Time(
            at=result.at,
            tz=result.tz,
            precision=result.precision,
            span=result.span,
            part_of_day=result.part_of_day,
            approximate=result.approximate or self.approximate,
            uncertain=result.uncertain or self.uncertain,
            margin_seconds=seconds if self.margin else result.margin_seconds,
        )

    @classmethod
    def of(cls, reference: object, zone: tzinfo) -> _Reference:
        if isinstance(reference, Time):
            ref = cls(
                reference.start,
                reference.end - timedelta(microseconds=1),
                zone,
                reference.latest,
                inclusive=True,
                description=f"a period that ends {reference.latest.isoformat()}",
            )
            ref.approximate, ref.uncertain = reference.approximate, reference.uncertain
            ref.margin = reference.margin
            return ref
        if isinstance(reference, datetime):
            if reference.utcoffset() is None:
                raise ValidationError(
                    "reference is a naive datetime; give its time zone (it is ambiguous)"
                )
            return cls(
                reference,
                reference,
                zone,
                reference,
                inclusive=False,
                description=reference.isoformat(),
            )
        raise ValidationError(
            f"reference must be an aware datetime or a Time, got {type(reference).__name__}"
        )

    def precedes(self, instant: datetime) -> bool:
        """Whether ``instant`` is after everything the reference can be."""
        return instant >= self._after if self._inclusive else instant > self._after

    def day(self) -> date:
        self.used = True
        if self.first.date() != self.last.date():
            raise _NeedsFiner("day")
        return self.first.date()

    def month(self) -> tuple[int, int]:
        self.used = True
        if (self.first.year, self.first.month) != (self.last.year, self.last.month):
            raise _NeedsFiner("month")
        return self.first.year, self.first.month

    def year(self) -> int:
        self.used = True
        if self.first.year != self.last.year:
            raise _NeedsFiner("year")
        return self.first.year


class _NeedsFiner(Exception):
    """The reference is not known finely enough for the phrase."""

    def __init__(self, unit: str) -> None:
        super().__init__(f"the reference is not known to the {unit}")


def _wall(instant: datetime, zone: tzinfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


# ---------------------------------------------------------------- the grammar


class _Phrase:
    """One phrase being resolved: normalised text, the parts found so far."""

    def __init__(
        self, text: str, ref: _Reference, zone: tzinfo, dayfirst: bool, allow_future: bool
    ) -> None:
        self.text = text
        self.ref = ref
        self.zone = zone
        self.dayfirst = dayfirst
        self.allow_future = allow_future
        self.rest = _normalise(text)
        self.english: str | None = None

    def read_as(self, english: str) -> None:
        """Resolve ``english``, the phrase read from another language."""
        self.english = english
        self.rest = _normalise(english)

    def fail(self, reason: str) -> NoReturn:
        read = "" if self.english is None else f" (read as {_shown(self.english)})"
        raise ValidationError(f"cannot resolve time phrase {_shown(self.text)}{read}: {reason}")

    def resolve(self) -> _Period:
        try:
            return self._resolve()
        except ValidationError:
            raise
        except _NeedsFiner as exc:
            self.fail(str(exc))
        except (OverflowError, ValueError) as exc:
            self.fail(f"the date falls outside the years 1 to 9999 ({exc})")

    def _resolve(self) -> _Period:
        if not self.rest:
            self.fail("it is empty")
        approximate = self._take_qualifiers()
        if not self.rest:
            self.fail("it names no day, month or year")
        period = self._span() or self._iso_datetime()
        clock = None
        if period is None:
            clock = self._take_clock()
            night = self._take(_NIGHT_RE, "which", "night")
            window = self._take(_WINDOW_RE, "window", "part of the night or dawn")
            part = self._take(_PART_OF_DAY_RE, "part", "part of day")
            if window is not None and part == "morning" and "hours" in window:
                part = None  # "in the early hours of Thursday morning"
            edge, body = self._split_edge()
            body = re.sub(_LEADING_RE, "", body, count=1).strip()
            if night is not None:
                if part or edge or window or (body and night != "overnight"):
                    self.fail(f"{night!r} does not combine with {self.rest!r}")
                period = self._night(night, self._day_expression(body) if body else None)
            elif body:
                period = self._day_expression(body)
            elif clock is not None or part is not None or window is not None:
                period = _Period(datetime.combine(self.ref.day(), time()), _P.DAY)
            else:
                self.fail("it names no day, month or year")
            if window is not None:
                if part is not None or edge is not None:
                    self.fail(f"{window!r} does not combine with {part or edge!r}")
                period = self._apply_window(window, period)
            if edge is not None and part is not None:
                period = self._apply_part_edge(edge, PartOfDay(part), period)
            elif edge is not None:
                period = self._apply_edge(edge, period)
            elif part is not None:
                period = self._apply_part_of_day(PartOfDay(part), period)
            if clock is not None:
                period = self._apply_clock(clock, period)
        if approximate:
            period = period._replace(approximate=True)
            if clock is not None and period.margin is None and period.precision in _FINE:
                period = period._replace(margin=APPROXIMATE_CLOCK_MARGIN)
        return period

    # -- spans and hedged counts: forms that take the whole phrase

    def _span(self) -> _Period | None:
        text = re.sub(r"^(?:on|at)\s+(?!least\b)", "", self.rest)
        match = re.fullmatch(_HEDGED_AGO_RE, text)
        if match:
            return self._hedged_ago(match.group("hedge"), match.group("n"), match.group("unit"))
        for pattern in (_PAST_RE, _AFTER_RE):
            match = re.fullmatch(pattern, text)
            if match:
                n = self._count(match.group("n"))
                return self._back_to_now(match.group("unit"), n)
        match = re.fullmatch(_PAST_ONE_RE, text)
        if match:
            return self._back_to_now(match.group("unit"), 1)
        match = re.fullmatch(_FOR_RE, text)
        if match:
            today = self.ref.day()
            return self._through_today(today - FOR_UNITS[match.group("unit")])
        match = re.fullmatch(_EARLIER_RE, text)
        if match:
            unit = match.group("unit")
            first = self._calendar_unit(False, unit).start.date()
            return self._through_today(first)
        match = re.fullmatch(_SINCE_RE, text)
        if match:
            if re.match(r"(?:ever\s+)?since\b", match.group("what")):
                self.fail("it says 'since' twice")
            inner = _Phrase(match.group("what"), self.ref, self.zone, self.dayfirst, True)
            since = inner._resolve()
            if since.fixed is not None or since.precision in _UNIT_SECONDS:
                self.fail("'since' goes with a day, month or year, not a clock time")
            first = since.start.date()
            if first > self.ref.day():
                self.fail(f"{match.group('what')!r} is after the reference")
            return self._through_today(first)
        return None

    def _count(self, amount: str) -> int:
        n = _number(amount)
        if n is None:
            self.fail(f"{_shown(amount, 40)} is not a number it can read")
        return n

    def _through_today(self, first: date) -> _Period:
        """The days from ``first`` through the reference day."""
        today = self.ref.day()
        return _Period(datetime.combine(first, time()), _P.DAY, span=(today - first).days + 1)

    def _back_to_now(self, unit: str, n: int) -> _Period:
        """ "The past N units": from N units before the reference through it (the
        reference day, or its hour or minute for hours and minutes)."""
        if unit in ("hour", "minute"):
            start = self._ago(n, unit)
            end = self._ago(0, unit).end
            return _Period(
                start.start, start.precision, span=_units(start.start, end, start.precision)
            )
        back = relativedelta(**{f"{unit}s": n})  # type: ignore[arg-type]
        return self._through_today(self.ref.day() - back)

    def _hedged_ago(self, hedge: str, amount: str, unit: str) -> _Period:
        """ "At least a month ago", "nearly two weeks ago": from the count to the
        count plus (or minus) half of it, at least one unit, widened as counts are."""
        n = self._count(amount)
        step = max(1, n // 2)
        other = n + step if HEDGES[hedge] > 0 else max(0, n - step)
        a, b = self._ago(n, unit), self._ago(other, unit)
        first, last = (a, b) if a.start <= b.start else (b, a)
        return first._replace(
            span=_units(first.start, last.end, first.precision), stated_clock=False
        )

    # -- pieces taken out of the phrase

    def _take_qualifiers(self) -> bool:
        self.rest, count = re.subn(_QUALIFIER_RE, " ", self.rest)
        self.rest = _squeeze(self.rest)
        return count > 0

    def _take(self, pattern: str, group: str, what: str) -> str | None:
        """Take the one match of ``pattern`` out of the phrase; two are an error."""
        matches = list(re.finditer(pattern, self.rest))
        if not matches:
            return None
        if len(matches) > 1:
            found = ", ".join(repr(m.group(0)) for m in matches)
            self.fail(f"it names more than one {what}: {found}")
        match = matches[0]
        self.rest = _squeeze(self.rest[: match.start()] + " " + self.rest[match.end() :])
        return match.group(group)

    def _take_clock(self) -> _Clock | None:
        matches = list(re.finditer(_CLOCK_RE, self.rest))
        if not matches:
            if re.search(r"\b(?:utc|gmt)\b", self.rest):
                self.fail("a UTC or GMT marker needs a clock time")
            return None
        if len(matches) > 1:
            self.fail(f"it names more than one clock time: {len(matches)}")
        match = matches[0]
        self.rest = _squeeze(self.rest[: match.start()] + " " + self.rest[match.end() :])
        return self._clock(match)

    def _clock(self, match: re.Match[str]) -> _Clock:
        utc = match.group("zone") in ("utc", "gmt")
        named = match.group("named")
        if named is not None:
            return _Clock(time(0 if named == "midnight" else 12), _P.HOUR, utc, match.group(0))
        if match.group("ampm") is not None:
            hour, minute, second = match.group("h12", "m12", "s12")
            h = int(hour)
            if not 1 <= h <= 12:
                self.fail(f"{match.group(0).strip()!r} is not a 12-hour clock time")
            h = h % 12 + (12 if match.group("ampm") == "pm" else 0)
        else:
            hour, minute, second = match.group("h24", "m24", "s24")
            h = int(hour)
        precision = _P.HOUR if minute is None else _P.MINUTE if second is None else _P.SECOND
        try:
            value = time(h, int(minute or 0), int(second or 0))
        except ValueError:
            self.fail(f"{match.group(0).strip()!r} is not a valid time of day")
        return _Clock(value, precision, utc, match.group(0).strip())

    def _split_edge(self) -> tuple[str | None, str]:
        match = re.fullmatch(_EDGE_RE, self.rest)
        if match is None:
            return None, self.rest
        return match.group("edge"), match.group("rest") or ""

    def _iso_datetime(self) -> _Period | None:
        """An ISO 8601 date and time: ``2021-03-11T13:00``, with an offset or not."""
        match = re.fullmatch(_ISO_DATETIME_RE, self.rest)
        if match is None:
            return None
        try:
            parsed = dateutil_parser.isoparse(self.rest.upper())
        except ValueError as exc:
            self.fail(str(exc))
        clock = match.group("clock")
        precision = (_P.HOUR, _P.MINUTE, _P.SECOND)[min(clock.count(":"), 2)]
        return _Period(
            parsed.replace(tzinfo=None, microsecond=0),
            precision,
            fixed=parsed.tzinfo,
            stated_clock=True,
        )

    # -- what names the day, month, year or span

    def _day_expression(self, body: str) -> _Period:
        ref = self.ref
        if body in ("today", "this"):
            return _day(ref.day())
        if body == "yesterday":
            return _day(ref.day() - timedelta(days=1))
        if body == "day before yesterday":
            return _day(ref.day() - timedelta(days=2))
        match = re.fullmatch(rf"(?:last\s+)?(?P<wd>{_WEEKDAY})", body)
        if match:
            today = ref.day()
            back = (today.weekday() - _WEEKDAYS[match.group("wd")]) % 7
            return _day(today - timedelta(days=back))
        match = re.fullmatch(rf"(?P<wd>{_WEEKDAY})\s+(?P<date>.+)", body)
        if match:
            return self._dated_weekday(match.group("wd"), match.group("date"))
        match = re.fullmatch(_AGO_RE, body)
        if match:
            return self._ago(self._count(match.group("n")), match.group("unit"))
        match = re.fullmatch(r"(?P<which>last|this)\s+(?P<unit>week|month|year)", body)
        if match:
            return self._calendar_unit(match.group("which") == "last", match.group("unit"))
        match = re.fullmatch(rf"(?P<last>last\s+)?(?P<month>{_MONTH})", body)
        if match:
            return self._month_name(_MONTHS[match.group("month")], bool(match.group("last")))
        match = re.fullmatch(r"recent\s+(?P<unit>days|weeks|months)", body)
        if match:
            today = ref.day()
            start = today - RECENT[match.group("unit")]
            return _Period(datetime.combine(start, time()), _P.DAY, span=(today - start).days + 1)
        if re.fullmatch(r"\d{4}", body):
            return _Period(datetime(int(body), 1, 1), _P.YEAR)
        return self._explicit_date(body)

    def _dated_weekday(self, weekday: str, text: str) -> _Period:
        period = self._explicit_date(text)
        if not period.is_day:
            self.fail(f"a weekday goes with a full date, not {text!r}")
        stated = calendar.day_name[_WEEKDAYS[weekday]]
        actual = calendar.day_name[period.start.weekday()]
        if actual != stated:
            self.fail(f"{period.start.date().isoformat()} was a {actual}, not a {stated}")
        return period

    def _ago(self, n: int, unit: str) -> _Period:
        ref = self.ref
        if unit in ("hour", "minute"):
            precision = _P.HOUR if unit == "hour" else _P.MINUTE
            ref.used = True
            delta = timedelta(hours=n) if unit == "hour" else timedelta(minutes=n)
            first, last = (
                # elapsed time: subtract in UTC (aware arithmetic in one zone is
                # wall-clock arithmetic, which is off by an hour across a DST change)
                _floor(_wall(instant.astimezone(timezone.utc) - delta, self.zone), precision)
                for instant in (ref.first_at, ref.last_at)
            )
            if first != last:
                raise _NeedsFiner(unit)
            return _Period(first, precision, stated_clock=True)
        if unit == "day":
            return _day(ref.day() - timedelta(days=n))
        if unit == "week":
            return _day(ref.day() - timedelta(weeks=n))._replace(
                approximate=True, margin=WEEKS_AGO_MARGIN
            )
        if unit == "month":
            year, month = ref.month()
            start = datetime(year, month, 1) - relativedelta(months=n)
            return _Period(start, _P.MONTH, approximate=True)
        return _Period(datetime(ref.year() - n, 1, 1), _P.YEAR, approximate=True)

    def _calendar_unit(self, last: bool, unit: str) -> _Period:
        ref = self.ref
        if unit == "week":
            today = ref.day()
            monday = today - timedelta(days=today.weekday() + (7 if last else 0))
            return _Period(datetime.combine(monday, time()), _P.DAY, span=7)
        if unit == "month":
            year, month = ref.month()
            start = datetime(year, month, 1) - relativedelta(months=1 if last else 0)
            return _Period(start, _P.MONTH)
        return _Period(datetime(ref.year() - (1 if last else 0), 1, 1), _P.YEAR)

    def _month_name(self, month: int, strictly_before: bool) -> _Period:
        """A month name: the most recent such month on or before the reference's
        month ("March"), or strictly before it ("last March")."""
        ref_year, ref_month = self.ref.month()
        back = month > ref_month or (strictly_before and month == ref_month)
        return _Period(datetime(ref_year - back, month, 1), _P.MONTH)

    def _night(self, which: str, of: _Period | None) -> _Period:
        """ "Last night", "tonight", "overnight" (the night before the reference
        day) and "overnight Wednesday" (the night from Wednesday into Thursday)."""
        if of is not None:
            if not of.is_day:
                self.fail(f"{which!r} needs a single day")
            day = of.start.date()
        else:
            day = self.ref.day() - timedelta(days=0 if which == "tonight" else 1)
        start, hours = NIGHT_WINDOW
        return _Period(datetime.combine(day, time(start)), _P.HOUR, span=hours)

    def _explicit_date(self, body: str) -> _Period:
        """A calendar date in one of the many forms dateutil reads; which parts the
        text gave is found by parsing it with two different defaults."""
        if re.search(_FUTURE_RE, body):
            self.fail(f"{body!r} is not a date or a phrase it knows: it is in the future")
        weekday = re.search(rf"\b(?:{_WEEKDAY})\b", body)
        if weekday:
            without = _squeeze(body[: weekday.start()] + body[weekday.end() :])
            if _unknown_words(without) or not without:
                self._unknown(body)
            self.fail(
                f"the weekday {weekday.group(0)!r} goes before its date, as in "
                "'Thursday 11 March 2021'"
            )
        try:
            a, b = (
                dateutil_parser.parse(body, default=default, dayfirst=self.dayfirst)
                for default in _DEFAULTS
            )
        # dateutil's ParserError is a ValueError; a long run of digits after an hour
        # ("1h111...") ends in decimal.InvalidOperation, an ArithmeticError
        except (ValueError, ArithmeticError) as exc:
            if "out of range" in str(exc):
                self.fail(f"{body!r} is not a valid date ({str(exc).partition(':')[0]})")
            self._unknown(body)
        if a.tzinfo is not None:
            self.fail("a zone marker goes with a clock time")
        if a.hour == b.hour or a.minute == b.minute or a.second == b.second:
            self.fail(f"{body!r} has a time it cannot read; write it as 1pm or 13:00")
        has_year, has_month, has_day = a.year == b.year, a.month == b.month, a.day == b.day
        if has_year and f"{a.year:04d}" not in re.findall(_FOUR_DIGITS_RE, body):
            self.fail("write the year with four digits")
        if has_year and has_month and has_day:
            return _day(a.date())
        if has_month and has_day and not has_year:
            return _day(self._most_recent(a.month, a.day))
        if has_year and has_month:
            return _Period(datetime(a.year, a.month, 1), _P.MONTH)
        if has_year and not has_day:
            return _Period(datetime(a.year, 1, 1), _P.YEAR)
        self.fail(f"{body!r} needs a month with its day, or a year with its month")

    def _unknown(self, body: str) -> NoReturn:
        unknown = _unknown_words(body)
        if unknown:
            words = ", ".join(repr(word) for word in unknown)
            self.fail(f"{body!r} is not a date or a phrase it knows (it does not know {words})")
        self.fail(f"{body!r} is not a date or a phrase it knows")

    def _most_recent(self, month: int, day: int) -> date:
        """The latest date with this month and day on or before the reference day,
        when that is at most ``YEARLESS_DAYS_BACK`` days back; a date after the
        reference day is refused rather than moved a year back silently."""
        today = self.ref.day()
        label = f"{day} {calendar.month_name[month]}"
        for year in range(today.year, today.year - 9, -1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= today or (self.allow_future and year == today.year):
                back = (today - candidate).days
                if back > YEARLESS_DAYS_BACK and year != today.year:
                    self.fail(
                        f"{label} without a year would be {candidate.isoformat()}, "
                        f"{back} days before the reference; give the year"
                    )
                return candidate
        self.fail(f"there is no {label} in the years before the reference")

    # -- refinements

    def _apply_edge(self, edge: str, period: _Period) -> _Period:
        start = period.start
        if period.precision is _P.YEAR and period.span == 1:
            first, last = YEAR_THIRDS[edge]
            return _Period(start.replace(month=first), _P.MONTH, span=last - first + 1)
        if period.precision is _P.MONTH and period.span == 1:
            first_day, last_day = MONTH_THIRDS[edge]
            if last_day is None:
                last_day = calendar.monthrange(start.year, start.month)[1]
            return _Period(start.replace(day=first_day), _P.DAY, span=last_day - first_day + 1)
        if period.precision is _P.DAY and period.span == 7 and start.weekday() == 0:
            first_day, days = WEEK_THIRDS[edge]
            return _Period(start + timedelta(days=first_day), _P.DAY, span=days)
        if period.is_day and edge in DAY_EDGES:
            first_hour, end_hour = DAY_EDGES[edge]
            return _Period(start.replace(hour=first_hour), _P.HOUR, span=end_hour - first_hour)
        self.fail(f"{edge!r} goes with a day ('early on'/'late on'), a week, a month or a year")

    def _apply_window(self, window: str, period: _Period) -> _Period:
        """Parts of the night and dawn on a day (``NIGHT_WINDOWS``)."""
        if not period.is_day or period.fixed is not None:
            self.fail(f"{window!r} needs a single day")
        name = re.sub(r"\s+", " ", window)
        name = {
            "small hours": "early hours",
            "pre-dawn": "before dawn",
            "predawn": "before dawn",
        }.get(name, name)
        if not name.startswith(("at ", "early", "before")):
            name = f"at {name}"
        start, hours = NIGHT_WINDOWS[name]
        return _Period(period.start.replace(hour=start), _P.HOUR, span=hours)

    def _apply_part_edge(self, edge: str, part: PartOfDay, period: _Period) -> _Period:
        """ "Early Thursday morning", "late afternoon" (``PART_EDGES``)."""
        if (edge, part) not in PART_EDGES:
            self.fail(f"{edge!r} does not go with the {part.value}")
        if not period.is_day or period.fixed is not None:
            self.fail(f"a part of day ({part.value}) needs a single day")
        start, hours = PART_EDGES[edge, part]
        return _Period(period.start.replace(hour=start), _P.HOUR, span=hours)

    def _apply_part_of_day(self, part: PartOfDay, period: _Period) -> _Period:
        if not period.is_day or period.fixed is not None:
            self.fail(f"a part of day ({part.value}) needs a single day")
        start = period.start.replace(hour=PART_OF_DAY_WINDOWS[part][0])
        return _Period(start, _P.PART_OF_DAY, part_of_day=part)

    def _apply_clock(self, clock: _Clock, period: _Period) -> _Period:
        """Place the clock time in the period: the day, or the first time it comes
        round within a part of day or a window such as "last night"."""
        if period.fixed is not None or not (
            period.is_day or period.precision in (_P.PART_OF_DAY, _P.HOUR)
        ):
            self.fail(f"a clock time ({clock.text}) needs a day, not a longer period")
        day = period.start.date()
        if clock.utc and period.is_day:
            start = datetime.combine(day, clock.value)
            return _Period(start, clock.precision, fixed=dateutil_tz.UTC, stated_clock=True)
        for offset in (-1, 0, 1):
            wall = datetime.combine(day + timedelta(days=offset), clock.value)
            local = _wall(wall.replace(tzinfo=dateutil_tz.UTC), self.zone) if clock.utc else wall
            if period.start <= local < period.end:
                fixed = dateutil_tz.UTC if clock.utc else None
                return _Period(wall, clock.precision, fixed=fixed, stated_clock=True)
        self.fail(f"{clock.text} is not within {_describe(period)}")


# ---------------------------------------------------------------- to a Time


def _to_time(period: _Period, zone: tzinfo, tz_name: str, text: str) -> Time:
    """Build the Time for a period: in the place's zone, at the period's precision
    when its start and end fall on that precision's units there, or at a finer one
    (13:00 UTC is 17:30 in Kabul: minute precision, 60 minutes)."""
    margin = period.margin
    if period.fixed is None:
        start = _local_start(period, zone, tz_name, text)
        span = period.span
        value = _build(start, period.precision, span, period.part_of_day, tz_name, period, margin)
        if span > 1:  # a start skipped by DST moves later; the end stays where it was
            end = attach_zone(period.end, zone)
            while value.end > end and span > 1:
                span -= 1
                value = _build(start, period.precision, span, None, tz_name, period, margin)
        return _cover_repeated_clock(period, zone, value)
    start = period.start.replace(tzinfo=period.fixed).astimezone(zone)
    end = period.end.replace(tzinfo=period.fixed).astimezone(dateutil_tz.UTC)
    precision = period.precision
    while not _aligned(start, precision, zone):
        precision = _FINER[precision]
    if precision is not period.precision and period.approximate and margin is None:
        margin = APPROXIMATE_MARGIN[period.precision]
    span = 1
    candidate = _build(start, precision, span, None, tz_name, period, margin)
    while candidate.end < end:  # count units of local wall time until the end is reached
        if precision in _UNIT_SECONDS:
            span += max(1, int((end - candidate.end).total_seconds()) // _UNIT_SECONDS[precision])
        else:
            span += 1
        candidate = _build(start, precision, span, None, tz_name, period, margin)
    return candidate


def _build(
    at: datetime,
    precision: TimePrecision,
    span: int,
    part_of_day: PartOfDay | None,
    tz_name: str,
    period: _Period,
    margin: timedelta | None,
) -> Time:
    return Time(
        at=at,
        tz=tz_name,
        precision=precision,
        span=span,
        part_of_day=part_of_day,
        approximate=period.approximate,
        margin_seconds=None if margin is None else int(margin.total_seconds()),
    )


def _local_start(period: _Period, zone: tzinfo, tz_name: str, text: str) -> datetime:
    """The period's start in the zone. A stated clock time that a DST change skips
    is an error; an ambiguous one is taken at its first occurrence (the bounds are
    widened to cover the second, see :func:`_cover_repeated_clock`)."""
    local = period.start.replace(tzinfo=zone)
    if period.stated_clock and not dateutil_tz.datetime_exists(local):
        raise ValidationError(
            f"cannot resolve time phrase {text!r}: {period.start:%H:%M} on "
            f"{period.start:%Y-%m-%d} does not exist in {tz_name} (the clocks "
            "were put forward)"
        )
    return attach_zone(period.start, zone)


def _cover_repeated_clock(period: _Period, zone: tzinfo, value: Time) -> Time:
    """A clock time in the hour repeated when clocks go back happened at one of two
    instants; widen the bounds (``margin_seconds``) so that they hold both."""
    local = period.start.replace(tzinfo=zone)
    if not (period.stated_clock and dateutil_tz.datetime_ambiguous(local)):
        return value
    second = Time(at=dateutil_tz.enfold(local, fold=1), tz=value.tz, precision=value.precision)
    extra = second.end - value.end
    if extra <= timedelta(0):
        return value  # the period already runs past the repeated hour
    return Time(
        at=value.at,
        tz=value.tz,
        precision=value.precision,
        span=value.span,
        approximate=value.approximate,
        margin_seconds=int((value.margin + extra).total_seconds()),
    )


def _aligned(instant: datetime, precision: TimePrecision, zone: tzinfo) -> bool:
    wall = _wall(instant, zone)
    fields = {
        _P.YEAR: (wall.month - 1, wall.day - 1, wall.hour, wall.minute, wall.second),
        _P.MONTH: (wall.day - 1, wall.hour, wall.minute, wall.second),
        _P.DAY: (wall.hour, wall.minute, wall.second),
        _P.HOUR: (wall.minute, wall.second),
        _P.MINUTE: (wall.second,),
        _P.SECOND: (),
    }[precision]
    return not any(fields) and wall.microsecond == 0


# ---------------------------------------------------------------- small helpers


def _normalise(text: str) -> str:
    """Lower case, plain spaces and hyphens, "a.m." as "am", no commas or final
    full stop, so that the grammar's patterns stay small."""
    value = text.lower()
    for old, new in (("\u2013", "-"), ("\u2014", "-"), ("\u00a0", " "), ("\u2019", "'")):
        value = value.replace(old, new)
    value = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", value)
    value = value.replace(",", " ")
    # a scan from the end, not re.sub(r"[.;:!\s]+$"): the regex tries every start
    # position, and long runs of dots or spaces made it quadratic
    end = len(value)
    while end and (value[end - 1] in ".;:!" or value[end - 1].isspace()):
        end -= 1
    return _squeeze(value[:end])


def _shown(text: str, limit: int = 80) -> str:
    """The phrase quoted for a message, cut short when it is long."""
    return (
        repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} characters)"
    )


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _number(text: str) -> int | None:
    """A count written in digits or in words up to ninety-nine ("a" and "an" are 1)."""
    if text.isdigit():
        return int(text) if len(text) <= 6 else None
    if text in ("a", "an"):
        return 1
    words = re.split(r"[\s-]+", text)
    if len(words) == 1:
        return _SMALL_NUMBERS.get(words[0], _TENS.get(words[0]))
    if len(words) == 2 and words[0] in _TENS and 1 <= _SMALL_NUMBERS.get(words[1], 0) <= 9:
        return _TENS[words[0]] + _SMALL_NUMBERS[words[1]]
    return None


def _units(start: datetime, end: datetime, precision: TimePrecision) -> int:
    """How many units of ``precision`` run from ``start`` to ``end`` (wall times)."""
    if precision is _P.YEAR:
        return end.year - start.year
    if precision is _P.MONTH:
        return (end.year - start.year) * 12 + end.month - start.month
    step = {_P.DAY: 86400, **_UNIT_SECONDS}[precision]
    return int((end - start).total_seconds()) // step


_GRAMMAR_WORDS = """a an the on in at of during last this ago today yesterday day days week
weeks month months year years hour hours minute minutes second seconds morning afternoon
evening night tonight overnight before dawn dusk pre predawn early hours small recent past
for since ever after earlier midday noon midnight am pm local time utc gmt hrs least more
than over nearly almost less under just st nd rd th"""
_GRAMMAR_NAMES = frozenset((*_WEEKDAYS, *_MONTHS))
_KNOWN_WORDS = frozenset(
    (*_WEEKDAYS, *_MONTHS, *_SMALL_NUMBERS, *_TENS, *QUALIFIERS, *MONTH_THIRDS)
) | frozenset(_GRAMMAR_WORDS.split())


def _unknown_words(text: str) -> list[str]:
    """The words of ``text`` that the grammar does not know (numbers are known)."""
    words = re.findall(r"[^\W\d_]+", text)
    return [w for w in dict.fromkeys(words) if w not in _KNOWN_WORDS]


def _day(day: date) -> _Period:
    return _Period(datetime.combine(day, time()), _P.DAY)


def _floor(wall: datetime, precision: TimePrecision) -> datetime:
    if precision is _P.HOUR:
        return wall.replace(minute=0, second=0, microsecond=0)
    return wall.replace(second=0, microsecond=0)


def _describe(period: _Period) -> str:
    if period.part_of_day is not None:
        return f"the {period.part_of_day.value} of {period.start:%Y-%m-%d}"
    return f"{period.start:%Y-%m-%d %H:%M} to {period.end:%Y-%m-%d %H:%M}"
