"""A griffe extension for the API reference (loaded by mkdocs.yml).

- The docstrings use Sphinx roles (:class:`~incidentkit.Time`), which Markdown does
  not know; each becomes a code span of the name as a reader would write it.
- A record field's documentation is its ``field(description=...)``, the same text
  the JSON Schema carries; an enum member's is the description in its declaration
  (``EXACT = "exact", "The number as stated."``). Both become the attribute's
  docstring, so the reference lists every field and member with what it means.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`]+)`")
_FIELD_HELPERS = {"field", "id_field", "tag_field"}


def _span(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    return f"`{target.rpartition('.')[2] if short else target}`"


def _literal(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None


def _description(value: Any) -> str | None:
    """The description a field helper call or an enum member declaration gives."""
    if isinstance(value, griffe.ExprCall) and str(value.function) in _FIELD_HELPERS:
        for argument in value.arguments:
            if isinstance(argument, griffe.ExprKeyword) and argument.name == "description":
                text = _literal(str(argument.value))
                return text if isinstance(text, str) else None
        return None
    member = _literal(str(value)) if value is not None else None
    if isinstance(member, tuple) and len(member) == 2 and isinstance(member[1], str):
        return str(member[1]) if isinstance(member[0], str) else None
    return None


class ApiDocs(griffe.Extension):
    """Rewrite roles in docstrings; document fields and enum members."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = _ROLE.sub(_span, obj.docstring.value)

    def on_attribute_instance(self, *, attr: griffe.Attribute, **kwargs: Any) -> None:
        if attr.docstring is None and attr.parent is not None and attr.parent.is_class:
            text = _description(attr.value)
            if text:
                attr.docstring = griffe.Docstring(text, parent=attr)
