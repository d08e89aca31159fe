"""What Incident and Defection share: their actors, memberships, sources, claims,
notes, tags and extensions, and the rules that tie references to them."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import attrs

from ._caches import cached
from ._fields import DocEnum, Items, Model, OneOf, SharedFields, field, id_field, record, rule
from ._typetree import (
    RecordNode,
    base_node,
    record_info,
    reference_ids,
    references,
    references_resolve,
)
from .actors import Actor, Membership, Organization
from .errors import Problem, join_path
from .evidence import Claim, ClaimSubject, ClaimValue, Source
from .location import Location
from .quantity import Count
from .time import Time

__all__ = ["CLAIM_SUBJECTS", "Record", "RecordStatus", "claim_subjects", "part_at", "value_kind"]

_S = ClaimSubject
#: What a claim may be about, by the record field its target starts with (a
#: claim may always be about OTHER; a target inside a count, a time or a place may
#: also be about COUNT, TIME or LOCATION).
CLAIM_SUBJECTS: dict[str, tuple[ClaimSubject, ...]] = {
    "type": (_S.RECORD,),
    "status": (_S.RECORD,),
    "when": (_S.TIME,),
    "until": (_S.TIME,),
    "where": (_S.LOCATION,),
    "actors": (_S.ACTORS,),
    "participants": (_S.ACTORS,),
    "defector": (_S.ACTORS,),
    "from_organization": (_S.ACTORS,),
    "to_organization": (_S.ACTORS,),
    "memberships": (_S.MEMBERSHIP,),
    "membership": (_S.MEMBERSHIP,),
    "outcomes": (_S.OUTCOME,),
    "equipment": (_S.OUTCOME,),
    "casualties": (_S.CASUALTIES,),
    "tallies": (_S.COUNT,),
    "followers": (_S.COUNT,),
}
#: What the whole record (target ``$``) may be claimed about.
_WHOLE = (_S.RECORD, _S.MOTIVE)
_BY_TYPE: dict[type, ClaimSubject] = {Count: _S.COUNT, Time: _S.TIME, Location: _S.LOCATION}


class RecordStatus(DocEnum):
    """How far a record is established, given its sources and claims."""

    REPORTED = "reported", "Reported by a source; not yet corroborated or contested."
    DISPUTED = "disputed", "Claims about it conflict."
    CONFIRMED = "confirmed", "Corroborated by independent sources."
    DENIED = "denied", "Denied by a party; no corroboration."
    RETRACTED = "retracted", "Withdrawn by the source that reported it."


@record(abstract=True)
class Record(Model, metaclass=SharedFields):
    """Base of the top-level records. Records are self-contained: every actor and
    source they reference by id is in their own ``actors`` and ``sources``."""

    id: str = id_field(description="Stable identifier of the record.")
    status: OneOf[RecordStatus] = field(
        trailing=True,
        default=RecordStatus.REPORTED,
        description="How far the record is established.",
    )
    actors: Items[Actor] = field(
        trailing=True,
        factory=tuple,
        description="Every actor the record refers to, with a unique id.",
    )
    memberships: Items[Membership] = field(
        trailing=True, factory=tuple, description="Posts and memberships the report states."
    )
    sources: Items[Source] = field(
        trailing=True, factory=tuple, description="Sources the record draws on, with unique ids."
    )
    claims: Items[Claim] = field(
        trailing=True, factory=tuple, description="What actors and sources say, for and against."
    )
    notes: str | None = field(
        trailing=True,
        default=None,
        max_length=20_000,
        description="Free-text notes by the analyst.",
    )
    tags: Items[str] = field(
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

    @rule(
        "actor ids are unique within a record, and so are source ids",
        holds="(len(self.actors) < 2 or len({a.id for a in self.actors}) == len(self.actors))"
        " and (len(self.sources) < 2 or len({s.id for s in self.sources}) == len(self.sources))",
    )
    def _unique_ids(self) -> Iterator[Problem]:
        for name, items in (("actors", self.actors), ("sources", self.sources)):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    yield Problem(f"$.{name}[{i}].id", f"duplicate id {item.id!r}")
                seen.add(item.id)

    @rule(
        "every actor id referenced resolves to one of the record's actors, of a kind "
        "the field allows (part_of and parent: an organisation or group)",
        holds="_references_known(self)",
    )
    def _actors_resolve(self) -> Iterator[Problem]:
        known = {actor.id: actor.type for actor in self.actors}
        ids = reference_ids(self, [])
        if all(
            ref in known and (not to.kinds or known[ref] in to.kinds)
            for to, ref in ids
            if to.collection == "actors"
        ):
            return
        for path, to, ref in references(self):
            if to.collection != "actors":
                continue
            if ref not in known:
                yield Problem(path, f"no actor with id {ref!r} in actors")
            elif to.kinds and known[ref] not in to.kinds:
                yield Problem(path, f"{ref!r} is a {known[ref]}; expected a {to}")

    @rule(
        "every claim's source resolves to one of the record's sources",
        holds="_references_known(self)",
    )
    def _sources_resolve(self) -> Iterator[Problem]:
        known = {source.id for source in self.sources}
        ids = reference_ids(self, [])
        if all(ref in known for to, ref in ids if to.collection == "sources"):
            return
        for path, to, ref in references(self):
            if to.collection == "sources" and ref not in known:
                yield Problem(path, f"no source with id {ref!r}")

    @rule("organisation parents form no cycle", holds="not self.actors or _parents_acyclic(self)")
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

    @rule(
        "a claim's target path points at a part of the record that exists",
        holds="not self.claims or _claims_agree(self)",
    )
    def _claim_targets(self) -> Iterator[Problem]:
        for i, claim in enumerate(self.claims):
            if claim.target is not None and not _resolves(self, claim.target):
                yield Problem(
                    join_path(f"$.claims[{i}]", "target"),
                    f"{claim.target} is not a part of this record",
                )

    @rule(
        "a claim's about agrees with the part its target points at",
        holds="not self.claims or _claims_agree(self)",
    )
    def _claim_about(self) -> Iterator[Problem]:
        for i, claim in enumerate(self.claims):
            if claim.target is None or not _resolves(self, claim.target):
                continue
            allowed = claim_subjects(self, claim.target)
            if claim.about not in allowed:
                names = ", ".join(s.value for s in allowed)
                yield Problem(
                    f"$.claims[{i}].about",
                    f"{claim.target} is not about {claim.about.value}; expected one of {names}",
                )

    @rule(
        "a claim's value has the type of the part its target points at",
        holds="not self.claims or _claims_agree(self)",
    )
    def _claim_values(self) -> Iterator[Problem]:
        for i, claim in enumerate(self.claims):
            if claim.value is None or claim.target is None or not _resolves(self, claim.target):
                continue
            part = part_at(self, claim.target)
            kind = value_kind(type(part))
            if kind is None:
                yield Problem(
                    f"$.claims[{i}].value",
                    f"{claim.target} is a {type(part).__name__}, which takes no claim value",
                )
            elif kind != claim.value.kind:
                yield Problem(
                    f"$.claims[{i}].value",
                    f"{claim.target} is a {type(part).__name__}: give value.{kind}, "
                    f"not value.{claim.value.kind}",
                )


def claim_subjects(record: Record, target: str) -> tuple[ClaimSubject, ...]:
    """What a claim whose target is ``target`` (a part of ``record``) may be about."""
    return _subjects(target, part_at(record, target))


def _subjects(target: str, part: Any) -> tuple[ClaimSubject, ...]:
    return _subjects_by_class(None if target == "$" else _steps(target)[0], type(part))


@cached
def _subjects_by_class(first: str | int | None, cls: type) -> tuple[ClaimSubject, ...]:
    """What a claim may be about whose target's first step is ``first`` (None for
    the whole record, ``$``) and whose part there is of class ``cls``. (The steps
    of a target that resolves are field names and indexes: few keys.)"""
    if first is None:
        return (*_WHOLE, _S.OTHER)
    allowed = list(CLAIM_SUBJECTS.get(first, ())) if isinstance(first, str) else []
    by_type = _BY_TYPE.get(cls)
    if by_type is not None and by_type not in allowed:
        allowed.append(by_type)
    return (*allowed, _S.OTHER)


@cached
def value_kind(cls: type) -> str | None:
    """The field of :class:`ClaimValue` that holds a value of class ``cls``, found
    through the type tree."""
    for info in record_info(ClaimValue).fields:
        node = base_node(info.node)
        if isinstance(node, RecordNode) and node.cls is cls:
            return info.name
    return None


@functools.lru_cache(maxsize=4096)
def _steps(path: str) -> tuple[str | int, ...]:
    """The steps of a ``$.a[0].b`` path: field names and indexes (parsed once)."""
    steps: list[str | int] = []
    rest = path[1:]
    while rest:
        if rest.startswith("["):
            index, _, rest = rest[1:].partition("]")
            steps.append(int(index))
        else:
            name = rest[1:].split("[", 1)[0].split(".", 1)[0]
            rest = rest[1 + len(name) :]
            steps.append(name)
    return tuple(steps)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(cls)) if attrs.has(cls) else frozenset()


_NOWHERE: Any = object()


def _part_or_nowhere(obj: Any, path: str) -> Any:
    """The part of ``obj`` that a ``$.a[0].b`` path names, or ``_NOWHERE``."""
    for step in _steps(path):
        if type(step) is int:
            if not isinstance(obj, tuple) or step >= len(obj):
                return _NOWHERE
            obj = obj[step]
        else:
            if step not in _field_names(type(obj)):  # type: ignore[arg-type]
                return _NOWHERE
            obj = getattr(obj, step)
            if obj is None:
                return _NOWHERE
    return obj


def part_at(obj: Any, path: str) -> Any:
    """The part of ``obj`` that a ``$.a[0].b`` path names (it must resolve, see
    :func:`_resolves`)."""
    for step in _steps(path):
        obj = obj[step] if type(step) is int else getattr(obj, step)  # type: ignore[arg-type]
    return obj


def _resolves(obj: Any, path: str) -> bool:
    """Whether a ``$.a[0].b`` path names a part of ``obj``."""
    return _part_or_nowhere(obj, path) is not _NOWHERE


def _references_known(record: Any) -> bool:
    """Whether every id reference in ``record`` names one of its actors (of a kind
    the reference allows) or sources: the fused test of both reference rules (one
    compiled pass, no paths built)."""
    if not (record.actors or record.sources):
        return references_resolve(record, _NOTHING_KNOWN)
    known = {
        "actors": {actor.id: actor.type for actor in record.actors},
        "sources": {source.id: "source" for source in record.sources},
    }
    return references_resolve(record, known)


#: What a record without actors or sources lets its references name.
_NOTHING_KNOWN: dict[str, dict[str, str]] = {"actors": {}, "sources": {}}


def _parents_acyclic(record: Any) -> bool:
    """Whether no organisation is its own ancestor: the fused test of the cycle rule."""
    if not record.actors:
        return True
    parents = {a.id: a.parent for a in record.actors if isinstance(a, Organization)}
    for start in parents:
        seen = {start}
        current = parents[start]
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current == start:
            return False
    return True


def _claims_agree(record: Any) -> bool:
    """Whether every claim's target resolves, its ``about`` fits the part there, and
    its value has that part's type: the fused test of the three claim rules (each
    target resolved once)."""
    for claim in record.claims:
        target = claim.target
        if target is None:
            continue
        part = _part_or_nowhere(record, target)
        if part is _NOWHERE or claim.about not in _subjects(target, part):
            return False
        value = claim.value
        if value is not None and value_kind(type(part)) != value.kind:
            return False
    return True
