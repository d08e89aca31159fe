"""Claims that carry values: competing figures held as alternatives, checked
against the type at their target, reconciled by convention, never added up."""

from __future__ import annotations

import attrs
import pytest

from incidentkit import (
    Casualties,
    Claim,
    ClaimSubject,
    ClaimValue,
    Count,
    CountQualifier,
    GeoPrecision,
    Group,
    Incident,
    IncidentType,
    Location,
    Organization,
    Participant,
    Person,
    Problem,
    Role,
    Source,
    Stance,
    Time,
    ValidationError,
    from_dict,
    resolve_count,
    to_dict,
)
from incidentkit.interop.acled import to_acled
from incidentkit.interop.ucdp import to_ucdp
from incidentkit.reconcile import alternatives, reconcile

WHEN = from_dict({"at": "2021-03-11T00:00:00+04:30", "tz": "Asia/Kabul", "precision": "day"}, Time)
WHERE = Location(name="Almar", country="AF", precision=GeoPrecision.COUNTRY)
KILLED = "$.casualties[0].killed"


def _claim(who: str, target: str, value: ClaimValue, text: str) -> Claim:
    about = ClaimSubject.CASUALTIES
    return Claim(
        stance=Stance.ASSERTS, about=about, claimant=who, source="s1", target=target,
        value=value, text=text,
    )  # fmt: skip


def raid() -> Incident:
    """The raid with four claimants: officials (the analyst's figure, at least 7
    police killed), a spokesman (6 dead, 9 wounded), the deputy police chief (13),
    the insurgents (more than 20)."""
    return Incident(
        id="raid",
        type=IncidentType.ARMED_CLASH,
        when=WHEN,
        where=WHERE,
        actors=(
            Organization(id="police", name="Police"),
            Organization(id="taliban", name="Taliban"),
            Group(id="officials", name="local officials", part_of="police"),
            Group(id="spokesman", name="a police spokesman", part_of="police"),
            Group(id="deputy", name="the deputy police chief", part_of="police"),
        ),
        participants=(
            Participant(actor="taliban", role=Role.PERPETRATOR),
            Participant(actor="police", role=Role.TARGET),
        ),
        casualties=(Casualties(actor="police", killed=resolve_count("at least seven")),),
        sources=(Source(id="s1", publisher="Wire copy"),),
        claims=(
            _claim("officials", KILLED, ClaimValue(count=resolve_count("at least 7")), "7+"),
            _claim(
                "spokesman",
                "$.casualties[0]",
                ClaimValue(
                    casualties=Casualties(
                        actor="police", killed=Count(best=6), injured=Count(best=9)
                    )
                ),
                "six police dead, nine wounded",
            ),
            _claim("deputy", KILLED, ClaimValue(count=Count(best=13)), "13 police killed"),
            _claim("taliban", KILLED, ClaimValue(count=resolve_count("more than 20")), "20+"),
        ),
    )


def test_the_raid_holds_each_claimants_figure() -> None:
    record = raid()
    found = alternatives(record, KILLED)
    assert [a.count.figure for a in found] == [7, 7, 6, 13, 20]
    assert [a.path for a in found][2] == "$.claims[1].value.casualties.killed"
    assert from_dict(to_dict(record), Incident) == record


def test_reconcile_by_either_convention() -> None:
    record = raid()
    assert reconcile(record, KILLED, "acled") == Count(best=6)
    ucdp = reconcile(record, KILLED, "ucdp")
    assert ucdp == Count(best=7, qualifier=CountQualifier.ABOUT, low=6, high=20)
    # Only the spokesman gives the wounded: no analyst's figure, so no best.
    injured = Count(qualifier=CountQualifier.ABOUT, low=9, high=9)
    assert reconcile(record, "$.casualties[0].injured") == injured
    assert reconcile(record, "$.casualties[0].captured") is None
    with pytest.raises(ValueError, match="convention"):
        reconcile(record, KILLED, "sum")  # type: ignore[arg-type]


def test_exports_write_one_claimed_figure_and_report_the_rest() -> None:
    record = raid()
    acled_losses: list[Problem] = []
    assert to_acled(record, lossy=acled_losses)["fatalities"] == "6"
    ucdp_losses: list[Problem] = []
    row = to_ucdp(record, lossy=ucdp_losses)
    assert (row["low"], row["best"], row["high"]) == ("6", "7", "20")
    for losses in (acled_losses, ucdp_losses):
        flagged = {p.path for p in losses if "alternative figure" in p.message}
        assert "$.claims[2].value.count" in flagged
        assert "$.claims[3].value.count" in flagged


def test_a_value_of_the_wrong_type_is_refused_at_its_path() -> None:
    record = raid()
    wrong = attrs.evolve(record.claims[2], value=ClaimValue(time=WHEN))
    with pytest.raises(ValidationError) as info:
        attrs.evolve(record, claims=(*record.claims, wrong))
    assert info.value.paths == ["$.claims[4].value"]
    assert "give value.count" in str(info.value)
    dict_form = to_dict(record)
    dict_form["claims"][0]["value"] = {"location": to_dict(WHERE)}
    with pytest.raises(ValidationError) as info:
        from_dict(dict_form, Incident)
    assert info.value.paths == ["$.claims[0].value"]


def test_a_value_needs_a_target_and_one_kind() -> None:
    with pytest.raises(ValidationError) as info:
        Claim(stance=Stance.ASSERTS, about=ClaimSubject.COUNT, source="s1",
              value=ClaimValue(count=Count(best=3)))  # fmt: skip
    assert info.value.paths == ["$.value"]
    with pytest.raises(ValidationError, match="exactly one"):
        ClaimValue(count=Count(best=3), time=WHEN)
    with pytest.raises(ValidationError, match="states no value"):
        Claim(stance=Stance.DENIES, about=ClaimSubject.COUNT, source="s1", target="$.when",
              value=ClaimValue(time=WHEN))  # fmt: skip


def test_about_must_agree_with_the_target() -> None:
    record = raid()
    wrong = Claim(
        stance=Stance.ASSERTS, about=ClaimSubject.CASUALTIES, source="s1", target="$.where"
    )
    with pytest.raises(ValidationError) as info:
        attrs.evolve(record, claims=(wrong,))
    assert info.value.paths == ["$.claims[0].about"]
    for about in (ClaimSubject.LOCATION, ClaimSubject.OTHER):
        assert attrs.evolve(record, claims=(attrs.evolve(wrong, about=about),))


def test_part_of_and_parent_refer_to_organisations_or_groups() -> None:
    record = raid()
    person = Person(id="patang", name="Mohammad Amin Patang")
    bad = Group(id="followers", name="his men", part_of="patang")
    with pytest.raises(ValidationError) as info:
        attrs.evolve(record, actors=(*record.actors, person, bad))
    assert info.value.paths == ["$.actors[6].part_of"]
    assert "is a person" in str(info.value)
    unit = Organization(id="unit", name="Unit", parent="patang")
    with pytest.raises(ValidationError) as info:
        attrs.evolve(record, actors=(*record.actors, person, unit))
    assert info.value.paths == ["$.actors[6].parent"]


def test_no_statement_is_a_stance() -> None:
    record = raid()
    silent = Claim(stance=Stance.NO_STATEMENT, about=ClaimSubject.RECORD, claimant="taliban")
    assert attrs.evolve(record, claims=(silent,)).claims[0].stance.value == "no_statement"


def test_time_values_for_time_targets() -> None:
    record = raid()
    month = {"at": "2021-03-01T00:00:00+04:30", "tz": "Asia/Kabul", "precision": "month"}
    other = from_dict(month, Time)
    claim = Claim(stance=Stance.DISPUTES, about=ClaimSubject.TIME, claimant="taliban",
                  target="$.when", value=ClaimValue(time=other))  # fmt: skip
    assert attrs.evolve(record, claims=(claim,)).claims[0].value == ClaimValue(time=other)
