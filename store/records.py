"""Values that go into and come out of the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One message to file: its raw bytes and what was read off its envelope."""

    raw: bytes
    raw_sha256: str
    dedupe_key: str
    origin: str
    """``imap`` or ``import``."""
    origin_detail: str
    """Where it came from: ``account folder uidvalidity/uid`` or a file path."""
    message_id: str | None = None
    from_header: str | None = None
    subject: str | None = None
    date_header: str | None = None
    date_header_at: datetime | None = None
    received_header_at: datetime | None = None
    internaldate: datetime | None = None
    envelope_at: datetime | None = None
    received_at: datetime | None = None
    received_source: str | None = None
    envelope_source: str | None = None
    problems_json: str = "[]"


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
    problems_json: str
    filed_at: datetime
    analysis_version: int | None


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
    problems_json: str
    text: str


@dataclass(frozen=True, slots=True)
class AnalysisRecord:
    """Everything derived from a message's raw bytes; rebuilt by reprocessing."""

    version: int
    analysed_at: datetime
    body_source: str | None
    body_text: str
    nomination_text: str
    document_position: int | None
    pages: int | None
    pages_source: str | None
    page_width_mm: float | None
    page_height_mm: float | None
    words: int
    problems_json: str
    attachments: tuple[AttachmentRecord, ...] = ()
    judgements_json: str | None = None


@dataclass(frozen=True, slots=True)
class EnvelopeUpdate:
    """The header facts of a filed message, re-read from its raw bytes."""

    message_id: str | None
    from_header: str | None
    subject: str | None
    date_header: str | None
    date_header_at: datetime | None
    received_header_at: datetime | None
    received_at: datetime | None
    received_source: str | None
    problems_json: str
