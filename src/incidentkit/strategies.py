"""Hypothesis strategies for every incidentkit record (the ``hypothesis`` extra).

Each strategy generates only valid records, derived from the same field
declarations that drive the runtime checks and the JSON Schema: a field's type and
its :class:`~incidentkit._fields.Constraints` give the values (:func:`from_field`),
and the per-class strategies below add each class's cross-field rules (the
``@rule`` methods listed by ``rules_of``): ``low <= best <= high``, a time truncated
to its precision in its zone's offset, references that resolve, and so on.

Every strategy takes keyword arguments named after the record's fields to pin
parts of it; a pin is a value or a strategy::

    incidents(type=IncidentType.ARMED_CLASH, country="AF")
    times(tz="Asia/Kathmandu", precision=TimePrecision.MINUTE)
    counts(best=st.integers(1, 9))

Pins that break a rule make the draw raise :class:`~incidentkit.ValidationError`.

Installing the extra also registers these strategies with Hypothesis, so
``st.from_type(incidentkit.Incident)`` works without importing this module.
"""

from __future__ import annotations

import functools
import math
import typing
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

import attrs
from dateutil import tz as dateutil_tz

try:
    from hypothesis import reject
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ModuleNotFoundError as error:  # pragma: no cover - depends on the environment
    if error.name != "hypothesis":
        raise
    raise ModuleNotFoundError(
        "incidentkit.strategies needs Hypothesis, which comes with the 'hypothesis' extra: "
        "pip install 'incidentkit[hypothesis]' (from a checkout: pip install '.[hypothesis]')",
        name="hypothesis",
    ) from None

from ._fields import (
    JSON_INT_RANGE,
    MAX_SAFE_INT,
    Constraints,
    compile_pattern,
    constraints_of,
    is_tag,
)
from ._hypothesis_plugin import _hypothesis_setup_hook
from ._record import Record, claim_subjects, part_at, value_kind
from ._typetree import (
    ConstNode,
    EnumNode,
    JsonNode,
    Node,
    OptionalNode,
    RecordNode,
    ScalarNode,
    TupleNode,
    UnionNode,
    record_info,
    registered,
)
from .actors import Alias, AliasKind, Group, Membership, Organization, Person, Post
from .bundle import Bundle, CrossRecordFact
from .defection import Defection
from .errors import ValidationError, join_path
from .evidence import Claim, ClaimValue, Source, Stance
from .incident import Incident, Outcome, Participant
from .location import (
    AREA_FOR_PRECISION,
    AdminArea,
    GeoPrecision,
    Location,
    Point,
    RelativePosition,
)
from .quantity import CASUALTY_FIGURES, Casualties, Count, CountQualifier, Tally
from .time import (
    FINER_FIELDS,
    FIRST_OF_UNIT,
    PART_OF_DAY_WINDOWS,
    PartOfDay,
    Time,
    TimePrecision,
    attach_zone,
    get_zone,
)

__all__ = [
    "actors",
    "admin_areas",
    "aliases",
    "bundles",
    "casualties",
    "claim_values",
    "claims",
    "counts",
    "cross_record_facts",
    "defections",
    "for_type",
    "from_field",
    "groups",
    "incidents",
    "locations",
    "memberships",
    "organizations",
    "outcomes",
    "participants",
    "people",
    "points",
    "posts",
    "relative_positions",
    "sources",
    "tallies",
    "times",
    "zones",
]

T = TypeVar("T")
Strategy = st.SearchStrategy

#: Longest tuple drawn beyond a field's declared minimum: records stay readable
#: and fast to generate; the declared maximum still applies when it is smaller.
MAX_EXTRA_ITEMS = 4

# Any Unicode text that can be written as UTF-8 (no lone surrogates).
_CHARS = st.characters(codec="utf-8")

# ---------------------------------------------------------------- realistic shapes
# Test data, not constraints: every value here still passes through the declared
# checks when the record is built.

#: Names in several scripts with the BCP 47 language and ISO 15924 script they are in.
_NAMES: tuple[tuple[str, str, str], ...] = (
    ("Taliban", "en", "Latn"),
    ("طالبان", "ps", "Arab"),
    ("Ṭālibān", "ps-Latn", "Latn"),
    ("Mohammad Amin Patang", "en", "Latn"),
    ("محمد امین پتنگ", "fa", "Arab"),
    ("Harakat al-Shabaab al-Mujahideen", "so", "Latn"),
    ("حركة الشباب المجاهدين", "ar", "Arab"),
    ("Донецкая Народная Республика", "ru", "Cyrl"),
    ("Donetska Narodna Respublika", "uk-Latn", "Latn"),
    ("नेपाल कम्युनिस्ट पार्टी (माओवादी)", "ne", "Deva"),
    ("တပ်မတော်", "my", "Mymr"),
    ("Tatmadaw", "my-Latn", "Latn"),
    ("Jamā'at Ahl as-Sunnah lid-Da'wah wa'l-Jihād", "ar-Latn", "Latn"),
    ("Forces Démocratiques de Libération du Rwanda", "fr", "Latn"),
    ("Ejército de Liberación Nacional", "es", "Latn"),
    ("中国人民解放军", "zh-Hans", "Hans"),
    ("Ελληνική Αστυνομία", "el", "Grek"),
    ("משטרת ישראל", "he", "Hebr"),
    ("የኢትዮጵያ ብሔራዊ መከላከያ ሠራዊት", "am", "Ethi"),
    ("Nguye\u0302\u0303n Va\u0306n Thành", "vi", "Latn"),  # decomposed diacritics
    ("local security forces", "en", "Latn"),
)
_PLACES = (
    "Almar",
    "Maymana",
    "Faryab",
    "کابل",
    "Kunduz",
    "Mogadishu",
    "Muqdisho",
    "Kidal",
    "Goma",
    "Marawi",
    "Маріуполь",
    "Mariupol",
    "काठमाडौं",
    "Ouagadougou",
    "Cox's Bazar",
    "Sittwe (စစ်တွေ)",
    "Deir ez-Zor",
    "دير الزور",
)
_HOSTS = ("tolonews.com", "www.bbc.co.uk", "acleddata.com", "reliefweb.int", "t.me", "x.com")
#: Zones with odd offsets (+04:30, +05:45, +08:45, +12:45, -03:30), half-hour DST,
#: midnight DST changes, and places that appear in conflict data.
_ZONES = (
    "UTC",
    "Asia/Kabul",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Asia/Tehran",
    "Asia/Yangon",
    "Australia/Eucla",
    "Pacific/Chatham",
    "America/St_Johns",
    "Australia/Lord_Howe",
    "Pacific/Marquesas",
    "Pacific/Kiritimati",
    "America/Caracas",
    "America/Santiago",
    "America/Havana",
    "Asia/Beirut",
    "Asia/Damascus",
    "Asia/Gaza",
    "Africa/Casablanca",
    "Europe/Kyiv",
    "Europe/London",
    "America/New_York",
    "Africa/Mogadishu",
    "Africa/Bamako",
    "Asia/Baghdad",
    "Asia/Karachi",
    "Asia/Manila",
    "America/Bogota",
)
#: Wall-clock times drawn for records: from 1900 (a zone still on local mean time
#: then, with seconds in its offset, is moved a century on) to 2100, far from
#: datetime's limits.
_EARLIEST_WALL = datetime(1900, 1, 1)
_LATEST_WALL = datetime(2100, 12, 31)

# ---------------------------------------------------------------- generic builder


def _attributes(cls: Any) -> Any:
    """``attrs.fields`` for a record class (which type checkers see as a plain class)."""
    return attrs.fields(cls)


def from_field(cls: type, name: str, *, optional: bool = True) -> Strategy[Any]:
    """Values for one field of a record class, derived from its declaration alone.

    The type gives the shape (optional, tuple, enum, number, string, nested record,
    JSON object) and the field's constraints the bounds, lengths, pattern, allowed
    values, item counts and uniqueness; declared examples are drawn too. Cross-field
    rules are not applied here: the per-class strategies add them. With
    ``optional=False`` an optional field never draws ``None``.
    """
    return _field_strategy(cls, name, optional)


@functools.cache
def _field_strategy(cls: type, name: str, optional: bool) -> Strategy[Any]:
    try:
        info = record_info(cls).field(name)
    except (KeyError, TypeError, attrs.exceptions.NotAnAttrsClassError):
        raise InvalidArgument(f"{getattr(cls, '__name__', cls)} has no field {name!r}") from None
    return _for_node(info.node, info.constraints, optional)


def _for_node(node: Node, meta: Constraints, optional: bool = True) -> Strategy[Any]:
    """The strategy for a field's node under its constraints."""
    if isinstance(node, OptionalNode):
        inner = _for_node(node.inner, meta)
        return st.none() | inner if optional else inner
    if isinstance(node, TupleNode):
        item = _for_node(node.item, meta)
        low = node.min_items or 0
        high = low + MAX_EXTRA_ITEMS
        if node.max_items is not None:
            high = min(high, node.max_items)
        return st.lists(item, min_size=low, max_size=high, unique=node.unique).map(tuple)
    if isinstance(node, JsonNode):
        return st.dictionaries(_strings(node.keys), _JSON_VALUES, max_size=3)
    if isinstance(node, ConstNode):
        return st.just(node.value)
    if isinstance(node, EnumNode):
        members: list[Any] = [*typing.cast(Any, node.cls)]
        return st.sampled_from(members)
    if isinstance(node, RecordNode):
        cls = node.cls
        return st.deferred(lambda: for_type(cls))
    if isinstance(node, UnionNode):
        return st.one_of([_for_node(RecordNode(m), meta) for m in node.members])
    scalars: dict[type, Callable[[Constraints], Strategy[Any]]] = {
        bool: lambda _: st.booleans(),
        int: _integers,
        float: _floats,
        str: _strings,
    }
    make = scalars.get(node.type)
    if make is None:
        raise InvalidArgument(f"no generic strategy for a field of type {node.type!r}")
    return make(meta)


def _integers(meta: Constraints, low: int | None = None, high: int | None = None) -> Strategy[int]:
    """Integers within the declared bounds (and ``low``/``high``), small ones often."""
    bounds_low = [-MAX_SAFE_INT] if low is None else [low]
    bounds_high = [MAX_SAFE_INT] if high is None else [high]
    if meta.ge is not None:
        bounds_low.append(math.ceil(meta.ge))
    if meta.gt is not None:
        bounds_low.append(math.floor(meta.gt) + 1)
    if meta.le is not None:
        bounds_high.append(math.floor(meta.le))
    if meta.lt is not None:
        bounds_high.append(math.ceil(meta.lt) - 1)
    lo, hi = max(bounds_low), min(bounds_high)
    if hi - lo <= 1000:
        return st.integers(lo, hi)
    return st.integers(lo, lo + 1000) | st.integers(lo, hi)


def _floats(meta: Constraints) -> Strategy[float]:
    low, exclude_low = (meta.ge, False) if meta.ge is not None else (meta.gt, meta.gt is not None)
    high, exclude_high = (
        (meta.le, False) if meta.le is not None else (meta.lt, meta.lt is not None)
    )
    return st.floats(
        min_value=low,
        max_value=high,
        exclude_min=exclude_low,
        exclude_max=exclude_high,
        allow_nan=False,
        allow_infinity=False,
    )


def _strings(meta: Constraints) -> Strategy[str]:
    """Strings from the allowed values, or the pattern, or any text, within the
    declared lengths; declared examples are drawn now and then."""
    if meta.choices is not None:
        return st.sampled_from(meta.choices)
    low = meta.min_length or 0
    high = meta.max_length
    base: Strategy[str]
    if meta.pattern is not None:
        limit = float("inf") if high is None else high
        regex = compile_pattern(meta.pattern)  # as the checks read it
        base = st.from_regex(regex, fullmatch=True, alphabet=_CHARS).filter(
            lambda s: low <= len(s) <= limit
        )
    else:
        base = st.text(_CHARS, min_size=low, max_size=high)
    examples = [e for e in meta.examples if isinstance(e, str)]
    return st.sampled_from(examples) | base if examples else base


_JSON_VALUES: Strategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(*JSON_INT_RANGE)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(_CHARS),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(_CHARS), inner, max_size=3)
    ),
    max_leaves=8,
)


def _realistic(cls: type, name: str, shapes: Strategy[Any]) -> Strategy[Any]:
    """A field's declared values, mixed with realistic ones."""
    return shapes | from_field(cls, name, optional=False)


# ---------------------------------------------------------------- pins and makers
# Each record class has a maker, ``_make_x(draw, pins) -> X``, which draws the
# fields in the order its rules need. Public strategies wrap a maker; makers call
# each other directly, so drawing a record builds no strategy objects per draw.

Maker = Callable[..., Any]


class _Fields:
    """The field values of one record being drawn: pinned values win, then the
    source the class's rules call for, then the field's declared strategy."""

    def __init__(self, draw: st.DrawFn, cls: type, pins: dict[str, Any]) -> None:
        self.draw = draw
        self.cls = cls
        self.pins = pins
        self.values: dict[str, Any] = {}

    def __call__(self, name: str, source: Strategy[Any] | Callable[[], Any] | None = None) -> Any:
        """The value of field ``name``, drawn on first use; ``source`` is a strategy
        or a function that draws the value."""
        if name not in self.values:
            if name in self.pins:
                self.values[name] = _resolve_pin(self.draw, self.pins[name])
            elif source is None:
                self.values[name] = self.draw(from_field(self.cls, name))
            elif isinstance(source, st.SearchStrategy):
                self.values[name] = self.draw(source)
            else:
                self.values[name] = source()
        return self.values[name]

    def force(self, name: str, source: Strategy[Any] | Callable[[], Any]) -> None:
        """Draw ``name`` again from ``source`` (a rule needs it), unless it is pinned."""
        if name not in self.pins:
            del self.values[name]
            self(name, source)

    def build(self, **values: Any) -> Any:
        """Draw the remaining fields and make the record."""
        self.values.update(values)
        for attribute in _attributes(self.cls):
            if not is_tag(attribute):
                self(attribute.name)
        return self.cls(**self.values)


def _resolve_pin(draw: st.DrawFn, pin: Any) -> Any:
    return draw(pin) if isinstance(pin, st.SearchStrategy) else pin


@st.composite
def _made(draw: st.DrawFn, make: Maker, pins: dict[str, Any], *args: Any) -> Any:
    return make(draw, pins, *args)


def _strategy(cls: type[T], make: Maker, pins: dict[str, Any], *args: Any) -> Strategy[T]:
    """The public strategy for ``cls``: checks the pins now, draws with ``make``."""
    names = {a.name for a in _attributes(cls) if not is_tag(a)}
    unknown = sorted(set(pins) - names)
    if unknown:
        raise InvalidArgument(
            f"{cls.__name__} has no field {unknown[0]!r} to pin; "
            f"its fields are {', '.join(sorted(names))}"
        )
    return typing.cast(Strategy[T], _made(make, pins, *args))


def _maybe(draw: st.DrawFn, make: Callable[[], T]) -> T | None:
    """``None`` or a value from ``make``, as an optional field would be."""
    return make() if draw(st.booleans()) else None


def _one_of(values: Sequence[T]) -> Strategy[T]:
    return st.sampled_from(values) if values else st.nothing()


def _simple(draw: st.DrawFn, pins: dict[str, Any], cls: type[T]) -> T:
    """A record without cross-field rules: every field from its declaration."""
    return typing.cast(T, _Fields(draw, cls, pins).build())


# ---------------------------------------------------------------- times


@functools.cache
def _zone_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(curated zones, every zone on this system) that the ``tz`` field accepts."""
    meta = constraints_of(_attributes(Time).tz)
    pattern = compile_pattern(meta.pattern or "")

    def accepted(name: str) -> bool:
        limit = meta.max_length or len(name)
        return len(name) <= limit and bool(pattern.search(name)) and get_zone(name) is not None

    curated = tuple(z for z in _ZONES if accepted(z))
    everything = tuple(sorted(z for z in zoneinfo.available_timezones() if accepted(z)))
    return curated, everything or curated


def zones() -> Strategy[str]:
    """IANA zone names: odd offsets and DST-heavy zones often, any other zone too."""
    return st.deferred(
        lambda: st.sampled_from(_zone_names()[0]) | st.sampled_from(_zone_names()[1])
    )


def _period_start(wall: datetime, precision: TimePrecision, pod: PartOfDay | None) -> datetime:
    """Start of the period of ``precision`` that contains ``wall``; for a part of
    day, of the first window of ``pod`` that ends after ``wall``."""
    zeroes: dict[str, Any] = {name: FIRST_OF_UNIT.get(name, 0) for name in FINER_FIELDS[precision]}
    start = wall.replace(**zeroes)
    if pod is not None:
        first_hour, hours = PART_OF_DAY_WINDOWS[pod]
        start = start.replace(hour=first_hour)
        if start + timedelta(hours=hours) <= wall:
            start += timedelta(days=1)
    return start


def times(*, after: Time | None = None, **pins: Any) -> Strategy[Time]:
    """:class:`~incidentkit.Time` values: every precision and part of day, hedged or
    with an explicit margin, in zones with odd offsets and DST changes, including
    the second pass of a repeated hour. With ``after``, the time's period ends
    after ``after`` begins (as an incident's ``until`` must)."""
    return _strategy(Time, _make_time, pins, after)


_ZONES_STRATEGY = zones()
_WALLS = st.datetimes(_EARLIEST_WALL, _LATEST_WALL)
_LATER = st.timedeltas(timedelta(0), timedelta(days=400))


def _make_time(draw: st.DrawFn, pins: dict[str, Any], after: Time | None = None) -> Time:
    f = _Fields(draw, Time, pins)
    zone_name = f("tz", _ZONES_STRATEGY)
    if "part_of_day" in pins and "precision" not in pins:
        pod = f("part_of_day")
        other = from_field(Time, "precision").filter(lambda p: p is not TimePrecision.PART_OF_DAY)
        precision = f("precision", st.just(TimePrecision.PART_OF_DAY) if pod else other)
    else:
        precision = f("precision")
        needed = precision is TimePrecision.PART_OF_DAY
        pod = f(
            "part_of_day", from_field(Time, "part_of_day", optional=False) if needed else st.none()
        )
    # A period of a few units ("early March" is 10 days); a part of day spans one.
    single = precision is TimePrecision.PART_OF_DAY
    f("span", st.just(1) if single else st.just(1) | st.integers(1, 12))
    f("approximate")
    f("uncertain")
    f("margin_seconds")
    zone = get_zone(zone_name)
    if zone is None:
        raise InvalidArgument(f"unknown IANA time zone {zone_name!r}")
    if "at" not in pins:
        if after is None:
            wall = draw(_WALLS)
        else:
            wall = after.start.astimezone(zone).replace(tzinfo=None) + draw(_LATER)
        at = attach_zone(_period_start(wall, precision, pod), zone)
        offset = at.utcoffset()
        if after is None and offset is not None and offset % timedelta(minutes=1):
            # Local mean time, with seconds in its offset, which RFC 3339 cannot
            # write: the same wall time a century later (before 2001 here).
            at = attach_zone(
                _period_start(wall.replace(year=wall.year + 100), precision, pod), zone
            )
        if dateutil_tz.datetime_ambiguous(at) and draw(st.booleans()):
            at = dateutil_tz.enfold(at, fold=1)  # the repeated hour's second pass
        f.values["at"] = at
    try:
        return typing.cast(Time, f.build())
    except ValidationError:
        # A start skipped by a DST change, or a historical offset with seconds:
        # that period has no valid representation; rare, so draw another.
        if "at" in pins:
            raise
        reject()


# ---------------------------------------------------------------- quantities


def counts(**pins: Any) -> Strategy[Count]:
    """:class:`~incidentkit.Count` values with every qualifier; an exact count has no
    range, and ``low <= best <= high``."""
    return _strategy(Count, _make_count, pins)


def _make_count(draw: st.DrawFn, pins: dict[str, Any]) -> Count:
    f = _Fields(draw, Count, pins)
    qualifier = f("qualifier")
    fields = _attributes(Count)
    if qualifier is CountQualifier.EXACT:
        best = f("best", _integers(constraints_of(fields.best)))
        if best is None:  # pinned None: an exact count states best
            reject()
        f("low", st.none() | st.just(best))
        f("high", st.none() | st.just(best))
    else:
        best = f("best")
        if best is None:  # a vague figure: a range, no best
            low = f("low", _integers(constraints_of(fields.low)))
            f("high", st.none() | _integers(constraints_of(fields.high), low=low or 0))
        else:
            f("low", st.none() | _integers(constraints_of(fields.low), high=best))
            f("high", st.none() | _integers(constraints_of(fields.high), low=best))
    return typing.cast(Count, f.build())


def casualties(**pins: Any) -> Strategy[Casualties]:
    """:class:`~incidentkit.Casualties` for an actor or for civilians, with at least
    one figure."""
    return _strategy(Casualties, _make_casualties, pins)


def _make_casualties(draw: st.DrawFn, pins: dict[str, Any]) -> Casualties:
    f = _Fields(draw, Casualties, pins)
    actor = f("actor")
    # No actor: civilians, or (the report does not say whose) neither.
    f("civilians", st.just(False) if actor is not None else st.booleans())
    for name in CASUALTY_FIGURES:
        f(name, lambda: _maybe(draw, lambda: _make_count(draw, {})))
    if all(f.values[name] is None for name in CASUALTY_FIGURES):
        f.force(draw(st.sampled_from(CASUALTY_FIGURES)), lambda: _make_count(draw, {}))
    return typing.cast(Casualties, f.build())


def tallies(**pins: Any) -> Strategy[Tally]:
    """:class:`~incidentkit.Tally` values."""
    return _strategy(Tally, _make_tally, pins)


def _make_tally(draw: st.DrawFn, pins: dict[str, Any]) -> Tally:
    f = _Fields(draw, Tally, pins)
    f("count", lambda: _make_count(draw, {}))
    return typing.cast(Tally, f.build())


# ---------------------------------------------------------------- places


def points(**pins: Any) -> Strategy[Point]:
    """:class:`~incidentkit.Point` values anywhere on the globe, poles included."""
    return _strategy(Point, _simple, pins, Point)


def admin_areas(**pins: Any) -> Strategy[AdminArea]:
    """:class:`~incidentkit.AdminArea` values with real and arbitrary names."""
    return _strategy(AdminArea, _make_admin_area, pins)


_PLACE_NAMES = st.sampled_from(_PLACES)


def _make_admin_area(draw: st.DrawFn, pins: dict[str, Any]) -> AdminArea:
    f = _Fields(draw, AdminArea, pins)
    f("name", _realistic(AdminArea, "name", _PLACE_NAMES))
    return typing.cast(AdminArea, f.build())


def relative_positions(*, max_depth: int = 1, **pins: Any) -> Strategy[RelativePosition]:
    """:class:`~incidentkit.RelativePosition` values with a distance or a bearing;
    anchors nest at most ``max_depth`` relative positions deeper."""
    return _strategy(RelativePosition, _make_relative_position, pins, max_depth)


def _make_relative_position(
    draw: st.DrawFn, pins: dict[str, Any], depth: int = 1
) -> RelativePosition:
    f = _Fields(draw, RelativePosition, pins)
    f("anchor", lambda: _make_location(draw, {}, max(depth, 0)))
    if f("distance") is None and f("bearing") is None:
        f.force("distance", from_field(RelativePosition, "distance", optional=False))
    return typing.cast(RelativePosition, f.build())


def locations(*, max_depth: int = 2, **pins: Any) -> Strategy[Location]:
    """:class:`~incidentkit.Location` values at every precision, each with what its
    precision needs (a point or relative position, or the named area); positions
    relative to other places nest at most ``max_depth`` deep."""
    return _strategy(Location, _make_location, pins, max_depth)


def _make_location(draw: st.DrawFn, pins: dict[str, Any], depth: int = 2) -> Location:
    f = _Fields(draw, Location, pins)
    precision = f("precision")
    f("name", st.none() | _realistic(Location, "name", _PLACE_NAMES))
    needed = AREA_FOR_PRECISION.get(precision)
    f("country", from_field(Location, "country", optional=needed != "country"))
    for name in ("admin1", "admin2", "admin3"):
        area = functools.partial(_make_admin_area, draw, {})
        f(name, area if name == needed else functools.partial(_maybe, draw, area))
    point = f("point", lambda: _maybe(draw, lambda: _simple(draw, {}, Point)))
    nested = functools.partial(_make_relative_position, draw, {}, depth - 1)
    relative = f("relative", functools.partial(_maybe, draw, nested) if depth > 0 else st.none())
    f("also_relative", (lambda: _list(draw, nested, max_size=2)) if depth > 0 else st.just(()))
    if precision in (GeoPrecision.EXACT, GeoPrecision.NEAR) and point is None and relative is None:
        f.force("point", lambda: _simple(draw, {}, Point))
    return typing.cast(Location, f.build())


# ---------------------------------------------------------------- actors

_NAME_SHAPES = st.sampled_from([name for name, _, _ in _NAMES])


def aliases(**pins: Any) -> Strategy[Alias]:
    """:class:`~incidentkit.Alias` values: transliterations and native spellings in
    many scripts with their language and script codes, and arbitrary ones."""
    return _strategy(Alias, _make_alias, pins)


def _make_alias(draw: st.DrawFn, pins: dict[str, Any]) -> Alias:
    f = _Fields(draw, Alias, pins)
    if draw(st.booleans()):
        name, language, script = draw(st.sampled_from(_NAMES))
        f("name", st.just(name))
        f("language", st.none() | st.just(language))
        f("script", st.none() | st.just(script))
        f("kind", st.sampled_from([AliasKind.TRANSLITERATION, AliasKind.NATIVE, AliasKind.ALIAS]))
    return typing.cast(Alias, f.build())


def _make_actor(draw: st.DrawFn, pins: dict[str, Any], cls: type[T]) -> T:
    f = _Fields(draw, cls, pins)
    f("name", _realistic(cls, "name", _NAME_SHAPES))
    few = draw(st.integers(0, 2))
    f("aliases", lambda: tuple(_make_alias(draw, {}) for _ in range(few)))
    if cls is Group:
        f("size", lambda: _maybe(draw, lambda: _make_count(draw, {})))
    return typing.cast(T, f.build())


def people(**pins: Any) -> Strategy[Person]:
    """:class:`~incidentkit.Person` values."""
    return _strategy(Person, _make_actor, pins, Person)


def organizations(**pins: Any) -> Strategy[Organization]:
    """:class:`~incidentkit.Organization` values (``parent`` is any id; inside a
    record, it names an organisation listed before it)."""
    return _strategy(Organization, _make_actor, pins, Organization)


def groups(**pins: Any) -> Strategy[Group]:
    """:class:`~incidentkit.Group` values, with a size now and then."""
    return _strategy(Group, _make_actor, pins, Group)


def actors(**pins: Any) -> Strategy[Person | Organization | Group]:
    """Any :data:`~incidentkit.Actor`: a person, an organisation or a group. Pins
    apply to the fields every actor has."""
    common = {a.name for a in _attributes(Person) if not is_tag(a)}
    unknown = sorted(set(pins) - common)
    if unknown:
        raise InvalidArgument(f"actors() pins fields every actor has; not {unknown[0]!r}")
    return st.one_of(people(**pins), organizations(**pins), groups(**pins))


def posts(**pins: Any) -> Strategy[Post]:
    """:class:`~incidentkit.Post` values, some covering an area."""
    return _strategy(Post, _make_post, pins)


def _make_post(draw: st.DrawFn, pins: dict[str, Any]) -> Post:
    f = _Fields(draw, Post, pins)
    f("area", lambda: _maybe(draw, lambda: _make_location(draw, {}, 1)))
    return typing.cast(Post, f.build())


def memberships(**pins: Any) -> Strategy[Membership]:
    """:class:`~incidentkit.Membership` values whose post is in their organisation
    and whose end is not before their start."""
    return _strategy(Membership, _make_membership, pins)


def _make_membership(draw: st.DrawFn, pins: dict[str, Any]) -> Membership:
    f = _Fields(draw, Membership, pins)
    organization = f("organization")
    f("post", lambda: _maybe(draw, lambda: _make_post(draw, {"organization": organization})))
    start = f("start", lambda: _maybe(draw, lambda: _make_time(draw, {})))
    end = f("end", lambda: _maybe(draw, lambda: _make_time(draw, {}, start)))
    if start is not None and end is not None and end.latest <= start.earliest:
        if {"start", "end"} & set(pins):
            raise ValidationError("the pinned membership ends before it starts", "$.end")
        reject()  # a repeated hour put the end's wall time before the start
    return typing.cast(Membership, f.build())


# ---------------------------------------------------------------- evidence

_URLS = st.builds(
    "{}://{}/{}".format,
    st.sampled_from(["https", "http"]),
    st.sampled_from(_HOSTS),
    st.from_regex(r"[a-z0-9-]{1,24}(/[a-z0-9._-]{1,24}){0,3}", fullmatch=True),
)


def sources(**pins: Any) -> Strategy[Source]:
    """:class:`~incidentkit.Source` values, with plausible and arbitrary URLs."""
    return _strategy(Source, _make_source, pins)


def _make_source(draw: st.DrawFn, pins: dict[str, Any]) -> Source:
    f = _Fields(draw, Source, pins)
    f("url", st.none() | _realistic(Source, "url", _URLS))
    f("published", lambda: _maybe(draw, lambda: _make_time(draw, {})))
    if f("via") is not None and f("via") == f("id"):
        f.force("via", st.none())
    return typing.cast(Source, f.build())


def claims(**pins: Any) -> Strategy[Claim]:
    """:class:`~incidentkit.Claim` values that name a claimant, a source, or both.
    Inside a record, references resolve and targets name parts of the record."""
    return _strategy(Claim, _make_claim, pins)


def _make_claim(draw: st.DrawFn, pins: dict[str, Any]) -> Claim:
    f = _Fields(draw, Claim, pins)
    if f("claimant") is None and f("source") is None:
        which = draw(st.sampled_from(["claimant", "source"]))
        f.force(which, from_field(Claim, which, optional=False))
    f("made", lambda: _maybe(draw, lambda: _make_time(draw, {})))
    # Only a claim inside a record (whose target says which type) states a value.
    if f("value", st.none()) is not None:
        f("stance", st.sampled_from(_VALUE_STANCES))
    return typing.cast(Claim, f.build())


#: Stances of a claim that states a value.
_VALUE_STANCES = (Stance.ASSERTS, Stance.CONFIRMS, Stance.DISPUTES)


def claim_values(**pins: Any) -> Strategy[ClaimValue]:
    """:class:`~incidentkit.ClaimValue` values: one count, time, place or casualties."""
    return _strategy(ClaimValue, _make_claim_value, pins)


def _make_claim_value(
    draw: st.DrawFn, pins: dict[str, Any], kind: str | None = None, actors: Sequence[str] = ()
) -> ClaimValue:
    f = _Fields(draw, ClaimValue, pins)
    given = [name for name in _VALUE_MAKERS if f.pins.get(name) is not None]
    kind = kind or (given[0] if given else draw(st.sampled_from(sorted(_VALUE_MAKERS))))
    some_actor = st.none() | _one_of(actors) if actors else st.none()
    for name, make in _VALUE_MAKERS.items():
        f(name, functools.partial(make, draw, some_actor) if name == kind else st.none())
    return typing.cast(ClaimValue, f.build())


_VALUE_MAKERS: dict[str, Callable[[st.DrawFn, Strategy[str | None]], Any]] = {
    "count": lambda draw, _: _make_count(draw, {}),
    "time": lambda draw, _: _make_time(draw, {}),
    "location": lambda draw, _: _make_location(draw, {}, 1),
    "casualties": lambda draw, actor: _make_casualties(draw, {"actor": actor}),
}


# ---------------------------------------------------------------- incidents


def participants(**pins: Any) -> Strategy[Participant]:
    """:class:`~incidentkit.Participant` values."""
    return _strategy(Participant, _simple, pins, Participant)


def outcomes(**pins: Any) -> Strategy[Outcome]:
    """:class:`~incidentkit.Outcome` values, some with a place."""
    return _strategy(Outcome, _make_outcome, pins)


def _make_outcome(draw: st.DrawFn, pins: dict[str, Any]) -> Outcome:
    f = _Fields(draw, Outcome, pins)
    f("location", lambda: _maybe(draw, lambda: _make_location(draw, {}, 1)))
    f("count", lambda: _maybe(draw, lambda: _make_count(draw, {})))
    return typing.cast(Outcome, f.build())


# ---------------------------------------------------------------- records

#: Most items drawn for each of a record's lists (actors, claims, outcomes, ...).
_MAX_PARTS = 4
_ACTOR_KINDS: tuple[type, ...] = (Person, Organization, Group)


def _list(draw: st.DrawFn, make: Callable[[], T], max_size: int = _MAX_PARTS) -> tuple[T, ...]:
    return tuple(make() for _ in range(draw(st.integers(0, max_size))))


def _make_record_actors(
    draw: st.DrawFn, organizations_needed: int = 0, members_needed: int = 0
) -> tuple[Any, ...]:
    """A record's actors, with unique ids; ``parent`` and ``part_of`` name
    organisations listed earlier, so parents form no cycle."""
    kinds: list[type] = [Organization] * organizations_needed
    kinds += [draw(st.sampled_from([Person, Group])) for _ in range(members_needed)]
    kinds += draw(st.lists(st.sampled_from(_ACTOR_KINDS), max_size=_MAX_PARTS + 1))
    kinds = draw(st.permutations(kinds))
    ids = draw(
        st.lists(
            from_field(Person, "id", optional=False),
            min_size=len(kinds),
            max_size=len(kinds),
            unique=True,
        )
    )
    made: list[Any] = []
    org_ids: list[str] = []
    for actor_id, cls in zip(ids, kinds, strict=True):
        up = st.none() | _one_of(org_ids)
        pins: dict[str, Any] = {"id": actor_id}
        if cls is Organization:
            pins["parent"] = up
            org_ids.append(actor_id)
        elif cls is Group:
            pins["part_of"] = up
        made.append(_make_actor(draw, pins, cls))
    return tuple(made)


def _split(actors: Sequence[Any]) -> tuple[list[str], list[str]]:
    """(organisation ids, person and group ids)."""
    orgs = [a.id for a in actors if isinstance(a, Organization)]
    return orgs, [a.id for a in actors if not isinstance(a, Organization)]


def _make_record_memberships(draw: st.DrawFn, actors: Sequence[Any]) -> tuple[Membership, ...]:
    orgs, members = _split(actors)
    if not orgs or not members:
        return ()

    def one() -> Membership:
        refs = {"member": draw(_one_of(members)), "organization": draw(_one_of(orgs))}
        return _make_membership(draw, refs)

    return _list(draw, one, max_size=3)


def _make_record_sources(draw: st.DrawFn) -> tuple[Source, ...]:
    ids = draw(st.lists(from_field(Source, "id", optional=False), max_size=3, unique=True))
    # via names a source listed earlier: it resolves, and is never the source itself.
    return tuple(
        _make_source(draw, {"id": source_id, "via": st.none() | _one_of(ids[:i])})
        for i, source_id in enumerate(ids)
    )


def _parts(obj: Any, path: str = "$", depth: int = 3) -> Iterator[str]:
    """Paths of the parts of a record that a claim may target."""
    yield path
    if depth == 0:
        return
    if isinstance(obj, tuple):
        for index, item in enumerate(obj):
            yield from _parts(item, join_path(path, index), depth - 1)
    elif attrs.has(type(obj)):
        for attribute in attrs.fields(type(obj)):
            value = getattr(obj, attribute.name)
            if value is not None and value != () and value != {}:
                yield from _parts(value, join_path(path, attribute.name), depth - 1)


def _make_record_claims(draw: st.DrawFn, record: Any) -> tuple[Claim, ...]:
    """Claims whose claimant, source and target resolve within ``record``."""
    actor_ids = [a.id for a in record.actors]
    source_ids = [s.id for s in record.sources]
    if not actor_ids and not source_ids:
        return ()
    meta = constraints_of(_attributes(Claim).target)
    pattern = compile_pattern(meta.pattern or "")
    limit = meta.max_length or 200
    targets = [p for p in _parts(record) if len(p) <= limit and pattern.search(p)]

    def one() -> Claim:
        refs = {
            "claimant": draw(st.none() | _one_of(actor_ids)),
            "source": draw(st.none() | _one_of(source_ids)),
        }
        if refs["claimant"] is None and refs["source"] is None:
            refs["claimant" if actor_ids else "source"] = draw(_one_of(actor_ids or source_ids))
        target = draw(st.none() | _one_of(targets))
        pins: dict[str, Any] = {**refs, "target": target}
        if target is not None:
            pins["about"] = draw(st.sampled_from(claim_subjects(record, target)))
            kind = value_kind(type(part_at(record, target)))
            if kind is not None and draw(st.booleans()):
                pins["value"] = _make_claim_value(draw, {}, kind, actor_ids)
        return _make_claim(draw, pins)

    return _list(draw, one, max_size=3)


def _record_head(f: _Fields, organizations_needed: int = 0, members_needed: int = 0) -> Any:
    """Draw what every record has and other fields refer to; returns the actors."""
    f("id")
    actors = f("actors", lambda: _make_record_actors(f.draw, organizations_needed, members_needed))
    f("memberships", lambda: _make_record_memberships(f.draw, actors))
    f("sources", lambda: _make_record_sources(f.draw))
    return actors


def _record_finish(f: _Fields) -> Any:
    """Draw the remaining fields, then claims, so that claim targets can name parts
    of the record as built."""
    if "claims" in f.pins:
        return f.build()
    record = f.build(claims=())
    found = _make_record_claims(f.draw, record)
    return attrs.evolve(record, claims=found) if found else record


def incidents(*, country: str | None = None, **pins: Any) -> Strategy[Incident]:
    """:class:`~incidentkit.Incident` records of every type, whose actor, source and
    claim references resolve, with participants, outcomes, casualties, tallies and
    claims; ``until`` (when given) is not before ``when``. ``country`` pins the
    country of ``where``."""
    if country is not None and "where" in pins:
        raise InvalidArgument("pin either where or country, not both")
    return _strategy(Incident, _make_incident, pins, country)


def _make_incident(draw: st.DrawFn, pins: dict[str, Any], country: str | None = None) -> Incident:
    f = _Fields(draw, Incident, pins)
    actors = _record_head(f)
    ids = [a.id for a in actors]
    some_actor = st.none() | _one_of(ids)
    f("type")
    when = f("when", lambda: _make_time(draw, {}))
    until = f("until", lambda: _maybe(draw, lambda: _make_time(draw, {}, when)))
    f("where", lambda: _make_location(draw, {} if country is None else {"country": country}))
    f(
        "participants",
        lambda: (
            _list(draw, lambda: _simple(draw, {"actor": draw(_one_of(ids))}, Participant))
            if ids
            else ()
        ),
    )
    f("outcomes", lambda: _list(draw, lambda: _make_outcome(draw, {"actor": some_actor})))
    f("casualties", lambda: _list(draw, lambda: _make_casualties(draw, {"actor": some_actor})))
    f("tallies", lambda: _list(draw, lambda: _make_tally(draw, {"actor": some_actor})))
    if until is not None and until.latest <= when.earliest:
        if {"when", "until"} & set(pins):
            raise ValidationError("the pinned until is before when", "$.until")
        reject()  # a repeated hour put until's wall time before when
    return typing.cast(Incident, _record_finish(f))


def defections(*, country: str | None = None, **pins: Any) -> Strategy[Defection]:
    """:class:`~incidentkit.Defection` records: a person or group leaving one
    organisation of the record for another, with the membership held in the
    organisation left; ``country`` pins the country of ``where``."""
    if country is not None and "where" in pins:
        raise InvalidArgument("pin either where or country, not both")
    return _strategy(Defection, _make_defection, pins, country)


def _make_defection(
    draw: st.DrawFn, pins: dict[str, Any], country: str | None = None
) -> Defection:
    f = _Fields(draw, Defection, pins)
    orgs, members = _split(_record_head(f, organizations_needed=2, members_needed=1))
    if len(orgs) < 2 or not members:
        raise InvalidArgument("a defection's actors need two organisations and a person or group")
    defector = f("defector", st.sampled_from(members))
    left = f("from_organization", st.sampled_from(orgs))
    f("to_organization", st.sampled_from([o for o in orgs if o != left]))
    held = {"member": defector, "organization": left}
    f("membership", lambda: _maybe(draw, lambda: _make_membership(draw, held)))
    f("when", lambda: _make_time(draw, {}))
    place = functools.partial(
        _make_location, draw, {} if country is None else {"country": country}
    )
    f("where", place if country is not None else functools.partial(_maybe, draw, place))
    f("followers", lambda: _maybe(draw, lambda: _make_count(draw, {})))
    return typing.cast(Defection, _record_finish(f))


def bundles(**pins: Any) -> Strategy[Bundle]:
    """:class:`~incidentkit.Bundle` documents: a few incidents and defections with
    unique ids, shared actors and sources that agree with the records listing them,
    and facts spanning two or more of the records."""
    return _strategy(Bundle, _make_bundle, pins)


def _make_bundle(draw: st.DrawFn, pins: dict[str, Any]) -> Bundle:
    f = _Fields(draw, Bundle, pins)
    found: dict[str, list[Any]] = {}
    for name, make in (("incidents", _make_incident), ("defections", _make_defection)):
        items, seen = [], {r.id for rs in found.values() for r in rs}
        for _ in range(draw(st.integers(0, 1 if name == "defections" else 2))):
            item = make(draw, {})
            if item.id not in seen:
                items.append(item)
                seen.add(item.id)
        found[name] = items
    records = f("incidents", st.just(tuple(found["incidents"])))
    records = (*records, *f("defections", st.just(tuple(found["defections"]))))
    # The bundle's own actors and sources: ids no record lists, or a record's own.
    taken = {a.id for r in records for a in r.actors} | {s.id for r in records for s in r.sources}
    # A record's actor is shared only where every record listing its id agrees.
    versions: dict[str, set[Any]] = {}
    for item in records:
        for actor in item.actors:
            versions.setdefault(actor.id, set()).add(actor)
    listed = [next(iter(v)) for v in versions.values() if len(v) == 1][:2]
    own = [a for a in _make_record_actors(draw) if a.id not in taken and _no_refs(a)]
    actors = f("actors", st.just(tuple({a.id: a for a in (*listed, *own)}.values())))
    sources = f(
        "sources",
        st.just(tuple(s for s in _make_record_sources(draw) if s.id not in taken and not s.via)),
    )
    ids = [r.id for r in records]
    actor_ids, source_ids = [a.id for a in actors], [s.id for s in sources]

    def fact() -> CrossRecordFact:
        spans = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=len(ids), unique=True))
        some_actor = st.none() | _one_of(actor_ids)
        return CrossRecordFact(
            records=tuple(spans),
            casualties=(_make_casualties(draw, {"actor": some_actor}),),
            sources=tuple(draw(st.lists(_one_of(source_ids), max_size=2, unique=True)))
            if source_ids
            else (),
        )

    f("facts", lambda: _list(draw, fact, max_size=2) if len(set(ids)) >= 2 else ())
    return typing.cast(Bundle, f.build())


def cross_record_facts(**pins: Any) -> Strategy[CrossRecordFact]:
    """:class:`~incidentkit.CrossRecordFact` values that give casualties, tallies or a
    note; inside a bundle, their record, actor and source ids resolve."""
    return _strategy(CrossRecordFact, _make_fact, pins)


def _make_fact(draw: st.DrawFn, pins: dict[str, Any]) -> CrossRecordFact:
    f = _Fields(draw, CrossRecordFact, pins)
    if not f("casualties") and not f("tallies") and f("note") is None:
        f.force("note", from_field(CrossRecordFact, "note", optional=False))
    return typing.cast(CrossRecordFact, f.build())


def _no_refs(actor: Any) -> bool:
    """Whether an actor refers to no other actor (the bundle lists it alone)."""
    return getattr(actor, "parent", None) is None and getattr(actor, "part_of", None) is None


# ---------------------------------------------------------------- by type

_BY_CLASS: dict[type, Callable[[], Strategy[Any]]] = {
    Alias: aliases,
    Person: people,
    Organization: organizations,
    Group: groups,
    Post: posts,
    Membership: memberships,
    Defection: defections,
    Source: sources,
    Claim: claims,
    ClaimValue: claim_values,
    Incident: incidents,
    Participant: participants,
    Outcome: outcomes,
    Location: locations,
    Point: points,
    AdminArea: admin_areas,
    RelativePosition: relative_positions,
    Count: counts,
    Casualties: casualties,
    Tally: tallies,
    Time: times,
    Bundle: bundles,
    CrossRecordFact: cross_record_facts,
}


def for_type(cls: type[T], **pins: Any) -> Strategy[T]:
    """The strategy for any record class (what ``st.from_type`` resolves to): the
    class's own strategy where its rules need one, else every field drawn from its
    declaration."""
    try:
        make = _BY_CLASS.get(cls)
    except TypeError:  # unhashable: not a class
        make = None
    if make is not None:
        return typing.cast(Strategy[T], make(**pins))
    if not any(r.type is cls for r in registered()) or not isinstance(cls, type):
        raise InvalidArgument(f"{cls!r} is not an incidentkit record class")
    if issubclass(cls, Record):
        return _strategy(cls, _make_any_record, pins, cls)
    return _strategy(cls, _simple, pins, cls)


def _make_any_record(draw: st.DrawFn, pins: dict[str, Any], cls: type[T]) -> T:
    """A top-level record of a class without a strategy of its own: its id fields
    refer to the record's own actors and sources, as the reference rules want (the
    fields are found through their ``refers_to`` declarations)."""
    referring = []
    for info in record_info(cls).fields:
        node = info.node.inner if isinstance(info.node, OptionalNode) else info.node
        item = node.item if isinstance(node, TupleNode) else node
        if isinstance(item, ScalarNode) and item.refers_to is not None:
            referring.append((info, node, item.refers_to))
    required = any(info.required for info, _, _ in referring)
    f = _Fields(draw, cls, pins)
    actors = _record_head(f, members_needed=1 if required else 0)
    for info, node, to in referring:
        items = actors if to.collection == "actors" else f("sources")
        ids = [x.id for x in items if not to.kinds or getattr(x, "type", None) in to.kinds]
        one: Strategy[Any] = _one_of(ids)
        if isinstance(node, TupleNode):
            one = st.lists(one, max_size=node.max_items or 3, unique=node.unique).map(tuple)
        f(info.name, st.none() | one if info.optional else one)
    return typing.cast(T, _record_finish(f))


# Registered here too, for when the entry point is not installed or plugins are off.
_hypothesis_setup_hook()
