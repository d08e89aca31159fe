"""UCDP GED rows in and out (incidentkit.interop.ucdp)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pytest

from _paths import DATA
from incidentkit import (
    ActorKind,
    Casualties,
    Count,
    GeoPrecision,
    IncidentType,
    Problem,
    Role,
    TimePrecision,
    ValidationError,
    examples,
)
from incidentkit.interop import KILLED_ALL_SIDES, KILLED_SIDE_UNKNOWN
from incidentkit.interop._common import find_tally, last_local_date
from incidentkit.interop.ucdp import (
    COLUMNS,
    DATE_PREC,
    TYPE_OF_VIOLENCE,
    from_ucdp,
    priogrid_gid,
    read_ucdp_csv,
    to_ucdp,
    write_ucdp_csv,
)

FIXTURE = DATA / "ucdp.csv"

with open(FIXTURE, encoding="utf-8", newline="") as _handle:
    ROWS = list(csv.DictReader(_handle))
BY_ID = {row["id"]: row for row in ROWS}


def test_the_fixture_covers_every_code() -> None:
    assert {row["type_of_violence"] for row in ROWS} == {str(c) for c in TYPE_OF_VIOLENCE}
    assert {row["date_prec"] for row in ROWS} == {str(c) for c in DATE_PREC}
    assert {row["where_prec"] for row in ROWS} == {str(c) for c in range(1, 8)}
    assert list(ROWS[0]) == list(COLUMNS)


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_ucdp_to_incidentkit_to_ucdp_reproduces_every_column(row: dict[str, str]) -> None:
    assert to_ucdp(from_ucdp(row), lossy="raise") == row


def test_sides_deaths_and_estimates() -> None:
    incident = from_ucdp(BY_ID["244657"])
    assert incident.type is IncidentType.ARMED_CLASH
    government, taleban = incident.actors
    assert government.kind is ActorKind.STATE_FORCES
    assert government.country == "AF"
    assert [(p.actor, p.role) for p in incident.participants] == [
        (government.id, Role.PERPETRATOR),
        (taleban.id, Role.TARGET),
    ]
    assert incident.casualties == (
        Casualties(actor=government.id, killed=Count(best=3)),
        Casualties(actor=taleban.id, killed=Count(best=5)),
    )
    total = find_tally(incident, KILLED_ALL_SIDES)
    assert total is not None
    assert (total.count.best, total.count.low, total.count.high) == (9, 9, 12)
    unknown = find_tally(incident, KILLED_SIDE_UNKNOWN)
    assert unknown is not None
    assert unknown.count.best == 1
    assert [s.title for s in incident.sources] == [
        "Taliban capture center of Almar",
        "Almar falls",
    ]


def test_one_sided_violence_targets_civilians() -> None:
    incident = from_ucdp(BY_ID["312002"])
    assert incident.type is IncidentType.ATTACK
    assert incident.actors[1].kind is ActorKind.CIVILIANS
    assert incident.casualties == (Casualties(civilians=True, killed=Count(best=7)),)


def test_dates_read_as_precision_and_spans() -> None:
    month = from_ucdp(BY_ID["244702"])
    assert month.when.precision is TimePrecision.MONTH
    assert month.until is None
    year = from_ucdp(BY_ID["244704"])
    assert year.when.precision is TimePrecision.YEAR
    # GED codebook: date_start and date_end are the earliest and latest possible
    # dates; the time is the span between them, neither widened nor hedged.
    span = from_ucdp(BY_ID["244700"])
    assert not span.when.approximate
    assert span.until is None
    assert span.when.at.date().isoformat() == "2021-04-28"
    assert span.when.span == 4
    assert last_local_date(span.when).isoformat() == "2021-05-01"
    exact_span = from_ucdp(BY_ID["312001"])
    assert not exact_span.when.approximate
    assert exact_span.when.span > 1


def test_where_prec_reads_as_precision() -> None:
    expected = {
        "244657": GeoPrecision.EXACT,
        "244700": GeoPrecision.NEAR,
        "244701": GeoPrecision.ADMIN2,
        "244702": GeoPrecision.ADMIN1,
        "244703": GeoPrecision.ADMIN1,  # 5: a linear feature, not "near"
        "244704": GeoPrecision.COUNTRY,
        "400001": GeoPrecision.COUNTRY,  # 7: waters or airspace
    }
    for event_id, precision in expected.items():
        assert from_ucdp(BY_ID[event_id]).where.precision is precision, event_id


def test_priogrid_cells() -> None:
    assert priogrid_gid(-90, -180) == 1
    assert priogrid_gid(-90, 179.9) == 720
    assert priogrid_gid(-89.5, -180) == 721
    assert priogrid_gid(90, 180) == 360 * 720


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"type_of_violence": "4"}, "type_of_violence"),
        ({"date_end": "2021-03-01"}, "date_end"),
        ({"date_prec": "6"}, "date_prec"),
        ({"where_prec": "9"}, "where_prec"),
        ({"best": "x"}, "best"),
        ({"side_a": ""}, "side_a"),
        ({"id": ""}, "id"),
        ({"longitude": "200"}, "longitude"),
    ],
)
def test_bad_cells_are_reported_with_their_column(changes: dict[str, str], column: str) -> None:
    with pytest.raises(ValidationError) as info:
        from_ucdp({**ROWS[0], **changes})
    assert f"$.{column}" in info.value.paths


def test_file_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "ged.csv"
    assert write_ucdp_csv(read_ucdp_csv(FIXTURE), out, lossy="raise") == len(ROWS)
    assert [to_ucdp(i) for i in read_ucdp_csv(out)] == ROWS
    assert out.read_bytes() == FIXTURE.read_bytes()


def test_collect_keeps_good_rows() -> None:
    data = FIXTURE.read_bytes().replace(b"35.8463,64.5322", b"35.8463,east", 1)
    reader = read_ucdp_csv(io.BytesIO(data), on_error="collect")
    assert len(list(reader)) == len(ROWS) - 1
    assert reader.errors[0].errors[0].path == "$.longitude"
    assert reader.errors[0].errors[0].line == 2


def test_losses_of_the_reference_incident() -> None:
    losses: list[Problem] = []
    row = to_ucdp(examples.INCIDENT, lossy=losses)
    paths = {p.path for p in losses}
    assert {"$.type", "$.claims", "$.outcomes", "$.where.point", "$.status"} <= paths
    assert row["side_a"] == "Taliban"
    assert row["type_of_violence"] == "1"  # state forces on the other side


def test_an_edited_location_is_written_anew() -> None:
    incident = from_ucdp(BY_ID["244703"])  # where_prec 5 is kept verbatim
    assert to_ucdp(incident)["where_prec"] == "5"
    moved = attrs.evolve(
        incident, where=attrs.evolve(incident.where, precision=GeoPrecision.EXACT)
    )
    assert to_ucdp(moved, lossy="ignore")["where_prec"] == "1"
