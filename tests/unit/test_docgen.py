"""Generated sections of the docs pages: every page is current, and
``python -m incidentkit._docgen docs`` rewrites a stale one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _paths import ROOT
from incidentkit import _docgen
from incidentkit._model import rules_of
from incidentkit._typetree import registered

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
    classes = [
        entry.type
        for entry in registered()
        if isinstance(entry.type, type) and entry.type.__module__.startswith("incidentkit.")
    ]
    assert classes
    for cls in classes:
        for rule in rules_of(cls):
            row = rf"\| [^|\n]*\b{cls.__name__}\b[^|\n]* \| {re.escape(rule)} \|"
            assert re.search(row, table), (cls, rule)
            assert f"- {rule}\n" in lists + "\n", rule


def test_the_command_rewrites_stale_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for page in PAGES:
        text = (DOCS / page).read_text(encoding="utf-8")
        (tmp_path / page).write_text(STALE.sub(r"\1\n\2", text), encoding="utf-8")
    assert _docgen.main([str(tmp_path)]) == 0  # python -m incidentkit._docgen DIR
    assert capsys.readouterr().out.count("updated") == len(PAGES)
    for page in PAGES:
        assert (tmp_path / page).read_bytes() == (DOCS / page).read_bytes()
    assert _docgen.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == PAGES  # no temporary files left


def test_a_page_without_markers_is_an_error() -> None:
    with pytest.raises(ValueError, match="no generated section"):
        _docgen.render("index.md", "no markers")
