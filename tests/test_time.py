"""Time values: precision, bounds, zones, and the rules that keep them honest."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz

from incidentkit import PartOfDay, Time, TimePrecision, ValidationError, from_dict, to_dict

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


@pytest.mark.parametrize("name", ["A/30", "XYZ3/Q", "EST5EDT/a"])
def test_posix_tz_strings_are_not_iana_zones(name: str) -> None:
    # dateutil parses these as POSIX TZ strings; "A/30" made a rule raise ValueError.
    with pytest.raises(ValidationError, match="unknown IANA time zone"):
        Time(at=datetime(2000, 1, 1, tzinfo=timezone.utc), tz=name, precision=TimePrecision.DAY)
