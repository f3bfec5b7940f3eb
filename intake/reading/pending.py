"""Read the filed messages that need it, and store what was read and judged.

Run after filing (``intake poll``, ``intake import``) and by ``intake reprocess``: the
messages never read, or read by an older version of the program, or the ones named.
One message that cannot be read or judged becomes a problem on that message, never the
end of the run: the report names it as needing attention.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from intake.config import Settings
from intake.errors import StoreUnavailable
from intake.reading.reader import MessageRead, MessageReader
from intake.reading.records import ANALYSIS_VERSION, analysis_record, envelope_update
from parsers.model import Problem, ProblemCode
from parsers.reading import unread
from store import Store, StoredMessage, StoreError

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ReadReport:
    """What one round of reading did."""

    read: list[str] = field(default_factory=list)
    """References of the messages read and stored."""
    attention: list[str] = field(default_factory=list)
    """References of those where a step failed: each has the problem recorded on it."""


def read_pending(settings: Settings, store: Store, refs: Sequence[str] | None = None) -> ReadReport:
    """Read the messages named (default: those never read, or read by older versions)."""
    report = ReadReport()
    try:
        todo = list(refs) if refs is not None else store.refs_to_analyse(ANALYSIS_VERSION)
        if not todo:
            return report
        log.info("reading %d message(s)", len(todo))
        filed: dict[str, StoredMessage] = {}
        with MessageReader(settings) as reader:
            for ref, result in reader.read(_raw_messages(store, todo, filed)):
                failed = _save(store, filed.pop(ref), result)
                report.read.append(ref)
                if failed:
                    report.attention.append(ref)
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc
    return report


def _raw_messages(
    store: Store, refs: Sequence[str], filed: dict[str, StoredMessage]
) -> Iterator[tuple[str, bytes]]:
    """Each raw message once; its filed facts wait in ``filed`` until it is saved."""
    for ref in refs:
        message = store.get_message(ref)
        raw = store.raw_message(ref)
        if message is None or raw is None:
            log.warning("%s is no longer in the store", ref)
            continue
        filed[ref] = message
        yield ref, raw


def _save(store: Store, message: StoredMessage, result: MessageRead) -> bool:
    """Store one message's reading; True when it needs attention."""
    try:
        envelope, doubts = envelope_update(message, result.reading.envelope)
        record = analysis_record(
            result.reading, result.judgements, failed=result.failed, receipt_problems=doubts
        )
        store.save_reading(message.ref, envelope, record)
        return result.failed
    except Exception as exc:  # one message's records must not stop the others
        log.exception("%s: storing what was read failed", message.ref)
        reason = (
            "storing what was read" if isinstance(exc, StoreError) else "an error in the program"
        )
        problem = Problem(ProblemCode.CRASHED, f"{reason} (the log has the details)")
        # The header facts stored before (and the receipt time) stay as they were.
        fallback = analysis_record(unread([problem]), None, failed=True, receipt_problems=[])
        store.save_reading(message.ref, None, fallback)  # a store that fails again is down
        return True
