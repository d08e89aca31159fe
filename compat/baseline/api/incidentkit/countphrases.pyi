from .quantity import Count, CountQualifier

__all__ = ['HEDGES', 'MAX_PHRASE_LENGTH', 'MULTIPLIERS', 'VAGUE_RANGES', 'resolve_count']

MAX_PHRASE_LENGTH: int
HEDGES: dict[str, tuple[CountQualifier, str | None]]
VAGUE_RANGES: dict[str, tuple[int, int]]
MULTIPLIERS: dict[str, int]

class _Fail(Exception): ...

def resolve_count(text: str) -> Count: ...
