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

Both change the whole process while the block runs, so this is for processes that
do nothing else (the command line), not something the library does for its
callers; docs/scale.md says how a program of one's own can do the same.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["lean_arrow", "pandas_kept_out"]


class _Refuse:
    """A finder, first on ``sys.meta_path``, that makes ``import pandas`` fail. (A
    ``None`` in ``sys.modules`` would not do: pyarrow's compiled import takes that
    ``None`` for the module.)"""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError("pandas is kept out of this process", name=name)
        return None


@contextlib.contextmanager
def pandas_kept_out() -> Iterator[None]:
    """Within the block, ``import pandas`` fails unless pandas is already imported
    (then nothing changes). Afterwards pandas imports as usual."""
    if "pandas" in sys.modules:
        yield
        return
    finder = _Refuse()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


@contextlib.contextmanager
def lean_arrow() -> Iterator[None]:
    """pandas kept out and pyarrow allocating with the system allocator, within the
    block; pyarrow's allocator as it was afterwards. Without pyarrow, the
    ImportError of :mod:`incidentkit.arrow` (naming the extra to install)."""
    with pandas_kept_out():
        importlib.import_module(".arrow", __package__)  # names the extra without pyarrow
        import pyarrow as pa

        previous = pa.default_memory_pool()
        pa.set_memory_pool(pa.system_memory_pool())
        try:
            yield
        finally:
            pa.set_memory_pool(previous)
