"""Which version of a nomination counts: revisions and duplicates.

Rules, applied to nominations in order of receipt:

- the same content from the same sender again (another Message-ID, same text and
  documents) is a **duplicate** of the first;
- a later **on-time** message from the same sender for the same nominee(s) supersedes
  the earlier one: both are kept and the chain is shown;
- a **late** message never supersedes an on-time one; it is flagged as a late revision
  for the coordinator instead.

Auto-replies, bounces and the like take no part.  The sender is the address, compared
without case: an organisation writing from two addresses makes two chains, which the
coordinator sees side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

NEW = "new"
SUPERSEDED = "superseded"
DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class Submission:
    """What the revision rules need to know of one filed message."""

    ref: str
    received_at: datetime | None
    on_time: bool | None
    is_nomination: bool
    sender: str | None
    nominees: frozenset[str]
    content_key: str | None


@dataclass(slots=True)
class Standing:
    """Where one message stands among the versions."""

    status: str = NEW
    supersedes: str | None = None
    superseded_by: str | None = None
    duplicate_of: str | None = None
    late_revision_of: str | None = None
    """An on-time version this late message would have replaced."""
    duplicates: list[str] = field(default_factory=list)


def standings(submissions: Sequence[Submission]) -> dict[str, Standing]:
    """The standing of every message, by reference."""
    result = {s.ref: Standing() for s in submissions}
    first_with_content: dict[tuple[str, str], str] = {}
    latest: dict[tuple[str, frozenset[str]], Submission] = {}
    for submission in sorted(submissions, key=_receipt_order):
        if not submission.is_nomination or submission.sender is None:
            continue
        sender = submission.sender.lower()
        standing = result[submission.ref]
        if submission.content_key is not None:
            key = (sender, submission.content_key)
            original = first_with_content.get(key)
            if original is not None:
                standing.status = DUPLICATE
                standing.duplicate_of = original
                result[original].duplicates.append(submission.ref)
                continue
            first_with_content[key] = submission.ref
        if not submission.nominees:
            continue
        chain = (sender, submission.nominees)
        previous = latest.get(chain)
        if previous is not None and previous.on_time and not submission.on_time:
            standing.late_revision_of = previous.ref
            continue
        if previous is not None:
            standing.supersedes = previous.ref
            result[previous.ref].superseded_by = submission.ref
            result[previous.ref].status = SUPERSEDED
        latest[chain] = submission
    return result


def _receipt_order(submission: Submission) -> tuple[bool, datetime | str, str]:
    # Unknown receipt times sort last; the reference breaks ties in filing order.
    if submission.received_at is None:
        return (True, submission.ref, submission.ref)
    return (False, submission.received_at, submission.ref)
