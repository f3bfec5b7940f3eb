"""Mail about a nomination, or about the call, that is not one: correspondence.

A real inbox holds questions before the deadline, "did you receive it?" follow-ups,
replies to our acknowledgement, thank-you notes and "see attachment" mails whose
attachment was forgotten.  None of them is a nomination, and none may count, supersede
or be acknowledged as one.  They are told apart by what a person goes by:

* **a document** attached (PDF, Word …): that is what a nomination is sent as, reply or
  not (a corrected document sent as a reply stays a nomination).
* **the marks of correspondence**: a question, thanks, a follow-up about receipt or an
  acknowledgement, a reply (``In-Reply-To``, ``References``, or a reply prefix in the
  subject), an attachment said to be enclosed that is not there.  A mail with such marks
  is correspondence, unless it also says something about a criterion *and* has a nominee:
  one it nominates or names in its own words, or, in more than a short note or with two
  criteria addressed, the sending municipality itself (a nomination written above the
  quoted call; a self-nomination that ends "Alvast bedankt voor uw aandacht"; a letter in
  which inwoners "ontvangen" support).
  The subject of a reply is the subject of the mail replied to: a nominee named there does
  not make the reply nominate.
* **without marks**, a mail is a nomination when it nominates at all: a nominating
  phrase ("Wij dragen de gemeente Zeist voor."), a municipality named, a sentence about
  a criterion, or an explanation of some length.
* A mail that is about neither a nomination nor the call (mail for the mailbox's
  administrator, say) is none of these: it is ``other``.

Only the sender's own words count (quoted history is cut before).
:func:`speaks_of_enclosed_attachment` also serves the problem a nomination gets when it
says an attachment is enclosed that it does not carry.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from intake.judging.wording import NOMINATING_WORDS, fold_words, split_sentences
from intake.judging.wording import nominating as nominates
from parsers.headers import Header

SUBSTANTIAL_WORDS = 120
"""A text of at least this many words of the sender's own explains something."""
NOTE_WORDS = 50
"""Fewer words than this, and a mail is a note: its thanks or question is what it is for,
whatever it mentions on the way."""

CALL_WORDS = frozenset({"oproep", "jury", "koploper", "koplopers", "call", "deadline"})
"""Folded words that show a mail is about a call for nominations (with the nominating
words and the words of the call's own name and criteria)."""

_REPLY_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)*(?:re|aw|antw|antwoord|sv|vs|ref)\s*(?:\[\d+\])?\s*:",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"\?\s*(?:[)\"'”’]\s*)?(?:\n|$)")
_THANKS = re.compile(
    r"\b(?:dank(?:je(?:wel)?|u(?:wel)?|\s+voor|\s+u|\s+je)?|bedankt|hartelijk\s+dank"
    r"|thanks?|thank\s+you|many\s+thanks)\b",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(
    r"\b(?:ontvangstbevestiging|bevestiging|bevestigen|(?:goed\s+)?ontvangen|aangekomen"
    r"|acknowledg\w*|confirm\w*|received)\b",
    re.IGNORECASE,
)
_ENCLOSED = re.compile(
    r"\b(?:(?:zie|in|als|bij|met)\s+(?:ook\s+)?(?:de\s+|het\s+)?bijlage[n]?|bijgevoegd\w*"
    r"|bijgaand\w*|attached|enclosed|please\s+find|in\s+the\s+attachment)\b",
    re.IGNORECASE,
)
_EARLIER_MAIL = re.compile(
    r"\b(?:gestuurd|verstuurd|opgestuurd|verzonden|gemaild|ingediend|eerder|vorige"
    r"|sent|earlier|previous)\b",
    re.IGNORECASE,
)
"""A sentence about a mail sent before: its attachment is not said to be in this one."""
_DISCLAIMING = re.compile(
    r"\b(?:geadresseerde|uitsluitend bestemd|vertrouwelijk\w*|intended recipient"
    r"|intended solely|confidential)\b",
    re.IGNORECASE,
)
"""A disclaimer's sentence: its 'bijgevoegde bestanden' are anyone's, not this mail's."""
_ADDRESS_OR_LINK = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Signals:
    """What the rest of the judging found in a mail that tells correspondence apart."""

    has_document: bool
    nominating_in_text: bool
    """A municipality named by a nominating cue in the mail's own words."""
    nominating_in_subject: bool
    named: bool
    """A municipality named at all (not only inferred from the sender)."""
    evidence: bool
    """A sentence that addresses a criterion."""
    named_in_text: bool = False
    """A municipality named in the mail's own words, not only in its subject."""
    criteria_met: int = 0
    """How many criteria the text addresses."""
    inferred: bool = False
    """A nominee inferred from who sent it (the sending municipality nominating itself)."""


def correspondence_reason(header: Header, own_text: str, signals: Signals) -> str | None:
    """Why the mail is correspondence, or None when it is a nomination."""
    if signals.has_document:
        return None
    marks = correspondence_marks(header, own_text, has_document=False)
    words = len(own_text.split())
    if marks:
        replying = "a reply" in marks
        nominating = signals.nominating_in_text or (signals.nominating_in_subject and not replying)
        nominee = (
            nominating
            or signals.named_in_text
            or (signals.named and not replying)
            or (signals.inferred and (words >= NOTE_WORDS or signals.criteria_met >= 2))
        )
        if signals.evidence and nominee:
            return None
        return f"{', '.join(marks)}; no document and no nomination text"
    if (
        signals.nominating_in_text
        or signals.nominating_in_subject
        or signals.named
        or signals.evidence
        or words >= SUBSTANTIAL_WORDS
        or nominates(fold_words(own_text))
    ):
        return None
    return "no document, no nomination text and nothing nominated"


def about_the_call(header: Header, own_text: str, call_words: Collection[str]) -> bool:
    """Whether a mail speaks of a nomination or the call at all (addresses and links aside:
    the call's own address is no sign), or replies to a mail about it."""
    if is_reply(header):
        return True
    text = _ADDRESS_OR_LINK.sub(" ", f"{header.first('subject') or ''}\n{own_text}")
    words = set(fold_words(text))
    return bool(words & NOMINATING_WORDS or words & CALL_WORDS or words & set(call_words))


def correspondence_marks(header: Header, own_text: str, *, has_document: bool) -> list[str]:
    """The marks of correspondence in a mail: question, thanks, follow-up, reply, and an
    attachment said to be enclosed that is not there."""
    subject = header.first("subject") or ""
    marks = []
    if _QUESTION.search(own_text) or subject.rstrip().endswith("?"):
        marks.append("a question")
    if _THANKS.search(own_text) or _THANKS.search(subject):
        marks.append("thanks")
    if _FOLLOW_UP.search(own_text) or _FOLLOW_UP.search(subject):
        marks.append("about receipt or an acknowledgement")
    if is_reply(header):
        marks.append("a reply")
    if not has_document and speaks_of_enclosed_attachment(own_text):
        marks.append("an attachment said to be enclosed, but not there")
    return marks


def is_reply(header: Header) -> bool:
    """Whether a mail replies to another: In-Reply-To, References or a reply prefix."""
    subject = header.first("subject") or ""
    return (
        header.has("in-reply-to") or header.has("references") or bool(_REPLY_SUBJECT.match(subject))
    )


def speaks_of_enclosed_attachment(text: str) -> bool:
    """Whether a text says an attachment is enclosed ("zie bijlage", "bijgevoegd",
    "attached"); a question about attachments ("geldt dat ook voor de bijlage?") does not."""
    return any(
        _ENCLOSED.search(sentence)
        and not sentence.rstrip("\"'”’)]").endswith("?")
        and not _EARLIER_MAIL.search(sentence)
        and not _DISCLAIMING.search(sentence)
        for sentence in split_sentences(text)
    )
