"""EDTF (ISO 8601-2, level 1) forms of times: exact round trips where EDTF can say
it, the narrowest covering value where it cannot, and clear refusals."""

from __future__ import annotations

from datetime import datetime

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from incidentkit import PartOfDay, Time, TimePrecision, ValidationError, from_dict, to_dict

KABUL = "Asia/Kabul"
ZONES = [KABUL, "Asia/Kathmandu", "Europe/Berlin", "America/New_York", "America/Santiago"]
ZONES += ["Australia/Lord_Howe", "UTC"]

EXACT = [
    (Time.local(2021, tz=KABUL), "2021"),
    (Time.local(2020, 10, tz=KABUL), "2020-10"),
    (Time.local(2021, 3, 11, tz=KABUL), "2021-03-11"),
    (Time.local(2020, 10, tz=KABUL, approximate=True), "2020-10~"),
    (Time.local(1984, tz=KABUL, uncertain=True), "1984?"),
    (Time.local(2004, 6, 11, tz=KABUL, approximate=True, uncertain=True), "2004-06-11%"),
    (Time.local(2021, 3, 1, tz=KABUL, span=10), "2021-03-01/2021-03-10"),
    (Time.local(2020, 9, tz=KABUL, span=4, approximate=True), "2020-09~/2020-12~"),
    (Time.local(2010, tz=KABUL, span=10), "2010/2019"),
    (Time.local(2021, 3, 11, 13, 0, 5, tz=KABUL), "2021-03-11T13:00:05+04:30"),
    (Time.local(2021, 3, 11, 8, 30, 0, tz="UTC"), "2021-03-11T08:30:00Z"),
    (Time.local(2021, 1, 15, 9, 0, 0, tz="America/New_York"), "2021-01-15T09:00:00-05:00"),
]


@pytest.mark.parametrize(("time", "edtf"), EXACT, ids=[e for _, e in EXACT])
def test_exact_forms_round_trip(time: Time, edtf: str) -> None:
    assert time.to_edtf() == edtf
    assert Time.from_edtf(edtf, tz=time.tz) == time


INEXACT = [
    (Time.local(2021, 3, 11, 13, tz=KABUL, approximate=True), "hour precision", "2021-03-11"),
    (Time.local(2021, 3, 11, 13, 5, tz=KABUL), "minute precision", "2021-03-11"),
    (Time.local(2021, 3, 10, tz=KABUL, part_of_day=PartOfDay.AFTERNOON), "part of day",
     "2021-03-10"),
    (Time.local(2021, 3, 10, tz=KABUL, part_of_day="night"), "part of day",
     "2021-03-10/2021-03-11"),
    (Time.local(2021, 3, 11, tz=KABUL, margin_seconds=86400), "explicit margin",
     "2021-03-10/2021-03-12"),
    (Time.local(2021, 3, 11, 13, 0, 5, tz=KABUL, approximate=True), "approximate or uncertain",
     "2021-03-11"),
    (Time.local(2021, 3, 11, 13, 0, 5, tz=KABUL, span=10), "several seconds", "2021-03-11"),
    (Time.local(2020, 12, 11, tz=KABUL, margin_seconds=30 * 86400), "explicit margin",
     "2020-11-11/2021-01-10"),
    (Time.local(2020, 2, tz=KABUL, uncertain=True, margin_seconds=3600 * 24 * 14),
     "explicit margin", "2020-01-18?/2020-03-14?"),
]  # fmt: skip


@pytest.mark.parametrize(("time", "reason", "covering"), INEXACT)
def test_what_edtf_cannot_say_is_refused_or_covered(
    time: Time, reason: str, covering: str
) -> None:
    with pytest.raises(ValidationError, match=reason):
        time.to_edtf()
    assert time.to_edtf(exact=False) == covering
    wider = Time.from_edtf(covering, tz=time.tz)
    assert wider.earliest <= time.earliest
    assert time.latest <= wider.latest


READ = [
    ("201X", "year", 10, "2010/2019"),
    ("20XX", "year", 100, "2000/2099"),
    ("2004-XX", "year", 1, "2004"),
    ("2004-06-XX", "month", 1, "2004-06"),
    ("1985-XX-XX", "year", 1, "1985"),
    ("2004-02-01/2005-02", "day", 394, "2004-02-01/2005-02-28"),
    ("2004/2005-02", "month", 14, "2004-01/2005-02"),
    (" 2021-03-11 ", "day", 1, "2021-03-11"),
    ("2021-03-11/2021-03-11", "day", 1, "2021-03-11"),
    ("2021-03-11T08:30:00Z", "second", 1, "2021-03-11T13:00:00+04:30"),
    ("2021-03-11T13:00:00", "second", 1, "2021-03-11T13:00:00+04:30"),
    ("2021-03-11T13:00:00+04", "second", 1, "2021-03-11T13:30:00+04:30"),
]


@pytest.mark.parametrize(("edtf", "precision", "span", "written"), READ)
def test_other_forms_are_read_and_written_canonically(
    edtf: str, precision: str, span: int, written: str
) -> None:
    time = Time.from_edtf(edtf, tz=KABUL)
    assert (time.precision.value, time.span) == (precision, span)
    assert time.to_edtf() == written


REFUSED = [
    ("2001-21", "seasons"),
    ("1985/..", "open or unknown"),
    ("/1985", "open or unknown"),
    ("Y170000002", "years outside"),
    ("-0500", "years outside"),
    ("2004-06~/2004-08?", "qualified differently"),
    ("2021-03-11T13:00:00~", "qualifies dates, not times"),
    ("2021-03-11T13:00", "expected YYYY-MM-DDThh:mm:ss"),
    ("2021-03-11T13:00:00/2021-03-12T13:00:00", "intervals join dates"),
    ("2021-02-29", "day is out of range"),
    ("2021-13", "month must be in 1..12"),
    ("201X-05", "whole year"),
    ("2004-XX-11", "day needs its month"),
    ("2021-03-12/2021-03-11", "ends before it starts"),
    ("March 2021", "not an EDTF level 1 date"),
    ("", "open or unknown"),
]


@pytest.mark.parametrize(("edtf", "message"), REFUSED)
def test_what_cannot_be_read_is_refused_with_a_reason(edtf: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Time.from_edtf(edtf, tz=KABUL)


def test_local_times_that_dst_skips_or_repeats_need_an_offset() -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        Time.from_edtf("2021-03-28T02:30:00", tz="Europe/Berlin")
    with pytest.raises(ValidationError, match="happens twice"):
        Time.from_edtf("2021-10-31T02:30:00", tz="Europe/Berlin")
    first = Time.from_edtf("2021-10-31T02:30:00+02:00", tz="Europe/Berlin")
    second = Time.from_edtf("2021-10-31T02:30:00+01:00", tz="Europe/Berlin")
    assert second.start - first.start == (second.end - first.end)
    assert (second.start - first.start).total_seconds() == 3600
    assert second.to_edtf() == "2021-10-31T02:30:00+01:00"


def test_from_edtf_checks_its_arguments() -> None:
    with pytest.raises(ValidationError, match="unknown IANA time zone"):
        Time.from_edtf("2021", tz="Mars/Olympus")
    with pytest.raises(ValidationError, match="expected an EDTF string"):
        Time.from_edtf(2021, tz=KABUL)  # type: ignore[arg-type]


def test_edtf_values_keep_their_zone_through_json() -> None:
    time = Time.from_edtf("2021-03-01/2021-03-10", tz=KABUL)
    assert to_dict(time) == {
        "at": "2021-03-01T00:00:00+04:30",
        "tz": KABUL,
        "precision": "day",
        "span": 10,
    }
    assert from_dict(to_dict(time), Time) == time


# ---------------------------------------------------------------- properties


@st.composite
def times(draw: st.DrawFn, *, expressible: bool) -> Time:
    """Valid times; with ``expressible``, only those EDTF level 1 can say exactly."""
    zone = draw(st.sampled_from(ZONES))
    wall = draw(st.datetimes(min_value=datetime(1975, 1, 1), max_value=datetime(2060, 1, 1)))
    exact_precisions = [TimePrecision.YEAR, TimePrecision.MONTH, TimePrecision.DAY]
    precision = draw(
        st.sampled_from([*exact_precisions, TimePrecision.SECOND])
        if expressible
        else st.sampled_from(list(TimePrecision))
    )
    parts = {
        TimePrecision.YEAR: (wall.year,),
        TimePrecision.MONTH: (wall.year, wall.month),
        TimePrecision.DAY: (wall.year, wall.month, wall.day),
        TimePrecision.PART_OF_DAY: (wall.year, wall.month, wall.day),
        TimePrecision.HOUR: (wall.year, wall.month, wall.day, wall.hour),
        TimePrecision.MINUTE: (wall.year, wall.month, wall.day, wall.hour, wall.minute),
    }.get(precision, (wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second))
    flags = st.booleans()
    second = precision is TimePrecision.SECOND
    pod = precision is TimePrecision.PART_OF_DAY
    return Time.local(
        *parts,
        tz=zone,
        part_of_day=draw(st.sampled_from(list(PartOfDay))) if pod else None,
        span=1 if pod or (expressible and second) else draw(st.integers(1, 400)),
        approximate=False if expressible and second else draw(flags),
        uncertain=False if expressible and second else draw(flags),
        margin_seconds=None if expressible else draw(st.none() | st.integers(0, 10**7)),
    )


@given(times(expressible=True))
def test_edtf_round_trips_every_time_it_can_express(time: Time) -> None:
    text = time.to_edtf()
    assert Time.from_edtf(text, tz=time.tz) == time
    assert time.to_edtf(exact=False) == text


@given(times(expressible=False))
def test_the_covering_edtf_value_contains_the_bounds(time: Time) -> None:
    wider = Time.from_edtf(time.to_edtf(exact=False), tz=time.tz)
    assert wider.earliest <= time.earliest < time.latest <= wider.latest
    assert wider.uncertain == time.uncertain


@given(st.text(max_size=30) | st.from_regex(r"[0-9X]{4}(-[0-9X]{2}){0,2}[~?%]?", fullmatch=True))
def test_arbitrary_strings_are_read_or_refused_cleanly(text: str) -> None:
    try:
        time = Time.from_edtf(text, tz=KABUL)
    except ValidationError:
        return
    assert time.earliest < time.latest
    assert Time.from_edtf(time.to_edtf(), tz=KABUL) == time


def test_zone_offsets_of_edtf_times_match_dateutil() -> None:
    time = Time.from_edtf("2021-07-01T12:00:00", tz="Europe/Berlin")
    assert (
        time.at.utcoffset()
        == datetime(2021, 7, 1, 12, tzinfo=tz.gettz("Europe/Berlin")).utcoffset()
    )
