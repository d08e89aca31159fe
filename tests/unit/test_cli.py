"""The command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import incidentkit
from incidentkit import Incident, examples, loads
from incidentkit.cli import main


def test_example_prints_the_reference_incident(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example"]) == 0
    assert loads(capsys.readouterr().out, Incident) == examples.INCIDENT


def test_example_all_compact_prints_one_line_per_record(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["example", "--all", "--compact"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r.id for r in examples.RECORDS]


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert incidentkit.__version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["example", "--help"])
    assert "reference" in capsys.readouterr().out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "usage" in capsys.readouterr().err


@pytest.mark.slow
def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "incidentkit", "example", "--compact"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loads(out.stdout, Incident) == examples.INCIDENT


# ---------------------------------------------------------------- schema


def test_schema_prints_the_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    from incidentkit.schema import bundle_schema

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == bundle_schema()


def test_schema_out_writes_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from incidentkit.schema import schema_files

    assert main(["schema", "--out", str(tmp_path / "s")]) == 0
    written = {p.name: json.loads(p.read_text()) for p in (tmp_path / "s").iterdir()}
    assert written == schema_files()
    assert f"wrote {len(schema_files())}" in capsys.readouterr().err


def test_schema_dialect_and_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--dialect", "openapi-3.0", "--type", "point"]) == 0
    assert json.loads(capsys.readouterr().out)["openapi"] == "3.0.3"
    assert (
        main(["schema", "--dialect", "draft-07", "--type", "Actor", "--out", str(tmp_path)]) == 0
    )
    assert json.loads((tmp_path / "actor.schema.json").read_text())["definitions"]
    with pytest.raises(SystemExit) as exit_info:
        main(["schema", "--dialect", "draft-04"])
    assert exit_info.value.code == 2


# ---------------------------------------------------------------- validate


def write(path: Path, text: str | bytes) -> str:
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return str(path)


def bad_incident() -> dict[str, Any]:
    data = incidentkit.to_dict(examples.INCIDENT)
    data["where"]["point"] = {"lat": 95, "lon": 0}
    del data["when"]
    return data


def test_validate_valid_json_and_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = write(tmp_path / "one.json", incidentkit.dumps(examples.INCIDENT, indent=True))
    lines = write(tmp_path / "many.jsonl", incidentkit.dumps(examples.INCIDENT) + "\n\n" * 2)
    assert main(["validate", one, lines]) == 0
    out = capsys.readouterr().out
    assert out == "2 Incident records in 2 files: all valid\n"


def test_validate_reports_file_line_path_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(bad_incident(), indent=2)
    doc = write(tmp_path / "bad.json", text)
    good = incidentkit.dumps(examples.INCIDENT)
    lines = write(tmp_path / "bad.jsonl", f"{good}\n\n{json.dumps(bad_incident())}\n{{oops\n")
    assert main(["validate", doc, lines]) == 1
    out = capsys.readouterr().out.splitlines()
    lat_line = text.splitlines().index('      "lat": 95,') + 1
    assert out == [
        f"{doc}:1: $.when: required key missing",
        f"{doc}:{lat_line}: $.where.point.lat: must be <= 90, got 95.0",
        f"{lines}:3: $.when: required key missing",
        f"{lines}:3: $.where.point.lat: must be <= 90, got 95.0",
        out[4],
        "4 Incident records in 2 files: 3 invalid, 5 problems",
    ]
    assert out[4].startswith(f"{lines}:4: $: invalid JSON")


def test_validate_a_json_array_and_a_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [incidentkit.to_dict(examples.DEFECTION)] * 2
    text = json.dumps(records, indent=1)
    path = write(tmp_path / "d.json", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith('  "defector"'))
    assert main(["validate", "--type", "defection", path]) == 0
    assert capsys.readouterr().out == "2 Defection records in 1 file: all valid\n"
    assert main(["validate", path]) == 0  # told apart by their keys
    assert capsys.readouterr().out == "2 Defection records in 1 file: all valid\n"
    assert main(["validate", "--type", "Incident", path]) == 1
    assert f"{path}:{line}: $[0].defector: unknown key" in capsys.readouterr().out


def test_validate_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(incidentkit.dumps(examples.INCIDENT).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["validate", "-"]) == 0
    assert "all valid" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "-:1: $: no records"),
        (b"\n\n", "-:2: $: no records"),
        (b'{\n "id": "\xff"\n}', "-:2: $: not UTF-8 text"),
        (b'{\n "id": 1,\n', "-:3: $: invalid JSON"),
        (b'{"best": NaN}', "-:1: $: invalid JSON"),
    ],
)
def test_validate_bad_input(
    content: bytes,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content)))
    assert main(["validate", "-"]) == 1
    assert capsys.readouterr().out.startswith(message)


def test_validate_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.json", incidentkit.dumps(examples.INCIDENT))
    assert main(["validate", good, str(tmp_path / "missing.json")]) == 2
    captured = capsys.readouterr()
    assert "cannot read" in captured.err
    assert "1 Incident record in 1 file: all valid" in captured.out
    for argv in (["validate"], ["validate", "--type", "robot", good]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    assert "unknown record type 'robot'" in capsys.readouterr().err


def test_validate_progress_only_on_a_terminal(tmp_path: Path) -> None:
    from incidentkit.cli import _Progress, _Totals

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    totals = _Totals()
    totals.add("Incident", [])
    for stream, enabled, expected in (
        (Terminal(), True, True),
        (io.StringIO(), True, False),  # a pipe or a log
        (Terminal(), False, False),  # --quiet
    ):
        clock = iter(range(100)).__next__
        progress = _Progress(
            stream, clock=lambda c=clock: float(c()), enabled=enabled, library=False
        )
        for _ in range(3):
            progress.update("big.jsonl", totals, 2048)
        progress.clear()
        shown = "big.jsonl: 1 records (1/s), 2.0 KiB read, 0 invalid" in stream.getvalue()
        assert shown is expected
        assert stream.getvalue().endswith("\r\x1b[K") is expected


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_falls_back_to_a_plain_line_without_tqdm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from incidentkit.cli import _Progress, _Totals

    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if the extra were not installed
    totals = _Totals()
    totals.add("Incident", [])
    stream = _Terminal()
    progress = _Progress(stream, clock=iter(range(10)).__next__)
    progress.update("big.jsonl", totals, 2048, size=4096)
    progress.clear()
    assert "big.jsonl: 1 records (1/s), 2.0 KiB read, 0 invalid" in stream.getvalue()
    with pytest.raises(ImportError, match=r"pip install 'incidentkit\[progress\]'"):
        _Progress(_Terminal(), library=True)


def test_progress_uses_tqdm_when_installed() -> None:
    pytest.importorskip("tqdm", reason="the progress bar needs tqdm (extra 'progress')")
    from incidentkit.cli import _Progress, _Totals

    totals = _Totals()
    totals.add("Incident", [])
    totals.add("Incident", ["a problem"])
    stream = _Terminal()
    progress = _Progress(stream, clock=iter(range(10)).__next__)
    progress.update("big.jsonl", totals, 2048, size=4096)
    progress.update("big.jsonl", totals, 4096, size=4096)
    drawn = stream.getvalue()
    for part in ("big.jsonl:", "50%", "100%", "2 records", "1 invalid"):
        assert part in drawn
    progress.clear()
    assert progress.bar is None
    piped = io.StringIO()
    _Progress(piped).update("big.jsonl", totals, 2048)  # not a terminal: nothing
    assert piped.getvalue() == ""


def test_validate_help_names_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    out = capsys.readouterr().out
    assert "FILE:LINE: $.path: message" in out
    assert "Incident" in out
