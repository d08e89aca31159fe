"""Competing figures: the analyst's figure and each claimant's, and the two usual
conventions for turning them into what a single-figure format holds.

A record's own field holds the analyst's figure (``$.casualties[0].killed``); each
claim whose target is that figure (or the casualties entry around it) and that
states a value holds one claimant's figure. They are *alternatives*: accounts of
the same deaths, never to be added up. :func:`alternatives` lists them;
:func:`reconcile` derives one count from them by the caller's choice of convention:

- ``"ucdp"`` (UCDP GED's best/low/high): ``best`` is the analyst's figure, and
  ``low`` and ``high`` span every figure reported (the lowest low, the highest high);
- ``"acled"`` (ACLED's fatalities): the lowest figure reported, as it was stated.

Figures of *different* sides (police killed, civilians killed) are not
alternatives; adding those up is the exports' business, not this module's.
"""

from __future__ import annotations

from typing import Literal

import attrs

from ._record import Record, _part_or_nowhere
from .evidence import Claim
from .quantity import Count, CountQualifier

__all__ = ["Alternative", "Convention", "alternatives", "reconcile"]

#: How :func:`reconcile` derives one count from competing figures.
Convention = Literal["ucdp", "acled"]


@attrs.frozen
class Alternative:
    """One account of a figure: the count, where it is in the record, and the claim
    that states it (None for the record's own figure)."""

    count: Count
    path: str
    claim: Claim | None = None

    @property
    def low(self) -> int | None:
        """The lowest number this account allows as stated (low, else best)."""
        return self.count.low if self.count.low is not None else self.count.best

    @property
    def high(self) -> int | None:
        """The highest number this account states (high, else best, else low)."""
        for value in (self.count.high, self.count.best, self.count.low):
            if value is not None:
                return value
        return None  # pragma: no cover - a Count gives one of them


def alternatives(record: Record, target: str) -> tuple[Alternative, ...]:
    """The record's own count at ``target`` (first, if it is there), then each
    claim's figure for it: a claim whose target is ``target`` and whose value is a
    count, or whose target is a part containing ``target`` (the casualties entry
    ``$.casualties[0]`` for ``$.casualties[0].killed``) and whose value gives it.

    >>> from incidentkit import examples
    >>> [str(a.count) for a in alternatives(examples.INCIDENT, "$.casualties[0].killed")]
    ['8', '8']
    """
    found: list[Alternative] = []
    own = _part_or_nowhere(record, target)
    if isinstance(own, Count):
        found.append(Alternative(own, target))
    for i, claim in enumerate(record.claims):
        if claim.value is None or claim.target is None:
            continue
        value = claim.value.value
        path = f"$.claims[{i}].value.{claim.value.kind}"
        if claim.target == target:
            part = value
        elif target.startswith(claim.target) and target[len(claim.target)] in ".[":
            rest = "$" + target[len(claim.target) :]
            part, path = _part_or_nowhere(value, rest), path + rest[1:]
        else:
            continue
        if isinstance(part, Count):
            found.append(Alternative(part, path, claim))
    return tuple(found)


def reconcile(record: Record, target: str, convention: Convention = "ucdp") -> Count | None:
    """One count for the figure at ``target`` from its alternatives, by
    ``convention`` (see the module's documentation); None when there is none.

    ``"ucdp"`` keeps the record's figure as ``best`` (none if the record holds no
    figure there or a vague one) with ``low``/``high`` spanning every account;
    ``"acled"`` returns the account with the lowest figure, unchanged.
    """
    found = alternatives(record, target)
    if not found:
        return None
    if convention == "acled":
        return min(found, key=lambda a: _key(a.count)).count
    if convention != "ucdp":
        raise ValueError(f"unknown convention {convention!r}: 'ucdp' or 'acled'")
    lows = [a.low for a in found if a.low is not None]
    highs = [a.high for a in found if a.high is not None]
    own = found[0].count if found[0].claim is None else None
    best = own.best if own is not None else None
    low, high = min(lows), max(highs)
    if best is not None and low == best == high:
        return Count(best=best)
    return Count(best=best, qualifier=CountQualifier.ABOUT, low=low, high=high)


def _key(count: Count) -> int:
    figure = count.figure
    return figure if figure is not None else count.high or 0
