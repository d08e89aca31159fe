"""The docs stay true: their code runs (their generated tables are checked by
tests/unit/test_docgen.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _paths import ROOT

# partners.md's examples need schema files and an input file: test_docs_partners.py
# runs them in such a directory (and the JavaScript one under Node).
PAGES = sorted(
    p for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")] if p.name != "partners.md"
)
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's python blocks run in order in one namespace, like a session, in an
    empty working directory (examples may write files)."""
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__docs__"}
    text = page.read_text(encoding="utf-8")
    for number, match in enumerate(FENCE.finditer(text)):
        code = compile(match.group(1), f"{page.name}[{number}]", "exec", dont_inherit=True)
        exec(code, namespace)
