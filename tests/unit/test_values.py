"""The internal frozen value classes behave as the attrs classes they replace, and
the records left out of ``import incidentkit`` are there when asked for."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from typing import Any

import attrs
import pytest
from attrs.exceptions import FrozenInstanceError

from incidentkit import _values
from incidentkit._constraints import Constraints, Reference
from incidentkit._typetree import RecordNode, TupleNode, UnionNode, registered


@_values.frozen
class Plain:
    a: int
    b: str = "x"
    c: Any = _values.field(default=None, eq=False, repr=False)


@attrs.frozen
class Reference_:  # the same declaration as attrs makes it
    a: int
    b: str = "x"
    c: Any = attrs.field(default=None, eq=False, repr=False)


def test_a_value_class_is_built_compared_and_shown_as_attrs_would() -> None:
    for cls in (Plain, Reference_):
        made = cls(1, b="y", c=[1])  # type: ignore[operator]
        assert (made.a, made.b, made.c) == (1, "y", [1])
        assert made == cls(1, "y", c=[2])  # c is not compared ...
        assert hash(made) == hash(cls(1, "y"))  # ... nor hashed
        assert made != cls(2, "y")
        assert cls(1) == cls(a=1, b="x")
        with pytest.raises(FrozenInstanceError):
            made.a = 2  # type: ignore[misc]
        with pytest.raises(TypeError):
            cls()  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            cls(1, a=1)  # type: ignore[misc]
        with pytest.raises(TypeError):
            cls(1, d=1)  # type: ignore[call-arg]
    assert repr(Plain(1, "y", 3)) == repr(Reference_(1, "y", 3)).replace("Reference_", "Plain")
    assert Plain(1) != Reference_(1)  # another class is never equal
    assert _values.field_names(Plain) == ("a", "b", "c")


@pytest.mark.parametrize(
    "value",
    [
        Constraints(description="d", ge=1, refers_to=Reference("actors", kinds=("group",))),
        TupleNode(RecordNode(Constraints), 1, None, True, int),
        Plain(1, "y"),
    ],
    ids=repr,
)
def test_value_classes_pickle_and_copy(value: Any) -> None:
    for copied in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert copied == value
        assert type(copied) is type(value)


def test_union_nodes_compare_without_their_annotation() -> None:
    node = UnionNode((int, str), "type", (("a", int), ("b", str)), annotation=int | str)
    assert node == UnionNode((int, str), "type", (("a", int), ("b", str)))


def test_records_left_for_first_use_are_imported_when_listed_or_named() -> None:
    code = (
        "import sys, incidentkit\n"
        "lazy = ['incidentkit.bundle', 'incidentkit.defection', 'incidentkit.countphrases']\n"
        "print([m for m in lazy if m in sys.modules])\n"
        "from incidentkit import Bundle, Defection\n"
        "print(Bundle.__module__, Defection.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "incidentkit.bundle incidentkit.defection"]
    names = [r.name for r in registered()]
    assert {"Incident", "Defection", "Bundle", "CrossRecordFact"} <= set(names)


def test_records_show_themselves_as_attrs_would() -> None:
    """Model.__repr__ stands in for the one attrs would compile for each record."""
    from incidentkit import examples

    def attrs_repr(value: Any) -> str:  # attrs' format, field by field
        if not attrs.has(type(value)):
            if isinstance(value, tuple):
                inner = ", ".join(map(attrs_repr, value))
                return f"({inner},)" if len(value) == 1 else f"({inner})"
            return repr(value)
        shown = ", ".join(
            f"{a.name}={attrs_repr(getattr(value, a.name))}" for a in attrs.fields(type(value))
        )
        return f"{type(value).__qualname__}({shown})"

    for record in examples.RECORDS:
        assert repr(record) == attrs_repr(record)


def test_records_compare_and_hash_by_their_fields() -> None:
    from incidentkit import examples
    from incidentkit.time import Time

    for record in examples.RECORDS:
        twin = copy.deepcopy(record)
        assert twin == record
        assert not twin != record  # noqa: SIM202 - __ne__ too
        assert record != attrs.evolve(record, id=record.id + "-x")
        assert record != "a string"
        assert record.__eq__(None) is NotImplemented
    when = examples.INCIDENT.when
    assert isinstance(when, Time)
    assert hash(copy.deepcopy(when)) == hash(when)
    assert when != attrs.evolve(when, approximate=not when.approximate)
    with pytest.raises(TypeError):  # extensions are a dict, as with attrs' own hash
        hash(examples.INCIDENT)
