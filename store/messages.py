"""Filed messages: listing, finding, their raw bytes and their header facts."""

from __future__ import annotations

from sqlalchemy import Connection, RowMapping, func, select, union_all, update

from store.records import EnvelopeUpdate, StoredMessage
from store.schema import messages, raw_messages

_LISTED = (
    messages.c.ref,
    messages.c.raw_sha256,
    messages.c.size,
    messages.c.message_id,
    messages.c.from_header,
    messages.c.subject,
    messages.c.date_header,
    messages.c.date_header_at,
    messages.c.received_header_at,
    messages.c.internaldate,
    messages.c.envelope_at,
    messages.c.received_at,
    messages.c.received_source,
    messages.c.envelope_source,
    messages.c.origin,
    messages.c.origin_detail,
    messages.c.filed_at,
    messages.c.analysis_version,
)


def list_messages(connection: Connection) -> list[StoredMessage]:
    """Every filed message, in filing order."""
    rows = connection.execute(select(*_LISTED).order_by(messages.c.id))
    return [_stored(row._mapping) for row in rows]


def get_message(connection: Connection, ref: str) -> StoredMessage | None:
    row = connection.execute(select(*_LISTED).where(messages.c.ref == ref)).first()
    return None if row is None else _stored(row._mapping)


def raw_message(connection: Connection, ref: str) -> bytes | None:
    """The raw RFC 822 bytes of a filed message, exactly as received."""
    value = connection.execute(
        select(raw_messages.c.raw)
        .join(messages, messages.c.raw_sha256 == raw_messages.c.sha256)
        .where(messages.c.ref == ref)
    ).scalar()
    return None if value is None else bytes(value)


def count_messages(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(messages)).scalar_one())


def refs_to_analyse(connection: Connection, version: int) -> list[str]:
    """References whose analysis is missing or older than ``version``, in filing order."""
    # Two index lookups rather than one OR, which would scan every message on every
    # poll: this query runs even when nothing is new.
    missing = select(messages.c.id, messages.c.ref).where(messages.c.analysis_version.is_(None))
    older = select(messages.c.id, messages.c.ref).where(messages.c.analysis_version < version)
    rows = connection.execute(union_all(missing, older)).all()
    return [str(row.ref) for row in sorted(rows, key=lambda row: row.id)]


def all_refs(connection: Connection) -> list[str]:
    return [
        str(ref)
        for ref in connection.execute(select(messages.c.ref).order_by(messages.c.id)).scalars()
    ]


def message_pk(connection: Connection, ref: str) -> int | None:
    value = connection.execute(select(messages.c.id).where(messages.c.ref == ref)).scalar()
    return None if value is None else int(value)


def update_envelope(connection: Connection, pk: int, envelope: EnvelopeUpdate) -> None:
    """Store the header facts read from the raw message, and the receipt time chosen."""
    connection.execute(
        update(messages)
        .where(messages.c.id == pk)
        .values(
            message_id=envelope.message_id,
            from_header=envelope.from_header,
            subject=envelope.subject,
            date_header=envelope.date_header,
            date_header_at=envelope.date_header_at,
            received_header_at=envelope.received_header_at,
            received_at=envelope.received_at,
            received_source=envelope.received_source,
        )
    )


def _stored(row: RowMapping) -> StoredMessage:
    return StoredMessage(**dict(row))
