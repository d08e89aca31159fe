"""Actors, posts and memberships, locations, sources and claims, and the record
rules that tie references together."""

from __future__ import annotations

import attrs
import pytest

from incidentkit import (
    ActorKind,
    Alias,
    AliasKind,
    Claim,
    ClaimSubject,
    Count,
    Defection,
    FeatureKind,
    GeoPrecision,
    Group,
    Incident,
    IncidentCategory,
    IncidentType,
    Location,
    Membership,
    Organization,
    Participant,
    Person,
    Point,
    Post,
    RelativePosition,
    Role,
    Source,
    Stance,
    Time,
    ValidationError,
    examples,
    from_dict,
    to_dict,
)
from incidentkit.actors import ACLED_INTER_CODES
from incidentkit.location import ACLED_GEO_PRECISION, UCDP_WHERE_PREC

WHEN = Time.local(2021, 3, 11, tz="Asia/Kabul")
WHERE = Location(country="AF", precision=GeoPrecision.COUNTRY)


def incident(**changes: object) -> Incident:
    base: dict[str, object] = {
        "id": "i1",
        "type": IncidentType.ARMED_CLASH,
        "when": WHEN,
        "where": WHERE,
        "actors": (Organization(id="a", name="A"), Organization(id="b", name="B")),
        "participants": (
            Participant(actor="a", role=Role.PERPETRATOR),
            Participant(actor="b", role=Role.TARGET),
        ),
    }
    base.update(changes)
    return Incident(**base)  # type: ignore[arg-type]


def test_taxonomy_covers_acled_and_defection() -> None:
    assert IncidentType.NON_STATE_ACTOR_OVERTAKES_TERRITORY.category is IncidentCategory.BATTLES
    assert IncidentType.GOVERNMENT_REGAINS_TERRITORY.category is IncidentCategory.BATTLES
    assert (
        IncidentType.HEADQUARTERS_OR_BASE_ESTABLISHED.category
        is IncidentCategory.STRATEGIC_DEVELOPMENTS
    )
    assert IncidentType.ARRESTS.category is IncidentCategory.STRATEGIC_DEVELOPMENTS
    assert IncidentType.AGREEMENT.category is IncidentCategory.STRATEGIC_DEVELOPMENTS
    assert IncidentType.DEFECTION.category is IncidentCategory.CHANGE_OF_ALLEGIANCE
    assert {t.category for t in IncidentType} == set(IncidentCategory)
    assert all(member.description for member in IncidentType)


def test_actor_kinds_map_to_acled_inter_codes() -> None:
    assert sorted(ACLED_INTER_CODES.values()) == list(range(1, 9))
    assert set(ACLED_INTER_CODES) == set(ActorKind)


def test_geo_precision_maps_to_acled_and_ucdp() -> None:
    assert set(ACLED_GEO_PRECISION) == set(GeoPrecision) == set(UCDP_WHERE_PREC)
    assert ACLED_GEO_PRECISION[GeoPrecision.EXACT] == 1
    assert UCDP_WHERE_PREC[GeoPrecision.COUNTRY] == 6


def test_actor_union_is_tagged_on_the_wire() -> None:
    group = Group(id="g", name="local security forces", size=Count(best=40))
    data = to_dict(incident(actors=(*incident().actors, group)))
    assert [a["type"] for a in data["actors"]] == ["organization", "organization", "group"]
    assert from_dict(data, Incident).actors[2] == group


def test_unknown_actor_tag_is_an_error_at_its_path() -> None:
    data = to_dict(incident())
    data["actors"][1]["type"] = "robot"
    del data["actors"][0]["type"]
    with pytest.raises(ValidationError) as info:
        from_dict(data, Incident)
    assert info.value.paths == ["$.actors[0].type", "$.actors[1].type"]


def test_aliases_and_transliterations() -> None:
    person = Person(
        id="p",
        name="Mohammad Amin Patang",
        aliases=(
            Alias(name="محمد امین پتنگ", kind=AliasKind.NATIVE, language="fa", script="Arab"),
            Alias(name="Muhammad Amin Patang", kind=AliasKind.TRANSLITERATION, language="en"),
        ),
    )
    assert from_dict(to_dict(person), Person) == person
    with pytest.raises(ValidationError):
        Alias(name="x", script="arab")


def test_organisation_hierarchy_and_cycles() -> None:
    forces = Organization(id="forces", name="National forces")
    police = Organization(id="police", name="Police", parent="forces")
    assert incident(actors=(forces, police), participants=()).actors[1].parent == "forces"
    looped = Organization(id="forces", name="National forces", parent="police")
    with pytest.raises(ValidationError, match="cycle"):
        incident(actors=(looped, police), participants=())
    with pytest.raises(ValidationError, match="no actor with id 'nowhere'"):
        incident(actors=(Organization(id="x", name="X", parent="nowhere"),), participants=())


def test_duplicate_ids_and_dangling_references() -> None:
    with pytest.raises(ValidationError) as info:
        incident(
            actors=(Organization(id="a", name="A"), Organization(id="a", name="A2")),
        )
    assert info.value.paths == ["$.actors[1].id", "$.participants[1].actor"]


def test_membership_with_acting_post_and_period() -> None:
    post = Post(label="District police chief, Almar", organization="police", role="police chief")
    start = Time.local(2020, 12, tz="Asia/Kabul", approximate=True)
    membership = Membership(member="p", organization="police", post=post, acting=True, start=start)
    assert from_dict(to_dict(membership), Membership) == membership
    with pytest.raises(ValidationError, match="ends before it starts"):
        Membership(member="p", organization="police", start=WHEN, end=start)
    with pytest.raises(ValidationError) as info:
        Membership(member="p", organization="army", post=post)
    assert info.value.paths == ["$.post.organization"]


def test_location_with_point_and_relative_position() -> None:
    base = Location(
        name="base",
        feature=FeatureKind.BASE,
        country="AF",
        point=Point(lat=35.8, lon=64.5),
        precision=GeoPrecision.NEAR,
        relative=RelativePosition(anchor=WHERE, distance=4),
    )
    assert base.relative is not None
    assert base.relative.metres == 4000
    assert from_dict(to_dict(base), Location) == base


def test_location_precision_rules() -> None:
    with pytest.raises(ValidationError, match="needs a point"):
        Location(precision=GeoPrecision.EXACT)
    with pytest.raises(ValidationError, match="needs admin2"):
        Location(precision=GeoPrecision.ADMIN2)


@pytest.mark.parametrize(
    ("point", "path"),
    [
        ({"lat": 91, "lon": 0}, "$.where.point.lat"),
        ({"lat": 0, "lon": -180.5}, "$.where.point.lon"),
        ({"lat": "35", "lon": 0}, "$.where.point.lat"),
    ],
)
def test_out_of_range_coordinates(point: dict[str, object], path: str) -> None:
    data = to_dict(incident())
    data["where"] = {"precision": "exact", "point": point}
    with pytest.raises(ValidationError) as info:
        from_dict(data, Incident)
    assert info.value.paths == [path]


def test_invalid_country_code() -> None:
    with pytest.raises(ValidationError) as info:
        from_dict({"precision": "country", "country": "ZZ"}, Location)
    assert info.value.paths == ["$.country"]
    assert Location(country="XK", precision=GeoPrecision.COUNTRY).country == "XK"


def test_claims_need_a_claimant_or_source_that_resolves() -> None:
    with pytest.raises(ValidationError):
        Claim(stance=Stance.DENIES, about=ClaimSubject.RECORD)
    claim = Claim(stance=Stance.DENIES, about=ClaimSubject.RECORD, claimant="a", source="s1")
    with pytest.raises(ValidationError) as info:
        incident(claims=(claim,))
    assert info.value.paths == ["$.claims[0].source"]
    ok = incident(claims=(claim,), sources=(Source(id="s1", publisher="Tolo News"),))
    assert ok.claims[0].stance is Stance.DENIES


def test_claim_target_must_exist() -> None:
    source = Source(id="s1", publisher="Tolo News")
    target = Claim(
        stance=Stance.ASSERTS, about=ClaimSubject.OUTCOME, source="s1", target="$.outcomes[0]"
    )
    with pytest.raises(ValidationError, match="not a part of this record"):
        incident(claims=(target,), sources=(source,))
    fine = attrs.evolve(target, about=ClaimSubject.ACTORS, target="$.participants[1].role")
    assert incident(claims=(fine,), sources=(source,)).claims[0].target


def test_source_url_must_be_http() -> None:
    with pytest.raises(ValidationError):
        Source(id="s", publisher="x", url="javascript:alert(1)")
    assert Source(id="s", publisher="x", url="https://tolonews.com/a?b=1").url


def test_incident_until_not_before_when() -> None:
    with pytest.raises(ValidationError) as info:
        incident(until=Time.local(2021, 3, 10, tz="Asia/Kabul"))
    assert info.value.paths == ["$.until"]


def test_defection_rules() -> None:
    d = examples.DEFECTION
    with pytest.raises(ValidationError) as info:
        attrs.evolve(d, to_organization="faryab-police")
    assert "$.to_organization" in info.value.paths
    with pytest.raises(ValidationError) as info:
        attrs.evolve(d, defector="abdul-karim-yourish")
    assert info.value.paths == ["$.membership.member"]


def test_extensions_round_trip_untouched_and_must_be_json() -> None:
    ext = {"acled": {"event_id_cnty": "AFG12345", "inter1": 2, "tags": ["a", None, 1.5]}}
    rec = incident(extensions=ext)
    assert from_dict(to_dict(rec), Incident).extensions == ext
    with pytest.raises(ValidationError) as info:
        incident(extensions={"acled": {"x": float("nan")}, "Bad Key": 1})
    assert info.value.paths == ["$.extensions.acled.x", '$.extensions["Bad Key"]']


def test_tags_are_unique() -> None:
    with pytest.raises(ValidationError, match="unique"):
        incident(tags=("a", "a"))


def test_records_are_frozen_and_hashable_values() -> None:
    count = Count(best=1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        count.best = 2  # type: ignore[misc]
    assert {count, Count(best=1)} == {count}


def test_wrong_python_types_are_validation_errors_not_crashes() -> None:
    with pytest.raises(ValidationError) as info:
        Count(best="40")  # type: ignore[arg-type]
    assert info.value.paths == ["$.best"]
    with pytest.raises(ValidationError):
        Defection(
            id="d",
            defector="p",
            from_organization="a",
            to_organization="b",
            when="yesterday",  # type: ignore[arg-type]
        )
