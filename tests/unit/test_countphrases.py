"""resolve_count: figure phrases from reports read as Counts, without invented numbers."""

from __future__ import annotations

import time

import pytest

from incidentkit import Count, CountQualifier, ValidationError, resolve_count
from incidentkit.countphrases import HEDGES, VAGUE_RANGES

Q = CountQualifier

#: phrase -> (best, qualifier, low, high)
TABLE: dict[str, tuple[int | None, CountQualifier, int | None, int | None]] = {
    "7": (7, Q.EXACT, None, None),
    "1,200": (1200, Q.EXACT, None, None),
    "seven": (7, Q.EXACT, None, None),
    "Twenty-five": (25, Q.EXACT, None, None),
    "one hundred and twenty": (120, Q.EXACT, None, None),
    "two hundred thousand": (200_000, Q.EXACT, None, None),
    "1.5 million": (1_500_000, Q.EXACT, None, None),
    "a dozen": (12, Q.EXACT, None, None),
    "two dozen": (24, Q.EXACT, None, None),
    "about 40": (40, Q.ABOUT, None, None),
    "some 200": (200, Q.ABOUT, None, None),
    "an estimated 40": (40, Q.ABOUT, None, None),
    "at least seven": (7, Q.AT_LEAST, 7, None),
    "more than 20": (20, Q.MORE_THAN, None, None),
    "over a dozen": (12, Q.MORE_THAN, None, None),
    "nearly 30": (30, Q.ABOUT, None, 30),
    "up to 15": (15, Q.AT_MOST, None, 15),
    "fewer than ten": (10, Q.FEWER_THAN, None, None),
    "between 10 and 15": (None, Q.ABOUT, 10, 15),
    "10-15": (None, Q.ABOUT, 10, 15),
    "10 to 15": (None, Q.ABOUT, 10, 15),
    "8 to 8": (8, Q.EXACT, None, None),
    "a handful": (None, Q.ABOUT, 3, 5),
    "several": (None, Q.ABOUT, 3, 9),
    "a few": (None, Q.ABOUT, 2, 5),
    "dozens": (None, Q.ABOUT, 24, 99),
    "scores": (None, Q.ABOUT, 40, 99),
    "hundreds": (None, Q.ABOUT, 200, 999),
    "several hundred": (None, Q.ABOUT, 300, 900),
    "tens of thousands": (None, Q.ABOUT, 20_000, 99_000),
}


@pytest.mark.parametrize("phrase", sorted(TABLE))
def test_phrase_table(phrase: str) -> None:
    best, qualifier, low, high = TABLE[phrase]
    assert resolve_count(phrase) == Count(best=best, qualifier=qualifier, low=low, high=high)


def test_every_documented_word_is_read() -> None:
    for hedge in HEDGES:
        assert resolve_count(f"{hedge} 12").best == 12
    for word, (low, high) in VAGUE_RANGES.items():
        count = resolve_count(word)
        assert (count.best, count.low, count.high) == (None, low, high)


@pytest.mark.parametrize(
    ("phrase", "why"),
    [
        ("", "empty"),
        ("many", "expected a number"),
        ("about", "expected a number"),
        ("five seven", "expected a number"),
        ("15 to 10", "backwards"),
        ("1.5", "not a whole number"),
        ("at least dozens", "expected a number"),
        ("dozens of people", "multiplier"),
        ("99999999999999999999", "largest figure"),
        ("between 5", "between N and M"),
    ],
)
def test_refuses_what_it_cannot_read(phrase: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why) as info:
        resolve_count(phrase)
    assert info.value.paths == ["$"]


def test_refuses_long_input_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="at most 200 characters"):
        resolve_count("about " * 100_000)
    assert time.perf_counter() - started < 0.5


def test_refuses_non_text() -> None:
    with pytest.raises(ValidationError, match="expected a figure phrase"):
        resolve_count(40)  # type: ignore[arg-type]
