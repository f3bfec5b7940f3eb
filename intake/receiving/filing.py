"""Turn raw bytes and what their source knows into a record to file.

Filing reads no MIME: only the Message-ID and a content fingerprint (one pass over the
header lines, :func:`parsers.envelope.identify`), so a message is safely stored before
anything can go wrong reading it.  The header facts and the receipt time that our own
Received header gives are read later, with the rest of the message, in a worker.
"""

from __future__ import annotations

from datetime import datetime

from intake.judging.receipt import ReceiptCandidates, ReceivedSource, choose_receipt
from parsers.envelope import identify
from store import MessageRecord


def build_record(
    raw: bytes,
    *,
    origin: str,
    origin_detail: str,
    internaldate: datetime | None = None,
    envelope_at: datetime | None = None,
    envelope_source: ReceivedSource | None = None,
) -> MessageRecord:
    """The record that files ``raw``; never raises on bad mail."""
    identity = identify(raw)
    receipt = choose_receipt(
        ReceiptCandidates(
            internaldate=internaldate, envelope=envelope_at, envelope_source=envelope_source
        )
    )
    return MessageRecord(
        raw=raw,
        raw_sha256=identity.sha256,
        dedupe_key=identity.dedupe_key,
        origin=origin,
        origin_detail=origin_detail,
        message_id=identity.message_id,
        internaldate=internaldate,
        envelope_at=envelope_at,
        envelope_source=envelope_source.value if envelope_source else None,
        received_at=receipt.at,
        received_source=receipt.source.value if receipt.source else None,
    )
