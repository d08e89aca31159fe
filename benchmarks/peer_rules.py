"""The cross-field rules of the Incident shape, written once for both peer models.

pydantic runs them in ``model_validator(mode="after")`` methods and msgspec in
``__post_init__``; both work on plain attribute access, so the same functions serve
both. Each raises ``ValueError`` on the first broken rule (the peers report one
problem per object; incidentkit reports every problem, which costs nothing extra on
valid input). The rules are the ones ``incidentkit.rules_of`` lists for each class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
from dateutil.relativedelta import relativedelta

from incidentkit._fields import Constraints, constraints_of
from incidentkit.time import FINER_FIELDS as _FINER  # the same data tables, not code
from incidentkit.time import (
    FIRST_OF_UNIT,
    APPROXIMATE_MARGIN,
    PART_OF_DAY_WINDOWS,
    TimePrecision,
)

UTC = timezone.utc
_STEP = {
    TimePrecision.YEAR: relativedelta(years=1),
    TimePrecision.MONTH: relativedelta(months=1),
    TimePrecision.DAY: relativedelta(days=1),
    TimePrecision.HOUR: relativedelta(hours=1),
    TimePrecision.MINUTE: relativedelta(minutes=1),
    TimePrecision.SECOND: relativedelta(seconds=1),
}


@lru_cache(maxsize=512)
def get_zone(name: str) -> ZoneInfo | None:
    """The zone as a pydantic or msgspec user would look it up: the standard
    library's zoneinfo, not incidentkit's code. The pattern on ``tz`` (checked
    before the rules run) keeps paths out."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def resolve_imaginary(local: datetime) -> datetime:
    """A wall time skipped by a clock change, moved forward by the change."""
    if local.astimezone(UTC).astimezone(local.tzinfo).replace(tzinfo=None) == local.replace(
        tzinfo=None
    ):
        return local
    day = timedelta(hours=24)
    return local + ((local + day).utcoffset() - (local - day).utcoffset())


_UNIT_DAYS = {
    p: {"year": 366, "month": 31, "part_of_day": 2}.get(p.value, 1) for p in TimePrecision
}
_LAST_ORDINAL = datetime.max.toordinal()


def declared(cls: type, name: str) -> Constraints:
    """What incidentkit declares for ``cls.name``: the peers read patterns from it."""
    return constraints_of(attrs.fields_dict(cls)[name])


def check_unique(items: Iterable[Any], what: str) -> None:
    items = tuple(items)
    if len(set(items)) != len(items):
        raise ValueError(f"{what}: items must be unique")


# ------------------------------------------------------------------ time


def check_time(t: Any) -> None:
    zone = get_zone(t.tz)
    if zone is None:
        raise ValueError(f"unknown IANA time zone {t.tz!r}")
    offset = t.at.utcoffset()
    if offset % timedelta(minutes=1):
        raise ValueError("the UTC offset must be a whole number of minutes")
    if t.at.astimezone(zone).utcoffset() != offset:
        raise ValueError(f"offset is not the offset of {t.tz} at that time")
    for name in _FINER[t.precision]:
        if getattr(t.at, name) != FIRST_OF_UNIT.get(name, 0):
            raise ValueError(f"at has a {name} finer than its precision")
    is_pod = t.precision is TimePrecision.PART_OF_DAY
    if is_pod != (t.part_of_day is not None):
        raise ValueError("part_of_day is given exactly when precision is part_of_day")
    if is_pod and t.at.hour != PART_OF_DAY_WINDOWS[t.part_of_day][0]:
        raise ValueError("at is not the start of its part of day")
    if is_pod and t.span != 1:
        raise ValueError("a part of day spans one part")
    # the bounds lie within the years 1 to 9999 (computed only near them)
    days = t.span * _UNIT_DAYS[t.precision] + _margin(t).days + 3
    if not days < t.at.toordinal() < _LAST_ORDINAL - days:
        try:
            earliest(t), latest(t)
        except (OverflowError, ValueError):
            raise ValueError("the period reaches beyond the years 1 to 9999") from None


def _margin(t: Any) -> timedelta:
    if t.margin_seconds is not None:
        return timedelta(seconds=t.margin_seconds)
    return APPROXIMATE_MARGIN[t.precision] if t.approximate else timedelta(0)


def earliest(t: Any) -> datetime:
    return t.at.astimezone(UTC) - _margin(t)


def latest(t: Any) -> datetime:
    wall = t.at.replace(tzinfo=None)
    if t.precision is TimePrecision.PART_OF_DAY:
        step = relativedelta(hours=PART_OF_DAY_WINDOWS[t.part_of_day][1])
    else:
        step = _STEP[t.precision] * t.span
    zone = get_zone(t.tz)
    end = resolve_imaginary((wall + step).replace(tzinfo=zone))
    return end.astimezone(UTC) + _margin(t)


# ------------------------------------------------------------------ small records


def check_count(c: Any) -> None:
    if c.low is not None and c.low > c.best:
        raise ValueError("low is above best")
    if c.high is not None and c.high < c.best:
        raise ValueError("high is below best")
    if c.qualifier == "exact" and (c.low not in (None, c.best) or c.high not in (None, c.best)):
        raise ValueError("an exact count has no range")


def check_casualties(c: Any) -> None:
    if (c.actor is None) == (not c.civilians):
        raise ValueError("give either an actor or civilians: true, not both")
    if c.killed is None and c.injured is None and c.captured is None and c.missing is None:
        raise ValueError("give at least one of killed, injured, captured, missing")


def check_claim(c: Any) -> None:
    if c.claimant is None and c.source is None:
        raise ValueError("name a claimant, a source, or both")


def check_relative(r: Any) -> None:
    if r.distance is None and r.bearing is None:
        raise ValueError("give a distance or a bearing")


_AREA = {"admin1": "admin1", "admin2": "admin2", "admin3": "admin3", "country": "country"}


def check_location(loc: Any) -> None:
    precision = loc.precision
    if precision in ("exact", "near") and loc.point is None and loc.relative is None:
        raise ValueError("needs a point or a relative position")
    if precision in _AREA and getattr(loc, _AREA[precision]) is None:
        raise ValueError(f"{precision} needs that area")


def check_membership(m: Any) -> None:
    if m.start is not None and m.end is not None and latest(m.end) <= earliest(m.start):
        raise ValueError("ends before it starts")
    if m.post is not None and m.post.organization != m.organization:
        raise ValueError("post must be in the membership's organization")


# ------------------------------------------------------------------ the record


def _references(r: Any) -> Iterable[str]:
    for actor in r.actors:
        ref = getattr(actor, "parent", None) or getattr(actor, "part_of", None)
        if ref is not None:
            yield ref
    for m in r.memberships:
        yield m.member
        yield m.organization
    for claim in r.claims:
        if claim.claimant is not None:
            yield claim.claimant
    for p in r.participants:
        yield p.actor
    for group in (r.outcomes, r.casualties, r.tallies):
        for item in group:
            if item.actor is not None:
                yield item.actor


def _resolves(obj: Any, path: str, fields_of: Callable[[Any], Any]) -> bool:
    rest = path[1:]
    while rest:
        if rest.startswith("["):
            index, _, rest = rest[1:].partition("]")
            if not isinstance(obj, tuple) or int(index) >= len(obj):
                return False
            obj = obj[int(index)]
        else:
            name = rest[1:].split("[", 1)[0].split(".", 1)[0]
            rest = rest[1 + len(name) :]
            names = fields_of(obj)
            if names is None or name not in names:
                return False
            obj = getattr(obj, name)
            if obj is None:
                return False
    return True


def check_incident(r: Any, fields_of: Callable[[Any], Any]) -> None:
    check_unique(r.tags, "tags")
    check_unique(r.related, "related")
    actor_ids = [a.id for a in r.actors]
    source_ids = [s.id for s in r.sources]
    check_unique(actor_ids, "actor ids")
    check_unique(source_ids, "source ids")
    known = set(actor_ids)
    for ref in _references(r):
        if ref not in known:
            raise ValueError(f"no actor with id {ref!r} in actors")
    sources = set(source_ids)
    for claim in r.claims:
        if claim.source is not None and claim.source not in sources:
            raise ValueError(f"no source with id {claim.source!r}")
    parents = {a.id: a.parent for a in r.actors if hasattr(a, "parent")}
    for actor_id in parents:
        seen = {actor_id}
        current = parents.get(actor_id)
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current == actor_id:
            raise ValueError("organisation parents form a cycle")
    for claim in r.claims:
        if claim.target is not None and not _resolves(r, claim.target, fields_of):
            raise ValueError(f"{claim.target} is not a part of this record")
    if r.until is not None and latest(r.until) <= earliest(r.when):
        raise ValueError("ends before it begins")


def check_extensions(extensions: dict[str, Any]) -> None:
    """Values are JSON already (they came from a JSON parser); depth and the 64-bit
    integer range are left to check."""

    def depth(value: Any, level: int) -> None:
        if level > 64:
            raise ValueError("nested more than 64 levels deep")
        if isinstance(value, int) and not -(2**63) <= value <= 2**64 - 1:
            raise ValueError("integer outside the 64-bit range")
        if isinstance(value, dict):
            for item in value.values():
                depth(item, level + 1)
        elif isinstance(value, list):
            for item in value:
                depth(item, level + 1)

    for value in extensions.values():
        depth(value, 0)
