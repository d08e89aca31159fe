from .errors import ValidationError as ValidationError
from .time import Time as Time
from collections.abc import Callable as Callable
from datetime import datetime, tzinfo
from typing import NamedTuple

MAX_TOKENS: int

class FoundTime(NamedTuple):
    start: int
    end: int
    text: str
    time: Time

def find_times(text: str, *, reference: datetime | Time, tz: str | tzinfo, language: str | None = None) -> list[FoundTime]: ...
