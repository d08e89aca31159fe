"""The mapping tables of the interop modules as Markdown, for the docs.

``docs/acled.md``, ``docs/ucdp.md`` and ``docs/geojson.md`` hold these tables in
their generated sections (see :mod:`incidentkit._docgen`, which checks and rewrites
them: ``python -m incidentkit._docgen docs``).
"""

from __future__ import annotations

from .._docgen import code as _code
from .._docgen import table as _table
from ..actors import ACLED_INTER_CODES
from . import acled, geojson, ucdp
from ._common import KILLED_ALL_SIDES, KILLED_SIDE_UNKNOWN, READ_ROLES, SIDE_OF_ROLE

__all__ = ["TABLES", "acled_tables", "geojson_tables", "ucdp_tables"]


def _sides(first: str, second: str) -> str:
    intro = (
        "Neither data set gives its two sides a direction. The first participant "
        "written to a side is its actor, the rest its associated actors (ACLED); "
        "reading gives every actor of a side the role marked below. Actor ids are "
        "made from the names (`Taliban` becomes `taliban`).\n\n"
    )
    rows = [
        (
            _code(role.value),
            first if side == 1 else second,
            "yes" if READ_ROLES[side] is role else "",
        )
        for role, side in SIDE_OF_ROLE.items()
    ]
    return intro + _table(("participant role", "written to", "what the side reads as"), rows)


def acled_tables() -> str:
    """The ACLED mapping tables."""
    types = [
        (
            acled.EVENT_TYPES[itype.category],
            sub.label,
            _code(itype.value),
            sub.disorder_type,
        )
        for itype, sub in acled.SUB_EVENT_TYPES.items()
    ]
    inter = [
        (
            code,
            acled.INTER_LABELS[kind],
            _code(kind.value),
            "group" if kind in acled.GROUP_KINDS else "organization",
        )
        for kind, code in ACLED_INTER_CODES.items()
    ]
    times = [
        (
            code,
            "0" if days == 0 else f"{days} days",
            "day" if days == 0 else f"day, margin_seconds {days * 86400}",
        )
        for code, days in acled.TIME_PRECISION.items()
    ]
    geo = [(_code(p.value), code, p.description) for p, code in acled.GEO_PRECISION.items()]
    scales = [
        (label, _code(scale.value), _code(kind.value))
        for label, (scale, kind) in acled.SOURCE_SCALES.items()
    ]
    return "\n\n".join(
        [
            "### Event and sub-event types\n\n"
            + _table(
                ("event_type", "sub_event_type", "incidentkit type", "disorder_type written"),
                types,
            ),
            "### Actor types (inter1, inter2)\n\nBoth forms are read; the code is written.\n\n"
            + _table(("code", "text form", "actor kind", "read as"), inter),
            "### Sides (actor1 and assoc_actor_1, actor2 and assoc_actor_2)\n\n"
            + _sides("side 1", "side 2"),
            "### time_precision\n\n"
            + _table(
                ("time_precision", "margin either side of event_date", "incidentkit time"), times
            ),
            "### geo_precision\n\n"
            + _table(("incidentkit precision", "geo_precision", "meaning"), geo),
            "### source_scale\n\n" + _table(("label", "source scale", "source kind"), scales),
            '### Kept as text in `extensions["acled"]`\n\n'
            + ", ".join(_code(c) for c in acled.OWN_COLUMNS)
            + f"; columns beyond the standard export under {_code('extra_columns')}; and "
            f"under {_code('verbatim')}, the original text of columns that ACLED wrote "
            "differently from incidentkit's canonical form.",
        ]
    )


def ucdp_tables() -> str:
    """The UCDP GED mapping tables."""
    violence = [
        (
            code,
            v.label,
            _code(v.type.value),
            _code(v.side_a.value) if v.side_a else "",
            _code(v.side_b.value) if v.side_b else "",
        )
        for code, v in ucdp.TYPE_OF_VIOLENCE.items()
    ]
    dates = [
        (code, _code(p.value), "yes" if hedged else "")
        for code, (p, hedged) in ucdp.DATE_PREC.items()
    ]
    where = [(_code(p.value), code, p.description) for p, code in ucdp.WHERE_PREC.items()]
    where += [
        (_code(p.value), code, "(read only: no incidentkit counterpart)")
        for code, p in ucdp.WHERE_PREC_WITHOUT_COUNTERPART.items()
    ]
    deaths = [
        ("deaths_a, deaths_b", "`casualties`: killed for the side's actor"),
        ("deaths_civilians", "`casualties`: killed, civilians"),
        ("deaths_unknown", f"`tallies`: subject {_code(KILLED_SIDE_UNKNOWN)}"),
        ("best, low, high", f"`tallies`: subject {_code(KILLED_ALL_SIDES)} (a range is `about`)"),
    ]
    return "\n\n".join(
        [
            "### type_of_violence\n\n"
            + _table(
                ("code", "meaning", "incidentkit type", "side_a kind", "side_b kind"), violence
            ),
            "### Sides (side_a, side_b)\n\n" + _sides("side_a", "side_b"),
            "### date_prec\n\n"
            + _table(("date_prec", "precision of date_start", "hedged"), dates),
            "### where_prec\n\n"
            + _table(("incidentkit precision", "where_prec", "meaning"), where),
            "### Deaths\n\n" + _table(("columns", "incidentkit"), deaths),
            '### Kept as text in `extensions["ucdp"]`\n\n'
            + ", ".join(_code(c) for c in ucdp.OWN_COLUMNS)
            + f"; columns beyond the standard set under {_code('extra_columns')}; and "
            f"under {_code('verbatim')}, the original text of columns that GED wrote "
            "differently from incidentkit's canonical form.",
        ]
    )


def geojson_tables() -> str:
    """The properties of each GeoJSON Feature."""
    rows = [(_code(name), text) for name, text in geojson.PROPERTIES.items()]
    return "### Feature properties\n\n" + _table(("property", "meaning"), rows)


#: Which docs page holds which tables.
TABLES = {"acled.md": acled_tables, "ucdp.md": ucdp_tables, "geojson.md": geojson_tables}
