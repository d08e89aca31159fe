import argparse
from _typeshed import Incomplete

__all__ = ['READS', 'WRITES', 'add_arguments', 'run']

READS: Incomplete
WRITES: Incomplete

def add_arguments(parser: argparse.ArgumentParser) -> None: ...
def run(args: argparse.Namespace) -> int: ...
