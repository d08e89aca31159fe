"""incidentkit.arrow: the Arrow schema derived from the type tree, tables, Parquet."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

pa = pytest.importorskip("pyarrow", reason="the arrow extra is not installed")
pq = pytest.importorskip("pyarrow.parquet")

from _paths import ROOT  # noqa: E402
from incidentkit import Defection, Incident, Location, ValidationError, examples  # noqa: E402
from incidentkit._fields import field  # noqa: E402
from incidentkit._model import record  # noqa: E402
from incidentkit.arrow import (  # noqa: E402
    arrow_schema,
    from_arrow,
    iter_parquet,
    to_arrow,
    write_parquet,
)
from incidentkit.codec import dumps, to_dict  # noqa: E402


def _incidents() -> list[Incident]:
    return [attrs.evolve(examples.INCIDENT, id=f"almar-{n}") for n in range(5)]


def test_a_new_field_is_a_new_column_with_no_other_edit() -> None:
    @record(abstract=True)
    class Annotated(Incident):
        weather: str | None = field(default=None, description="Weather at the time.")

    schema = arrow_schema(Annotated)
    assert sorted(schema.names) == sorted([*arrow_schema(Incident).names, "weather"])
    assert schema.field("weather").type == pa.string()
    assert schema.field("weather").metadata[b"description"] == b"Weather at the time."
    base = _incidents()[0]
    record_ = Annotated(**{**{a: getattr(base, a) for a in to_dict(base)}, "weather": "rain"})
    assert from_arrow(to_arrow([record_], Annotated), Annotated) == [record_]


def test_the_schema_reads_the_declarations() -> None:
    schema = arrow_schema(Incident)
    assert schema.metadata[b"incidentkit.record"] == b"Incident"
    assert schema.field("type").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("id").metadata[b"description"]
    at = schema.field("when").type.field("at").type
    assert at.field("utc").type == pa.timestamp("us", tz="UTC")
    assert schema.field("extensions").type == pa.string()
    assert schema.field("extensions").metadata[b"incidentkit.encoding"] == b"json"
    # Location inside itself: the anchor of a relative position is JSON text.
    relative = schema.field("where").type.field("relative").type
    assert relative.field("anchor").type == pa.string()
    actors = schema.field("actors").type.value_type
    assert actors.names == ["person", "organization", "group"]


def test_times_keep_their_instant_and_offset() -> None:
    incidents = _incidents()
    table = to_arrow(incidents, Incident)
    back = from_arrow(table, Incident)
    assert [dumps(r) for r in back] == [dumps(r) for r in incidents]
    utc = table.column("when").combine_chunks().field("at").field("utc")[0].as_py()
    assert utc == incidents[0].when.at


def test_problems_carry_the_row() -> None:
    incidents = _incidents()[:3]
    rows = to_arrow(incidents, Incident).to_pylist()
    rows[1]["where"]["point"] = {"lat": 123.0, "lon": 0.0}
    rows[2]["id"] = None
    table = pa.Table.from_pylist(rows, schema=arrow_schema(Incident))
    with pytest.raises(ValidationError) as caught:
        from_arrow(table, Incident)
    assert caught.value.paths == ["$[1].where.point.lat", "$[2].id"]
    errors: list[ValidationError] = []
    good = from_arrow(table, Incident, on_error="collect", errors=errors)
    assert good == incidents[:1]
    assert [e.paths for e in errors] == [["$[1].where.point.lat"], ["$[2].id"]]


def test_a_table_from_elsewhere_is_validated_too() -> None:
    table = pa.table({"id": ["x"], "colour": ["red"]})
    with pytest.raises(ValidationError) as caught:
        from_arrow(table, Incident)
    assert "$[0].colour" in caught.value.paths
    assert all(p.startswith("$[0]") for p in caught.value.paths)


def test_records_of_another_class_are_refused() -> None:
    with pytest.raises(TypeError, match="Incident"):
        to_arrow([examples.INCIDENT, examples.DEFECTION], Incident)


def test_parquet_writes_row_groups_and_streams_back(tmp_path: Path) -> None:
    incidents = _incidents() * 7
    path = tmp_path / "incidents.parquet"
    assert write_parquet(iter(incidents), path, Incident, row_group_size=4) == len(incidents)
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == -(-len(incidents) // 4)
    assert pq.read_schema(path).field("id").metadata[b"description"]
    reader = iter_parquet(path, Incident, batch_size=3)
    assert list(reader) == incidents
    assert reader.rows == len(incidents)
    assert sorted(os.listdir(tmp_path)) == ["incidents.parquet"]


def test_row_groups_are_gathered_from_small_batches(tmp_path: Path) -> None:
    # Records become Arrow columns a few at a time; a row group is written only when
    # full, so every row group but the last holds row_group_size records.
    incidents = [attrs.evolve(examples.INCIDENT, id=f"almar-{n}") for n in range(11)]
    path = tmp_path / "incidents.parquet"
    assert write_parquet(incidents, path, Incident, row_group_size=4, batch_size=3) == 11
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4, 4, 3]
    assert list(iter_parquet(path, Incident, batch_size=2)) == incidents
    with pytest.raises(ValueError, match="batch_size"):
        write_parquet(incidents, path, Incident, batch_size=0)


def test_tables_are_valid_arrow_when_no_row_has_a_nested_enumeration() -> None:
    # The reference incident's casualties have no `missing` (a struct holding an
    # enumeration): pyarrow's conversion leaves an out-of-range dictionary index
    # under the null struct, which crashed concatenation and multi-batch writes.
    table = to_arrow([examples.INCIDENT], Incident)
    table.validate(full=True)
    joined = pa.concat_tables([table, table]).combine_chunks()
    joined.validate(full=True)
    assert from_arrow(joined, Incident) == [examples.INCIDENT] * 2


def test_parquet_writing_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    write_parquet(_incidents(), path, Incident)
    before = path.read_bytes()
    # The permissions of any new file (not the temporary file's owner-only mode).
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    assert path.stat().st_mode == plain.stat().st_mode
    plain.unlink()

    def failing() -> Iterator[Incident]:
        yield from _incidents()
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_parquet(failing(), path, Incident, row_group_size=1)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["out.parquet"]


def test_parquet_bad_rows_are_collected_with_their_row(tmp_path: Path) -> None:
    incidents = _incidents()
    rows = to_arrow(incidents, Incident).to_pylist()
    rows[-1]["when"]["tz"] = "Mars/Olympus"
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(Incident)), path)
    reader = iter_parquet(path, Incident, on_error="collect", batch_size=2)
    assert list(reader) == incidents[:-1]
    assert [e.paths for e in reader.errors] == [[f"$[{len(rows) - 1}].when.tz"]]
    with pytest.raises(ValidationError):
        list(iter_parquet(path, Incident))


def test_not_a_parquet_file(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    path.write_text("not parquet")
    with pytest.raises(ValidationError, match="Parquet"):
        iter_parquet(path, Incident)


def test_damaged_parquet_files_raise_validation_errors(tmp_path: Path) -> None:
    """A bit flipped anywhere in a file gives records or a ValidationError, never
    pyarrow's own errors (OSError, ArrowInvalid, UnicodeDecodeError escaped before)."""
    path = tmp_path / "good.parquet"
    write_parquet([examples.INCIDENT] * 3, path, Incident, compression="none")
    good = path.read_bytes()
    messages = set()
    for at in range(0, len(good), max(1, len(good) // 150)):
        damaged = bytearray(good)
        damaged[at] ^= 1 << (at % 8)
        path.write_bytes(damaged)
        for on_error in ("raise", "collect"):
            try:
                list(iter_parquet(path, Incident, on_error=on_error))  # type: ignore[arg-type]
            except ValidationError as exc:
                messages.add(exc.errors[0].message.split(":")[0])
    assert {"not a readable Parquet file", "the Parquet file is damaged from here on"} <= messages


def test_relative_locations_round_trip() -> None:
    outcomes = examples.INCIDENT.outcomes
    locations = [o.location for o in outcomes if o.location and o.location.relative]
    assert locations, "the examples have a relative location"
    assert from_arrow(to_arrow(locations, Location), Location) == locations


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.slow
def test_import_incidentkit_imports_neither_pyarrow_nor_dask() -> None:
    done = _run(
        "import sys, incidentkit, incidentkit.codec, incidentkit.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyarrow', 'dask',"
        " 'distributed', 'pandas')))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_without_pyarrow_or_dask_the_import_names_the_extra() -> None:
    done = _run("import sys; sys.modules['pyarrow'] = None\nimport incidentkit.arrow")
    assert done.returncode != 0
    assert "pip install 'incidentkit[arrow]'" in done.stderr
    done = _run("import sys; sys.modules['dask'] = None\nimport incidentkit.dask")
    assert done.returncode != 0
    assert "pip install 'incidentkit[dask]'" in done.stderr


def test_defections_round_trip() -> None:
    defections = [examples.DEFECTION]
    assert from_arrow(to_arrow(defections, Defection), Defection) == defections


def test_the_analyst_table_has_one_documented_row_per_incident() -> None:
    from incidentkit.arrow import analyst_schema, to_table

    incidents = _incidents()
    table = to_table(incidents)
    assert table.num_rows == len(incidents)
    assert table.schema == analyst_schema()
    assert all(field.metadata[b"description"] for field in table.schema)
    row = table.to_pylist()[0]
    when = examples.INCIDENT.when
    assert (row["earliest"], row["latest"]) == when.bounds
    assert row["precision"] == "hour"
    assert (row["country"], row["admin1"], row["admin2"]) == ("AF", "Faryab", "Almar")
    assert row["category"] == examples.INCIDENT.type.category.value
    assert row["actors_perpetrator"] == ["Taliban"]
    assert row["sources"] == len(examples.INCIDENT.sources)
    assert to_table(incidents, flat=False) == to_arrow(incidents, Incident)
    with pytest.raises(TypeError, match="Incident"):
        to_table([examples.DEFECTION])


def test_the_analyst_table_reconciles_deaths() -> None:
    from incidentkit import Casualties, Count, CountQualifier, Tally
    from incidentkit.arrow import to_table
    from incidentkit.interop._common import KILLED_ALL_SIDES

    actor = examples.INCIDENT.actors[0].id
    sides = attrs.evolve(
        examples.INCIDENT,
        casualties=(
            Casualties(civilians=True, killed=Count(best=3)),
            Casualties(
                actor=actor,
                killed=Count(best=10, low=8, high=12, qualifier=CountQualifier.ABOUT),
            ),
        ),
    )
    total = attrs.evolve(
        sides,
        tallies=(
            Tally(
                subject=KILLED_ALL_SIDES,
                count=Count(best=20, low=15, qualifier=CountQualifier.ABOUT),
            ),
        ),
    )
    none = attrs.evolve(examples.INCIDENT, casualties=(), claims=examples.INCIDENT.claims[:-1])
    rows = to_table([sides, total, examples.INCIDENT, none]).to_pylist()
    figures = [(r["fatalities_low"], r["fatalities_best"], r["fatalities_high"]) for r in rows]
    # The reference incident's toll: the council member's "8 killed", side not given.
    assert figures == [(11, 13, 15), (15, 20, 20), (8, 8, 8), (None, None, None)]


def test_the_analyst_table_goes_to_pandas_without_copies() -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (the dataframe extra)")
    from incidentkit.arrow import to_table

    incidents = _incidents()
    table = to_table(incidents)
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    assert list(frame.columns) == table.column_names
    assert all(isinstance(dtype, pd.ArrowDtype) for dtype in frame.dtypes)
    # pyarrow-backed columns are the table's own buffers: nothing was copied.
    for name in ("lat", "earliest", "fatalities_best"):
        ours = table.column(name).chunk(0).buffers()[1].address
        assert pa.array(frame[name].array).buffers()[1].address == ours
    assert frame["actors_perpetrator"].iloc[0] == ["Taliban"]
    assert frame.groupby("admin1")["fatalities_best"].sum().to_dict() == {"Faryab": 40}


def test_the_analyst_table_goes_to_polars_without_copies() -> None:
    pl = pytest.importorskip("polars", reason="polars is not installed (the test extra has it)")
    from incidentkit.arrow import to_table

    table = to_table(_incidents())
    frame = pl.from_arrow(table, rechunk=False)
    assert frame.columns == table.column_names
    assert frame.schema["earliest"] == pl.Datetime("us", "UTC")
    assert frame.schema["type"] == pl.Categorical
    assert frame.schema["actors_target"] == pl.List(pl.String)
    ours = table.column("lat").chunk(0).buffers()[1].address
    assert frame["lat"].to_arrow().buffers()[1].address == ours
    deaths = frame.group_by("admin1").agg(pl.col("fatalities_best").sum())
    assert deaths.rows() == [("Faryab", 40)]


def test_convert_to_parquet_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from _paths import DATA
    from incidentkit.cli import main

    jsonl, parquet, back = tmp_path / "a.jsonl", tmp_path / "a.parquet", tmp_path / "b.jsonl"
    acled = str(DATA / "acled.csv")
    assert main(["convert", "--from", "acled", "--to", "jsonl", acled, str(jsonl)]) == 0
    assert main(["convert", "--from", "jsonl", "--to", "parquet", str(jsonl), str(parquet)]) == 0
    assert pq.read_metadata(parquet).num_rows == 27
    assert main(["convert", "--from", "parquet", "--to", "jsonl", str(parquet), str(back)]) == 0
    assert back.read_bytes() == jsonl.read_bytes()
    capsys.readouterr()
    # Parquet straight from ACLED, and bad Parquet input reported, not raised.
    direct = tmp_path / "direct.parquet"
    assert main(["convert", "--from", "acled", "--to", "parquet", acled, str(direct)]) == 0
    assert list(iter_parquet(direct, Incident)) == list(iter_parquet(parquet, Incident))
    assert main(["convert", "--from", "parquet", "--to", "jsonl", str(jsonl), str(back)]) == 1
    assert "Parquet" in capsys.readouterr().err


@pytest.mark.slow
def test_reading_and_the_command_line_leave_pandas_unimported(tmp_path: Path) -> None:
    # pyarrow imports pandas (45 MB) on its first conversion from Python values.
    pytest.importorskip("pandas", reason="pandas is not installed: nothing to keep out")
    jsonl, parquet = tmp_path / "a.jsonl", tmp_path / "a.parquet"
    jsonl.write_text(dumps(examples.INCIDENT) + "\n", encoding="utf-8")
    write_parquet([examples.INCIDENT], tmp_path / "given.parquet", Incident)
    done = _run(
        "import sys\n"
        "from incidentkit import Incident\n"
        "from incidentkit.arrow import iter_parquet\n"
        "from incidentkit.cli import main\n"
        f"assert len(list(iter_parquet({str(tmp_path / 'given.parquet')!r}, Incident))) == 1\n"
        "print('pandas' in sys.modules)\n"
        f"assert main(['convert', '--from', 'jsonl', '--to', 'parquet', {str(jsonl)!r},"
        f" {str(parquet)!r}]) == 0\n"
        "print('pandas' in sys.modules)\n"
        "import pyarrow as pa, pyarrow.parquet as pq\n"
        "print(pa.default_memory_pool().backend_name == pa.system_memory_pool().backend_name)\n"
        f"frame = pq.read_table({str(parquet)!r}).to_pandas()\n"
        "print(len(frame), type(frame).__module__.split('.')[0])\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:4] == ["False", "False", "False", "1 pandas"]
    # The command in a process of its own loads pyarrow without NumPy too, and the
    # records go through Parquet unchanged.
    back = tmp_path / "back.jsonl"
    for source, target, fmt in ((jsonl, parquet, "parquet"), (parquet, back, "jsonl")):
        done = _run(
            "import atexit, sys\n"
            "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules}"
            " & {'numpy', 'pandas'})))\n"
            "from incidentkit.cli import console\n"
            f"sys.argv = ['incidentkit', 'convert', '--from', {source.suffix[1:]!r}, '--to',"
            f" {fmt!r}, {str(source)!r}, {str(target)!r}]\n"
            "console()\n"
        )
        assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr
    assert back.read_bytes() == jsonl.read_bytes()


def test_lean_allocates_with_the_system_allocator_and_puts_everything_back(tmp_path: Path) -> None:
    from incidentkit.arrow import lean

    pool, finders = pa.default_memory_pool(), list(sys.meta_path)
    pandas = sys.modules.get("pandas")
    with lean():
        assert pa.default_memory_pool().backend_name == pa.system_memory_pool().backend_name
        write_parquet(_incidents(), tmp_path / "a.parquet", Incident)
    assert pa.default_memory_pool().backend_name == pool.backend_name
    assert sys.meta_path == finders
    assert sys.modules.get("pandas") is pandas


def test_collecting_needs_a_list() -> None:
    with pytest.raises(ValueError, match="errors="):
        from_arrow(to_arrow(_incidents(), Incident), Incident, on_error="collect")
