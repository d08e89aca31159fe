"""The command line under misuse: no traceback for any input, the documented exit
code (0 valid, 1 invalid data, 2 usage or unreadable input, 130 interrupted), a
message naming the file, and outputs that are never damaged."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import incidentkit
from _paths import DATA, ROOT
from incidentkit import examples
from incidentkit._filecheck import check_stream
from incidentkit.cli import main

GOOD_LINE = incidentkit.dumps(examples.INCIDENT) + "\n"


def _misuse_files(tmp: Path) -> dict[str, tuple[Path, int]]:
    """name -> (path, exit status validate gives it)."""
    good = incidentkit.to_dict(examples.INCIDENT)
    files: dict[str, tuple[bytes, int]] = {
        "empty": (b"", 1),
        "blank": (b"\n \n", 1),
        "binary": (bytes(range(256)) * 40, 1),
        "deep array": (b"[" * 200_000 + b"]" * 200_000, 1),
        "deep array, pretty": (b"[\n" + b"[" * 200_000 + b"]" * 200_000 + b"\n]", 1),
        "deep object": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, 1),
        "deep extension": (
            json.dumps({**good, "extensions": {"x.y": [[[[[[[[[[[[1]]]]]]]]]]]]}}).encode(),
            0,
        ),
        "odd keys": (
            json.dumps({**good, "bad\nfile.json:1: $.id: forged": 1, "\x1b[2J": 2}).encode(),
            1,
        ),
        "odd keys, pretty": (json.dumps([good, {**good, "a\rb": 1}], indent=2).encode(), 1),
        "duplicate keys": (b'{"id": "a", "id": "b"}', 1),
        "huge integer": (json.dumps({**good, "id": 10**400}).encode(), 1),
        "NaN": (b'{"best": NaN}', 1),
        "not closed": (b"[\n" + GOOD_LINE.encode() + b",\n", 1),
        "trailing garbage": (b"[\n" + GOOD_LINE.encode() + b"]\n}", 1),
        "broken first line": (b'{"id": \n' + GOOD_LINE.encode() * 3, 1),
        "utf-16": (GOOD_LINE.encode("utf-16"), 1),
        "a CSV": ((DATA / "acled.csv").read_bytes(), 1),
    }
    out = {}
    for index, (name, (content, status)) in enumerate(files.items()):
        path = tmp / f"misuse-{index}.json"
        path.write_bytes(content)
        out[name] = (path, status)
    out["missing"] = (tmp / "missing.json", 2)
    out["directory"] = (tmp, 2)
    return out


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "internal error" not in captured.err, captured.err
    return status, captured.out, captured.err


def test_validate_misuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, (path, status) in _misuse_files(tmp_path).items():
        code, out, err = _run(["validate", str(path)], capsys)
        assert code == status, (name, out, err)
        assert status == 0 or str(path) in out + err, name
        lines = out.splitlines()
        # every line but the summary is FILE:LINE: $...: message, and on one line
        for line in lines[:-1]:
            assert line.startswith(f"{path}:"), (name, line)
            assert line.split(":", 2)[1].isdigit(), (name, line)
        assert "forged" not in "".join(line for line in lines if line.startswith("bad"))
        assert "\x1b" not in out
        summary = lines[-1]
        if status == 2:
            assert summary == "0 records in 0 files: all valid; 1 file could not be read"
        else:
            assert "in 1 file:" in summary


def test_convert_misuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "result"
    out.parent.mkdir()
    out.write_text("previous\n")
    for fmt in ("jsonl", "acled", "ucdp"):
        for name, (path, status) in _misuse_files(tmp_path).items():
            if status == 0 or name == "a CSV":
                continue
            if name in ("empty", "blank"):  # no records: an empty output (a CSV: no header)
                status = 0
            argv = ["convert", "--from", fmt, "--to", "jsonl", str(path), str(out)]
            code, _, err = _run(argv, capsys)
            if name in ("empty", "blank") or (fmt != "jsonl" and status == 1):
                # no records; or, read as CSV, a header and no rows (or bad rows)
                status = code if code in (0, 1) else -1
            assert code == status, (fmt, name, err)
            assert code == 0 or str(path) in err, (fmt, name, err)
            assert code == 0 or out.read_text() == "previous\n", (fmt, name)
            out.write_text("previous\n")
            assert os.listdir(out.parent) == ["result"], (fmt, name)


def test_convert_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD_LINE)
    code, _, err = _run(
        ["convert", "--from", "jsonl", "--to", "acled", str(source), str(tmp_path / "no" / "x")],
        capsys,
    )
    assert code == 2
    assert "cannot write" in err
    assert str(tmp_path / "no" / "x") in err
    code, _, err = _run(
        ["convert", "--from", "acled", "--to", "jsonl", str(DATA / "acled.csv"), "-", "--tz", "X"],
        capsys,
    )
    assert code in (1, 2), err


def test_schema_and_time_misuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for target in ("/dev/null/x", str(a_file)):
        code, _, err = _run(["schema", "--out", target], capsys)
        assert code == 2
        assert target in err
    code, _, err = _run(["time", "yesterday", "--reference", "nonsense", "--tz", "UTC"], capsys)
    assert code in (1, 2)
    assert "nonsense" in err


def test_time_at_the_end_of_the_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["time", "yesterday", "--reference", "9999-12-31", "--tz", "UTC"], capsys)
    assert code == 1, err
    assert "beyond the years 1 to 9999" in err
    assert "Traceback" not in err


def test_huge_lines_and_documents_are_refused_within_the_limit() -> None:
    """A line, array item or document over the size limit is one problem; the
    reader skips it without holding it (the limit is 64 MiB; 1000 bytes here)."""
    import io

    limit = 1000
    small = b"{}\n"
    huge = b'{"id": "' + b"x" * 5000 + b'"}'
    checked = list(check_stream(io.BytesIO(small + huge + b"\n" + small), None, max_bytes=limit))
    assert [c.line for c in checked] == [1, 2, 3]
    assert checked[1].problems[0].message == "line is longer than the limit of 1000 bytes"
    checked = list(check_stream(io.BytesIO(b"[\n{},\n" + huge + b"\n]"), None, max_bytes=limit))
    assert checked[-1].line == 3
    assert "larger than 1000 bytes" in checked[-1].problems[0].message
    document = b'{\n"id": "' + b"x" * 5000 + b'"}'
    checked = list(check_stream(io.BytesIO(document), None, max_bytes=limit))
    assert "larger than the limit" in checked[-1].problems[0].message


def test_validate_reads_arrays_in_any_layout(tmp_path: Path) -> None:
    import io

    good = incidentkit.to_dict(examples.INCIDENT)
    bad = {**good, "id": ""}
    records = [good, bad, incidentkit.to_dict(examples.DEFECTION), good]
    for text in (
        json.dumps(records),
        json.dumps(records, indent=2),
        json.dumps(records, indent=None, separators=(",\n", ":")),
        "\n\n[ " + ",".join(json.dumps(r, indent=1) for r in records) + "\n]\n",
    ):
        checked = list(check_stream(io.BytesIO(text.encode()), None))
        assert [c.kind for c in checked] == ["Incident", "Incident", "Defection", "Incident"]
        assert [bool(c.problems) for c in checked] == [False, True, False, False]
        problem = checked[1].problems[0]
        assert problem.path == "$[1].id"
        assert text.splitlines()[problem.line - 1].lstrip().startswith(('"id"', '[{"id"', "{"))


def test_validate_array_is_linear(tmp_path: Path) -> None:
    """Doubling the records of an array doubles the time (no re-scan per record)."""
    import io

    good = json.dumps(incidentkit.to_dict(examples.INCIDENT), indent=1)
    bad = json.dumps({**incidentkit.to_dict(examples.INCIDENT), "id": ""}, indent=1)

    def timed(count: int) -> float:
        text = ("[\n" + ",\n".join([good, bad] * (count // 2)) + "\n]").encode()
        start = time.perf_counter()
        checked = list(check_stream(io.BytesIO(text), None))
        assert len(checked) == count
        return time.perf_counter() - start

    timed(50)
    small, large = min(timed(200) for _ in range(3)), min(timed(800) for _ in range(3))
    assert large < small * 4 * 3  # linear (quadratic would be 16 times), on a busy machine


def test_a_broken_first_line_is_read_as_json_lines_in_linear_time() -> None:
    """The document read to find the layout is pushed back and read line by line
    from an offset, not by copying what is left for every line."""
    import io

    from incidentkit._filecheck import Source

    lines = b'{"id": \n' + GOOD_LINE.encode() * 400
    checked = list(check_stream(io.BytesIO(lines), None))
    assert [c.line for c in checked if c.problems] == [1]
    assert len(checked) == 401
    source = Source(io.BytesIO(b"c\nd"))
    source.push_back(b"a\nb")
    assert [source.readline(100) for _ in range(4)] == [b"a\n", b"bc\n", b"d", b""]


def test_summaries_are_true(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.json"
    one.write_text(GOOD_LINE)
    empty = tmp_path / "empty.json"
    empty.write_text("")
    code, out, err = _run(["validate", str(one), str(tmp_path / "nope.json")], capsys)
    assert code == 2
    assert out.splitlines()[-1] == (
        "1 Incident record in 1 file: all valid; 1 file could not be read"
    )
    assert f"{tmp_path / 'nope.json'}: cannot read" in err
    code, out, _ = _run(["validate", str(tmp_path / "nope.json")], capsys)
    assert out == "0 records in 0 files: all valid; 1 file could not be read\n"
    code, out, _ = _run(["validate", str(empty)], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{empty}:1: $: no records: the input is empty",
        "0 records in 1 file: 0 invalid, 1 problem",
    ]


# ---------------------------------------------------------------- outputs


def test_convert_refuses_in_equals_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "ev.jsonl"
    source.write_text(GOOD_LINE)
    csv = tmp_path / "ev.csv"
    csv.write_bytes((DATA / "acled.csv").read_bytes())
    hard = tmp_path / "hard.jsonl"
    os.link(source, hard)
    soft = tmp_path / "soft.jsonl"
    soft.symlink_to(source)
    cases = [
        ("jsonl", "jsonl", source, source),
        ("acled", "jsonl", csv, csv),
        ("jsonl", "jsonl", source, hard),
        ("jsonl", "acled", source, soft),
    ]
    for src_fmt, dst_fmt, src, dst in cases:
        argv = ["convert", "--from", src_fmt, "--to", dst_fmt, str(src), str(dst)]
        code, _, err = _run(argv, capsys)
        assert code == 2
        assert "same file" in err
        assert str(src) in err
    assert source.read_text() == GOOD_LINE
    assert csv.read_bytes() == (DATA / "acled.csv").read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["ev.csv", "ev.jsonl", "hard.jsonl", "soft.jsonl"]


def test_failed_convert_keeps_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD_LINE * 5 + "{oops\n" + GOOD_LINE)
    out = tmp_path / "out.csv"
    out.write_text("the previous good output\n")
    code, _, err = _run(
        ["convert", "--from", "jsonl", "--to", "acled", str(source), str(out)], capsys
    )
    assert code == 1
    assert f"{source}:6: $: invalid JSON" in err
    assert out.read_text() == "the previous good output\n"
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl", "out.csv"]


def _slow_input(tmp_path: Path) -> tuple[Path, Path, Callable[[], None]]:
    """A FIFO fed slowly (so a convert is still running when signalled)."""
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")

    def feed() -> None:
        try:
            with open(fifo, "w") as pipe:
                for _ in range(200):
                    pipe.write(GOOD_LINE * 20)
                    pipe.flush()
                    time.sleep(0.05)
        except (BrokenPipeError, OSError):
            pass

    return fifo, out, feed


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_interrupted_or_killed_convert_keeps_the_previous_output(tmp_path: Path, how: str) -> None:
    fifo, out, feed = _slow_input(tmp_path)
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    argv = [sys.executable, "-m", "incidentkit", "convert", "--from", "jsonl", "--to", "jsonl"]
    process = subprocess.Popen(
        [*argv, str(fifo), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    time.sleep(2.0)
    assert process.poll() is None, process.stderr.read() if process.stderr else ""
    process.send_signal(signal.SIGINT if how == "SIGINT" else signal.SIGKILL)
    _, err = process.communicate(timeout=30)
    if how == "SIGINT":
        assert process.returncode == 130
        assert b"Traceback" not in err
        assert len(err.splitlines()) <= 2
    else:
        assert process.returncode == -signal.SIGKILL
    assert out.read_text() == "previous\n"
    leftovers = sorted(
        p.name for p in tmp_path.iterdir() if p.name not in ("in.fifo", "out.jsonl")
    )
    if how == "SIGINT":
        assert leftovers == []
    else:  # a killed process cannot clean up; the next write to OUT does
        assert all(name.startswith(".out.jsonl.") for name in leftovers)
        source = tmp_path / "again.jsonl"
        source.write_text(GOOD_LINE)
        assert main(["convert", "--from", "jsonl", "--to", "jsonl", str(source), str(out)]) == 0
        assert sorted(os.listdir(tmp_path)) == ["again.jsonl", "in.fifo", "out.jsonl"]
    writer.join(timeout=15)


@pytest.mark.slow
def test_broken_pipe_and_sigint_are_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text(GOOD_LINE * 3000)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    piped = subprocess.run(
        f"{sys.executable} -m incidentkit example --all | head -c 10 >/dev/null;"
        f"{sys.executable} -m incidentkit convert --from jsonl --to jsonl {big} - | head -n 1",
        shell=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert piped.stderr.count(b"Traceback") == 0, piped.stderr
    assert b"Exception ignored" not in piped.stderr
    assert len(piped.stdout.splitlines()) == 1


def test_validate_tells_every_top_level_record_apart_by_its_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Incidents, defections and bundles in one JSON array: each is checked as the
    registered top-level class its keys fit, with no --type."""
    import incidentkit as ik
    from incidentkit import examples, to_dict

    incident, defection = examples.RECORDS
    bundle = ik.Bundle(id="b1", incidents=(incident,), defections=(defection,))
    docs = [to_dict(incident), to_dict(defection), to_dict(bundle)]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(docs), encoding="utf-8")
    code, out, err = _run(["validate", str(path)], capsys)
    assert code == 0, out + err
    assert "3 records (1 Incident, 1 Defection, 1 Bundle)" in out
