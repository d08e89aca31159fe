"""The declaration vocabulary that record modules import: one place to get the
field helpers, the record decorator and base, documented enums and rules.

The concepts live in their own modules: :mod:`._constraints` (what a field may
declare), :mod:`._model` (records, enums, rules), :mod:`._typetree` (the normalised
description every consumer reads), :mod:`._checks` (checks derived from it) and
:mod:`._coerce` (what constructors accept beyond what records hold: ``Items[X]`` for
tuple fields, ``OneOf[E]`` for enum fields).
"""

from __future__ import annotations

from ._checks import json_type_name, json_value_problems
from ._coerce import Items, OneOf
from ._constraints import (
    DATETIME_PATTERN,
    HTTP_URL_PATTERN,
    ID_MAX_LENGTH,
    ID_PATTERN,
    JSON_INT_RANGE,
    LANGUAGE_PATTERN,
    MAX_JSON_DEPTH,
    MAX_SAFE_INT,
    Choices,
    Constraints,
    Reference,
    compile_pattern,
    constraints_of,
    field,
    id_field,
    is_tag,
    tag_field,
)
from ._model import DocEnum, Model, SharedFields, record, rule, rules_of

__all__ = [
    "DATETIME_PATTERN",
    "HTTP_URL_PATTERN",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "JSON_INT_RANGE",
    "LANGUAGE_PATTERN",
    "MAX_JSON_DEPTH",
    "MAX_SAFE_INT",
    "Choices",
    "Constraints",
    "DocEnum",
    "Items",
    "Model",
    "OneOf",
    "Reference",
    "SharedFields",
    "compile_pattern",
    "constraints_of",
    "field",
    "id_field",
    "is_tag",
    "json_type_name",
    "json_value_problems",
    "record",
    "rule",
    "rules_of",
    "tag_field",
]
