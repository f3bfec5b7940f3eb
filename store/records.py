"""Values that go into and come out of the store: typed, never JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One message to file: its raw bytes, its identity and what its source knew."""

    raw: bytes
    raw_sha256: str
    dedupe_key: str
    origin: str
    """``imap`` or ``import``."""
    origin_detail: str
    """Where it came from: ``account folder uidvalidity/uid`` or a file path."""
    message_id: str | None = None
    internaldate: datetime | None = None
    envelope_at: datetime | None = None
    envelope_source: str | None = None
    received_at: datetime | None = None
    """The receipt time as far as filing knows it (INTERNALDATE, the file's envelope);
    reading the header may still find a better one (our Received header)."""
    received_source: str | None = None


@dataclass(frozen=True, slots=True)
class Filing:
    """The outcome of filing one message."""

    ref: str
    duplicate: bool
    """True when the message was already filed (same Message-ID and content)."""


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A filed message as listed (without its raw bytes)."""

    ref: str
    raw_sha256: str
    size: int
    message_id: str | None
    from_header: str | None
    subject: str | None
    date_header: str | None
    date_header_at: datetime | None
    received_header_at: datetime | None
    internaldate: datetime | None
    envelope_at: datetime | None
    received_at: datetime | None
    received_source: str | None
    envelope_source: str | None
    origin: str
    origin_detail: str
    filed_at: datetime
    analysis_version: int | None


@dataclass(frozen=True, slots=True)
class EnvelopeUpdate:
    """The header facts of a filed message, read with the rest of it, and its receipt time."""

    message_id: str | None
    from_header: str | None
    subject: str | None
    date_header: str | None
    date_header_at: datetime | None
    received_header_at: datetime | None
    received_at: datetime | None
    received_source: str | None


@dataclass(frozen=True, slots=True)
class MailboxPlace:
    """One IMAP folder at one UIDVALIDITY: the unit a checkpoint belongs to."""

    account: str
    folder: str
    uidvalidity: int


@dataclass(frozen=True, slots=True)
class FailedUid:
    """A message the store could not file; retried on every poll until it is."""

    uid: int
    error: str
    attempts: int
    first_failed_at: datetime
    last_failed_at: datetime


@dataclass(frozen=True, slots=True)
class ProblemRecord:
    """Something that could not be read or decided as it should."""

    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    """What was read from one attached file (or a member of one)."""

    position: int
    parent_position: int | None
    depth: int
    filename: str | None
    content_type: str | None
    kind: str
    size: int
    sha256: str
    inline: bool
    pages: int | None
    pages_source: str | None
    page_width_mm: float | None
    page_height_mm: float | None
    image_only: bool
    text_chars: int
    words: int
    problems: tuple[ProblemRecord, ...] = ()
    text: str | None = None
    """Stored always; read back only when asked for."""


@dataclass(frozen=True, slots=True)
class NomineeRecord:
    code: str
    name: str
    reason: str
    confidence: float
    evidence: str
    strong: bool = False


@dataclass(frozen=True, slots=True)
class CriterionRecord:
    criterion_id: str
    title: str
    met: bool
    evidence: tuple[str, ...] = ()
    terms_found: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class JudgementRecord:
    """The judgements of one message: kind, sender, nominees and criteria."""

    kind: str
    kind_reason: str
    sender_address: str | None
    sender_name: str | None
    sender_organisation: str | None
    sender_code: str | None
    sender_municipality: str | None
    sender_reason: str | None
    sender_confidence: float | None
    sender_authenticated: bool
    sender_authentication: str
    meets_min_criteria: bool
    content_key: str
    forwarded_key: str | None = None
    substantive: bool = False
    nominees: tuple[NomineeRecord, ...] = ()
    criteria: tuple[CriterionRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class TextsRecord:
    """The texts of one message: stored always, read back only when asked for."""

    body_text: str
    own_text: str
    nomination_text: str


@dataclass(frozen=True, slots=True)
class AnalysisRecord:
    """Everything derived from a message's raw bytes; rebuilt by reading it again."""

    version: int
    analysed_at: datetime
    failed: bool
    """A step of reading or judging failed: the message needs a person's attention."""
    body_source: str | None
    document_position: int | None
    pages: int | None
    pages_source: str | None
    page_width_mm: float | None
    page_height_mm: float | None
    words: int
    problems: tuple[ProblemRecord, ...] = ()
    """Of the message itself; each attachment carries its own."""
    attachments: tuple[AttachmentRecord, ...] = ()
    judgement: JudgementRecord | None = None
    """None when judging failed."""
    references: tuple[str, ...] = ()
    """The Message-IDs the message replies to: In-Reply-To, then References."""
    texts: TextsRecord | None = None
    """Always given when saving; read back only when asked for."""


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One decision a person took on a message: the newest per message stands."""

    ref: str
    status: str
    """``accepted``, ``rejected``, ``needs-info`` or ``duplicate``."""
    note: str | None
    reviewer: str
    reviewed_at: datetime


@dataclass(frozen=True, slots=True)
class DigestRecord:
    """A digest delivered (or tried): where to, and which messages it covered."""

    id: int
    channel: str
    """``mail`` or ``file``."""
    final: bool
    made_at: datetime
    destination: str
    """The recipients (comma-separated) or the file written."""
    subject: str
    attempts: int
    delivered_at: datetime | None
    message_id: str | None
    error: str | None
    covered: frozenset[str]
    """The references of the messages it covered."""
