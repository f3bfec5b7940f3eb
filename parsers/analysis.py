"""Put a message's parts together: which document is the nomination, and how long it is.

The nomination document is the one substantive attachment, else the body.  Its length
is measured where the document records pages (PDF pages counted; DOCX, ODT and DOC pages
as recorded by the program that wrote them) and estimated from the words otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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
    """Order of discovery, from 0: a message's own attachments first, then members."""
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


def _scans(a: Attachment) -> bool:
    return a.kind is Kind.IMAGE and not a.inline


def _texts(a: Attachment) -> bool:
    return a.kind in _TEXT_KINDS and a.extracted.words >= _MIN_TEXT_WORDS


def _messages(a: Attachment) -> bool:
    return a.kind in _MESSAGE_KINDS and a.extracted.words >= _MIN_TEXT_WORDS


def _name(attachment: Attachment) -> str:
    return attachment.filename or f"#{attachment.position}"
