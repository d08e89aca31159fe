"""Atomic file output (incidentkit._atomic) and the library writers that use it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import incidentkit as ik
from incidentkit import examples
from incidentkit._atomic import SameFileError, atomic_output, check_distinct


def _write_then_raise(target: Path, exc: BaseException) -> None:
    with atomic_output(target, "w") as handle:
        handle.write("partial")
        raise exc


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_output(target, "w") as handle:
        handle.write("one\n")
    with atomic_output(target, "wb") as binary:
        binary.write(b"two\n")
    assert target.read_text() == "two\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_failure_and_interrupt_leave_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("good\n")
    for exc in (RuntimeError("boom"), KeyboardInterrupt()):
        with pytest.raises(type(exc)):
            _write_then_raise(target, exc)
    assert target.read_text() == "good\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_new_file_failure_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        _write_then_raise(tmp_path / "new.txt", RuntimeError())
    assert os.listdir(tmp_path) == []


def test_keeps_permissions_and_follows_links(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with atomic_output(link, "w") as handle:
        handle.write("new")
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_same_file_refused_by_any_name(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("keep\n")
    hard = tmp_path / "hard.jsonl"
    os.link(source, hard)
    soft = tmp_path / "soft.jsonl"
    soft.symlink_to(source)
    for name in (source, hard, soft, tmp_path / "." / "in.jsonl"):
        with pytest.raises(SameFileError, match="same file"):
            check_distinct(name, [source])
        with pytest.raises(SameFileError):
            atomic_output(name, inputs=[source])
    assert source.read_text() == "keep\n"
    check_distinct("-", ["-"])
    check_distinct(tmp_path / "other", [source, None, "-"])


def test_stale_temporary_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".out.txt.999999999.abcd.tmp"
    stale.write_text("left by a killed run")
    with atomic_output(tmp_path / "out.txt") as handle:
        handle.write(b"x")
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_special_files_are_written_directly() -> None:
    with atomic_output(os.devnull) as handle:
        handle.write(b"nothing")
    assert Path(os.devnull).exists()


def test_directory_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError), atomic_output(tmp_path) as handle:
        handle.write(b"")


def test_write_jsonl_to_a_path_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    assert ik.write_jsonl(examples.RECORDS, target) == len(examples.RECORDS)
    before = target.read_bytes()

    def broken() -> object:
        yield examples.INCIDENT
        raise RuntimeError("generator failed")

    with pytest.raises(RuntimeError):
        ik.write_jsonl(broken(), str(target))  # type: ignore[arg-type]
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_write_schemas_replaces_files_whole(tmp_path: Path) -> None:
    from incidentkit.schema import write_schemas

    written = write_schemas(tmp_path)
    assert written
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in written)
