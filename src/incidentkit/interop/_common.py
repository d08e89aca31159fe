"""What the ACLED and UCDP mappings share: reading cells with per-column errors,
number formats, actor and source ids, the verbatim store that makes round trips
exact, event-level death counts, and loss reports."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, TypeVar, cast

import attrs

from .._fields import ID_MAX_LENGTH
from ..errors import Problem, ValidationError
from ..incident import Incident, Role
from ..quantity import Count, CountQualifier, Tally
from ..time import Time, get_zone

__all__ = [
    "EXTRA_COLUMNS",
    "KILLED_ALL_SIDES",
    "KILLED_SIDE_UNKNOWN",
    "LossWarning",
    "Lossy",
    "Row",
]

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

#: Subject of the :class:`~incidentkit.Tally` that holds an event's deaths on all
#: sides together, as ACLED's ``fatalities`` and UCDP's ``best``/``low``/``high``
#: give them (per-side figures go into ``casualties``).
KILLED_ALL_SIDES = "killed, all sides"
#: Subject of the tally of deaths whose side is unknown (UCDP's ``deaths_unknown``).
KILLED_SIDE_UNKNOWN = "killed, side unknown"

#: What to do when a record holds more than the target format can: ``"warn"``
#: (a :class:`LossWarning`), ``"ignore"``, ``"raise"`` (a ValidationError), or a
#: list to which the losses are appended as :class:`~incidentkit.Problem` objects.
Lossy = Literal["warn", "ignore", "raise"] | list[Problem]


#: Which side of a two-sided row (ACLED's actor1/actor2, UCDP's side_a/side_b) a
#: participant's role is written to. Neither data set gives its sides a direction;
#: reading gives side 1 the first role listed for it (perpetrator) and side 2 its
#: first (target). The first participant of a side is its actor, the rest are
#: associated actors.
SIDE_OF_ROLE: dict[Role, int] = {
    Role.PERPETRATOR: 1,
    Role.SUPPORTER: 1,
    Role.TARGET: 2,
    Role.DEFENDER: 2,
    Role.WITHDREW: 2,
}


def first_by_value(table: Mapping[K, V]) -> dict[V, K]:
    """The inverse of a table: for each value, the first key that maps to it."""
    inverse: dict[V, K] = {}
    for key, value in table.items():
        inverse.setdefault(value, key)
    return inverse


#: The role each side reads as.
READ_ROLES: dict[int, Role] = first_by_value(SIDE_OF_ROLE)


class LossWarning(UserWarning):
    """A record was written to a format that cannot hold all of it."""


def settle_losses(losses: list[Problem], lossy: Lossy, target: str) -> None:
    """Report ``losses`` as ``lossy`` asks."""
    if isinstance(lossy, list):
        lossy.extend(losses)
        return
    if lossy not in ("warn", "ignore", "raise"):
        raise ValueError("lossy must be 'warn', 'ignore', 'raise' or a list")
    if not losses or lossy == "ignore":
        return
    if lossy == "raise":
        raise ValidationError(losses)
    shown = "\n".join(f"  {p}" for p in losses[:20])
    more = f"\n  ... and {len(losses) - 20} more" if len(losses) > 20 else ""
    warnings.warn(
        f"{target} cannot hold everything; {len(losses)} loss(es):\n{shown}{more}",
        LossWarning,
        stacklevel=3,
    )


# ---------------------------------------------------------------- cells

_INT = re.compile(r"-?\d+\Z", re.ASCII)
_FLOAT = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\Z", re.ASCII)


class Row:
    """One row being read: cell access that records a problem per bad column."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise ValidationError(f"expected a row (a mapping), got {type(data).__name__}")
        self.data = data
        self.problems: list[Problem] = []

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(f"$.{column}", message))

    def text(self, column: str) -> str:
        """The cell's text; a missing column reads as empty."""
        value = self.data.get(column, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(column, f"expected text, got {type(value).__name__}")
            return ""
        return value

    def integer(self, column: str, *, lo: int | None = None, hi: int | None = None) -> int | None:
        """An integer cell (``None`` when empty)."""
        text = self.text(column).strip()
        if not text:
            return None
        if not _INT.match(text) or len(text) > 18:
            self.fail(column, f"{_short(text)} is not an integer")
            return None
        value = int(text)
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            bounds = f"{'' if lo is None else lo} to {'' if hi is None else hi}".strip()
            self.fail(column, f"{value} is out of range ({bounds})")
            return None
        return value

    def number(self, column: str, *, lo: float, hi: float) -> float | None:
        """A decimal number cell in ``[lo, hi]`` (``None`` when empty)."""
        text = self.text(column).strip()
        if not text:
            return None
        if not _FLOAT.match(text) or len(text) > 400:
            self.fail(column, f"{_short(text)} is not a decimal number")
            return None
        value = float(text)
        if not lo <= value <= hi:
            self.fail(column, f"{text} is outside {fmt_number(lo)} to {fmt_number(hi)}")
            return None
        return value

    def date(self, column: str, formats: Iterable[str] = ("%Y-%m-%d",)) -> date | None:
        """A date cell in one of ``formats`` (``None`` when empty)."""
        text = self.text(column).strip()
        if not text:
            return None
        for fmt in formats:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        self.fail(column, f"{_short(text)} is not a date (expected e.g. 2021-03-11)")
        return None

    def part(self, column: str, build: Callable[..., T], /, *args: Any, **kwargs: Any) -> T | None:
        """``build(*args, **kwargs)``: part of the record, whose validation problems
        count against ``column``."""
        try:
            return build(*args, **kwargs)
        except ValidationError as exc:
            for p in exc.errors:
                where = "" if p.path == "$" else f"{p.path[2:]}: "
                self.fail(column, f"{where}{p.message}")
            return None

    def check(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def split_list(text: str) -> list[str]:
    """A ``;``-separated list, items stripped, empty items dropped."""
    return [item.strip() for item in text.split(";") if item.strip()]


def fmt_number(value: float) -> str:
    """A number as datasets write it: no exponent, no trailing ``.0``."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


# ---------------------------------------------------------------- ids

_NOT_ID = re.compile(r"[^a-z0-9]+")


class Ids:
    """Readable ids made from names, unique within one record."""

    def __init__(self, fallback: str) -> None:
        self._fallback = fallback
        self._used: set[str] = set()

    def make(self, name: str) -> str:
        base = _NOT_ID.sub("-", name.casefold()).strip("-")[: ID_MAX_LENGTH - 8] or self._fallback
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        self._used.add(candidate)
        return candidate


# ---------------------------------------------------------------- time


def day_time(day: date, tz: str, margin_days: int = 0, *, approximate: bool = False) -> Time:
    """A time at day precision on a local date."""
    return Time.local(
        day.year,
        day.month,
        day.day,
        tz=tz,
        approximate=approximate,
        margin_seconds=margin_days * 86400 if margin_days else None,
    )


def check_zone(tz: str) -> None:
    if get_zone(tz) is None:
        raise ValueError(f"unknown IANA time zone {tz!r}")


def local_date(time: Time) -> date:
    """The local calendar date a time starts on."""
    return time.at.date()


def last_local_date(time: Time) -> date:
    """The local calendar date of the last instant of a time's period."""
    end = time.end.astimezone(time.zone) - timedelta(microseconds=1)
    return end.date()


# ---------------------------------------------------------------- counts


def killed_tally(
    subject: str, best: int, low: int | None = None, high: int | None = None
) -> Tally:
    """An event-level death count; a range around the best estimate makes it approximate."""
    low = best if low is None else low
    high = best if high is None else high
    if low == best == high:
        return Tally(subject=subject, count=Count(best=best))
    count = Count(best=best, qualifier=CountQualifier.ABOUT, low=low, high=high)
    return Tally(subject=subject, count=count)


def find_tally(incident: Incident, subject: str) -> Tally | None:
    for tally in incident.tallies:
        if tally.subject == subject and tally.actor is None:
            return tally
    return None


def total_killed(incident: Incident) -> int | None:
    """Best estimate of deaths on all sides: the all-sides tally if given, else the
    sum of the per-side figures and the side-unknown tally; None if none is given."""
    tally = find_tally(incident, KILLED_ALL_SIDES)
    if tally is not None:
        return tally.count.best
    figures = [c.killed.best for c in incident.casualties if c.killed is not None]
    unknown = find_tally(incident, KILLED_SIDE_UNKNOWN)
    if unknown is not None:
        figures.append(unknown.count.best)
    return sum(figures) if figures else None


def total_injured(incident: Incident) -> int | None:
    figures = [c.injured.best for c in incident.casualties if c.injured is not None]
    return sum(figures) if figures else None


# ---------------------------------------------------------------- verbatim

VERBATIM = "verbatim"
#: Key, within a format's extension namespace, of columns beyond its standard set.
EXTRA_COLUMNS = "extra_columns"


def kept_columns(r: Row, own: Iterable[str], standard: Iterable[str]) -> dict[str, Any]:
    """The extension namespace of a row: the columns incidentkit has no field for,
    and any column beyond the standard set (empty cells are not kept)."""
    known = set(standard)
    kept: dict[str, Any] = {column: r.text(column) for column in own if r.text(column)}
    extra = {
        k: r.text(k)
        for k in r.data
        if isinstance(k, str) and k not in known and r.text(k)  # type: ignore[redundant-expr]
    }
    if extra:
        kept[EXTRA_COLUMNS] = extra
    return kept


def write_extra(columns: dict[str, str], incident: Incident, namespace: str) -> None:
    """Append the columns beyond the standard set that a row was read with."""
    extra = namespace_of(incident, namespace).get(EXTRA_COLUMNS, {})
    if isinstance(extra, dict):
        columns.update({k: v for k, v in extra.items() if isinstance(v, str) and k not in columns})


def namespace_of(incident: Incident, namespace: str) -> dict[str, Any]:
    """``incident.extensions[namespace]`` checked to be an object (empty if absent)."""
    value = incident.extensions.get(namespace, {})
    if not isinstance(value, dict):
        raise ValidationError("expected an object", f'$.extensions["{namespace}"]')
    return value


def ext_text(incident: Incident, namespace: str, key: str) -> str:
    """A column kept as text in the extension namespace ("" if absent)."""
    value = namespace_of(incident, namespace).get(key, "")
    if not isinstance(value, str):
        raise ValidationError("expected text", f'$.extensions["{namespace}"].{key}')
    return value


def keep_verbatim(
    incident: Incident,
    row: Mapping[str, Any],
    columns: Iterable[str],
    render: Callable[[Incident], dict[str, str]],
    namespace: str,
) -> Incident:
    """Keep the original text of every column whose canonical rendering differs.

    Stored as ``extensions[namespace]["verbatim"][column] = [canonical, original]``;
    writing puts the original back only while the record still renders to the
    canonical text, so an edited record writes its new values.
    """
    canonical = render(incident)
    verbatim: dict[str, list[str]] = {}
    for column in columns:
        original = row.get(column)
        original = "" if original is None else original
        if canonical.get(column, "") != original:
            verbatim[column] = [canonical.get(column, ""), original]
    if not verbatim:
        return incident
    extensions = dict(incident.extensions)
    extensions[namespace] = {**namespace_of(incident, namespace), VERBATIM: verbatim}
    return attrs.evolve(cast(Any, incident), extensions=extensions)  # type: ignore[no-any-return]


def apply_verbatim(columns: dict[str, str], incident: Incident, namespace: str) -> dict[str, str]:
    """Put back original texts whose canonical rendering is unchanged."""
    stored = namespace_of(incident, namespace).get(VERBATIM, {})
    path = f'$.extensions["{namespace}"].{VERBATIM}'
    if not isinstance(stored, dict):
        raise ValidationError("expected an object", path)
    for column, pair in stored.items():
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
        ):
            raise ValidationError("expected [canonical, original] text", f"{path}.{column}")
        if column in columns and columns[column] == pair[0]:
            columns[column] = pair[1]
    return columns
