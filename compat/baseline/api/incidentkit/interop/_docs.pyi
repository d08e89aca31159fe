from _typeshed import Incomplete
from collections.abc import Sequence
from pathlib import Path

__all__ = ['BEGIN', 'END', 'TABLES', 'main', 'render', 'update']

BEGIN: str
END: str
TABLES: Incomplete

def render(page: str, text: str) -> str: ...
def update(directory: Path) -> list[str]: ...
def main(argv: Sequence[str] | None = None) -> int: ...
