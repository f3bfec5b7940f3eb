"""A message read once: its header, its structure, its body text and its attached files.

mail-parser parses the bytes (guarding against nesting bombs) and collects MIME defects;
everything later steps need is read off that one parse here: the header
(:class:`~parsers.headers.Header`), the top of the MIME structure, the body text and the
parts, each decoded from its own bytes (mail-parser decodes text with
``errors="ignore"`` and would silently drop what it cannot read).  Text is handed out
normalised to NFC.
"""

from __future__ import annotations

import email
import logging
import unicodedata
from dataclasses import dataclass
from email import errors
from email.message import Message
from email.policy import compat32
from email.utils import collapse_rfc2231_value

import mailparser
from mailparser.exceptions import MailParserError

from parsers.body import forwarded_text, own_text
from parsers.charset import decode
from parsers.headers import Header, decode_header_text, header_of, read_header
from parsers.html_text import html_to_text
from parsers.model import Limits, Part, Problem, ProblemCode

log = logging.getLogger(__name__)

_TEXT_TYPES = ("text/plain", "text/html")
_SIGNATURE_TYPES = (
    "application/pgp-signature",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
)
_ENCRYPTED_TYPES = ("application/pgp-encrypted", "multipart/encrypted")
_MAX_DEPTH = 40
_READ_ERRORS = (
    errors.MessageError,
    ValueError,  # UnicodeError among them
    TypeError,
    LookupError,
    AttributeError,
    AssertionError,
)
"""What the email package raises on mail it was not written for."""


@dataclass(frozen=True, slots=True)
class Structure:
    """The top of a message's MIME tree: what tells a report from a letter."""

    content_type: str = "text/plain"
    report_type: str | None = None
    """The ``report-type`` of a top-level ``multipart/report`` (``"?"`` when not given)."""
    part_types: tuple[str, ...] = ()
    """The content types directly under the top level."""


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """What a message says and carries, from one parse of its bytes."""

    header: Header
    structure: Structure
    body_text: str
    """The whole body as text: text/plain preferred, HTML converted."""
    body_source: str | None
    """``text/plain``, ``text/html`` or None when there is no body text."""
    own_text: str
    """The body without quoted history and long signatures or disclaimers."""
    parts: tuple[Part, ...]
    """Attached files (and inline images), in message order, still to be extracted."""
    problems: tuple[Problem, ...]
    readable: bool = True
    """False when the MIME tree could not be read: the body is then the raw text."""
    forwarded_text: str | None = None
    """When the body forwards a message: that message's own text, without the note."""


@dataclass(slots=True)
class _Segment:
    text: str
    source: str


def parse_message(raw: bytes, limits: Limits | None = None) -> ParsedMessage:
    """Read the header, body and attachments of a raw RFC 822 message; never raises on bad
    mail (a tree too deep to walk is read as text, its header alone)."""
    limits = limits or Limits()
    try:
        parsed = mailparser.MailParser.from_bytes(raw)
    except MailParserError as exc:
        return _unreadable(raw, Problem(ProblemCode.NESTED_TOO_DEEP, str(exc)))
    except Exception as exc:  # noqa: BLE001 - mail-parser is not hardened against hostile mail
        # Its own bug need not cost the message: the standard library reads it alone.
        log.debug("mail-parser failed (%s: %s); reading with the email package", type(exc), exc)
        try:
            message = email.message_from_bytes(raw, policy=compat32)
            defects = [type(d).__name__ for part in message.walk() for d in part.defects]
        except RecursionError:
            return _unreadable(raw, Problem(ProblemCode.NESTED_TOO_DEEP, "MIME nesting"))
    else:
        message = parsed.message
        defects = sorted(parsed.defects_categories)
    try:
        return _read(message, defects, limits)
    except RecursionError:
        return _unreadable(raw, Problem(ProblemCode.NESTED_TOO_DEEP, "MIME nesting"))


def _read(message: Message, defects: list[str], limits: Limits) -> ParsedMessage:
    walker = _Walker(limits)
    walker.problems.extend(Problem(ProblemCode.MIME_DEFECT, name) for name in defects)
    walker.visit(message, depth=0)
    segments = [s for s in walker.segments if s.text.strip()]
    body = _nfc("\n\n".join(s.text.strip("\n") for s in segments))
    source = None
    if segments:
        source = "text/html" if any(s.source == "text/html" for s in segments) else "text/plain"
    if not body.strip() and not walker.parts:
        walker.problems.append(Problem(ProblemCode.EMPTY, "no body text and no attachments"))
    return ParsedMessage(
        header=header_of(message),
        structure=structure_of(message),
        body_text=body,
        body_source=source,
        own_text=own_text(body),
        forwarded_text=forwarded_text(body),
        parts=tuple(walker.parts),
        problems=tuple(_unique(walker.problems)),
    )


def _unreadable(raw: bytes, problem: Problem) -> ParsedMessage:
    """The fallback for a message the MIME parser gives up on: its header read alone, its
    bytes as text."""
    text, problems = decode(raw, None)
    text = _nfc(text)
    return ParsedMessage(
        header=read_header(raw),
        structure=Structure(),
        body_text=text,
        body_source=None,
        own_text=own_text(text),
        parts=(),
        problems=(problem, *problems),
        readable=False,
    )


def structure_of(message: Message) -> Structure:
    """The content type of the top level, its report type and its children's types."""
    try:
        content_type = message.get_content_type()
        children = tuple(child.get_content_type() for child in _children(message))
    except _READ_ERRORS:
        return Structure()
    return Structure(content_type, _report_type(message, content_type), children)


def _report_type(message: Message, content_type: str) -> str | None:
    if content_type != "multipart/report":
        return None
    try:
        value = message.get_param("report-type")
    except _READ_ERRORS:
        return "?"
    if value is None or (isinstance(value, str) and not value.strip()):
        return "?"
    text = collapse_rfc2231_value(value) if isinstance(value, tuple) else value
    return str(text).strip().strip('"').lower() or "?"


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


class _Walker:
    """Visits the MIME tree once, collecting body segments, parts and problems."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.segments: list[_Segment] = []
        self.parts: list[Part] = []
        self.problems: list[Problem] = []

    def visit(self, part: Message, depth: int, parent: str | None = None) -> None:
        """Read one part and what it holds; a part the email package cannot hand over is a
        problem, and the rest of the message is still read."""
        try:
            self._visit(part, depth, parent)
        except _READ_ERRORS as exc:
            log.debug("a part could not be read: %r", exc)
            detail = "a part of the message could not be read; the rest was"
            self.problems.append(Problem(ProblemCode.MIME_DEFECT, detail))

    def _visit(self, part: Message, depth: int, parent: str | None) -> None:
        if depth > _MAX_DEPTH:
            self.problems.append(Problem(ProblemCode.NESTED_TOO_DEEP, f"deeper than {depth}"))
            return
        if len(self.parts) >= self.limits.max_members:
            self.problems.append(
                Problem(ProblemCode.TOO_LARGE, f"more than {self.limits.max_members} parts")
            )
            return
        content_type = part.get_content_type()
        if content_type in _ENCRYPTED_TYPES or _is_smime_encrypted(part):
            self.problems.append(Problem(ProblemCode.ENCRYPTED, content_type))
            if content_type == "multipart/encrypted":
                return
        if content_type == "message/delivery-status":
            self.segments.append(_Segment(_delivery_status(part), "text/plain"))
        elif content_type.startswith("multipart/") and not isinstance(part.get_payload(), list):
            # A multipart whose boundary never comes: its content is still text to keep.
            self._text(part)
        elif content_type == "multipart/alternative":
            self._alternative(part, depth)
        elif part.is_multipart() and content_type != "message/rfc822":
            for child in _children(part):
                self.visit(child, depth + 1, content_type)
        elif content_type == "message/rfc822":
            self._attached_message(part)
        elif _is_body_text(part):
            self._text(part)
        elif content_type not in _SIGNATURE_TYPES:
            self._attachment(part, parent)

    def _alternative(self, part: Message, depth: int) -> None:
        """Choose one rendering: plain text unless it holds clearly less than the HTML."""
        options: list[_Walker] = []
        for child in _children(part):
            branch = _Walker(self.limits)
            branch.visit(child, depth + 1, "multipart/alternative")
            options.append(branch)
        if not options:
            return
        chosen = _best_alternative(options)
        self.segments.extend(chosen.segments)
        for option in options:
            # Attachments inside any branch are kept (Apple Mail nests them there).
            self.parts.extend(option.parts)
            self.problems.extend(option.problems)

    def _text(self, part: Message) -> None:
        payload = _payload(part)
        text, problems = decode(payload, _charset(part))
        self.problems.extend(problems)
        if part.get_content_type() == "text/html":
            text = html_to_text(text)
            self.segments.append(_Segment(text, "text/html"))
        else:
            self.segments.append(_Segment(text, "text/plain"))

    def _attached_message(self, part: Message) -> None:
        payload = part.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            data = _message_bytes(payload[0])
        else:
            data = _payload(part)
        self.parts.append(Part(data=data, filename=_filename(part), content_type="message/rfc822"))

    def _attachment(self, part: Message, parent: str | None) -> None:
        content_type = part.get_content_type()
        disposition = part.get_content_disposition()
        inline = content_type.startswith("image/") and (
            disposition == "inline" or (part.get("Content-ID") is not None and disposition is None)
        )
        data, problems = _decoded(part)
        self.parts.append(
            Part(
                data=data,
                filename=_filename(part),
                content_type=content_type,
                inline=inline
                or (parent == "multipart/related" and content_type.startswith("image/")),
                problems=problems,
            )
        )


def _message_bytes(message: Message) -> bytes:
    """An attached message as bytes again, to be read as a document of its own.

    The email package's generator fails on some damaged messages (8-bit text in a
    multipart without a boundary); their text, undecodable bytes kept, serves instead.
    """
    try:
        return message.as_bytes(policy=compat32)
    except _READ_ERRORS:
        payload = message.get_payload()
        if not isinstance(payload, str):
            return message.as_string(policy=compat32).encode("utf-8", "surrogateescape")
        # The header and body as parsed: undecodable bytes come back as they were sent.
        head = "".join(f"{name}: {value}\n" for name, value in message.raw_items())
        return (head + "\n" + payload).encode("utf-8", "surrogateescape")


def _best_alternative(options: list[_Walker]) -> _Walker:
    def words(option: _Walker, source: str) -> int:
        return sum(len(s.text.split()) for s in option.segments if s.source == source)

    plain = [o for o in options if words(o, "text/plain") and not words(o, "text/html")]
    rich = [o for o in options if words(o, "text/html")]
    if plain and rich:
        best_plain = max(plain, key=lambda o: words(o, "text/plain"))
        best_rich = max(rich, key=lambda o: words(o, "text/html"))
        # Some clients send a stub plain part ("view this mail in HTML").
        if words(best_plain, "text/plain") * 2 >= words(best_rich, "text/html"):
            return best_plain
        return best_rich
    with_text = [o for o in options if o.segments]
    return with_text[-1] if with_text else options[-1]


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    if isinstance(payload, list):
        return [child for child in payload if isinstance(child, Message)]
    return []


def _is_body_text(part: Message) -> bool:
    return (
        part.get_content_type() in _TEXT_TYPES
        and part.get_content_disposition() != "attachment"
        and not part.get_filename()
    )


def _is_smime_encrypted(part: Message) -> bool:
    return (
        part.get_content_type()
        in (
            "application/pkcs7-mime",
            "application/x-pkcs7-mime",
        )
        and (part.get_param("smime-type") or "enveloped-data") == "enveloped-data"
    )


def _payload(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, TypeError, AssertionError) as exc:
        log.debug("payload not decodable: %s", exc)
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("ascii", "surrogateescape")
    return b""


_BROKEN_BASE64 = "InvalidBase64LengthDefect"
_DAMAGED_BASE64 = frozenset({"InvalidBase64CharactersDefect", "InvalidBase64PaddingDefect"})


def _decoded(part: Message) -> tuple[bytes, tuple[Problem, ...]]:
    """An attachment's bytes, and a problem when its transfer encoding is broken.

    The email package hands back the base64 text itself when it cannot decode it; those
    bytes are not the file, so they are not handed out to be read as one.
    """
    data = _payload(part)
    found = {type(defect).__name__ for defect in part.defects}
    if _BROKEN_BASE64 in found:
        detail = "the base64 encoding is broken; the file could not be decoded"
        return b"", (Problem(ProblemCode.BAD_ENCODING, detail),)
    if found & _DAMAGED_BASE64:
        detail = "the base64 encoding has errors; the file may be damaged"
        return data, (Problem(ProblemCode.BAD_ENCODING, detail),)
    return data, ()


def _charset(part: Message) -> str | None:
    try:
        charset = part.get_content_charset()
    except (LookupError, ValueError):
        return None
    return str(charset) if charset else None


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except (LookupError, ValueError, TypeError):
        return None
    if not name:
        return None
    decoded = decode_header_text(str(name))
    return _nfc(decoded) if decoded else None


def _delivery_status(part: Message) -> str:
    blocks = _children(part)
    lines: list[str] = []
    for block in blocks:
        lines.extend(f"{name}: {decode_header_text(value)}" for name, value in block.items())
        lines.append("")
    return "\n".join(lines)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
