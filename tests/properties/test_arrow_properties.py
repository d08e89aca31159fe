"""Arrow and Parquet round trips over every record class, with the public strategies."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow", reason="the arrow extra is not installed")

from incidentkit import strategies as iks
from incidentkit._typetree import registered
from incidentkit.arrow import from_arrow, iter_parquet, to_arrow, write_parquet
from incidentkit.codec import dumps

#: The library's own record classes (not those other test modules declare).
CLASSES = [
    r.type
    for r in registered()
    if isinstance(r.type, type) and r.type.__module__.startswith("incidentkit.")
]


def _same(left: list[Any], right: list[Any]) -> None:
    assert left == right
    # Equal records may still differ in a UTC offset; the JSON text does not.
    assert [dumps(r) for r in left] == [dumps(r) for r in right]


@pytest.mark.slow
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_arrow_round_trip(cls: type[Any]) -> None:
    @given(st.lists(iks.for_type(cls), max_size=3))
    @settings(suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow])
    def check(records: list[Any]) -> None:
        _same(from_arrow(to_arrow(records, cls), cls), records)

    check()


@pytest.mark.slow
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_parquet_round_trip(cls: type[Any]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "records.parquet"

        # (A bundle holds records of every kind: a list of five often outgrows
        # what Hypothesis draws, which fails the dev profile's health check.)
        @given(st.lists(iks.for_type(cls), max_size=2 if cls.__name__ == "Bundle" else 5))
        @settings(
            max_examples=20,
            suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow],
        )
        def check(records: list[Any]) -> None:
            write_parquet(records, path, cls, row_group_size=2)
            _same(list(iter_parquet(path, cls)), records)

        check()
