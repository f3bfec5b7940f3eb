"""Which nomination a piece of correspondence concerns.

Correspondence (a question, a follow-up, thanks; :mod:`intake.judging.correspondence`)
is shown beside the nomination it is about.  That nomination is found the way a person
would find it:

1. by the thread: the first message the mail replies to (``In-Reply-To``, then
   ``References`` from the newest back) that is a filed nomination — or a piece of
   correspondence whose nomination is known;
2. a cover note whose document was forgotten concerns the nomination sent after it:
   the one that replies to it, else the sender's next one;
3. else by the sender: that address's nominations received before it, preferring one
   whose nominee the mail names, then one that counts (not superseded), then the latest;
4. else by the municipality it names, when exactly one nomination received before it
   nominates that municipality (a council thanking for the nomination a municipality
   forwarded for it).

A question about the call asked before the sender nominated concerns none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Message:
    """What linking needs to know of one filed message."""

    ref: str
    message_id: str | None
    received_at: datetime | None
    kind: str | None
    sender: str | None
    nominees: frozenset[str]
    """The municipalities it names."""
    references: tuple[str, ...]
    counts: bool = True
    """For a nomination: it is the version that counts (not superseded or a duplicate)."""
    cover_note: bool = False
    """For correspondence: it says a document is enclosed that is not there (the
    nomination it covers may follow, as a resend)."""


def concerns(
    messages: Sequence[Message], *, nomination: str, correspondence: str
) -> dict[str, str]:
    """For each piece of correspondence (kind ``correspondence``), the reference of the
    nomination (kind ``nomination``) it concerns, when one is found."""
    by_message_id = {m.message_id: m for m in messages if m.message_id}
    nominations = [m for m in messages if m.kind == nomination]
    linked: dict[str, str] = {}
    for message in sorted(messages, key=_order):
        if message.kind != correspondence:
            continue
        found = _by_thread(message, by_message_id, linked, nomination)
        if found is None and message.cover_note:
            found = _covered(message, nominations)
        if found is None:
            found = _by_sender(message, nominations)
        if found is None:
            found = _by_nominee(message, nominations)
        if found is not None:
            linked[message.ref] = found
    return linked


def _covered(message: Message, nominations: Sequence[Message]) -> str | None:
    """The nomination a cover note's forgotten document came with, sent after it."""
    later = [n for n in nominations if _order(n) > _order(message)]
    replies = [n for n in later if message.message_id and message.message_id in n.references]
    sender = (message.sender or "").lower()
    own = [n for n in later if sender and (n.sender or "").lower() == sender]
    candidates = replies or own
    return min(candidates, key=_order).ref if candidates else None


def _by_nominee(message: Message, nominations: Sequence[Message]) -> str | None:
    before = [n for n in nominations if _order(n) <= _order(message)]
    for code in sorted(message.nominees):
        naming = [n for n in before if code in n.nominees]
        if len(naming) == 1:
            return naming[0].ref
    return None


def _by_thread(
    message: Message, by_message_id: dict[str, Message], linked: dict[str, str], nomination: str
) -> str | None:
    for message_id in message.references:
        earlier = by_message_id.get(message_id)
        if earlier is None or earlier.ref == message.ref:
            continue
        if earlier.kind == nomination:
            return earlier.ref
        if earlier.ref in linked:
            return linked[earlier.ref]
    return None


def _by_sender(message: Message, nominations: Sequence[Message]) -> str | None:
    sender = (message.sender or "").lower()
    if not sender:
        return None
    before = _order(message)
    own = [n for n in nominations if (n.sender or "").lower() == sender and _order(n) <= before]
    if not own:
        return None

    def preference(candidate: Message) -> tuple[bool, bool, tuple[bool, object, str]]:
        return (
            bool(candidate.nominees & message.nominees),
            candidate.counts,
            _order(candidate),
        )

    return max(own, key=preference).ref


def _order(message: Message) -> tuple[bool, object, str]:
    if message.received_at is None:
        return (True, message.ref, message.ref)
    return (False, message.received_at, message.ref)
