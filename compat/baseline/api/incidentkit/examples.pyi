from _typeshed import Incomplete

__all__ = ['DEFECTION', 'INCIDENT', 'PUBLISHED', 'RECORDS']

PUBLISHED: Incomplete
DEFECTION: Incomplete
INCIDENT: Incomplete
RECORDS: Incomplete
