"""The constraint vocabulary: what a field declaration may say beyond its type.

Every field of a record is declared with :func:`field`, which stores its constraints
(bounds, lengths, pattern, allowed values, what an id refers to, description,
examples) as a :class:`Constraints` object in the attrs metadata. The checks, the JSON
Schema keywords and the Hypothesis strategy bounds are all derived from it (through
:mod:`incidentkit._typetree`), never written by hand beside it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:  # checked as the attrs classes they behave as
    from attrs import frozen
else:  # built without compiling code (see _values)
    from ._values import frozen

__all__ = [
    "DATETIME_PATTERN",
    "HTTP_URL_PATTERN",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "JSON_INT_RANGE",
    "LANGUAGE_PATTERN",
    "MAX_JSON_DEPTH",
    "MAX_SAFE_INT",
    "META_KEY",
    "TAG_KEY",
    "TRAILING_KEY",
    "Choices",
    "Constraints",
    "Reference",
    "compile_pattern",
    "pattern_test",
    "constraints_of",
    "field",
    "id_field",
    "is_tag",
    "tag_field",
]

META_KEY = "incidentkit"
TRAILING_KEY = "incidentkit.trailing"
TAG_KEY = "incidentkit.tag"
#: Largest integer every JSON reader handles exactly (IEEE double mantissa).
MAX_SAFE_INT = 2**53 - 1
#: How deep JSON inside ``extensions`` may nest.
MAX_JSON_DEPTH = 64
#: Integer range the codec can write with either JSON backend (signed/unsigned 64-bit).
JSON_INT_RANGE = (-(2**63), 2**64 - 1)

#: Identifiers of actors, sources, records: portable, URL- and path-safe.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
ID_MAX_LENGTH = 128
#: BCP 47 language tags, in the simple form reports use ("ps", "fa-AF").
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

#: RFC 3339 date-times with a UTC offset, as the codec reads them: hours 00-23,
#: seconds 00-59 (Python's datetime has no leap second), no year 0000. Days beyond
#: the end of a month are left to the date-time parser (and to JSON Schema's format).
DATETIME_PATTERN = (
    r"^([0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
    r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)

# RFC 3986 characters: a path character (pchar), written out so that anything
# matching HTTP_URL_PATTERN is also a valid "uri" to every JSON Schema format checker.
_PCHAR = r"([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
#: Absolute http(s) URLs with a registered host name, optional port, path, query
#: and fragment; non-ASCII characters must be percent-encoded, as RFC 3986 says.
HTTP_URL_PATTERN = (
    r"^https?://([A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})+(:[0-9]*)?"
    rf"(/{_PCHAR}*)*(\?({_PCHAR}|[/?])*)?(#({_PCHAR}|[/?])*)?$"
)


@frozen
class Reference:
    """What an id field refers to: an item of one of the enclosing top-level
    record's collections (``"actors"``, ``"sources"``), optionally only items whose
    ``type`` tag is one of ``kinds`` (empty: any)."""

    collection: str
    kinds: tuple[str, ...] = ()

    def __str__(self) -> str:
        what = self.collection if not self.kinds else " or ".join(self.kinds)
        return what


class Choices(tuple[str, ...]):
    """A named set of allowed strings (such as the country codes), declared once.

    It is a tuple, so a field's ``choices`` reads the same either way; the schema
    lists a named set once, as a definition that every field using it refers to.
    """

    name: str
    description: str

    def __new__(cls, name: str, values: Iterable[str], description: str) -> Choices:
        choices = super().__new__(cls, values)
        choices.name = name
        choices.description = description
        return choices


@frozen
class Constraints:
    """What a field allows, beyond its type. Number bounds and string constraints
    apply to the value, or to each item when the field is a tuple; ``min_items``,
    ``max_items`` and ``unique`` apply to the tuple itself."""

    description: str
    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    lt: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    choices: tuple[str, ...] | None = None
    format: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False
    examples: tuple[Any, ...] = ()
    refers_to: Reference | None = None


def field(
    *,
    description: str,
    default: Any = attrs.NOTHING,
    factory: Callable[[], Any] | None = None,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
    min_length: int | None = None,
    max_length: int | None = None,
    pattern: str | None = None,
    choices: tuple[str, ...] | None = None,
    format: str | None = None,
    min_items: int | None = None,
    max_items: int | None = None,
    unique: bool = False,
    examples: tuple[Any, ...] = (),
    refers_to: Reference | str | None = None,
    trailing: bool = False,
) -> Any:
    """Declare a record field with its description and constraints.

    ``refers_to`` makes the field an id reference (a collection name such as
    ``"actors"``, or a :class:`Reference`); the reference rules find every such field
    through the declarations. ``trailing`` fields (shared fields declared on a base
    class) are placed after the subclass's own fields, so that a record's wire form
    reads naturally.
    """
    if pattern is not None:
        portable_pattern(pattern)  # fail at import time (compiled on first use)
    meta = Constraints(
        description=description,
        ge=ge,
        le=le,
        gt=gt,
        lt=lt,
        min_length=min_length,
        max_length=max_length,
        pattern=pattern,
        choices=choices,
        format=format,
        min_items=min_items,
        max_items=max_items,
        unique=unique,
        examples=examples,
        refers_to=Reference(refers_to) if isinstance(refers_to, str) else refers_to,
    )
    metadata: dict[str, Any] = {META_KEY: meta, TRAILING_KEY: trailing}
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


def id_field(
    *,
    description: str,
    default: Any = attrs.NOTHING,
    refers_to: Reference | str | None = None,
) -> Any:
    """An identifier, or (with ``refers_to``) a reference to one: same pattern either way."""
    return field(
        description=description,
        default=default,
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        examples=("taliban",),
        refers_to=refers_to,
    )


# Escapes that mean the same in Python's re and in ECMA-262 with the u flag (as Ajv
# compiles patterns): the syntax characters, control escapes, \xHH and \uHHHH.
_PORTABLE_ESCAPES = frozenset("^$\\.*+?()[]{}|/nrtfv")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")  # (not the string module: an import)
_QUANTIFIER = re.compile(r"\{[0-9]+(,[0-9]*)?\}")


@functools.cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a declared ``pattern`` so Python matches exactly what JSON Schema
    validators in other languages match (see :func:`portable_pattern`)."""
    return re.compile(portable_pattern(pattern))


@functools.cache
def portable_pattern(pattern: str) -> str:
    """A declared ``pattern`` as Python's ``re`` must read it to match exactly what
    JSON Schema validators in other languages match.

    Patterns are JSON Schema (ECMA-262) regular expressions, searched, not fully
    matched. Only the subset that means the same in Python and ECMA-262 is allowed:
    no ``\\d``/``\\w``/``\\s``/``\\b`` (Unicode-aware in Python, ASCII in ECMA-262),
    no unescaped ``.``, no inline flags or named groups, ``{`` only in quantifiers.
    ``$`` is compiled as Python's ``\\Z``: ECMA-262's ``$`` does not match before a
    trailing newline, Python's does. Raises ``ValueError`` for anything else.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escaped = pattern[i + 1 : i + 2]
            hex_digits = {"x": 2, "u": 4}.get(escaped, 0)
            code = pattern[i + 2 : i + 2 + hex_digits]
            if hex_digits and len(code) == hex_digits and all(c in _HEX_DIGITS for c in code):
                out.append(pattern[i : i + 2 + hex_digits])
                i += 2 + hex_digits
                continue
            if escaped not in _PORTABLE_ESCAPES and not (in_class and escaped == "-"):
                raise ValueError(f"pattern {pattern!r}: escape \\{escaped} is not portable")
            out.append(char + escaped)
            i += 2
            continue
        if in_class:
            if char == "[":
                raise ValueError(f"pattern {pattern!r}: escape [ inside a character class")
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "." or pattern.startswith(("(?<", "(?P", "(?#", "(?i", "(?m", "(?s"), i):
            raise ValueError(f"pattern {pattern!r}: {pattern[i : i + 3]!r} is not portable")
        elif char == "{" and not _QUANTIFIER.match(pattern, i):
            raise ValueError(f"pattern {pattern!r}: escape {{ when it is not a quantifier")
        elif char == "$":
            char = r"\Z"
        elif char == "(" and not pattern.startswith("(?", i):
            char = "(?:"  # nothing refers to groups (no backreferences): none captures
        out.append(char)
        i += 1
    if in_class:
        raise ValueError(f"pattern {pattern!r}: unterminated character class")
    return "".join(out)


@functools.cache
def pattern_test(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """The quickest function finding a declared ``pattern`` in a string (a match
    or None), as searching it would: ``match`` where every alternative of the
    pattern starts with ``^`` (Python's ``search`` then finds only what ``match``
    finds, and takes longer to), ``search`` otherwise."""
    regex = compile_pattern(pattern)
    return regex.match if _anchored(pattern) else regex.search


def _anchored(pattern: str) -> bool:
    """Whether ``pattern`` starts with ``^`` and has no ``|`` outside groups and
    character classes (so no alternative can match later in the string)."""
    if not pattern.startswith("^"):
        return False
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return True


def constraints_of(attribute: attrs.Attribute[Any]) -> Constraints:
    """The constraints declared for one attrs attribute."""
    meta: Constraints = attribute.metadata[META_KEY]
    return meta


def tag_field(value: str, *, description: str) -> Any:
    """The ``type`` tag of a union member: a constant, always written, first."""
    attribute = field(default=value, description=description)
    attribute.metadata[TAG_KEY] = True
    return attribute


def is_tag(attribute: attrs.Attribute[Any]) -> bool:
    """Whether an attribute is a union member's ``type`` tag."""
    return bool(attribute.metadata.get(TAG_KEY))
