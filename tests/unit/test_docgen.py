"""Generated sections of the docs pages: every page is current, and the command
rewrites a stale one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from _paths import ROOT
from incidentkit import _docgen
from incidentkit._fields import rules_of
from incidentkit._hypothesis_plugin import record_classes

DOCS = ROOT / "docs"
PAGES = sorted(_docgen.generators())
STALE = re.compile(r"(?s)(BEGIN generated[^\n]*\n).*?(<!-- END)")


@pytest.mark.parametrize("page", PAGES)
def test_generated_sections_are_current(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert _docgen.render(page, text) == text, "stale: run python -m incidentkit._docgen docs"


def test_every_page_with_a_generated_section_has_a_generator() -> None:
    marked = {p.name for p in DOCS.glob("*.md") if _docgen.BEGIN in p.read_text(encoding="utf-8")}
    assert marked == set(PAGES)


def test_every_rule_of_every_record_is_in_the_tables() -> None:
    table, lists = _docgen.rules_table(), _docgen.rules_list()
    for cls in record_classes():
        for rule in rules_of(cls):
            row = rf"\| [^|\n]*\b{cls.__name__}\b[^|\n]* \| {re.escape(rule)} \|"
            assert re.search(row, table), (cls, rule)
            assert f"- {rule}\n" in lists + "\n", rule


def test_the_command_rewrites_stale_pages(tmp_path: Path) -> None:
    for page in PAGES:
        text = (DOCS / page).read_text(encoding="utf-8")
        (tmp_path / page).write_text(STALE.sub(r"\1\n\2", text), encoding="utf-8")
    run = [sys.executable, "-m", "incidentkit._docgen", str(tmp_path)]
    out = subprocess.run(run, capture_output=True, text=True, check=True)
    assert out.stdout.count("updated") == len(PAGES)
    for page in PAGES:
        assert (tmp_path / page).read_bytes() == (DOCS / page).read_bytes()
    again = subprocess.run(run, capture_output=True, text=True, check=True)
    assert again.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == PAGES  # no temporary files left


def test_a_page_without_markers_is_an_error() -> None:
    with pytest.raises(ValueError, match="no generated section"):
        _docgen.render("index.md", "no markers")
