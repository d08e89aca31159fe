"""incidentkit: typed, validated records of security incidents.

Incidents, actors, posts and memberships, defections and locations as attrs
classes; a strict codec for dicts, JSON and JSON Lines; one error type that lists
every problem with its JSON path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._record import RecordStatus
from .actors import (
    ACLED_INTER_CODES,
    Actor,
    ActorKind,
    Alias,
    AliasKind,
    Group,
    Membership,
    Organization,
    OrgCategory,
    Person,
    Post,
)
from .codec import (
    JsonLinesReader,
    dumpb,
    dumps,
    from_dict,
    iter_jsonl,
    loads,
    to_dict,
    write_jsonl,
)
from .errors import Problem, ValidationError
from .evidence import (
    STIX_CONFIDENCE,
    Claim,
    ClaimSubject,
    ClaimValue,
    Credibility,
    Reliability,
    Source,
    SourceKind,
    SourceScale,
    Stance,
)
from .incident import (
    INCIDENT_CATEGORIES,
    Incident,
    IncidentCategory,
    IncidentType,
    Outcome,
    OutcomeKind,
    Participant,
    Role,
)
from .location import (
    ACLED_GEO_PRECISION,
    UCDP_WHERE_PREC,
    AdminArea,
    DistanceUnit,
    FeatureKind,
    GeoPrecision,
    Location,
    Point,
    RelativePosition,
)
from .quantity import Casualties, Count, CountQualifier, Tally
from .time import APPROXIMATE_MARGIN, PART_OF_DAY_WINDOWS, PartOfDay, Time, TimePrecision

if TYPE_CHECKING:
    from .bundle import Bundle, CrossRecordFact
    from .countphrases import resolve_count
    from .defection import Defection
    from .schema import json_schema
    from .timephrases import FoundTime, find_times, resolve_time

__version__ = "0.1.0"

__all__ = [
    "ACLED_GEO_PRECISION",
    "ACLED_INTER_CODES",
    "APPROXIMATE_MARGIN",
    "INCIDENT_CATEGORIES",
    "PART_OF_DAY_WINDOWS",
    "STIX_CONFIDENCE",
    "UCDP_WHERE_PREC",
    "Actor",
    "ActorKind",
    "AdminArea",
    "Alias",
    "Bundle",
    "AliasKind",
    "Casualties",
    "Claim",
    "ClaimSubject",
    "ClaimValue",
    "Count",
    "CrossRecordFact",
    "Credibility",
    "CountQualifier",
    "Defection",
    "DistanceUnit",
    "FeatureKind",
    "FoundTime",
    "GeoPrecision",
    "Group",
    "Incident",
    "IncidentCategory",
    "IncidentType",
    "JsonLinesReader",
    "Location",
    "Membership",
    "OrgCategory",
    "Organization",
    "Outcome",
    "OutcomeKind",
    "PartOfDay",
    "Participant",
    "Person",
    "Point",
    "Post",
    "Problem",
    "RecordStatus",
    "Reliability",
    "RelativePosition",
    "Role",
    "Source",
    "SourceKind",
    "SourceScale",
    "Stance",
    "Tally",
    "Time",
    "TimePrecision",
    "ValidationError",
    "__version__",
    "dumpb",
    "dumps",
    "find_times",
    "from_dict",
    "iter_jsonl",
    "json_schema",
    "loads",
    "resolve_count",
    "resolve_time",
    "to_dict",
    "write_jsonl",
]


#: Public names whose modules are imported on first use: the schema generator and
#: the phrase reader import json and dateutil's parser, tz and relativedelta, which
#: together take longer to import than the rest of incidentkit; the defection and
#: bundle records (and the count reader) are not needed to read or write incidents,
#: and building record classes is most of ``import incidentkit``.
_LAZY = {
    "json_schema": "schema",
    "resolve_time": "timephrases",
    "find_times": "timephrases",
    "FoundTime": "timephrases",
    "Defection": "defection",
    "Bundle": "bundle",
    "CrossRecordFact": "bundle",
    "resolve_count": "countphrases",
}
#: The modules of the records left for first use: listing the records (the record
#: registry, the schema files, the CLI's choices) imports them.
_LAZY_RECORDS = ("defection", "bundle")


def _import_records() -> None:
    """Import every module that defines (and so registers) a record class."""
    import importlib

    for module in _LAZY_RECORDS:
        importlib.import_module(f".{module}", __name__)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
