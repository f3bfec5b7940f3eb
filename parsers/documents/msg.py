"""Outlook .msg files: the message's text, and its attachments as children.

A .msg is an OLE compound file (MS-OXMSG) read with :mod:`olefile`.  Each MAPI property is a
stream named ``__substg1.0_IIIITTTT`` (property id and type in hex); small fixed-size ones
(the attachment method, the code page) sit in the ``__properties_version1.0`` stream.  The
text returned is the sender and subject, then the body: the plain body if there is one, else
the HTML body, else the compressed RTF body.  Attachments live in ``__attach_version1.0_#N``
storages and become children.

An attached Outlook message (attach method 5) is a storage, not bytes, inside the file.  It is
turned into an RFC 822 message (``message/rfc822`` child, built with :mod:`email`): its
sender, subject and body as a text part, its own attachments as MIME attachments.  The
caller then reads it like any attached message, and counts its depth like any container.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
from dataclasses import dataclass
from email.errors import MessageError
from email.message import EmailMessage
from email.policy import SMTP

import olefile  # type: ignore[import-untyped]

from parsers.documents import doc, rtf, text
from parsers.html_text import html_to_text
from parsers.model import Extracted, Limits, Part, Problem, ProblemCode

PR_SUBJECT = 0x0037
PR_SENDER_NAME = 0x0C1A
PR_SENDER_EMAIL = 0x0C1F
PR_SENDER_SMTP = 0x5D01
PR_BODY = 0x1000
PR_RTF_COMPRESSED = 0x1009
PR_BODY_HTML = 0x1013
PR_INTERNET_CPID = 0x3FDE
PR_MESSAGE_CODEPAGE = 0x3FFD
PR_DISPLAY_NAME = 0x3001
PR_ATTACH_DATA = 0x3701
PR_ATTACH_FILENAME = 0x3704
PR_ATTACH_METHOD = 0x3705
PR_ATTACH_LONG_FILENAME = 0x3707
PR_ATTACH_MIME_TAG = 0x370E
PR_ATTACH_CONTENT_ID = 0x3712
PR_ATTACHMENT_HIDDEN = 0x7FFE
ATTACH_EMBEDDED_MSG = 5
_ATTACH_BY_REFERENCE = frozenset({2, 3, 4})

_TYPE_BOOLEAN = 0x000B
_TYPE_STRING8 = 0x001E
_TYPE_UNICODE = 0x001F
_TYPE_BINARY = 0x0102
_TYPE_OBJECT = 0x000D
_PROPERTIES = "__properties_version1.0"
_ATTACHMENT = re.compile(r"__attach_version1\.0_#[0-9A-Fa-f]{8}")
_HEADER_TOP = 32
_HEADER_EMBEDDED = 24
_HEADER_ATTACHMENT = 8
_ENTRY = struct.Struct("<HHI8s")
_CODEPAGE_CODECS = {65001: "utf-8", 20127: "ascii", 28591: "cp1252", 1200: "utf-16-le"}
_DEFAULT_CODEC = "cp1252"


@dataclass(frozen=True, slots=True)
class MessageText:
    """What a MAPI message (a .msg or a TNEF stream) says, for :func:`message_text`."""

    subject: str | None = None
    sender: str | None = None
    plain: str | None = None
    html: str | None = None
    compressed_rtf: bytes | None = None


def message_text(message: MessageText, limits: Limits) -> tuple[str, tuple[Problem, ...]]:
    """A message's text: sender and subject lines, a blank line, then the best body."""
    body, problems = body_text(message, limits)
    return compose(message.subject, message.sender, body), problems


def compose(subject: str | None, sender: str | None, body: str) -> str:
    """Sender and subject as header lines, a blank line, then the body."""
    header = []
    if sender:
        header.append(f"From: {sender}")
    if subject:
        header.append(f"Subject: {subject}")
    parts = ["\n".join(header)] if header else []
    if body.strip():
        parts.append(body)
    return "\n\n".join(parts)


def body_text(message: MessageText, limits: Limits) -> tuple[str, tuple[Problem, ...]]:
    """The body as text: plain if present, else HTML converted, else compressed RTF."""
    if message.plain and message.plain.strip():
        return message.plain.replace("\r\n", "\n"), ()
    if message.html and message.html.strip():
        return html_to_text(message.html), ()
    if message.compressed_rtf:
        try:
            raw = rtf.decompress_rtf(message.compressed_rtf, max_size=limits.max_bytes)
        except rtf.CompressedRtfError as exc:
            return "", (Problem(ProblemCode.CORRUPT, f"RTF body: {exc}"),)
        document = rtf.convert(raw)
        return document.text, document.problems
    return "", ()


def codec_for_codepage(codepage: int | None) -> str:
    """A Python codec for a Windows code page number (Windows-1252 when unknown)."""
    if codepage is None:
        return _DEFAULT_CODEC
    name = _CODEPAGE_CODECS.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return _DEFAULT_CODEC


def is_inline(mime_type: str | None, content_id: str | None, hidden: bool) -> bool:
    """An attachment that is part of the body (a logo, a pasted image), not a document."""
    return hidden or bool(content_id and (mime_type or "").lower().startswith("image/"))


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read an Outlook .msg file."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return doc.with_damage(_extract_ole(ole, limits), ole)
    except Exception as exc:  # noqa: BLE001 - hostile input must not crash the worker
        detail = f"not a readable Outlook message: {type(exc).__name__}: {exc}"
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, detail[:300]),))


def _extract_ole(ole: olefile.OleFileIO, limits: Limits) -> Extracted:
    entries = [tuple(path) for path in ole.listdir(streams=True, storages=True)]
    if not any(path[0].startswith("__substg1.0_") for path in entries):
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, "not an Outlook message"),))
    reader = MapiReader(ole, frozenset(entries), limits)
    message = reader.message((), _HEADER_TOP, depth=0)
    problems = list(message.problems)
    if not message.text.strip() and not message.children:
        problems.append(Problem(ProblemCode.EMPTY, "no text and no attachments"))
    return Extracted(text=message.text, children=message.children, problems=tuple(problems))


@dataclass(frozen=True, slots=True)
class _Message:
    text: str
    subject: str | None
    sender: str | None
    body: str
    children: tuple[Part, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class MapiReader:
    """Reads MAPI properties from one .msg file's storages (here and in
    :mod:`parsers.msg_mail`, which turns a .msg into a mail)."""

    ole: olefile.OleFileIO
    entries: frozenset[tuple[str, ...]]
    limits: Limits

    def message(self, prefix: tuple[str, ...], header: int, depth: int) -> _Message:
        fixed = self.fixed_properties(prefix, header)
        codec = codec_for_codepage(fixed.get(PR_MESSAGE_CODEPAGE))
        content = MessageText(
            subject=self.string(prefix, PR_SUBJECT, codec),
            sender=self.sender(prefix, codec),
            plain=self.string(prefix, PR_BODY, codec),
            html=self.html(prefix, codec_for_codepage(fixed.get(PR_INTERNET_CPID, 65001))),
            compressed_rtf=self.binary(prefix, PR_RTF_COMPRESSED),
        )
        body, problems = body_text(content, self.limits)
        full_text = compose(content.subject, content.sender, body)
        children, more = self.attachments(prefix, depth, codec)
        return _Message(
            full_text, content.subject, content.sender, body, children, (*problems, *more)
        )

    def sender(self, prefix: tuple[str, ...], codec: str) -> str | None:
        name = self.string(prefix, PR_SENDER_NAME, codec)
        address = self.string(prefix, PR_SENDER_SMTP, codec) or self.string(
            prefix, PR_SENDER_EMAIL, codec
        )
        if address and "@" not in address:
            address = None  # an Exchange distinguished name, not a mail address
        if name and address and name != address:
            return f"{name} <{address}>"
        return address or name

    def html(self, prefix: tuple[str, ...], codec: str) -> str | None:
        raw = self.binary(prefix, PR_BODY_HTML)
        if raw is None:
            return self.string(prefix, PR_BODY_HTML, codec)
        decoded, _ = text.decode_text(raw, charset=codec)
        return decoded

    def attachments(
        self, prefix: tuple[str, ...], depth: int, codec: str
    ) -> tuple[tuple[Part, ...], list[Problem]]:
        names = self.storages(prefix, _ATTACHMENT)
        children: list[Part] = []
        problems: list[Problem] = []
        if len(names) > self.limits.max_members:
            detail = f"{len(names)} attachments, more than {self.limits.max_members}"
            problems.append(Problem(ProblemCode.TOO_LARGE, detail))
            names = names[: self.limits.max_members]
        for name in names:
            outcome = self.attachment((*prefix, name), depth, codec)
            if isinstance(outcome, Problem):
                problems.append(outcome)
            else:
                children.append(outcome)
        return tuple(children), problems

    def attachment(self, prefix: tuple[str, ...], depth: int, codec: str) -> Part | Problem:
        fixed = self.fixed_properties(prefix, _HEADER_ATTACHMENT)
        filename = (
            self.string(prefix, PR_ATTACH_LONG_FILENAME, codec)
            or self.string(prefix, PR_ATTACH_FILENAME, codec)
            or self.string(prefix, PR_DISPLAY_NAME, codec)
        )
        mime_type = self.string(prefix, PR_ATTACH_MIME_TAG, codec)
        content_id = self.string(prefix, PR_ATTACH_CONTENT_ID, codec)
        inline = is_inline(mime_type, content_id, bool(fixed.get(PR_ATTACHMENT_HIDDEN)))
        data = self.binary(prefix, PR_ATTACH_DATA)
        if data is not None:
            return Part(data=data, filename=filename, content_type=mime_type, inline=inline)
        storage = (*prefix, _stream_name(PR_ATTACH_DATA, _TYPE_OBJECT))
        method = fixed.get(PR_ATTACH_METHOD)
        if storage not in self.entries:
            if method in _ATTACH_BY_REFERENCE:
                detail = f"attachment {filename!r} is a link to a file, not the file"
                return Problem(ProblemCode.UNSUPPORTED, detail)
            return Problem(ProblemCode.CORRUPT, f"attachment {filename!r} has no data")
        if method == ATTACH_EMBEDDED_MSG or (*storage, _PROPERTIES) in self.entries:
            return self.embedded_message(storage, filename, depth)
        detail = f"attachment {filename!r} is an embedded OLE object (method {method})"
        return Problem(ProblemCode.UNSUPPORTED, detail)

    def embedded_message(
        self, storage: tuple[str, ...], filename: str | None, depth: int
    ) -> Part | Problem:
        if depth + 1 >= self.limits.max_depth:
            detail = f"attached message {filename!r} nested more than {self.limits.max_depth} deep"
            return Problem(ProblemCode.NESTED_TOO_DEEP, detail)
        inner = self.message(storage, _HEADER_EMBEDDED, depth + 1)
        name = filename or inner.subject or "message"
        if not name.lower().endswith((".eml", ".msg")):
            name += ".eml"
        return Part(data=_as_rfc822(inner), filename=name, content_type="message/rfc822")

    # --- properties ------------------------------------------------------------------

    def storages(self, prefix: tuple[str, ...], pattern: re.Pattern[str]) -> list[str]:
        """The names of the storages right under ``prefix`` that match ``pattern``, sorted."""
        return sorted(
            {
                path[len(prefix)]
                for path in self.entries
                if len(path) > len(prefix)
                and path[: len(prefix)] == prefix
                and pattern.fullmatch(path[len(prefix)])
            }
        )

    def stream(self, prefix: tuple[str, ...], name: str) -> bytes | None:
        path = (*prefix, name)
        if path not in self.entries or self.ole.get_type("/".join(path)) != olefile.STGTY_STREAM:
            return None
        content: bytes = self.ole.openstream("/".join(path)).read()
        return content

    def binary(self, prefix: tuple[str, ...], prop: int) -> bytes | None:
        return self.stream(prefix, _stream_name(prop, _TYPE_BINARY))

    def string(self, prefix: tuple[str, ...], prop: int, codec: str) -> str | None:
        raw = self.stream(prefix, _stream_name(prop, _TYPE_UNICODE))
        if raw is not None:
            value = raw[: len(raw) & ~1].decode("utf-16-le", "replace")
        else:
            raw = self.stream(prefix, _stream_name(prop, _TYPE_STRING8))
            if raw is None:
                return None
            value = raw.decode(codec, "replace")
        value = value.split("\x00", 1)[0].strip()
        return value or None

    def fixed_properties(self, prefix: tuple[str, ...], header: int) -> dict[int, int]:
        """Integer-valued fixed-size properties (the low 32 bits of each value)."""
        found: dict[int, int] = {}
        for prop, (prop_type, value) in self.fixed_values(prefix, header).items():
            width = 1 if prop_type == _TYPE_BOOLEAN else 4  # padding may be garbage
            found[prop] = int.from_bytes(value[:width], "little")
        return found

    def fixed_values(self, prefix: tuple[str, ...], header: int) -> dict[int, tuple[int, bytes]]:
        """Every fixed-size property: its type and its eight bytes of value."""
        raw = self.stream(prefix, _PROPERTIES) or b""
        found: dict[int, tuple[int, bytes]] = {}
        for offset in range(header, len(raw) - _ENTRY.size + 1, _ENTRY.size):
            prop_type, prop, _flags, value = _ENTRY.unpack_from(raw, offset)
            found[prop] = (prop_type, value)
        return found


def _stream_name(prop: int, prop_type: int) -> str:
    return f"__substg1.0_{prop:04X}{prop_type:04X}"


def _as_rfc822(message: _Message) -> bytes:
    """An attached Outlook message as RFC 822 bytes, its attachments as MIME parts.

    What the :mod:`email` package refuses to build comes out as the message's text alone.
    """
    try:
        return _build_rfc822(message)
    except (ValueError, TypeError, MessageError):
        return compose(message.subject, message.sender, message.body).encode("utf-8", "replace")


def _build_rfc822(message: _Message) -> bytes:
    email = EmailMessage(policy=SMTP)
    if message.subject:
        email["Subject"] = _one_line(message.subject)
    if message.sender:
        email["From"] = _one_line(message.sender)
    email.set_content(_safe(message.body) or "")
    for child in message.children:
        maintype, _, subtype = (child.content_type or "application/octet-stream").partition("/")
        if child.content_type == "message/rfc822" or "/" not in (child.content_type or "/"):
            maintype, subtype = "application", "octet-stream"
        email.add_attachment(
            child.data,
            maintype=maintype.strip() or "application",
            subtype=subtype.strip() or "octet-stream",
            filename=_one_line(child.filename) if child.filename else None,
            disposition="inline" if child.inline else "attachment",
        )
    return email.as_bytes()


def _one_line(value: str) -> str:
    printable = "".join(char if char.isprintable() else " " for char in _safe(value))
    return " ".join(printable.split())[:500]


def _safe(value: str) -> str:
    """Text that encodes: lone surrogates (from broken UTF-16) replaced."""
    return value.encode("utf-8", "replace").decode("utf-8")
