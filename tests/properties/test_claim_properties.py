"""No export adds up alternative figures: over generated records with competing
claims, ACLED's fatalities is one of the figures (the lowest) and GED's low and
high span them around the record's figure."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidentkit import Casualties, Claim, ClaimSubject, ClaimValue, Incident, Source, Stance
from incidentkit import strategies as iks
from incidentkit.interop.acled import to_acled
from incidentkit.interop.ucdp import to_ucdp
from incidentkit.reconcile import alternatives

KILLED = "$.casualties[0].killed"


@st.composite
def competing(draw: st.DrawFn) -> Incident:
    own = draw(iks.counts())
    figures = draw(st.lists(iks.counts(), min_size=1, max_size=4))
    claims = tuple(
        Claim(
            stance=Stance.ASSERTS,
            about=ClaimSubject.CASUALTIES,
            source="s",
            target=KILLED,
            value=ClaimValue(count=figure),
        )
        for figure in figures
    )
    return draw(
        iks.incidents(
            casualties=(Casualties(civilians=True, killed=own),),
            tallies=(),
            sources=(Source(id="s", publisher="A wire"),),
            claims=claims,
        )
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(record=competing())
def test_exports_never_add_up_alternatives(record: Incident) -> None:
    found = alternatives(record, KILLED)
    figures = [a.count.figure for a in found if a.count.figure is not None]
    fatalities = int(to_acled(record, lossy=[])["fatalities"])
    assert fatalities == min(figures)
    row = to_ucdp(record, lossy=[])
    low, best, high = int(row["low"]), int(row["best"]), int(row["high"])
    assert low <= best <= high
    assert best == record.casualties[0].killed.figure  # type: ignore[union-attr]
    assert low == min(a.low for a in found if a.low is not None)
    assert high == max(a.high for a in found if a.high is not None)
