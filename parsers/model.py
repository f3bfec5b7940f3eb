"""The values parsers return: one small contract for every document format.

A document parser is a pure function ``extract(data: bytes, limits: Limits) -> Extracted``.
It never raises for bad input: what cannot be read becomes a :class:`Problem` on the
result.  (The worker that runs it still guards against bugs, hangs and memory blow-ups.)
Container formats (ZIP, TNEF, Outlook .msg, attached messages) return their members as
``children``, which are extracted in turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """A document type, as sniffed from its bytes (not its name or declared type)."""

    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    DOC = "doc"
    RTF = "rtf"
    TEXT = "text"
    HTML = "html"
    MESSAGE = "message"
    """An attached RFC 822 message (``message/rfc822`` or an .eml file)."""
    MSG = "msg"
    """An Outlook .msg file."""
    TNEF = "tnef"
    """An Outlook ``winmail.dat``."""
    ZIP = "zip"
    IMAGE = "image"
    UNKNOWN = "unknown"


class ProblemCode(StrEnum):
    """What can go wrong with a message or document; each has a sentence for people."""

    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    UNSUPPORTED = "unsupported-type"
    TOO_LARGE = "too-large"
    TOO_MANY_PAGES = "too-many-pages"
    TIMED_OUT = "timed-out"
    OUT_OF_MEMORY = "out-of-memory"
    CRASHED = "crashed"
    IMAGE_ONLY = "image-only"
    EMPTY = "empty"
    MIME_DEFECT = "mime-defect"
    CHARSET = "charset"
    NESTED_TOO_DEEP = "nested-too-deep"
    NOT_A4 = "not-a4"
    SEVERAL_DOCUMENTS = "several-documents"
    MISSING_ATTACHMENT = "missing-attachment"
    """The mail speaks of an attachment it does not carry."""
    NOT_AS_DECLARED = "not-as-declared"
    """Declared as one kind of document (PDF, Word) but the bytes are something else."""
    BAD_ENCODING = "bad-encoding"
    """The transfer encoding (base64, quoted-printable) is broken: what was read may be cut."""
    NO_MESSAGE_ID = "no-message-id"
    BAD_DATE_HEADER = "bad-date-header"
    BAD_RECEIVED_HEADER = "bad-received-header"
    NO_TRUSTED_RECEIVED_HEADER = "no-trusted-received-header"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing that could not be read as it should; ``detail`` is technical, English."""

    code: ProblemCode
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PageSize:
    """A page's size in millimetres (portrait or landscape as found)."""

    width_mm: float
    height_mm: float

    TOLERANCE_MM = 3.0

    def _is(self, short: float, long: float) -> bool:
        w, h = sorted((self.width_mm, self.height_mm))
        return abs(w - short) <= self.TOLERANCE_MM and abs(h - long) <= self.TOLERANCE_MM

    @property
    def name(self) -> str:
        """``A4``, ``Letter``, ``Legal``, ``A5``, ``A3`` or ``W×H mm``."""
        for label, short, long in _NAMED_SIZES:
            if self._is(short, long):
                return label
        return f"{self.width_mm:.0f}×{self.height_mm:.0f} mm"

    @property
    def is_a4(self) -> bool:
        return self._is(210.0, 297.0)


_NAMED_SIZES = (
    ("A4", 210.0, 297.0),
    ("Letter", 215.9, 279.4),
    ("Legal", 215.9, 355.6),
    ("A5", 148.0, 210.0),
    ("A3", 297.0, 420.0),
)


class PagesSource(StrEnum):
    """How a page count was obtained."""

    COUNTED = "counted"
    """Counted in the document itself (PDF pages)."""
    RECORDED = "recorded"
    """Recorded by the program that wrote it (DOCX ``docProps/app.xml``, ODT ``meta.xml``)."""
    ESTIMATED = "estimated"
    """Estimated from the number of words."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost; the worker enforces time and memory itself."""

    max_bytes: int = 50 * 1024 * 1024
    """Larger input is not parsed (problem ``too-large``)."""
    max_pages: int = 200
    """Text is extracted from at most this many pages (problem ``too-many-pages``)."""
    max_unpacked_bytes: int = 200 * 1024 * 1024
    """The most a container (ZIP, DOCX, ODT) may unpack to: the zip-bomb guard."""
    max_members: int = 1000
    """The most members a container may have."""
    max_depth: int = 4
    """How deep containers may nest (a ZIP in a message in a message ...)."""


@dataclass(frozen=True, slots=True)
class Part:
    """A file found inside a message or container, still to be extracted."""

    data: bytes
    filename: str | None = None
    content_type: str | None = None
    """As declared by the sender; the kind is sniffed from ``data``."""
    inline: bool = False
    """Shown inline (a logo in the signature, an image in HTML), not attached as a document."""
    problems: tuple[Problem, ...] = ()
    """What went wrong getting the file out of its container (a broken transfer encoding)."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a document parser read from one document."""

    text: str = ""
    pages: int | None = None
    pages_source: PagesSource | None = None
    page_size: PageSize | None = None
    """The size of the first page, where the format records one."""
    image_only: bool = False
    """No text layer: a scan or picture that a person must read."""
    problems: tuple[Problem, ...] = ()
    children: tuple[Part, ...] = field(default=())
    """Members to extract in turn (ZIP entries, TNEF and .msg attachments, an attached
    message's own attachments)."""

    @property
    def words(self) -> int:
        return len(self.text.split())
