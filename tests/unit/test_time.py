"""Time values: precision, bounds, zones, and the rules that keep them honest."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentkit import PartOfDay, Time, TimePrecision, ValidationError, from_dict, to_dict
from incidentkit import time as time_module
from incidentkit.time import get_zone, zone_names

UTC = timezone.utc


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_about_1pm_in_kabul_is_0830_utc_widened_by_half_an_hour() -> None:
    t = Time.local(2021, 3, 11, 13, tz="Asia/Kabul", approximate=True)
    assert t.precision is TimePrecision.HOUR
    assert t.start == utc(2021, 3, 11, 8, 30)
    assert t.end == utc(2021, 3, 11, 9, 30)
    assert t.bounds == (utc(2021, 3, 11, 8, 0), utc(2021, 3, 11, 10, 0))


@pytest.mark.parametrize(
    ("kwargs", "precision", "length"),
    [
        ({"year": 2020}, TimePrecision.YEAR, timedelta(days=366)),
        ({"year": 2021, "month": 2}, TimePrecision.MONTH, timedelta(days=28)),
        ({"year": 2021, "month": 3, "day": 10}, TimePrecision.DAY, timedelta(days=1)),
        ({"year": 2021, "month": 3, "day": 10, "hour": 9}, TimePrecision.HOUR, timedelta(hours=1)),
        (
            {"year": 2021, "month": 3, "day": 10, "hour": 9, "minute": 5},
            TimePrecision.MINUTE,
            timedelta(minutes=1),
        ),
        (
            {"year": 2021, "month": 3, "day": 10, "hour": 9, "minute": 5, "second": 7},
            TimePrecision.SECOND,
            timedelta(seconds=1),
        ),
    ],
)
def test_precision_is_inferred_and_sets_the_period(
    kwargs: dict[str, int], precision: TimePrecision, length: timedelta
) -> None:
    t = Time.local(**kwargs, tz="Asia/Kabul")
    assert t.precision is precision
    assert t.latest - t.earliest == length


def test_part_of_day_windows() -> None:
    afternoon = Time.local(2021, 3, 10, tz="Asia/Kabul", part_of_day=PartOfDay.AFTERNOON)
    assert afternoon.at.hour == 12
    assert afternoon.latest - afternoon.earliest == timedelta(hours=6)
    night = Time.local(2021, 3, 10, tz="Asia/Kabul", part_of_day="night")
    assert night.end == utc(2021, 3, 11, 1, 30)  # 06:00 next day in Kabul


def test_a_day_across_a_dst_change_lasts_23_hours() -> None:
    t = Time.local(2021, 3, 28, tz="Europe/Berlin")
    assert t.latest - t.earliest == timedelta(hours=23)


def test_margin_seconds_overrides_the_approximate_default() -> None:
    t = Time.local(2021, 3, 11, 13, tz="Asia/Kabul", approximate=True, margin_seconds=600)
    assert t.earliest == utc(2021, 3, 11, 8, 20)


def test_naive_datetime_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValidationError) as info:
        Time(at=datetime(2021, 3, 11, 13), tz="Asia/Kabul", precision=TimePrecision.HOUR)
    assert info.value.paths == ["$.at"]
    assert "naive" in str(info.value)


def test_offset_must_match_the_zone() -> None:
    with pytest.raises(ValidationError, match=r"\+04:30"):
        Time(
            at=datetime(2021, 3, 11, 13, tzinfo=tz.tzoffset(None, 4 * 3600)),
            tz="Asia/Kabul",
            precision=TimePrecision.HOUR,
        )


def test_unknown_zone_and_finer_parts_are_errors() -> None:
    with pytest.raises(ValidationError) as info:
        from_dict(
            {"at": "2021-03-11T13:05:00+00:00", "tz": "Mars/Olympus", "precision": "hour"},
            Time,
        )
    assert info.value.paths == ["$.tz", "$.at"]


def test_part_of_day_must_match_precision_and_window() -> None:
    with pytest.raises(ValidationError) as info:
        from_dict(
            {"at": "2021-03-10T12:00:00+04:30", "tz": "Asia/Kabul", "precision": "part_of_day"},
            Time,
        )
    assert info.value.paths == ["$.part_of_day"]
    with pytest.raises(ValidationError) as info:
        from_dict(
            {
                "at": "2021-03-10T13:00:00+04:30",
                "tz": "Asia/Kabul",
                "precision": "part_of_day",
                "part_of_day": "afternoon",
            },
            Time,
        )
    assert "starts at 12:00" in str(info.value)


def test_times_sort_by_bounds() -> None:
    day = Time.local(2021, 3, 11, tz="Asia/Kabul")
    hour = Time.local(2021, 3, 11, 13, tz="Asia/Kabul")
    month = Time.local(2021, 3, tz="Asia/Kabul")
    assert sorted([hour, day, month]) == [month, day, hour]
    assert day < hour
    assert hour > day
    assert day <= day
    assert hour >= day


def test_wire_form_carries_offset_and_zone() -> None:
    t = Time.local(2021, 3, 11, 13, tz="Asia/Kabul", approximate=True)
    assert to_dict(t) == {
        "at": "2021-03-11T13:00:00+04:30",
        "tz": "Asia/Kabul",
        "precision": "hour",
        "approximate": True,
    }
    assert from_dict(to_dict(t), Time) == t


def test_z_suffix_is_read_as_utc() -> None:
    t = from_dict({"at": "2021-03-11T08:30:00Z", "tz": "UTC", "precision": "minute"}, Time)
    assert t.start == utc(2021, 3, 11, 8, 30)


def test_local_rejects_gaps_in_parts() -> None:
    with pytest.raises(ValidationError):
        Time.local(2021, None, 5, tz="UTC")
    with pytest.raises(ValidationError):
        Time.local(2021, 2, 30, tz="UTC")


def test_span_makes_a_period_of_several_units() -> None:
    early_march = Time.local(2021, 3, 1, tz="Asia/Kabul", span=10)
    assert early_march.bounds == (utc(2021, 2, 28, 19, 30), utc(2021, 3, 10, 19, 30))
    four_months = Time.local(2020, 9, tz="Asia/Kabul", span=4)
    assert four_months.end == utc(2020, 12, 31, 19, 30)
    assert to_dict(early_march)["span"] == 10
    assert "span" not in to_dict(Time.local(2021, 3, 1, tz="Asia/Kabul"))
    assert from_dict(to_dict(early_march), Time) == early_march


def test_span_is_counted_in_wall_time_across_a_dst_change() -> None:
    night = Time.local(2021, 3, 27, 18, tz="Europe/Berlin", span=12)  # 18:00 to 06:00
    assert night.latest - night.earliest == timedelta(hours=11)


def test_span_must_be_positive_and_one_for_a_part_of_day() -> None:
    with pytest.raises(ValidationError) as info:
        Time.local(2021, 3, 1, tz="UTC", span=0)
    assert info.value.paths == ["$.span"]
    with pytest.raises(ValidationError, match="a part of day spans one part"):
        Time.local(2021, 3, 1, tz="UTC", part_of_day="morning", span=2)


def test_uncertain_does_not_widen_the_bounds() -> None:
    sure = Time.local(2021, 3, 11, tz="Asia/Kabul")
    unsure = Time.local(2021, 3, 11, tz="Asia/Kabul", uncertain=True)
    assert unsure.bounds == sure.bounds
    assert unsure != sure
    assert to_dict(unsure)["uncertain"] is True


def test_a_day_whose_midnight_was_skipped_starts_when_the_clocks_resume() -> None:
    # Santiago moved from 00:00 to 01:00 on 5 September 2021.
    day = Time.local(2021, 9, 5, tz="America/Santiago")
    assert day.at.hour == 1
    assert day.latest - day.earliest == timedelta(hours=23)
    assert from_dict(to_dict(day), Time) == day
    with pytest.raises(ValidationError, match="finer than its precision"):
        from_dict(
            {"at": "2021-09-05T02:00:00-03:00", "tz": "America/Santiago", "precision": "day"},
            Time,
        )


def test_a_time_in_the_repeated_hour_ends_in_the_same_occurrence() -> None:
    # Berlin, 31 October 2021: 02:00-03:00 happens at +02:00, then again at +01:00.
    first = from_dict(
        {"at": "2021-10-31T02:30:00+02:00", "tz": "Europe/Berlin", "precision": "minute"}, Time
    )
    second = from_dict(
        {"at": "2021-10-31T02:30:00+01:00", "tz": "Europe/Berlin", "precision": "minute"}, Time
    )
    assert first.bounds == (utc(2021, 10, 31, 0, 30), utc(2021, 10, 31, 0, 31))
    assert second.bounds == (utc(2021, 10, 31, 1, 30), utc(2021, 10, 31, 1, 31))
    assert first < second


def test_bounds_must_lie_within_the_years_datetime_holds() -> None:
    for year in (1, 9999):
        with pytest.raises(ValidationError, match="beyond the years 1 to 9999"):
            Time.local(year, tz="UTC", approximate=True)
    with pytest.raises(ValidationError, match="beyond the years 1 to 9999"):
        Time.local(9000, tz="UTC", span=1000)
    assert Time.local(9998, tz="UTC").latest == utc(9999, 1, 1)


def test_sorting_is_by_instants_whatever_the_zone() -> None:
    kabul_1pm = Time.local(2021, 3, 11, 13, tz="Asia/Kabul")  # 08:30 UTC
    berlin_9am = Time.local(2021, 3, 11, 9, tz="Europe/Berlin")  # 08:00 UTC
    utc_0845 = Time.local(2021, 3, 11, 8, 45, tz="UTC")
    assert sorted([kabul_1pm, utc_0845, berlin_9am]) == [berlin_9am, kabul_1pm, utc_0845]


def test_earlier_start_sorts_first_then_earlier_end() -> None:
    hour = Time.local(2021, 3, 11, 13, tz="Asia/Kabul")
    about = Time.local(2021, 3, 11, 13, tz="Asia/Kabul", approximate=True)  # starts 12:30
    afternoon = Time.local(2021, 3, 11, tz="Asia/Kabul", part_of_day="afternoon")
    early_march = Time.local(2021, 3, 1, tz="Asia/Kabul", span=10)
    ordered = [early_march, afternoon, about, hour]
    assert sorted(reversed(ordered)) == ordered
    assert afternoon < about < hour
    assert max(ordered) is hour


def test_equal_bounds_sort_as_equals_but_the_values_differ() -> None:
    kabul_day = Time.local(2021, 3, 11, tz="Asia/Kabul")
    as_utc_span = Time.local(2021, 3, 10, 19, 30, tz="UTC", span=24 * 60)
    assert kabul_day.bounds == as_utc_span.bounds
    assert kabul_day <= as_utc_span <= kabul_day
    assert not kabul_day < as_utc_span
    assert kabul_day != as_utc_span
    assert sorted([as_utc_span, kabul_day]) == [as_utc_span, kabul_day]  # stable


def test_times_do_not_compare_with_other_types() -> None:
    day = Time.local(2021, 3, 11, tz="Asia/Kabul")
    for other in (utc(2021, 3, 11), "2021-03-11", 3):
        with pytest.raises(TypeError):
            day < other  # type: ignore[operator]  # noqa: B015
        with pytest.raises(TypeError):
            day >= other  # type: ignore[operator]  # noqa: B015


@pytest.mark.parametrize("name", ["A/30", "XYZ3/Q", "EST5EDT/a"])
def test_posix_tz_strings_are_not_iana_zones(name: str) -> None:
    # dateutil parses these as POSIX TZ strings; "A/30" made a rule raise ValueError.
    with pytest.raises(ValidationError, match="unknown IANA time zone"):
        Time(at=datetime(2000, 1, 1, tzinfo=timezone.utc), tz=name, precision=TimePrecision.DAY)


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "../x", "Asia/../../etc/passwd", "Asia/Kabul\x00", "A" * 300, ""]
)
def test_zone_names_outside_the_iana_list_are_never_looked_up(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zoneinfo

    from incidentkit.time import get_zone

    def no_lookup(key: str) -> None:
        raise AssertionError(f"looked up {key!r}")

    get_zone.cache_clear()
    monkeypatch.setattr(zoneinfo, "ZoneInfo", no_lookup)
    try:
        assert get_zone(name) is None
        with pytest.raises(ValidationError, match=r"\$\.tz"):
            Time(at=utc(2000, 1, 1), tz=name, precision=TimePrecision.DAY)
        with pytest.raises(ValidationError):
            from_dict({"at": "2000-01-01T00:00:00Z", "tz": name, "precision": "day"}, Time)
    finally:
        get_zone.cache_clear()


def test_the_iana_list_is_the_databases() -> None:
    import zoneinfo

    from incidentkit.time import zone_names

    names = zone_names()
    assert {"UTC", "Asia/Kabul", "America/New_York", "Europe/Kyiv"} <= names
    # available_timezones() also lists what is a file in the zone directory and
    # no zone ("localtime" on some systems).
    assert names <= zoneinfo.available_timezones()
    assert len(names) >= len(zoneinfo.available_timezones()) - 3


def test_zones_are_zoneinfo_and_bounds_are_utc() -> None:
    import zoneinfo

    t = Time.local(2021, 3, 11, 13, tz="Asia/Kabul")
    assert isinstance(t.zone, zoneinfo.ZoneInfo)
    assert t.start.tzinfo is timezone.utc
    assert t.end.tzinfo is timezone.utc


@settings(max_examples=200)
@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from([TimePrecision.YEAR, TimePrecision.MONTH]),
    st.integers(1, 20_000),
)
def test_calendar_units_are_added_as_dateutil_adds_them(
    wall: datetime, precision: TimePrecision, span: int
) -> None:
    """add_units counts years and months by hand from a day every month has (the
    common case: a unit's start) and leaves the rest to relativedelta."""
    from dateutil.relativedelta import relativedelta

    from incidentkit.time import add_units

    step = (
        relativedelta(years=span)
        if precision is TimePrecision.YEAR
        else relativedelta(months=span)
    )
    try:
        expected: object = wall + step
    except ValueError:
        expected = ValueError
    try:
        got: object = add_units(wall, precision, None, span)
    except ValueError:
        got = ValueError
    assert got == expected


# ------------------------------------------------- zones settled on one offset

_SETTLED_ZONES = [
    (name, settled[0], settled[1].utcoffset(None))
    for name in sorted(zone_names())
    if get_zone(name) is not None and (settled := time_module._settle(name))[1] is not None
]


def test_zones_without_daylight_saving_are_settled_and_others_not() -> None:
    settled = {name: (first, offset) for name, first, offset in _SETTLED_ZONES}
    assert settled["Asia/Kabul"] == (datetime(1945, 1, 2).toordinal(), timedelta(hours=4.5))
    assert settled["UTC"] == (1, timedelta(0))
    assert settled["Asia/Damascus"][1] == timedelta(hours=3)  # no DST since 2022
    for name in ("Europe/Kyiv", "America/New_York", "Asia/Gaza", "Australia/Lord_Howe"):
        assert name not in settled
    assert len(settled) > 200


@pytest.mark.parametrize("year", [None, 2021, 2038, 2100, 9000])
def test_a_settled_zone_has_its_offset_from_its_date_on(year: int | None) -> None:
    """Every zone the offset rule's shortcut trusts, converted by zoneinfo at the
    first instant of its settled date and in later years."""
    for name, first, offset in _SETTLED_ZONES:
        day = datetime.fromordinal(max(first, 2)) if year is None else datetime(year, 7, 1)
        if day.toordinal() < first:
            continue
        local = day.replace(tzinfo=timezone(offset))
        assert local.astimezone(get_zone(name)).utcoffset() == offset, (name, local)


@settings(max_examples=300)
@given(
    index=st.integers(0, 10_000),
    days=st.integers(0, 3_000_000),
    seconds=st.integers(0, 86_399),
)
def test_any_time_a_settled_zone_shortcut_accepts_is_in_that_zone(
    index: int, days: int, seconds: int
) -> None:
    name, first, offset = _SETTLED_ZONES[index % len(_SETTLED_ZONES)]
    start = max(first, 3)  # (instants within a day of year 1 are out of range in UTC)
    ordinal = start + days % (datetime(9999, 12, 29).toordinal() - start)
    local = (datetime.fromordinal(ordinal) + timedelta(seconds=seconds)).replace(
        tzinfo=timezone(offset)
    )
    assert local.astimezone(get_zone(name)).utcoffset() == offset, (name, local)


def test_a_zone_that_cannot_be_read_is_never_settled() -> None:
    assert time_module._settle("No/Such_Zone") == time_module._NEVER_SETTLED
