"""The docs stay true: their code runs, and their rule tables match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import incidentkit
from incidentkit._fields import Model, rules_of

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for number, match in enumerate(FENCE.finditer(text)):
            found.append((page.name, number, match.group(1)))
    return found


@pytest.mark.parametrize(("page", "number", "code"), _blocks(), ids=lambda v: str(v)[:20])
def test_python_examples_run(page: str, number: int, code: str) -> None:
    exec(compile(code, f"{page}[{number}]", "exec"), {"__name__": "__docs__"})


def test_every_rule_is_documented_in_the_rules_table() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for name in incidentkit.__all__:
        obj = getattr(incidentkit, name)
        if isinstance(obj, type) and issubclass(obj, Model):
            for text in rules_of(obj):
                assert f"| {text} |" in index, f"{name}: {text}"
