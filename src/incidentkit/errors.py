"""The one exception that bad input raises, and the problems it carries."""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

__all__ = ["Problem", "ValidationError", "join_path"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: What a bracketed key escapes: JSON's required escapes, plus the other
#: characters that end or rewrite a line (DEL, C1 controls, U+2028, U+2029).
_ESCAPED = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029]')
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


#: Longest key written whole in a path; longer ones are cut, with their length.
MAX_KEY_SHOWN = 200


def join_path(path: str, key: str | int) -> str:
    """Extend a ``$``-path by an object key or an array index.

    Keys that are not plain identifiers are written in bracket form
    (``$.extensions["acme.org"]``) with JSON string escapes, so that the path stays
    unambiguous and on one line: a key holding a newline cannot break a report into
    two lines. A key over :data:`MAX_KEY_SHOWN` characters is cut there (its length
    follows), so that a problem's path stays small whatever the input.
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    if len(key) > MAX_KEY_SHOWN:  # a path is for people: a 64 MiB key is not
        key = f"{key[:MAX_KEY_SHOWN]}... ({len(key)} characters)"
    elif _IDENTIFIER.match(key):
        return f"{path}.{key}"
    escaped = _ESCAPED.sub(_escape, key)
    return f'{path}["{escaped}"]'


@attrs.frozen
class Problem:
    """One thing wrong with the input: where (a JSON path such as
    ``$.where.point.lat``), what, and for JSON Lines input the line number."""

    path: str
    message: str
    line: int | None = None

    def under(self, prefix: str) -> Problem:
        """This problem as seen from an enclosing document at ``prefix``."""
        return attrs.evolve(self, path=prefix + self.path[1:])

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.path}: {self.message}"


class ValidationError(ValueError):
    """Raised for every kind of invalid input, from every entry point.

    ``errors`` lists *all* the problems found, each with its JSON path, so that a
    caller can report them together instead of fixing one at a time.
    """

    errors: tuple[Problem, ...]

    def __init__(self, errors: Iterable[Problem] | str, path: str = "$") -> None:
        if isinstance(errors, str):
            errors = (Problem(path, errors),)
        self.errors = tuple(errors)
        if not self.errors:
            raise ValueError("a ValidationError needs at least one problem")
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.errors) == 1:
            return str(self.errors[0])
        lines = [f"{len(self.errors)} problems:"]
        lines.extend(f"  {problem}" for problem in self.errors)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"ValidationError({list(self.errors)!r})"

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.errors,))

    def at_line(self, line: int) -> ValidationError:
        """A copy whose problems carry ``line`` (for JSON Lines input)."""
        return type(self)(attrs.evolve(p, line=line) for p in self.errors)

    @property
    def paths(self) -> list[str]:
        """The JSON paths of all problems, in order (handy in tests)."""
        return [p.path for p in self.errors]
