"""Provenance and places: unnamed people, titles, bylines and wire chains, claim
languages and translations, Admiralty grades, named places without coordinates."""

from __future__ import annotations

import attrs
import pytest

from incidentkit import (
    STIX_CONFIDENCE,
    Claim,
    ClaimSubject,
    Credibility,
    GeoPrecision,
    Location,
    Person,
    RelativePosition,
    Reliability,
    Source,
    Stance,
    ValidationError,
    from_dict,
    to_dict,
)
from incidentkit.examples import INCIDENT


def test_an_unnamed_person_with_a_title() -> None:
    captain = Person(id="captain", name="a police captain", unnamed=True, title="Captain")
    assert from_dict(to_dict(captain), Person) == captain
    assert to_dict(Person(id="p", name="Patang")) == {
        "type": "person",
        "id": "p",
        "name": "Patang",
    }


def test_wire_copy_in_an_outlet() -> None:
    afp = Source(id="afp", publisher="AFP", reliability=Reliability.B)
    gulf = Source(id="gulf-times", publisher="Gulf Times", via="afp", author="AFP staff")
    record = attrs.evolve(INCIDENT, sources=(*INCIDENT.sources, afp, gulf))
    assert record.sources[-1].via == "afp"
    with pytest.raises(ValidationError) as info:
        attrs.evolve(INCIDENT, sources=(*INCIDENT.sources, gulf))
    assert info.value.paths == [f"$.sources[{len(INCIDENT.sources)}].via"]
    with pytest.raises(ValidationError, match="carry itself"):
        Source(id="x", publisher="X", via="x")


def test_claim_language_translation_and_credibility() -> None:
    claim = Claim(
        stance=Stance.ASSERTS,
        about=ClaimSubject.RECORD,
        source="s",
        text="Die Polizeistation wurde eingenommen.",
        quoted=True,
        language="de",
        translation="The police station was taken.",
        credibility=Credibility.PROBABLY_TRUE,
    )
    assert from_dict(to_dict(claim), Claim) == claim
    assert to_dict(claim)["credibility"] == "2"
    assert claim.credibility is not None
    assert claim.credibility.stix_confidence == 70


def test_stix_confidence_is_the_stix_21_admiralty_credibility_table() -> None:
    # STIX 2.1, appendix on confidence scales, "Admiralty Credibility": grade to
    # value, and (for the round trip) the value bands the appendix maps to grades.
    table = {grade.value: value for grade, value in STIX_CONFIDENCE.items()}
    assert table == {"1": 90, "2": 70, "3": 50, "4": 30, "5": 10, "6": None}
    bands = {"1": range(80, 101), "2": range(60, 80), "3": range(40, 60), "4": range(20, 40)}
    bands["5"] = range(20)
    for grade, value in table.items():
        assert value is None or value in bands[grade]
    assert {c.stix_confidence for c in Credibility} == set(table.values())


def test_a_named_place_without_coordinates() -> None:
    village = Location(
        name="Khwaja Osman", country="AF", precision=GeoPrecision.EXACT, gazetteer="geonames:1"
    )
    assert village.point is None
    with pytest.raises(ValidationError, match="needs a point, a relative position or a name"):
        Location(country="AF", precision=GeoPrecision.EXACT)
    with pytest.raises(ValidationError) as info:
        Location(name="X", precision=GeoPrecision.EXACT, gazetteer="GeoNames 1")
    assert info.value.paths == ["$.gazetteer"]


def test_more_than_one_relative_position() -> None:
    dujail = Location(name="Dujail", country="IQ", precision=GeoPrecision.EXACT)
    baghdad = Location(name="Baghdad", country="IQ", precision=GeoPrecision.EXACT)
    place = Location(
        country="IQ",
        precision=GeoPrecision.NEAR,
        relative=RelativePosition(anchor=dujail, bearing=0),
        also_relative=(RelativePosition(anchor=baghdad, distance=50, bearing=0),),
    )
    assert from_dict(to_dict(place), Location) == place
