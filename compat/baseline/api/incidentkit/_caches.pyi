from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ['cached', 'clear_caches', 'on_clear']

F = TypeVar('F', bound=Callable[..., Any])

def cached(fn: F) -> F: ...
def on_clear(clear: Callable[[], None]) -> Callable[[], None]: ...
def clear_caches() -> None: ...
