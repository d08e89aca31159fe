"""Every escape found by fuzzing (issue 15), as a regression test.

The escapes found in code of other issues (12: time phrases and EDTF, 13: the
interop readers, 14: zone names) were fixed there; these tests keep them fixed. The
harnesses themselves run on their seeds here too, so a broken harness shows in the
ordinary test run."""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from typing import Any

import pytest

import incidentkit as ik
from _paths import DATA, ROOT
from incidentkit.errors import ValidationError

sys.path.insert(0, str(ROOT / "fuzz"))
import targets

REFERENCE = "2021-03-11T12:00:00Z"


def _reference(text: str = REFERENCE) -> Any:
    return ik.Time.from_edtf(text, tz="UTC")


@pytest.mark.parametrize("target", sorted(targets.TARGETS))
def test_harnesses_pass_their_seeds(target: str) -> None:
    for seed in targets.seeds(target):
        targets.call(target, seed)


# ---------------------------------------------------------------- fixed here


def test_from_dict_with_odd_keys() -> None:
    doc = ik.to_dict(ik.examples.INCIDENT)
    for key in (None, 1, b"x"):
        with pytest.raises(ValidationError):
            ik.from_dict({**doc, key: 1}, ik.Incident)


def test_count_beyond_int_to_str_limits() -> None:
    with pytest.raises(ValidationError):
        ik.Count(best=10**5000)


def test_validate_reader_on_deep_and_odd_input() -> None:
    for data in (b"[" * 100_000, b'{"\\n": 1}\n', b"\xff\xfe{}", b"[\n" + b"{}," * 1000):
        targets.call("validate", data)


def test_api_readers_on_deep_input() -> None:
    """A bare RecursionError escaped both API readers (round five)."""
    for first in (b"\x00", b"\x01"):
        for data in (b"[" * 100_000, b'{"data": [' + b"[" * 3_000, b'{"Result": [[[[NaN]]]]}'):
            targets.call("api", first + data)


# ---------------------------------------------------------------- issue 12


def test_from_edtf_last_month_with_a_zone() -> None:
    with pytest.raises(ValidationError):
        ik.Time.from_edtf("9999-12", tz="UTC")


def test_from_edtf_last_day() -> None:
    with contextlib.suppress(ValidationError):  # its end is past the year 9999 in Kabul
        ik.Time.from_edtf("9999-12-31", tz="Asia/Kabul")


def test_resolve_time_last_second() -> None:
    from incidentkit.timephrases import resolve_time

    with contextlib.suppress(ValidationError):
        resolve_time("9999-12-31T23:59:59Z", reference=_reference(), tz="Asia/Kabul")


def test_resolve_time_yesterday_at_the_end_of_the_calendar() -> None:
    from incidentkit.timephrases import resolve_time

    with contextlib.suppress(ValidationError):
        resolve_time("yesterday", reference=_reference("9999-12-31"), tz="UTC")


def test_resolve_time_long_number() -> None:
    from incidentkit.timephrases import resolve_time

    with pytest.raises(ValidationError):
        resolve_time("1h" + "1" * 30, reference=_reference(), tz="UTC")


# ---------------------------------------------------------------- issue 13


def _first_row(name: str) -> dict[str, str]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))


def test_read_ucdp_csv_with_a_zone_that_is_not_a_string() -> None:
    from incidentkit.interop.ucdp import read_ucdp_csv

    with pytest.raises((ValidationError, TypeError)):
        list(read_ucdp_csv(io.BytesIO((DATA / "ucdp.csv").read_bytes()), tz=5))  # type: ignore[arg-type]


def test_ucdp_row_with_a_latitude_and_no_longitude() -> None:
    from incidentkit.interop.ucdp import from_ucdp

    row = {**_first_row("ucdp.csv"), "longitude": ""}
    with pytest.raises(ValidationError):
        from_ucdp(row)


def test_acled_invalid_utf8_in_a_late_row_with_collect() -> None:
    from incidentkit.interop.acled import read_acled_csv

    lines = (DATA / "acled.csv").read_bytes().splitlines(keepends=True)
    body = lines[1:] * 40
    body[20] = body[20].replace(b"Taliban", b"Tali\xffban", 1)
    reader = read_acled_csv(io.BytesIO(lines[0] + b"".join(body)), on_error="collect")
    records = list(reader)
    assert len(records) == len(body) - 1
    assert [e.errors[0].line for e in reader.errors] == [22]


# ---------------------------------------------------------------- issue 14


ZONES = ["Nowhere/Zone", "/etc/passwd", "../x", "x" * 300]


def test_resolve_time_refuses_an_unknown_zone() -> None:
    from incidentkit.timephrases import resolve_time

    with pytest.raises(ValidationError):
        resolve_time("yesterday", reference=_reference(), tz="Nowhere/Zone")


@pytest.mark.parametrize("zone", ZONES[1:], ids=["absolute", "relative", "long"])
def test_resolve_time_checks_the_zone_name(zone: str) -> None:
    from incidentkit.timephrases import resolve_time

    with pytest.raises(ValidationError):
        resolve_time("yesterday", reference=_reference(), tz=zone)


@pytest.mark.parametrize("zone", ZONES, ids=["unknown", "absolute", "relative", "long"])
def test_from_acled_checks_the_zone_name(zone: str) -> None:
    from incidentkit.interop.acled import from_acled

    with pytest.raises(ValidationError):
        from_acled(_first_row("acled.csv"), tz=zone)
