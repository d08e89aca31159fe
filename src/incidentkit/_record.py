"""What Incident and Defection share: their actors, memberships, sources, claims,
notes, tags and extensions, and the rules that tie references to them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ._fields import DocEnum, Model, field, id_field, record, rule
from ._typetree import reference_ids, references
from .actors import Actor, Membership, Organization
from .errors import Problem, join_path
from .evidence import Claim, Source

__all__ = ["Record", "RecordStatus"]


class RecordStatus(DocEnum):
    """How far a record is established, given its sources and claims."""

    REPORTED = "reported", "Reported by a source; not yet corroborated or contested."
    DISPUTED = "disputed", "Claims about it conflict."
    CONFIRMED = "confirmed", "Corroborated by independent sources."
    DENIED = "denied", "Denied by a party; no corroboration."
    RETRACTED = "retracted", "Withdrawn by the source that reported it."


@record(abstract=True)
class Record(Model):
    """Base of the top-level records. Records are self-contained: every actor and
    source they reference by id is in their own ``actors`` and ``sources``."""

    id: str = id_field(description="Stable identifier of the record.")
    status: RecordStatus = field(
        trailing=True,
        default=RecordStatus.REPORTED,
        description="How far the record is established.",
    )
    actors: tuple[Actor, ...] = field(
        trailing=True,
        factory=tuple,
        description="Every actor the record refers to, with a unique id.",
    )
    memberships: tuple[Membership, ...] = field(
        trailing=True, factory=tuple, description="Posts and memberships the report states."
    )
    sources: tuple[Source, ...] = field(
        trailing=True, factory=tuple, description="Sources the record draws on, with unique ids."
    )
    claims: tuple[Claim, ...] = field(
        trailing=True, factory=tuple, description="What actors and sources say, for and against."
    )
    notes: str | None = field(
        trailing=True,
        default=None,
        max_length=20_000,
        description="Free-text notes by the analyst.",
    )
    tags: tuple[str, ...] = field(
        trailing=True,
        factory=tuple,
        min_length=1,
        max_length=64,
        unique=True,
        description="Free labels for grouping and search.",
    )
    extensions: dict[str, Any] = field(
        trailing=True,
        factory=dict,
        pattern=r"^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$",
        max_length=100,
        description=(
            "Partner data, keyed by partner namespace (e.g. 'acled'); carried "
            "through untouched. Values are any JSON."
        ),
    )

    @rule("actor ids are unique within a record, and so are source ids")
    def _unique_ids(self) -> Iterator[Problem]:
        for name, items in (("actors", self.actors), ("sources", self.sources)):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    yield Problem(f"$.{name}[{i}].id", f"duplicate id {item.id!r}")
                seen.add(item.id)

    @rule("every actor id referenced resolves to one of the record's actors")
    def _actors_resolve(self) -> Iterator[Problem]:
        known = {actor.id for actor in self.actors}
        ids = reference_ids(self, [])
        if all(ref in known for to, ref in ids if to.collection == "actors"):
            return
        for path, to, ref in references(self):
            if to.collection == "actors" and ref not in known:
                yield Problem(path, f"no actor with id {ref!r} in actors")

    @rule("every claim's source resolves to one of the record's sources")
    def _sources_resolve(self) -> Iterator[Problem]:
        known = {source.id for source in self.sources}
        ids = reference_ids(self, [])
        if all(ref in known for to, ref in ids if to.collection == "sources"):
            return
        for path, to, ref in references(self):
            if to.collection == "sources" and ref not in known:
                yield Problem(path, f"no source with id {ref!r}")

    @rule("organisation parents form no cycle")
    def _no_parent_cycle(self) -> Iterator[Problem]:
        parents = {a.id: a.parent for a in self.actors if isinstance(a, Organization)}
        for i, actor in enumerate(self.actors):
            if not isinstance(actor, Organization):
                continue
            seen = {actor.id}
            current = parents.get(actor.id)
            while current is not None and current not in seen:
                seen.add(current)
                current = parents.get(current)
            if current == actor.id:
                yield Problem(f"$.actors[{i}].parent", "organisation parents form a cycle")

    @rule("a claim's target path points at a part of the record that exists")
    def _claim_targets(self) -> Iterator[Problem]:
        for i, claim in enumerate(self.claims):
            if claim.target is not None and not _resolves(self, claim.target):
                yield Problem(
                    join_path(f"$.claims[{i}]", "target"),
                    f"{claim.target} is not a part of this record",
                )


def _resolves(obj: Any, path: str) -> bool:
    """Whether a ``$.a[0].b`` path names a part of ``obj``."""
    rest = path[1:]
    while rest:
        if rest.startswith("["):
            index, _, rest = rest[1:].partition("]")
            if not isinstance(obj, tuple) or int(index) >= len(obj):
                return False
            obj = obj[int(index)]
        else:
            name = rest[1:].split("[", 1)[0].split(".", 1)[0]
            rest = rest[1 + len(name) :]
            if not attrs.has(type(obj)) or name not in attrs.fields_dict(type(obj)):
                return False
            obj = getattr(obj, name)
            if obj is None:
                return False
    return True
