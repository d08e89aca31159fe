from ._record import RecordStatus as RecordStatus
from .actors import ACLED_INTER_CODES as ACLED_INTER_CODES, Actor as Actor, ActorKind as ActorKind, Alias as Alias, AliasKind as AliasKind, Group as Group, Membership as Membership, OrgCategory as OrgCategory, Organization as Organization, Person as Person, Post as Post
from .codec import JsonLinesReader as JsonLinesReader, dumps as dumps, from_dict as from_dict, iter_jsonl as iter_jsonl, loads as loads, to_dict as to_dict, write_jsonl as write_jsonl
from .defection import Defection as Defection
from .errors import Problem as Problem, ValidationError as ValidationError
from .evidence import Claim as Claim, ClaimSubject as ClaimSubject, Source as Source, SourceKind as SourceKind, SourceScale as SourceScale, Stance as Stance
from .incident import INCIDENT_CATEGORIES as INCIDENT_CATEGORIES, Incident as Incident, IncidentCategory as IncidentCategory, IncidentType as IncidentType, Outcome as Outcome, OutcomeKind as OutcomeKind, Participant as Participant, Role as Role
from .location import ACLED_GEO_PRECISION as ACLED_GEO_PRECISION, AdminArea as AdminArea, DistanceUnit as DistanceUnit, FeatureKind as FeatureKind, GeoPrecision as GeoPrecision, Location as Location, Point as Point, RelativePosition as RelativePosition, UCDP_WHERE_PREC as UCDP_WHERE_PREC
from .quantity import Casualties as Casualties, Count as Count, CountQualifier as CountQualifier, Tally as Tally
from .schema import json_schema as json_schema
from .time import APPROXIMATE_MARGIN as APPROXIMATE_MARGIN, PART_OF_DAY_WINDOWS as PART_OF_DAY_WINDOWS, PartOfDay as PartOfDay, Time as Time, TimePrecision as TimePrecision
from .timephrases import FoundTime as FoundTime, find_times as find_times, resolve_time as resolve_time

__all__ = ['ACLED_GEO_PRECISION', 'ACLED_INTER_CODES', 'APPROXIMATE_MARGIN', 'INCIDENT_CATEGORIES', 'PART_OF_DAY_WINDOWS', 'UCDP_WHERE_PREC', 'Actor', 'ActorKind', 'AdminArea', 'Alias', 'AliasKind', 'Casualties', 'Claim', 'ClaimSubject', 'Count', 'CountQualifier', 'Defection', 'DistanceUnit', 'FeatureKind', 'FoundTime', 'GeoPrecision', 'Group', 'Incident', 'IncidentCategory', 'IncidentType', 'JsonLinesReader', 'Location', 'Membership', 'OrgCategory', 'Organization', 'Outcome', 'OutcomeKind', 'PartOfDay', 'Participant', 'Person', 'Point', 'Post', 'Problem', 'RecordStatus', 'RelativePosition', 'Role', 'Source', 'SourceKind', 'SourceScale', 'Stance', 'Tally', 'Time', 'TimePrecision', 'ValidationError', '__version__', 'dumps', 'find_times', 'from_dict', 'iter_jsonl', 'json_schema', 'loads', 'resolve_time', 'to_dict', 'write_jsonl']

__version__: str
