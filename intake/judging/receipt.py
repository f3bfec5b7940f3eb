"""Receipt time and the deadline verdict.

The time that counts is when *our* server received the message.  Precedence:

1. IMAP INTERNALDATE (``imap-internaldate``), set by our server on delivery;
2. for backfill, the topmost ``Received:`` header (``received-header``), the last hop;
3. the mbox ``From_`` line or the Maildir delivery stamp (``mbox-envelope``,
   ``maildir-delivery``), the file's own envelope date;
4. the sender's ``Date:`` header (``date-header``): the sender's clock, only when nothing
   else exists, and always labelled as such.

A verdict without any of these is not guessed: ``on_time`` is then unknown (None).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo


class ReceivedSource(StrEnum):
    """Where a receipt time came from, strongest first."""

    IMAP_INTERNALDATE = "imap-internaldate"
    RECEIVED_HEADER = "received-header"
    MBOX_ENVELOPE = "mbox-envelope"
    MAILDIR_DELIVERY = "maildir-delivery"
    DATE_HEADER = "date-header"


@dataclass(frozen=True, slots=True)
class Receipt:
    """When a message was received, and the evidence for it."""

    at: datetime | None
    source: ReceivedSource | None


@dataclass(frozen=True, slots=True)
class ReceiptCandidates:
    """Every receipt-time fact known of one message."""

    internaldate: datetime | None = None
    received_header: datetime | None = None
    envelope: datetime | None = None
    envelope_source: ReceivedSource | None = None
    date_header: datetime | None = None


def choose_receipt(candidates: ReceiptCandidates) -> Receipt:
    """Pick the receipt time by precedence (see the module docstring)."""
    if candidates.internaldate is not None:
        return Receipt(candidates.internaldate, ReceivedSource.IMAP_INTERNALDATE)
    if candidates.received_header is not None:
        return Receipt(candidates.received_header, ReceivedSource.RECEIVED_HEADER)
    if candidates.envelope is not None:
        return Receipt(
            candidates.envelope, candidates.envelope_source or ReceivedSource.MBOX_ENVELOPE
        )
    if candidates.date_header is not None:
        return Receipt(candidates.date_header, ReceivedSource.DATE_HEADER)
    return Receipt(None, None)


@dataclass(frozen=True, slots=True)
class Timeliness:
    """The deadline verdict of one message."""

    received_at: datetime | None
    """The receipt time in the campaign's time zone."""
    source: ReceivedSource | None
    deadline: datetime
    on_time: bool | None
    """None when no receipt time is known: never guessed."""
    late_by_seconds: int | None
    """0 when on time; whole seconds past the deadline, rounded up, when late; None when
    unknown.  Within a grace period a message is on time but still late by N seconds."""
    grace_seconds: int = 0


def judge_timeliness(
    receipt: Receipt, deadline: datetime, timezone: ZoneInfo, grace_seconds: int = 0
) -> Timeliness:
    """On time means received at or before the deadline plus any grace period."""
    if receipt.at is None:
        return Timeliness(None, None, deadline, None, None, grace_seconds)
    if receipt.at.tzinfo is None or receipt.at.utcoffset() is None:
        raise ValueError("receipt times must be timezone-aware")
    received = receipt.at.astimezone(timezone)
    # In UTC: two datetimes sharing one tzinfo subtract as wall clocks, blind to DST.
    delta = (receipt.at.astimezone(UTC) - deadline.astimezone(UTC)).total_seconds()
    late_by = max(0, math.ceil(delta))
    return Timeliness(
        received, receipt.source, deadline, delta <= grace_seconds, late_by, grace_seconds
    )


def clock_skew_seconds(sent: datetime | None, received: datetime | None) -> int | None:
    """How far our receipt time is after the sender's Date (negative: before it)."""
    if sent is None or received is None:
        return None
    return round((received.astimezone(UTC) - sent.astimezone(UTC)).total_seconds())


SENDER_CLOCK = "receipt-from-sender-clock"
NO_RECEIPT_TIME = "no-receipt-time"


def receipt_doubts(receipt: Receipt) -> tuple[tuple[str, str], ...]:
    """``(code, detail)`` when a receipt time rests on the sender's clock or is unknown."""
    if receipt.source is ReceivedSource.DATE_HEADER:
        return ((SENDER_CLOCK, "no receipt time from a server: the sender's Date header is used"),)
    if receipt.source is None:
        return ((NO_RECEIPT_TIME, "no receipt time could be established"),)
    return ()
