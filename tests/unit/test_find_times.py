"""find_times: the time phrases of a report's running text, with their offsets, and
``incidentkit time --find``."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import incidentkit
from incidentkit import FoundTime, Time, ValidationError, find_times, resolve_time
from incidentkit.cli import main

KABUL = "Asia/Kabul"
PUBLISHED = Time.local(2021, 3, 11, tz=KABUL)  # a Thursday, hour unknown

# The reference report's paragraph, trimmed and paraphrased; the ministry's statement
# is a trap: "about", "in", "under", "of" and "the" are all words of the grammar.
STATEMENT = (
    "\u201cReports about the fall of Almar district are wrong. Our forces carried out an "
    "operation in the district, cleared large areas of the Taliban and the district is "
    "under the control of the army.\u201d"
)
PARAGRAPH = (
    "The Taliban took the centre of Almar district in Faryab on Thursday afternoon at "
    "about 1pm, local sources said. The Ministry of Defense answered: " + STATEMENT + " "
    "The acting police chief joined the Taliban on Wednesday afternoon, a spokesman said. "
    "He had been appointed three months ago. Security forces have been under pressure in "
    "recent weeks, sources said."
)
EXPECTED = [
    "Thursday afternoon at about 1pm",
    "Wednesday afternoon",
    "three months ago",
    "in recent weeks",
]


def test_find_times_on_the_reference_report_paragraph() -> None:
    found = find_times(PARAGRAPH, reference=PUBLISHED, tz=KABUL)
    assert [f.text for f in found] == EXPECTED
    for item in found:
        assert isinstance(item, FoundTime)
        assert PARAGRAPH[item.start : item.end] == item.text
        assert item.start == PARAGRAPH.index(item.text)
    statement = PARAGRAPH.index(STATEMENT)
    assert all(not statement <= f.start < statement + len(STATEMENT) for f in found)
    when = {f.text: f.time for f in found}
    assert when["Thursday afternoon at about 1pm"].at.isoformat() == "2021-03-11T13:00:00+04:30"
    assert when["Wednesday afternoon"] == Time.local(
        2021, 3, 10, tz=KABUL, part_of_day="afternoon"
    )
    assert when["three months ago"] == Time.local(2020, 12, tz=KABUL, approximate=True)
    assert when["in recent weeks"].span == 43


def test_the_offsets_are_those_of_the_text() -> None:
    text = "He joined on Wednesday afternoon, three months ago."
    found = find_times(text, reference=PUBLISHED, tz=KABUL)
    assert [(f.start, f.end) for f in found] == [(13, 32), (34, 50)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened on Thursday, 11 March 2021 at 13:00, police said.",
         ["Thursday, 11 March 2021 at 13:00"]),
        ("Fighting began at 3:30 a.m. on Wednesday.", ["3:30 a.m. on Wednesday"]),
        ("Gunmen attacked in the early hours of Thursday morning.",
         ["in the early hours of Thursday morning"]),
        ("More than 1000 people fled in 2020 and 2,500 in the past six months.",
         ["in 2020", "in the past six months"]),
        ("Aid may well come. US forces may leave by May 1st.", []),  # "may"; a future date
        ("This comes as the talks stall.", []),
        ("The siege has lasted for months, since last October.",
         ["for months", "since last October"]),
        ("", []),
    ],
)  # fmt: skip
def test_phrases_in_prose(text: str, expected: list[str]) -> None:
    assert [f.text for f in find_times(text, reference=PUBLISHED, tz=KABUL)] == expected


def test_find_times_in_other_languages() -> None:
    pytest.importorskip("dateparser")
    german = "Die Taliban griffen am Samstagabend an. Vor drei Monaten gab es Kämpfe."
    found = find_times(german, reference=PUBLISHED, tz=KABUL, language="de")
    assert [f.text for f in found] == ["am Samstagabend", "Vor drei Monaten"]
    assert found[0].time == Time.local(2021, 3, 6, tz=KABUL, part_of_day="evening")
    persian = "طالبان دیروز مرکز ولسوالی را تصرف کردند."
    found = find_times(persian, reference=PUBLISHED, tz=KABUL, language="fa")
    assert [(f.text, f.time) for f in found] == [("دیروز", Time.local(2021, 3, 10, tz=KABUL))]


def test_find_times_checks_its_arguments() -> None:
    with pytest.raises(ValidationError, match="IANA"):
        find_times("yesterday", reference=PUBLISHED, tz="Mars/Olympus")
    with pytest.raises(ValidationError, match="naive"):
        find_times("yesterday", reference=datetime(2021, 3, 11), tz=KABUL)
    with pytest.raises(ValidationError, match="expected a text"):
        find_times(None, reference=PUBLISHED, tz=KABUL)  # type: ignore[arg-type]


def test_find_times_is_exported() -> None:
    assert incidentkit.find_times is find_times
    assert "find_times" in incidentkit.__all__
    assert "FoundTime" in incidentkit.__all__


# ---------------------------------------------------------------- the command


def test_time_find_reads_a_report_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_text(PARAGRAPH, "utf-8")
    args = ["time", "--find", str(report), "--reference", "2021-03-11", "--tz", KABUL]
    assert main(args) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [item["text"] for item in printed] == EXPECTED
    first = printed[0]
    assert (first["start"], first["end"]) == (
        PARAGRAPH.index(EXPECTED[0]),
        PARAGRAPH.index(EXPECTED[0]) + len(EXPECTED[0]),
    )
    assert first["earliest"] == "2021-03-11T08:00:00+00:00"
    assert first["edtf"] == "2021-03-11"


def test_time_find_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Fighting began three months ago."), "utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["time", "--find", "-", "--reference", "2021-03-11", "--tz", KABUL]) == 0
    assert [item["text"] for item in json.loads(capsys.readouterr().out)] == ["three months ago"]


def test_time_find_exit_statuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = ["--reference", "2021-03-11", "--tz", KABUL]
    assert main(["time", "--find", str(tmp_path / "missing.txt"), *ref]) == 2
    assert "cannot read" in capsys.readouterr().err
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    assert main(["time", "--find", str(binary), *ref]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["time", *ref]) == 2  # neither a phrase nor --find
    assert main(["time", "yesterday", "--find", str(binary), *ref]) == 2  # both
    assert "give a phrase, or --find" in capsys.readouterr().err
    report = tmp_path / "report.txt"
    report.write_text("yesterday", "utf-8")
    bad = ["time", "--find", str(report), "--reference", "2021-03-11", "--tz", "Mars/Olympus"]
    assert main(bad) == 1
    assert "IANA" in capsys.readouterr().err


def test_time_command_language(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("dateparser")
    args = ["time", "am Samstagabend", "--reference", "2021-03-11", "--tz", KABUL]
    assert main([*args, "--language", "de"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["time"]["part_of_day"] == "evening"
    assert main(args) == 1  # read as English
    assert "does not know 'samstagabend'" in capsys.readouterr().err


@given(
    words=st.lists(
        st.sampled_from(
            ["on", "Thursday", "afternoon", "at", "about", "1pm", ",", "the", "May", "may",
             "three", "months", "ago", "in", "recent", "weeks", "11", "March", "2021", ".",
             "fall", "of", "since", "last", "October", "2,500", "this", "comes"]
        ),
        max_size=20,
    )
)  # fmt: skip
def test_found_phrases_are_the_text_at_their_offsets(words: list[str]) -> None:
    text = " ".join(words)
    previous_end = 0
    for item in find_times(text, reference=PUBLISHED, tz=KABUL):
        assert text[item.start : item.end] == item.text
        assert item.start >= previous_end
        previous_end = item.end
        assert item.time == resolve_time(item.text, reference=PUBLISHED, tz=KABUL)


@given(text=st.text(max_size=60))
def test_find_times_on_arbitrary_text_finds_or_not_but_never_fails(text: str) -> None:
    for item in find_times(text, reference=PUBLISHED, tz=KABUL):
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize(
    "filler", ["the ", "on the last day of the past week in recent ", "1 2 3, ", ". . "]
)
def test_long_runs_of_grammar_words_stay_cheap(filler: str) -> None:
    # 20,000 characters of "the " took 25 s before phrases that cannot end or start
    # with a word were skipped and candidates resolved once per call
    import time

    text = filler * (20_000 // len(filler))
    begin = time.perf_counter()
    find_times(text, reference=PUBLISHED, tz=KABUL)
    assert time.perf_counter() - begin < 5


def test_a_part_of_day_after_the_alone_resolves_as_found() -> None:
    """Regression: find_times found "the afternoon" in "on the afternoon", which
    resolve_time refused ('the' is not a date); it is the reference day's afternoon,
    as "in the afternoon" is."""
    found = find_times("on the afternoon", reference=PUBLISHED, tz=KABUL)
    assert [item.text for item in found] == ["the afternoon"]
    alone = resolve_time("the afternoon", reference=PUBLISHED, tz=KABUL)
    with_in = resolve_time("in the afternoon", reference=PUBLISHED, tz=KABUL)
    assert found[0].time == alone == with_in
