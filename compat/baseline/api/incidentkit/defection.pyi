from ._fields import field, record
from ._record import Record
from .actors import Membership
from .location import Location
from .quantity import Count
from .time import Time

__all__ = ['Defection']

@record(schema='defection', document=True, rank=-2)
class Defection(Record):
    defector: str = ...
    from_organization: str = ...
    to_organization: str = ...
    when: Time = field(description='When the defection happened.')
    membership: Membership | None = field(default=None, description='The membership (and post) the defector held in the organisation left.')
    where: Location | None = field(default=None, description='Where it happened.')
    followers: Count | None = field(default=None, description='How many others went with the defector.')
    equipment: tuple[str, ...] = field(factory=tuple, min_length=1, max_length=200, description='Weapons or equipment taken along, as reported.')
