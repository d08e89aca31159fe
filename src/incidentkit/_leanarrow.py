"""Keeping a process that only moves records through Arrow small.

Two things inflate such a process, and the command line's Parquet conversions
(``incidentkit convert --to parquet`` / ``--from parquet``) avoid both inside
:func:`lean_arrow`:

- pyarrow imports pandas, when it is installed, the first time it turns Python
  objects into an array (``pa.array``, ``Table.from_pylist``, ``pa.scalar``: each
  asks whether its argument is a pandas object). That costs about 45 MB and a
  quarter of a second, for nothing: incidentkit never hands pandas objects to
  pyarrow. pyarrow tries that import once per process; inside the block it fails
  and pyarrow notes pandas as missing. Anything that needs pandas later
  (``to_pandas``, ``Table.from_pandas``) tries again and finds it, but
  ``pa.array(series)`` treats a pandas Series as a plain sequence until then.
- pyarrow's default allocator (mimalloc or jemalloc) keeps memory it has freed;
  the system allocator gives it back, which keeps the peak about 12 MB lower when
  row groups come and go, at a few per cent of speed.

- In the ``incidentkit`` command's own process (:func:`incidentkit.cli.console`,
  not :func:`~incidentkit.cli.main` called from a program), NumPy is kept out as
  well when pyarrow is first loaded inside the block: pyarrow imports NumPy if it
  can (11 MB), and incidentkit's conversions never use it. pyarrow then goes
  without NumPy for the rest of the process, which is why only the command does it.

All of this changes the whole process while the block runs, so it is for processes
that do nothing else (the command line), not something the library does for its
callers; docs/scale.md says how a program of one's own can do the same.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["kept_out", "lean_arrow", "own_process", "pandas_kept_out"]

#: True in the ``incidentkit`` command's own process (set by
#: :func:`incidentkit.cli.console`): :func:`lean_arrow` then keeps NumPy out too.
own_process = False


class _Refuse:
    """A finder, first on ``sys.meta_path``, that makes importing some packages fail.
    (A ``None`` in ``sys.modules`` would not do: pyarrow's compiled import takes that
    ``None`` for the module.)"""

    def __init__(self, packages: frozenset[str]) -> None:
        self.packages = packages

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name.partition(".")[0] in self.packages:
            raise ModuleNotFoundError(f"{name} is kept out of this process", name=name)
        return None


@contextlib.contextmanager
def kept_out(*packages: str) -> Iterator[None]:
    """Within the block, importing any of ``packages`` that is not imported yet fails.
    Afterwards they import as usual."""
    absent = frozenset(name for name in packages if name not in sys.modules)
    if not absent:
        yield
        return
    finder = _Refuse(absent)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def pandas_kept_out() -> contextlib.AbstractContextManager[None]:
    """Within the block, ``import pandas`` fails unless pandas is already imported
    (then nothing changes). Afterwards pandas imports as usual."""
    return kept_out("pandas")


@contextlib.contextmanager
def lean_arrow() -> Iterator[None]:
    """pandas kept out and pyarrow allocating with the system allocator, within the
    block; pyarrow's allocator as it was afterwards. Without pyarrow, the
    ImportError of :mod:`incidentkit.arrow` (naming the extra to install)."""
    with kept_out("pandas", "numpy") if own_process else pandas_kept_out():
        importlib.import_module(".arrow", __package__)  # names the extra without pyarrow
        import pyarrow as pa

        previous = pa.default_memory_pool()
        pa.set_memory_pool(pa.system_memory_pool())
        try:
            yield
        finally:
            pa.set_memory_pool(previous)
