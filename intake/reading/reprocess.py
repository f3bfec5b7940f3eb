"""Rebuild everything derived from the stored raw mail, when the parsers improve.

The raw bytes, the receipt facts only the mail server knew (INTERNALDATE, the file's
envelope date) and the filing identity (reference, dedupe key) stay; the header facts,
the receipt-time choice, the text, attachments, pages and problems are derived anew.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from intake.config import Settings
from intake.errors import StoreUnavailable
from intake.judging.receipt import ReceivedSource
from intake.reading.analysis import analyse_pending
from intake.receiving.filing import build_record
from store import EnvelopeUpdate, Store, StoreError

log = logging.getLogger(__name__)


def reprocess(settings: Settings, store: Store, refs: Sequence[str] | None = None) -> int:
    """Re-derive the messages named, or (None) those whose analysis is missing or old."""
    try:
        if refs is not None:
            for ref in refs:
                _reread_envelope(store, ref, settings.trust.receiving_hosts)
        return analyse_pending(settings, store, refs)
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc


def _reread_envelope(store: Store, ref: str, trusted_hosts: Sequence[str]) -> None:
    message = store.get_message(ref)
    raw = store.raw_message(ref)
    if message is None or raw is None:
        return
    source = ReceivedSource(message.envelope_source) if message.envelope_source else None
    record = build_record(
        raw,
        origin=message.origin,
        origin_detail=message.origin_detail,
        internaldate=message.internaldate,
        envelope_at=message.envelope_at,
        envelope_source=source,
        trusted_hosts=trusted_hosts,
    )
    if record.received_source != message.received_source:
        log.warning(
            "%s: receipt time now taken from %s (was %s)",
            ref,
            record.received_source,
            message.received_source,
        )
    store.update_envelope(
        ref,
        EnvelopeUpdate(
            message_id=record.message_id,
            from_header=record.from_header,
            subject=record.subject,
            date_header=record.date_header,
            date_header_at=record.date_header_at,
            received_header_at=record.received_header_at,
            received_at=record.received_at,
            received_source=record.received_source,
            problems_json=record.problems_json or json.dumps([]),
        ),
    )
