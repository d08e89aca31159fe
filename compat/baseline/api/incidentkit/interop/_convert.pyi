import argparse
import attrs
from _typeshed import Incomplete
from collections import Counter

__all__ = ['READS', 'WRITES', 'Summary', 'add_arguments', 'run']

READS: Incomplete
WRITES: Incomplete

def add_arguments(parser: argparse.ArgumentParser) -> None: ...

@attrs.define
class Summary:
    read: int = ...
    written: int = ...
    refused: Counter[str] = attrs.field(factory=Counter)
    warnings: Counter[str] = attrs.field(factory=Counter)
    lost: Counter[str] = attrs.field(factory=Counter)
    changed: Counter[str] = attrs.field(factory=Counter)
    def lines(self) -> list[str]: ...

def run(args: argparse.Namespace) -> int: ...
