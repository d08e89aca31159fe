"""Constructors take any sequence for a tuple field and an enum member's value for
an enum field, as from_dict does; what they cannot convert is a ValidationError at
the field's path, worded as from_dict words it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import incidentkit as ik
from incidentkit import (
    Alias,
    AliasKind,
    Count,
    CountQualifier,
    Incident,
    Participant,
    Person,
    Role,
    ValidationError,
    examples,
)
from incidentkit._fields import DocEnum, Items, Model, OneOf, field, record
from incidentkit._typetree import (
    EnumNode,
    OptionalNode,
    TupleNode,
    record_info,
    registered,
    unregister,
)


def problems(make: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        make()
    return [(p.path, p.message) for p in caught.value.errors]


def test_a_list_or_any_sequence_is_taken_for_a_tuple_field() -> None:
    person = Person(id="amin", name="Amin", aliases=[Alias(name="Patang")])
    assert person.aliases == (Alias(name="Patang"),)
    assert type(person.aliases) is tuple
    assert Person(id="amin", name="Amin", aliases=range(0)).aliases == ()
    incident = attrs.evolve(examples.INCIDENT, tags=["faryab", "almar"])
    assert incident.tags == ("faryab", "almar")


def test_an_enum_members_value_is_taken_for_an_enum_field() -> None:
    assert Alias(name="IEA", kind="acronym").kind is AliasKind.ACRONYM
    assert Count(best=40, qualifier="about").qualifier is CountQualifier.ABOUT
    assert Person(id="amin", name="Amin", kind="state_forces").kind is ik.ActorKind.STATE_FORCES
    assert Person(id="amin", name="Amin", kind=None).kind is None  # optional enums keep None
    assert Participant(actor="taliban", role="perpetrator").role is Role.PERPETRATOR


def test_converted_records_equal_records_built_from_tuples_and_members() -> None:
    given = examples.INCIDENT
    loose = attrs.evolve(
        given,
        type=given.type.value,
        status=given.status.value,
        participants=[attrs.evolve(p, role=p.role.value) for p in given.participants],
        actors=list(given.actors),
    )
    assert loose == given
    assert ik.dumps(loose) == ik.dumps(given)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "expected a list or tuple, got string"),  # not a sequence of characters
        (b"abc", "expected a list or tuple, got bytes"),
        ({"name": "x"}, "expected a list or tuple, got object"),
        ({Alias(name="x")}, "expected a list or tuple, got set"),  # no order to keep
        (iter([Alias(name="x")]), "expected a list or tuple, got list_iterator"),
        (5, "expected a list or tuple, got integer"),
    ],
)
def test_what_is_not_a_sequence_is_refused_at_the_fields_path(value: Any, message: str) -> None:
    assert problems(lambda: Person(id="amin", name="Amin", aliases=value)) == [
        ("$.aliases", message)
    ]


def test_bad_items_are_refused_at_their_paths() -> None:
    assert problems(lambda: Person(id="amin", name="Amin", aliases=[Alias(name="x"), 5])) == [
        ("$.aliases[1]", "expected Alias, got integer")
    ]
    refused = problems(lambda: Incident(**_incident(tags=["ok", "ok"])))
    assert refused == [("$.tags", "items must be unique")]


def test_a_bad_enum_value_is_worded_as_from_dict_words_it() -> None:
    for bad in ("Acronym", 3, None, ""):
        built = problems(lambda bad=bad: Alias(name="IEA", kind=bad))
        with pytest.raises(ValidationError) as read:
            ik.from_dict({"name": "IEA", "kind": bad}, Alias)
        assert built == [(p.path, p.message) for p in read.value.errors], bad
        assert built[0][0] == "$.kind"
    assert problems(lambda: Alias(name="IEA", kind=Role.PERPETRATOR)) == [
        ("$.kind", "expected AliasKind, got Role.PERPETRATOR")
    ]


def test_every_problem_is_reported_together() -> None:
    refused = problems(lambda: Participant(actor="x y", role="boss"))
    assert [path for path, _ in refused] == ["$.actor", "$.role"]


def _incident(**changes: Any) -> dict[str, Any]:
    given = examples.INCIDENT
    fields = {a.name: getattr(given, a.name) for a in attrs.fields(Incident)}
    fields.pop("type")  # the tag-like field is an argument like any other
    return {**fields, "type": given.type, **changes}


def _loosened_fields() -> Iterator[tuple[str, str]]:
    """(class.field, its annotation as written) for every tuple and enum field."""
    for registration in registered():
        cls = registration.type
        if not isinstance(cls, type):
            continue
        for info in record_info(cls).fields:
            node = info.node.inner if isinstance(info.node, OptionalNode) else info.node
            if isinstance(node, (TupleNode, EnumNode)) and not info.is_tag:
                declared = next(
                    vars(klass)["__annotations__"][info.name]
                    for klass in cls.__mro__
                    if info.name in vars(klass).get("__annotations__", {})
                )
                yield f"{cls.__name__}.{info.name}", declared


def test_type_checkers_are_told_what_every_constructor_converts() -> None:
    # A tuple or enum field declared without Items/OneOf would still convert when
    # run, but mypy would refuse the list or the string that the constructor takes.
    wrong = [
        name
        for name, annotation in _loosened_fields()
        if not annotation.startswith(("Items[", "OneOf["))
    ]
    assert wrong == []
    assert len(list(_loosened_fields())) > 30


class Mood(DocEnum):
    CALM = "calm", "Calm."
    TENSE = "tense", "Tense."


def test_a_tuple_of_enum_members_takes_their_values() -> None:
    @record
    class Moods(Model):
        """A declared class with a tuple of enum members (the library has none)."""

        moods: Items[Mood] = field(factory=tuple, description="Moods.")
        last: OneOf[Mood | None] = field(default=None, description="The last mood.")

    try:
        assert Moods(moods=["calm", Mood.TENSE], last="tense") == Moods(
            moods=(Mood.CALM, Mood.TENSE), last=Mood.TENSE
        )
        assert Moods(moods=("calm",)).moods == (Mood.CALM,)
        assert problems(lambda: Moods(moods=["calm", "angry"])) == [
            ("$.moods[1]", "'angry' is not one of: 'calm', 'tense'")
        ]
    finally:
        unregister(Moods)
