"""Properties of resolve_count: low <= best <= high, and the stated figure kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from incidentkit import resolve_count
from incidentkit.countphrases import HEDGES, MULTIPLIERS, VAGUE_RANGES

_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@given(
    hedge=st.sampled_from(["", *HEDGES]),
    n=st.integers(0, 10**9),
    words=st.booleans(),
)
def test_a_stated_figure_is_kept_with_its_bound(hedge: str, n: int, words: bool) -> None:
    figure = _NUMBER_WORDS[n] if words and n < 10 else f"{n:,}"
    count = resolve_count(f"{hedge} {figure}".strip())
    assert count.best == n
    assert count.low is None or count.low <= n
    assert count.high is None or n <= count.high
    if hedge:
        qualifier, bound = HEDGES[hedge]
        assert count.qualifier is qualifier
        assert (bound == "low") == (count.low == n)
        assert (bound == "high") == (count.high == n)


@given(
    low=st.integers(0, 10**6),
    span=st.integers(1, 10**6),
    form=st.sampled_from(["between {} and {}", "{} to {}", "{}-{}"]),
)
def test_a_stated_range_is_kept(low: int, span: int, form: str) -> None:
    count = resolve_count(form.format(low, low + span))
    assert (count.best, count.low, count.high) == (None, low, low + span)


@given(word=st.sampled_from(sorted(VAGUE_RANGES)), scale=st.sampled_from(["", *MULTIPLIERS]))
def test_a_vague_figure_is_an_ordered_range_without_best(word: str, scale: str) -> None:
    count = resolve_count(f"{word} {scale}".strip())
    assert count.best is None
    assert count.low is not None
    assert count.high is not None
    assert count.low <= count.high


@given(text=st.text(max_size=60))
def test_anything_else_is_read_or_refused_cleanly(text: str) -> None:
    from incidentkit import ValidationError

    try:
        count = resolve_count(text)
    except ValidationError:
        return
    low = count.low if count.low is not None else count.best
    high = count.high if count.high is not None else count.best
    assert low is not None
    assert high is not None
    assert low <= high
