"""Where facts come from: sources, and the claims actors make in them (asserted by
one, denied by another)."""

from __future__ import annotations

from collections.abc import Iterator

from ._fields import (
    HTTP_URL_PATTERN,
    LANGUAGE_PATTERN,
    DocEnum,
    Model,
    OneOf,
    field,
    id_field,
    record,
    rule,
)
from .errors import Problem
from .location import Location
from .quantity import Casualties, Count
from .time import Time

__all__ = [
    "Claim",
    "ClaimSubject",
    "ClaimValue",
    "Credibility",
    "Reliability",
    "STIX_CONFIDENCE",
    "Source",
    "SourceKind",
    "SourceScale",
    "Stance",
]


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
    NO_STATEMENT = (
        "no_statement",
        "Has not claimed or commented on it ('IS has not claimed responsibility').",
    )


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


class Reliability(DocEnum):
    """How reliable a source is, on the Admiralty (NATO) code's letter scale."""

    A = "A", "Completely reliable."
    B = "B", "Usually reliable."
    C = "C", "Fairly reliable."
    D = "D", "Not usually reliable."
    E = "E", "Unreliable."
    F = "F", "Reliability cannot be judged."


class Credibility(DocEnum):
    """How credible a claim is, on the Admiralty (NATO) code's number scale."""

    CONFIRMED = "1", "Confirmed by other sources."
    PROBABLY_TRUE = "2", "Probably true."
    POSSIBLY_TRUE = "3", "Possibly true."
    DOUBTFUL = "4", "Doubtful."
    IMPROBABLE = "5", "Improbable."
    CANNOT_BE_JUDGED = "6", "Truth cannot be judged."

    @property
    def stix_confidence(self) -> int | None:
        """STIX 2.1's 0-100 ``confidence`` for this grade, from
        :data:`STIX_CONFIDENCE`; None for 6, to which STIX gives no value (leave
        ``confidence`` out)."""
        return STIX_CONFIDENCE[self]


#: Credibility grade to STIX 2.1 ``confidence`` (0-100): the "Admiralty
#: Credibility" table of the STIX 2.1 specification's appendix on confidence
#: scales (Appendix A, "Confidence Scales", in STIX Version 2.1, OASIS Standard,
#: 10 June 2021; Appendix B of Part 1 in the committee drafts; the OASIS CTI TC's
#: own Python libraries, stix2 and stix2-elevator, hold the same). Grades 1-5 map to
#: 90, 70, 50, 30 and 10, the middles of the bands 80-100, 60-79, 40-59, 20-39 and
#: 0-19 that the same appendix maps back to grades; 6 ("truth cannot be judged")
#: has no value, so a STIX object for such a claim has no ``confidence``.
STIX_CONFIDENCE: dict[Credibility, int | None] = {
    Credibility.CONFIRMED: 90,
    Credibility.PROBABLY_TRUE: 70,
    Credibility.POSSIBLY_TRUE: 50,
    Credibility.DOUBTFUL: 30,
    Credibility.IMPROBABLE: 10,
    Credibility.CANNOT_BE_JUDGED: None,
}


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
    kind: OneOf[SourceKind] = field(default=SourceKind.NEWS, description="What kind of source.")
    scale: OneOf[SourceScale | None] = field(default=None, description="The source's reach.")
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
    author: str | None = field(
        default=None,
        min_length=1,
        max_length=500,
        description="Byline: the author or authors as credited.",
        examples=("Staff reporter",),
    )
    via: str | None = id_field(
        refers_to="sources",
        default=None,
        description=(
            "Id of the source this one carries or reposts (in the record's sources): "
            "the agency whose wire copy an outlet printed, the site a post copied."
        ),
    )
    reliability: OneOf[Reliability | None] = field(
        default=None, description="How reliable the source is (Admiralty code A-F)."
    )

    @rule("a source does not carry itself (via)", holds="self.via is None or self.via != self.id")
    def _not_via_itself(self) -> Iterator[Problem]:
        if self.via is not None and self.via == self.id:
            yield Problem("$.via", "a source cannot carry itself")


@record
class ClaimValue(Model):
    """The value a claim states for the part of the record it targets: exactly one
    of its fields, the one whose type is the type of that part (``count`` for a
    count such as ``$.casualties[0].killed``, ``time`` for ``$.when``, ``location``
    for ``$.where``, ``casualties`` for ``$.casualties[0]``).

    The record's own field holds the analyst's figure; each claim's value holds one
    claimant's. They are alternatives, never to be added up (see
    :mod:`incidentkit.reconcile`)."""

    count: Count | None = field(default=None, description="A figure, for a count target.")
    time: Time | None = field(default=None, description="A time, for a time target.")
    location: Location | None = field(default=None, description="A place, for a place target.")
    casualties: Casualties | None = field(
        default=None, description="Casualty figures, for a casualties entry target."
    )

    @property
    def value(self) -> Count | Time | Location | Casualties:
        """The one value given."""
        for name in ("count", "time", "location", "casualties"):
            got = getattr(self, name)
            if got is not None:
                return got  # type: ignore[no-any-return]
        raise AssertionError("a ClaimValue holds one value")  # pragma: no cover

    @property
    def kind(self) -> str:
        """The name of the field given (``"count"``, ``"time"``...)."""
        for name in ("count", "time", "location", "casualties"):
            if getattr(self, name) is not None:
                return name
        raise AssertionError("a ClaimValue holds one value")  # pragma: no cover

    @rule(
        "a claim value gives exactly one of count, time, location, casualties",
        holds="((self.count is not None) + (self.time is not None) + (self.location is not None)"
        " + (self.casualties is not None)) == 1",
    )
    def _one(self) -> Iterator[Problem]:
        values = (self.count, self.time, self.location, self.casualties)
        given = [v for v in values if v is not None]
        if len(given) != 1:
            yield Problem("$", "give exactly one of count, time, location, casualties")


@record
class Claim(Model):
    """Something an actor or a source says about part of the record, and whether
    it asserts, denies, confirms or disputes it."""

    stance: OneOf[Stance] = field(description="What the claim does.")
    about: OneOf[ClaimSubject] = field(description="Which part of the record it concerns.")
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
    language: str | None = field(
        default=None,
        pattern=LANGUAGE_PATTERN,
        max_length=35,
        description="BCP 47 language tag of text, as quoted or paraphrased.",
        examples=("ps", "de"),
    )
    translation: str | None = field(
        default=None,
        min_length=1,
        max_length=4000,
        description="A translation of text (into English unless said otherwise in notes).",
    )
    credibility: OneOf[Credibility | None] = field(
        default=None, description="How credible the claim is (Admiralty code 1-6)."
    )
    value: ClaimValue | None = field(
        default=None,
        description=(
            "The value the claimant states for the part at target (a figure, a time, "
            "a place), of that part's type."
        ),
    )

    @rule(
        "a claim names its claimant, its source, or both",
        holds="self.claimant is not None or self.source is not None",
    )
    def _attributed(self) -> Iterator[Problem]:
        if self.claimant is None and self.source is None:
            yield Problem("$", "name a claimant, a source, or both")

    @rule(
        "a claim that states a value has a target, and does not deny it or keep silent",
        holds="self.value is None or (self.target is not None"
        " and self.stance is not Stance.DENIES and self.stance is not Stance.NO_STATEMENT)",
    )
    def _value_targeted(self) -> Iterator[Problem]:
        if self.value is None:
            return
        if self.target is None:
            yield Problem("$.value", "a claim value needs a target: the part it is a value for")
        if self.stance in (Stance.DENIES, Stance.NO_STATEMENT):
            yield Problem("$.value", f"a claim that {self.stance.value} states no value")
