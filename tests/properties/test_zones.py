"""Zone lookups (zoneinfo, in C) agree with dateutil's tz, which the library used
before, on every zone and instant drawn: the offset of an instant, and where a wall
time lands (a time skipped by a clock change moves forward, a repeated one keeps
its fold)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from dateutil import tz as dateutil_tz
from hypothesis import given
from hypothesis import strategies as st

from incidentkit.time import attach_zone, get_zone, zone_names

ZONES = st.sampled_from(sorted(zone_names()))
# dateutil's tzfile knows the transitions listed in the file only; past the last
# one (2037 in the files written by default) it keeps the last offset, where
# zoneinfo follows the file's rule for later years. The years before are compared.
INSTANTS = st.datetimes(datetime(1850, 1, 1), datetime(2037, 1, 1))


@given(ZONES, INSTANTS)
def test_the_offset_of_an_instant_is_dateutils(name: str, naive: datetime) -> None:
    instant = naive.replace(tzinfo=timezone.utc)
    ours, theirs = get_zone(name), dateutil_tz.gettz(name)
    assert ours is not None
    assert theirs is not None
    assert instant.astimezone(ours).utcoffset() == instant.astimezone(theirs).utcoffset()


@given(ZONES, INSTANTS, st.integers(0, 1))
def test_wall_times_land_where_dateutil_puts_them(name: str, wall: datetime, fold: int) -> None:
    ours, theirs = get_zone(name), dateutil_tz.gettz(name)
    assert ours is not None
    assert theirs is not None
    wall = wall.replace(fold=fold)
    mine = attach_zone(wall, ours)
    other = dateutil_tz.resolve_imaginary(wall.replace(tzinfo=theirs))
    assert mine.replace(tzinfo=None) == other.replace(tzinfo=None)
    assert mine.utcoffset() == other.utcoffset()
    assert mine.astimezone(timezone.utc) == other.astimezone(timezone.utc)
    assert abs(mine.utcoffset() or timedelta(0)) < timedelta(days=1)
