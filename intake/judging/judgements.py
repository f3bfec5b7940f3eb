"""The judgements made of each message, each with its evidence.

What kind of message it is, who sent it (and whether our server verified the sender's
domain), which municipality or municipalities it nominates, and which criteria its text
addresses.  :func:`judge` reads nothing but the :class:`~parsers.reading.MessageReading`
the message was read into, and runs in a worker process within the parsing limits; the
result is stored with the reading and rebuilt by ``intake reprocess``.  Which version of
a nomination counts depends on all messages together: see :mod:`intake.judging.revisions`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.utils import getaddresses
from functools import cache

from intake.judging.authenticity import read_authentication
from intake.judging.correspondence import (
    SUBSTANTIAL_WORDS,
    Signals,
    about_the_call,
    correspondence_reason,
    is_reply,
    speaks_of_enclosed_attachment,
)
from intake.judging.criteria import Criterion, CriterionResult, assess, meets_minimum
from intake.judging.kinds import CORRESPONDENCE, NOMINATION, OTHER, MessageKind, classify
from intake.judging.municipalities import (
    Register,
    council_in_name,
    find_municipalities,
    sender_municipality,
)
from parsers.body import forward_note
from parsers.model import Problem, ProblemCode
from parsers.reading import MessageReading

_SPACE = re.compile(r"\s+")
SENDER_SELF = "sender-self"
"""The nominee reason of a municipality inferred from who sent the mail, not named in it."""


@dataclass(frozen=True, slots=True)
class JudgingContext:
    """What the judgements need of the call's configuration (sent to the workers)."""

    day: date
    """The deadline's date: the municipalities that existed then are the ones matched."""
    criteria: tuple[Criterion, ...]
    min_criteria: int
    authserv_ids: tuple[str, ...] = ()
    """The authserv-ids of our own servers' Authentication-Results (``[trust]``)."""
    call_words: frozenset[str] = frozenset()
    """Folded words of the call's name and its criteria's titles: a mail that uses none of
    them (nor a nominating word) is not about the call."""


@dataclass(frozen=True, slots=True)
class Sender:
    address: str | None
    name: str | None
    organisation: str | None
    municipality_code: str | None
    municipality_name: str | None
    reason: str | None
    confidence: float | None
    authenticated: bool
    authentication: str


@dataclass(frozen=True, slots=True)
class Nominee:
    code: str
    name: str
    reason: str
    confidence: float
    evidence: str
    strong: bool = False
    """Named by a nominating cue, not only mentioned."""

    @property
    def named(self) -> bool:
        """Named in the mail, not inferred from who sent it."""
        return self.reason != SENDER_SELF


@dataclass(frozen=True, slots=True)
class Judgements:
    kind: str
    kind_reason: str
    sender: Sender
    nominees: tuple[Nominee, ...]
    criteria: tuple[CriterionResult, ...]
    meets_min_criteria: bool
    content_key: str
    """Equal for two messages carrying the same nomination text and documents."""
    forwarded_key: str | None = None
    """For a forward: the content key of the message it forwards."""
    substantive: bool = False
    """A nomination that can replace another: it names its nominee and carries a document
    or nomination text (see :func:`is_substantive`)."""
    problems: tuple[Problem, ...] = ()
    """What a person should check that judging found (an attachment spoken of, not there)."""

    @property
    def is_nomination(self) -> bool:
        return self.kind == NOMINATION


@cache
def register() -> Register:
    """The municipalities register, loaded once per process."""
    return Register.load()


def judge(reading: MessageReading, context: JudgingContext) -> Judgements:
    """Every judgement of one message, from its reading."""
    header = reading.header
    name, address = _from_address(header.first("from"))
    kind = classify(header, reading.structure, reading.own_text, len(reading.documents))

    domain = address.rsplit("@", 1)[1].lower() if address and "@" in address else None
    by_domain = sender_municipality(address, register(), context.day) if address else None
    authentication = read_authentication(header, context.authserv_ids, domain)
    organisation = f"Gemeente {by_domain.municipality.name}" if by_domain else name

    text = reading.nomination_text
    found = find_municipalities(
        text,
        header.first("subject") or "",
        register(),
        context.day,
        sender=by_domain.municipality if by_domain else None,
    )
    matches = found.nominees
    if is_reply(header) and any(m.strong and not m.in_subject for m in matches):
        # the subject is the replied-to mail's: its nominee is not this mail's
        matches = [m for m in matches if not m.in_subject]
    sender_match = (
        by_domain
        or (council_in_name(name, register(), context.day) if name else None)
        or found.writer
    )
    criteria = assess(text, context.criteria)
    evidence = any(c.met for c in criteria)
    if kind.kind == NOMINATION:
        signals = Signals(
            has_document=reading.document is not None,
            nominating_in_text=any(m.strong and not m.in_subject for m in matches),
            nominating_in_subject=any(m.strong and m.in_subject for m in matches),
            named=any(m.reason != SENDER_SELF for m in matches),
            named_in_text=any(m.reason != SENDER_SELF and not m.in_subject for m in matches),
            evidence=evidence,
            inferred=any(m.reason == SENDER_SELF for m in matches),
            criteria_met=sum(1 for c in criteria if c.met),
        )
        why = correspondence_reason(header, reading.own_text, signals)
        read_all = not any(
            a.extracted.image_only or a.extracted.problems for a in reading.documents
        )
        unrelated = not matches and not evidence and read_all
        if unrelated and not about_the_call(header, text, context.call_words):
            # Long or with an attachment, but it names no municipality, addresses no
            # criterion and speaks neither of nominating nor of the call: not a nomination
            # (a document that could not be read may hold one: that stays for a person).
            kind = MessageKind(OTHER, "not about a nomination or the call")
        elif why is not None and about_the_call(header, reading.own_text, context.call_words):
            kind = MessageKind(CORRESPONDENCE, why)
        elif why is not None:
            kind = MessageKind(OTHER, "not about a nomination or the call")
    named = [m for m in matches if m.reason != SENDER_SELF]
    return Judgements(
        kind=kind.kind,
        kind_reason=kind.reason,
        sender=Sender(
            address=address,
            name=name,
            organisation=organisation,
            municipality_code=sender_match.municipality.code if sender_match else None,
            municipality_name=sender_match.municipality.name if sender_match else None,
            reason=sender_match.reason if sender_match else None,
            confidence=sender_match.confidence if sender_match else None,
            authenticated=authentication.verified,
            authentication=authentication.reason,
        ),
        nominees=tuple(
            Nominee(
                m.municipality.code,
                m.municipality.name,
                m.reason,
                m.confidence,
                m.evidence,
                m.strong,
            )
            for m in matches
        ),
        criteria=criteria,
        meets_min_criteria=meets_minimum(criteria, context.min_criteria),
        content_key=content_key(reading),
        forwarded_key=forwarded_key(reading, context.criteria),
        substantive=kind.kind == NOMINATION
        and bool(named)
        and is_substantive(reading, evidence=evidence),
        problems=_problems(reading),
    )


def is_substantive(reading: MessageReading, *, evidence: bool) -> bool:
    """Whether a mail carries a nomination that can replace another: a document, sentences
    that address a criterion, or an explanation of some length in the sender's own words.
    (It must also name its nominee; a nominee inferred from the sender is not enough.)"""
    words = len(reading.own_text.split())
    return reading.document is not None or evidence or words >= SUBSTANTIAL_WORDS


def _problems(reading: MessageReading) -> tuple[Problem, ...]:
    if reading.documents or not speaks_of_enclosed_attachment(reading.own_text):
        return ()
    detail = "the mail speaks of an attachment, but carries none"
    return (Problem(ProblemCode.MISSING_ATTACHMENT, detail),)


def content_key(reading: MessageReading) -> str:
    """A fingerprint of what was nominated: the text (spacing and case aside) and files."""
    return _content_key(reading.own_text, reading)


FORWARD_NOTE_WORDS = 60
"""A note above a forward of at most this many words, about no criterion, adds nothing."""


def forwarded_key(reading: MessageReading, criteria: Sequence[Criterion] = ()) -> str | None:
    """The fingerprint of the message the mail forwards, with the mail's files: equal to
    the content key of that message when it was sent here before ('voor de zekerheid
    nogmaals door').  None when the note above the forward adds something of its own: more
    than a few lines, or a sentence about one of ``criteria``."""
    if reading.forwarded_text is None:
        return None
    note = forward_note(reading.body_text)
    if len(note.split()) > FORWARD_NOTE_WORDS or any(r.met for r in assess(note, criteria)):
        return None
    return _content_key(reading.forwarded_text, reading)


def _content_key(text: str, reading: MessageReading) -> str:
    digest = hashlib.sha256()
    digest.update(_SPACE.sub(" ", text).strip().casefold().encode())
    for sha in sorted(a.sha256 for a in reading.documents):
        digest.update(sha.encode())
    return digest.hexdigest()


def _from_address(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    addresses = [(n, a) for n, a in getaddresses([text]) if "@" in a]
    if not addresses:
        return (text or None), None
    name, address = addresses[0]
    return (name or None), address.lower()
