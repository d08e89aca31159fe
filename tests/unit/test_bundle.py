"""Bundles: several records of one report, shared actors and sources, and facts
that span records; each record still validates alone."""

from __future__ import annotations

import attrs
import pytest

from incidentkit import (
    Bundle,
    Casualties,
    Count,
    CrossRecordFact,
    Incident,
    Organization,
    ValidationError,
    dumps,
    loads,
)
from incidentkit.examples import DEFECTION, INCIDENT


def bundle(**changes: object) -> Bundle:
    toll = CrossRecordFact(
        records=(INCIDENT.id, DEFECTION.id),
        casualties=(Casualties(killed=Count(best=12)),),
        sources=("tolonews",),
    )
    base: dict[str, object] = {
        "id": "report",
        "incidents": (INCIDENT,),
        "defections": (DEFECTION,),
        "actors": (INCIDENT.actors[0],),
        "sources": INCIDENT.sources[:1],
        "facts": (toll,),
    }
    base.update(changes)
    return Bundle(**base)  # type: ignore[arg-type]


def test_round_trip_and_extraction() -> None:
    b = bundle()
    assert loads(dumps(b), Bundle) == b
    alone = b.record(INCIDENT.id)
    assert loads(dumps(alone), Incident) == alone
    assert b.records == (INCIDENT, DEFECTION)
    with pytest.raises(KeyError):
        b.record("nope")


def test_record_ids_are_unique() -> None:
    with pytest.raises(ValidationError) as info:
        bundle(incidents=(INCIDENT, INCIDENT))
    assert info.value.paths == ["$.incidents[1].id"]


def test_a_shared_actor_is_the_same_everywhere() -> None:
    other = Organization(id=INCIDENT.actors[0].id, name="Someone else")
    with pytest.raises(ValidationError) as info:
        bundle(actors=(other,))
    assert "$.incidents[0].actors[0]" in info.value.paths


def test_facts_span_records_and_resolve() -> None:
    fact = bundle().facts[0]
    with pytest.raises(ValidationError) as info:
        bundle(facts=(attrs.evolve(fact, sources=("nowhere",)),))
    assert info.value.paths == ["$.facts[0].sources[0]"]
    with pytest.raises(ValidationError, match="at least 2"):
        CrossRecordFact(records=(INCIDENT.id,), note="alone")
    with pytest.raises(ValidationError, match="casualties, tallies or a note"):
        CrossRecordFact(records=("a", "b"))
