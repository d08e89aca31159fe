"""Interoperability: ACLED and UCDP GED rows in and out, GeoJSON for maps.

``incidentkit.interop.acled`` and ``incidentkit.interop.ucdp`` convert rows of those
data sets to :class:`~incidentkit.Incident` records and back (``from_acled``,
``to_acled``, ``read_acled_csv``, ``write_acled_csv`` and their UCDP twins);
``incidentkit.interop.geojson`` writes incidents as an RFC 7946 FeatureCollection.
Nothing here is imported by ``import incidentkit``: import the module you need.

Every CSV written is UTF-8 with formula-like cells neutralised and reported (see
the docs; ``formula_guard=False`` turns that off); a record that holds more than a
format can is reported as ``lossy=`` asks rather than flattened silently, and rows
read that break a rule of hand coding come with an :class:`ImportedValueWarning`.
"""

from __future__ import annotations

from ._common import (
    KILLED_ALL_SIDES,
    KILLED_SIDE_UNKNOWN,
    ImportedValueWarning,
    ImportReader,
    JsonImport,
    LossWarning,
    Lossy,
)

__all__ = [
    "KILLED_ALL_SIDES",
    "KILLED_SIDE_UNKNOWN",
    "ImportReader",
    "ImportedValueWarning",
    "JsonImport",
    "LossWarning",
    "Lossy",
]
