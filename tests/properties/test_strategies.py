"""The public Hypothesis strategies: valid records, pins, realistic shapes, and the
registration that makes ``st.from_type`` work downstream."""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import re
import subprocess
import sys
from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import incidentkit as ik
from _paths import ROOT
from incidentkit import strategies as iks
from incidentkit._hypothesis_plugin import record_classes

CLASSES = record_classes()


class _Found(Exception):
    pass


def occurs(strategy: st.SearchStrategy[Any], condition: Any, max_examples: int = 1_000) -> Any:
    """A value of ``strategy`` meeting ``condition`` (fails if none is drawn).

    Like hypothesis.find, but without shrinking, which is slow for large records."""
    found = []

    @settings(max_examples=max_examples, phases=[Phase.generate], database=None, derandomize=True)
    @given(strategy)
    def probe(value: Any) -> None:
        if condition(value):
            found.append(value)
            raise _Found

    with contextlib.suppress(_Found):
        probe()
    assert found, f"no example in {max_examples} met the condition"
    return found[0]


def test_every_record_class_has_a_strategy() -> None:
    # That what they draw passes every rule is the property tests' job
    # (tests/properties/test_properties.py), so no count of rules is kept here.
    for cls in CLASSES:
        assert isinstance(iks.for_type(cls), st.SearchStrategy), cls


# Validity and round trips of every class's records: tests/properties/test_properties.py.
@pytest.mark.slow
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_from_type_resolves_every_record_class(cls: type, data: st.DataObject) -> None:
    assert type(data.draw(st.from_type(cls))) is cls


@given(st.from_type(ik.Actor))  # type: ignore[arg-type]
def test_from_type_resolves_the_actor_union(actor: Any) -> None:
    assert isinstance(actor, (ik.Person, ik.Organization, ik.Group))


@pytest.mark.slow
@given(iks.incidents(type=ik.IncidentType.ARMED_CLASH, country="AF"))
def test_incident_pins(incident: ik.Incident) -> None:
    assert incident.type is ik.IncidentType.ARMED_CLASH
    assert incident.where.country == "AF"


@given(iks.counts(best=st.integers(10, 20), qualifier=ik.CountQualifier.ABOUT))
def test_pins_take_values_or_strategies(count: ik.Count) -> None:
    assert 10 <= count.best <= 20
    assert count.qualifier is ik.CountQualifier.ABOUT


@given(iks.times(tz="Asia/Kathmandu", precision=ik.TimePrecision.MINUTE))
def test_time_pins(time: ik.Time) -> None:
    # +05:30 until 1986, +05:45 since.
    assert time.at.utcoffset() in (timedelta(hours=5, minutes=30), timedelta(hours=5, minutes=45))
    assert time.at.second == 0


@given(iks.times(part_of_day=ik.PartOfDay.NIGHT))
def test_pinning_a_part_of_day_implies_its_precision(time: ik.Time) -> None:
    assert time.precision is ik.TimePrecision.PART_OF_DAY
    assert time.at.hour == 22


@given(st.data())
def test_times_after_end_after_the_start(data: st.DataObject) -> None:
    first = data.draw(iks.times())
    second = data.draw(iks.times(after=first))
    assert second.latest > first.earliest


@pytest.mark.slow
@given(iks.defections(country="UA"))
def test_defections_leave_one_organisation_for_another(defection: ik.Defection) -> None:
    kinds = {a.id: type(a) for a in defection.actors}
    assert kinds[defection.from_organization] is ik.Organization
    assert kinds[defection.to_organization] is ik.Organization
    assert kinds[defection.defector] in (ik.Person, ik.Group)
    assert defection.where is not None
    assert defection.where.country == "UA"


@given(iks.locations(max_depth=1))
def test_location_nesting_is_bounded(location: ik.Location) -> None:
    depth = 0
    while location.relative is not None:
        location = location.relative.anchor
        depth += 1
    assert depth <= 1


@pytest.mark.slow
def test_pinned_actors_are_used_and_referenced() -> None:
    mine = (ik.Organization(id="a", name="A"), ik.Person(id="p", name="P"))
    found = occurs(iks.incidents(actors=mine), lambda i: bool(i.participants and i.memberships))
    assert found.actors == mine
    assert {p.actor for p in found.participants} <= {"a", "p"}
    assert found.memberships[0].organization == "a"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: iks.counts(bset=1), "Count has no field 'bset'"),
        (lambda: iks.incidents(country="AF", where=None), "either where or country"),
        (lambda: iks.actors(category=None), "every actor has"),
        (lambda: iks.for_type(int), "not an incidentkit record class"),
        (lambda: iks.from_field(ik.Count, "nope"), "Count has no field 'nope'"),
    ],
)
def test_bad_arguments_are_reported_at_once(make: Any, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        make()


def test_pins_that_break_a_rule_raise_validation_error() -> None:
    with pytest.raises(ik.ValidationError, match="low"):
        find(iks.counts(best=1, low=5, qualifier=ik.CountQualifier.ABOUT), lambda _: True)


# Realistic shapes: each is found, so each can be generated.
SHAPES: list[tuple[st.SearchStrategy[Any], Any]] = [
    (iks.times(), lambda t: t.at.utcoffset() == timedelta(hours=4, minutes=30)),
    (iks.times(), lambda t: t.at.utcoffset() == timedelta(hours=5, minutes=45)),
    (iks.times(), lambda t: t.tz == "Asia/Kabul"),
    (iks.times(tz="America/New_York"), lambda t: t.at.utcoffset() == timedelta(hours=-4)),
    (iks.times(), lambda t: t.margin_seconds is not None and t.approximate),
    (iks.aliases(), lambda a: a.kind is ik.AliasKind.TRANSLITERATION and a.script == "Latn"),
    (iks.people(), lambda p: any(ord(c) > 0x600 for c in p.name)),
    (iks.locations(), lambda loc: loc.relative is not None and loc.relative.anchor.relative),
    (iks.claims(), lambda c: c.claimant is not None and c.source is not None),
    (iks.incidents(), lambda i: any(c.target not in (None, "$") for c in i.claims)),
    (
        iks.incidents(),
        lambda i: any(isinstance(a, ik.Organization) and a.parent for a in i.actors),
    ),
    (iks.incidents(), lambda i: i.until is not None and i.extensions),
]
SHAPES += [(iks.times(), lambda t, p=p: t.precision is p) for p in ik.TimePrecision]
SHAPES += [(iks.times(), lambda t, p=p: t.part_of_day is p) for p in ik.PartOfDay]
SHAPES += [(iks.counts(), lambda c, q=q: c.qualifier is q and c.low) for q in ik.CountQualifier]
SHAPES += [(iks.locations(), lambda loc, p=p: loc.precision is p) for p in ik.GeoPrecision]


@pytest.mark.slow
@pytest.mark.parametrize(("strategy", "condition"), SHAPES)
def test_realistic_shapes_are_generated(strategy: st.SearchStrategy[Any], condition: Any) -> None:
    occurs(strategy, condition)


@pytest.mark.slow
def test_times_include_the_second_pass_of_a_repeated_hour() -> None:
    def second_pass(t: ik.Time) -> bool:
        return t.at.utcoffset() == timedelta(hours=-5) and t.at.month == 11 and t.at.hour == 1

    strategy = iks.times(tz="America/New_York", precision=ik.TimePrecision.HOUR)
    found = occurs(strategy, second_pass, max_examples=5_000)
    assert ik.loads(ik.dumps(found), ik.Time) == found


def test_from_field_is_derived_from_the_declaration() -> None:
    best = attrs.fields(ik.Count).best
    value = find(iks.from_field(ik.Count, "best"), lambda n: n > 10**6)
    assert best.metadata  # the declaration exists, and the bound it sets holds:
    assert value <= 2**53 - 1
    assert find(iks.from_field(ik.Location, "country"), lambda c: c == "XK") == "XK"


# ---------------------------------------------------------------- registration


def _run(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    return result.stdout.strip()


def test_entry_point_is_installed() -> None:
    points = importlib.metadata.entry_points(group="hypothesis")
    assert "incidentkit._hypothesis_plugin:_hypothesis_setup_hook" in {p.value for p in points}


@pytest.mark.slow
def test_from_type_works_downstream_without_importing_the_strategies() -> None:
    code = (
        "import sys\n"
        "from hypothesis import strategies as st\n"
        "import incidentkit as ik\n"
        "assert 'incidentkit.strategies' not in sys.modules\n"
        "incident = st.from_type(ik.Incident).example()\n"
        "assert ik.loads(ik.dumps(incident), ik.Incident) == incident\n"
        "print(type(incident).__name__)\n"
    )
    assert _run(code) == "Incident"


@pytest.mark.slow
def test_importing_the_strategies_first_is_safe() -> None:
    # Importing the module imports Hypothesis, which runs our hook mid-import.
    code = (
        "import incidentkit.strategies as s, incidentkit as ik\n"
        "from hypothesis import strategies as st\n"
        "print(type(st.from_type(ik.Count).example()).__name__)\n"
    )
    assert _run(code) == "Count"
    assert _run(code, HYPOTHESIS_NO_PLUGINS="1") == "Count"


def test_importing_incidentkit_does_not_import_hypothesis() -> None:
    code = "import sys, incidentkit; print('hypothesis' in sys.modules)"
    assert _run(code) == "False"


# ---------------------------------------------------------------- the docs page

DOCS = ROOT / "docs" / "strategies.md"


@pytest.mark.slow
def test_docs_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 2
    for block in blocks:
        namespace: dict[str, Any] = {}
        exec(compile(block, str(DOCS), "exec"), namespace)
        tests = [f for name, f in namespace.items() if name.startswith("test_")]
        for test in tests:
            test()  # each is a Hypothesis test: it runs its examples
        for value in namespace.values():
            if isinstance(value, st.SearchStrategy):
                occurs(value, lambda _: True, max_examples=5)  # every strategy shown draws
