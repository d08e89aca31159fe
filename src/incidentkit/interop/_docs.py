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


#: The ACLED codebook's words for each time_precision code (quoted in the docs).
ACLED_TIME_WORDS = {
    1: "the day of the event is known",
    2: "only the week is known (the middle day of the week is coded, or its first or "
    "last day when the report notes the beginning or the end)",
    3: "only the month is known (the middle of the month is coded, or its first or "
    "last day when the report notes the beginning or the end)",
}
#: The ACLED codebook's words for each geo_precision code.
ACLED_GEO_WORDS = {
    1: "the exact location (town) is known",
    2: "a small part of a region, or near a town",
    3: "a larger region, the provincial capital standing for it",
}


def _vintages(vintages: dict[str, tuple[str, ...]]) -> str:
    rows = [(_code(name), len(columns), ", ".join(columns)) for name, columns in vintages.items()]
    return _table(("layout", "columns", "header, in order"), rows)


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
    inter.append((0, "(no actor; exports before 2024)", "", "no actor"))
    sides = [
        ("Violence against civilians", "actor1", _code(acled.VAC_ROLES[1][0].value)),
        ("Violence against civilians", "assoc_actor_1", _code(acled.VAC_ROLES[1][1].value)),
        ("Violence against civilians", "actor2", _code(acled.VAC_ROLES[2][0].value)),
        ("Violence against civilians", "assoc_actor_2", _code(acled.VAC_ROLES[2][1].value)),
        (
            "every other event type",
            "actor1, actor2",
            f"{_code('party')}; {_code('target')} when civilian_targeting is set and the "
            "actor is " + " or ".join(sorted(_code(k.value) for k in acled.TARGETED_KINDS)),
        ),
        ("every other event type", "assoc_actor_1, assoc_actor_2", _code("supporter")),
    ]
    times = [
        (
            code,
            f'"{ACLED_TIME_WORDS[code]}"',
            f"day, margin_seconds {days * 86400}" if days else "day",
        )
        for code, days in acled.TIME_PRECISION.items()
    ]
    times.append(
        (
            acled.MONTH_CODE,
            f'"{ACLED_TIME_WORDS[acled.MONTH_CODE]}"',
            f"the calendar month (month precision); written as its {acled.MONTH_DAY}th",
        )
    )
    geo = [
        (
            code,
            f'"{ACLED_GEO_WORDS[code]}"',
            ", ".join(_code(p.value) for p in reads),
            ", ".join(_code(p.value) for p, c in acled.GEO_PRECISION.items() if c == code),
        )
        for code, reads in acled.GEO_PRECISION_READ.items()
    ]
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
            "### Sides and roles (actor1, assoc_actor_1, actor2, assoc_actor_2)\n\n"
            'The codebook: "the order of actors has no meaning", except in violence against '
            "civilians, where actor1 is the perpetrator and actor2 the civilians targeted. "
            "Actor ids are made from the names (`Taliban` becomes `taliban`).\n\n"
            + _table(("event type", "column", "role read"), sides)
            + "\n\nWriting puts a `perpetrator` of violence against civilians on side 1 and a "
            "`target` on side 2; every other participant goes, in order, to side 1 until it "
            "has a main actor, then to side 2, and a `supporter` joins the side of the "
            "participant before it. `mediator` and `other` have no side (a loss).",
            "### civilian_targeting\n\n"
            'The codebook: set when "civilians were the main or only target" of the event. '
            "It is read, not derived: with it, main actors of kind "
            + " or ".join(sorted(_code(k.value) for k in acled.TARGETED_KINDS))
            + " read as `target`; `Civilian targeting` is written when a participant of those "
            "kinds has the role `target`.",
            "### time_precision\n\n"
            + _table(("time_precision", "codebook", "incidentkit time"), times),
            "### geo_precision\n\n"
            + _table(
                (
                    "geo_precision",
                    "codebook",
                    "reads as (the first the row names)",
                    "written from",
                ),
                geo,
            ),
            "### source_scale\n\n" + _table(("label", "source scale", "source kind"), scales),
            "### Column layouts (vintages)\n\nDetected from the header; a file is written "
            "back with the layout it was read with. Any other header is read too (missing "
            "columns as empty) and kept as it is.\n\n" + _vintages(acled.VINTAGES),
            '### Kept as text in `extensions["acled"]`\n\n'
            + ", ".join(_code(c) for c in acled.OWN_COLUMNS)
            + f"; columns beyond the standard export under {_code('extra_columns')}; the "
            f"file's layout under {_code('layout')} (or its header under {_code('columns')}); "
            f"and under {_code('verbatim')}, the original text of columns that ACLED wrote "
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
        (code, f'"{ucdp.DATE_PREC_MEANING[code]}"', most) for code, most in ucdp.DATE_PREC.items()
    ]
    where = [
        (
            code,
            f'"{meaning}"',
            ", ".join(
                [_code(p.value) for p, c in ucdp.WHERE_PREC.items() if c == code]
                + [_code(p.value) for p in ucdp.WHERE_PREC_WITHOUT_COUNTERPART.get(code, ())]
            ),
        )
        for code, meaning in ucdp.WHERE_PREC_MEANING.items()
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
            "### date_prec, date_start, date_end\n\n"
            'The codebook: date_start is "the earliest possible date" and date_end "the latest '
            'possible date". The time read is the calendar month or year when the two dates '
            "are exactly one, else the days from one to the other (`span`), never widened; "
            "`date_prec` is written as the first code whose longest span holds the time's "
            "days, and a code GED wrote differently is kept verbatim. Dates are read as "
            "`YYYY-MM-DD` or as date-times at midnight (`2017-07-31 00:00:00.000`).\n\n"
            + _table(("date_prec", "codebook", "longest span written (days)"), dates),
            "### where_prec\n\n"
            + _table(("where_prec", "codebook", "reads as (the first the row names)"), where),
            "### Deaths\n\n" + _table(("columns", "incidentkit"), deaths),
            "### Sources\n\nsource_office, source_date and source_headline list one item per "
            f"source, separated by {_code(ucdp.SOURCE_SEPARATOR)} without a space, as GED writes "
            "them.",
            "### Column layouts (vintages)\n\nDetected from the header; a file is written "
            "back with the layout it was read with. Any other header (GED 19.1 to 22.1, "
            "later versions) is read too, missing columns as empty, and kept as it is.\n\n"
            + _vintages(ucdp.VINTAGES),
            '### Kept as text in `extensions["ucdp"]`\n\n'
            + ", ".join(_code(c) for c in ucdp.OWN_COLUMNS)
            + f"; columns beyond the standard set under {_code('extra_columns')} (the four "
            f"`*_dset_id` ids of GED 23.1 among them); the file's layout under "
            f"{_code('layout')} (or its header under {_code('columns')}); and under "
            f"{_code('verbatim')}, the original text of columns that GED wrote differently "
            "from incidentkit's canonical form.",
        ]
    )


def geojson_tables() -> str:
    """The properties of each GeoJSON Feature."""
    rows = [(_code(name), text) for name, text in geojson.PROPERTIES.items()]
    return "### Feature properties\n\n" + _table(("property", "meaning"), rows)


#: Which docs page holds which tables.
TABLES = {"acled.md": acled_tables, "ucdp.md": ucdp_tables, "geojson.md": geojson_tables}
