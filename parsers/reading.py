"""A message as read: the one value every later step reads, and what is the nomination.

:func:`assemble` puts together what one parse of the message (:mod:`parsers.message`) and
the extraction of each attached file (:mod:`parsers.extract`) found, into a
:class:`MessageReading`: header, envelope, structure, body text, attachments with their
metrics, the length of the nomination and every problem.

The nomination document is the one substantive attachment, else the body.  Its length
is measured where the document records pages (PDF pages counted; DOCX, ODT and DOC pages
as recorded by the program that wrote them) and estimated from the words otherwise.
:func:`nomination_text` is the one definition of the nomination's text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from parsers.envelope import NO_ENVELOPE, Envelope
from parsers.headers import Header
from parsers.message import Structure
from parsers.model import Extracted, Kind, PageSize, PagesSource, Problem, ProblemCode

DEFAULT_WORDS_PER_PAGE = 500
"""An A4 page of running text in an 11-point font with normal margins holds about 500-600
words; a letter with a letterhead, address block and signature fewer.  500 errs towards
calling a borderline text two pages, which a person then checks."""

# Tiers of candidates for "the nomination document", strongest first.
_DOCUMENT_KINDS = (Kind.PDF, Kind.DOCX, Kind.ODT, Kind.DOC, Kind.RTF)
_TEXT_KINDS = (Kind.TEXT, Kind.HTML)
_MESSAGE_KINDS = (Kind.MESSAGE, Kind.MSG, Kind.TNEF)
_MIN_TEXT_WORDS = 30


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file found in a message, with what could be read from it."""

    position: int
    """From 0: a message's own attachments in message order, then their members, level by
    level (whatever order the workers finished in)."""
    parent: int | None
    """The position of the container it was found in (a ZIP, an attached message)."""
    depth: int
    filename: str | None
    content_type: str | None
    kind: Kind
    size: int
    sha256: str
    inline: bool
    extracted: Extracted

    @property
    def is_picture_in_text(self) -> bool:
        """An inline image: a logo in the signature, a picture in an HTML mail."""
        return self.inline and self.kind is Kind.IMAGE


@dataclass(frozen=True, slots=True)
class Length:
    """The length of the nomination, with the evidence for it."""

    document: int | None
    """The attachment position that was measured, or None: the mail body."""
    pages: int | None
    pages_source: PagesSource | None
    page_size: PageSize | None
    words: int
    problems: tuple[Problem, ...] = ()

    @property
    def measured(self) -> bool:
        return self.pages_source in (PagesSource.COUNTED, PagesSource.RECORDED)


def choose_document(attachments: Sequence[Attachment]) -> tuple[Attachment | None, list[Problem]]:
    """The attachment that holds the nomination, or None if that is the body."""
    for tier in (_documents, _scans, _texts, _messages):
        candidates = [a for a in attachments if tier(a)]
        if not candidates:
            continue
        chosen = max(candidates, key=lambda a: (a.extracted.words, a.extracted.pages or 0))
        problems = []
        if len(candidates) > 1:
            names = ", ".join(a.filename or f"#{a.position}" for a in candidates)
            problems.append(
                Problem(ProblemCode.SEVERAL_DOCUMENTS, f"{names}; measured: {_name(chosen)}")
            )
        return chosen, problems
    return None, []


def measure(body_words: int, attachments: Sequence[Attachment], words_per_page: int) -> Length:
    """Measure the nomination: its document's pages, else an estimate from its words."""
    document, problems = choose_document(attachments)
    if document is None:
        pages = _estimate(body_words, words_per_page)
        source = PagesSource.ESTIMATED if pages is not None else None
        return Length(None, pages, source, None, body_words, tuple(problems))
    extracted = document.extracted
    pages, source = extracted.pages, extracted.pages_source
    if pages is None:
        pages = _estimate(extracted.words, words_per_page)
        source = PagesSource.ESTIMATED if pages is not None else None
    size = extracted.page_size
    if size is not None and not size.is_a4:
        problems.append(Problem(ProblemCode.NOT_A4, f"{_name(document)}: {size.name}"))
    return Length(document.position, pages, source, size, extracted.words, tuple(problems))


def _estimate(words: int, words_per_page: int) -> int | None:
    if words <= 0:
        return None
    return max(1, math.ceil(words / words_per_page))


def _documents(a: Attachment) -> bool:
    return a.kind in _DOCUMENT_KINDS


MIN_SCAN_BYTES = 20_000
"""A picture smaller than this is a logo or an icon (a signature's image001.png attached
by a mail client in plain-text mode), not a scanned or photographed page."""


def _scans(a: Attachment) -> bool:
    return a.kind is Kind.IMAGE and not a.inline and a.size >= MIN_SCAN_BYTES


def _without_logo_problem(found: Found) -> Extracted:
    """A logo or an inline picture has no text, and no person need read it: that is no
    problem (a picture big enough to be a scanned page still is)."""
    extracted = found.extracted
    if found.kind is not Kind.IMAGE or (not found.inline and found.size >= MIN_SCAN_BYTES):
        return extracted
    kept = tuple(p for p in extracted.problems if p.code is not ProblemCode.IMAGE_ONLY)
    return extracted if kept == extracted.problems else replace(extracted, problems=kept)


def _texts(a: Attachment) -> bool:
    return a.kind in _TEXT_KINDS and a.extracted.words >= _MIN_TEXT_WORDS


def _messages(a: Attachment) -> bool:
    return a.kind in _MESSAGE_KINDS and a.extracted.words >= _MIN_TEXT_WORDS


def _name(attachment: Attachment) -> str:
    return attachment.filename or f"#{attachment.position}"


@dataclass(frozen=True, slots=True)
class Found:
    """One attached file as its extraction found it, before positions are given out."""

    path: tuple[int, ...]
    """Its place in the tree: ``(2,)`` the third part of the message, ``(2, 0)`` the first
    member of that part."""
    filename: str | None
    content_type: str | None
    inline: bool
    kind: Kind
    size: int
    sha256: str
    extracted: Extracted


@dataclass(frozen=True, slots=True)
class MessageReading:
    """Everything later steps need of one message, from one parse of its bytes."""

    header: Header
    envelope: Envelope
    structure: Structure
    body_text: str
    """The whole body as text: text/plain preferred, HTML converted."""
    body_source: str | None
    own_text: str
    """The sender's own words in the body: no quoted history, signature or disclaimer."""
    attachments: tuple[Attachment, ...]
    length: Length
    problems: tuple[Problem, ...]
    """Of the message and its structure (each attachment carries its own)."""
    forwarded_text: str | None = None
    """When the body forwards a message: that message's own text, without the note."""

    @property
    def document(self) -> Attachment | None:
        """The attachment that holds the nomination, or None when that is the body."""
        return next((a for a in self.attachments if a.position == self.length.document), None)

    @property
    def documents(self) -> tuple[Attachment, ...]:
        """Every attached file that is not a picture in the text (a logo, an inline image)."""
        return tuple(a for a in self.attachments if not a.is_picture_in_text)

    @property
    def nomination_text(self) -> str:
        return nomination_text(self.own_text, self.document)


def nomination_text(own_text: str, document: Attachment | None) -> str:
    """The nomination's text: the sender's own words in the mail, then the nomination
    document's text.  What the criteria and nominees are judged on, and what people read."""
    parts = [own_text, document.extracted.text if document is not None else ""]
    return "\n\n".join(part.strip() for part in parts if part.strip())


def unread(
    problems: Sequence[Problem], header: Header | None = None, envelope: Envelope | None = None
) -> MessageReading:
    """The reading of a message that could not be read: its header, if that was, and why."""
    return MessageReading(
        header=header or Header(),
        envelope=envelope or NO_ENVELOPE,
        structure=Structure(),
        body_text="",
        body_source=None,
        own_text="",
        attachments=(),
        length=Length(None, None, None, None, 0),
        problems=tuple(problems),
    )


def assemble(
    *,
    header: Header,
    envelope: Envelope,
    structure: Structure,
    body_text: str,
    body_source: str | None,
    own_text: str,
    found: Iterable[Found],
    problems: Sequence[Problem],
    words_per_page: int,
    forwarded_text: str | None = None,
) -> MessageReading:
    """The reading of a message from what its parse and its extractions found."""
    ordered = sorted(found, key=lambda f: (len(f.path), f.path))
    positions = {f.path: index for index, f in enumerate(ordered)}
    attachments = tuple(
        Attachment(
            position=positions[f.path],
            parent=positions.get(f.path[:-1]) if len(f.path) > 1 else None,
            depth=len(f.path),
            filename=f.filename,
            content_type=f.content_type,
            kind=f.kind,
            size=f.size,
            sha256=f.sha256,
            inline=f.inline,
            extracted=_without_logo_problem(f),
        )
        for f in ordered
    )
    length = measure(len(own_text.split()), attachments, words_per_page)
    return MessageReading(
        header=header,
        envelope=envelope,
        structure=structure,
        body_text=body_text,
        body_source=body_source,
        own_text=own_text,
        attachments=attachments,
        length=length,
        problems=tuple(dict.fromkeys([*problems, *envelope.problems, *length.problems])),
        forwarded_text=forwarded_text,
    )
