import attrs
import os
from .errors import Problem
from _typeshed import Incomplete
from collections.abc import Sequence
from typing import Any

__all__ = ['FORMATS', 'BadLine', 'DeliveryReport', 'FileReport', 'bad_lines', 'format_of', 'read_records', 'records', 'validate_delivery', 'validate_on_local_processes']

FORMATS: dict[str, Format]

@attrs.frozen
class BadLine:
    file: str
    line: int | None
    problems: tuple[Problem, ...]

@attrs.frozen
class FileReport:
    file: str
    valid: int
    bad: tuple[BadLine, ...]
    output: str | None = ...
    readable: bool = ...

@attrs.frozen
class DeliveryReport:
    files: tuple[FileReport, ...]
    @property
    def valid(self) -> int: ...
    @property
    def bad(self) -> tuple[BadLine, ...]: ...
    @property
    def ok(self) -> bool: ...

def format_of(path: str, default: Format | None = None) -> Format: ...

class _FileRecords:
    path: Incomplete
    reader: Incomplete
    def __init__(self, path: str, cls: type[Any], fmt: Format, tz: str) -> None: ...
    def bad(self) -> list[BadLine]: ...
    def close(self) -> None: ...

def read_records(paths: Sequence[str | os.PathLike[str]], cls: type[Any] = ..., *, fmt: Format | None = None, tz: str = 'UTC') -> Any: ...
def records(bag: Any) -> Any: ...
def bad_lines(bag: Any) -> Any: ...
def validate_delivery(paths: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str] | None = None, cls: type[Any] = ..., *, fmt: Format | None = None, tz: str = 'UTC', row_group_size: int = 2000) -> DeliveryReport: ...
def validate_on_local_processes(paths: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str] | None = None, cls: type[Any] = ..., *, workers: int = 2, fmt: Format | None = None, tz: str = 'UTC') -> DeliveryReport: ...
