"""Mail about a nomination, or about the call, that is not one: correspondence.

A real inbox holds questions before the deadline, "did you receive it?" follow-ups,
replies to our acknowledgement, thank-you notes and "see attachment" mails whose
attachment was forgotten.  None of them is a nomination, and none may count, supersede
or be acknowledged as one.  They are told apart by what a person goes by:

* **substance** — a document attached (PDF, Word …) or nomination text: sentences that
  address a criterion, or an explanation of some length.  A mail with substance is a
  nomination, reply or not (a nomination written above the quoted call, a corrected
  document sent as a reply).
* **a nominating phrase** — "draagt … voor", "voordracht", "nomineren", a municipality
  named by a nominating subject or a self-nomination.  Short and with nothing else, it
  is a nomination still ("Wij dragen de gemeente Zeist voor.").
* **the marks of correspondence**, in a mail without substance: a question, thanks, a
  follow-up about receipt or an acknowledgement, a reply (``In-Reply-To``,
  ``References``, or a reply prefix in the subject), a mention of an attachment that is
  not there.  With any of these, a short mail is correspondence even when it names the
  nomination it is about ("Dank voor de bevestiging van onze voordracht voor Zeist").
* Nothing at all — no substance, nothing nominated or named, no mark — is
  correspondence too: it carries no nomination.

Only the sender's own words count (quoted history is cut before); the header is read for
the reply marks.  :func:`mentions_attachment` also serves the problem a nomination gets
when it speaks of an attachment it does not carry.
"""

from __future__ import annotations

import re

from intake.judging.wording import fold_words
from intake.judging.wording import nominating as nominates
from parsers.headers import Header

SUBSTANTIAL_WORDS = 120
"""A text of at least this many words of the sender's own explains something: substance."""

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
_ATTACHMENT = re.compile(
    r"\b(?:bijgevoegd\w*|bijgaand\w*|attached|enclosed)\b"
    # "bijlage(n)" and "attachment(s)", but not a disclaimer's "eventuele bijlagen" or
    # "any attachments": those speak of attachments that may or may not be there.
    r"|(?<!eventuele\s)(?<!eventueel\s)(?<!any\s)\b(?:bijlage|bijlagen|attachments?)\b",
    re.IGNORECASE,
)


def correspondence_reason(
    *,
    header: Header,
    own_text: str,
    has_document: bool,
    nominating: bool,
    named: bool,
    evidence: bool,
) -> str | None:
    """Why the mail is correspondence, or None when it is a nomination.

    ``nominating``: a municipality is named by a nominating cue; ``named``: one is named
    at all (not only inferred from the sender); ``evidence``: a sentence addresses a
    criterion.
    """
    words = len(own_text.split())
    if has_document or evidence or words >= SUBSTANTIAL_WORDS:
        return None
    marks = correspondence_marks(header, own_text, has_document=has_document)
    if marks:
        return f"{', '.join(marks)}; no document and no nomination text"
    if nominating or named or nominates(fold_words(own_text)):
        return None
    return "no document, no nomination text and nothing nominated"


def correspondence_marks(header: Header, own_text: str, *, has_document: bool) -> list[str]:
    """The marks of correspondence in a mail: question, thanks, follow-up, reply, and an
    attachment spoken of that is not there."""
    subject = header.first("subject") or ""
    marks = []
    if _QUESTION.search(own_text) or subject.rstrip().endswith("?"):
        marks.append("a question")
    if _THANKS.search(own_text) or _THANKS.search(subject):
        marks.append("thanks")
    if _FOLLOW_UP.search(own_text) or _FOLLOW_UP.search(subject):
        marks.append("about receipt or an acknowledgement")
    if header.has("in-reply-to") or header.has("references") or _REPLY_SUBJECT.match(subject):
        marks.append("a reply")
    if not has_document and mentions_attachment(own_text):
        marks.append("an attachment spoken of but not there")
    return marks


def mentions_attachment(text: str) -> bool:
    """Whether a text speaks of an attachment ("zie bijlage", "bijgevoegd", "attached")."""
    return _ATTACHMENT.search(text) is not None
