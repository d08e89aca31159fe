"""Times found in running text: the phrases of a report that resolve_time reads.

The text is cut into tokens (words, numbers, clock times, dates). Runs of tokens
that the grammar's vocabulary knows, joined by spaces or a comma, are the
candidates; in each run the longest stretch that resolves is taken, from the left,
and the search goes on after it. So "on Thursday afternoon at about 1pm, according
to..." gives one phrase, and "about the fall of the district" gives none: "about the"
resolves to nothing. A leading "on" or "at" is left out of the phrase reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from typing import NamedTuple

from .errors import ValidationError
from .time import Time

#: The longest phrase tried, in tokens.
MAX_TOKENS = 12

_TOKEN_RE = re.compile(
    r"""
    \d{4}-\d{2}-\d{2}(?:[Tt]\d{2}(?::\d{2}){0,2}(?:[Zz]|[+-]\d{2}:?\d{2})?)?  # ISO 8601
    | \d{1,2}/\d{1,2}/\d{4}                                   # 11/03/2021
    | \d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?         # 13:00, 3:30 a.m.
    | \d+(?:st|nd|rd|th|[ap]\.?m\b\.?)?                        # 11th, 1pm, 2021
    | [ap]\.m\.                                                # p.m. after "6 "
    | [^\W\d_]+(?:[-'\u2019][^\W\d_]+)*                        # words: twenty-one, pre-dawn
    """,
    re.VERBOSE,
)
# Between two tokens of one phrase: spaces; a comma before a number or after a weekday
# ("Thursday, 11 March 2021", "March 11, 2021"); a full stop after a number ("am 11.
# März"). Not "at about 1pm, local sources said".
_SPACE_RE = re.compile(r"\s*")
_COMMA_RE = re.compile(r"\s*,?\s*")
_NUMBER_GAP_RE = re.compile(r"\.?\s*,?\s*")
# Words that are also common words elsewhere count only when capitalised.
_NAMES_NEED_CAPITALS = True
# English words no phrase ends with, or starts with: candidates are skipped without
# resolving them, which keeps long runs of such words ("the the the ...") cheap.
_NEVER_LAST = frozenset(
    (
        *("the", "of", "on", "in", "at", "a", "an", "last", "this", "early", "late"),
        *("mid", "about", "around", "approximately", "roughly", "circa", "since", "for"),
        *("after", "over", "under", "nearly", "almost", "than", "least", "more", "less"),
        *("just", "before", "during", "ever", "earlier", "past", "recent", "small", "pre"),
    )
)
_NEVER_FIRST = frozenset(["of", "ago", "than", "least", "hours"])


class FoundTime(NamedTuple):
    """A time phrase found in a text: its characters ``text[start:end]`` and the
    :class:`~incidentkit.Time` it resolves to."""

    start: int
    end: int
    text: str
    time: Time


def find_times(
    text: str,
    *,
    reference: datetime | Time,
    tz: str | tzinfo,
    language: str | None = None,
) -> list[FoundTime]:
    """See :func:`incidentkit.find_times`."""
    from .timephrases import _GRAMMAR_NAMES, _KNOWN_WORDS, _check_reference, resolve_time

    if not isinstance(text, str):
        raise ValidationError(f"expected a text, got {type(text).__name__}")
    # fail early on a bad reference, zone or language, not once per candidate
    _check_reference(reference, tz)
    english = language is None or language.split("-")[0].split("_")[0].lower() == "en"
    if english:

        def known(word: str) -> bool:
            lower = word.lower()
            if lower in _GRAMMAR_NAMES and _NAMES_NEED_CAPITALS and not word[:1].isupper():
                return False  # "may", "sun", "wed" in prose
            return all(part in _KNOWN_WORDS for part in re.split(r"[-'\u2019]", lower))

    else:
        from ._phrases_lang import language as load_language

        assert language is not None
        known = load_language(language).knows_word

    cache: dict[str, Time | None] = {}

    def resolved(phrase: str) -> Time | None:
        if phrase not in cache:
            try:
                cache[phrase] = resolve_time(phrase, reference=reference, tz=tz, language=language)
            except ValidationError:
                cache[phrase] = None
        return cache[phrase]

    found: list[FoundTime] = []
    for run in _runs(text, known):
        i = 0
        while i < len(run):
            hit = None
            for j in range(min(len(run), i + MAX_TOKENS) - 1, i - 1, -1):
                start, end = run[i].start(), run[j].end()
                if english and (
                    run[j].group(0).lower() in _NEVER_LAST
                    or run[i].group(0).lower() in _NEVER_FIRST
                ):
                    continue
                if not _plausible(run[i : j + 1], run[j + 1] if j + 1 < len(run) else None):
                    continue
                value = resolved(text[start:end])
                if value is None:
                    continue
                hit = (j, start, end, value)
                break
            if hit is None:
                i += 1
                continue
            j, start, end, value = hit
            first, second = run[i].group(0), run[i + 1].group(0) if i < j else ""
            if english and (
                first.lower() in ("on", "at")
                or (first.lower() == "the" and (second[:1].isupper() or second[:1].isdigit()))
            ):
                start = run[i + 1].start()
            found.append(FoundTime(start, end, text[start:end], value))
            i = j + 1
    return found


def _runs(text: str, known: Callable[[str], bool]) -> Iterator[list[re.Match[str]]]:
    """Runs of known tokens, each next to the one before (a space or a comma apart)."""
    run: list[re.Match[str]] = []
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0)
        ok = token[0].isdigit() or known(token) or re.fullmatch(r"[ap]\.m\.", token) is not None
        if ok and run and not _joined(text, run[-1], match):
            yield run
            run = []
        if ok:
            run.append(match)
        elif run:
            yield run
            run = []
    if run:
        yield run


def _joined(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    """Whether two tokens may be parts of one phrase, by what lies between them."""
    from .timephrases import _WEEKDAYS

    if before.group(0).isdigit():
        gap = _NUMBER_GAP_RE
    elif after.group(0)[:1].isdigit() or before.group(0).lower() in _WEEKDAYS:
        gap = _COMMA_RE
    else:
        gap = _SPACE_RE
    return gap.fullmatch(text, before.end(), after.start()) is not None


def _plausible(tokens: list[re.Match[str]], after: re.Match[str] | None) -> bool:
    """Prose is full of numbers: a phrase of bare numbers counts only as one year
    from 1900 to 2099. "This" alone is a word, not today, and a word of three
    letters alone is too often something else ("Die" is not Tuesday). A phrase
    followed by a number is not taken without it ("May" of "by May 1st", which is
    refused as in the future)."""
    words = [t.group(0) for t in tokens]
    if all(w.isdigit() for w in words):
        return len(words) == 1 and len(words[0]) == 4 and 1900 <= int(words[0]) <= 2099
    if after is not None and after.group(0)[:1].isdigit() and words[-1][:1].isalpha():
        return False
    return not (len(words) == 1 and (len(words[0]) <= 3 or words[0].lower() == "this"))
