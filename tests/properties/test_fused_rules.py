"""The fused rule tests (``rule(holds=...)``) are held to the rules they stand for:
wherever a rule's ``holds`` expression is true, the rule finds nothing. The values
tried are records drawn by ``incidentkit.strategies`` with fields swapped in from
another record of the same class, unchecked: every field well typed (as the rules
assume), their combination anything, so that every rule is also seen broken."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentkit import Time
from incidentkit import strategies as iks
from incidentkit._hypothesis_plugin import record_classes
from incidentkit._model import _HOLDS, rule_methods, rules_hold

FUSED = [
    cls
    for cls in record_classes()
    if cls.__module__.startswith("incidentkit.") and rules_hold(cls) is not None
]


def _unchecked(cls: type, values: dict[str, Any]) -> Any:
    """An instance of ``cls`` with these field values, built without its checks."""
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


def _mixed(cls: type) -> st.SearchStrategy[Any]:
    @st.composite
    def build(draw: st.DrawFn) -> Any:
        first, second = draw(iks.for_type(cls)), draw(iks.for_type(cls))
        values = {}
        for attribute in attrs.fields(cls):
            source = second if draw(st.booleans()) else first
            values[attribute.name] = getattr(source, attribute.name)
        return _unchecked(cls, values)

    return build()


def test_every_class_with_rules_has_a_fused_test() -> None:
    names = {cls.__name__ for cls in FUSED}
    assert {"Time", "Incident", "Count", "Casualties", "Location", "Claim"} <= names


@pytest.mark.parametrize("cls", FUSED, ids=lambda c: c.__name__)
@pytest.mark.slow
@settings(max_examples=60)
@given(data=st.data())
def test_a_rule_holds_wherever_its_fused_test_says_so(cls: type, data: st.DataObject) -> None:
    obj = data.draw(_mixed(cls))
    test, rest = rules_hold(cls) or (None, [])
    assert test is not None
    verdicts = []
    for method in rule_methods(cls):
        expression = getattr(method, _HOLDS, None)
        if expression is None:
            assert method in rest
            continue
        holds = eval(f"lambda self: {expression}", method.__globals__)
        try:
            verdict = bool(holds(obj))
        except (OverflowError, ValueError):  # the rule sees such values as broken too
            verdict = False
        verdicts.append(verdict)
        if verdict:
            assert list(method(obj)) == [], (method.__qualname__, obj)
    try:
        fused = bool(test(obj))
    except (OverflowError, ValueError):
        fused = False
    assert fused == all(verdicts)


@settings(max_examples=200)
@given(first=iks.for_type(Time), second=iks.for_type(Time))
def test_a_later_start_ends_after_an_earlier_time_begins(first: Time, second: Time) -> None:
    """The shortcut of the ordering rules of Incident and Membership: a time whose
    ``at`` is later than another's ends after the other's earliest instant."""
    if second.at > first.at:
        assert second.latest > first.earliest
    assert first.latest > first.at >= first.earliest


def test_enum_members_are_bound_once_and_shadowed_names_left_alone() -> None:
    from incidentkit._model import _members_bound
    from incidentkit.location import GeoPrecision

    namespace = {"GeoPrecision": GeoPrecision}
    text, members = _members_bound("self.precision is GeoPrecision.EXACT", namespace)
    assert text == "self.precision is _GeoPrecision_EXACT"
    assert members == {"_GeoPrecision_EXACT": GeoPrecision.EXACT}
    shadowed = "[GeoPrecision.NEAR for GeoPrecision in self.x] and (lambda self: self.NEAR)"
    assert _members_bound(shadowed, namespace) == (shadowed, {})
