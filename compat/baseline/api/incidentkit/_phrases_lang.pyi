from .errors import ValidationError as ValidationError
from _typeshed import Incomplete
from collections.abc import Callable as Callable
from functools import cache
from typing import Any

LANGUAGES: Incomplete
INSTALL_HINT: str

class Language:
    code: Incomplete
    words: Incomplete
    vocabulary: Incomplete
    def __init__(self, code: str, info: dict[str, Any]) -> None: ...
    def knows_word(self, word: str) -> bool: ...
    def translate(self, text: str) -> str: ...

@cache
def language(code: str) -> Language: ...
