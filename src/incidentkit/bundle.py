"""Several records from one report: a bundle of incidents and defections with the
actors and sources they share, and facts that span records (one toll for two
attacks).

Each record in a bundle stays self-contained, as every record is: the actors and
sources it refers to are in its own lists, so :meth:`Bundle.record` hands back a
record that validates, is stored and is sent alone. The bundle's own ``actors`` and
``sources`` are the ones its cross-record facts refer to; an actor or source listed
there and in a record under the same id must be the same one, so a shared actor
means one thing throughout the report.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._fields import ID_MAX_LENGTH, ID_PATTERN, Items, Model, field, id_field, record, rule
from ._record import Record
from ._typetree import references
from .actors import Actor
from .defection import Defection
from .errors import Problem
from .evidence import Source
from .incident import Incident
from .quantity import Casualties, Tally

__all__ = ["Bundle", "CrossRecordFact"]


@record
class CrossRecordFact(Model):
    """A fact a report states for several records together: one casualty toll for
    two attacks. Its figures are for the records together; they are not to be
    split among them, nor added to the records' own figures."""

    records: Items[str] = field(
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        min_items=2,
        unique=True,
        description="Ids of the records (in the bundle) the fact spans.",
    )
    casualties: Items[Casualties] = field(
        factory=tuple, description="Casualty figures for the records together."
    )
    tallies: Items[Tally] = field(
        factory=tuple, description="Other counts for the records together."
    )
    sources: Items[str] = field(
        factory=tuple,
        pattern=ID_PATTERN,
        max_length=ID_MAX_LENGTH,
        unique=True,
        refers_to="sources",
        description="Ids of the sources (in the bundle's sources) that state the fact.",
    )
    note: str | None = field(
        default=None, min_length=1, max_length=2000, description="The fact in words."
    )

    @rule("a cross-record fact gives casualties, a tally or a note")
    def _something(self) -> Iterator[Problem]:
        if not self.casualties and not self.tallies and self.note is None:
            yield Problem("$", "give casualties, tallies or a note")


@record(schema="bundle", document=True, rank=-1)
class Bundle(Model):
    """Several records from one report, the actors and sources they share, and the
    facts that span them (in the spirit of a STIX bundle)."""

    id: str = id_field(description="Identifier of the bundle.")
    incidents: Items[Incident] = field(factory=tuple, description="The incidents.")
    defections: Items[Defection] = field(factory=tuple, description="The defections.")
    actors: Items[Actor] = field(
        factory=tuple,
        description="Actors the report's records share, and those its facts refer to.",
    )
    sources: Items[Source] = field(
        factory=tuple,
        description="Sources the report's records share, and those its facts cite.",
    )
    facts: Items[CrossRecordFact] = field(
        factory=tuple, description="Facts that span several records (a combined toll)."
    )
    notes: str | None = field(
        default=None, max_length=20_000, description="Free-text notes by the analyst."
    )

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record of the bundle: incidents, then defections."""
        return (*self.incidents, *self.defections)

    def record(self, record_id: str) -> Record:
        """The record with this id, self-contained (it validates alone)."""
        for item in self.records:
            if item.id == record_id:
                return item
        raise KeyError(record_id)

    @rule("record ids are unique within a bundle, and so are its actor and source ids")
    def _unique(self) -> Iterator[Problem]:
        seen: set[str] = set()
        for name in ("incidents", "defections"):
            for i, item in enumerate(getattr(self, name)):
                if item.id in seen:
                    yield Problem(f"$.{name}[{i}].id", f"duplicate record id {item.id!r}")
                seen.add(item.id)
        for name in ("actors", "sources"):
            ids: set[str] = set()
            for i, item in enumerate(getattr(self, name)):
                if item.id in ids:
                    yield Problem(f"$.{name}[{i}].id", f"duplicate id {item.id!r}")
                ids.add(item.id)

    @rule("a shared actor or source is the same in the bundle and in each record listing it")
    def _shared_agree(self) -> Iterator[Problem]:
        for name in ("actors", "sources"):
            shared = {item.id: item for item in getattr(self, name)}
            for kind in ("incidents", "defections"):
                for i, item in enumerate(getattr(self, kind)):
                    for j, own in enumerate(getattr(item, name)):
                        if own.id in shared and own != shared[own.id]:
                            yield Problem(
                                f"$.{kind}[{i}].{name}[{j}]",
                                f"differs from the bundle's {name[:-1]} {own.id!r}",
                            )

    @rule("a fact spans records of the bundle, and its actor and source ids resolve")
    def _facts_resolve(self) -> Iterator[Problem]:
        record_ids = {item.id for item in self.records}
        known = {"actors": {a.id for a in self.actors}, "sources": {s.id for s in self.sources}}
        for i, fact in enumerate(self.facts):
            for j, record_id in enumerate(fact.records):
                if record_id not in record_ids:
                    yield Problem(f"$.facts[{i}].records[{j}]", f"no record {record_id!r}")
            for path, to, ref in references(fact, f"$.facts[{i}]"):
                if ref not in known.get(to.collection, set()):
                    yield Problem(path, f"no {to.collection[:-1]} with id {ref!r} in the bundle")
