"""incidentkit.dask: a delivery of many files validated on Dask, nothing dropped."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

pytest.importorskip("dask.bag", reason="the dask extra is not installed")
pytest.importorskip("pyarrow", reason="the arrow extra is not installed")

import dask

from _paths import DATA
from incidentkit import Defection, Incident, ValidationError, examples
from incidentkit import strategies as iks
from incidentkit._typetree import registered
from incidentkit.arrow import iter_parquet, write_parquet
from incidentkit.codec import dumps, to_dict
from incidentkit.dask import (
    BadLine,
    bad_lines,
    read_records,
    records,
    validate_delivery,
)

#: The library's own record classes (not those other test modules declare).
CLASSES = [
    r.type
    for r in registered()
    if isinstance(r.type, type) and r.type.__module__.startswith("incidentkit.")
]


@pytest.mark.slow
@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_records_pickle(cls: type[Any]) -> None:
    @given(iks.for_type(cls))
    def check(record: Any) -> None:
        back = pickle.loads(pickle.dumps(record))
        assert back == record
        assert dumps(back) == dumps(record)

    check()


def test_errors_and_reports_pickle() -> None:
    with pytest.raises(ValidationError) as caught:
        Incident(
            **{**{a: getattr(examples.INCIDENT, a) for a in to_dict(examples.INCIDENT)}, "id": ""}
        )
    error = pickle.loads(pickle.dumps(caught.value))
    assert error.errors == caught.value.errors
    bad = BadLine("a.jsonl", 3, error.errors)
    assert pickle.loads(pickle.dumps(bad)) == bad


#: (file, line, paths) of every broken line written by _delivery.
BROKEN = {
    ("a.jsonl", 3, ("$",)),
    ("b.jsonl", 5, ("$.where.point.lat",)),
    ("c.jsonl", 2, ("$.when",)),
}


def _delivery(directory: Path, files: int = 3, lines: int = 6) -> tuple[list[Path], list[Any]]:
    """JSON Lines files of incidents with the lines of BROKEN broken; an ACLED file."""
    paths, good = [], []
    for f in range(files):
        name = f"{'abcdefgh'[f]}.jsonl"
        path = directory / name
        out = []
        for n in range(1, lines + 1):
            record = attrs.evolve(examples.INCIDENT, id=f"{name}-{n}")
            broken = [b for b in BROKEN if b[:2] == (name, n)]
            if not broken:
                good.append(record)
                out.append(dumps(record))
            elif broken[0][2] == ("$",):
                out.append('{"id": "not json",')
            else:
                data = to_dict(record)
                if broken[0][2] == ("$.when",):
                    del data["when"]
                else:
                    data["where"]["point"] = {"lat": 123.0, "lon": 0.0}
                out.append(json.dumps(data))
        path.write_text("\n".join(out) + "\n")
        paths.append(path)
    return paths, good


def _found(bad: list[BadLine], directory: Path) -> set[tuple[str, int | None, tuple[str, ...]]]:
    return {
        (str(Path(b.file).relative_to(directory)), b.line, tuple(p.path for p in b.problems))
        for b in bad
    }


def test_a_bag_of_records_keeps_every_bad_line(tmp_path: Path) -> None:
    paths, good = _delivery(tmp_path)
    parquet = tmp_path / "d.parquet"
    write_parquet(good[:2], parquet, Incident)
    with dask.config.set(scheduler="synchronous"):
        bag = read_records([*paths, parquet, DATA / "acled.csv"])
        assert bag.npartitions == 5
        found = records(bag).compute()
        assert len(found) == len(good) + 2 + 27
        assert {r.id for r in good} <= {r.id for r in found}
        assert _found(bad_lines(bag).compute(), tmp_path) == BROKEN


def test_a_dataframe_of_the_valid_incidents_beside_the_bad_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pd = pytest.importorskip("pandas", reason="the dataframe extra (pandas) is not installed")
    pytest.importorskip("dask.dataframe", reason="the dataframe extra is not installed")
    import incidentkit.dask as ikdask
    from incidentkit.arrow import analyst_schema, arrow_schema
    from incidentkit.dask import read_dataframe

    paths, good = _delivery(tmp_path)
    reads: list[str] = []
    read_file = ikdask._read_file

    def counting(path: str, *args: Any) -> list[Any]:
        reads.append(path)
        return read_file(path, *args)

    monkeypatch.setattr(ikdask, "_read_file", counting)
    with dask.config.set(scheduler="synchronous"):
        frame, problems = read_dataframe(paths)
        table, bad = dask.compute(frame, problems)
        # Each file read once for both; every bad line kept beside the frame.
        assert sorted(reads) == sorted(map(str, paths))
        found = {
            (Path(row.file).name, row.line, (row.path,)) for row in bad.itertuples(index=False)
        }
        assert found == BROKEN
        assert list(table.columns) == analyst_schema().names
        assert sorted(table["id"]) == sorted(r.id for r in good)
        assert isinstance(table["earliest"].dtype, pd.ArrowDtype)
        by_country = frame.groupby("country")["sources"].sum().compute()
        assert by_country.to_dict() == {"AF": sum(len(r.sources) for r in good)}
        nested, _ = read_dataframe(paths, flat=False)
        assert list(nested.columns) == arrow_schema(Incident).names
        assert len(nested) == len(good)
    with pytest.raises(ValueError, match="incidents"):
        read_dataframe(paths, Defection)


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    with dask.config.set(scheduler="synchronous"):
        report = validate_delivery([missing, odd], None)
    assert report.valid == 0
    assert [b.file for b in report.bad] == [str(missing), str(odd)]
    assert "format" in report.bad[1].problems[0].message


def test_validate_delivery_writes_parquet_partitions(tmp_path: Path) -> None:
    paths, good = _delivery(tmp_path)
    out = tmp_path / "out"
    with dask.config.set(scheduler="synchronous"):
        report = validate_delivery(paths, out)
    _check_report(report, out, tmp_path, good)


def _check_report(report: Any, out: Path, directory: Path, good: list[Any]) -> None:
    assert _found(list(report.bad), directory) == BROKEN
    assert report.valid == len(good)
    assert not report.ok
    assert sorted(p.name for p in out.iterdir()) == [f"part-{i:05d}.parquet" for i in range(3)]
    back = [r for f in report.files for r in iter_parquet(f.output, Incident)]
    assert back == good


@pytest.mark.slow
def test_a_delivery_on_a_local_cluster_of_two_processes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    paths, good = _delivery(tmp_path)
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster),
    ):
        report = validate_delivery(paths, out)
        bag = read_records(paths)
        found = sorted(records(bag).compute(), key=lambda r: r.id)
        bad = bad_lines(bag).compute()
    _check_report(report, out, tmp_path, good)
    assert found == sorted(good, key=lambda r: r.id)
    assert _found(bad, tmp_path) == BROKEN


@pytest.mark.slow
def test_validate_on_two_worker_processes_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    from incidentkit.cli import main

    paths, good = _delivery(tmp_path)
    files = [str(p) for p in paths]
    assert main(["validate", "--workers", "2", *files]) == 1
    out = capsys.readouterr().out.splitlines()
    assert sorted(out[:-1]) == sorted(
        [
            f"{tmp_path / 'a.jsonl'}:3: $: " + out[0].split(": $: ", 1)[1],
            f"{tmp_path / 'b.jsonl'}:5: $.where.point.lat: must be <= 90, got 123.0",
            f"{tmp_path / 'c.jsonl'}:2: $.when: required key missing",
        ]
    )
    assert out[-1] == f"{len(good) + 3} Incident records in 3 files: 3 invalid, 3 problems"
    # The same as checking them one at a time.
    assert main(["validate", *files]) == 1
    assert capsys.readouterr().out.splitlines() == out
    assert main(["validate", "--workers", "2", "-"]) == 2
    assert main(["validate", "--workers", "1", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
