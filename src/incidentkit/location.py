"""Where something happened: country and administrative areas, coordinates with a
precision, named places, and positions relative to another place ("4 km from")."""

from __future__ import annotations

from collections.abc import Iterator

from ._countries import COUNTRY_CODES
from ._fields import DocEnum, Items, Model, OneOf, field, id_field, record, rule
from .errors import Problem

__all__ = [
    "AREA_FOR_PRECISION",
    "ACLED_GEO_PRECISION",
    "AdminArea",
    "DistanceUnit",
    "FeatureKind",
    "GeoPrecision",
    "Location",
    "Point",
    "RelativePosition",
    "UCDP_WHERE_PREC",
]


class FeatureKind(DocEnum):
    """What kind of place a location names."""

    COUNTRY = "country", "A whole country."
    PROVINCE = "province", "A first-level administrative area (province, state)."
    DISTRICT = "district", "A second-level administrative area (district)."
    SUBDISTRICT = "subdistrict", "A third-level administrative area."
    PROVINCIAL_CAPITAL = "provincial_capital", "The seat of a province."
    DISTRICT_CENTRE = "district_centre", "The seat of a district's administration."
    CITY = "city", "A city."
    TOWN = "town", "A town."
    VILLAGE = "village", "A village or hamlet."
    NEIGHBOURHOOD = "neighbourhood", "A part of a town or city."
    BASE = "base", "A military or police base."
    CHECKPOINT = "checkpoint", "A checkpoint or outpost on a road."
    OUTPOST = "outpost", "A small fortified position."
    BUILDING = "building", "A single building or compound (an office, a headquarters)."
    ROAD = "road", "A road or highway, or a point on one."
    BORDER_CROSSING = "border_crossing", "A border crossing."
    AIRPORT = "airport", "An airport or airfield."
    AREA = "area", "Another area (valley, region, front line)."
    OTHER = "other", "None of the above."


class GeoPrecision(DocEnum):
    """How precisely the location is known (mapped to ACLED and UCDP codes below)."""

    EXACT = "exact", "The point is the exact place."
    NEAR = "near", "Near the point: within about 25 km of it."
    ADMIN3 = "admin3", "Only the third-level administrative area is known."
    ADMIN2 = "admin2", "Only the district (second-level area) is known."
    ADMIN1 = "admin1", "Only the province (first-level area) is known."
    COUNTRY = "country", "Only the country is known."


#: The field that must be named when a location has one of these precisions (the
#: rule "precision ... needs that area to be named"; the strategies read it too).
AREA_FOR_PRECISION: dict[GeoPrecision, str] = {
    GeoPrecision.ADMIN1: "admin1",
    GeoPrecision.ADMIN2: "admin2",
    GeoPrecision.ADMIN3: "admin3",
    GeoPrecision.COUNTRY: "country",
}

#: Our precision to ACLED's ``geo_precision`` (ACLED codebook: 1 the exact town;
#: 2 "a small part of a region, or near a town", so a point near a town and any
#: area up to a district; 3 "a larger region", the provincial capital standing
#: for it, so a province or the country).
ACLED_GEO_PRECISION: dict[GeoPrecision, int] = {
    GeoPrecision.EXACT: 1,
    GeoPrecision.NEAR: 2,
    GeoPrecision.ADMIN3: 2,
    GeoPrecision.ADMIN2: 2,
    GeoPrecision.ADMIN1: 3,
    GeoPrecision.COUNTRY: 3,
}

#: Our precision to UCDP GED's ``where_prec`` (1 exact, 2 within 25 km, 3 second-order
#: area, 4 first-order area, 6 country; 5, a linear feature or an area over 25 km, and
#: 7, international waters or airspace, have no counterpart: they read back as
#: ``admin1`` or ``country``).
UCDP_WHERE_PREC: dict[GeoPrecision, int] = {
    GeoPrecision.EXACT: 1,
    GeoPrecision.NEAR: 2,
    GeoPrecision.ADMIN3: 3,
    GeoPrecision.ADMIN2: 3,
    GeoPrecision.ADMIN1: 4,
    GeoPrecision.COUNTRY: 6,
}


class DistanceUnit(DocEnum):
    """Unit of a reported distance."""

    M = "m", "Metres."
    KM = "km", "Kilometres."
    MI = "mi", "Statute miles."


_METRES = {DistanceUnit.M: 1.0, DistanceUnit.KM: 1000.0, DistanceUnit.MI: 1609.344}


@record
class Point(Model):
    """A WGS84 position in decimal degrees."""

    lat: float = field(ge=-90, le=90, description="Latitude, WGS84 decimal degrees.")
    lon: float = field(ge=-180, le=180, description="Longitude, WGS84 decimal degrees.")


@record
class AdminArea(Model):
    """An administrative area by name, with its code where known."""

    name: str = field(min_length=1, max_length=200, description="Name of the area.")
    code: str | None = field(
        default=None,
        min_length=1,
        max_length=32,
        description="A code for the area (e.g. a P-code or ISO 3166-2 code).",
        examples=("AF-FYB",),
    )


@record
class RelativePosition(Model):
    """A position given relative to another place ("4 km away from the centre")."""

    anchor: Location = field(description="The place the position is relative to.")
    distance: float | None = field(
        default=None, ge=0, le=20_040_000, description="Distance from the anchor."
    )
    unit: OneOf[DistanceUnit] = field(default=DistanceUnit.KM, description="Unit of distance.")
    bearing: float | None = field(
        default=None,
        ge=0,
        lt=360,
        description="Direction from the anchor, degrees clockwise from true north.",
    )
    approximate: bool = field(
        default=False, description="The distance or bearing was hedged ('about')."
    )

    @property
    def metres(self) -> float | None:
        """The distance in metres, if given."""
        return None if self.distance is None else self.distance * _METRES[self.unit]

    @rule(
        "a relative position gives a distance or a bearing",
        holds="self.distance is not None or self.bearing is not None",
    )
    def _something(self) -> Iterator[Problem]:
        if self.distance is None and self.bearing is None:
            yield Problem("$", "give a distance or a bearing")


@record(schema="location", rank=1)
class Location(Model):
    """A place: its country and administrative areas, an optional point with a
    precision, a name and kind of feature, and optionally its position relative to
    another place."""

    id: str | None = id_field(default=None, description="Identifier of the place.")
    name: str | None = field(
        default=None,
        min_length=1,
        max_length=200,
        description="Name of the place as reported.",
        examples=("Almar district centre",),
    )
    feature: OneOf[FeatureKind | None] = field(default=None, description="What kind of place.")
    country: str | None = field(
        default=None,
        choices=COUNTRY_CODES,
        description="ISO 3166-1 alpha-2 country code (XK for Kosovo).",
        examples=("AF",),
    )
    admin1: AdminArea | None = field(default=None, description="Province or state.")
    admin2: AdminArea | None = field(default=None, description="District.")
    admin3: AdminArea | None = field(default=None, description="Sub-district.")
    point: Point | None = field(default=None, description="Coordinates, if known.")
    precision: OneOf[GeoPrecision] = field(description="How precisely the place is known.")
    relative: RelativePosition | None = field(
        default=None, description="Position relative to another place, as reported."
    )
    also_relative: Items[RelativePosition] = field(
        factory=tuple,
        max_items=8,
        description=(
            "Further positions relative to other places, when the report gives more "
            "than one ('north of Dujail, 50 km north of Baghdad')."
        ),
    )
    gazetteer: str | None = field(
        default=None,
        pattern=r"^[a-z][a-z0-9_-]*:[A-Za-z0-9._~-]+$",
        max_length=200,
        description=(
            "The place's entry in a gazetteer, as 'gazetteer:id' (a GeoNames id: "
            "'geonames:1147290'); lets a named place be found without coordinates."
        ),
        examples=("geonames:1147290",),
    )

    @rule(
        "precision exact needs a point, a relative position or a name (a named place "
        "whose coordinates are not given); near needs a point or a relative position",
        holds="(self.precision is not GeoPrecision.EXACT"
        " and self.precision is not GeoPrecision.NEAR)"
        " or self.point is not None or self.relative is not None or bool(self.also_relative)"
        " or (self.precision is GeoPrecision.EXACT and self.name is not None)",
    )
    def _has_position(self) -> Iterator[Problem]:
        if self.precision not in (GeoPrecision.EXACT, GeoPrecision.NEAR):
            return
        if self.point is not None or self.relative is not None or self.also_relative:
            return
        if self.precision is GeoPrecision.EXACT and self.name is not None:
            return
        needs = "a point, a relative position or a name"
        if self.precision is GeoPrecision.NEAR:
            needs = "a point or a relative position"
        yield Problem("$.precision", f"{self.precision.value!r} needs {needs}")

    @rule(
        f"precision {'/'.join(p.value for p in AREA_FOR_PRECISION)} needs that area to be named",
        holds="(name := AREA_FOR_PRECISION.get(self.precision)) is None"
        " or getattr(self, name) is not None",
    )
    def _has_area(self) -> Iterator[Problem]:
        name = AREA_FOR_PRECISION.get(self.precision)
        if name is not None and getattr(self, name) is None:
            yield Problem("$.precision", f"{self.precision.value!r} needs {name}")
