"""The domain model: typed nodes, typed ties and the sources they cite.

All models are strict (``extra="forbid"``): an unknown field is an error, not
silently dropped. Identifiers are derived from content (see
:mod:`graph.ids`), so loading the same facts twice yields the same ids and
never duplicates a node or a tie.

Data minimisation: a :class:`Person` has a name, aliases and a description;
roles and affiliations are ties. There is no field for contact data, and
free text that looks like an e-mail address or a phone number is rejected.

The seed format is one module: ``pontes schema`` and the loaders read every
field's rule from these classes, so they stay in one file.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from graph.contact import find_contact_data
from graph.errors import NO_VISIBLE_CHARACTER
from graph.ids import node_id, normalise, tie_id


class NodeType(StrEnum):
    """The six kinds of node. Values double as Neo4j labels."""

    ORGANISATION = "Organisation"
    PERSON = "Person"
    EVENT = "Event"
    AGREEMENT = "Agreement"
    PLACE = "Place"
    TOPIC = "Topic"


#: Node types that can act in a network (collaborate, attend, sign).
ACTOR_TYPES = frozenset({NodeType.ORGANISATION, NodeType.PERSON})


class TieType(StrEnum):
    """The kinds of tie. Values double as Neo4j relationship types."""

    MEMBER_OF = "MEMBER_OF"  # person -> organisation: membership or affiliation, with role
    PARTICIPATED_IN = "PARTICIPATED_IN"  # actor -> event, role organiser/speaker/participant/host
    PARTY_TO = "PARTY_TO"  # actor -> agreement
    LOCATED_IN = "LOCATED_IN"  # organisation/event/place -> place
    PART_OF = "PART_OF"  # working group -> network, city -> city network, district -> region
    SUCCESSOR_OF = "SUCCESSOR_OF"  # renamed body -> its predecessor
    ADDRESSES = "ADDRESSES"  # organisation/event/agreement -> topic
    COOPERATES_WITH = "COOPERATES_WITH"  # actor -> actor: stated cooperation or advice
    FEEDBACK = "FEEDBACK"  # actor -> actor: a planner's decision on a suggested tie (role: FeedbackKind)


#: Tie types that record what planners decided, not facts about the network:
#: exports keep them, network analysis and the suggestion engine's graph ignore them.
ANNOTATION_TIES = frozenset({TieType.FEEDBACK})

#: Fields that map a language to a text, and the field of the canonical text
#: each stands beside. Flat formats write them as ``name_de``,
#: ``description_fr`` (GraphML, GEXF) and ``names.de``, ``descriptions.fr``
#: (CSV tables), and read them back the same way.
LANGUAGE_MAPS = {"names": "name", "descriptions": "description", "titles": "title"}


def language_column(column: str) -> tuple[str, str] | None:
    """``("descriptions", "fr")`` for a table's column ``descriptions.fr``: a language map's field
    and language; ``None`` for any other column."""
    field, dot, lang = column.partition(".")
    return (field, lang) if dot and lang and field in LANGUAGE_MAPS else None


#: Tie types that state facts about the network (every type but the annotations).
FACT_TIES = frozenset(TieType) - ANNOTATION_TIES


class FeedbackKind(StrEnum):
    """A planner's decision on a suggested tie (the ``role`` of a ``FEEDBACK`` tie)."""

    ALREADY_IN_CONTACT = "already_in_contact"  # dismissed: they already know each other
    NOT_RELEVANT = "not_relevant"  # dismissed: not a useful contact
    ACTED_ON = "acted_on"  # the planner brought them together


class Lang(StrEnum):
    DE = "de"
    EN = "en"
    FR = "fr"
    LB = "lb"


class OrgKind(StrEnum):
    PUBLIC_AUTHORITY = "public_authority"
    LOCAL_GOVERNMENT = "local_government"
    CHAMBER = "chamber"
    ASSOCIATION = "association"
    NGO = "ngo"
    NETWORK = "network"
    WORKING_GROUP = "working_group"
    COUNCIL = "council"
    SCHOOL = "school"
    COMPANY = "company"
    COOPERATIVE = "cooperative"
    RESEARCH = "research"
    GOVERNMENT = "government"
    OTHER = "other"


class EventKind(StrEnum):
    CONFERENCE = "conference"
    ROUND_TABLE = "round_table"
    WORKSHOP = "workshop"
    EXPERT_TALK = "expert_talk"
    MEETING = "meeting"
    INFO_EVENT = "info_event"
    COLLOQUIUM = "colloquium"
    PROJECT = "project"
    DECISION = "decision"
    CORRESPONDENCE = "correspondence"  # letters between actors (sender and recipient roles)
    SURVEY = "survey"  # a questionnaire or poll run by an actor
    OTHER = "other"


class PlaceKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    DISTRICT = "district"
    CITY = "city"
    TOWN = "town"
    QUARTER = "quarter"


class Visibility(StrEnum):
    """Whether a person may be shown by name (see :mod:`graph.privacy`)."""

    PUBLIC = "public"  # a public role holder, named in public sources in that role
    PRIVATE = "private"  # shown only through their roles


class LegalBasis(StrEnum):
    """GDPR Art. 6(1) basis for keeping a person's data."""

    CONSENT = "consent"  # (a)
    CONTRACT = "contract"  # (b)
    LEGAL_OBLIGATION = "legal_obligation"  # (c)
    VITAL_INTERESTS = "vital_interests"  # (d)
    PUBLIC_TASK = "public_task"  # (e)
    LEGITIMATE_INTERESTS = "legitimate_interests"  # (f)


class ParticipationRole(StrEnum):
    ORGANISER = "organiser"
    SPEAKER = "speaker"
    PARTICIPANT = "participant"
    HOST = "host"
    SENDER = "sender"  # the writer of correspondence
    RECIPIENT = "recipient"  # whom correspondence is addressed to


class AttendanceQualifier(StrEnum):
    """How a source qualifies an attendance figure ("rund 100", "über 150").

    Without a qualifier the figure is as plain as the source gives it.
    """

    ABOUT = "about"  # rund, etwa, ca.
    OVER = "over"  # über, mehr als
    UNDER = "under"  # unter, knapp, fast


_PARTIAL_DATE = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"  # ASCII digits: \d matches any script's


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and the last day a :data:`PartialDate` may mean: ``2015`` is
    2015-01-01..2015-12-31, ``2015-06`` is 2015-06-01..2015-06-30, a full date
    is that day. Dates of different precision compare as these intervals."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        last = (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)) - dt.timedelta(days=1)
        return dt.date(year, month, 1), last
    day = dt.date(year, month, parts[2])
    return day, day


def _real_date(value: str) -> str:
    """A partial date that names a real day, month or year (0001 to 9999)."""
    if int(value[:4]) < 1:
        raise ValueError("year 0000 does not exist; years run from 0001")
    try:
        date_bounds(value)
    except ValueError as e:
        raise ValueError(f"{value} is not a date: {e}") from None
    return value


def not_before(end: str | None, start: str | None, what: str = "end") -> None:
    """Raise when ``end`` lies wholly before ``start`` (as intervals, see :func:`date_bounds`)."""
    if start and end and date_bounds(end)[1] < date_bounds(start)[0]:
        raise ValueError(f"{what} {end} is before start {start}")


#: Letters and symbols that show as blank space (Braille blank, Hangul fillers).
_BLANK_LOOKING = frozenset("\u2800\u3164\u115f\u1160\uffa0")


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: a letter, digit, punctuation mark or symbol that is not
    blank. Spaces, format characters (zero-width space, BOM), combining marks alone are not."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in _BLANK_LOOKING for c in text)


def clean_text(value: str) -> str:
    """Text as Pontes keeps it: Unicode NFC (one form for every name, so
    ``Saarbrücken`` typed in NFC and NFD is one node), line breaks as ``\\n``;
    text that shows nothing (zero-width spaces only ...), control characters other
    than tab and newline and anything :func:`graph.contact.find_contact_data` finds are refused."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    if not visible(value):
        raise PydanticCustomError(NO_VISIBLE_CHARACTER, "shows nothing: only spaces or invisible characters")
    for c in value:
        if (c not in "\t\n" and unicodedata.category(c) in ("Cc", "Cs")) or c in "\ufffe\uffff":
            raise ValueError(f"contains the control character U+{ord(c):04X}; only tab and newline are allowed")
    kind = find_contact_data(value)
    if kind is not None:
        raise ValueError(f"looks like contact data ({kind}); Pontes stores none")
    return value


#: Characters that show nothing inside a name and are dropped from names: zero-width space, word
#: joiner, byte order mark, soft hyphen (not the joiners that shape letters in some scripts).
_INVISIBLE_IN_NAMES = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))


def clean_name(value: str) -> str:
    """A name as Pontes keeps it: :func:`clean_text`, on one line, every run of white space (line
    breaks, tabs, no-break spaces ...) one space and the characters that show nothing dropped, so
    that names that look alike are one name ("Caritas⏎Trier" from a spreadsheet cell is "Caritas Trier")."""
    return normalise(clean_text(value).translate(_INVISIBLE_IN_NAMES))


def _year_as_text(value: object) -> object:
    """A four-digit year written as a number (YAML ``start: 2015``) is the date
    ``2015``; other numbers stay numbers and are refused (``start: 15`` is a slip)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


#: A date as precise as the source states it: ``2015``, ``2015-04`` or ``2015-04-23`` (a real one).
PartialDate = Annotated[
    str, BeforeValidator(_year_as_text), StringConstraints(pattern=_PARTIAL_DATE), AfterValidator(_real_date)
]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), AfterValidator(clean_text)
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(clean_name)
]
#: A link or a document reference (checked like any text).
Reference = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), AfterValidator(clean_text)
]
SourceRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,80}$")]
NodeRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,40}:[a-z0-9][a-z0-9._-]{0,160}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


def year_of(value: str | None) -> int | None:
    """The year of a :data:`PartialDate`, or ``None``."""
    return int(value[:4]) if value else None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    """A document that facts are taken from."""

    id: SourceRef
    title: Name
    titles: dict[Lang, Name] = Field(
        default_factory=dict,
        description="The title in other languages: only for a document of ours (the editors' reference data); "
        "another document's title is a fact, kept as it is written",
    )
    publisher: Name | None = Field(default=None, description="Who published it; omitted when the document does not say")
    date: dt.date | None = None
    document: Reference | None = Field(default=None, description="Original file or reference of the document")
    url: Reference | None = None
    language: Lang | None = None
    description: Text | None = Field(
        default=None,
        description="What the source is, and what it leaves open (no date, publisher not named, ...)",
    )
    descriptions: dict[Lang, Text] = Field(default_factory=dict, description="The description in other languages")


class _NodeBase(Strict):
    if TYPE_CHECKING:  # always set once validated: derived when omitted
        id: str = ""
        type: NodeType
    else:
        id: NodeRef | None = Field(
            default=None,
            description="Stable id; derived from type and name (and date for events/agreements) when omitted",
        )
    name: Name
    names: dict[Lang, Name] = Field(default_factory=dict, description="The name in other languages")
    aliases: list[Name] = Field(default_factory=list, description="Abbreviations, short and former forms")
    description: Text | None = None
    descriptions: dict[Lang, Text] = Field(default_factory=dict, description="The description in other languages")
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _derive_id(self):
        if self.id is None:
            object.__setattr__(self, "id", node_id(self.type, self.name, self._id_qualifier()))
        return self

    def _id_qualifier(self) -> str | None:
        return None

    @property
    def labels(self) -> list[str]:
        """Every name this node is known by (for search)."""
        return [self.name, *self.names.values(), *self.aliases]


class Organisation(_NodeBase):
    type: Literal[NodeType.ORGANISATION] = NodeType.ORGANISATION
    kind: OrgKind = OrgKind.OTHER
    country: CountryCode | None = None
    founded: PartialDate | None = None
    dissolved: PartialDate | None = None

    @field_validator("dissolved")
    @classmethod
    def _dissolved_after_founded(cls, v: str | None, info: ValidationInfo) -> str | None:
        not_before(v, info.data.get("founded"), "dissolved")
        return v


class Person(_NodeBase):
    type: Literal[NodeType.PERSON] = NodeType.PERSON
    title: Name | None = Field(default=None, description="Academic title such as 'Dr.'")
    visibility: Visibility = Field(
        default=Visibility.PRIVATE,
        description="public: a public role holder shown by name; private (default): shown only through their roles",
    )
    legal_basis: LegalBasis = Field(description="GDPR Art. 6(1) basis for keeping this person's data")


class Event(_NodeBase):
    type: Literal[NodeType.EVENT] = NodeType.EVENT
    kind: EventKind = EventKind.OTHER
    start: PartialDate | None = None
    end: PartialDate | None = None
    attendance: int | None = Field(default=None, ge=0, le=10_000_000)
    attendance_qualifier: AttendanceQualifier | None = Field(
        default=None,
        description="How the source qualifies the attendance figure: about ('rund 100'), over ('über 150'), under",
    )

    @field_validator("attendance_qualifier")
    @classmethod
    def _qualifier_needs_a_figure(
        cls, v: AttendanceQualifier | None, info: ValidationInfo
    ) -> AttendanceQualifier | None:
        if v is not None and info.data.get("attendance") is None:
            raise ValueError("qualifies an attendance figure; give attendance too")
        return v

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, v: str | None, info: ValidationInfo) -> str | None:
        not_before(v, info.data.get("start"))
        return v

    def _id_qualifier(self) -> str | None:
        return self.start


class Agreement(_NodeBase):
    type: Literal[NodeType.AGREEMENT] = NodeType.AGREEMENT
    signed: PartialDate | None = None

    def _id_qualifier(self) -> str | None:
        return self.signed


class Place(_NodeBase):
    type: Literal[NodeType.PLACE] = NodeType.PLACE
    kind: PlaceKind
    country: CountryCode
    lat: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)


class Topic(_NodeBase):
    type: Literal[NodeType.TOPIC] = NodeType.TOPIC


Node = Annotated[
    Organisation | Person | Event | Agreement | Place | Topic,
    Field(discriminator="type"),
]

NODE_CLASSES: dict[NodeType, type[_NodeBase]] = {
    NodeType.ORGANISATION: Organisation,
    NodeType.PERSON: Person,
    NodeType.EVENT: Event,
    NodeType.AGREEMENT: Agreement,
    NodeType.PLACE: Place,
    NodeType.TOPIC: Topic,
}

_O, _P, _E, _A, _L, _T = (
    NodeType.ORGANISATION,
    NodeType.PERSON,
    NodeType.EVENT,
    NodeType.AGREEMENT,
    NodeType.PLACE,
    NodeType.TOPIC,
)

#: Which node types each tie may connect: (allowed source types, allowed target types).
TIE_ENDPOINTS: dict[TieType, tuple[frozenset[NodeType], frozenset[NodeType]]] = {
    TieType.MEMBER_OF: (frozenset({_P, _O}), frozenset({_O})),
    TieType.PARTICIPATED_IN: (frozenset({_O, _P}), frozenset({_E})),
    TieType.PARTY_TO: (frozenset({_O, _P}), frozenset({_A})),
    TieType.LOCATED_IN: (frozenset({_O, _E, _A, _L}), frozenset({_L})),
    TieType.PART_OF: (frozenset({_O, _L, _E}), frozenset({_O, _L, _E})),
    TieType.SUCCESSOR_OF: (frozenset({_O}), frozenset({_O})),
    TieType.ADDRESSES: (frozenset({_O, _E, _A}), frozenset({_T})),
    TieType.COOPERATES_WITH: (frozenset({_O, _P}), frozenset({_O, _P})),
    TieType.FEEDBACK: (frozenset({_O, _P}), frozenset({_O, _P})),
}


#: The values of :class:`ParticipationRole`, in order (checked once per participation tie).
_ROLE_VALUES = tuple(r.value for r in ParticipationRole)
_FEEDBACK_VALUES = tuple(k.value for k in FeedbackKind)


class Tie(Strict):
    """A dated, sourced tie between two nodes (by id).

    ``inferred`` marks a tie that its sources support but do not state in so
    many words: our reading of them (a role implied by the context, "the two
    chambers" read as two named bodies). Its ``description`` must say what
    the reading rests on. Stated ties (the default) are said by every source
    they cite.
    """

    type: TieType
    source: NodeRef
    target: NodeRef
    role: Name | None = Field(default=None, description="Role of the source in the tie, e.g. 'chair', 'organiser'")
    start: PartialDate | None = Field(default=None, description="From (as precise as the source says)")
    end: PartialDate | None = Field(default=None, description="Until")
    description: Text | None = None
    descriptions: dict[Lang, Text] = Field(default_factory=dict, description="The description in other languages")
    sources: list[SourceRef] = Field(min_length=1)
    inferred: bool = Field(
        default=False,
        description="True when the sources support the tie without stating it; the description says why",
    )
    if TYPE_CHECKING:  # always set once validated: derived when omitted
        id: str = ""
    else:
        id: str | None = Field(default=None, description="Derived from type, endpoints, role and start")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, v: str | None, info: ValidationInfo) -> str | None:
        not_before(v, info.data.get("start"))
        return v

    @field_validator("inferred")
    @classmethod
    def _inference_is_explained(cls, v: bool, info: ValidationInfo) -> bool:
        if v and not info.data.get("description"):
            raise ValueError("an inferred tie needs a description saying what the reading rests on")
        return v

    @field_validator("role")
    @classmethod
    def _participation_role(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is not None and info.data.get("type") is TieType.PARTICIPATED_IN and v not in _ROLE_VALUES:
            raise ValueError(f"a participation role is one of {', '.join(_ROLE_VALUES)}")
        return v

    @model_validator(mode="after")
    def _check(self):
        if self.source == self.target:
            raise ValueError("a tie cannot connect a node to itself")
        if self.type is TieType.FEEDBACK and self.role not in _FEEDBACK_VALUES:
            raise ValueError(f"a feedback tie needs a role, one of {', '.join(_FEEDBACK_VALUES)}")
        derived = tie_id(self.type, self.source, self.target, self.role, self.start)
        if self.id is None:
            object.__setattr__(self, "id", derived)
        elif self.id != derived:
            raise ValueError(f"id {self.id!r} does not match its content (expected {derived!r})")
        return self


class AuditRecord(Strict):
    """A change that must be accountable (an erasure), holding no personal data."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    action: Literal["erase_person"]
    at: dt.datetime
    reason: Text
    nodes_removed: int = Field(ge=0)
    ties_removed: int = Field(ge=0)
    tombstones: list[Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]] = Field(
        default_factory=list, description="Keyed hash of each erased node id; loaders skip these ids"
    )
    sources_redacted: list[SourceRef] = Field(
        default_factory=list, description="Sources that named the person: kept, with title and links removed"
    )


class SeedDocument(Strict):
    """One file of the seed format (YAML or JSON): sources, nodes and ties.

    Ties may reference nodes defined in any file of the same load.
    """

    pontes: Literal[1] = Field(description="Format version")
    sources: list[Source] = Field(default_factory=list)
    nodes: list[Node] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
