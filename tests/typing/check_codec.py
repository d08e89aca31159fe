"""Static types of the codec (checked by mypy, never run): from_dict, loads,
iter_jsonl and friends give the class they are asked for."""
# mypy: enable-error-code="ignore-without-code"

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

from incidentkit import (
    Actor,
    Count,
    Group,
    Incident,
    JsonLinesReader,
    Organization,
    Person,
    ValidationError,
    dumps,
    from_dict,
    iter_jsonl,
    loads,
    to_dict,
    write_jsonl,
)


def codec(data: dict[str, Any], text: str, raw: bytes, lines: list[str]) -> None:
    incident = from_dict(data, Incident)
    assert_type(incident, Incident)
    assert_type(from_dict(data, Count), Count)
    assert_type(loads(text, Incident), Incident)
    assert_type(loads(raw, Count, max_bytes=1024), Count)
    assert_type(to_dict(incident), dict[str, Any])
    assert_type(dumps(incident, indent=True), str)

    reader = iter_jsonl(lines, Incident, on_error="collect")
    assert_type(reader, JsonLinesReader[Incident])
    for record in reader:
        assert_type(record, Incident)
    assert_type(reader.errors, list[ValidationError])
    assert_type(write_jsonl([incident], open("out.jsonl", "w")), int)  # noqa: SIM115

    # Actor is a union, not a class: a TypeForm overload (PEP 747) names the result.
    assert_type(from_dict(data, Actor), Person | Organization | Group)
    assert_type(loads(text, Actor), Person | Organization | Group)
    actor = from_dict(data, Actor)
    assert_type(actor.id, str)
    assert_type(iter_jsonl(lines, Actor), JsonLinesReader[Person | Organization | Group])
    assert_type(JsonLinesReader(lines, Actor), JsonLinesReader[Person | Organization | Group])
    for each in iter_jsonl(lines, Actor, on_error="collect"):
        assert_type(each, Person | Organization | Group)


def misuses(data: dict[str, Any], text: str, lines: list[str]) -> None:
    """Each line is a mistake the type checker must catch; if one stops being an
    error, its ignore is unused and mypy (warn_unused_ignores) fails."""
    print(from_dict(data, Incident).no_such_field)  # type: ignore[attr-defined]
    wrong: Count = loads(text, Incident)  # type: ignore[assignment]
    iter_jsonl(lines, Count, on_error="skip")  # type: ignore[call-overload]
    iter_jsonl(lines, 3)  # type: ignore[call-overload]
    people: JsonLinesReader[Person] = iter_jsonl(lines, Actor)  # type: ignore[call-overload]
    del people
    loads(text, Count, 1024)  # type: ignore[call-overload]
    dumps(from_dict(data, Count), indent=2)  # type: ignore[arg-type]
    from_dict(data, 3)  # type: ignore[call-overload]
    wrong_actor: Incident = from_dict(data, Actor)  # type: ignore[assignment]
    del wrong_actor
    del wrong
