"""JSON Schemas for partners, generated from the record classes.

Nothing here lists a constraint: every keyword comes from the attrs fields and
their :func:`~incidentkit._fields.field` declarations (the same ones the runtime
checks are compiled from), enum members and their descriptions, and the
documented cross-field rules, which go into each class's ``description``.

Three dialects:

``"2020-12"``
    JSON Schema draft 2020-12 with ``$defs`` (the default).
``"draft-07"``
    JSON Schema draft-07 with ``definitions``, for older validators.
``"openapi-3.0"``
    An OpenAPI 3.0 document whose ``components.schemas`` hold the records
    (``nullable`` instead of null types, ``enum`` instead of ``const``, ``example``).

Optional fields are not ``required`` and accept ``null`` as the codec does (the
library itself never writes null: it omits the field). OpenAPI 3.0 cannot make a
``$ref`` nullable, so there optional fields whose value is a record or an enum must
be omitted rather than null. Every ``$ref`` stands
alone: a property that refers to a definition wraps it in ``allOf`` or ``anyOf``
so that its description survives tools that drop a ``$ref``'s siblings.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._constraints import DATETIME_PATTERN, JSON_INT_RANGE, MAX_JSON_DEPTH, Choices, Constraints
from ._model import DocEnum, Model, rules_of
from ._typetree import (
    ConstNode,
    EnumNode,
    FieldInfo,
    JsonNode,
    Node,
    OptionalNode,
    RecordNode,
    ScalarNode,
    TupleNode,
    UnionNode,
    documents,
    record_info,
    registered,
    schema_types,
    union_node,
)

__all__ = [
    "DIALECTS",
    "SCHEMA_BASE_URI",
    "SCHEMA_TYPES",
    "Dialect",
    "bundle_schema",
    "json_schema",
    "schema_files",
    "schema_text",
    "stem",
    "write_schemas",
]

Dialect = Literal["2020-12", "draft-07", "openapi-3.0"]
#: The dialects :func:`json_schema` can write.
DIALECTS: tuple[Dialect, ...] = ("2020-12", "draft-07", "openapi-3.0")

#: Default base of every schema's ``$id``: ``<base><version>/[<dialect>/]<name>.schema.json``.
#: A placeholder: the ``.invalid`` domain never resolves, so the ids are names, not
#: download links; validators must be given the schemas (they are in ``schemas/``).
#: Partners who host the schemas pass their own address as ``base_uri``.
SCHEMA_BASE_URI = "https://incidentkit.invalid/schemas/"

_BUNDLE_STEM = "incidentkit"


if TYPE_CHECKING:
    #: The records that get a schema file of their own, by file stem (computed on
    #: access by ``__getattr__``; declared here for type checkers and API tools).
    SCHEMA_TYPES: dict[str, Any]


def __getattr__(name: str) -> Any:
    if name == "SCHEMA_TYPES":  # read from the registry, so it is never out of date
        return schema_types()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_META_SCHEMAS: dict[str, str] = {
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
    "draft-07": "http://json-schema.org/draft-07/schema#",
}
_OPENAPI_VERSION = "3.0.3"
_PRIMITIVES: dict[object, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    datetime: "string",
}


def json_schema(
    cls: Any, dialect: Dialect = "2020-12", *, base_uri: str = SCHEMA_BASE_URI
) -> dict[str, Any]:
    """The JSON Schema of a record class (or of the :data:`~incidentkit.Actor` union).

    Classes it refers to are in ``$defs`` (``definitions`` in draft-07); for
    ``"openapi-3.0"`` the result is an OpenAPI document with every class under
    ``components.schemas``. The output is deterministic: same code, same schema.
    ``base_uri`` replaces the placeholder host in ``$id``, for
    schemas served from your own address.
    """
    return _generate(dialect, stem(cls), [cls], base_uri)


def bundle_schema(
    dialect: Dialect = "2020-12", *, base_uri: str = SCHEMA_BASE_URI
) -> dict[str, Any]:
    """The bundle: every definition in one document, whose root accepts any
    top-level record (an Incident or a Defection)."""
    return _generate(dialect, _BUNDLE_STEM, list(documents()), base_uri)


def schema_files(
    dialect: Dialect = "2020-12", *, base_uri: str = SCHEMA_BASE_URI
) -> dict[str, dict[str, Any]]:
    """Every schema file, by file name: one per registered type with a schema file
    of its own (:data:`SCHEMA_TYPES`), and
    the bundle, ``incidentkit.schema.json``."""
    files = {
        f"{name}.schema.json": _generate(dialect, name, [tp], base_uri)
        for name, tp in schema_types().items()
    }
    files[f"{_BUNDLE_STEM}.schema.json"] = bundle_schema(dialect, base_uri=base_uri)
    return files


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the files hold it: two-space indented UTF-8 JSON, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(
    directory: str | Path, dialect: Dialect = "2020-12", *, base_uri: str = SCHEMA_BASE_URI
) -> list[Path]:
    """Write :func:`schema_files` into ``directory`` (created if needed); returns
    the paths written. Each file is replaced atomically: a failure leaves it as it
    was, never half written."""
    from ._atomic import atomic_output

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schema_files(dialect, base_uri=base_uri).items():
        path = folder / name
        with atomic_output(path, "w") as handle:
            handle.write(schema_text(schema))
        written.append(path)
    return written


def _generate(
    dialect: Dialect, stem: str, roots: list[Any], base_uri: str = SCHEMA_BASE_URI
) -> dict[str, Any]:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")
    from . import __version__

    builder = _Builder(dialect, roots[0] if len(roots) == 1 else None)
    if len(roots) == 1:
        body = builder.definition(roots[0])
    else:
        body = {
            "title": "incidentkit records",
            "description": "Any top-level incidentkit record: "
            + " or ".join(builder.name(r) for r in roots)
            + ".",
            "oneOf": [builder.ref(r) for r in roots],
        }
    defs = dict(sorted(builder.defs.items()))
    if dialect == "openapi-3.0":
        name = builder.name(roots[0]) if len(roots) == 1 else None
        schemas = {name: body, **defs} if name is not None else defs
        return {
            "openapi": _OPENAPI_VERSION,
            "info": {
                "title": f"incidentkit {body['title']}",
                "version": __version__,
                "description": body["description"],
            },
            "paths": {},
            "components": {"schemas": dict(sorted(schemas.items()))},
        }
    folder = "" if dialect == "2020-12" else f"{dialect}/"
    document: dict[str, Any] = {
        "$schema": _META_SCHEMAS[dialect],
        "$id": f"{base_uri.rstrip('/')}/{__version__}/{folder}{stem}.schema.json",
        **body,
    }
    if defs:
        document["$defs" if dialect == "2020-12" else "definitions"] = defs
    return document


class _Builder:
    """Collects the definitions one schema document needs."""

    def __init__(self, dialect: Dialect, root: Any) -> None:
        self.dialect = dialect
        self.openapi = dialect == "openapi-3.0"
        self.root = root
        self.defs: dict[str, dict[str, Any]] = {}
        self._names: dict[str, Any] = {}

    # ------------------------------------------------------------ names and refs

    def name(self, tp: Any) -> str:
        """The definition name of a class, enum or union: its Python name, or,
        should two differ only by module, the module-qualified name."""
        name = _type_name(tp)
        known = self._names.setdefault(name, tp)
        if known is not tp and known != tp:
            name = f"{tp.__module__.rpartition('.')[2]}.{name}"
            self._names.setdefault(name, tp)
        return name

    def ref(self, tp: Any) -> dict[str, Any]:
        """A bare ``$ref`` to the definition of ``tp``, built on first use."""
        name = self.name(tp)
        if tp is self.root and not self.openapi:
            return {"$ref": "#"}
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: definitions can recurse
            self.defs[name] = self.definition(tp)
        prefix = {
            "2020-12": "#/$defs/",
            "draft-07": "#/definitions/",
            "openapi-3.0": "#/components/schemas/",
        }[self.dialect]
        return {"$ref": prefix + name}

    # ------------------------------------------------------------ definitions

    def definition(self, tp: Any) -> dict[str, Any]:
        """The schema of a record class, an enum, a named set of strings or a union
        of records."""
        if isinstance(tp, Choices):
            return {
                "title": tp.name,
                "description": tp.description,
                "type": "string",
                "enum": list(tp),
            }
        if isinstance(tp, type) and issubclass(tp, DocEnum):
            return self._enum(tp)
        if isinstance(tp, type) and issubclass(tp, Model):
            return self._record(tp)
        try:
            node = union_node(tp)
        except TypeError:
            expected = "expected a record class or union"
            raise TypeError(f"no JSON Schema for {tp!r}: {expected}") from None
        names = ", ".join(self.name(m) for m in node.members)
        return {
            "title": self.name(tp),
            "description": f"One of {names}, told apart by {node.tag}.",
            "oneOf": [self.ref(m) for m in node.members],
        }

    def _enum(self, cls: type[DocEnum]) -> dict[str, Any]:
        values = "\n".join(f"- `{m.value}`: {m.description}" for m in cls)
        return {
            "title": self.name(cls),
            "description": f"{_prose(cls.__doc__)}\n\n{values}",
            "type": "string",
            "enum": [m.value for m in cls],
        }

    def _record(self, cls: type[Any]) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for info in record_info(cls).fields:
            properties[info.name] = self._field(info)
            if info.required:
                required.append(info.name)
        description = _prose(cls.__doc__)
        rules = rules_of(cls)
        if rules:
            listed = "\n".join(f"- {rule}" for rule in rules)
            description += f"\n\nChecked by incidentkit beyond this schema:\n{listed}"
        schema: dict[str, Any] = {
            "title": self.name(cls),
            "description": description,
            "type": "object",
            "properties": properties,
        }
        if required:  # an empty list is invalid in OpenAPI 3.0 and draft-04
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    # ------------------------------------------------------------ fields

    def _field(self, info: FieldInfo) -> dict[str, Any]:
        meta = info.constraints
        node = info.node
        nullable = isinstance(node, OptionalNode)
        if isinstance(node, OptionalNode):
            node = node.inner
        schema: dict[str, Any] = {"description": meta.description}
        if isinstance(node, TupleNode):
            schema.update(self._array(node, meta))
        elif isinstance(node, JsonNode):
            schema.update(self._json_object(node.keys))
            schema["description"] += " " + self._json_object_note(node.keys)
        else:
            schema.update(self._value(node, meta, examples=True))
        if nullable:
            schema = self._nullable(schema)
        default = info.default()
        if default is not attrs.NOTHING and default is not None and not info.is_tag:
            schema["default"] = _plain(default)
        return schema

    def _value(self, node: Node, meta: Constraints, *, examples: bool) -> dict[str, Any]:
        """A single value: a constant, a primitive with its constraints, or a
        reference (wrapped in ``allOf``, since a ``$ref`` stands alone)."""
        if isinstance(node, ConstNode):
            constant = {"enum": [node.value]} if self.openapi else {"const": node.value}
            return {"type": "string", **constant}
        if isinstance(node, (RecordNode, EnumNode)):
            return {"allOf": [self.ref(node.cls)]}
        if isinstance(node, UnionNode):
            return {"allOf": [self.ref(node.annotation)]}
        if not isinstance(node, ScalarNode):
            raise TypeError(f"no JSON Schema for a {type(node).__name__} here")
        if isinstance(meta.choices, Choices):  # a named set: one definition, referred to
            return {"allOf": [self.ref(meta.choices)]}
        schema: dict[str, Any] = {"type": _PRIMITIVES[node.type]}
        if node.type is datetime:
            schema["format"] = "date-time"
            schema["pattern"] = DATETIME_PATTERN
        schema.update(self._constraints(meta))
        if examples and meta.examples:
            schema.update(self._examples(meta.examples))
        return schema

    def _constraints(self, meta: Constraints) -> dict[str, Any]:
        schema: dict[str, Any] = {}
        if meta.format is not None:
            schema["format"] = meta.format
        if meta.choices is not None:
            schema["enum"] = list(meta.choices)
        if meta.min_length is not None:
            schema["minLength"] = meta.min_length
        if meta.max_length is not None:
            schema["maxLength"] = meta.max_length
        if meta.pattern is not None:
            schema["pattern"] = meta.pattern
        bounds = (
            ("minimum", meta.ge, False),
            ("minimum", meta.gt, True),
            ("maximum", meta.le, False),
            ("maximum", meta.lt, True),
        )
        for keyword, value, exclusive in bounds:
            if value is not None:
                schema.update(self._bound(keyword, value, exclusive))
        return schema

    def _bound(self, keyword: str, value: float, exclusive: bool) -> dict[str, Any]:
        number = _plain(value)
        if not exclusive:
            return {keyword: number}
        if self.openapi:  # OpenAPI 3.0 keeps draft-04's boolean form
            return {keyword: number, f"exclusive{keyword.title()}": True}
        return {f"exclusive{keyword.title()}": number}

    def _examples(self, examples: tuple[Any, ...]) -> dict[str, Any]:
        if self.openapi:
            return {"example": _plain(examples[0])}
        return {"examples": [_plain(e) for e in examples]}

    def _array(self, node: TupleNode, meta: Constraints) -> dict[str, Any]:
        """A tuple field: scalar constraints apply to each item."""
        items = self._value(node.item, meta, examples=True)
        if set(items) == {"allOf"}:  # the items need no description: a bare $ref
            items = items["allOf"][0]
        schema: dict[str, Any] = {"type": "array", "items": items}
        if node.min_items is not None:
            schema["minItems"] = node.min_items
        if node.max_items is not None:
            schema["maxItems"] = node.max_items
        if node.unique:
            schema["uniqueItems"] = True
        return schema

    def _json_object(self, meta: Constraints) -> dict[str, Any]:
        """``extensions``: an open object whose keys carry the constraints."""
        keys = self._constraints(meta)
        if self.openapi:  # no propertyNames in OpenAPI 3.0: the note says it in words
            return {"type": "object", "additionalProperties": True}
        if keys:
            return {"type": "object", "propertyNames": {"type": "string", **keys}}
        return {"type": "object"}

    def _json_object_note(self, meta: Constraints) -> str:
        """What the library checks in an open object beyond the schema."""
        note = (
            f"Checked by incidentkit beyond this schema: values nest at most "
            f"{MAX_JSON_DEPTH} levels deep and integers lie within "
            f"{JSON_INT_RANGE[0]}..{JSON_INT_RANGE[1]}."
        )
        keys = self._constraints(meta)
        if self.openapi and keys:
            rules = [f"match {keys['pattern']}"] if "pattern" in keys else []
            if "maxLength" in keys:
                rules.append(f"have at most {keys['maxLength']} characters")
            note = f"Keys {' and '.join(rules)}. {note}"
        return note

    def _nullable(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Also accept null, as the codec does for optional fields."""
        enum = schema.get("enum")
        if enum is not None:
            schema["enum"] = [*enum, None]
        if "allOf" in schema:
            if self.openapi:  # 3.0 cannot make a $ref nullable: such fields are omitted
                return schema
            (ref,) = schema.pop("allOf")
            return {**schema, "anyOf": [ref, {"type": "null"}]}
        if self.openapi:
            return {**schema, "nullable": True}
        return {**schema, "type": [schema["type"], "null"]}


# ---------------------------------------------------------------- helpers


def _type_name(tp: Any) -> str:
    if isinstance(tp, Choices):
        return tp.name
    for registration in registered():
        if registration.type == tp:
            return registration.name
    if isinstance(tp, type):
        return tp.__name__
    return "Or".join(m.__name__ for m in union_node(tp).members)


def stem(tp: Any) -> str:
    """File stem for a record class or union: ``AdminArea`` -> ``admin-area``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", _type_name(tp)).lower()


def _plain(value: Any) -> Any:
    """A Python default or example as JSON data; whole floats are written as ints."""
    if isinstance(value, DocEnum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_ROLE = re.compile(r":[a-z]+:`~?([\w.]+)`")


def _prose(doc: str | None) -> str:
    """A docstring as description text: paragraphs unwrapped, reST roles and
    double backquotes turned into plain Markdown code spans."""
    text = inspect.cleandoc(doc or "")
    text = _ROLE.sub(lambda m: f"`{m.group(1).rpartition('.')[2]}`", text)
    text = text.replace("``", "`")
    return "\n\n".join(" ".join(p.split()) for p in _paragraphs(text))


def _paragraphs(text: str) -> Iterable[str]:
    return (p for p in re.split(r"\n\s*\n", text) if p.strip())
