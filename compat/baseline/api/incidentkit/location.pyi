from ._countries import COUNTRY_CODES
from ._fields import DocEnum, Model, field, record

__all__ = ['AREA_FOR_PRECISION', 'ACLED_GEO_PRECISION', 'AdminArea', 'DistanceUnit', 'FeatureKind', 'GeoPrecision', 'Location', 'Point', 'RelativePosition', 'UCDP_WHERE_PREC']

class FeatureKind(DocEnum):
    COUNTRY = ('country', 'A whole country.')
    PROVINCE = ('province', 'A first-level administrative area (province, state).')
    DISTRICT = ('district', 'A second-level administrative area (district).')
    SUBDISTRICT = ('subdistrict', 'A third-level administrative area.')
    PROVINCIAL_CAPITAL = ('provincial_capital', 'The seat of a province.')
    DISTRICT_CENTRE = ('district_centre', "The seat of a district's administration.")
    CITY = ('city', 'A city.')
    TOWN = ('town', 'A town.')
    VILLAGE = ('village', 'A village or hamlet.')
    NEIGHBOURHOOD = ('neighbourhood', 'A part of a town or city.')
    BASE = ('base', 'A military or police base.')
    CHECKPOINT = ('checkpoint', 'A checkpoint or outpost on a road.')
    OUTPOST = ('outpost', 'A small fortified position.')
    BUILDING = ('building', 'A single building or compound (an office, a headquarters).')
    ROAD = ('road', 'A road or highway, or a point on one.')
    BORDER_CROSSING = ('border_crossing', 'A border crossing.')
    AIRPORT = ('airport', 'An airport or airfield.')
    AREA = ('area', 'Another area (valley, region, front line).')
    OTHER = ('other', 'None of the above.')

class GeoPrecision(DocEnum):
    EXACT = ('exact', 'The point is the exact place.')
    NEAR = ('near', 'Near the point: within about 25 km of it.')
    ADMIN3 = ('admin3', 'Only the third-level administrative area is known.')
    ADMIN2 = ('admin2', 'Only the district (second-level area) is known.')
    ADMIN1 = ('admin1', 'Only the province (first-level area) is known.')
    COUNTRY = ('country', 'Only the country is known.')

AREA_FOR_PRECISION: dict[GeoPrecision, str]
ACLED_GEO_PRECISION: dict[GeoPrecision, int]
UCDP_WHERE_PREC: dict[GeoPrecision, int]

class DistanceUnit(DocEnum):
    M = ('m', 'Metres.')
    KM = ('km', 'Kilometres.')
    MI = ('mi', 'Statute miles.')

@record
class Point(Model):
    lat: float = field(ge=-90, le=90, description='Latitude, WGS84 decimal degrees.')
    lon: float = field(ge=-180, le=180, description='Longitude, WGS84 decimal degrees.')

@record
class AdminArea(Model):
    name: str = field(min_length=1, max_length=200, description='Name of the area.')
    code: str | None = field(default=None, min_length=1, max_length=32, description='A code for the area (e.g. a P-code or ISO 3166-2 code).', examples=('AF-FYB',))

@record
class RelativePosition(Model):
    anchor: Location = field(description='The place the position is relative to.')
    distance: float | None = field(default=None, ge=0, le=20040000, description='Distance from the anchor.')
    unit: DistanceUnit = field(default=DistanceUnit.KM, description='Unit of distance.')
    bearing: float | None = field(default=None, ge=0, lt=360, description='Direction from the anchor, degrees clockwise from true north.')
    approximate: bool = field(default=False, description="The distance or bearing was hedged ('about').")
    @property
    def metres(self) -> float | None: ...

@record(schema='location', rank=1)
class Location(Model):
    id: str | None = ...
    name: str | None = field(default=None, min_length=1, max_length=200, description='Name of the place as reported.', examples=('Almar district centre',))
    feature: FeatureKind | None = field(default=None, description='What kind of place.')
    country: str | None = field(default=None, choices=COUNTRY_CODES, description='ISO 3166-1 alpha-2 country code (XK for Kosovo).', examples=('AF',))
    admin1: AdminArea | None = field(default=None, description='Province or state.')
    admin2: AdminArea | None = field(default=None, description='District.')
    admin3: AdminArea | None = field(default=None, description='Sub-district.')
    point: Point | None = field(default=None, description='Coordinates, if known.')
    precision: GeoPrecision = field(description='How precisely the place is known.')
    relative: RelativePosition | None = field(default=None, description='Position relative to another place, as reported.')
