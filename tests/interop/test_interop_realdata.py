"""The real ACLED and UCDP GED samples beside the repository (see their README):
every row is read, and writing back gives the same cells except where the loss
report names the column. Skipped when the folder is absent (it is not part of the
repository: ACLED's terms restrict redistribution)."""

from __future__ import annotations

import csv
import io
import warnings
from collections import Counter

import pytest

from _paths import REAL_DATA
from incidentkit import Problem, Role
from incidentkit.interop import ImportedValueWarning, acled, ucdp

FILES = [
    ("acled_2024_sample.csv", "acled", "standard"),
    ("acled_pre2023_sample.csv", "acled", "pre2023"),
    ("ucdp_ged231_sample.csv", "ucdp", "ged231"),
]

pytestmark = pytest.mark.skipif(
    not REAL_DATA.is_dir(),
    reason=f"no real sample files at {REAL_DATA} (set INCIDENTKIT_REAL_DATA to their folder)",
)


@pytest.mark.parametrize(("name", "fmt", "layout"), FILES)
def test_every_row_is_read_and_written_back_cell_for_cell(
    name: str, fmt: str, layout: str
) -> None:
    module = acled if fmt == "acled" else ucdp
    path = REAL_DATA / name
    with open(path, encoding="utf-8", newline="") as handle:
        original = handle.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportedValueWarning)
        reader = (acled.read_acled_csv if fmt == "acled" else ucdp.read_ucdp_csv)(
            path, on_error="collect"
        )
        incidents = list(reader)
    assert reader.errors == []
    assert len(incidents) == reader.rows_read
    if layout != "standard":
        assert incidents[0].extensions[module.NAMESPACE]["layout"] == layout
    losses: list[Problem] = []
    out = io.StringIO()
    (acled.write_acled_csv if fmt == "acled" else ucdp.write_ucdp_csv)(
        incidents, out, lossy=losses
    )
    before = list(csv.reader(io.StringIO(original)))
    after = list(csv.reader(io.StringIO(out.getvalue())))
    assert before[0] == after[0]  # the same columns, in the same order
    assert len(before) == len(after)
    named = {(p.line, p.message.split(":")[0]) for p in losses}
    for line, (old, new) in enumerate(zip(before[1:], after[1:], strict=True), start=2):
        for column, a, b in zip(before[0], old, new, strict=True):
            if a != b:
                assert (line, f"column {column}") in named, (line, column, a, b)


def test_ged_rows_that_break_hand_coding_rules_are_read_with_warnings() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reader = ucdp.read_ucdp_csv(REAL_DATA / "ucdp_ged231_sample.csv")
        incidents = list(reader)
    assert len(incidents) == 1000
    kinds = Counter(w.kind for w in reader.warnings)
    assert kinds["low_above_best"] > 0
    assert kinds["high_below_best"] > 0
    assert kinds["name_too_long"] == 2
    assert all(w.problem.line is not None for w in reader.warnings)
    assert len([w for w in caught if w.category is ImportedValueWarning]) == len(reader.warnings)


def test_older_acled_rows_with_inter2_0_have_one_actor() -> None:
    with open(REAL_DATA / "acled_pre2023_sample.csv", encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["inter2"] == "0"]
    assert rows
    for row in rows:
        incident = acled.from_acled(row)
        main = [p for p in incident.participants if p.role is not Role.SUPPORTER]
        assert len(main) == 1  # actor1 (with its associated actors, if any)
