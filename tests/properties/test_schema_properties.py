"""Property tests between the library and its JSON Schemas, in both directions.

Library -> schema: every generated record's wire form is valid against its
schema (2020-12 and draft-07), and every single-field breakage of it (wrong type,
out of bounds, too long or short, bad pattern, enum value or key, duplicate item,
unknown key) is refused by the library and by the schema, each naming that field.

Schema -> library: documents generated from the draft-07 schema by
hypothesis-jsonschema either load, or fail only because they break one of the
documented cross-field rules (which a schema cannot state): with the rules switched
off, every one of them loads.

hypothesis-jsonschema cannot follow a recursive ``$ref`` (a Location's ``relative``
position has an ``anchor`` that is a Location): the test inlines the references and
stops the recursion after one nested relative position (see ``unrolled``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

import incidentkit as ik
from _mutations import draw_mutation
from incidentkit import _model
from incidentkit import strategies as iks
from incidentkit._caches import clear_caches
from incidentkit._hypothesis_plugin import record_classes
from incidentkit.errors import join_path

jsonschema = pytest.importorskip(
    "jsonschema", reason="jsonschema is in the test extra: pip install -e '.[test]'"
)
hypothesis_jsonschema = pytest.importorskip(
    "hypothesis_jsonschema", reason="hypothesis-jsonschema is in the test extra"
)

TARGETS: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (cls, iks.for_type(cls)) for cls in record_classes()
]
TARGETS.append((ik.Actor, iks.actors()))
IDS = [getattr(target, "__name__", "Actor") for target, _ in TARGETS]
by_target = pytest.mark.parametrize(("target", "strategy"), TARGETS, ids=IDS)

#: Each example is validated by jsonschema too, and the documents of
#: hypothesis-jsonschema are slow to draw: all of this module is in the slow set.
pytestmark = pytest.mark.slow

VALIDATORS = {"2020-12": jsonschema.Draft202012Validator, "draft-07": jsonschema.Draft7Validator}


@functools.cache
def validator(target: Any, dialect: str) -> Any:
    cls = VALIDATORS[dialect]
    return cls(ik.json_schema(target, dialect), format_checker=cls.FORMAT_CHECKER)


def _error_paths(errors: Any) -> Iterator[str]:
    """The $-paths of schema errors, including those inside oneOf/anyOf branches."""
    for error in errors:
        path = "$"
        for key in error.absolute_path:
            path = join_path(path, key)
        yield path
        yield from _error_paths(error.context or ())


# ---------------------------------------------------------------- library -> schema


@by_target
@given(data=st.data())
def test_generated_records_are_valid_against_their_schema(
    target: Any, strategy: Any, data: st.DataObject
) -> None:
    wire = ik.to_dict(data.draw(strategy))
    for dialect in VALIDATORS:
        errors = [e.message for e in validator(target, dialect).iter_errors(wire)]
        assert errors == [], dialect


@by_target
@given(data=st.data())
def test_a_broken_field_is_refused_by_library_and_schema_at_that_field(
    target: Any, strategy: Any, data: st.DataObject
) -> None:
    record = data.draw(strategy)
    mutation = draw_mutation(data, record)
    broken = mutation.apply(ik.to_dict(record))
    _, error = load(broken, target)
    assert error is not None, f"the library accepts {mutation}"
    note(str(error))
    assert mutation.path in error.paths
    for dialect in VALIDATORS:
        errors = list(validator(target, dialect).iter_errors(broken))
        assert errors, f"the {dialect} schema accepts {mutation}"
        paths = sorted(set(_error_paths(errors)))
        assert mutation.schema_path in paths, (dialect, paths)


# ---------------------------------------------------------------- schema -> library


#: Most items per array and keys per open object in generated documents: big
#: enough for every rule about lists (unique ids, references), small enough that a
#: whole incident is generated in milliseconds rather than seconds.
MAX_ITEMS = 3


def unrolled(schema: dict[str, Any], repeats: int = 2) -> dict[str, Any]:
    """``schema`` with every ``$ref`` inlined, for hypothesis-jsonschema; a
    reference met more than ``repeats`` times on one branch becomes ``false``, which
    ends the recursion (the optional field that led there can then only be absent or
    null). Arrays and open objects get at most MAX_ITEMS entries. Every document
    valid against the result is valid against ``schema``."""
    definitions = schema.get("definitions", {})

    def resolve(ref: str) -> dict[str, Any]:
        if ref == "#":
            return schema
        prefix = "#/definitions/"
        assert ref.startswith(prefix), ref
        found: dict[str, Any] = definitions[ref[len(prefix) :]]
        return found

    def inline(node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, stack) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = node["$ref"]
            if stack.count(ref) >= repeats:
                return {"not": {}}
            return inline(resolve(ref), (*stack, ref))
        out = {k: inline(v, stack) for k, v in node.items() if k != "definitions"}
        if out.get("type") == "array":
            out["maxItems"] = min(out.get("maxItems", MAX_ITEMS), MAX_ITEMS)
        elif out.get("type") == "object" and "properties" not in out:
            out["maxProperties"] = min(out.get("maxProperties", MAX_ITEMS), MAX_ITEMS)
        return out

    return inline(schema, ("#",))  # type: ignore[no-any-return]


@functools.cache
def schema_documents(target: Any) -> st.SearchStrategy[Any]:
    return hypothesis_jsonschema.from_schema(unrolled(ik.json_schema(target, "draft-07")))


@contextmanager
def rules_off() -> Iterator[None]:
    """Build records with their field checks only, no cross-field rules."""
    with mock.patch.object(_model, "rule_methods", return_value=[]):
        clear_caches()
        try:
            yield
        finally:
            clear_caches()


def broken_rules(obj: Any) -> list[str]:
    """The documented rules that ``obj`` or a record inside it breaks. As when
    records are built, a record's own rules count only when its parts pass theirs."""
    if isinstance(obj, tuple):
        return [rule for item in obj for rule in broken_rules(item)]
    if not attrs.has(type(obj)):
        return []
    inner = [rule for a in attrs.fields(type(obj)) for rule in broken_rules(getattr(obj, a.name))]
    if inner:
        return inner
    methods = _model.rule_methods(type(obj))
    return [m.__incidentkit_rule__ for m in methods if list(m(obj))]  # type: ignore[attr-defined]


SCHEMA_TARGETS = [target for target, _ in TARGETS]


#: hypothesis-jsonschema takes up to a second for one incident: a quarter of the
#: profile's examples (25 per class in CI, over 20 classes).
QUARTER = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("target", SCHEMA_TARGETS, ids=IDS)
@QUARTER
@given(data=st.data())
def test_schema_documents_load_or_break_only_documented_rules(
    target: Any, data: st.DataObject
) -> None:
    document = data.draw(schema_documents(target), label="document")
    record, error = load(document, target)
    if error is None:
        event("loads")
        assert ik.from_dict(ik.to_dict(record), target) == record
        return
    note(str(error))
    with rules_off():
        unchecked, beyond = load(document, target)
    if beyond is not None:
        # The one field-level check a schema cannot state, which the schema documents
        # instead: JSON in extensions nests at most 64 deep and its integers fit in
        # 64 bits (at the top, or in a record a bundle holds).
        # (A key is written bracketed, or after a dot where it is a plain name.)
        in_extensions = re.compile(r"\.extensions(\[|\.)")
        assert all(in_extensions.search(p.path) for p in beyond.errors), beyond
        event("breaks: the documented limits on extensions values")
        return
    rules = sorted(set(broken_rules(unchecked)))
    assert rules, "rejected, though no documented rule is broken"
    for rule in rules:
        event(f"breaks: {rule}")


def load(document: Any, target: Any) -> tuple[Any, ik.ValidationError | None]:
    """(the record, None), or (None, the ValidationError); nothing else is raised."""
    try:
        return ik.from_dict(document, target), None
    except ik.ValidationError as exc:
        return None, exc
