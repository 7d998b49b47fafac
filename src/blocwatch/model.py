"""The few types every stage shares.

Data flows one way: read/ makes a Document, nlp/ cuts it into Sentences, actors/ finds
Mentions, claims/ turns them into Claims; store/ and analysis/ work on Claims and Facts.
Each stage depends on this module and on the stage before it, never on a later one.

Character offsets (``start``/``end``) always index ``Document.text``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .printable import printable

# The relations of the claim contract (../shared/ONTOLOGY.md), in the contract's order.
RELATIONS = (
    "MEMBER_OF", "LEFT", "OBSERVER_OF", "ALIGN", "DISTANCE", "MEET",
    "COOPERATE_MILITARY", "COOPERATE_ECONOMIC", "SUPPORT", "REQUEST_AID",
    "DEPLOY_FORCES", "SUPPLY", "GUARANTEE", "DEPEND_ON", "CRITICIZE",
    "THREATEN", "CONFLICT", "SANCTION", "RECOGNIZE",
)
# Where a claim's time comes from (Claim.time_basis; claims.time_basis in the store).
TIME_BASES = ("stated", "published", "estimated")
# Standing relations, not events: no PLOVER event type, no move in alignment over time.
STATE_RELATIONS = frozenset({"MEMBER_OF", "OBSERVER_OF", "DEPEND_ON"})
# For these the order of subject and object carries no meaning.
SYMMETRIC = frozenset({"ALIGN", "MEET", "COOPERATE_MILITARY", "COOPERATE_ECONOMIC", "CONFLICT"})
POLARITIES = ("pos", "neg")
MODALITIES = ("asserted", "reported", "possible")
GOODS = ("weapons", "ammunition", "drones", "military_equipment", "spare_parts",
         "dual_use", "raw_materials", "energy", "other")


def relation_key(subject: str, relation: str, object_: str) -> tuple[str, str, str]:
    """(subject, relation, object) with the sides of a symmetric relation in sorted order:
    the one rule that makes "A meets B" and "B meets A" the same claim."""
    if relation in SYMMETRIC and object_ < subject:
        return (object_, relation, subject)
    return (subject, relation, object_)


def content_hash(text: str) -> str:
    """Stable identity of a document's text: the same text read twice is one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One article as read from disk, with its body text and what we know about it."""
    doc_id: str                      # file name without directory and extension
    text: str                        # body text, boilerplate removed; offsets index this
    title: str | None = None
    url: str | None = None
    outlet: str | None = None        # e.g. "tagesschau.de", from the URL or the text
    date: str | None = None          # publication date: YYYY, YYYY-MM or YYYY-MM-DD
    language: str | None = None      # ISO 639-1 code as detected ("de", "en", ...)
    path: str | None = None          # where it was read from
    hash: str = ""                   # content_hash(text)

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.text)


@dataclass
class ReadError:
    """A file (or one JSONL line) that could not be turned into a Document, and why."""
    path: str
    reason: str

    def __str__(self) -> str:
        """One line, safe on a terminal (a file name may hold escape codes)."""
        return printable(f"{self.path}: {self.reason}")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span of text linked to an actor code."""
    start: int
    end: int
    text: str
    code: str
    kind: str = "name"   # name | adjective | capital | person | seat | group


@dataclass
class Claim:
    """One relation between two actors, as one article states it."""
    subject: str
    relation: str
    object: str
    polarity: str = "pos"
    modality: str = "asserted"
    time: str | None = None
    source: str | None = None
    goods: list[str] = field(default_factory=list)
    evidence: str = ""
    start: int = 0                   # evidence offsets into Document.text
    end: int = 0
    cue: str = ""                    # the cue text that triggered it (for debugging/explain)
    confidence: float | None = None  # the scorer's calibrated probability; None from the rules
    # where `time` comes from: "stated" in the sentence, the article's "published" date,
    # "estimated" (an undated article), or None (no time). Not part of the contract JSON.
    time_basis: str | None = None

    def key(self) -> tuple[str, str, str, str]:
        """Identity used to collapse repeated mentions, as the scorer does."""
        return (*relation_key(self.subject, self.relation, self.object), self.polarity)

    def to_contract(self) -> dict:
        out = {
            "subject": self.subject, "relation": self.relation, "object": self.object,
            "polarity": self.polarity, "modality": self.modality, "time": self.time,
            "source": self.source, "goods": list(self.goods), "evidence": self.evidence,
        }
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out


@dataclass
class Extraction:
    """What the extractor found in one document."""
    document: Document
    mentions: list[Mention]
    claims: list[Claim]
    actors: list[str] = field(default_factory=list)   # sorted codes the article names

    def to_contract(self) -> dict:
        """The JSON object of ../shared/ONTOLOGY.md, one per document."""
        return {
            "doc": self.document.doc_id,
            "date": self.document.date,
            "actors": self.actors,
            "claims": [c.to_contract() for c in self.claims],
        }


@dataclass
class Fact:
    """Claims merged across documents per (subject, relation, object, polarity)."""
    subject: str
    relation: str
    object: str
    polarity: str
    first_time: str | None = None
    last_time: str | None = None
    n_documents: int = 0
    n_outlets: int = 0
    share_reported: float = 0.0
    confidence: float = 0.0
    evidence: list[dict] = field(default_factory=list)
