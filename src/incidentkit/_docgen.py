"""Sections of the docs pages that are generated from the code.

A page holds one generated section between :data:`BEGIN` and :data:`END`; the text
between them is rewritten from the code, so a table that restates something the code
already knows (the cross-field rules of the records, the interop mapping tables)
cannot drift from it. A test checks that every page is current, and
``python -m incidentkit._docgen docs`` rewrites the stale ones.

Each generator is a function returning Markdown; :func:`generators` maps page names
to them. The interop tables live in :mod:`incidentkit.interop._docs` and are only
imported by :func:`generators`, so the core does not import the interop modules.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from ._model import rules_of
from ._typetree import registered

__all__ = [
    "BEGIN",
    "END",
    "code",
    "generators",
    "main",
    "render",
    "rule_owners",
    "rules_list",
    "rules_table",
    "table",
    "update",
]

#: The markers around a page's generated section; BEGIN names the command that
#: rewrites it.
BEGIN = "<!-- BEGIN generated: python -m incidentkit._docgen docs -->"
END = "<!-- END generated -->"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table; ``|`` in a cell is escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    for row in rows:
        cells = [str(cell).replace("|", "\\|") for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def code(value: object) -> str:
    """``value`` as inline code."""
    return f"`{value}`"


# ---------------------------------------------------------------- the records' rules

_PACKAGE = "incidentkit."


def rule_owners() -> list[tuple[str, tuple[str, ...]]]:
    """Every documented cross-field rule with the names of the record classes it
    applies to, in registry order (top-level records first), then rule order."""
    owners: dict[str, list[str]] = {}
    for entry in registered():
        # Unions (Actor) have no rules of their own; classes registered from outside
        # the library (a test's, a user's) are not the library's to document.
        if isinstance(entry.type, type) and entry.type.__module__.startswith(_PACKAGE):
            for text in rules_of(entry.type):
                owners.setdefault(text, []).append(entry.name)
    return [(text, tuple(names)) for text, names in owners.items()]


def rules_table() -> str:
    """The rules as a ``| record | rule |`` table (docs/index.md)."""
    return table(("record", "rule"), ((", ".join(n), t) for t, n in rule_owners()))


def _names(names: Sequence[str]) -> str:
    quoted = [code(name) for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def rules_list() -> str:
    """The rules as lists, one per group of records they apply to (docs/partners.md)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for text, names in rule_owners():
        groups.setdefault(names, []).append(text)
    return "\n\n".join(
        f"{_names(names)}:\n\n" + "\n".join(f"- {text}" for text in texts)
        for names, texts in groups.items()
    )


# ---------------------------------------------------------------- pages


def generators() -> dict[str, Callable[[], str]]:
    """Which docs page's generated section comes from which function."""
    from .interop import _docs

    return {"index.md": rules_table, "partners.md": rules_list, **_docs.TABLES}


def render(page: str, text: str, generate: Callable[[], str] | None = None) -> str:
    """``text`` (the docs page ``page``) with its generated section rewritten."""
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"{page}: no generated section ({BEGIN} ... {END})")
    body = (generate or generators()[page])()
    return f"{head}{BEGIN}\n\n{body}\n\n{END}{tail}"


def update(directory: Path, pages: Mapping[str, Callable[[], str]] | None = None) -> list[str]:
    """Rewrite the generated sections of the pages in ``directory`` (all of them, or
    ``pages``); returns the pages that changed."""
    changed = []
    for page, generate in (pages or generators()).items():
        path = directory / page
        text = path.read_text(encoding="utf-8")
        new = render(page, text, generate)
        if new != text:
            _write_atomically(path, new)
            changed.append(page)
    return changed


def _write_atomically(path: Path, text: str) -> None:
    # A page is replaced whole or not at all, even if the command is interrupted.
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m incidentkit._docgen [DOCS_DIR]``: rewrite the stale pages."""
    args = list(sys.argv[1:] if argv is None else argv)
    directory = Path(args[0] if args else "docs")
    for page in update(directory):
        print(f"updated {directory / page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
