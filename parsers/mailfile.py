"""What a file holds: a mail, an mbox of mails, or something else that looks like what.

A mail (RFC 5322) starts with header fields: a field name of printable ASCII (no space,
no colon), a colon, the value; a line that starts with a space or tab continues the field
before it; an empty line ends the header.  :func:`is_message` reads the start of the
bytes that way, tolerating a UTF-8 byte order mark, an mbox ``From`` line first, and LF
or CRLF line ends, and asks for at least one field a message has (From, Date, Subject,
Message-ID, Received, To, MIME-Version, Return-Path, ...): a text with a stray colon is
not a mail.  A header that runs into text without the empty line (which mail readers
still accept) must name two such fields.

Whatever is not a mail gets a name for what it looks like (:func:`looks_like`), from
:func:`parsers.sniff.sniff` and a few signatures of files no mail is (programs,
compressed files, Outlook's own data files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from parsers.model import Kind
from parsers.sniff import sniff

HEAD_BYTES = 256 * 1024
"""How much of a file the tests read: a header longer than this is taken as ended."""

_BOM = b"\xef\xbb\xbf"
_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")
"""A field name (RFC 5322 ftext); space or tab before the colon is the obsolete syntax."""

MESSAGE_FIELDS = frozenset(
    {
        b"from",
        b"sender",
        b"reply-to",
        b"to",
        b"cc",
        b"bcc",
        b"date",
        b"subject",
        b"message-id",
        b"in-reply-to",
        b"references",
        b"received",
        b"return-path",
        b"delivered-to",
        b"x-original-to",
        b"envelope-to",
        b"mime-version",
        b"resent-from",
        b"resent-to",
        b"resent-date",
        b"resent-message-id",
        b"dkim-signature",
        b"authentication-results",
        b"arc-seal",
        b"x-mailer",
        b"user-agent",
    }
)
"""Fields that make a header a mail's; a MIME part's own (Content-Type) do not."""

_FIELDS_WITHOUT_SEPARATOR = 2
"""A header that runs into text without the empty line must name this many such fields."""


class Looks(StrEnum):
    """What a file that is not a mail looks like."""

    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"
    ODT = "odt"
    RTF = "rtf"
    HTML = "html"
    TEXT = "text"
    IMAGE = "image"
    ZIP = "zip"
    TNEF = "tnef"
    OUTLOOK_MESSAGE = "outlook-message"
    """An Outlook .msg (that could not be read as one)."""
    OUTLOOK_DATA = "outlook-data"
    """An Outlook data file (.pst, .ost): a whole mailbox, not one message."""
    COMPOUND = "compound"
    """Another Microsoft compound file (Excel, PowerPoint 97-2003, an installer)."""
    PROGRAM = "program"
    COMPRESSED = "compressed"
    DAMAGED_MAIL = "damaged-mail"
    """Starts like a mail, but its header is broken."""
    MIME_PART = "mime-part"
    """A MIME part (Content-Type and the like) without a mail's header."""
    BINARY = "binary"


_PROGRAMS = (b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
_COMPRESSED = (
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",  # 7-Zip
    b"Rar!\x1a\x07",  # RAR
    b"\x28\xb5\x2f\xfd",  # zstd
)
_OUTLOOK_DATA = b"!BDN"
_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FROM_KIND = {
    Kind.PDF: Looks.PDF,
    Kind.DOCX: Looks.DOCX,
    Kind.DOC: Looks.DOC,
    Kind.ODT: Looks.ODT,
    Kind.RTF: Looks.RTF,
    Kind.HTML: Looks.HTML,
    Kind.TEXT: Looks.TEXT,
    Kind.IMAGE: Looks.IMAGE,
    Kind.ZIP: Looks.ZIP,
    Kind.TNEF: Looks.TNEF,
    Kind.MSG: Looks.OUTLOOK_MESSAGE,
    Kind.MESSAGE: Looks.DAMAGED_MAIL,
    Kind.UNKNOWN: Looks.BINARY,
}


def is_message(data: bytes) -> bool:
    """Whether ``data`` starts with a mail's header (an mbox ``From`` line may precede it)."""
    lines = _lines(data)
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    header = _read_header(lines)
    return header is not None and header.is_mail


def is_mbox(data: bytes) -> bool:
    """Whether ``data`` is an mbox: a ``From`` line, then a mail's header."""
    lines = _lines(data)
    if not lines or not lines[0].startswith(b"From "):
        return False
    header = _read_header(lines[1:])
    return header is not None and header.is_mail


def is_empty(data: bytes) -> bool:
    """Nothing but white space (and perhaps a byte order mark)."""
    return not data.removeprefix(_BOM).strip()


def looks_like(data: bytes) -> Looks:
    """What ``data``, which is not a mail, looks like."""
    if data.startswith(_PROGRAMS):
        return Looks.PROGRAM
    if data.startswith(_COMPRESSED):
        return Looks.COMPRESSED
    if data.startswith(_OUTLOOK_DATA):
        return Looks.OUTLOOK_DATA
    kind = sniff(data)
    if kind is Kind.UNKNOWN and data.startswith(_COMPOUND):
        return Looks.COMPOUND
    if kind in (Kind.TEXT, Kind.HTML, Kind.MESSAGE):
        header = _read_header(_lines(data))
        if header is not None and header.names:
            if all(name.startswith(b"content-") for name in header.names):
                return Looks.MIME_PART
            if header.known:
                return Looks.DAMAGED_MAIL
    return _FROM_KIND.get(kind, Looks.BINARY)


@dataclass(frozen=True, slots=True)
class _Header:
    """The field names at the start of a file, up to the first empty line."""

    names: tuple[bytes, ...]
    known_before_bad: int
    """Fields a message has, before the first line that is neither field nor continuation."""
    bad: int
    """Lines that are neither a field nor a continuation of one."""

    @property
    def known(self) -> int:
        return len({name for name in self.names if name in MESSAGE_FIELDS})

    @property
    def is_mail(self) -> bool:
        if not self.bad:
            return self.known >= 1
        if self.known_before_bad >= _FIELDS_WITHOUT_SEPARATOR:
            return True  # a header that runs into the body without the empty line
        # a damaged line or two in a header that is clearly a mail's
        return self.known >= _FIELDS_WITHOUT_SEPARATOR and self.bad * 4 <= len(self.names)


def _lines(data: bytes) -> list[bytes]:
    head = data[:HEAD_BYTES].removeprefix(_BOM)
    lines = head.split(b"\n")
    if len(data) > HEAD_BYTES and len(lines) > 1:
        lines.pop()  # cut off mid-line
    return [line.removesuffix(b"\r") for line in lines]


def _read_header(lines: list[bytes]) -> _Header | None:
    """The header at the start of ``lines``; None when the first line is no field."""
    start = 0
    while start < len(lines) and lines[start] and not lines[start].strip(b" \t"):
        start += 1  # lines of blanks before the header (mail readers skip them too)
    if start == len(lines) or _FIELD.match(lines[start]) is None:
        return None
    names: list[bytes] = []
    known_before_bad: int | None = None
    bad = 0
    for line in lines[start:]:
        if not line:
            break
        if b"\x00" in line:
            return None
        field = _FIELD.match(line)
        if line[:1] in (b" ", b"\t"):
            continue
        if field is None:
            if known_before_bad is None:
                known_before_bad = len({n for n in names if n in MESSAGE_FIELDS})
            bad += 1
            continue
        names.append(field[1].lower())
    if known_before_bad is None:
        known_before_bad = len({n for n in names if n in MESSAGE_FIELDS})
    return _Header(tuple(names), known_before_bad, bad)
