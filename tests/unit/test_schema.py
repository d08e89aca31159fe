"""The JSON Schemas: well-formed in each dialect, shaped for partners' tools, and in
agreement with the library in both directions."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import incidentkit
from incidentkit import Incident, ValidationError, examples, from_dict, json_schema, to_dict
from incidentkit._fields import Model, constraints_of, is_tag, rules_of
from incidentkit.schema import DIALECTS, SCHEMA_TYPES, schema_files
from schema_cases import MUTATIONS, mutated

jsonschema = pytest.importorskip(
    "jsonschema", reason="jsonschema is in the test extra: pip install -e '.[test]'"
)
Draft202012Validator = jsonschema.Draft202012Validator
Draft7Validator = jsonschema.Draft7Validator

VALIDATORS = {"2020-12": Draft202012Validator, "draft-07": Draft7Validator}
BUNDLE = "incidentkit.schema.json"
MODELS = sorted(
    (
        getattr(incidentkit, n)
        for n in incidentkit.__all__
        if isinstance(getattr(incidentkit, n), type) and issubclass(getattr(incidentkit, n), Model)
    ),
    key=lambda c: c.__name__,
)


def validator(dialect: str, schema: dict[str, Any]) -> Any:
    cls = VALIDATORS[dialect]
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def walk(node: Any, path: str = "#") -> Iterator[tuple[str, Any]]:
    """Every sub-schema (every dict) of a schema document, with where it is."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


# ---------------------------------------------------------------- well-formed


@pytest.mark.slow
@pytest.mark.parametrize("dialect", ["2020-12", "draft-07"])
def test_every_schema_passes_its_meta_schema(dialect: str) -> None:
    files = schema_files(dialect)  # type: ignore[arg-type]
    assert set(files) == {f"{stem}.schema.json" for stem in SCHEMA_TYPES} | {BUNDLE}
    for schema in files.values():
        VALIDATORS[dialect].check_schema(schema)
    for cls in MODELS:
        VALIDATORS[dialect].check_schema(json_schema(cls, dialect))  # type: ignore[arg-type]


def test_openapi_documents_pass_the_openapi_meta_schema() -> None:
    spec = pytest.importorskip(
        "openapi_spec_validator",
        reason="openapi-spec-validator is installed by .ci/run (partner toolchains)",
    )
    for schema in schema_files("openapi-3.0").values():
        spec.validate(schema)
    for cls in MODELS:
        spec.validate(json_schema(cls, "openapi-3.0"))


def test_unknown_dialect_and_non_records_are_refused() -> None:
    with pytest.raises(ValueError, match="draft-07"):
        json_schema(Incident, "draft-04")  # type: ignore[arg-type]
    for not_a_record in (int, dict, int | str):
        with pytest.raises(TypeError, match="record class"):
            json_schema(not_a_record)


def test_output_is_deterministic_and_ids_carry_the_version() -> None:
    first = json.dumps(schema_files(), sort_keys=False)
    assert json.dumps(schema_files(), sort_keys=False) == first
    for name, schema in schema_files().items():
        assert schema["$id"].endswith(f"/{incidentkit.__version__}/{name}")
        assert list(schema["$defs"]) == sorted(schema["$defs"])
    assert schema_files("draft-07")[BUNDLE]["$id"].endswith("/draft-07/" + BUNDLE)


# ---------------------------------------------------------------- shape


@pytest.mark.parametrize("dialect", DIALECTS)
def test_shape_that_partner_tools_need(dialect: str) -> None:
    for name, document in schema_files(dialect).items():  # type: ignore[arg-type]
        if dialect != "openapi-3.0":
            assert {"$schema", "$id", "title", "description"} <= set(document), name
        for where, node in walk(document):
            if "$ref" in node:
                assert set(node) == {"$ref"}, f"{name} {where}: $ref with siblings"
            if "properties" in node:
                assert node["type"] == "object", where
                assert node["additionalProperties"] is False, where
                assert set(node.get("required", [])) <= set(node["properties"]), where
                for key, prop in node["properties"].items():
                    assert prop.get("description"), f"{name} {where}/{key}"
                    assert "title" not in prop, f"{name} {where}/{key}"
            if node.get("type") == "object" and "properties" not in node:
                assert where.endswith("/extensions"), where  # the one open object
            if dialect == "openapi-3.0":
                assert "const" not in node
                assert not isinstance(node.get("type", ""), list)
                assert "$defs" not in node
                assert "examples" not in node


def test_fields_map_one_to_one() -> None:
    defs = schema_files()[BUNDLE]["$defs"]
    for cls in MODELS:
        schema = defs[cls.__name__]
        fields = attrs.fields(cls)
        assert list(schema["properties"]) == [a.name for a in fields]
        required = [a.name for a in fields if a.default is attrs.NOTHING or is_tag(a)]
        assert schema.get("required", []) == required
        for rule in rules_of(cls):
            assert f"- {rule}\n" in schema["description"] + "\n"
        for attribute in fields:
            prop = schema["properties"][attribute.name]
            assert prop["description"].startswith(constraints_of(attribute).description)
            if is_tag(attribute):
                assert prop["const"] == attribute.default


def test_tagged_union_is_one_of_with_required_const_tags() -> None:
    actor = json_schema(incidentkit.Actor)
    assert actor["title"] == "Actor"
    assert [b["$ref"] for b in actor["oneOf"]] == [
        "#/$defs/Person",
        "#/$defs/Organization",
        "#/$defs/Group",
    ]
    for branch in ("Person", "Organization", "Group"):
        definition = actor["$defs"][branch]
        assert definition["properties"]["type"]["const"] == branch.lower()
        assert definition["required"][0] == "type"
    assert "discriminator" not in json.dumps(actor)


def test_keywords_for_each_kind_of_constraint() -> None:
    defs = schema_files()[BUNDLE]["$defs"]
    rel = defs["RelativePosition"]["properties"]
    assert rel["bearing"]["type"] == ["number", "null"]
    assert (rel["bearing"]["minimum"], rel["bearing"]["exclusiveMaximum"]) == (0, 360)
    assert rel["anchor"] == {
        "description": "The place the position is relative to.",
        "allOf": [{"$ref": "#/$defs/Location"}],
    }
    assert rel["unit"]["default"] == "km"
    tags = defs["Incident"]["properties"]["tags"]
    assert tags["items"] == {"type": "string", "minLength": 1, "maxLength": 64}
    assert tags["uniqueItems"] is True
    assert tags["default"] == []
    at = defs["Time"]["properties"]["at"]
    assert at["format"] == "date-time"
    assert at["pattern"].startswith("^")
    ext = defs["Incident"]["properties"]["extensions"]
    assert ext["propertyNames"]["pattern"].startswith("^[a-z]")
    assert "64 levels" in ext["description"]
    kind = defs["Person"]["properties"]["kind"]
    assert kind["anyOf"] == [{"$ref": "#/$defs/ActorKind"}, {"type": "null"}]
    country = defs["Location"]["properties"]["country"]
    assert country["anyOf"] == [{"$ref": "#/$defs/CountryCode"}, {"type": "null"}]
    assert "AF" in defs["CountryCode"]["enum"]
    assert defs["CountryCode"]["type"] == "string"
    assert "- `state_forces`: " in defs["ActorKind"]["description"]

    openapi = json_schema(incidentkit.Location, "openapi-3.0")["components"]["schemas"]
    bearing = openapi["RelativePosition"]["properties"]["bearing"]
    assert bearing["nullable"] is True
    assert bearing["exclusiveMaximum"] is True
    actor = json_schema(incidentkit.Actor, "openapi-3.0")["components"]["schemas"]
    assert actor["Person"]["properties"]["type"]["enum"] == ["person"]
    assert "nullable" not in actor["Person"]["properties"]["kind"]  # a $ref: omit, not null
    draft7 = json_schema(incidentkit.Location, "draft-07")
    assert "definitions" in draft7
    assert "$defs" not in draft7


def test_recursive_root_refers_to_itself() -> None:
    location = json_schema(incidentkit.Location)
    anchor = location["$defs"]["RelativePosition"]["properties"]["anchor"]
    assert anchor["allOf"] == [{"$ref": "#"}]
    assert "Location" not in location["$defs"]


# ---------------------------------------------------------------- agreement


@pytest.mark.parametrize("dialect", ["2020-12", "draft-07"])
@pytest.mark.parametrize("record", examples.RECORDS, ids=lambda r: type(r).__name__)
def test_reference_example_is_valid(dialect: str, record: Any) -> None:
    files = schema_files(dialect)  # type: ignore[arg-type]
    data = to_dict(record)
    own = files[f"{type(record).__name__.lower()}.schema.json"]
    for schema in (files[BUNDLE], own):
        assert list(validator(dialect, schema).iter_errors(data)) == []


@pytest.mark.parametrize("name", [m[0] for m in MUTATIONS])
@pytest.mark.parametrize("dialect", ["2020-12", "draft-07"])
def test_field_level_rejections_agree(name: str, dialect: str) -> None:
    data, path = mutated(name)
    with pytest.raises(ValidationError) as info:
        from_dict(data, Incident)
    assert path in info.value.paths
    errors = list(bundle_validator(dialect).iter_errors(data))
    if "trailing newline" in name:
        # python-jsonschema searches patterns with Python's re, whose $ also matches
        # before a final newline; ECMA-262 (Ajv, and the library) does not. The
        # partner docs say so; test_partner_tools checks Ajv refuses it.
        assert errors == []
        return
    assert errors, f"the schema accepts what the library refuses: {name}"
    # The schema's error sits at the library's path or at an enclosing object.
    schema_paths = {e.json_path for e in errors} | {
        e.json_path for error in errors for e in (error.context or [])
    }
    assert any(path == p or path.startswith((p + ".", p + "[")) for p in schema_paths), (
        path,
        schema_paths,
    )


def test_field_level_rejections_agree_in_openapi() -> None:
    oas = pytest.importorskip(
        "openapi_schema_validator",
        reason="openapi-schema-validator is installed by .ci/run (partner toolchains)",
    )
    document = json_schema(Incident, "openapi-3.0")
    root = {"components": document["components"], "$ref": "#/components/schemas/Incident"}
    check = oas.OAS30Validator(root, format_checker=oas.oas30_format_checker)
    assert list(check.iter_errors(to_dict(examples.INCIDENT))) == []
    for name, *_ in MUTATIONS:
        data, _ = mutated(name)
        if "extensions key" in name or "trailing newline" in name:
            continue  # no propertyNames in OpenAPI 3.0; Python's $ (see above)
        assert not check.is_valid(data), name


def test_null_for_optional_fields_is_accepted_by_both() -> None:
    data = to_dict(examples.INCIDENT)
    data["notes"] = None
    data["until"] = None
    data["where"]["point"] = None
    data["actors"][0]["kind"] = None
    data["sources"][0]["url"] = None
    data["when"]["margin_seconds"] = None
    record = from_dict(data, Incident)
    assert record.sources[0].url is None
    assert record.actors[0].kind is None
    assert to_dict(record) == without_nulls(data)
    for dialect in ("2020-12", "draft-07"):
        assert validator(dialect, schema_files(dialect)[BUNDLE]).is_valid(data)  # type: ignore[arg-type]


def test_integral_numbers_are_integers_for_both() -> None:
    data = to_dict(examples.INCIDENT)
    data["outcomes"][3]["count"]["best"] = 40.0
    assert from_dict(data, Incident) == examples.INCIDENT
    assert validator("2020-12", schema_files()[BUNDLE]).is_valid(data)


def test_library_errors_name_schema_properties() -> None:
    data = to_dict(examples.INCIDENT)
    for key in json_schema(Incident)["properties"]:
        data[key] = object()
    with pytest.raises(ValidationError) as info:
        from_dict(data, Incident)
    assert set(info.value.paths) == {f"$.{k}" for k in json_schema(Incident)["properties"]}


@functools.cache
def bundle_validator(dialect: str) -> Any:
    return validator(dialect, schema_files(dialect)[BUNDLE])  # type: ignore[arg-type]


@functools.cache
def cached_validator(dialect: str, cls: Any) -> Any:
    return validator(dialect, json_schema(cls, dialect))  # type: ignore[arg-type]
