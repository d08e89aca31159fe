"""Counts and casualty figures."""

from __future__ import annotations

import pytest

from incidentkit import Casualties, Count, CountQualifier, ValidationError, from_dict, to_dict


def test_about_40_and_at_least_8() -> None:
    about = from_dict({"best": 40, "qualifier": "about"}, Count)
    assert about == Count(best=40, qualifier=CountQualifier.ABOUT)
    assert str(about) == "about 40"
    assert str(Count(best=8, qualifier=CountQualifier.AT_LEAST)) == "at least 8"
    assert str(Count(best=10, low=8, high=12, qualifier=CountQualifier.ABOUT)) == "about 10 (8-12)"


def test_every_qualifier_round_trips() -> None:
    for qualifier in CountQualifier:
        count = Count(best=3, qualifier=qualifier)
        assert from_dict(to_dict(count), Count) == count


def test_range_must_surround_best() -> None:
    with pytest.raises(ValidationError) as info:
        from_dict({"best": 5, "low": 7, "high": 3, "qualifier": "about"}, Count)
    assert info.value.paths == ["$.low", "$.high"]


def test_exact_count_has_no_range() -> None:
    with pytest.raises(ValidationError, match="no range"):
        Count(best=5, low=4)
    assert Count(best=5, low=5, high=5).best == 5


@pytest.mark.parametrize("bad", [-1, 2**53, 1.5, True, "40"])
def test_best_must_be_a_safe_nonnegative_integer(bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        from_dict({"best": bad}, Count)
    assert info.value.paths == ["$.best"]


def test_casualties_need_exactly_one_side_and_a_figure() -> None:
    killed = Count(best=3)
    assert Casualties(civilians=True, killed=killed).civilians
    with pytest.raises(ValidationError):
        Casualties(actor="taliban", civilians=True, killed=killed)
    assert Casualties(killed=killed).actor is None  # the report does not say whose
    with pytest.raises(ValidationError, match="at least one"):
        Casualties(actor="taliban")


def test_a_vague_count_has_a_range_and_no_best() -> None:
    dozens = from_dict({"qualifier": "about", "low": 24, "high": 99}, Count)
    assert dozens.best is None
    assert dozens.figure == 24
    assert str(dozens) == "about 24-99"
    assert from_dict(to_dict(dozens), Count) == dozens
    with pytest.raises(ValidationError) as info:
        from_dict({}, Count)
    assert info.value.paths == ["$", "$.best"]
    with pytest.raises(ValidationError, match="states best"):
        Count(low=3, high=9)
    with pytest.raises(ValidationError, match="above high"):
        Count(qualifier=CountQualifier.ABOUT, low=9, high=3)


def test_a_combined_killed_and_wounded_figure_has_its_own_field() -> None:
    both = Casualties(civilians=True, killed_or_injured=Count(best=25))
    assert both.killed is None
    assert both.injured is None
