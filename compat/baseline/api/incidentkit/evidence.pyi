from ._fields import DocEnum, HTTP_URL_PATTERN, LANGUAGE_PATTERN, Model, field, record
from .time import Time

__all__ = ['Claim', 'ClaimSubject', 'Source', 'SourceKind', 'SourceScale', 'Stance']

class SourceScale(DocEnum):
    LOCAL = ('local', 'Local media, residents, local officials.')
    SUBNATIONAL = ('subnational', 'Provincial or regional media within a country.')
    NATIONAL = ('national', 'National media or government.')
    REGIONAL = ('regional', 'Media covering a region of several countries.')
    INTERNATIONAL = ('international', 'International media or organisations.')
    OTHER = ('other', 'Social media, reports from partners, others.')

class SourceKind(DocEnum):
    NEWS = ('news', 'A news article or broadcast.')
    OFFICIAL = ('official', 'A statement or report by an authority.')
    NGO_REPORT = ('ngo_report', 'A report by an NGO or international organisation.')
    SOCIAL_MEDIA = ('social_media', 'A post on social media.')
    FIELD_REPORT = ('field_report', "A partner's or analyst's own field report.")
    OTHER = ('other', 'None of the above.')

class Stance(DocEnum):
    ASSERTS = ('asserts', 'States it as fact.')
    DENIES = ('denies', 'States it is false.')
    CONFIRMS = ('confirms', 'Confirms what someone else stated.')
    DISPUTES = ('disputes', 'Casts doubt on it without denying it outright.')

class ClaimSubject(DocEnum):
    RECORD = ('record', 'The incident or defection as a whole.')
    TIME = ('time', 'When it happened.')
    LOCATION = ('location', 'Where it happened.')
    ACTORS = ('actors', 'Who took part, or in which role.')
    OUTCOME = ('outcome', 'What it led to (territory or facilities taken, a withdrawal).')
    CASUALTIES = ('casualties', 'Casualty figures.')
    COUNT = ('count', 'Another count.')
    MEMBERSHIP = ('membership', 'Who held which post.')
    MOTIVE = ('motive', 'Why it happened.')
    OTHER = ('other', 'Anything else.')

@record
class Source(Model):
    id: str = ...
    publisher: str = field(min_length=1, max_length=200, description='Who published it.', examples=('Tolo News',))
    kind: SourceKind = field(default=SourceKind.NEWS, description='What kind of source.')
    scale: SourceScale | None = field(default=None, description="The source's reach.")
    title: str | None = field(default=None, min_length=1, max_length=500, description='Headline or title.')
    url: str | None = field(default=None, pattern=HTTP_URL_PATTERN, max_length=2048, format='uri', description='Where it can be read: an absolute http or https URL (RFC 3986; percent-encode characters outside ASCII).')
    language: str | None = field(default=None, pattern=LANGUAGE_PATTERN, max_length=35, description='BCP 47 language tag of the text.', examples=('en', 'fa-AF'))
    published: Time | None = field(default=None, description='When it was published.')

@record
class Claim(Model):
    stance: Stance = field(description='What the claim does.')
    about: ClaimSubject = field(description='Which part of the record it concerns.')
    claimant: str | None = ...
    source: str | None = ...
    target: str | None = field(default=None, pattern='^\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+\\])*$', max_length=200, description='JSON path of the exact part concerned, e.g. $.outcomes[0].', examples=('$.outcomes[0]',))
    made: Time | None = field(default=None, description='When the claim was made.')
    text: str | None = field(default=None, min_length=1, max_length=2000, description='A paraphrase, or a short quote if quoted is true.')
    quoted: bool = field(default=False, description='text is a verbatim quote.')
