"""One entry point for any attached file: sniff its kind, run that format's parser.

``extract_part`` is what the extraction workers run for every attachment (and every
member of a container, in turn).  The kind is sniffed from the bytes; what the sender
declared (the content type, the file name's extension) only decides one thing: a file
declared as a document (PDF, Word, OpenDocument, RTF) whose bytes are no document is a
problem on that attachment, never read as text instead.  Text is handed out normalised
to NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import PurePosixPath

from parsers.documents import EXTRACTORS
from parsers.message import parse_message
from parsers.model import Extracted, Kind, Limits, Part, Problem, ProblemCode
from parsers.sniff import sniff

DOCUMENT_KINDS = frozenset({Kind.PDF, Kind.DOCX, Kind.ODT, Kind.DOC, Kind.RTF})
"""Word-processor and PDF documents: what a nomination of one A4 is written as."""

_DECLARED_TYPES = {
    "application/pdf": Kind.PDF,
    "application/x-pdf": Kind.PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": Kind.DOCX,
    "application/msword": Kind.DOC,
    "application/vnd.oasis.opendocument.text": Kind.ODT,
    "application/rtf": Kind.RTF,
    "text/rtf": Kind.RTF,
}
_DECLARED_EXTENSIONS = {
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".doc": Kind.DOC,
    ".odt": Kind.ODT,
    ".rtf": Kind.RTF,
}
_DESCRIBED = {
    Kind.PDF: "a PDF",
    Kind.DOCX: "a Word document",
    Kind.DOC: "a Word 97-2003 document",
    Kind.ODT: "an OpenDocument text",
    Kind.RTF: "an RTF document",
    Kind.TEXT: "plain text",
    Kind.HTML: "HTML",
    Kind.IMAGE: "a picture",
    Kind.ZIP: "a ZIP archive (or a damaged document)",
    Kind.MESSAGE: "a mail message",
    Kind.UNKNOWN: "not a known file type",
}


def declared_kind(content_type: str | None, filename: str | None) -> Kind | None:
    """The document kind a sender declared by content type or file extension, if any."""
    declared = _DECLARED_TYPES.get((content_type or "").lower())
    if declared is None and filename:
        declared = _DECLARED_EXTENSIONS.get(PurePosixPath(filename.lower()).suffix)
    return declared


def extract_part(part: Part, limits: Limits) -> tuple[Kind, Extracted]:
    """The kind of an attached file and what could be read from it; never raises on bad
    input.  The part's own problems (a broken transfer encoding) come along."""
    if not part.data and part.problems:
        return Kind.UNKNOWN, Extracted(problems=part.problems)
    kind, extracted = extract_document(
        part.data, limits, declared_kind(part.content_type, part.filename)
    )
    if part.problems:
        extracted = replace(extracted, problems=(*part.problems, *extracted.problems))
    return kind, extracted


def extract_document(
    data: bytes, limits: Limits, declared: Kind | None = None
) -> tuple[Kind, Extracted]:
    """The kind of ``data`` and what could be read from it; never raises on bad input."""
    if not data:
        return Kind.UNKNOWN, Extracted(problems=(Problem(ProblemCode.EMPTY, "0 bytes"),))
    kind = sniff(data)
    if declared in DOCUMENT_KINDS and kind not in DOCUMENT_KINDS:
        detail = f"declared as {_DESCRIBED[declared]}, but the file is {_DESCRIBED[kind]}"
        return kind, Extracted(problems=(Problem(ProblemCode.NOT_AS_DECLARED, detail),))
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return kind, Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    if kind is Kind.MESSAGE:
        return kind, _attached_message(data, limits)
    if kind is Kind.IMAGE:
        return kind, Extracted(
            image_only=True, problems=(Problem(ProblemCode.IMAGE_ONLY, "a picture"),)
        )
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        return kind, Extracted(
            problems=(Problem(ProblemCode.UNSUPPORTED, f"not a known document type ({kind})"),)
        )
    return kind, _normalised(extractor(data, limits))


def _attached_message(data: bytes, limits: Limits) -> Extracted:
    parsed = parse_message(data, limits)
    return Extracted(text=parsed.body_text, problems=parsed.problems, children=parsed.parts)


def _normalised(extracted: Extracted) -> Extracted:
    """The text in NFC, and members' names too, as every parser hands them out."""
    text = extracted.text
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    children = tuple(
        replace(child, filename=unicodedata.normalize("NFC", child.filename))
        if child.filename and not child.filename.isascii()
        else child
        for child in extracted.children
    )
    if text is extracted.text and children == extracted.children:
        return extracted
    return replace(extracted, text=text, children=children)
