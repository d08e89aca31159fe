"""resolve_time: report phrases resolved against the publication time, in the
place's zone, with DST changes, leap days and the phrases that must fail."""

from __future__ import annotations

import calendar
import json
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from _paths import ROOT
from incidentkit import Time, TimePrecision, ValidationError, from_dict, resolve_time
from incidentkit.cli import main
from incidentkit.examples import DEFECTION, INCIDENT, PUBLISHED
from incidentkit.time import APPROXIMATE_MARGIN, PART_OF_DAY_WINDOWS
from incidentkit.timephrases import (
    DAY_EDGES,
    MONTH_THIRDS,
    NIGHT_WINDOW,
    QUALIFIERS,
    RECENT,
    WEEKS_AGO_MARGIN,
    YEAR_THIRDS,
)

KABUL = "Asia/Kabul"
BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
SANTIAGO = "America/Santiago"
KATHMANDU = "Asia/Kathmandu"


def at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz.gettz(zone))  # type: ignore[misc]


#: Named references: (reference, zone of the place).
REFERENCES: dict[str, tuple[datetime | Time, str]] = {
    # The reference report: published on Thursday 11 March 2021, hour unknown.
    "kabul": (PUBLISHED, KABUL),
    "kabul 18:00": (at(KABUL, 2021, 3, 11, 18), KABUL),
    "kathmandu": (at(KATHMANDU, 2021, 3, 11, 20), KATHMANDU),
    # The Monday after clocks went forward (28 March) and back (31 October) in Berlin.
    "berlin spring": (at(BERLIN, 2021, 3, 29, 12), BERLIN),
    "berlin autumn": (at(BERLIN, 2021, 11, 1, 12), BERLIN),
    # 03:30 EST, 90 minutes after New York's clocks went back from 02:00 EDT.
    "new york": (at(NEW_YORK, 2021, 11, 7, 3, 30), NEW_YORK),
    # The day after Santiago skipped midnight (5 September 2021 began at 01:00).
    "santiago": (at(SANTIAGO, 2021, 9, 6, 12), SANTIAGO),
    # The day after a leap day, and a leap day itself.
    "leap": (at("UTC", 2024, 3, 1, 10), "UTC"),
    "leap day": (at("UTC", 2024, 2, 29, 10), "UTC"),
}


def describe(t: Time) -> str:
    """Precision, local start / end of the stated period, then ~ if approximate and
    the explicit margin in hours if any: one readable string per expected value."""
    zone = t.zone
    text = (
        f"{t.precision.value} {t.start.astimezone(zone):%Y-%m-%d %H:%M}"
        f" / {t.end.astimezone(zone):%Y-%m-%d %H:%M}"
    )
    if t.approximate:
        text += " ~"
    if t.margin_seconds is not None:
        text += f" ±{t.margin_seconds / 3600:g}h"
    return text


RESOLVED = [
    # the reference report
    ("on Thursday afternoon at about 1pm", "kabul", "hour 2021-03-11 13:00 / 2021-03-11 14:00 ~"),
    ("on Wednesday afternoon", "kabul", "part_of_day 2021-03-10 12:00 / 2021-03-10 18:00"),
    ("three months ago", "kabul", "month 2020-12-01 00:00 / 2021-01-01 00:00 ~"),
    ("in recent weeks", "kabul", "day 2021-01-28 00:00 / 2021-03-12 00:00"),
    ("last October", "kabul", "month 2020-10-01 00:00 / 2020-11-01 00:00"),
    # explicit dates in news formats
    ("11 March 2021", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("March 11, 2021", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("on the 11th of March 2021", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("03/11/2021", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("2021-03-11", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("Thursday, 11 March 2021", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("10 March", "kabul", "day 2021-03-10 00:00 / 2021-03-11 00:00"),
    ("10 December", "kabul", "day 2020-12-10 00:00 / 2020-12-11 00:00"),
    ("March 2020", "kabul", "month 2020-03-01 00:00 / 2020-04-01 00:00"),
    ("in 2020", "kabul", "year 2020-01-01 00:00 / 2021-01-01 00:00"),
    ("2021-03-11T13:00", "kabul", "minute 2021-03-11 13:00 / 2021-03-11 13:01"),
    ("2021-03-11T08:30Z", "kabul", "minute 2021-03-11 13:00 / 2021-03-11 13:01"),
    ("2021-03-11T13:00:05+04:30", "kabul", "second 2021-03-11 13:00 / 2021-03-11 13:00"),
    ("11 March 2021 at 13:00 local time", "kabul", "minute 2021-03-11 13:00 / 2021-03-11 13:01"),
    # times of day
    ("1pm", "kabul", "hour 2021-03-11 13:00 / 2021-03-11 14:00"),
    ("13:00", "kabul", "minute 2021-03-11 13:00 / 2021-03-11 13:01"),
    ("3:30 a.m.", "kabul", "minute 2021-03-11 03:30 / 2021-03-11 03:31"),
    ("at 12am", "kabul", "hour 2021-03-11 00:00 / 2021-03-11 01:00"),
    ("midday", "kabul", "hour 2021-03-11 12:00 / 2021-03-11 13:00"),
    ("at noon on Tuesday", "kabul", "hour 2021-03-09 12:00 / 2021-03-09 13:00"),
    ("midnight", "kabul", "hour 2021-03-11 00:00 / 2021-03-11 01:00"),
    ("at 08:30 UTC", "kabul", "minute 2021-03-11 13:00 / 2021-03-11 13:01"),
    ("Thursday at 8:30 GMT", "kabul", "minute 2021-03-11 13:00 / 2021-03-11 13:01"),
    # an hour in UTC is not a whole hour in Kabul: 60 minutes, the hour's margin kept
    ("about 1pm UTC", "kabul", "minute 2021-03-11 17:30 / 2021-03-11 18:30 ~ ±0.5h"),
    ("13:00 UTC", "kathmandu", "minute 2021-03-11 18:45 / 2021-03-11 18:46"),
    # days, weekdays, parts of day
    ("today", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("yesterday", "kabul", "day 2021-03-10 00:00 / 2021-03-11 00:00"),
    ("the day before yesterday", "kabul", "day 2021-03-09 00:00 / 2021-03-10 00:00"),
    ("on Thursday", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("last Thursday", "kabul", "day 2021-03-11 00:00 / 2021-03-12 00:00"),
    ("on Friday", "kabul", "day 2021-03-05 00:00 / 2021-03-06 00:00"),
    ("last Sat", "kabul", "day 2021-03-06 00:00 / 2021-03-07 00:00"),
    ("this morning", "kabul", "part_of_day 2021-03-11 06:00 / 2021-03-11 12:00"),
    ("yesterday evening", "kabul", "part_of_day 2021-03-10 18:00 / 2021-03-10 22:00"),
    ("on Tuesday night", "kabul", "part_of_day 2021-03-09 22:00 / 2021-03-10 06:00"),
    (
        "on the afternoon of 10 March 2021",
        "kabul",
        "part_of_day 2021-03-10 12:00 / 2021-03-10 18:00",
    ),
    ("last night", "kabul", "hour 2021-03-10 18:00 / 2021-03-11 06:00"),
    ("last night at 9pm", "kabul", "hour 2021-03-10 21:00 / 2021-03-10 22:00"),
    ("last night at 2am", "kabul", "hour 2021-03-11 02:00 / 2021-03-11 03:00"),
    ("tonight", "kabul", "hour 2021-03-11 18:00 / 2021-03-12 06:00"),
    ("early on Wednesday", "kabul", "hour 2021-03-10 00:00 / 2021-03-10 09:00"),
    ("late on 10 March 2021", "kabul", "hour 2021-03-10 18:00 / 2021-03-11 00:00"),
    # counting back
    ("5 days ago", "kabul", "day 2021-03-06 00:00 / 2021-03-07 00:00"),
    ("twenty-one days ago", "kabul", "day 2021-02-18 00:00 / 2021-02-19 00:00"),
    ("two weeks ago", "kabul", "day 2021-02-25 00:00 / 2021-02-26 00:00 ~ ±72h"),
    ("a month ago", "kabul", "month 2021-02-01 00:00 / 2021-03-01 00:00 ~"),
    ("2 years ago", "kabul", "year 2019-01-01 00:00 / 2020-01-01 00:00 ~"),
    ("2 hours ago", "kabul 18:00", "hour 2021-03-11 16:00 / 2021-03-11 17:00"),
    ("45 minutes ago", "kabul 18:00", "minute 2021-03-11 17:15 / 2021-03-11 17:16"),
    ("last week", "kabul", "day 2021-03-01 00:00 / 2021-03-08 00:00"),
    ("this week", "kabul", "day 2021-03-08 00:00 / 2021-03-15 00:00"),
    ("last month", "kabul", "month 2021-02-01 00:00 / 2021-03-01 00:00"),
    ("this month", "kabul", "month 2021-03-01 00:00 / 2021-04-01 00:00"),
    ("last year", "kabul", "year 2020-01-01 00:00 / 2021-01-01 00:00"),
    ("in March", "kabul", "month 2021-03-01 00:00 / 2021-04-01 00:00"),
    ("last March", "kabul", "month 2020-03-01 00:00 / 2020-04-01 00:00"),
    ("in recent days", "kabul", "day 2021-03-04 00:00 / 2021-03-12 00:00"),
    ("in recent months", "kabul", "day 2020-09-11 00:00 / 2021-03-12 00:00"),
    # early / mid / late
    ("early March", "kabul", "day 2021-03-01 00:00 / 2021-03-11 00:00"),
    ("mid-February", "kabul", "day 2021-02-11 00:00 / 2021-02-21 00:00"),
    ("late February 2020", "kabul", "day 2020-02-21 00:00 / 2020-03-01 00:00"),
    ("mid 2020", "kabul", "month 2020-05-01 00:00 / 2020-09-01 00:00"),
    ("early 2021", "kabul", "month 2021-01-01 00:00 / 2021-05-01 00:00"),
    ("late last year", "kabul", "month 2020-09-01 00:00 / 2021-01-01 00:00"),
    # qualifiers
    ("about 2020", "kabul", "year 2020-01-01 00:00 / 2021-01-01 00:00 ~"),
    ("around midday", "kabul", "hour 2021-03-11 12:00 / 2021-03-11 13:00 ~"),
    ("roughly three days ago", "kabul", "day 2021-03-08 00:00 / 2021-03-09 00:00 ~"),
    ("approximately 10 March 2021", "kabul", "day 2021-03-10 00:00 / 2021-03-11 00:00 ~"),
    ("circa early March", "kabul", "day 2021-03-01 00:00 / 2021-03-11 00:00 ~"),
    # DST: a 23-hour and a 25-hour day; a clock time before the gap; the repeated
    # hour, whose hour slot covers both occurrences and whose minute is widened
    ("yesterday", "berlin spring", "day 2021-03-28 00:00 / 2021-03-29 00:00"),
    ("at 1am on 28 March 2021", "berlin spring", "hour 2021-03-28 01:00 / 2021-03-28 03:00"),
    ("early on Sunday", "berlin spring", "hour 2021-03-28 00:00 / 2021-03-28 09:00"),
    ("yesterday", "berlin autumn", "day 2021-10-31 00:00 / 2021-11-01 00:00"),
    ("at 2am on 31 October 2021", "berlin autumn", "hour 2021-10-31 02:00 / 2021-10-31 03:00"),
    ("at 2:30am yesterday", "berlin autumn", "minute 2021-10-31 02:30 / 2021-10-31 02:31 ±1h"),
    ("2 hours ago", "new york", "hour 2021-11-07 01:00 / 2021-11-07 02:00"),
    ("last night", "new york", "hour 2021-11-06 18:00 / 2021-11-07 06:00"),
    # a day whose midnight was skipped starts at 01:00
    ("yesterday", "santiago", "day 2021-09-05 01:00 / 2021-09-06 00:00"),
    ("early on 5 September 2021", "santiago", "hour 2021-09-05 01:00 / 2021-09-05 09:00"),
    # leap days
    ("yesterday", "leap", "day 2024-02-29 00:00 / 2024-03-01 00:00"),
    ("29 February", "leap", "day 2024-02-29 00:00 / 2024-03-01 00:00"),
    ("366 days ago", "leap", "day 2023-03-01 00:00 / 2023-03-02 00:00"),
    ("late February", "leap", "day 2024-02-21 00:00 / 2024-03-01 00:00"),
    ("a year ago", "leap day", "year 2023-01-01 00:00 / 2024-01-01 00:00 ~"),
    ("a month ago", "leap day", "month 2024-01-01 00:00 / 2024-02-01 00:00 ~"),
]

#: Newswire phrasing for night raids, sieges and spans (issue 12), against the reference
#: report's Thursday, 11 March 2021 in Kabul; windows in NIGHT_WINDOWS, PART_EDGES etc.
NEWSWIRE = [
    # night and dawn
    ("in the early hours of Thursday morning", "hour 2021-03-11 00:00 / 2021-03-11 06:00"),
    ("the early hours of Wednesday", "hour 2021-03-10 00:00 / 2021-03-10 06:00"),
    ("in the small hours", "hour 2021-03-11 00:00 / 2021-03-11 06:00"),
    ("early Thursday morning", "hour 2021-03-11 00:00 / 2021-03-11 09:00"),
    ("late Wednesday afternoon", "hour 2021-03-10 15:00 / 2021-03-10 18:00"),
    ("early evening yesterday", "hour 2021-03-10 18:00 / 2021-03-10 20:00"),
    ("pre-dawn on Thursday", "hour 2021-03-11 00:00 / 2021-03-11 07:00"),
    ("before dawn on Thursday", "hour 2021-03-11 00:00 / 2021-03-11 07:00"),
    ("at dawn on Tuesday", "hour 2021-03-09 04:00 / 2021-03-09 08:00"),
    ("at dusk", "hour 2021-03-11 16:00 / 2021-03-11 21:00"),
    ("overnight", "hour 2021-03-10 18:00 / 2021-03-11 06:00"),
    ("overnight Wednesday", "hour 2021-03-10 18:00 / 2021-03-11 06:00"),
    ("overnight Tuesday at 3am", "hour 2021-03-10 03:00 / 2021-03-10 04:00"),
    ("around midnight", "hour 2021-03-11 00:00 / 2021-03-11 01:00 ~"),
    # durations and spans: from the start through the reference day
    ("for the last six months", "day 2020-09-11 00:00 / 2021-03-12 00:00"),
    ("in the past six months", "day 2020-09-11 00:00 / 2021-03-12 00:00"),
    ("in the past 3 days", "day 2021-03-08 00:00 / 2021-03-12 00:00"),
    ("over the past two weeks", "day 2021-02-25 00:00 / 2021-03-12 00:00"),
    ("in the past year", "day 2020-03-11 00:00 / 2021-03-12 00:00"),
    ("for days", "day 2021-02-11 00:00 / 2021-03-12 00:00"),
    ("for weeks", "day 2020-09-11 00:00 / 2021-03-12 00:00"),
    ("for months", "day 2019-03-11 00:00 / 2021-03-12 00:00"),
    ("for years", "day 2011-03-11 00:00 / 2021-03-12 00:00"),
    ("after three days of fighting", "day 2021-03-08 00:00 / 2021-03-12 00:00"),
    ("after two weeks of heavy clashes", "day 2021-02-25 00:00 / 2021-03-12 00:00"),
    ("late last week", "day 2021-03-04 00:00 / 2021-03-08 00:00"),
    ("early last week", "day 2021-03-01 00:00 / 2021-03-04 00:00"),
    ("mid last week", "day 2021-03-03 00:00 / 2021-03-06 00:00"),
    ("earlier this month", "day 2021-03-01 00:00 / 2021-03-12 00:00"),
    ("earlier this week", "day 2021-03-08 00:00 / 2021-03-12 00:00"),
    ("since 1 March 2021", "day 2021-03-01 00:00 / 2021-03-12 00:00"),
    ("since January", "day 2021-01-01 00:00 / 2021-03-12 00:00"),
    ("ever since last year", "day 2020-01-01 00:00 / 2021-03-12 00:00"),
    # hedges before counts widen the way they point
    ("at least a month ago", "month 2021-01-01 00:00 / 2021-03-01 00:00 ~"),
    ("more than a year ago", "year 2019-01-01 00:00 / 2021-01-01 00:00 ~"),
    ("over six months ago", "month 2020-06-01 00:00 / 2020-10-01 00:00 ~"),
    ("nearly two weeks ago", "day 2021-02-25 00:00 / 2021-03-05 00:00 ~ ±72h"),
    ("almost four days ago", "day 2021-03-07 00:00 / 2021-03-10 00:00"),
    # approximate clock times widen by 30 minutes however they are written
    ("about 6pm yesterday", "hour 2021-03-10 18:00 / 2021-03-10 19:00 ~"),
    ("about 6:00 p.m. yesterday", "minute 2021-03-10 18:00 / 2021-03-10 18:01 ~ ±0.5h"),
    ("around 18:00 hrs yesterday", "minute 2021-03-10 18:00 / 2021-03-10 18:01 ~ ±0.5h"),
]

#: The new windows on days when the clocks change: counted in local wall time, so the
#: early hours of Berlin's spring-forward Sunday last 5 hours and of its autumn one 7.
NEWSWIRE_DST = [
    (
        "in the early hours of Sunday",
        "berlin spring",
        "hour 2021-03-28 00:00 / 2021-03-28 06:00",
        5,
    ),
    ("before dawn yesterday", "berlin spring", "hour 2021-03-28 00:00 / 2021-03-28 07:00", 6),
    (
        "in the early hours of Sunday",
        "berlin autumn",
        "hour 2021-10-31 00:00 / 2021-10-31 06:00",
        7,
    ),
    ("overnight Saturday", "berlin autumn", "hour 2021-10-30 18:00 / 2021-10-31 06:00", 13),
    ("overnight", "new york", "hour 2021-11-06 18:00 / 2021-11-07 06:00", 13),
    ("in the early hours of Sunday", "santiago", "hour 2021-09-05 01:00 / 2021-09-05 06:00", 5),
    ("late last week", "berlin spring", "day 2021-03-25 00:00 / 2021-03-29 00:00", 95),
    ("in the past 3 days", "berlin autumn", "day 2021-10-29 00:00 / 2021-11-02 00:00", 97),
]


@pytest.mark.parametrize(("phrase", "reference", "expected", "hours"), NEWSWIRE_DST)
def test_newswire_windows_across_dst_changes(
    phrase: str, reference: str, expected: str, hours: int
) -> None:
    ref, zone = REFERENCES[reference]
    result = resolve_time(phrase, reference=ref, tz=zone)
    assert describe(result) == expected
    assert result.latest - result.earliest == timedelta(hours=hours)


NEWSWIRE_FAILING = [
    ("May 21", "21 May without a year would be 2020-05-21, 364 days before"),
    ("12 March", "12 March without a year would be 2020-03-12, 364 days before"),
    ("at least a few days ago", "'a few' is not a number"),
    ("Wednesday into Thursday", "does not know 'into'"),
    ("tomorrow", "it is in the future"),
    ("for the last several months", "'several' is not a number"),
    ("since 1pm", "'since' goes with a day, month or year"),
    ("since 12 March 2021", "after the reference"),
    ("overnight last week", "needs a single day"),
    ("at dawn in March 2020", "needs a single day"),
    ("at dawn on Thursday morning", "does not combine"),
    ("since since 2020", "it says 'since' twice"),
    ("for the last 2500 years", "outside the years 1 to 9999"),
]

FAILING = [
    ("", "kabul", "empty"),
    ("   ", "kabul", "empty"),
    ("about", "kabul", "names no day"),
    ("at", "kabul", "not a date or a phrase"),
    ("blah", "kabul", "not a date or a phrase"),
    ("tomorrow", "kabul", "not a date or a phrase"),
    ("next week", "kabul", "not a date or a phrase"),
    ("several days ago", "kabul", "'several' is not a number"),
    ("a few weeks ago", "kabul", "not a number"),
    ("11 March 21", "kabul", "four digits"),
    ("2021-02-29", "kabul", "day is out of range"),
    ("29 February 2021", "kabul", "day is out of range"),
    ("31 April 2021", "kabul", "day is out of range"),
    ("Friday 11 March 2021", "kabul", "was a Thursday, not a Friday"),
    ("11 March 2021 Friday", "kabul", "'friday' goes before its date"),
    ("11th", "kabul", "needs a month"),
    ("Thursday morning at 3pm", "kabul", "not within the morning"),
    ("1pm 2pm", "kabul", "more than one clock time"),
    ("25:00", "kabul", "not a valid time of day"),
    ("13pm", "kabul", "not a 12-hour clock time"),
    ("yesterday UTC", "kabul", "needs a clock time"),
    ("1pm in March 2020", "kabul", "needs a day"),
    ("morning of March 2020", "kabul", "needs a single day"),
    ("mid Thursday", "kabul", "goes with a day"),
    ("late Thursday night", "kabul", "'late' does not go with the night"),
    ("last night yesterday", "kabul", "does not combine"),
    ("morning evening", "kabul", "more than one part of day"),
    ("10000 years ago", "kabul", "outside the years 1 to 9999"),
    # after the reference unless allowed
    ("12 March 2021", "kabul", "after the reference"),
    ("late March", "kabul", "after the reference"),
    ("11/03/2021", "kabul", "after the reference"),  # 3 November without dayfirst
    # DST: a clock time the change skipped
    ("at 2:30am on 28 March 2021", "berlin spring", "does not exist in Europe/Berlin"),
]


@pytest.mark.parametrize(("phrase", "reference", "expected"), RESOLVED)
def test_phrase_resolves(phrase: str, reference: str, expected: str) -> None:
    ref, zone = REFERENCES[reference]
    result = resolve_time(phrase, reference=ref, tz=zone)
    assert describe(result) == expected
    assert result.tz == zone
    assert result.earliest < result.latest


@pytest.mark.parametrize(("phrase", "expected"), NEWSWIRE)
def test_newswire_phrase_resolves(phrase: str, expected: str) -> None:
    ref, zone = REFERENCES["kabul"]
    assert describe(resolve_time(phrase, reference=ref, tz=zone)) == expected


@pytest.mark.parametrize(("phrase", "message"), NEWSWIRE_FAILING)
def test_newswire_phrase_fails_naming_what_was_not_understood(phrase: str, message: str) -> None:
    ref, zone = REFERENCES["kabul"]
    if phrase == "May 21":
        ref = at("UTC", 2021, 5, 20, 12)
    with pytest.raises(ValidationError) as info:
        resolve_time(phrase, reference=ref, tz=zone)
    assert message in str(info.value)
    assert "weekday name goes first" not in str(info.value)


def test_a_yearless_date_after_the_reference_is_the_reference_year_only_if_allowed() -> None:
    ref = at("UTC", 2021, 5, 20, 12)
    later = resolve_time("May 21", reference=ref, tz="UTC", allow_future=True)
    assert describe(later) == "day 2021-05-21 00:00 / 2021-05-22 00:00"
    # within YEARLESS_DAYS_BACK the year before is meant: "30 December" in a January report
    january = at("UTC", 2021, 1, 5, 12)
    assert resolve_time("30 December", reference=january, tz="UTC").at.year == 2020


@pytest.mark.parametrize("flags", [(True, False), (False, True), (True, True)])
def test_an_approximate_or_uncertain_reference_carries_into_the_result(
    flags: tuple[bool, bool],
) -> None:
    approximate, uncertain = flags
    exact = Time.local(2021, 3, 11, tz=KABUL)
    hedged = Time.local(2021, 3, 11, tz=KABUL, approximate=approximate, uncertain=uncertain)
    for phrase in ("yesterday", "three months ago", "on Wednesday afternoon", "in recent weeks"):
        plain = resolve_time(phrase, reference=exact, tz=KABUL)
        result = resolve_time(phrase, reference=hedged, tz=KABUL, allow_future=True)
        assert result.approximate >= approximate
        assert result.uncertain == uncertain
        assert result.earliest <= plain.earliest
        assert result.latest >= plain.latest
        if approximate:  # the reference's one-day margin widens the window
            assert result.latest - result.earliest >= plain.latest - plain.earliest + (
                2 * hedged.margin
            )
    # a phrase that does not count from the reference is not touched
    fixed = resolve_time("10 March 2021", reference=hedged, tz=KABUL)
    assert (fixed.approximate, fixed.uncertain) == (False, False)


@pytest.mark.parametrize(("phrase", "reference", "message"), FAILING)
def test_phrase_fails_with_a_reason(phrase: str, reference: str, message: str) -> None:
    ref, zone = REFERENCES[reference]
    with pytest.raises(ValidationError) as info:
        resolve_time(phrase, reference=ref, tz=zone)
    assert message in str(info.value)
    assert info.value.paths == ["$"]


def test_the_table_is_large_and_covers_every_form() -> None:
    assert len(RESOLVED) + len(FAILING) >= 60
    phrases = " | ".join(p.lower() for p, _, _ in RESOLVED)
    for form in (
        "thursday", "last ", "today", "yesterday", "last night", "tonight", "morning",
        "afternoon", "evening", "night", "late on", "early on", "days ago", "weeks ago",
        "months ago", "years ago", "last week", "last month", "last year", "last october",
        "march 2020", "2020", "early ", "mid", "late ", "recent days", "recent weeks",
        "recent months", "about", "around", "approximately", "roughly", "1pm", "13:00",
        "a.m.", "midday", "midnight", "local time", "utc", "gmt", "/2021", "2021-03-11",
    ):  # fmt: skip
        assert form in phrases, form


def test_dayfirst_reads_11_03_2021_as_11_march() -> None:
    ref, zone = REFERENCES["kabul"]
    result = resolve_time("11/03/2021", reference=ref, tz=zone, dayfirst=True)
    assert describe(result) == "day 2021-03-11 00:00 / 2021-03-12 00:00"


def test_allow_future_accepts_a_time_after_the_reference() -> None:
    ref, zone = REFERENCES["kabul 18:00"]
    with pytest.raises(ValidationError, match="allow_future"):
        resolve_time("tonight at 9pm", reference=ref, tz=zone)
    later = resolve_time("tonight at 9pm", reference=ref, tz=zone, allow_future=True)
    assert describe(later) == "hour 2021-03-11 21:00 / 2021-03-11 22:00"
    # a period that has begun is not in the future
    assert resolve_time("this month", reference=ref, tz=zone).precision is TimePrecision.MONTH


def test_a_time_reference_bounds_the_future_by_its_end() -> None:
    # Published "on 11 March": anything that day may be before publication.
    assert resolve_time("tonight", reference=PUBLISHED, tz=KABUL).at.hour == 18
    with pytest.raises(ValidationError, match="after the reference"):
        resolve_time("12 March 2021", reference=PUBLISHED, tz=KABUL)


def test_reference_must_be_aware_and_known_finely_enough() -> None:
    with pytest.raises(ValidationError, match="naive"):
        resolve_time("yesterday", reference=datetime(2021, 3, 11, 12), tz=KABUL)
    with pytest.raises(ValidationError, match="aware datetime or a Time"):
        resolve_time("yesterday", reference="2021-03-11", tz=KABUL)  # type: ignore[arg-type]
    march = Time.local(2021, 3, tz=KABUL)
    with pytest.raises(ValidationError, match="not known to the day"):
        resolve_time("yesterday", reference=march, tz=KABUL)
    assert describe(resolve_time("last month", reference=march, tz=KABUL)) == (
        "month 2021-02-01 00:00 / 2021-03-01 00:00"
    )
    with pytest.raises(ValidationError, match="not known to the hour"):
        resolve_time("2 hours ago", reference=PUBLISHED, tz=KABUL)


@pytest.mark.parametrize(
    "zone", [KABUL, ZoneInfo(KABUL), tz.gettz(KABUL)], ids=["name", "zoneinfo", "dateutil"]
)
def test_tz_may_be_a_name_or_a_tzinfo_that_knows_its_name(zone: str | tzinfo) -> None:
    result = resolve_time("yesterday", reference=PUBLISHED, tz=zone)
    assert result.tz == KABUL


def test_utc_tzinfo_is_utc_and_nameless_or_unknown_zones_are_refused() -> None:
    ref = at(KABUL, 2021, 3, 11, 18)
    assert resolve_time("yesterday", reference=ref, tz=timezone.utc).tz == "UTC"
    assert resolve_time("yesterday", reference=ref, tz=tz.UTC).tz == "UTC"
    with pytest.raises(ValidationError, match="IANA"):
        resolve_time("yesterday", reference=ref, tz=timezone(timedelta(hours=4, minutes=30)))
    with pytest.raises(ValidationError, match="IANA"):
        resolve_time("yesterday", reference=ref, tz="Mars/Olympus")
    with pytest.raises(ValidationError, match="time phrase"):
        resolve_time(None, reference=ref, tz=KABUL)  # type: ignore[arg-type]


def test_reference_example_times_come_from_the_phrases() -> None:
    utc = timezone.utc
    assert INCIDENT.when.start == datetime(2021, 3, 11, 8, 30, tzinfo=utc)
    assert INCIDENT.when.bounds == (
        datetime(2021, 3, 11, 8, 0, tzinfo=utc),
        datetime(2021, 3, 11, 10, 0, tzinfo=utc),
    )
    assert DEFECTION.when == Time.local(2021, 3, 10, tz=KABUL, part_of_day="afternoon")
    assert DEFECTION.membership is not None
    assert DEFECTION.membership.start == Time.local(2020, 12, tz=KABUL, approximate=True)


def test_documented_windows_are_what_the_resolver_uses() -> None:
    ref, zone = REFERENCES["kabul"]
    for edge, (first, last) in MONTH_THIRDS.items():
        t = resolve_time(f"{edge} January 2021", reference=ref, tz=zone)
        assert t.at.day == first
        assert t.span == (last or 31) - first + 1
    for edge, (first, last) in YEAR_THIRDS.items():
        t = resolve_time(f"{edge} 2020", reference=ref, tz=zone)
        assert (t.at.month, t.span) == (first, last - first + 1)
    night = resolve_time("last night", reference=ref, tz=zone)
    assert (night.at.hour, night.span) == NIGHT_WINDOW
    for unit, back in RECENT.items():
        t = resolve_time(f"in recent {unit}", reference=ref, tz=zone)
        assert t.at.replace(tzinfo=None) == datetime(2021, 3, 11) - back


def test_the_docs_list_the_windows_the_code_uses() -> None:
    page = (ROOT / "docs" / "time.md").read_text("utf-8")
    rows = []
    for part, (start, hours) in PART_OF_DAY_WINDOWS.items():
        name = 'night ("Thursday night")' if part.value == "night" else part.value
        end = (start + hours) % 24
        next_day = " the next day" if start + hours > 24 else ""
        rows.append(f"| {name} | {start:02d}:00 to {end:02d}:00{next_day} |")
    start, hours = NIGHT_WINDOW
    rows.append(f"| last night, tonight | {start:02d}:00 to {(start + hours) % 24:02d}:00 ")
    rows += [f"| {e} on <day> | {a:02d}:00 to {b:02d}:00 |" for e, (a, b) in DAY_EDGES.items()]
    for edge, (first, last) in MONTH_THIRDS.items():
        days = f"days {first} to {last}" if last else f"day {first} to the month's end"
        rows.append(f"| {edge} <month> | {days} |")
    for edge, (first, last) in YEAR_THIRDS.items():
        months = f"{calendar.month_name[first]} to {calendar.month_name[last]}"
        rows.append(f"| {edge} <year> | {months} |")
    rows.append(f"| in recent days | the {RECENT['days'].days} days before")
    rows.append(f"| in recent weeks | the {RECENT['weeks'].weeks} weeks before")
    rows.append(f"| in recent months | the {RECENT['months'].months} calendar months before")
    rows.append(f"widened by {WEEKS_AGO_MARGIN.days} days each side")
    for precision, margin in APPROXIMATE_MARGIN.items():
        amount = (
            f"{margin.days} day" if margin.days else f"{int(margin.total_seconds() // 3600)} hour"
        )
        if margin < timedelta(hours=1):
            amount = f"{int(margin.total_seconds() // 60) or int(margin.total_seconds())} "
            amount += "minute" if margin >= timedelta(minutes=1) else "second"
        rows.append(f"| {precision.value} | {amount}")
    quoted = ", ".join(f'"{word}"' for word in QUALIFIERS)
    rows.append(f"| qualifier | {quoted} |")
    missing = [row for row in rows if row not in page]
    assert not missing


def test_the_time_command_prints_the_time_its_bounds_and_edtf(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["time", "three months ago", "--reference", "2021-03-11", "--tz", KABUL]
    assert main(args) == 0
    printed = json.loads(capsys.readouterr().out)
    assert from_dict(printed["time"], Time) == Time.local(2020, 12, tz=KABUL, approximate=True)
    assert printed["earliest"] == "2020-11-15T19:30:00+00:00"
    assert printed["edtf"] == "2020-12~"


def test_the_time_command_reports_an_unresolvable_phrase(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["time", "next week", "--reference", "2021-03-11", "--tz", KABUL]) == 1
    assert "cannot resolve time phrase 'next week'" in capsys.readouterr().err
    assert main(["time", "today", "--reference", "11 March", "--tz", KABUL]) == 1
    assert "not an EDTF" in capsys.readouterr().err
    late = ["time", "late March", "--reference", "2021-03-11", "--tz", KABUL]
    assert main(late) == 1
    assert main([*late, "--allow-future"]) == 0


# ---------------------------------------------------------------- properties

ZONES = [KABUL, KATHMANDU, BERLIN, NEW_YORK, SANTIAGO, "Australia/Lord_Howe", "UTC"]
WEEKDAYS = list(calendar.day_name)
SMALL = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
    *("seventeen", "eighteen", "nineteen"),
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    if n < 20:
        return SMALL[n]
    tens, ones = divmod(n, 10)
    return TENS[tens - 2] + (f"-{SMALL[ones]}" if ones else "")


@st.composite
def references(draw: st.DrawFn) -> datetime:
    zone = draw(st.sampled_from(ZONES))
    return draw(
        st.datetimes(
            min_value=datetime(2000, 1, 1),
            max_value=datetime(2050, 12, 31),
            timezones=st.just(tz.gettz(zone)),
            allow_imaginary=False,
        )
    )


def zone_name(reference: datetime) -> str:
    zone = reference.tzinfo
    assert zone is not None
    return next(name for name in ZONES if tz.gettz(name) is zone)


def number(draw: st.DrawFn, high: int) -> tuple[int, str]:
    n = draw(st.integers(0, high))
    return n, in_words(n) if n < 100 and draw(st.booleans()) else str(n)


@given(reference=references(), data=st.data())
def test_weekday_phrases_contain_the_day_meant(reference: datetime, data: st.DataObject) -> None:
    weekday = data.draw(st.integers(0, 6))
    form = data.draw(st.sampled_from(["on {}", "last {}", "{}", "{} afternoon", "on {} at 9pm"]))
    phrase = form.format(WEEKDAYS[weekday])
    # allow_future: "Monday afternoon" may come after a reference at Monday 00:00
    result = resolve_time(phrase, reference=reference, tz=zone_name(reference), allow_future=True)
    local = reference.astimezone(reference.tzinfo)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    hour = 21 if "9pm" in form else 15
    meant = tz.resolve_imaginary(
        datetime(day.year, day.month, day.day, hour, tzinfo=reference.tzinfo)
    )
    assert result.contains(meant)
    assert result.earliest < result.latest


@given(reference=references(), data=st.data())
def test_offset_phrases_contain_the_instant_meant(
    reference: datetime, data: st.DataObject
) -> None:
    unit = data.draw(st.sampled_from(["minute", "hour", "day", "week", "month", "year"]))
    # back to 1975 at most: older dates meet local mean times, offsets in seconds
    highest = {"minute": 5000, "hour": 500, "day": 3000, "week": 400, "month": 300}
    n, written = number(data.draw, highest.get(unit, 25))
    phrase = f"{'a' if n == 1 and written == 'one' else written} {unit}{'' if n == 1 else 's'} ago"
    result = resolve_time(phrase, reference=reference, tz=zone_name(reference))
    if unit in ("minute", "hour"):  # elapsed time
        meant = reference.astimezone(timezone.utc) - timedelta(**{f"{unit}s": n})
    else:  # calendar arithmetic on the local wall clock
        back = relativedelta(**{f"{unit}s": n})
        meant = tz.resolve_imaginary(reference.astimezone(reference.tzinfo) - back)
    assert result.contains(meant), (phrase, reference, result)
    assert result.earliest < result.latest


VOCABULARY = [
    "about", "around", "on", "last", "early", "mid", "late", "in", "recent", "the",
    "morning", "afternoon", "evening", "night", "tonight", "today", "yesterday",
    "thursday", "march", "2020", "11", "days", "weeks", "months", "ago", "three", "at",
    "1pm", "13:00", "midnight", "utc", "local time", "of", "2021-03-11", "week", "year",
]  # fmt: skip


@given(words=st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6))
def test_any_phrase_resolves_to_a_proper_interval_or_fails_cleanly(words: list[str]) -> None:
    phrase = " ".join(words)
    try:
        result = resolve_time(phrase, reference=PUBLISHED, tz=KABUL, allow_future=True)
    except ValidationError as exc:
        error: ValidationError | None = exc
    else:
        error = None
        assert result.earliest < result.latest
    if error is not None:  # one problem, at the root, that names the phrase
        assert error.paths == ["$"]
        assert repr(phrase) in str(error) or "resolves to" in str(error)


@given(text=st.text(max_size=40))
def test_arbitrary_text_never_raises_anything_but_validation_error(text: str) -> None:
    try:
        result = resolve_time(text, reference=PUBLISHED, tz=KABUL, allow_future=True)
    except ValidationError:
        return
    assert result.earliest < result.latest


def test_hours_ago_counts_elapsed_time_across_a_dst_change() -> None:
    # 11:00 EDT on 17 April 2004 less 321 elapsed hours is 01:00 EST on 4 April, the
    # hour before the clocks went forward (wall-clock arithmetic lands in the gap).
    reference = datetime(2004, 4, 17, 11, tzinfo=tz.gettz("America/New_York"))
    t = resolve_time("321 hours ago", reference=reference, tz="America/New_York")
    assert t.contains(reference.astimezone(timezone.utc) - timedelta(hours=321))
    assert (t.at.hour, t.at.utcoffset()) == (1, timedelta(hours=-5))


# ---------------------------------------------------------------- found by fuzzing (issue 15)

UTC_2021 = datetime(2021, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Time.from_edtf("9999-12", tz="UTC"), "beyond the years 1 to 9999"),
        (lambda: Time.from_edtf("9999-12-31", tz="UTC"), "beyond the years 1 to 9999"),
        (
            lambda: resolve_time(
                "9999-12-31T23:59:59Z", reference=UTC_2021, tz="UTC", allow_future=True
            ),
            "beyond the years 1 to 9999",
        ),
        (
            lambda: resolve_time(
                "yesterday", reference=datetime(9999, 12, 31, 23, tzinfo=timezone.utc), tz=KABUL
            ),
            "beyond the years 1 to 9999",
        ),
        (
            lambda: resolve_time(
                "today", reference=datetime(9999, 12, 31, 23, tzinfo=timezone.utc), tz="UTC"
            ),
            "beyond the years 1 to 9999",
        ),
        (lambda: resolve_time("1h" + "1" * 30, reference=UTC_2021, tz="UTC"), "not a date"),
    ],
    ids=["edtf month", "edtf day", "iso", "reference", "today", "long number"],
)
def test_edges_of_the_calendar_are_validation_errors(call: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        call()  # type: ignore[operator]


@pytest.mark.parametrize("filler", [".", " ", ",", ". ", ", ", "1 "])
def test_long_runs_of_punctuation_resolve_in_linear_time(filler: str) -> None:
    # 20,000 characters took 1.4 to 1.9 s when the trailing strip was a regex; an
    # input 8 times longer must not take 8 times 8 as long (and it takes milliseconds).
    # Processor time of this process, so that other processes' load does not count.
    import time

    def cost(n: int) -> float:
        text = "a" + filler * n + "b"
        begin = time.process_time()
        with pytest.raises(ValidationError) as info:
            resolve_time(text, reference=UTC_2021, tz="UTC")
        assert "characters)" in str(info.value)  # a long phrase is cut short in the message
        return time.process_time() - begin

    small, large = min(cost(5_000) for _ in range(3)), min(cost(40_000) for _ in range(3))
    assert large < 1.0 or large < 20 * small


def test_a_long_run_of_since_is_refused_without_recursing() -> None:
    with pytest.raises(ValidationError, match="it says 'since' twice"):
        resolve_time("since " * 3000 + "2020", reference=UTC_2021, tz="UTC")


def test_the_time_command_reports_a_reference_at_the_end_of_9999(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["time", "yesterday", "--reference", "9999-12-31", "--tz", "UTC"]
    assert main(args) == 1
    assert "beyond the years 1 to 9999" in capsys.readouterr().err


# ---------------------------------------------------------------- newswire properties

#: (form, days after the weekday named, local hour meant)
NIGHT_FORMS = [
    ("in the early hours of {}", 0, 3),
    ("in the early hours of {} morning", 0, 5),
    ("before dawn on {}", 0, 5),
    ("pre-dawn on {}", 0, 1),
    ("at dawn on {}", 0, 6),
    ("at dusk on {}", 0, 18),
    ("early {} morning", 0, 4),
    ("late {} afternoon", 0, 16),
    ("overnight {}", 0, 23),
    ("overnight {}", 1, 2),
]


@given(reference=references(), data=st.data())
def test_night_and_dawn_windows_contain_the_hour_meant(
    reference: datetime, data: st.DataObject
) -> None:
    weekday = data.draw(st.integers(0, 6))
    form, offset, hour = data.draw(st.sampled_from(NIGHT_FORMS))
    phrase = form.format(WEEKDAYS[weekday])
    result = resolve_time(phrase, reference=reference, tz=zone_name(reference), allow_future=True)
    local = reference.astimezone(reference.tzinfo)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7 - offset)
    meant = tz.resolve_imaginary(
        datetime(day.year, day.month, day.day, hour, tzinfo=reference.tzinfo)
    )
    assert result.contains(meant), (phrase, reference, result)


SPAN_FORMS = [
    "in the past {n} {unit}s",
    "for the last {n} {unit}s",
    "after {n} {unit}s of fighting",
    "at least {n} {unit}s ago",
    "more than {n} {unit}s ago",
    "nearly {n} {unit}s ago",
]


@given(reference=references(), data=st.data())
def test_spans_and_hedged_counts_contain_the_instant_meant(
    reference: datetime, data: st.DataObject
) -> None:
    unit = data.draw(st.sampled_from(["day", "week", "month", "year"]))
    n = data.draw(st.integers(1, {"day": 300, "week": 100, "month": 60, "year": 20}[unit]))
    form = data.draw(st.sampled_from(SPAN_FORMS))
    phrase = form.format(n=n, unit=unit)
    result = resolve_time(phrase, reference=reference, tz=zone_name(reference))
    local = reference.astimezone(reference.tzinfo)
    meant = tz.resolve_imaginary(local - relativedelta(**{f"{unit}s": n}))
    assert result.contains(meant), (phrase, reference, result)
    if "ago" not in form:  # a span runs through the reference
        assert result.contains(reference)
        assert result.span > 1


NEVER_SHRINK = [
    "yesterday", "three months ago", "last week", "in the past six months", "overnight",
    "at dawn", "on Monday afternoon", "early last week", "in recent weeks", "2 weeks ago",
    "10 March 2021",
]  # fmt: skip


@given(
    day=st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2040, 1, 1).date()),
    zone=st.sampled_from(ZONES),
    phrase=st.sampled_from(NEVER_SHRINK),
    flags=st.sampled_from([(True, False), (False, True), (True, True)]),
)
def test_the_window_never_shrinks_when_the_reference_is_uncertain(
    day: object, zone: str, phrase: str, flags: tuple[bool, bool]
) -> None:
    from datetime import date

    assert isinstance(day, date)
    exact = Time.local(day.year, day.month, day.day, tz=zone)
    hedged = Time.local(
        day.year, day.month, day.day, tz=zone, approximate=flags[0], uncertain=flags[1]
    )
    try:
        plain = resolve_time(phrase, reference=exact, tz=zone, allow_future=True)
    except ValidationError:
        return
    widened = resolve_time(phrase, reference=hedged, tz=zone, allow_future=True)
    assert widened.earliest <= plain.earliest
    assert widened.latest >= plain.latest


def test_the_docs_list_the_newswire_windows_the_code_uses() -> None:
    from incidentkit.timephrases import (
        APPROXIMATE_CLOCK_MARGIN,
        FOR_UNITS,
        HEDGES,
        NIGHT_WINDOWS,
        PART_EDGES,
        WEEK_THIRDS,
        YEARLESS_DAYS_BACK,
    )

    page = (ROOT / "docs" / "time.md").read_text("utf-8")
    names = {
        "early hours": "early hours of <day>",
        "before dawn": "before dawn, pre-dawn",
        "at dawn": "at dawn",
        "at dusk": "at dusk",
    }
    rows = [
        f"| {names[name]} | {start:02d}:00 to {(start + hours) % 24:02d}:00 | hour, {hours} |"
        for name, (start, hours) in NIGHT_WINDOWS.items()
    ]
    rows += [
        f"| {edge} {part.value} | {start:02d}:00 to {start + hours:02d}:00 | hour, {hours} |"
        for (edge, part), (start, hours) in PART_EDGES.items()
    ]
    for edge, (first, days) in WEEK_THIRDS.items():
        span = f"{calendar.day_name[first]} to {calendar.day_name[first + days - 1]}"
        rows.append(f"| {edge} last week | {span} | day, {days} |")
    rows.append(f"| for days | from {FOR_UNITS['days'].months} month before")
    rows.append(f"| for weeks | from {FOR_UNITS['weeks'].months} months before")
    rows.append(f"| for months | from {FOR_UNITS['months'].years} years before")
    rows.append(f"| for years | from {FOR_UNITS['years'].years} years before")
    rows.append(f"at most {YEARLESS_DAYS_BACK} days back (`YEARLESS_DAYS_BACK`)")
    rows.append(f"widens by {APPROXIMATE_CLOCK_MARGIN.seconds // 60} minutes each side")
    rows += [f"{hedge}" for hedge in HEDGES]
    missing = [row for row in rows if row not in page]
    assert not missing
