"""How many JSON values a text holds, counted without parsing it.

The size limit (``max_bytes``, 64 MiB by default) alone does not bound the memory
a document costs once parsed: every array, object, string and number becomes a
Python object of 30 to 200 bytes, so 64 MiB of ``[],[],...`` or of 64-deep
nesting turns into gigabytes. A document may therefore hold at most one JSON value
per :data:`BYTES_PER_VALUE` bytes of the size limit (4,194,304 values under the
default limit; never fewer than :data:`MIN_VALUES`), which keeps the memory of any
document, however dense, under about ten times the size limit. Records are far
sparser than that (about 20 bytes of compact JSON per value), so a record or a
bundle up to the size limit is accepted.

The count comes before any parse, and costs nothing for texts too short to reach
the limit (every value but the first takes at least two bytes), and three byte
counts for the others; only a text whose brackets and commas alone could exceed
the limit has its strings blanked out to count exactly.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import ValidationError

__all__ = [
    "BYTES_PER_VALUE",
    "MIN_VALUES",
    "check_value_count",
    "holds_more_than",
    "max_values",
    "too_many_values",
]

#: A document may hold one JSON value per this many bytes of its size limit.
BYTES_PER_VALUE = 16
#: However small the size limit, this many values are allowed.
MIN_VALUES = 4096

# After a run of what changes nothing (text outside strings, strings without a
# comma, bracket or escape, brackets not followed by spaces and a closing one: one
# match for all of it), what changes the count: a string holding a comma, a bracket
# or an escape (group 1), an empty array or object with spaces inside (group 2; the
# others are counted as "[]" and "{}"), a quote that opens no complete string, or
# the end of the text.
_SKIP = r'(?:[^"\[{]++|"[^"\\,\[{]*+"|[\[{](?![ \t\r\n]++[\]}]))*+'
_TOKEN = r'(?:("[^"\\]*+(?:\\.[^"\\]*+)*+")|([\[{][ \t\r\n]++[\]}])|"|\Z)'
_COUNT_TEXT = re.compile(_SKIP + _TOKEN, re.DOTALL)
_COUNT = re.compile((_SKIP + _TOKEN).encode(), re.DOTALL)


def max_values(max_bytes: int) -> int:
    """The most JSON values a document may hold under the size limit ``max_bytes``."""
    return max(max_bytes // BYTES_PER_VALUE, MIN_VALUES)


def too_many_values(data: str | bytes | bytearray, max_bytes: int, start: int = 0) -> bool:
    """Whether the JSON text ``data`` holds more values than :func:`max_values`
    allows: arrays, objects, strings, numbers, ``true``, ``false`` and ``null`` each
    count one (object keys do not).

    In a JSON text, the values are the top-level one, one per comma, and the first
    item of each non-empty array or object. When commas and opening brackets alone
    exceed the limit, those inside strings and the empty arrays and objects are
    taken back, one match at a time (a substitution would build millions of
    pieces), until the count is within the limit or the text is read. For a text
    that is not JSON the count is an estimate (the text is refused either way).
    With ``start``, the text from there on is counted, without copying it.
    """
    return holds_more_than(data, max_values(max_bytes), start)


def holds_more_than(data: str | bytes | bytearray, limit: int, start: int = 0) -> bool:
    """Whether the JSON text ``data`` (from ``start`` on) holds more than ``limit``
    values (see :func:`too_many_values`)."""
    if (len(data) - start + 1) // 2 <= limit:  # n values take at least 2n - 1 bytes
        return False
    text: Any = data
    if isinstance(text, str):
        opens: Any = (",", "[", "{")
        empties: Any = ("[]", "{}")
        pattern: Any = _COUNT_TEXT
    else:
        opens, empties, pattern = (b",", b"[", b"{"), (b"[]", b"{}"), _COUNT
    count = 1 + sum(text.count(mark, start) for mark in opens)
    if count <= limit:
        return False
    count -= sum(text.count(pair, start) for pair in empties)
    # Every step below takes away (a string's "[]" was taken away as empty, but
    # its "[" too), so the count only falls: stop as soon as it is within the limit.
    for match in pattern.finditer(text, start):
        string, spaced = match.groups()
        if string is not None:
            count -= sum(string.count(mark) for mark in opens)
            count += sum(string.count(pair) for pair in empties)
        elif spaced is not None:
            count -= 1  # its bracket opens no first item
        if count <= limit:
            return False
    return bool(count > limit)


#: n JSON values take at least 2n - 1 bytes, and every limit is at least
#: MIN_VALUES: a shorter text cannot hold too many.
_FEWEST_BYTES_TO_COUNT = 2 * MIN_VALUES


def check_value_count(data: str | bytes | bytearray, max_bytes: int) -> None:
    """Raise :class:`ValidationError` when ``data`` holds too many JSON values (see
    :func:`too_many_values`), naming the limit."""
    if len(data) < _FEWEST_BYTES_TO_COUNT:  # (the common case, without a count)
        return
    if too_many_values(data, max_bytes):
        raise ValidationError(
            f"input holds more than {max_values(max_bytes)} JSON values "
            f"(the limit: one per {BYTES_PER_VALUE} bytes of the {max_bytes}-byte size limit)"
        )
