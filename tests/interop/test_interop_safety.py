"""Bad arguments, bad bytes and what CSV cannot hold: each gets a clear error or
a loss report, never a bare exception or a silent change."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pytest

from _paths import DATA
from incidentkit import Incident, Participant, Problem, ValidationError
from incidentkit.interop.acled import from_acled, read_acled_csv, to_acled, write_acled_csv
from incidentkit.interop.ucdp import from_ucdp, read_ucdp_csv, to_ucdp, write_ucdp_csv


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ACLED = _rows("acled.csv")
UCDP = _rows("ucdp.csv")


def test_an_unknown_zone_is_a_validation_error_and_a_non_text_zone_a_type_error() -> None:
    with pytest.raises(ValidationError, match=r"\$\.tz: unknown IANA time zone"):
        from_acled(ACLED[0], tz="Nowhere/Zone")
    with pytest.raises(TypeError, match="tz must be an IANA time zone name"):
        read_ucdp_csv(io.StringIO(""), tz=5)  # type: ignore[arg-type]


def test_arguments_of_the_wrong_type_are_type_errors() -> None:
    incident = from_acled(ACLED[0])
    with pytest.raises(TypeError, match="lossy"):
        to_acled(incident, lossy=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="on_error"):
        read_acled_csv(io.StringIO(""), on_error=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="formula_guard"):
        write_acled_csv([incident], io.StringIO(), formula_guard="no")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a path or a file"):
        write_acled_csv([incident], 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected Incident records"):
        write_ucdp_csv([ACLED[0]], io.StringIO())  # type: ignore[list-item]
    with pytest.raises(TypeError, match="expected an Incident"):
        to_ucdp(ACLED[0])  # type: ignore[arg-type]


def test_a_latitude_without_a_longitude_names_the_missing_column() -> None:
    with pytest.raises(ValidationError, match=r"\$\.longitude: required with the other"):
        from_ucdp({**UCDP[0], "longitude": ""})


def _acled_bytes(rows: int) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(ACLED[0]), lineterminator="\r\n")
    writer.writeheader()
    for i in range(rows):
        writer.writerow({**ACLED[0], "event_id_cnty": f"AFG{i}"})
    return text.getvalue().encode()


def test_a_bad_utf8_byte_spoils_only_its_row() -> None:
    lines = _acled_bytes(600).split(b"\r\n")
    lines[500] = lines[500].replace(b"Taliban", b"Tali\xffban", 1)  # row 500 is line 501
    reader = read_acled_csv(io.BytesIO(b"\r\n".join(lines)), on_error="collect")
    incidents = list(reader)
    assert len(incidents) == 599
    [error] = reader.errors
    assert error.errors[0].line == 501
    assert "not valid UTF-8: byte 0xff" in error.errors[0].message
    assert incidents[-1].id == "AFG599"


def test_cells_up_to_one_mebibyte_are_read() -> None:
    cell = "x" * 131_073  # one more than the csv module's default limit
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=[*ACLED[0], "extra"])
    writer.writeheader()
    writer.writerow({**ACLED[0], "extra": cell})
    [incident] = read_acled_csv(io.StringIO(text.getvalue()))
    assert incident.extensions["acled"]["extra_columns"]["extra"] == cell


def _with_a_huge_cell(path: Path, quoted: bool) -> Path:
    """Three rows; the second has a notes cell one character over the 1 MiB limit
    (on one line, or quoted and spread over two lines)."""
    cell = "x" * (1024 * 1024 + 1)
    if quoted:
        cell = cell[:10] + ",\n" + cell[12:]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(ACLED[0]), lineterminator="\r\n")
    writer.writeheader()
    for i in range(3):
        writer.writerow({**ACLED[0], "event_id_cnty": f"AFG{i}", "notes": cell if i == 1 else ""})
    path.write_text(text.getvalue(), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("quoted", [False, True])
def test_a_cell_over_the_limit_spoils_only_its_row(tmp_path: Path, quoted: bool) -> None:
    path = _with_a_huge_cell(tmp_path / "big.csv", quoted)
    reader = read_acled_csv(path, on_error="collect")
    assert [i.id for i in reader] == ["AFG0", "AFG2"]
    [error] = reader.errors
    [problem] = error.errors
    assert (problem.line, problem.path) == (3, "$.notes")
    assert problem.message == "cell is 1048577 characters long; at most 1048576"
    with pytest.raises(ValidationError, match=r"line 3: \$\.notes: cell is 1048577"):
        list(read_acled_csv(path))


def test_the_cli_keeps_going_past_a_cell_over_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from incidentkit.cli import main

    path = _with_a_huge_cell(tmp_path / "big.csv", quoted=True)
    out = tmp_path / "out.jsonl"
    argv = ["convert", "--from", "acled", "--to", "jsonl", "--keep-going", "--quiet"]
    assert main([*argv, str(path), str(out)]) == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert f"{path}:3: $.notes: cell is 1048577 characters long" in capsys.readouterr().err


def test_a_record_whose_row_would_not_read_back_is_refused_with_the_reason() -> None:
    incident = attrs.evolve(from_ucdp(UCDP[0]), participants=(), casualties=())
    losses: list[Problem] = []
    out = io.StringIO()
    assert write_ucdp_csv([incident], out, lossy=losses) == 0
    assert any("not written" in p.message and "side_a: required" in p.message for p in losses)
    out.seek(0)
    assert list(read_ucdp_csv(out)) == []


def test_what_csv_changes_is_reported() -> None:
    incident = from_ucdp(UCDP[0])
    participants = (
        Participant(
            actor=incident.participants[0].actor, role=incident.participants[0].role, note="led"
        ),
        *incident.participants[1:],
    )
    actors = (attrs.evolve(incident.actors[0], name=" Padded name "), *incident.actors[1:])
    edited: Incident = attrs.evolve(incident, participants=participants, actors=actors)
    losses: list[Problem] = []
    write_ucdp_csv([edited], io.StringIO(), lossy=losses)
    paths = {p.path for p in losses}
    assert "$.participants[0].note" in paths
    assert "$.actors[0].name" in paths
    acled = attrs.evolve(from_acled(ACLED[0]), notes="", tags=(" spaced ",))
    losses = []
    write_acled_csv([acled], io.StringIO(), lossy=losses)
    paths = {p.path for p in losses}
    assert "$.notes" in paths
    assert any(p.startswith("$.tags") for p in paths)


def test_the_formula_guard_is_reported_and_can_be_turned_off(tmp_path: Path) -> None:
    incident = from_ucdp({**UCDP[0], "source_office": "@account"})
    losses: list[Problem] = []
    path = tmp_path / "ged.csv"
    write_ucdp_csv([incident], path, lossy=losses)
    assert any(
        "column source_office: starts like a spreadsheet formula" in p.message for p in losses
    )
    assert "'@account" in path.read_text(encoding="utf-8")
    losses = []
    write_ucdp_csv([incident], path, lossy=losses, formula_guard=False)
    assert losses == []
    assert ",@account," in path.read_text(encoding="utf-8")
    [back] = read_ucdp_csv(path, formula_guard=False)
    assert back == incident
    assert [p.name for p in tmp_path.iterdir()] == ["ged.csv"]


def test_csv_writers_report_the_same_losses_in_flat_memory(tmp_path: Path) -> None:
    # What a list gets, "warn" counts (showing the first 20); the formula guard's
    # changes are reported with the losses but never make "raise" raise.
    from incidentkit.interop._common import SHOWN_LOSSES

    guarded = from_ucdp({**UCDP[0], "source_office": "@account"})
    incidents = [guarded, *read_ucdp_csv(DATA / "ucdp.csv"), *read_acled_csv(DATA / "acled.csv")]
    every: list[Problem] = []
    write_acled_csv(incidents, tmp_path / "a.csv", lossy=every)
    assert len(every) > SHOWN_LOSSES
    assert any("spreadsheet formula" in p.message for p in every)
    with pytest.warns(UserWarning, match=rf"ACLED cannot hold everything; {len(every)} loss"):
        write_acled_csv(incidents, tmp_path / "a.csv", lossy="warn")
    with pytest.raises(ValidationError) as raised:
        write_acled_csv(incidents, tmp_path / "b.csv", lossy="raise")
    assert all(p.line == 2 for p in raised.value.errors)  # the first record's row
    assert not (tmp_path / "b.csv").exists()
    only_guarded: list[Problem] = []
    write_ucdp_csv([guarded], tmp_path / "c.csv", lossy=only_guarded)
    assert only_guarded
    assert all("formula" in p.message for p in only_guarded)
    write_ucdp_csv([guarded], tmp_path / "c.csv", lossy="raise")  # changes alone: no error
