"""Every cache of derived code and data, with one way to clear them all.

The library derives a lot once per class (type trees, compiled checks, compiled
reading and writing functions, strategies) and keeps it. Tests that change what a
derivation sees (switching rules off, declaring a class) call :func:`clear_caches`,
so that no cache keeps a stale derivation while another has been rebuilt.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["cached", "clear_caches", "on_clear"]

F = TypeVar("F", bound=Callable[..., Any])
_CLEARERS: list[Callable[[], None]] = []


def cached(fn: F) -> F:
    """``functools.cache``, cleared by :func:`clear_caches`."""
    wrapped = functools.cache(fn)
    _CLEARERS.append(wrapped.cache_clear)
    return wrapped  # type: ignore[return-value]


def on_clear(clear: Callable[[], None]) -> Callable[[], None]:
    """Register a function that forgets a cache kept some other way (a dict, a
    method installed on a class); returns it."""
    _CLEARERS.append(clear)
    return clear


def clear_caches() -> None:
    """Forget everything derived, everywhere: the next use derives it anew."""
    for clear in _CLEARERS:
        clear()
