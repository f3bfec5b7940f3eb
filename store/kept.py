"""What people decided and what was sent to them: reviews and digests.

Both are kept for ever, apart from everything derived: reprocessing never touches them.
A review is a history, the newest row per message standing; a digest is recorded when it
is made, with the messages it covers, and counts as delivered only once that is set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from store.records import DigestRecord, ReviewRecord
from store.schema import digest_messages, digests, messages, reviews


class UnknownMessage(LookupError):
    """A review of a reference that names no filed message."""


def add_review(connection: Connection, review: ReviewRecord) -> None:
    known = connection.execute(select(messages.c.id).where(messages.c.ref == review.ref)).first()
    if known is None:
        raise UnknownMessage(review.ref)
    connection.execute(
        insert(reviews).values(
            ref=review.ref,
            status=review.status,
            note=review.note,
            reviewer=review.reviewer,
            reviewed_at=review.reviewed_at,
        )
    )


def load_reviews(
    connection: Connection, refs: Sequence[str] | None = None
) -> dict[str, list[ReviewRecord]]:
    """Each message's reviews, oldest first (the last one stands)."""
    query = select(reviews).order_by(reviews.c.reviewed_at, reviews.c.id)
    if refs is not None:
        query = query.where(reviews.c.ref.in_(list(refs)))
    found: dict[str, list[ReviewRecord]] = defaultdict(list)
    for row in connection.execute(query).mappings():
        found[row["ref"]].append(
            ReviewRecord(
                ref=row["ref"],
                status=row["status"],
                note=row["note"],
                reviewer=row["reviewer"],
                reviewed_at=row["reviewed_at"],
            )
        )
    return dict(found)


def start_digest(
    connection: Connection,
    *,
    channel: str,
    final: bool,
    made_at: datetime,
    destination: str,
    subject: str,
    covered: Iterable[str],
) -> int:
    """Record a digest about to be delivered; its id."""
    inserted = connection.execute(
        insert(digests).values(
            channel=channel,
            final=final,
            made_at=made_at,
            destination=destination,
            subject=subject,
            attempts=0,
        )
    ).inserted_primary_key
    assert inserted is not None
    digest_id = inserted[0]
    rows = [{"digest_id": digest_id, "ref": ref} for ref in sorted(set(covered))]
    if rows:
        connection.execute(insert(digest_messages), rows)
    return int(digest_id)


def digest_attempted(
    connection: Connection,
    digest_id: int,
    *,
    attempts: int,
    delivered_at: datetime | None = None,
    message_id: str | None = None,
    error: str | None = None,
) -> None:
    connection.execute(
        update(digests)
        .where(digests.c.id == digest_id)
        .values(attempts=attempts, delivered_at=delivered_at, message_id=message_id, error=error)
    )


def last_delivered(connection: Connection, channel: str) -> DigestRecord | None:
    """The newest digest delivered on ``channel``, with what it covered."""
    row = (
        connection.execute(
            select(digests)
            .where(digests.c.channel == channel, digests.c.delivered_at.is_not(None))
            .order_by(digests.c.delivered_at.desc(), digests.c.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return None if row is None else _digest(connection, row)


def _digest(connection: Connection, row: object) -> DigestRecord:
    values = dict(row)  # type: ignore[call-overload]
    covered = connection.execute(
        select(digest_messages.c.ref).where(digest_messages.c.digest_id == values["id"])
    ).scalars()
    return DigestRecord(
        id=values["id"],
        channel=values["channel"],
        final=bool(values["final"]),
        made_at=values["made_at"],
        destination=values["destination"],
        subject=values["subject"],
        attempts=values["attempts"],
        delivered_at=values["delivered_at"],
        message_id=values["message_id"],
        error=values["error"],
        covered=frozenset(covered),
    )
