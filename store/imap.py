"""IMAP bookkeeping: checkpoints per folder, where each message was seen, what failed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from store.records import FailedUid, MailboxPlace
from store.schema import imap_checkpoints, imap_failures, imap_locations, messages


def checkpoint(connection: Connection, place: MailboxPlace) -> int | None:
    """The highest UID filed in this folder at this UIDVALIDITY, or None if never polled."""
    value = connection.execute(
        select(imap_checkpoints.c.last_uid).where(*place_is(imap_checkpoints, place))
    ).scalar()
    return None if value is None else int(value)


def has_other_uidvalidity(connection: Connection, place: MailboxPlace) -> bool:
    """Whether this folder has a checkpoint under another UIDVALIDITY."""
    row = connection.execute(
        select(imap_checkpoints.c.uidvalidity)
        .where(
            imap_checkpoints.c.account == place.account,
            imap_checkpoints.c.folder == place.folder,
            imap_checkpoints.c.uidvalidity != place.uidvalidity,
        )
        .limit(1)
    ).first()
    return row is not None


def advance_checkpoint(
    connection: Connection, place: MailboxPlace, last_uid: int, now: datetime
) -> None:
    current = checkpoint(connection, place)
    if current is None:
        connection.execute(
            insert(imap_checkpoints).values(
                **place_values(place), last_uid=last_uid, updated_at=now
            )
        )
    elif last_uid > current:
        connection.execute(
            update(imap_checkpoints)
            .where(*place_is(imap_checkpoints, place))
            .values(last_uid=last_uid, updated_at=now)
        )


def unmarked_uids(connection: Connection, place: MailboxPlace) -> list[int]:
    """UIDs filed but not yet marked on the server (a crash came between the two)."""
    rows = connection.execute(
        select(imap_locations.c.uid)
        .where(*place_is(imap_locations, place), imap_locations.c.marked.is_(False))
        .order_by(imap_locations.c.uid)
    )
    return [int(row.uid) for row in rows]


def mark_uids(connection: Connection, place: MailboxPlace, uids: Sequence[int]) -> None:
    """Note that these UIDs now carry the filed keyword on the server."""
    for chunk in _chunks(list(uids), 500):
        connection.execute(
            update(imap_locations)
            .where(*place_is(imap_locations, place), imap_locations.c.uid.in_(chunk))
            .values(marked=True)
        )


def failures(connection: Connection, place: MailboxPlace) -> list[FailedUid]:
    rows = connection.execute(
        select(imap_failures).where(*place_is(imap_failures, place)).order_by(imap_failures.c.uid)
    )
    return [
        FailedUid(
            uid=row.uid,
            error=row.error,
            attempts=row.attempts,
            first_failed_at=row.first_failed_at,
            last_failed_at=row.last_failed_at,
        )
        for row in rows
    ]


def record_failure(
    connection: Connection, place: MailboxPlace, uid: int, reason: str, now: datetime
) -> None:
    updated = connection.execute(
        update(imap_failures)
        .where(*place_is(imap_failures, place), imap_failures.c.uid == uid)
        .values(error=reason, attempts=imap_failures.c.attempts + 1, last_failed_at=now)
    ).rowcount
    if not updated:
        connection.execute(
            insert(imap_failures).values(
                **place_values(place),
                uid=uid,
                error=reason,
                attempts=1,
                first_failed_at=now,
                last_failed_at=now,
            )
        )


def location_ref(connection: Connection, place: MailboxPlace, uid: int) -> str | None:
    """The reference of the message filed from this UID, if any."""
    value = connection.execute(
        select(messages.c.ref)
        .join(imap_locations, imap_locations.c.message_pk == messages.c.id)
        .where(*place_is(imap_locations, place), imap_locations.c.uid == uid)
    ).scalar()
    return None if value is None else str(value)


def locations(connection: Connection, ref: str) -> list[tuple[MailboxPlace, int, bool]]:
    """Where on the IMAP server this message was seen: (place, uid, marked)."""
    rows = connection.execute(
        select(imap_locations)
        .join(messages, messages.c.id == imap_locations.c.message_pk)
        .where(messages.c.ref == ref)
        .order_by(imap_locations.c.seen_at)
    )
    return [
        (MailboxPlace(row.account, row.folder, row.uidvalidity), row.uid, row.marked)
        for row in rows
    ]


def place_values(place: MailboxPlace) -> dict[str, object]:
    return {"account": place.account, "folder": place.folder, "uidvalidity": place.uidvalidity}


def place_is(table: Any, place: MailboxPlace) -> tuple[Any, ...]:
    return (
        table.c.account == place.account,
        table.c.folder == place.folder,
        table.c.uidvalidity == place.uidvalidity,
    )


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
