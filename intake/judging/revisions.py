"""Which version of a nomination counts: revisions, duplicates, late versions.

Only nominations take part (correspondence, auto-replies, bounces and the like never
do).  Applied in order of receipt, per sender (the address, compared without case) and
per nominee the nomination *names* (a nominee inferred from the sender alone names
nothing):

- the same content from the same sender again (another Message-ID, same text and
  documents; or the earlier mail forwarded again with a note, "voor de zekerheid") is a
  **duplicate** of the first;
- a later **substantive** nomination (one that carries a document or nomination text:
  :func:`~intake.judging.judgements.is_substantive`), **on time**, from the same sender
  for the same nominee **supersedes** the version before: both are kept and the chain is
  shown.  A joint nomination supersedes a version that named any of its nominees;
- a nomination without substance ("zie bijlage" without the bijlage) replaces nothing:
  it stands beside the version before, and a later substantive one replaces both;
- a **late** version never supersedes an on-time one: it is a **late revision** for the
  coordinator to see, and the on-time version still counts;
- one sender nominating two municipalities, or two senders the same one: all stand.

Every standing carries its reason (:attr:`Standing.reason`), e.g. "supersedes KCO-0003:
same sender, same nominee, later and on time".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

CURRENT = "current"
SUPERSEDED = "superseded"
DUPLICATE = "duplicate"
LATE_REVISION = "late-revision"

# Why a nomination stands as it does: the reasons people read (texts "standing.<reason>").
FIRST = "first"
"""The first version of this sender for these nominees."""
SUPERSEDES = "supersedes"
"""Replaces ``ref``: same sender, same nominee, later and on time."""
SUPERSEDED_BY = "superseded-by"
"""Replaced by ``ref``: same sender, same nominee, later and on time."""
DUPLICATE_OF = "duplicate-of"
"""The same text and documents as ``ref``, from the same sender."""
LATE_REVISION_OF = "late-revision-of"
"""A later version of ``ref``, but received after the deadline: ``ref`` still counts."""
NOT_SUBSTANTIVE = "not-substantive"
"""Later than ``ref``, but without a document or nomination text: it replaces nothing."""
NO_NOMINEE = "no-nominee"
"""Names no nominee (at most one inferred from the sender), so it replaces nothing."""


@dataclass(frozen=True, slots=True)
class Submission:
    """What the revision rules need to know of one filed message."""

    ref: str
    received_at: datetime | None
    on_time: bool | None
    is_nomination: bool
    sender: str | None
    nominees: frozenset[str]
    """The nominees the message names (not those only inferred from the sender)."""
    content_key: str | None
    substantive: bool = True
    forwarded_key: str | None = None
    """For a forward: the content key of the message it forwards."""


@dataclass(slots=True)
class Standing:
    """Where one message stands among the versions; ``status`` None: not a nomination."""

    status: str | None = CURRENT
    reason: str | None = FIRST
    reason_ref: str | None = None
    """The other message the reason speaks of."""
    supersedes: str | None = None
    superseded_by: str | None = None
    duplicate_of: str | None = None
    late_revision_of: str | None = None
    """An on-time version this late message would have replaced."""
    duplicates: list[str] = field(default_factory=list)


def standings(submissions: Sequence[Submission]) -> dict[str, Standing]:
    """The standing of every message, by reference."""
    result = {
        s.ref: Standing() if s.is_nomination else Standing(status=None, reason=None)
        for s in submissions
    }
    first_with_content: dict[tuple[str, str], str] = {}
    heads: dict[tuple[str, str], Submission] = {}  # (sender, nominee) → the version that counts
    for submission in sorted(submissions, key=_receipt_order):
        if not submission.is_nomination or submission.sender is None:
            continue
        sender = submission.sender.lower()
        standing = result[submission.ref]
        keys = [k for k in (submission.content_key, submission.forwarded_key) if k]
        original = next(
            (first_with_content[(sender, k)] for k in keys if (sender, k) in first_with_content),
            None,
        )
        if original is not None:
            _set(standing, DUPLICATE, DUPLICATE_OF, original)
            standing.duplicate_of = original
            result[original].duplicates.append(submission.ref)
            continue
        if submission.content_key is not None:
            first_with_content[(sender, submission.content_key)] = submission.ref
        if not submission.nominees:
            _set(standing, CURRENT, NO_NOMINEE, None)
            continue
        chains = [(sender, code) for code in sorted(submission.nominees)]
        earlier = [heads[chain] for chain in chains if chain in heads]
        previous = max(earlier, key=_receipt_order) if earlier else None
        if previous is None:
            for chain in chains:
                heads[chain] = submission
            continue
        if previous.on_time and not submission.on_time:
            _set(standing, LATE_REVISION, LATE_REVISION_OF, previous.ref)
            standing.late_revision_of = previous.ref
            continue
        if not submission.substantive:
            _set(standing, CURRENT, NOT_SUBSTANTIVE, previous.ref)
            continue
        for replaced in {head.ref for head in earlier}:
            _set(result[replaced], SUPERSEDED, SUPERSEDED_BY, submission.ref)
            result[replaced].superseded_by = submission.ref
        _set(standing, CURRENT, SUPERSEDES, previous.ref)
        standing.supersedes = previous.ref
        for chain in chains:
            heads[chain] = submission
        _supersede_the_unsubstantial(result, submissions, submission, sender)
    return result


def _supersede_the_unsubstantial(
    result: dict[str, Standing],
    submissions: Sequence[Submission],
    replacing: Submission,
    sender: str,
) -> None:
    """Versions without substance that stood beside the one now replaced go with it."""
    for other in submissions:
        standing = result[other.ref]
        if (
            standing.reason == NOT_SUBSTANTIVE
            and other.sender is not None
            and other.sender.lower() == sender
            and other.nominees & replacing.nominees
            and _receipt_order(other) < _receipt_order(replacing)
        ):
            _set(standing, SUPERSEDED, SUPERSEDED_BY, replacing.ref)
            standing.superseded_by = replacing.ref


def _set(standing: Standing, status: str, reason: str, ref: str | None) -> None:
    standing.status, standing.reason, standing.reason_ref = status, reason, ref


def _receipt_order(submission: Submission) -> tuple[bool, datetime | str, str]:
    # Unknown receipt times sort last; the reference breaks ties in filing order.
    if submission.received_at is None:
        return (True, submission.ref, submission.ref)
    return (False, submission.received_at, submission.ref)
