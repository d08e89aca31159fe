"""Incidents as GeoJSON (incidentkit.interop.geojson)."""

from __future__ import annotations

import io
import itertools
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from _paths import DATA, TESTS
from incidentkit import Incident, Problem, Time, ValidationError, examples
from incidentkit.interop import LossWarning
from incidentkit.interop.acled import read_acled_csv
from incidentkit.interop.geojson import (
    PROPERTIES,
    from_feature_collection,
    to_feature_collection,
    write_feature_collection,
)
from incidentkit.interop.ucdp import read_ucdp_csv

SCHEMA = (TESTS / "schemas") / "geojson.schema.json"

INCIDENTS = [*read_acled_csv(DATA / "acled.csv"), *read_ucdp_csv(DATA / "ucdp.csv")]


def test_output_validates_against_the_geojson_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    collection = to_feature_collection(INCIDENTS, lossy="ignore")
    # Through JSON text, as a map tool would read it.
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(collection)))
    assert len(collection["features"]) == len(INCIDENTS)


def test_the_schema_rejects_what_rfc_7946_forbids() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    good = to_feature_collection(INCIDENTS[:1], lossy="ignore")
    swapped = json.loads(json.dumps(good))
    swapped["features"][0]["geometry"]["coordinates"] = [35.0, 120.0]  # latitude first
    assert not validator.is_valid(swapped)
    with_crs = {**good, "crs": {"type": "name"}}
    assert not validator.is_valid(with_crs)
    assert validator.is_valid(good)


def test_longitude_comes_first() -> None:
    feature = to_feature_collection(INCIDENTS[:1], lossy="ignore")["features"][0]
    point = INCIDENTS[0].where.point
    assert point is not None
    assert feature["geometry"] == {"type": "Point", "coordinates": [point.lon, point.lat]}


def test_properties_are_flat_and_documented() -> None:
    for feature in to_feature_collection(INCIDENTS, lossy="ignore")["features"]:
        properties: dict[str, Any] = feature["properties"]
        assert list(properties) == [k for k in PROPERTIES if k in properties]
        assert all(not isinstance(v, (dict, list)) for v in properties.values())
        assert feature["id"] == properties["id"]
    first = to_feature_collection(INCIDENTS[:2], lossy="ignore")["features"][1]["properties"]
    assert first["earliest"] == "2021-03-30T00:00:00Z"  # 2 April, time_precision 2
    assert first["latest"] == "2021-04-06T00:00:00Z"
    assert first["killed"] == 12
    assert first["actors"] == "Military Forces of Afghanistan (2004-2021); Taliban"


def test_incidents_without_a_point_are_reported() -> None:
    with pytest.warns(LossWarning, match="no point"):
        collection = to_feature_collection([examples.INCIDENT, *INCIDENTS[:1]])
    assert len(collection["features"]) == 1
    losses: list[Problem] = []
    to_feature_collection([*INCIDENTS[:1], examples.INCIDENT], lossy=losses)
    assert [p.path for p in losses if p.path.endswith(".point")] == ["$[1].where.point"]
    assert losses[-1] == Problem("$", "1 of 2 incident(s) have no point to map; not written")


def test_written_one_feature_at_a_time_with_the_same_content(tmp_path: Path) -> None:
    losses: list[Problem] = []
    path = tmp_path / "map.geojson"
    count = write_feature_collection(iter([examples.INCIDENT, *INCIDENTS]), path, lossy=losses)
    assert count == len(INCIDENTS)
    written = json.loads(path.read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        assert written == to_feature_collection(INCIDENTS, lossy="ignore")
    assert f"1 of {len(INCIDENTS) + 1} incident(s) have no point" in losses[-1].message
    assert [p.name for p in tmp_path.iterdir()] == ["map.geojson"]  # no temporary left


def test_every_field_a_feature_does_not_carry_back_is_reported() -> None:
    losses: list[Problem] = []
    to_feature_collection(INCIDENTS[:1], lossy=losses)
    paths = {p.path for p in losses}
    assert "$[0].actors" in paths
    assert "$[0].sources" in paths


def _carried(incident: Incident) -> tuple[Any, ...]:
    where = incident.where
    areas = tuple(a.name if a else None for a in (where.admin1, where.admin2, where.admin3))
    until = incident.until
    return (
        incident.id,
        incident.type,
        incident.status,
        incident.when.at,
        incident.when.tz,
        incident.when.precision,
        incident.when.earliest,
        None if until is None else (until.at, until.precision),
        where.point,
        where.precision,
        where.name,
        where.country,
        areas,
    )


def test_what_the_properties_carry_comes_back() -> None:
    collection = json.loads(json.dumps(to_feature_collection(INCIDENTS, lossy="ignore")))
    back = from_feature_collection(collection)
    assert [_carried(i) for i in back] == [_carried(i) for i in INCIDENTS]


def test_bad_collections_are_validation_errors_with_paths() -> None:
    with pytest.raises(ValidationError):
        from_feature_collection({"type": "Feature"})
    collection = json.loads(json.dumps(to_feature_collection(INCIDENTS[:2], lossy="ignore")))
    collection["features"][1]["properties"]["type"] = "picnic"
    collection["features"][0]["geometry"] = {"type": "LineString", "coordinates": []}
    with pytest.raises(ValidationError) as info:
        from_feature_collection(collection)
    assert info.value.paths == ["$.features[0].geometry", "$.features[1].properties.type"]


def test_times_that_span_several_units_come_back_with_their_bounds() -> None:
    early_march = Time.local(2021, 3, 1, tz="Asia/Kabul", span=10)
    last_night = Time.local(2021, 3, 10, 18, tz="Asia/Kabul", span=12)
    incident = attrs.evolve(INCIDENTS[0], when=early_march, until=None)
    later = attrs.evolve(INCIDENTS[0], when=early_march, until=last_night)
    collection = to_feature_collection([incident, later], lossy="ignore")
    props = [feature["properties"] for feature in collection["features"]]
    assert (props[0]["time_span"], "until_span" not in props[0]) == (10, True)
    assert props[1]["until_span"] == 12
    back = from_feature_collection(json.loads(json.dumps(collection)))
    assert back[0].when == early_march
    assert back[1].until is not None
    assert back[1].until.bounds == last_night.bounds


def test_a_bad_span_is_reported_at_its_property() -> None:
    collection = to_feature_collection(INCIDENTS[:1], lossy="ignore")
    collection["features"][0]["properties"]["time_span"] = 0
    with pytest.raises(ValidationError) as info:
        from_feature_collection(collection)
    assert info.value.paths == ["$.features[0].properties.time_span"]


def test_features_are_written_as_they_come() -> None:
    buffer = io.BytesIO()
    sizes: list[int] = []

    def incidents() -> Iterator[Incident]:
        for incident in INCIDENTS:
            sizes.append(buffer.tell())
            yield incident

    write_feature_collection(incidents(), buffer, lossy="ignore")
    # each Feature is on its way out before the next incident is asked for
    assert all(a < b for a, b in itertools.pairwise(sizes))


def test_losses_reach_a_given_list_as_they_are_found(tmp_path: Path) -> None:
    # The command line consumes losses as they come: none may pile up until the end.
    unmapped = attrs.evolve(
        examples.INCIDENT, where=attrs.evolve(examples.INCIDENT.where, point=None)
    )
    lost: list[Problem] = []
    seen: list[int] = []

    def incidents() -> Iterator[Incident]:
        for n in range(3):
            seen.append(len(lost))
            yield attrs.evolve(unmapped, id=f"x-{n}")

    assert write_feature_collection(incidents(), tmp_path / "a.geojson", lossy=lost) == 0
    assert seen == [0, 1, 2]
    assert [p.path for p in lost] == [f"$[{n}].where.point" for n in range(3)] + ["$"]


def test_the_other_lossy_choices_keep_no_more_than_they_show(tmp_path: Path) -> None:
    # "warn" keeps the first 20 losses for its warning and counts the rest; "ignore"
    # keeps none; "raise" stops at the first record that loses anything, and a file
    # given by path is then not written. Memory stays flat on any file size.
    from incidentkit.interop._common import SHOWN_LOSSES, LossSink

    every: list[Problem] = []
    write_feature_collection(INCIDENTS, tmp_path / "a.geojson", lossy=every)
    assert len(every) > SHOWN_LOSSES
    with pytest.warns(LossWarning) as caught:
        write_feature_collection(INCIDENTS, tmp_path / "a.geojson", lossy="warn")
    message = str(caught[0].message)
    assert f"{len(every)} loss(es)" in message
    assert f"and {len(every) - SHOWN_LOSSES} more" in message
    assert [line.strip() for line in message.splitlines()[1:-1]] == [
        str(p) for p in every[:SHOWN_LOSSES]
    ]
    for lossy, kept in (("warn", SHOWN_LOSSES), ("ignore", 0)):
        sink = LossSink(lossy)  # type: ignore[arg-type]
        sink.extend(every * 50)
        assert len(sink.shown) == kept
    with pytest.raises(ValidationError) as raised:
        write_feature_collection(INCIDENTS, tmp_path / "b.geojson", lossy="raise")
    assert list(raised.value.errors) == [p for p in every if p.path.startswith("$[0]")]
    assert not (tmp_path / "b.geojson").exists()
