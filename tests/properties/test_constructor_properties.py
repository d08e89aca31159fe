"""Property: a generated record rebuilt through its constructors, with lists for
every tuple and the wire value for every enum member, is the same record."""

from __future__ import annotations

from enum import Enum
from typing import Any

from hypothesis import given, settings

import incidentkit as ik
from incidentkit import strategies as iks
from incidentkit._fields import Model
from incidentkit._typetree import record_info


def loosened(value: Any) -> Any:
    """``value`` rebuilt through the constructors, as loosely as they allow."""
    if isinstance(value, Model):
        fields = record_info(type(value)).fields
        given = {f.name: loosened(getattr(value, f.name)) for f in fields if not f.is_tag}
        return type(value)(**given)
    if isinstance(value, tuple):
        return [loosened(item) for item in value]
    if isinstance(value, Enum):
        return value.value  # a plain str, not the member
    return value


def _assert_rebuilds(record: Any) -> None:
    rebuilt = loosened(record)
    assert rebuilt == record
    assert ik.dumps(rebuilt) == ik.dumps(record)


@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(iks.for_type(ik.Incident) | iks.for_type(ik.Defection))
def test_lists_and_enum_values_build_the_same_record(record: Any) -> None:
    _assert_rebuilds(record)


@settings(max_examples=5)  # bundles are large; their records are tested above
@given(iks.for_type(ik.Bundle))
def test_lists_and_enum_values_build_the_same_bundle(bundle: ik.Bundle) -> None:
    _assert_rebuilds(bundle)
