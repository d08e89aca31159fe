"""ACLED rows in and out (incidentkit.interop.acled)."""

from __future__ import annotations

import csv
import io
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _paths import DATA
from incidentkit import (
    ActorKind,
    AdminArea,
    Casualties,
    Count,
    CountQualifier,
    GeoPrecision,
    Group,
    Incident,
    IncidentCategory,
    IncidentType,
    Location,
    Organization,
    Participant,
    Point,
    Problem,
    Role,
    Source,
    SourceKind,
    Tally,
    Time,
    ValidationError,
    examples,
)
from incidentkit.interop import KILLED_ALL_SIDES, LossWarning
from incidentkit.interop._common import Ids, day_time, killed_tally
from incidentkit.interop._countries import NUMERIC
from incidentkit.interop.acled import (
    COLUMNS,
    EVENT_TYPES,
    GROUP_KINDS,
    SOURCE_SCALES,
    SUB_EVENT_TYPES,
    TIME_PRECISION,
    from_acled,
    read_acled_csv,
    to_acled,
    write_acled_csv,
)

FIXTURE = DATA / "acled.csv"


def fixture_rows() -> list[dict[str, str]]:
    with open(FIXTURE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = fixture_rows()


def test_the_fixture_covers_every_type_and_precision_code() -> None:
    assert {row["sub_event_type"] for row in ROWS} >= {s.label for s in SUB_EVENT_TYPES.values()}
    assert {row["event_type"] for row in ROWS} == set(EVENT_TYPES.values())
    assert {row["time_precision"] for row in ROWS} == {"1", "2", "3"}
    assert {row["geo_precision"] for row in ROWS} == {"1", "2", "3"}
    assert any(";" in row["assoc_actor_1"] for row in ROWS)
    assert any(";" in row["assoc_actor_2"] for row in ROWS)
    assert any(row["inter1"] == "State forces" for row in ROWS)  # text inter codes
    assert any(row["actor1"] == row["actor2"] for row in ROWS)  # one actor on both sides


@pytest.mark.parametrize("row", ROWS, ids=[row["event_id_cnty"] for row in ROWS])
def test_acled_to_incidentkit_to_acled_reproduces_every_column(row: dict[str, str]) -> None:
    incident = from_acled(row)
    assert to_acled(incident, lossy="raise") == row


def test_reading_maps_the_columns_onto_the_model() -> None:
    incident = from_acled(ROWS[0])
    assert incident.id == "AFG1001"
    assert incident.type is IncidentType.NON_STATE_ACTOR_OVERTAKES_TERRITORY
    assert incident.when == day_time(date(2021, 3, 11), "UTC")
    assert incident.where.country == "AF"
    assert incident.where.point == Point(lat=35.8463, lon=64.5322)
    assert incident.where.precision is GeoPrecision.EXACT
    names = {a.id: a for a in incident.actors}
    sides = [(names[p.actor].name, p.role) for p in incident.participants]
    assert sides == [
        ("Taliban", Role.PERPETRATOR),
        ("Military Forces of Afghanistan (2004-2021)", Role.TARGET),
        ("Police Forces of Afghanistan (2004-2021)", Role.TARGET),
        ("Militia (Pro-Government)", Role.TARGET),
    ]
    assert names["taliban"].kind is ActorKind.REBEL_GROUP
    assert [s.publisher for s in incident.sources] == ["Tolo News", "Pajhwok Afghan News"]
    assert incident.extensions["acled"] == {
        "region": "Caucasus and Central Asia",
        "timestamp": "1618247165",
    }


def test_time_precision_becomes_a_margin_and_fatalities_a_count() -> None:
    by_id = {row["event_id_cnty"]: from_acled(row) for row in ROWS}
    week, month = by_id["AFG1002"].when, by_id["SYR1003"].when
    assert week.margin_seconds == TIME_PRECISION[2] * 86400
    assert month.margin_seconds == TIME_PRECISION[3] * 86400
    assert by_id["AFG1002"].tallies == (killed_tally(KILLED_ALL_SIDES, 12),)
    assert by_id["AFG1001"].tallies == ()


def test_geo_precision_3_reads_as_the_finest_area_named() -> None:
    by_id = {row["event_id_cnty"]: from_acled(row) for row in ROWS}
    assert by_id["COL1012"].where.precision is GeoPrecision.ADMIN2
    assert by_id["MMR1022"].where.precision is GeoPrecision.ADMIN1
    assert by_id["NGA1026"].where.precision is GeoPrecision.COUNTRY


def test_civilians_protesters_and_rioters_read_as_groups() -> None:
    for row in ROWS:
        incident = from_acled(row)
        for actor in incident.actors:
            expected = Group if actor.kind in GROUP_KINDS else Organization
            assert type(actor) is expected


def test_text_inter_codes_and_other_date_forms_are_read_and_kept() -> None:
    row = next(r for r in ROWS if r["inter1"] == "State forces")
    incident = from_acled(row)
    assert incident.actors[0].kind is ActorKind.STATE_FORCES
    assert incident.extensions["acled"]["verbatim"]["inter1"] == ["1", "State forces"]
    dated = next(r for r in ROWS if r["event_date"] == "12 January 2020")
    assert from_acled(dated).when.at.date() == date(2020, 1, 12)


def test_an_edited_record_writes_its_new_value_not_the_stale_original() -> None:
    row = next(r for r in ROWS if r["inter1"] == "State forces")
    incident = from_acled(row)
    assert to_acled(incident)["inter1"] == "State forces"
    kind = ActorKind.EXTERNAL_OTHER
    actors = (Organization(id=incident.actors[0].id, name=incident.actors[0].name, kind=kind),)
    edited = attrs.evolve(incident, actors=actors + incident.actors[1:])
    assert to_acled(edited, lossy="ignore")["inter1"] == "8"


def test_a_zone_can_be_chosen_for_the_dates() -> None:
    incident = from_acled(ROWS[0], tz="Asia/Kabul")
    assert incident.when.tz == "Asia/Kabul"
    assert incident.when.at.isoformat() == "2021-03-11T00:00:00+04:30"
    assert to_acled(incident, lossy="raise") == ROWS[0]
    with pytest.raises(ValueError, match="time zone"):
        from_acled(ROWS[0], tz="Mars/Olympus")


def test_columns_beyond_the_standard_export_are_kept() -> None:
    row = {**ROWS[0], "iso3": "AFG", "event_id_no_cnty": "1001"}
    incident = from_acled(row)
    assert incident.extensions["acled"]["extra_columns"] == {
        "iso3": "AFG",
        "event_id_no_cnty": "1001",
    }
    assert to_acled(incident) == row


def test_missing_columns_read_as_empty() -> None:
    row = {k: v for k, v in ROWS[0].items() if k not in ("disorder_type", "tags", "timestamp")}
    written = to_acled(from_acled(row))
    assert written == {**row, "disorder_type": "", "tags": "", "timestamp": ""}


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"latitude": "north"}, "latitude", "not a decimal number"),
        ({"latitude": "91"}, "latitude", "outside -90 to 90"),
        ({"event_date": "2021-02-30"}, "event_date", "not a date"),
        ({"time_precision": "4"}, "time_precision", "not one of"),
        ({"event_type": "Riots"}, "event_type", "not the event type"),
        ({"sub_event_type": "Picnic"}, "sub_event_type", "not an ACLED sub-event type"),
        ({"inter1": "9"}, "inter1", "not an ACLED actor type"),
        ({"fatalities": "-1"}, "fatalities", "out of range"),
        ({"fatalities": "1.5"}, "fatalities", "not an integer"),
        ({"geo_precision": "7"}, "geo_precision", "not one of"),
        ({"event_id_cnty": "AFG 1"}, "event_id_cnty", "does not match"),
        ({"actor1": "", "inter1": ""}, "assoc_actor_1", "without actor1"),
        ({"admin1": "x" * 201}, "admin1", "at most 200"),
    ],
)
def test_bad_cells_are_reported_with_their_column(
    changes: dict[str, str], column: str, message: str
) -> None:
    row = {**ROWS[2], **changes}
    with pytest.raises(ValidationError) as info:
        from_acled(row)
    assert f"$.{column}" in info.value.paths
    assert message in str(info.value)


def test_every_bad_cell_of_a_row_is_reported_together() -> None:
    with pytest.raises(ValidationError) as info:
        from_acled({**ROWS[0], "latitude": "x", "longitude": "y", "fatalities": "z"})
    assert info.value.paths == ["$.latitude", "$.longitude", "$.fatalities"]


def test_a_row_must_be_a_mapping_of_text() -> None:
    with pytest.raises(ValidationError, match="expected a row"):
        from_acled(["AFG1"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"\$\.notes: expected text"):
        from_acled({**ROWS[0], "notes": 5})  # type: ignore[dict-item]


def test_reading_the_fixture_file() -> None:
    incidents = list(read_acled_csv(FIXTURE))
    assert len(incidents) == len(ROWS)
    assert {i.type.category for i in incidents} == set(EVENT_TYPES)


def test_file_round_trip_reads_back_every_cell(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert write_acled_csv(read_acled_csv(FIXTURE), out, lossy="raise") == len(ROWS)
    with open(out, encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    # Formula-like notes are neutralised in the file, and read back as they were.
    assert any(row["notes"].startswith("'=") for row in written)
    assert [to_acled(i) for i in read_acled_csv(out)] == ROWS


def test_bad_rows_name_their_line_and_collect_keeps_the_good_ones() -> None:
    rows = [dict(ROWS[0]), {**ROWS[1], "latitude": "x"}, dict(ROWS[2])]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    with pytest.raises(ValidationError) as info:
        list(read_acled_csv(io.BytesIO(data)))
    assert (info.value.errors[0].line, info.value.errors[0].path) == (3, "$.latitude")
    reader = read_acled_csv(io.BytesIO(data), on_error="collect")
    assert [i.id for i in reader] == [ROWS[0]["event_id_cnty"], ROWS[2]["event_id_cnty"]]
    assert [e.errors[0].line for e in reader.errors] == [3]


# ---------------------------------------------------------------- losses


def test_losses_are_reported_not_silent() -> None:
    losses: list[Problem] = []
    row = to_acled(examples.INCIDENT, lossy=losses)
    paths = {p.path for p in losses}
    assert {"$.status", "$.outcomes", "$.claims", "$.memberships", "$.where.point"} <= paths
    assert row["event_type"] == "Battles"
    assert row["latitude"] == ""


@pytest.mark.parametrize(
    ("when", "described"),
    [
        (Time.local(2021, 3, 1, tz="Asia/Kabul", span=10), "span 10"),  # "early March"
        (Time.local(2021, 3, 10, tz="Asia/Kabul", uncertain=True), "uncertain"),
    ],
)
def test_a_span_or_an_uncertain_day_is_not_written_as_a_plain_date(
    when: Time, described: str
) -> None:
    losses: list[Problem] = []
    row = to_acled(attrs.evolve(examples.INCIDENT, when=when), lossy=losses)
    assert any(p.path == "$.when" and described in p.message for p in losses)
    day = date.fromisoformat(row["event_date"])
    first, last = when.earliest.astimezone(when.zone), when.latest.astimezone(when.zone)
    assert first.date() <= day < last.date()


def test_lossy_modes() -> None:
    with pytest.warns(LossWarning, match="ACLED cannot hold everything"):
        to_acled(examples.INCIDENT)
    with pytest.raises(ValidationError):
        to_acled(examples.INCIDENT, lossy="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_acled(examples.INCIDENT, lossy="ignore")
    with pytest.raises(ValueError, match="lossy"):
        to_acled(examples.INCIDENT, lossy="loud")  # type: ignore[arg-type]


def test_defections_and_flattened_counts_are_reported() -> None:
    count = Count(best=12, qualifier=CountQualifier.ABOUT, low=10, high=15)
    edited = attrs.evolve(
        from_acled(ROWS[1]),
        type=IncidentType.DEFECTION,
        tallies=(Tally(subject=KILLED_ALL_SIDES, count=count),),
        casualties=(Casualties(civilians=True, injured=Count(best=3)),),
    )
    losses: list[Problem] = []
    row = to_acled(edited, lossy=losses)
    assert row["sub_event_type"] == "Change to group/activity"
    assert row["fatalities"] == "12"
    messages = " | ".join(str(p) for p in losses)
    assert "$.type" in messages
    assert "best estimate written" in messages
    assert "$.casualties[0].injured" in messages


def test_write_reports_losses_with_row_numbers(tmp_path: Path) -> None:
    losses: list[Problem] = []
    write_acled_csv([from_acled(ROWS[0]), examples.INCIDENT], tmp_path / "x.csv", lossy=losses)
    assert losses
    assert {p.line for p in losses} == {3}


# ---------------------------------------------------------------- property

_text = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";"),
        min_size=1,
        max_size=24,
    )
    .map(str.strip)
    .filter(bool)
)
_notes = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
_KINDS = st.none() | st.sampled_from(list(ActorKind))


@st.composite
def acled_incidents(draw: Any) -> tuple[Incident, str]:
    """Incidents holding only what an ACLED row can hold, and the zone to read with."""
    tz = draw(st.sampled_from(["UTC", "Asia/Kabul", "America/Bogota", "Africa/Lagos"]))
    day = draw(st.dates(min_value=date(1997, 1, 1), max_value=date(2035, 12, 31)))
    code = draw(st.sampled_from(sorted(TIME_PRECISION)))
    when = day_time(day, tz, TIME_PRECISION[code])
    itype = draw(st.sampled_from(list(SUB_EVENT_TYPES)))

    names = draw(st.lists(_text, unique=True, max_size=6))
    split = draw(st.integers(0, len(names)))
    ids = Ids("actor")
    actors: list[Any] = []
    participants = []
    for side, role in ((names[:split], Role.PERPETRATOR), (names[split:], Role.TARGET)):
        for position, name in enumerate(side):
            kind = draw(_KINDS) if position == 0 else None
            cls = Group if kind in GROUP_KINDS else Organization
            actor = cls(id=ids.make(name), name=name, kind=kind)
            actors.append(actor)
            participants.append(Participant(actor=actor.id, role=role))

    country = draw(st.sampled_from(sorted(NUMERIC)))
    admin = [draw(st.none() | _text.map(lambda n: AdminArea(name=n))) for _ in range(3)]
    point = Point(
        lat=draw(st.floats(-90, 90, allow_nan=False)),
        lon=draw(st.floats(-180, 180, allow_nan=False)),
    )
    precision = draw(st.sampled_from([GeoPrecision.EXACT, GeoPrecision.NEAR, None]))
    if precision is None:  # geo_precision 3: the finest area named
        precision = (
            GeoPrecision.ADMIN2
            if admin[1]
            else GeoPrecision.ADMIN1
            if admin[0]
            else GeoPrecision.COUNTRY
        )
    where = Location(
        name=draw(st.none() | _text),
        country=country,
        admin1=admin[0],
        admin2=admin[1],
        admin3=admin[2],
        point=point,
        precision=precision,
    )

    publishers = draw(st.lists(_text, unique=True, max_size=4))
    labels = list(SOURCE_SCALES)
    mode = draw(st.sampled_from(["none", "one", "each"]))
    if mode == "each" and len(publishers) > 1:
        chosen = draw(st.permutations(labels))[: len(publishers)]
    elif mode in ("one", "each") and publishers:
        chosen = [draw(st.sampled_from(labels))] * len(publishers)
    else:
        chosen = [None] * len(publishers)
    source_ids = Ids("source")
    sources = []
    for publisher, label in zip(publishers, chosen, strict=True):
        extra: dict[str, Any] = {}
        if label is not None:
            extra = {"scale": SOURCE_SCALES[label][0], "kind": SOURCE_SCALES[label][1]}
        sources.append(Source(id=source_ids.make(publisher), publisher=publisher, **extra))

    fatalities = draw(st.integers(0, 10_000))
    own = draw(
        st.fixed_dictionaries(
            {}, optional={"region": _text, "timestamp": st.from_regex(r"\A[0-9]{10}\Z")}
        )
    )
    incident = Incident(
        id=draw(st.from_regex(r"\A[A-Z]{3}[0-9]{1,7}\Z")),
        type=itype,
        when=when,
        where=where,
        participants=tuple(participants),
        tallies=(killed_tally(KILLED_ALL_SIDES, fatalities),) if fatalities else (),
        actors=tuple(actors),
        sources=tuple(sources),
        notes=draw(st.none() | _notes),
        tags=tuple(draw(st.lists(_text, unique=True, max_size=3))),
        extensions={"acled": own} if own else {},
    )
    return incident, tz


@pytest.mark.slow
@given(acled_incidents())
def test_incidentkit_to_acled_to_incidentkit_keeps_every_field_acled_holds(
    case: tuple[Incident, str],
) -> None:
    incident, tz = case
    row = to_acled(incident, lossy="raise")
    assert list(row) == list(COLUMNS)
    assert from_acled(row, tz=tz) == incident


@pytest.mark.slow
@given(acled_incidents())
def test_the_same_holds_through_a_csv_file(case: tuple[Incident, str]) -> None:
    incident, tz = case
    buffer = io.BytesIO()
    write_acled_csv([incident], buffer, lossy="raise")
    buffer.seek(0)
    assert list(read_acled_csv(buffer, tz=tz)) == [incident]


def test_every_category_but_change_of_allegiance_has_an_event_type() -> None:
    assert set(EVENT_TYPES) == set(IncidentCategory) - {IncidentCategory.CHANGE_OF_ALLEGIANCE}
    assert set(SUB_EVENT_TYPES) == set(IncidentType) - {IncidentType.DEFECTION}
    assert all(SourceKind(v[1]) for v in SOURCE_SCALES.values())
