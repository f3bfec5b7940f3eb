"""Filing: a message's raw bytes and its row, once, under a reference of its own."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy import exc as sa_exc

from store.engine import reason
from store.imap import advance_checkpoint, location_ref, place_is, place_values, record_failure
from store.records import Filing, MailboxPlace, MessageRecord
from store.schema import counters, imap_failures, imap_locations, messages, raw_messages

log = logging.getLogger(__name__)


def file_message(connection: Connection, record: MessageRecord, ref_prefix: str) -> Filing:
    """File one message (backfill); a message filed before is reported as a duplicate."""
    _pk, filing = _file(connection, record, ref_prefix)
    return filing


def file_imap_batch(
    connection: Connection,
    place: MailboxPlace,
    items: Sequence[tuple[int, MessageRecord]],
    last_uid: int,
    ref_prefix: str,
) -> dict[int, Filing | str]:
    """File a batch fetched from one folder and advance its checkpoint, in the caller's
    transaction.

    Returns, per UID, its :class:`Filing` or the reason it could not be filed; a UID
    that fails is recorded in ``imap_failures`` (in the same transaction) so the next
    poll fetches it again, while the rest of the batch is filed.
    """
    now = datetime.now(UTC)
    outcome: dict[int, Filing | str] = {}
    for uid, record in items:
        try:
            with connection.begin_nested():
                known = location_ref(connection, place, uid)
                if known is not None:
                    # Filed already, e.g. by a concurrent poll of the same folder.
                    outcome[uid] = Filing(ref=known, duplicate=True)
                    continue
                pk, filing = _file(connection, record, ref_prefix)
                connection.execute(
                    insert(imap_locations).values(
                        **place_values(place), uid=uid, message_pk=pk, marked=False, seen_at=now
                    )
                )
        except sa_exc.SQLAlchemyError as exc:
            why = reason(exc)
            log.error("cannot file UID %s of %s: %s", uid, place.folder, why)
            record_failure(connection, place, uid, why, now)
            outcome[uid] = why
            continue
        connection.execute(
            delete(imap_failures).where(*place_is(imap_failures, place), imap_failures.c.uid == uid)
        )
        outcome[uid] = filing
    advance_checkpoint(connection, place, last_uid, now)
    return outcome


def _file(connection: Connection, record: MessageRecord, ref_prefix: str) -> tuple[int, Filing]:
    existing = connection.execute(
        select(messages.c.id, messages.c.ref).where(messages.c.dedupe_key == record.dedupe_key)
    ).first()
    if existing is not None:
        return int(existing.id), Filing(ref=existing.ref, duplicate=True)
    has_raw = connection.execute(
        select(raw_messages.c.sha256).where(raw_messages.c.sha256 == record.raw_sha256)
    ).first()
    if has_raw is None:
        connection.execute(
            insert(raw_messages).values(
                sha256=record.raw_sha256, size=len(record.raw), raw=record.raw
            )
        )
    number = connection.execute(
        update(counters)
        .where(counters.c.name == "ref")
        .values(value=counters.c.value + 1)
        .returning(counters.c.value)
    ).scalar_one()
    ref = f"{ref_prefix}-{number:04d}"
    pk = connection.execute(
        insert(messages)
        .values(
            ref=ref,
            dedupe_key=record.dedupe_key,
            raw_sha256=record.raw_sha256,
            size=len(record.raw),
            message_id=record.message_id,
            internaldate=record.internaldate,
            envelope_at=record.envelope_at,
            envelope_source=record.envelope_source,
            received_at=record.received_at,
            received_source=record.received_source,
            origin=record.origin,
            origin_detail=record.origin_detail,
            filed_at=datetime.now(UTC),
        )
        .returning(messages.c.id)
    ).scalar_one()
    return int(pk), Filing(ref=ref, duplicate=False)
