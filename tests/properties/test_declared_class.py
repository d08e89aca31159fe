"""One declaration is enough: a record class declared here, with every kind of field,
and nothing else in the library touched, is read and written by the codec, described
by the schema (which agrees with the library on its breakages), drawn by the
strategies, checked by the reference rules and named in the interop loss reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import incidentkit as ik
import incidentkit.strategies as iks
from _mutations import mutations
from incidentkit._fields import DocEnum, Model, field, id_field, record, tag_field
from incidentkit._record import Record
from incidentkit._typetree import register, registered, unregister


class Shade(DocEnum):
    """How dark a widget is."""

    LIGHT = "light", "Pale."
    DARK = "dark", "Deep."


@record
class Widget(Model):
    """A nested record."""

    size: int = field(ge=0, le=10, description="How big.")
    label: str = field(min_length=1, max_length=12, pattern=r"^[a-z]+$", description="A label.")


@record
class Gadget(Model):
    """One member of a tagged union."""

    type: Literal["gadget"] = tag_field("gadget", description="Tag.")
    weight: float = field(ge=0, le=100, description="How heavy.")


@record
class Gizmo(Model):
    """The other member."""

    type: Literal["gizmo"] = tag_field("gizmo", description="Tag.")
    parts: int = field(ge=1, le=5, description="How many parts.")


@record(document=True, rank=100)
class Holder(Record):
    """A top-level record declared by a test."""

    thing: Gadget | Gizmo = field(description="A tagged union.")
    owner: str = id_field(refers_to="actors", description="An actor of the record.")
    widget: Widget | None = field(default=None, description="An optional record.")
    widgets: tuple[Widget, ...] = field(factory=tuple, max_items=3, description="Records.")
    shade: Shade = field(default=Shade.LIGHT, description="An enum.")
    code: str = field(default="aa", choices=("aa", "bb"), description="Allowed values.")
    score: float | None = field(default=None, gt=0, lt=1, description="A bounded number.")


@record
class TolledIncident(ik.Incident):
    """An incident with a field the ACLED and UCDP writers know nothing of."""

    widget: Widget | None = field(default=None, description="A record no format holds.")


#: Declaring the classes registered them; they leave the registry at once (the
#: module is imported when pytest collects, before other modules' tests run, whose
#: registry-derived results, such as the schema bundle, must not include them) and
#: come back only while this module's tests run.
_DECLARED = [r for r in registered() if r.type in (Widget, Gadget, Gizmo, Holder, TolledIncident)]
for _entry in _DECLARED:
    unregister(_entry.type)


@pytest.fixture(scope="module", autouse=True)
def _registered() -> Iterator[None]:
    """The classes are in the registry while this module runs, and only then."""
    for entry in _DECLARED:
        register(
            entry.type,
            name=entry.name,
            schema=entry.schema,
            document=entry.document,
            rank=entry.rank,
        )
    yield
    for entry in _DECLARED:
        unregister(entry.type)


#: Built when first drawn, inside this module's tests (when Holder is registered).
HOLDERS = st.deferred(lambda: iks.for_type(Holder))


def test_the_declaration_registers_the_class() -> None:
    assert Holder in {r.type for r in registered() if r.document}


@pytest.mark.slow
@settings(max_examples=30)
@given(holder=HOLDERS)
def test_strategies_draw_valid_records_that_round_trip(holder: Holder) -> None:
    assert type(holder) is Holder
    assert holder.owner in {actor.id for actor in holder.actors}
    assert ik.from_dict(ik.to_dict(holder), Holder) == holder
    assert ik.loads(ik.dumps(holder), Holder) == holder


def _schema_errors(schema: dict[str, Any], document: Any) -> list[str]:
    """The $-paths of every error a JSON Schema validator reports, including those
    inside a ``oneOf`` (where it says why each member failed)."""
    found: list[str] = []
    pending = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    while pending:
        error = pending.pop()
        found.append("$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                   for p in error.absolute_path))  # fmt: skip
        pending.extend(error.context or ())
    return found


@pytest.mark.slow
@settings(max_examples=15)
@given(holder=HOLDERS, data=st.data())
def test_the_schema_describes_it_and_agrees_on_every_breakage(
    holder: Holder, data: st.DataObject
) -> None:
    schema = ik.json_schema(Holder)
    assert set(schema["properties"]) >= {"thing", "owner", "widget", "widgets", "shade", "code"}
    document = ik.to_dict(holder)
    assert _schema_errors(schema, document) == []
    found = mutations(holder)
    assert {m.kind for m in found} >= {"unknown key", "unknown tag", "above maximum"}
    mutation = data.draw(st.sampled_from(found))
    broken = mutation.apply(document)
    with pytest.raises(ik.ValidationError) as caught:
        ik.from_dict(broken, Holder)
    assert mutation.path in {p.path for p in caught.value.errors}, mutation
    assert mutation.schema_path in _schema_errors(schema, broken), mutation


def test_the_reference_rule_checks_the_declared_id_field() -> None:
    with pytest.raises(ik.ValidationError) as caught:
        Holder(id="h1", thing=Gizmo(parts=2), owner="nobody")
    assert [(p.path, p.message) for p in caught.value.errors] == [
        ("$.owner", "no actor with id 'nobody' in actors")
    ]
    person = ik.Person(id="p1", name="A person")
    assert Holder(id="h1", thing=Gizmo(parts=2), owner="p1", actors=(person,)).owner == "p1"


def test_interop_loss_reports_name_the_declared_field() -> None:
    """The writers report what they cannot hold from the declarations, so a field
    they were never taught is named as lost, not dropped in silence."""
    import attrs

    from incidentkit.examples import INCIDENT
    from incidentkit.interop import acled, ucdp

    values = {a.name: getattr(INCIDENT, a.name) for a in attrs.fields(ik.Incident)}
    incident = TolledIncident(**values, widget=Widget(size=3, label="abc"))
    for write in (acled.to_acled, ucdp.to_ucdp):
        losses: list[ik.Problem] = []
        write(incident, lossy=losses)
        assert any(p.path == "$.widget" for p in losses), (write, losses)
