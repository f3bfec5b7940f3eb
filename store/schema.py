"""The tables of the store, as SQLAlchemy Core metadata.

Times are stored as UTC and always come back timezone-aware (:class:`UTCDateTime`).
The raw RFC 822 bytes live apart from the message rows (``raw_messages``, keyed by
their SHA-256) so listing queries never read them.

Two kinds of data: what was received (``raw_messages``, ``messages``, the IMAP
bookkeeping) is kept for ever; what was derived from it (``analyses`` and the tables
below it: attachments, problems, nominees, criteria) is rebuilt whenever a message is
read again.  No value is stored as JSON: every fact has its column.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC on every backend (naive UTC on SQLite)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"refusing to store a naive datetime: {value!r}")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


def _place_columns() -> tuple[Column[str], Column[str], Column[int]]:
    """The key of one IMAP folder at one UIDVALIDITY (fresh Column objects per table)."""
    return (
        Column("account", Text, primary_key=True),
        Column("folder", Text, primary_key=True),
        Column("uidvalidity", Integer, primary_key=True, autoincrement=False),
    )


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)

raw_messages = Table(
    "raw_messages",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("raw", LargeBinary, nullable=False),
)

messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ref", String(40), nullable=False, unique=True),
    Column("dedupe_key", String(64), nullable=False, unique=True),
    Column("raw_sha256", String(64), ForeignKey("raw_messages.sha256"), nullable=False),
    Column("size", Integer, nullable=False),
    Column("message_id", Text),
    Column("from_header", Text),
    Column("subject", Text),
    Column("date_header", Text),
    Column("date_header_at", UTCDateTime),
    Column("received_header_at", UTCDateTime),
    Column("internaldate", UTCDateTime),
    Column("envelope_at", UTCDateTime),
    Column("received_at", UTCDateTime),
    Column("received_source", String(40)),
    Column("envelope_source", String(40)),
    Column("origin", String(20), nullable=False),
    Column("origin_detail", Text, nullable=False),
    Column("filed_at", UTCDateTime, nullable=False),
    # The parser version of the stored analysis; NULL until analysed.
    Column("analysis_version", Integer),
    Index(None, "message_id"),
    Index(None, "received_at"),
    Index(None, "analysis_version"),
)

imap_checkpoints = Table(
    "imap_checkpoints",
    metadata,
    *_place_columns(),
    Column("last_uid", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

imap_locations = Table(
    "imap_locations",
    metadata,
    *_place_columns(),
    Column("uid", Integer, primary_key=True, autoincrement=False),
    Column("message_pk", Integer, ForeignKey("messages.id"), nullable=False),
    Column("marked", Boolean, nullable=False, default=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Index(None, "message_pk"),
    Index("ix_imap_locations_unmarked", "account", "folder", "uidvalidity", "marked", "uid"),
)

imap_failures = Table(
    "imap_failures",
    metadata,
    *_place_columns(),
    Column("uid", Integer, primary_key=True, autoincrement=False),
    Column("error", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("first_failed_at", UTCDateTime, nullable=False),
    Column("last_failed_at", UTCDateTime, nullable=False),
)


def legacy_analysis_tables(target: MetaData) -> tuple[Table, Table]:
    """The derived-data tables of schema versions 2 and 3 (problems as JSON), on ``target``."""
    analyses = Table(
        "analyses",
        target,
        Column("message_pk", Integer, ForeignKey("messages.id"), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("analysed_at", UTCDateTime, nullable=False),
        Column("body_source", String(20)),
        Column("body_text", Text, nullable=False),
        Column("nomination_text", Text, nullable=False),
        Column("document_position", Integer),
        Column("pages", Integer),
        Column("pages_source", String(20)),
        Column("page_width_mm", Float),
        Column("page_height_mm", Float),
        Column("words", Integer, nullable=False),
        Column("problems", Text, nullable=False),
    )
    attachments = Table(
        "attachments",
        target,
        Column("message_pk", Integer, ForeignKey("messages.id"), primary_key=True),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("parent_position", Integer),
        Column("depth", Integer, nullable=False),
        Column("filename", Text),
        Column("content_type", Text),
        Column("kind", String(20), nullable=False),
        Column("size", Integer, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("inline", Boolean, nullable=False),
        Column("pages", Integer),
        Column("pages_source", String(20)),
        Column("page_width_mm", Float),
        Column("page_height_mm", Float),
        Column("image_only", Boolean, nullable=False),
        Column("text_chars", Integer, nullable=False),
        Column("words", Integer, nullable=False),
        Column("problems", Text, nullable=False),
        Column("text", Text, nullable=False),
    )
    return analyses, attachments


def _message_key() -> Column[int]:
    return Column("message_pk", Integer, ForeignKey("messages.id"), primary_key=True)


def derived_tables(target: MetaData) -> tuple[Table, ...]:
    """The derived-data tables as of schema version 4, on ``target`` (parents first)."""
    analyses = Table(
        "analyses",
        target,
        _message_key(),
        Column("version", Integer, nullable=False),
        Column("analysed_at", UTCDateTime, nullable=False),
        Column("failed", Boolean, nullable=False),
        Column("body_source", String(20)),
        Column("body_text", Text, nullable=False),
        Column("own_text", Text, nullable=False),
        Column("nomination_text", Text, nullable=False),
        Column("document_position", Integer),
        Column("pages", Integer),
        Column("pages_source", String(20)),
        Column("page_width_mm", Float),
        Column("page_height_mm", Float),
        Column("words", Integer, nullable=False),
        # The judgements; NULL when judging failed.
        Column("kind", String(20)),
        Column("kind_reason", Text),
        Column("sender_address", Text),
        Column("sender_name", Text),
        Column("sender_organisation", Text),
        Column("sender_code", String(10)),
        Column("sender_municipality", Text),
        Column("sender_reason", Text),
        Column("sender_confidence", Float),
        Column("sender_authenticated", Boolean),
        Column("sender_authentication", Text),
        Column("meets_min_criteria", Boolean),
        Column("content_key", String(64)),
        Column("forwarded_key", String(64)),
        Column("substantive", Boolean),
        Index(None, "kind"),
    )
    attachments = Table(
        "attachments",
        target,
        _message_key(),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("parent_position", Integer),
        Column("depth", Integer, nullable=False),
        Column("filename", Text),
        Column("content_type", Text),
        Column("kind", String(20), nullable=False),
        Column("size", Integer, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("inline", Boolean, nullable=False),
        Column("pages", Integer),
        Column("pages_source", String(20)),
        Column("page_width_mm", Float),
        Column("page_height_mm", Float),
        Column("image_only", Boolean, nullable=False),
        Column("text_chars", Integer, nullable=False),
        Column("words", Integer, nullable=False),
        Column("text", Text, nullable=False),
    )
    problems = Table(
        "problems",
        target,
        _message_key(),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        # NULL: the message itself; else the position of the attachment it concerns.
        Column("attachment_position", Integer),
        Column("code", String(40), nullable=False),
        Column("detail", Text, nullable=False),
        Index(None, "code"),
    )
    nominees = Table(
        "nominees",
        target,
        _message_key(),
        Column("rank", Integer, primary_key=True, autoincrement=False),
        Column("code", String(10), nullable=False),
        Column("name", Text, nullable=False),
        Column("reason", String(40), nullable=False),
        Column("confidence", Float, nullable=False),
        Column("evidence", Text, nullable=False),
        Column("strong", Boolean, nullable=False),
        Index(None, "code"),
    )
    criteria = Table(
        "criteria",
        target,
        _message_key(),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("criterion_id", Text, nullable=False),
        Column("title", Text, nullable=False),
        Column("met", Boolean, nullable=False),
    )
    criterion_evidence = Table(
        "criterion_evidence",
        target,
        _message_key(),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("rank", Integer, primary_key=True, autoincrement=False),
        Column("sentence", Text, nullable=False),
    )
    criterion_terms = Table(
        "criterion_terms",
        target,
        _message_key(),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("rank", Integer, primary_key=True, autoincrement=False),
        Column("term", Text, nullable=False),
    )
    thread_references = Table(
        "thread_references",
        target,
        _message_key(),
        Column("rank", Integer, primary_key=True, autoincrement=False),
        # In-Reply-To first, then References from the newest back.
        Column("message_id", Text, nullable=False),
    )
    return (
        analyses,
        attachments,
        problems,
        nominees,
        criteria,
        criterion_evidence,
        criterion_terms,
        thread_references,
    )


(
    analyses,
    attachments,
    problems,
    nominees,
    criteria,
    criterion_evidence,
    criterion_terms,
    thread_references,
) = derived_tables(metadata)


def kept_tables(target: MetaData) -> tuple[Table, ...]:
    """What people decided and what was sent to them, as of schema version 5, on ``target``.

    Kept for ever like the mail itself: reprocessing never touches these.  ``reviews`` is
    a history (the newest row per message is its review); ``digests`` records every
    digest delivered or tried, and ``digest_messages`` which messages each one covered.
    """
    reviews = Table(
        "reviews",
        target,
        Column("id", Integer, primary_key=True),
        Column("ref", String(40), ForeignKey("messages.ref"), nullable=False),
        Column("status", String(20), nullable=False),
        Column("note", Text),
        Column("reviewer", Text, nullable=False),
        Column("reviewed_at", UTCDateTime, nullable=False),
        Index(None, "ref"),
    )
    digests = Table(
        "digests",
        target,
        Column("id", Integer, primary_key=True),
        # "mail" (sent to recipients) or "file" (written to a path).
        Column("channel", String(10), nullable=False),
        Column("final", Boolean, nullable=False),
        Column("made_at", UTCDateTime, nullable=False),
        Column("destination", Text, nullable=False),
        Column("subject", Text, nullable=False),
        Column("attempts", Integer, nullable=False),
        # Set once it was delivered; a digest without it never counts as the previous one.
        Column("delivered_at", UTCDateTime),
        Column("message_id", Text),
        Column("error", Text),
        Index(None, "channel", "delivered_at"),
    )
    digest_messages = Table(
        "digest_messages",
        target,
        Column("digest_id", Integer, ForeignKey("digests.id"), primary_key=True),
        Column("ref", String(40), primary_key=True),
    )
    return reviews, digests, digest_messages


reviews, digests, digest_messages = kept_tables(metadata)
