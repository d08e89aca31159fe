"""The quick pattern tests the compiled checks use find what searching finds.

``pattern_test`` matches (rather than searches) a pattern anchored with ``^`` on
every alternative, and ``compile_pattern`` makes every group non-capturing; both
are speed-ups that must not change which strings a declared pattern accepts.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentkit._constraints import _anchored, compile_pattern, pattern_test
from schema_cases import PATTERNS


@pytest.mark.parametrize("pattern", PATTERNS)
def test_declared_patterns_capture_nothing(pattern: str) -> None:
    assert compile_pattern(pattern).groups == 0


@settings(max_examples=25)
@given(st.data())
def test_pattern_tests_agree_with_searching(data: st.DataObject) -> None:
    for pattern in PATTERNS:
        regex = compile_pattern(pattern)
        strings = [
            data.draw(st.from_regex(regex)),
            data.draw(st.text(max_size=40)),
            "x" + data.draw(st.from_regex(regex)),
            data.draw(st.from_regex(regex)) + "\n",
        ]
        for s in strings:
            expected = regex.search(s) is not None
            assert (pattern_test(pattern)(s) is not None) == expected, (pattern, s)


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        ("^a$", True),
        ("^(a|b)c", True),
        ("^a|b", False),
        ("a", False),
        ("^[|]x", True),
        (r"^\|x", True),
        ("(^a)", False),
    ],
)
def test_only_patterns_anchored_on_every_alternative_are_matched(
    pattern: str, anchored: bool
) -> None:
    assert _anchored(pattern) is anchored
    # Either way the test finds what searching finds.
    for s in ("a", "ab", "ba", "bc", "|x", "xa"):
        assert (pattern_test(pattern)(s) is None) is (compile_pattern(pattern).search(s) is None)
