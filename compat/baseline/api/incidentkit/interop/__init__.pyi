from ._common import KILLED_ALL_SIDES as KILLED_ALL_SIDES, KILLED_SIDE_UNKNOWN as KILLED_SIDE_UNKNOWN, LossWarning as LossWarning, Lossy as Lossy

__all__ = ['KILLED_ALL_SIDES', 'KILLED_SIDE_UNKNOWN', 'LossWarning', 'Lossy']
