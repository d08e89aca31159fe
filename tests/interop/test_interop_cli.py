"""``incidentkit convert``."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from _paths import DATA
from incidentkit import Incident, dumps, examples, iter_jsonl
from incidentkit.cli import main
from incidentkit.interop._csv import neutralise


def test_acled_to_jsonl_and_back_is_exact(tmp_path: Path) -> None:
    jsonl, csv_out = tmp_path / "a.jsonl", tmp_path / "a.csv"
    assert (
        main(["convert", "--from", "acled", "--to", "jsonl", str(DATA / "acled.csv"), str(jsonl)])
        == 0
    )
    with open(jsonl, "rb") as handle:
        assert len(list(iter_jsonl(handle, Incident))) == 27
    assert main(["convert", "--from", "jsonl", "--to", "acled", str(jsonl), str(csv_out)]) == 0
    original = _cells(DATA / "acled.csv")
    written = _cells(csv_out)
    # The only difference: formula-like cells are neutralised with a leading quote.
    assert written == [[neutralise(cell) for cell in row] for row in original]
    assert written != original


def _cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_ucdp_to_ucdp_is_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "ged.csv"
    assert (
        main(["convert", "--from", "ucdp", "--to", "ucdp", str(DATA / "ucdp.csv"), str(out)]) == 0
    )
    assert out.read_bytes() == (DATA / "ucdp.csv").read_bytes()


def test_to_geojson(tmp_path: Path) -> None:
    out = tmp_path / "map.geojson"
    assert (
        main(["convert", "--from", "ucdp", "--to", "geojson", str(DATA / "ucdp.csv"), str(out)])
        == 0
    )
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 10


def test_losses_are_listed_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(dumps(examples.INCIDENT) + "\n", encoding="utf-8")
    assert (
        main(["convert", "--from", "jsonl", "--to", "acled", str(source), str(tmp_path / "o.csv")])
        == 0
    )
    err = capsys.readouterr().err
    assert "acled cannot hold everything" in err
    assert "line 2: $.claims" in err
    assert main(["convert", "--quiet", "--from", "jsonl", "--to", "acled", str(source), "-"]) == 0
    captured = capsys.readouterr()
    assert "cannot hold" not in captured.err


def test_a_bad_row_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    text = (DATA / "acled.csv").read_text(encoding="utf-8").replace("35.8463", "north", 1)
    bad.write_text(text, encoding="utf-8", newline="")
    out = tmp_path / "out.jsonl"
    assert main(["convert", "--from", "acled", "--to", "jsonl", str(bad), str(out)]) == 1
    assert f"{bad}:2: $.latitude" in capsys.readouterr().err
    assert (
        main(["convert", "--keep-going", "--from", "acled", "--to", "jsonl", str(bad), str(out)])
        == 1
    )
    err = capsys.readouterr().err
    assert "skipped 1" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 26


def test_missing_file_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "--from", "acled", "--to", "jsonl", "/nonexistent/x.csv", "-"]) == 2
    assert "/nonexistent/x.csv: cannot read: No such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["convert", "--from", "xml", "--to", "jsonl", "a", "b"])
    assert info.value.code == 2


@pytest.mark.slow
def test_stdin_to_stdout() -> None:
    data = (DATA / "ucdp.csv").read_bytes()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "incidentkit",
            "convert",
            "--from",
            "ucdp",
            "--to",
            "ucdp",
            "-",
            "-",
        ],
        input=data,
        capture_output=True,
        check=True,
    )
    assert out.stdout == data


def test_a_summary_follows_each_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    text = (DATA / "ucdp.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].replace(",9,12,9,", ",9,12,10,")  # low above best: read, warned
    lines[2] = lines[2].replace("2021-04-28", "2021-13-28")  # refused
    bad.write_text("".join(lines), encoding="utf-8", newline="")
    out = tmp_path / "out.csv"
    args = ["convert", "--keep-going", "--quiet", "--from", "ucdp", "--to", "acled"]
    assert main([*args, str(bad), str(out)]) == 1
    err = capsys.readouterr().err
    summary = err.split("summary:\n", 1)[1]
    assert "rows read: 10" in summary
    assert "written: 9" in summary
    assert "refused: 1" in summary
    assert "1 x $.date_start: '2021-13-28' is not a date" in summary
    assert "1 x low_above_best" in summary
    assert "x $.participants[].role" in summary


def test_the_formula_guard_can_be_turned_off(tmp_path: Path) -> None:
    out = tmp_path / "plain.csv"
    jsonl = tmp_path / "a.jsonl"
    main(["convert", "--from", "acled", "--to", "jsonl", str(DATA / "acled.csv"), str(jsonl)])
    args = ["convert", "--no-formula-guard", "--from", "jsonl", "--to", "acled"]
    assert main([*args, str(jsonl), str(out)]) == 0
    assert _cells(out) == _cells(DATA / "acled.csv")
