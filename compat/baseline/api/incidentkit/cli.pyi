from _typeshed import Incomplete
from collections.abc import Callable, Sequence
from typing import Any, IO

__all__ = ['main']

class _RecordType:
    name: Incomplete
    cls: Incomplete
    def __init__(self, name: str, cls: Any) -> None: ...
    @property
    def stem(self) -> str: ...
    @staticmethod
    def choices() -> dict[str, Any]: ...
    @classmethod
    def parse(cls, text: str) -> _RecordType: ...

class _Totals:
    files: int
    records: int
    invalid: int
    problems: int
    def __init__(self) -> None: ...
    def add(self, problems: list[Any]) -> None: ...
    def summary(self, type_name: str) -> str: ...

class _Progress:
    stream: Incomplete
    enabled: Incomplete
    clock: Incomplete
    next_draw: Incomplete
    drawn: bool
    def __init__(self, stream: IO[str], clock: Callable[[], float] = ...) -> None: ...
    def update(self, name: str, totals: _Totals) -> None: ...
    def clear(self) -> None: ...

def main(argv: Sequence[str] | None = None) -> int: ...
