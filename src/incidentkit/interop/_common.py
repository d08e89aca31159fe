"""What the ACLED and UCDP mappings share: reading cells with per-column errors,
number formats, actor and source ids, the verbatim store that makes round trips
exact, event-level death counts, and loss reports."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, TypeVar, cast

import attrs

from .._fields import ID_MAX_LENGTH
from .._typetree import field_info, record_info
from ..actors import Organization
from ..codec import DEFAULT_MAX_BYTES
from ..errors import Problem, ValidationError
from ..incident import Incident, Role
from ..quantity import Count, CountQualifier, Tally
from ..reconcile import alternatives
from ..time import Time, get_zone
from ._csv import CsvReader

__all__ = [
    "EXTRA_COLUMNS",
    "ImportedValueWarning",
    "KILLED_ALL_SIDES",
    "KILLED_SIDE_UNKNOWN",
    "LossWarning",
    "Lossy",
    "Row",
]

T = TypeVar("T")

#: Longest actor name the model allows (declared on the field, read from the type tree).
NAME_MAX_LENGTH: int = field_info(Organization, "name").constraints.max_length or 200
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


class ImportedValueWarning(UserWarning):
    """A row read from a data set breaks a rule incidentkit enforces for records
    coded by hand (a low estimate above the best one, a name over the length limit).

    Such rows are read, never refused: the record keeps every rule (the value
    that breaks one is left out of the record, or shortened), the published text
    is kept in the format's ``verbatim`` store and written back unchanged, and
    this warning says which row, column and rule. It is filterable like any
    warning (``warnings.simplefilter("ignore", ImportedValueWarning)``); file
    readers also collect them in their ``warnings`` list.

    Attributes: ``problem`` (a :class:`~incidentkit.Problem` whose path names the
    column and whose ``line`` the row, when read from a file) and ``kind`` (a short
    name of the rule, e.g. ``"low_above_best"``), for counting by kind.
    """

    def __init__(self, problem: Problem, kind: str) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.kind = kind


def settle_losses(
    losses: list[Problem], lossy: Lossy, target: str, changes: Sequence[Problem] = ()
) -> None:
    """Report ``losses`` as ``lossy`` asks, and ``changes`` (cells written
    differently, such as by the formula guard, that incidentkit reads back
    exactly) with them, except that ``changes`` alone do not make ``"raise"``
    raise."""
    check_lossy(lossy)
    if isinstance(lossy, list):
        lossy.extend(losses)
        lossy.extend(changes)
        return
    if lossy == "raise" and losses:
        raise ValidationError(losses)
    losses = [*losses, *changes]
    if losses and lossy == "warn":
        _warn_losses(target, len(losses), losses[:SHOWN_LOSSES])


def _warn_losses(target: str, count: int, shown: Sequence[Problem]) -> None:
    listed = "\n".join(f"  {p}" for p in shown)
    more = f"\n  ... and {count - len(shown)} more" if count > len(shown) else ""
    warnings.warn(
        f"{target} cannot hold everything; {count} loss(es):\n{listed}{more}",
        LossWarning,
        stacklevel=4,
    )


#: How many losses the warning of a streaming writer shows; the rest are counted.
SHOWN_LOSSES = 20


class LossSink:
    """Where a streaming writer (the CSV writers, ``write_feature_collection``) puts
    the losses it finds, in memory that does not grow with the file. A list given as
    ``lossy`` gets each loss as it is found (the caller decides what to keep);
    ``"warn"`` keeps the first :data:`SHOWN_LOSSES` for its warning and counts the
    rest; ``"ignore"`` keeps none; ``"raise"`` raises a ValidationError at the first
    record that loses anything, listing that record's losses (a file given by path
    is then not written)."""

    def __init__(self, lossy: Lossy) -> None:
        check_lossy(lossy)
        self.lossy = lossy
        self.shown: list[Problem] = []
        self.count = 0

    def append(self, problem: Problem) -> None:
        self.extend((problem,))

    def extend(self, problems: Iterable[Problem]) -> None:
        if isinstance(self.lossy, list):
            self.lossy.extend(problems)
            return
        if self.lossy == "ignore":
            return
        found = list(problems)
        if found and self.lossy == "raise":
            raise ValidationError(found)
        self.count += len(found)
        self.shown.extend(found[: SHOWN_LOSSES - len(self.shown)])

    def settle(self, target: str, changes: LossSink | None = None) -> None:
        """Warn about what was kept, if ``lossy`` is ``"warn"``; ``changes`` (cells
        written differently, kept in a sink of their own that never raises) are
        reported with the losses."""
        if self.lossy != "warn" and (changes is None or changes.lossy != "warn"):
            return
        count = self.count + (changes.count if changes else 0)
        if not count:
            return
        shown = [*self.shown, *(changes.shown if changes else ())][:SHOWN_LOSSES]
        _warn_losses(target, count, shown)


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
        #: Rules of hand coding this row breaks (read anyway; see ImportedValueWarning).
        self.notices: list[ImportedValueWarning] = []

    def notice(self, column: str, kind: str, message: str) -> None:
        """Note that ``column`` breaks a hand-coding rule; the row is still read."""
        self.notices.append(ImportedValueWarning(Problem(f"$.{column}", message), kind))

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


def fit_name(r: Row, column: str, name: str) -> str:
    """An actor name as the record can hold it: one over the length limit of a
    hand-coded actor is shortened to it, ending in ``…``, with a notice (the
    published text stays in the verbatim store)."""
    if len(name) <= NAME_MAX_LENGTH:
        return name
    r.notice(
        column,
        "name_too_long",
        f"the name is {len(name)} characters long, over the {NAME_MAX_LENGTH} of a "
        "hand-coded actor; the record holds it shortened (ending in '…'), the full "
        "name is kept verbatim and written back",
    )
    return name[: NAME_MAX_LENGTH - 1] + "…"


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


def check_zone(tz: object) -> None:
    """Refuse a ``tz`` argument that is not a known IANA zone name: TypeError for
    something other than text, ValidationError for an unknown name."""
    if not isinstance(tz, str):
        raise TypeError(f"tz must be an IANA time zone name (str), not {type(tz).__name__}")
    if get_zone(tz) is None:
        raise ValidationError(f"unknown IANA time zone {tz!r}", "$.tz")


def check_on_error(on_error: object) -> None:
    if not isinstance(on_error, str):
        raise TypeError(f"on_error must be 'raise' or 'collect', not {type(on_error).__name__}")
    if on_error not in ("raise", "collect"):
        raise ValueError(f"on_error must be 'raise' or 'collect', not {on_error!r}")


def emit_notices(notices: Iterable[ImportedValueWarning], stacklevel: int = 3) -> None:
    """Issue each notice as a warning."""
    for notice in notices:
        warnings.warn(notice, stacklevel=stacklevel)


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
    sum of the per-side figures and the side-unknown tally; None if none is given.

    Each figure is a count's :attr:`~incidentkit.Count.figure` (``best``, or the
    lowest figure of a vague range); only figures for different sides are added,
    never competing figures for the same deaths (claims hold those)."""
    tally = find_tally(incident, KILLED_ALL_SIDES)
    if tally is not None:
        return tally.count.figure
    figures = [c.killed.figure for c in incident.casualties if c.killed is not None]
    unknown = find_tally(incident, KILLED_SIDE_UNKNOWN)
    if unknown is not None:
        figures.append(unknown.count.figure)
    known = [f for f in figures if f is not None]
    return sum(known) if known else None


def killed_paths(incident: Incident) -> list[str]:
    """Paths of the death figures an event-level total is made of: the all-sides
    tally's count if given; else each side's killed and the side-unknown tally.
    These are figures for different deaths; the alternatives to each (claims) are
    found with :func:`incidentkit.reconcile.alternatives`."""
    tally = find_tally(incident, KILLED_ALL_SIDES)
    if tally is not None:
        return [f"$.tallies[{incident.tallies.index(tally)}].count"]
    paths = [f"$.casualties[{i}].killed" for i, c in enumerate(incident.casualties) if c.killed]
    unknown = find_tally(incident, KILLED_SIDE_UNKNOWN)
    if unknown is not None:
        paths.append(f"$.tallies[{incident.tallies.index(unknown)}].count")
    return paths


def note_alternatives(
    incident: Incident, path: str, written: Count, how: str, loss: Callable[[str, str], None]
) -> None:
    """Report each claimant's figure for ``path`` as not held (``how`` says what
    was written instead); alternatives are never added up."""
    for alternative in alternatives(incident, path):
        if alternative.claim is not None and alternative.count != written:
            loss(
                alternative.path,
                f"an alternative figure for {path} ({alternative.count}) is not held; {how}",
            )


def total_injured(incident: Incident) -> int | None:
    figures = [c.injured.figure for c in incident.casualties if c.injured is not None]
    known = [f for f in figures if f is not None]
    return sum(known) if known else None


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
    return _with_extensions(incident, extensions, verbatim)


def _with_extensions(
    incident: Incident, extensions: dict[str, Any], added: dict[str, list[str]]
) -> Incident:
    """``incident`` with ``extensions`` in place of its own, which differ only by
    ``added`` (texts) under a valid namespace: the rest of the record is checked
    already, so only ``added`` is (as the record's own check would), not the whole
    record again (that took a third of the time to read a row)."""
    from .._checks import _is_plain_json

    if not _is_plain_json(added, 2):
        return attrs.evolve(cast(Any, incident), extensions=extensions)  # type: ignore[no-any-return]
    cls: Any = type(incident)
    copy = cls.__new__(cls)
    for attribute in attrs.fields(cls):
        object.__setattr__(copy, attribute.name, getattr(incident, attribute.name))
    object.__setattr__(copy, "extensions", extensions)
    return copy  # type: ignore[no-any-return]


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


# ---------------------------------------------------------------- losses by difference


def differences(before: Any, after: Any, path: str = "$") -> Iterator[str]:
    """Paths at which ``after`` (a record read back) differs from ``before``.

    Walks records field by field as the type tree describes them
    (``incidentkit._typetree.record_info``), tuples item by item when their lengths
    agree, dicts key by key; any other value is compared whole.
    Keys that ``after`` has in a dict and ``before`` has not are additions, not
    losses, and are not reported.
    """
    if before == after:
        return
    cls = type(before)
    if attrs.has(cls) and attrs.has(type(after)) and isinstance(before, type(after)):
        # The same class, or a subclass read back as its base: the fields the base
        # does not have are differences too.
        for info in record_info(cls).fields:
            yield from differences(
                getattr(before, info.name), getattr(after, info.name, None), f"{path}.{info.name}"
            )
        return
    if isinstance(before, tuple) and isinstance(after, tuple) and len(before) == len(after):
        for i, (a, b) in enumerate(zip(before, after, strict=True)):
            yield from differences(a, b, f"{path}[{i}]")
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key, value in before.items():
            yield from differences(value, after.get(key), f'{path}["{key}"]')
        return
    yield path


def covered(path: str, reported: Iterable[str]) -> bool:
    """Whether a loss at ``path`` is already named by a reported path (the same
    path, one above it, or one below it)."""
    for other in reported:
        if path == other or path.startswith((other + ".", other + "[")):
            return True
        if other.startswith((path + ".", path + "[")):
            return True
    return False


def unreported_losses(
    incident: Incident, back: Incident, losses: list[Problem], name: str
) -> list[Problem]:
    """A loss for every path where ``back`` (the record read back from what was
    written) differs from ``incident`` and that no reported loss names yet."""
    reported = [p.path for p in losses]
    found = []
    for path in differences(incident, back):
        if not covered(path, reported):
            found.append(Problem(path, f"{name} cannot hold it: dropped or changed"))
            reported.append(path)
    return found


#: How a loss report says that a record's row would not read back.
UNREADABLE = "the row would not read back"


def read_back_losses(
    incident: Incident,
    row: dict[str, str],
    read_back: Callable[[dict[str, str], str, dict[str, Any]], Incident],
    namespace: str,
    name: str,
    reported: list[Problem],
) -> list[Problem]:
    """Read ``row`` back as its format's reader would and report every difference
    from ``incident`` that ``reported`` does not name yet; a row that does not
    read back is one loss at ``$`` saying why."""
    space = namespace_of(incident, namespace)
    layout = {k: v for k, v in space.items() if k in (LAYOUT_KEY, COLUMNS_KEY)}
    try:
        back = read_back(row, incident.when.tz, layout)
    except ValidationError as exc:
        reasons = "; ".join(str(p) for p in exc.errors)
        return [Problem("$", f"{UNREADABLE}: {reasons}")]
    return unreported_losses(incident, back, reported, name)


# ---------------------------------------------------------------- column layouts

#: Key, within a format's extension namespace, naming the column layout (the
#: vintage) of the file a row was read from; or, for a layout that is not one of
#: the known vintages, :data:`COLUMNS_KEY` holds the header itself.
LAYOUT_KEY = "layout"
COLUMNS_KEY = "columns"


def layout_entry(
    header: Sequence[str], standard: Sequence[str], vintages: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """What to keep of a file's header so that writing can reproduce it: nothing
    for the standard columns, a vintage's name, or the header itself."""
    header = tuple(header)
    if header == tuple(standard):
        return {}
    for name, columns in vintages.items():
        if tuple(columns) == header:
            return {LAYOUT_KEY: name}
    return {COLUMNS_KEY: list(header)}


def header_of(
    incident: Incident | None,
    namespace: str,
    standard: Sequence[str],
    vintages: Mapping[str, Sequence[str]],
) -> list[str]:
    """The header to write a file in: the layout the first record was read with
    (columns beyond the standard set included, in the file's order), or the
    standard columns followed by the first record's extra columns."""
    if incident is None:
        return list(standard)
    space = namespace_of(incident, namespace)
    layout = space.get(LAYOUT_KEY)
    if isinstance(layout, str) and layout in vintages:
        return list(vintages[layout])
    columns = space.get(COLUMNS_KEY)
    if isinstance(columns, list) and columns and all(isinstance(c, str) for c in columns):
        return list(dict.fromkeys(columns))
    extra = space.get(EXTRA_COLUMNS, {})
    more = [k for k in extra if k not in standard] if isinstance(extra, dict) else []
    return [*standard, *more]


# ---------------------------------------------------------------- files


def write_csv_file(
    incidents: Iterable[Incident],
    file: Any,
    *,
    to_row: Callable[[Incident, list[Problem]], dict[str, str]],
    read_back: Callable[[dict[str, str], str, dict[str, Any]], Incident],
    namespace: str,
    standard: Sequence[str],
    vintages: Mapping[str, Sequence[str]],
    derived: Iterable[str],
    lossy: Lossy,
    formula_guard: bool,
    name: str,
) -> int:
    """Write incidents as CSV rows, streamed; returns how many rows were written.

    The header is the column layout the first record was read with (see
    :func:`header_of`). Each row is read back before it is written: a difference
    from the record that no loss names yet is reported as a loss (so the loss
    report is complete by construction), and a record whose row would not read
    back is not written but reported with the reason. Columns the header lacks
    are reported unless ``derived`` (recomputed from other columns on reading);
    cells the formula guard changes are reported too.
    """
    from ._csv import needs_prefix, write_rows

    if not isinstance(formula_guard, bool):
        raise TypeError(f"formula_guard must be True or False, not {type(formula_guard).__name__}")
    # Memory stays flat however many losses there are (see LossSink); cells the
    # formula guard changes are reported with them but never make "raise" raise.
    losses = LossSink(lossy)
    guarded = LossSink("ignore" if lossy == "raise" else lossy)
    iterator = iter(incidents)
    first = next(iterator, None)
    if first is not None and not isinstance(first, Incident):
        raise TypeError(f"expected Incident records, got {type(first).__name__}")
    header = header_of(first, namespace, standard, vintages)
    in_header = set(header)
    skip = set(derived)

    def rows() -> Iterator[dict[str, str]]:
        line = 1
        pending = [] if first is None else [first]
        for index, incident in enumerate(_chain(pending, iterator)):
            if not isinstance(incident, Incident):
                raise TypeError(f"expected Incident records, got {type(incident).__name__}")
            found: list[Problem] = []
            row = to_row(incident, found)
            written = {column: row.get(column, "") for column in header}
            more = read_back_losses(incident, written, read_back, namespace, name, found)
            if more and more[0].message.startswith(UNREADABLE):
                reasons = more[0].message[len(UNREADABLE) + 2 :]
                losses.append(
                    Problem("$", f"record {index + 1} ({incident.id}) not written: {reasons}")
                )
                continue
            found.extend(more)
            for column, value in row.items():
                if column not in in_header and value and column not in skip:
                    found.append(Problem("$", f"column {column}: not in the header; dropped"))
            line += 1
            if formula_guard:
                for column in header:
                    if needs_prefix(written[column]):
                        guarded.append(
                            Problem(
                                "$",
                                f"column {column}: starts like a spreadsheet formula; "
                                "written with a leading ' (formula_guard=False writes it "
                                "as it is)",
                                line,
                            )
                        )
            losses.extend(attrs.evolve(p, line=line) for p in found)
            yield written

    count = write_rows(file, header, rows(), formula_guard=formula_guard)
    losses.settle(name, guarded)
    return count


def _chain(first: list[T], rest: Iterator[T]) -> Iterator[T]:
    yield from first
    yield from rest


def check_lossy(lossy: object) -> None:
    if isinstance(lossy, list):
        return
    if not isinstance(lossy, str):
        raise TypeError(
            f"lossy must be 'warn', 'ignore', 'raise' or a list, not {type(lossy).__name__}"
        )
    if lossy not in ("warn", "ignore", "raise"):
        raise ValueError(f"lossy must be 'warn', 'ignore', 'raise' or a list, not {lossy!r}")


class ImportReader(CsvReader[Incident]):
    """Streams incidents from an ACLED or UCDP CSV file (see :class:`CsvReader`).

    Besides :attr:`errors` (rows refused) it keeps :attr:`warnings`: an
    :class:`ImportedValueWarning` for each rule of hand coding a row breaks, with
    the row's line number (each is also issued with :func:`warnings.warn`).
    """

    def __init__(
        self,
        source: Any,
        convert: Callable[
            [dict[str, str], dict[str, Any]], tuple[Incident, list[ImportedValueWarning]]
        ],
        *,
        layout: Callable[[Sequence[str]], dict[str, Any]],
        on_error: Literal["raise", "collect"],
        formula_guard: bool,
    ) -> None:
        super().__init__(source, self._one, on_error, formula_guard=formula_guard)
        self._read_row = convert
        self._layout_of = layout
        self._layout: dict[str, Any] | None = None
        self.warnings: list[ImportedValueWarning] = []

    def _one(self, row: dict[str, str]) -> Incident:
        if self._layout is None:
            self._layout = self._layout_of(self.header or list(row))
        incident, notices = self._read_row(row, self._layout)
        for notice in notices:
            located = ImportedValueWarning(
                attrs.evolve(notice.problem, line=self.line_number), notice.kind
            )
            self.warnings.append(located)
            warnings.warn(located, stacklevel=3)
        return incident


# ---------------------------------------------------------------- API responses (JSON)


def cell_text(value: object, path: str) -> str:
    """A JSON value of an API response as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise ValidationError(f"expected text or a number, got {str(value).lower()}", path)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError("expected a finite number", path)
        return fmt_number(value)
    raise ValidationError(f"expected text or a number, got {type(value).__name__}", path)


class JsonImport(Iterator[Incident]):
    """Incidents from the rows of an API response (a JSON object whose ``key``
    holds an array of row objects), with ``errors``, ``warnings`` and
    ``rows_read`` as :class:`ImportReader` has them; problem paths point into the
    response (``$.data[3].latitude``)."""

    def __init__(
        self,
        source: Any,
        key: str,
        convert: Callable[
            [dict[str, str], dict[str, Any]], tuple[Incident, list[ImportedValueWarning]]
        ],
        on_error: Literal["raise", "collect"],
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        import os

        check_on_error(on_error)
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as handle:
                data = _load_json(handle.read(max_bytes + 1), max_bytes)
        elif isinstance(source, Mapping):
            data = source
        elif hasattr(source, "read"):
            data = _load_json(source.read(max_bytes + 1), max_bytes)
        else:
            raise TypeError(
                f"expected a path, a file or a parsed response, got {type(source).__name__}"
            )
        if not isinstance(data, Mapping):
            raise ValidationError("expected a JSON object (an API response)")
        rows = data.get(key)
        if not isinstance(rows, list):
            raise ValidationError("expected an array of rows", f"$.{key}")
        self._rows = iter(enumerate(rows))
        self._key = key
        self._convert = convert
        self._on_error = on_error
        self.errors: list[ValidationError] = []
        self.warnings: list[ImportedValueWarning] = []
        self.rows_read = 0

    def __iter__(self) -> JsonImport:
        return self

    def __next__(self) -> Incident:
        for index, item in self._rows:
            self.rows_read += 1
            where = f"$.{self._key}[{index}]"
            try:
                if not isinstance(item, Mapping):
                    raise ValidationError("expected a row (an object)")
                row = {str(k): cell_text(v, f"$.{k}") for k, v in item.items()}
                incident, notices = self._convert(row, {})
            except ValidationError as exc:
                located = ValidationError(p.under(where) for p in exc.errors)
                if self._on_error == "raise":
                    raise located from None
                self.errors.append(located)
                continue
            for notice in notices:
                moved = ImportedValueWarning(notice.problem.under(where), notice.kind)
                self.warnings.append(moved)
                warnings.warn(moved, stacklevel=2)
            return incident
        raise StopIteration


def _load_json(raw: Any, max_bytes: int) -> Any:
    """A whole API response, read as :func:`incidentkit.loads` reads text: at most
    ``max_bytes`` (the caller read one byte more, so a larger response is refused
    without reading it all), as I-JSON, nesting and value count bounded."""
    from ..codec import _decode

    if not isinstance(raw, (str, bytes, bytearray)):
        raise TypeError(f"expected a file read as bytes or text, got {type(raw).__name__}")
    return _decode(raw, max_bytes)
