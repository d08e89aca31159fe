"""Counts as reports give them ("about 40", "at least 8") and casualty figures."""

from __future__ import annotations

from collections.abc import Iterator

from ._fields import MAX_SAFE_INT, DocEnum, Model, OneOf, field, id_field, record, rule
from .errors import Problem

__all__ = ["CASUALTY_FIGURES", "Casualties", "Count", "CountQualifier", "Tally"]


class CountQualifier(DocEnum):
    """How a report hedges a number."""

    EXACT = "exact", "The number as stated, without hedging."
    ABOUT = "about", "'about', 'around', 'some': best is a rough figure."
    AT_LEAST = "at_least", "'at least': best is a floor."
    AT_MOST = "at_most", "'at most', 'up to': best is a ceiling."
    MORE_THAN = "more_than", "'more than', 'over': the true number exceeds best."
    FEWER_THAN = "fewer_than", "'fewer than', 'under': the true number is below best."


@record
class Count(Model):
    """A number of people or things as reported: a best estimate, an optional
    range, and the qualifier the report used.

    A vague figure ("dozens", "several") has a range and no ``best``: the record
    holds what the report said and invents no number (see
    :func:`incidentkit.resolve_count`)."""

    best: int | None = field(
        default=None,
        ge=0,
        le=MAX_SAFE_INT,
        description=(
            "The reported or best-estimate figure; absent for a vague figure that "
            "states only a range ('dozens')."
        ),
    )
    qualifier: OneOf[CountQualifier] = field(
        default=CountQualifier.EXACT, description="How the report hedged the figure."
    )
    low: int | None = field(
        default=None, ge=0, le=MAX_SAFE_INT, description="Lowest figure reported."
    )
    high: int | None = field(
        default=None, ge=0, le=MAX_SAFE_INT, description="Highest figure reported."
    )

    def __str__(self) -> str:
        words = {
            CountQualifier.EXACT: "",
            CountQualifier.ABOUT: "about ",
            CountQualifier.AT_LEAST: "at least ",
            CountQualifier.AT_MOST: "at most ",
            CountQualifier.MORE_THAN: "more than ",
            CountQualifier.FEWER_THAN: "fewer than ",
        }
        if self.best is None:
            low = "" if self.low is None else self.low
            high = "" if self.high is None else self.high
            return f"{words[self.qualifier]}{low}-{high}"
        text = f"{words[self.qualifier]}{self.best}"
        if self.low is not None or self.high is not None:
            low = "" if self.low is None else self.low
            high = "" if self.high is None else self.high
            text += f" ({low}-{high})"
        return text

    @property
    def figure(self) -> int | None:
        """The one figure to write where a format holds a single number: ``best``,
        or for a range without one its lowest figure (as ACLED codes vague tolls);
        None when neither is given."""
        return self.best if self.best is not None else self.low

    @rule(
        "a count gives best, low or high",
        holds="self.best is not None or self.low is not None or self.high is not None",
    )
    def _some_figure(self) -> Iterator[Problem]:
        if self.best is None and self.low is None and self.high is None:
            yield Problem("$", "give best, low or high")

    @rule(
        "low <= best <= high, where they are given",
        holds="self.best is not None and (self.low is None or self.low <= self.best)"
        " and (self.high is None or self.high >= self.best)",
    )
    def _ordered(self) -> Iterator[Problem]:
        if self.best is None:
            if self.low is not None and self.high is not None and self.low > self.high:
                yield Problem("$.low", f"low ({self.low}) is above high ({self.high})")
            return
        if self.low is not None and self.low > self.best:
            yield Problem("$.low", f"low ({self.low}) is above best ({self.best})")
        if self.high is not None and self.high < self.best:
            yield Problem("$.high", f"high ({self.high}) is below best ({self.best})")

    @rule(
        "an exact count states best and has no range: low and high, if given, equal best",
        holds="self.qualifier is not CountQualifier.EXACT or (self.best is not None"
        " and (self.low is None or self.low == self.best)"
        " and (self.high is None or self.high == self.best))",
    )
    def _exact(self) -> Iterator[Problem]:
        if self.qualifier is CountQualifier.EXACT:
            if self.best is None:
                yield Problem("$.best", "an exact count states best")
                return
            for name, value in (("low", self.low), ("high", self.high)):
                if value is not None and value != self.best:
                    yield Problem(f"$.{name}", "an exact count has no range")


#: The figures a :class:`Casualties` entry may give; it must give one of them (the
#: rule below; the strategies read it too).
CASUALTY_FIGURES = ("killed", "injured", "captured", "missing", "killed_or_injured")


@record
class Casualties(Model):
    """Casualty figures for one side: an actor of the record, or civilians; or,
    when the report does not say whose they are, for neither."""

    actor: str | None = id_field(
        default=None,
        refers_to="actors",
        description="Id of the actor (in the record's actors) whose casualties these are.",
    )
    civilians: bool = field(
        default=False, description="The figures are for civilians rather than an actor."
    )
    killed: Count | None = field(default=None, description="People killed.")
    injured: Count | None = field(default=None, description="People injured.")
    captured: Count | None = field(
        default=None, description="People captured, detained or abducted."
    )
    missing: Count | None = field(default=None, description="People missing.")
    killed_or_injured: Count | None = field(
        default=None,
        description=(
            "People killed or injured, when the report gives one figure for both "
            "('25 killed and wounded'); not to be added to killed or injured."
        ),
    )

    @rule(
        "casualties name at most one side, an actor or civilians "
        "(neither: the report does not say whose)",
        holds="self.actor is None or not self.civilians",
    )
    def _side(self) -> Iterator[Problem]:
        if self.actor is not None and self.civilians:
            yield Problem("$", "give an actor or civilians: true, not both")

    @rule(
        f"casualties give at least one of {', '.join(CASUALTY_FIGURES)}",
        holds="not (self.killed is None and self.injured is None"
        " and self.captured is None and self.missing is None)",
    )
    def _some_figure(self) -> Iterator[Problem]:
        if all(getattr(self, name) is None for name in CASUALTY_FIGURES):
            yield Problem("$", f"give at least one of {', '.join(CASUALTY_FIGURES)}")


@record
class Tally(Model):
    """Any other count a report gives ("about 40 forces escaped")."""

    subject: str = field(
        min_length=1,
        max_length=200,
        description="What was counted, in a few words.",
        examples=("security forces who escaped",),
    )
    count: Count = field(description="The figure.")
    actor: str | None = id_field(
        refers_to="actors", default=None, description="Id of the actor the count is about, if any."
    )
