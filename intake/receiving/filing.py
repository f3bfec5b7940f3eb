"""Turn raw bytes and what their source knows into a record to file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from intake.judging.receipt import ReceiptCandidates, ReceivedSource, choose_receipt
from parsers.envelope import dedupe_key, raw_sha256, read_envelope
from store import MessageRecord


def build_record(
    raw: bytes,
    *,
    origin: str,
    origin_detail: str,
    internaldate: datetime | None = None,
    envelope_at: datetime | None = None,
    envelope_source: ReceivedSource | None = None,
    trusted_hosts: Sequence[str] = (),
) -> MessageRecord:
    """Read the envelope of ``raw`` and decide its receipt time; never raises on bad mail."""
    envelope = read_envelope(raw, trusted_hosts)
    receipt = choose_receipt(
        ReceiptCandidates(
            internaldate=internaldate,
            received_header=envelope.received_header_at,
            envelope=envelope_at,
            envelope_source=envelope_source,
            date_header=envelope.date_header_at,
        )
    )
    problems = [{"code": p.code, "detail": p.detail} for p in envelope.problems]
    if receipt.source is ReceivedSource.DATE_HEADER:
        problems.append(
            {
                "code": "receipt-from-sender-clock",
                "detail": "no receipt time from a server: the sender's Date header is used",
            }
        )
    elif receipt.source is None:
        problems.append(
            {"code": "no-receipt-time", "detail": "no receipt time could be established"}
        )
    return MessageRecord(
        raw=raw,
        raw_sha256=raw_sha256(raw),
        dedupe_key=dedupe_key(raw, envelope.message_id),
        origin=origin,
        origin_detail=origin_detail,
        message_id=envelope.message_id,
        from_header=envelope.from_header,
        subject=envelope.subject,
        date_header=envelope.date_header,
        date_header_at=envelope.date_header_at,
        received_header_at=envelope.received_header_at,
        internaldate=internaldate,
        envelope_at=envelope_at,
        received_at=receipt.at,
        received_source=receipt.source.value if receipt.source else None,
        envelope_source=envelope_source.value if envelope_source else None,
        problems_json=json.dumps(problems, ensure_ascii=False),
    )
