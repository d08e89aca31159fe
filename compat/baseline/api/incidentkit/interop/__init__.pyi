from ._common import ImportReader as ImportReader, ImportedValueWarning as ImportedValueWarning, JsonImport as JsonImport, KILLED_ALL_SIDES as KILLED_ALL_SIDES, KILLED_SIDE_UNKNOWN as KILLED_SIDE_UNKNOWN, LossWarning as LossWarning, Lossy as Lossy

__all__ = ['KILLED_ALL_SIDES', 'KILLED_SIDE_UNKNOWN', 'ImportReader', 'ImportedValueWarning', 'JsonImport', 'LossWarning', 'Lossy']
