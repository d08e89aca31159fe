from _typeshed import Incomplete

__all__ = ['GW_ALIASES', 'ALPHA2_BY_GW', 'ALPHA2_BY_NAME', 'ALPHA2_BY_NUMERIC', 'GW', 'NAME', 'NUMERIC']

NUMERIC: dict[str, int]
GW: dict[str, int]
NAME: dict[str, str]
GW_ALIASES: dict[int, str]
ALPHA2_BY_NUMERIC: Incomplete
ALPHA2_BY_GW: Incomplete
ALPHA2_BY_NAME: Incomplete
