"""Figures as reports state them: "at least seven", "nearly 30", "dozens", "some 200".

:func:`resolve_count` turns one figure phrase into a :class:`~incidentkit.Count`
without inventing a number the report did not give. A stated number becomes
``best`` with the report's hedge as the qualifier (and the bound it states as
``low`` or ``high``); a vague word ("several", "dozens", "hundreds") becomes a range
(``low`` and ``high``) from :data:`VAGUE_RANGES`, with no ``best``. A phrase it
cannot read raises :class:`~incidentkit.ValidationError`; it never guesses.

The grammar, in full (case and surrounding spaces are ignored)::

    phrase   = [hedge] number | [hedge] "between" number "and" number
             | number ("to" | "-" | "and") number | vague
    number   = digits ("1,200" and "1.5 million" included) | number words
               ("seven", "twenty-five", "two hundred and fifty") | "a dozen"
               | number "dozen" | number ("hundred" | "thousand" | "million")
    vague    = "several" | "a few" | "a handful" | "dozens" | "scores" | "tens"
             | "hundreds" | "thousands" ..., optionally followed by a multiplier
               ("several hundred", "dozens of thousands", "tens of thousands")

The hedges and the vague words are listed in :data:`HEDGES` and
:data:`VAGUE_RANGES`, and in ``docs/counts.md``.
"""

from __future__ import annotations

from typing import NoReturn

from .errors import ValidationError
from .quantity import Count, CountQualifier

__all__ = ["HEDGES", "MAX_PHRASE_LENGTH", "MULTIPLIERS", "VAGUE_RANGES", "resolve_count"]

_Q = CountQualifier

#: Longer phrases are refused outright, so that reading one takes bounded time.
MAX_PHRASE_LENGTH = 200

#: Words that hedge a stated number, and what each makes of it: the qualifier, and
#: whether the number is also the lowest (``"low"``) or highest (``"high"``) figure.
#: "nearly 30" is about 30 and no more than 30.
HEDGES: dict[str, tuple[CountQualifier, str | None]] = {
    "about": (_Q.ABOUT, None),
    "around": (_Q.ABOUT, None),
    "approximately": (_Q.ABOUT, None),
    "roughly": (_Q.ABOUT, None),
    "some": (_Q.ABOUT, None),
    "an estimated": (_Q.ABOUT, None),
    "estimated": (_Q.ABOUT, None),
    "nearly": (_Q.ABOUT, "high"),
    "almost": (_Q.ABOUT, "high"),
    "close to": (_Q.ABOUT, "high"),
    "at least": (_Q.AT_LEAST, "low"),
    "no fewer than": (_Q.AT_LEAST, "low"),
    "no less than": (_Q.AT_LEAST, "low"),
    "a minimum of": (_Q.AT_LEAST, "low"),
    "more than": (_Q.MORE_THAN, None),
    "over": (_Q.MORE_THAN, None),
    "upwards of": (_Q.MORE_THAN, None),
    "in excess of": (_Q.MORE_THAN, None),
    "up to": (_Q.AT_MOST, "high"),
    "at most": (_Q.AT_MOST, "high"),
    "as many as": (_Q.AT_MOST, "high"),
    "no more than": (_Q.AT_MOST, "high"),
    "a maximum of": (_Q.AT_MOST, "high"),
    "fewer than": (_Q.FEWER_THAN, None),
    "less than": (_Q.FEWER_THAN, None),
    "under": (_Q.FEWER_THAN, None),
}

#: Vague words and the range (lowest, highest) each is taken to mean. A following
#: multiplier scales the range ("several hundred": 300 to 900).
VAGUE_RANGES: dict[str, tuple[int, int]] = {
    "a couple": (2, 3),
    "a couple of": (2, 3),
    "a few": (2, 5),
    "a handful": (3, 5),
    "a handful of": (3, 5),
    "several": (3, 9),
    "tens": (20, 99),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
}

#: Words that multiply the number before them ("two dozen", "1.5 million").
MULTIPLIERS: dict[str, int] = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
}
#: Plural multipliers after a vague word ("tens of thousands", "dozens of hundreds").
_PLURAL_MULTIPLIERS = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Largest figure a Count holds (JSON's safe integer range).
_MAX = 2**53 - 1


class _Fail(Exception):
    """This reading does not apply (internal: another one may)."""


def resolve_count(text: str) -> Count:
    """Read a figure phrase from a report as a :class:`~incidentkit.Count`.

    >>> str(resolve_count("at least seven"))
    'at least 7 (7-)'
    >>> c = resolve_count("dozens")
    >>> (c.best, c.low, c.high)
    (None, 24, 99)

    Raises :class:`~incidentkit.ValidationError` for a phrase it cannot read (the
    message quotes the phrase and says what was expected).
    """
    if not isinstance(text, str):
        raise ValidationError(f"expected a figure phrase, got {type(text).__name__}")
    if len(text) > MAX_PHRASE_LENGTH:
        raise ValidationError(
            f"a figure phrase is at most {MAX_PHRASE_LENGTH} characters, got {len(text)}"
        )
    words = _tokens(text)
    if not words:
        _refuse(text, "the phrase is empty")
    try:
        return _phrase(words)
    except _Fail as exc:
        _refuse(text, str(exc))
    except ValidationError as exc:  # a figure beyond a Count's range, say
        _refuse(text, "; ".join(p.message for p in exc.errors))


def _refuse(text: str, why: str) -> NoReturn:
    raise ValidationError(
        f"cannot read {text!r} as a figure: {why} (see docs/counts.md for the phrases read)"
    )


def _tokens(text: str) -> list[str]:
    """Lower-case words; a hyphen or en dash between figures becomes its own word,
    one inside a number word ("twenty-five") is kept."""
    out: list[str] = []
    for raw in text.lower().replace("\u2013", " - ").replace(",", "").split():
        if "-" in raw and raw != "-":
            if _compound(raw):
                out.append(raw)
                continue
            out.extend(raw.replace("-", " - ").split())
        else:
            out.append(raw)
    return out


def _phrase(words: list[str]) -> Count:
    joined = " ".join(words)
    for word, (low, high) in sorted(VAGUE_RANGES.items(), key=lambda kv: -len(kv[0])):
        if joined == word or joined.startswith(word + " "):
            scale = _vague_scale(words[len(word.split()) :])
            return Count(qualifier=_Q.ABOUT, low=low * scale, high=high * scale)
    hedge, rest = _hedge(words)
    if rest and rest[0] == "between":
        if hedge is not None:
            raise _Fail(f"{hedge!r} before 'between' is not read")
        return _range(rest[1:], ("and",))
    if hedge is None:
        try:
            return Count(best=_number(rest))
        except _Fail:
            if not any(sep in rest for sep in ("to", "-", "and")):
                raise
        return _range(rest, ("to", "-", "and"))
    value = _number(rest)
    qualifier, bound = HEDGES[hedge]
    return Count(
        best=value,
        qualifier=qualifier,
        low=value if bound == "low" else None,
        high=value if bound == "high" else None,
    )


def _hedge(words: list[str]) -> tuple[str | None, list[str]]:
    for length in (3, 2, 1):
        head = " ".join(words[:length])
        if len(words) > length and head in HEDGES:
            return head, words[length:]
    return None, words


def _vague_scale(rest: list[str]) -> int:
    """The multiplier after a vague word: nothing, "hundred", "of thousands"..."""
    if not rest:
        return 1
    if rest[0] == "of":
        rest = rest[1:]
        if len(rest) == 1 and rest[0] in _PLURAL_MULTIPLIERS:
            return _PLURAL_MULTIPLIERS[rest[0]]
    elif len(rest) == 1 and rest[0] in MULTIPLIERS:
        return MULTIPLIERS[rest[0]]
    raise _Fail(f"expected nothing or a multiplier after the vague figure, got {' '.join(rest)!r}")


def _range(words: list[str], seps: tuple[str, ...]) -> Count:
    for sep in seps:
        if sep in words:
            at = words.index(sep)
            low, high = _number(words[:at]), _number(words[at + 1 :])
            if low > high:
                raise _Fail(f"the range runs backwards ({low} to {high})")
            if low == high:
                return Count(best=low)
            return Count(qualifier=_Q.ABOUT, low=low, high=high)
    raise _Fail("expected 'between N and M'")


def _number(words: list[str]) -> int:
    """A number in digits or words, with any multipliers ("1.5 million", "a dozen")."""
    if not words:
        raise _Fail("expected a number")
    if words[0][:1].isdigit():
        value = _digits(words[0])
        scale = 1
        for word in words[1:]:
            if word not in MULTIPLIERS:
                raise _Fail(f"expected a number, got {' '.join(words)!r}")
            scale *= MULTIPLIERS[word]
        return _whole(value * scale, words)
    return _number_words(words)


def _digits(word: str) -> float:
    whole, dot, fraction = word.partition(".")
    if (
        not whole.isdigit()
        or not whole.isascii()
        or (dot and not (fraction.isdigit() and fraction.isascii()))
    ):
        raise _Fail(f"expected a number, got {word!r}")
    if len(whole) > 16:
        raise _Fail(f"{word} is beyond the largest figure a count holds ({_MAX})")
    return float(word) if dot else int(whole)


def _whole(value: float, words: list[str]) -> int:
    if value != int(value):
        raise _Fail(f"{' '.join(words)!r} is not a whole number")
    if value > _MAX:
        raise _Fail(f"{' '.join(words)!r} is beyond the largest figure a count holds ({_MAX})")
    return int(value)


def _number_words(words: list[str]) -> int:
    """ "seven", "twenty-five", "a hundred and twenty", "two dozen", "a dozen"."""
    total = current = 0
    last = ""  # what came before: "", "unit", "tens", "article", "scale", "and"
    for word in words:
        if word == "and" and last == "scale":
            last = "and"
        elif word in ("a", "an") and last == "":
            current, last = 1, "article"
        elif word in _UNITS and last in ("", "tens", "scale", "and"):
            current, last = current + _UNITS[word], "unit"
        elif word in _TENS and last in ("", "scale", "and"):
            current, last = current + _TENS[word], "tens"
        elif _compound(word) and last in ("", "scale", "and"):
            left, _, right = word.partition("-")
            current, last = current + _TENS[left] + _UNITS[right], "unit"
        elif word in MULTIPLIERS and last in ("unit", "tens", "article", "scale"):
            scale = MULTIPLIERS[word]
            if scale >= 1000:
                total, current = total + current * scale, 0
            else:
                current *= scale
            last = "scale"
        else:
            raise _Fail(f"expected a number, got {' '.join(words)!r}")
    if last in ("article", "and"):
        raise _Fail(f"expected a number, got {' '.join(words)!r}")
    return _whole(total + current, words)


def _compound(word: str) -> bool:
    """Whether ``word`` is a hyphenated number word such as "twenty-five"."""
    left, dash, right = word.partition("-")
    return bool(dash) and left in _TENS and right in _UNITS and right not in ("a", "an")
