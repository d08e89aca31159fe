from _typeshed import Incomplete

__all__ = ['COUNTRY_CODES']

COUNTRY_CODES: Incomplete
