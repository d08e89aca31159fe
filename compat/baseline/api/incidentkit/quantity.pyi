from ._fields import DocEnum, MAX_SAFE_INT, Model, field, record
from _typeshed import Incomplete

__all__ = ['CASUALTY_FIGURES', 'Casualties', 'Count', 'CountQualifier', 'Tally']

class CountQualifier(DocEnum):
    EXACT = ('exact', 'The number as stated, without hedging.')
    ABOUT = ('about', "'about', 'around', 'some': best is a rough figure.")
    AT_LEAST = ('at_least', "'at least': best is a floor.")
    AT_MOST = ('at_most', "'at most', 'up to': best is a ceiling.")
    MORE_THAN = ('more_than', "'more than', 'over': the true number exceeds best.")
    FEWER_THAN = ('fewer_than', "'fewer than', 'under': the true number is below best.")

@record
class Count(Model):
    best: int = field(ge=0, le=MAX_SAFE_INT, description='The reported or best-estimate figure.')
    qualifier: CountQualifier = field(default=CountQualifier.EXACT, description='How the report hedged the figure.')
    low: int | None = field(default=None, ge=0, le=MAX_SAFE_INT, description='Lowest figure reported.')
    high: int | None = field(default=None, ge=0, le=MAX_SAFE_INT, description='Highest figure reported.')

CASUALTY_FIGURES: Incomplete

@record
class Casualties(Model):
    actor: str | None = ...
    civilians: bool = field(default=False, description='The figures are for civilians rather than an actor.')
    killed: Count | None = field(default=None, description='People killed.')
    injured: Count | None = field(default=None, description='People injured.')
    captured: Count | None = field(default=None, description='People captured, detained or abducted.')
    missing: Count | None = field(default=None, description='People missing.')

@record
class Tally(Model):
    subject: str = field(min_length=1, max_length=200, description='What was counted, in a few words.', examples=('security forces who escaped',))
    count: Count = field(description='The figure.')
    actor: str | None = ...
