"""Where facts come from: sources, and the claims actors make in them (asserted by
one, denied by another)."""

from __future__ import annotations

from collections.abc import Iterator

from ._fields import (
    HTTP_URL_PATTERN,
    LANGUAGE_PATTERN,
    DocEnum,
    Model,
    field,
    id_field,
    record,
    rule,
)
from .errors import Problem
from .time import Time

__all__ = ["Claim", "ClaimSubject", "Source", "SourceKind", "SourceScale", "Stance"]


class SourceScale(DocEnum):
    """The reach of a source (as in ACLED's source_scale)."""

    LOCAL = "local", "Local media, residents, local officials."
    SUBNATIONAL = "subnational", "Provincial or regional media within a country."
    NATIONAL = "national", "National media or government."
    REGIONAL = "regional", "Media covering a region of several countries."
    INTERNATIONAL = "international", "International media or organisations."
    OTHER = "other", "Social media, reports from partners, others."


class SourceKind(DocEnum):
    """What kind of source a report came from."""

    NEWS = "news", "A news article or broadcast."
    OFFICIAL = "official", "A statement or report by an authority."
    NGO_REPORT = "ngo_report", "A report by an NGO or international organisation."
    SOCIAL_MEDIA = "social_media", "A post on social media."
    FIELD_REPORT = "field_report", "A partner's or analyst's own field report."
    OTHER = "other", "None of the above."


class Stance(DocEnum):
    """What a claim does with the thing it concerns."""

    ASSERTS = "asserts", "States it as fact."
    DENIES = "denies", "States it is false."
    CONFIRMS = "confirms", "Confirms what someone else stated."
    DISPUTES = "disputes", "Casts doubt on it without denying it outright."


class ClaimSubject(DocEnum):
    """Which part of a record a claim concerns."""

    RECORD = "record", "The incident or defection as a whole."
    TIME = "time", "When it happened."
    LOCATION = "location", "Where it happened."
    ACTORS = "actors", "Who took part, or in which role."
    OUTCOME = "outcome", "What it led to (territory or facilities taken, a withdrawal)."
    CASUALTIES = "casualties", "Casualty figures."
    COUNT = "count", "Another count."
    MEMBERSHIP = "membership", "Who held which post."
    MOTIVE = "motive", "Why it happened."
    OTHER = "other", "Anything else."


@record
class Source(Model):
    """A document a record draws on: an article, a statement, a report."""

    id: str = id_field(description="Identifier, unique within the record.")
    publisher: str = field(
        min_length=1,
        max_length=200,
        description="Who published it.",
        examples=("Tolo News",),
    )
    kind: SourceKind = field(default=SourceKind.NEWS, description="What kind of source.")
    scale: SourceScale | None = field(default=None, description="The source's reach.")
    title: str | None = field(
        default=None, min_length=1, max_length=500, description="Headline or title."
    )
    url: str | None = field(
        default=None,
        pattern=HTTP_URL_PATTERN,
        max_length=2048,
        format="uri",
        description=(
            "Where it can be read: an absolute http or https URL (RFC 3986; "
            "percent-encode characters outside ASCII)."
        ),
    )
    language: str | None = field(
        default=None,
        pattern=LANGUAGE_PATTERN,
        max_length=35,
        description="BCP 47 language tag of the text.",
        examples=("en", "fa-AF"),
    )
    published: Time | None = field(default=None, description="When it was published.")


@record
class Claim(Model):
    """Something an actor or a source says about part of the record, and whether
    it asserts, denies, confirms or disputes it."""

    stance: Stance = field(description="What the claim does.")
    about: ClaimSubject = field(description="Which part of the record it concerns.")
    claimant: str | None = id_field(
        refers_to="actors",
        default=None,
        description="Id of the actor making the claim (in the record's actors).",
    )
    source: str | None = id_field(
        refers_to="sources",
        default=None,
        description="Id of the source reporting it (in the record's sources).",
    )
    target: str | None = field(
        default=None,
        pattern=r"^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*$",
        max_length=200,
        description="JSON path of the exact part concerned, e.g. $.outcomes[0].",
        examples=("$.outcomes[0]",),
    )
    made: Time | None = field(default=None, description="When the claim was made.")
    text: str | None = field(
        default=None,
        min_length=1,
        max_length=2000,
        description="A paraphrase, or a short quote if quoted is true.",
    )
    quoted: bool = field(default=False, description="text is a verbatim quote.")

    @rule("a claim names its claimant, its source, or both")
    def _attributed(self) -> Iterator[Problem]:
        if self.claimant is None and self.source is None:
            yield Problem("$", "name a claimant, a source, or both")
