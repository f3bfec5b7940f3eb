"""Turn raw bytes and what their source knows into a record to file.

Filing reads no MIME: only the Message-ID and a content fingerprint (one pass over the
header lines, :func:`parsers.envelope.identify`), so a message is safely stored before
anything can go wrong reading it.  The header facts and the receipt time that our own
Received header gives are read later, with the rest of the message, in a worker.

:class:`ReceivingHosts` notes, from the header lines too, whose Received headers the mail
carries, so that a run can say when ``[trust] receiving_hosts`` names no host the mail
has seen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from intake.judging.receipt import ReceiptCandidates, ReceivedSource, choose_receipt
from parsers.envelope import identify, is_trusted_host, received_hosts
from store import MessageRecord

MAX_HOSTS_SHOWN = 5


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


@dataclass(slots=True)
class ReceivingHosts:
    """Whose ``Received:`` headers the mail of one run carries, against ``[trust]
    receiving_hosts``.

    A receiving host that no header names (a placeholder, a typing error, the wrong one of
    the server's names) silently takes every receipt time from a Received header away; so
    each message filed is noted here, and a run that saw Received headers but none by a
    configured host says which hosts it did see.
    """

    configured: tuple[str, ...] = ()
    """``[trust] receiving_hosts``."""
    matched: int = 0
    """Messages with a Received header by a configured host."""
    unmatched: Counter[str] = field(default_factory=Counter)
    """For each message with Received headers but none by a configured host: the host of
    its topmost one, the hop that a receiving host is most likely to be."""

    def note(self, raw: bytes) -> None:
        """Note the Received headers of one message (its header lines only)."""
        if not self.configured:
            return  # the topmost header counts: nothing to match
        hosts = received_hosts(raw)
        if not hosts:
            return
        if any(is_trusted_host(host, self.configured) for host in hosts):
            self.matched += 1
        else:
            self.unmatched[hosts[0]] += 1

    @property
    def seen_instead(self) -> tuple[str, ...]:
        """The hosts seen, the most frequent first (a few), when receiving hosts are
        configured and no message had a header by one of them; else empty: nothing to say."""
        if self.matched or not self.unmatched:
            return ()
        return tuple(host for host, _ in self.unmatched.most_common(MAX_HOSTS_SHOWN))

    @property
    def messages_unmatched(self) -> int:
        return sum(self.unmatched.values())
