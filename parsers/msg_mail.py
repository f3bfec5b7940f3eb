"""An Outlook .msg file as the mail it is: RFC 822 bytes, built with :mod:`email`.

Outlook keeps the header a received mail arrived with (the transport headers property,
MS-OXPROPS ``PidTagTransportMessageHeaders``): that header is kept as it was, Received
lines and all, and only the MIME structure under it is built anew.  A .msg without it (a
draft, a sent item, a message Outlook made itself) gets a header built from its
properties: From, Sender, To, Cc, Subject, Date (when it was sent), Message-ID,
In-Reply-To and References.  A field the transport header lacks is taken from the
properties too.

The body is the plain text and the HTML as alternatives (or the one there is, else the
compressed RTF body as text); every attachment becomes a MIME part with its name, type
and bytes, an inline one with its Content-ID; an attached Outlook message becomes an
attached mail (``message/rfc822``).  What cannot be carried over (an attachment that is
only a link to a file, an embedded OLE object) is returned as a problem.

The same .msg always gives the same bytes: the MIME boundaries are derived from its
content, so importing a file twice files it once.
"""

from __future__ import annotations

import email
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.errors import MessageError
from email.message import EmailMessage, Message, MIMEPart
from email.policy import SMTP
from email.utils import format_datetime, formataddr

import olefile  # type: ignore[import-untyped]

from parsers.documents.msg import (
    PR_ATTACH_CONTENT_ID,
    PR_BODY,
    PR_DISPLAY_NAME,
    PR_INTERNET_CPID,
    PR_MESSAGE_CODEPAGE,
    PR_RTF_COMPRESSED,
    PR_SENDER_EMAIL,
    PR_SENDER_NAME,
    PR_SENDER_SMTP,
    PR_SUBJECT,
    MapiReader,
    MessageText,
    body_text,
    codec_for_codepage,
)
from parsers.mailfile import is_message
from parsers.model import Limits, Part, Problem, ProblemCode

PR_CLIENT_SUBMIT_TIME = 0x0039
PR_SENT_REPRESENTING_NAME = 0x0042
PR_SENT_REPRESENTING_EMAIL = 0x0065
PR_TRANSPORT_MESSAGE_HEADERS = 0x007D
PR_RECIPIENT_TYPE = 0x0C15
PR_INTERNET_MESSAGE_ID = 0x1035
PR_INTERNET_REFERENCES = 0x1039
PR_IN_REPLY_TO_ID = 0x1042
PR_EMAIL_ADDRESS = 0x3003
PR_SMTP_ADDRESS = 0x39FE
PR_SENT_REPRESENTING_SMTP = 0x5D02
_TYPE_SYSTIME = 0x0040
_MAPI_TO, _MAPI_CC = 1, 2

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_TOP = 32
"""Bytes before the property entries of a top-level message's properties stream."""
_HEADER_SUB = 8
"""... of a recipient's or an attachment's."""
_RECIPIENT = re.compile(r"__recip_version1\.0_#[0-9A-Fa-f]{8}")
_ATTACHMENT = re.compile(r"__attach_version1\.0_#[0-9A-Fa-f]{8}")
_EXCHANGE_PREAMBLE = re.compile(rb"^Microsoft Mail Internet Headers Version [0-9.]+\r?\n")
_FIELD_NAME = re.compile(rb"([!-9;-~]+)[ \t]*:")
_MIME_TYPE = re.compile(r"[A-Za-z0-9][\w.+-]*/[A-Za-z0-9][\w.+-]*")
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
_CRLF = b"\r\n"
_MIME_VERSION = b"MIME-Version: 1.0\r\n"


class NotAnOutlookMessage(ValueError):
    """The bytes are not an Outlook message that can be read."""


@dataclass(frozen=True, slots=True)
class OutlookMail:
    """A .msg turned into a mail."""

    raw: bytes
    """The mail, RFC 822 bytes with CRLF line ends."""
    left_out: tuple[Problem, ...] = ()
    """What could not be carried over into the mail (an attachment that is a link)."""


def msg_to_mail(data: bytes, limits: Limits | None = None) -> OutlookMail:
    """The mail an Outlook .msg file holds; :class:`NotAnOutlookMessage` if it holds none."""
    if not data.startswith(_OLE_MAGIC):
        raise NotAnOutlookMessage("not a compound file")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            entries = frozenset(tuple(path) for path in ole.listdir(streams=True, storages=True))
            if not any(len(path) == 1 and path[0].startswith("__substg1.0_") for path in entries):
                raise NotAnOutlookMessage("a compound file without message properties")
            reader = MapiReader(ole, entries, limits or Limits())
            return _convert(reader, hashlib.sha256(data).hexdigest())
    except NotAnOutlookMessage:
        raise
    except Exception as exc:  # hostile input must become a refusal, never a crash
        raise NotAnOutlookMessage(f"unreadable: {type(exc).__name__}: {exc}"[:300]) from exc


def _convert(reader: MapiReader, digest: str) -> OutlookMail:
    top = ()
    numbers = reader.fixed_properties(top, _HEADER_TOP)
    codec = codec_for_codepage(numbers.get(PR_MESSAGE_CODEPAGE))
    html_codec = codec_for_codepage(numbers.get(PR_INTERNET_CPID, 65001))
    body, problems = _body(reader, codec, html_codec)
    left_out = list(problems)
    left_out += _attach_all(reader, body, codec)
    header = _header(reader, codec)
    if not header and not body.is_multipart() and not body.get_content().strip():
        raise NotAnOutlookMessage("nothing could be read: no header, no body, no attachment")
    issues: list[tuple[type, str]] = reader.ole.parsing_issues
    if issues:
        left_out.insert(0, Problem(ProblemCode.CORRUPT, f"damaged compound file: {issues[0][1]}"))
    _fix_boundaries(body, digest)
    return OutlookMail(raw=header + _MIME_VERSION + body.as_bytes(), left_out=tuple(left_out))


# --- body and attachments ---------------------------------------------------------------


def _body(reader: MapiReader, codec: str, html_codec: str) -> tuple[MIMEPart, list[Problem]]:
    """The body as a MIME part (a MIMEPart: no MIME-Version in every part)."""
    top = ()
    plain = reader.string(top, PR_BODY, codec)
    html = reader.html(top, html_codec)
    body = MIMEPart(policy=SMTP)
    problems: list[Problem] = []
    if plain and html:
        body.set_content(_safe(plain))
        body.add_alternative(_safe(html), subtype="html")
    elif html:
        body.set_content(_safe(html), subtype="html")
    elif plain:
        body.set_content(_safe(plain))
    else:
        rtf = reader.binary(top, PR_RTF_COMPRESSED)
        text, found = body_text(MessageText(compressed_rtf=rtf), reader.limits)
        problems += found
        body.set_content(_safe(text))
    return body, problems


def _attach_all(reader: MapiReader, body: MIMEPart, codec: str) -> list[Problem]:
    problems: list[Problem] = []
    names = reader.storages((), _ATTACHMENT)
    if len(names) > reader.limits.max_members:
        detail = f"{len(names)} attachments, more than {reader.limits.max_members}"
        problems.append(Problem(ProblemCode.TOO_LARGE, detail))
        names = names[: reader.limits.max_members]
    for name in names:
        outcome = reader.attachment((name,), 0, codec)
        if isinstance(outcome, Problem):
            problems.append(outcome)
            continue
        content_id = reader.string((name,), PR_ATTACH_CONTENT_ID, codec)
        try:
            _attach(body, outcome, content_id)
        except (ValueError, TypeError, MessageError) as exc:
            detail = f"attachment {outcome.filename!r} cannot be put in a mail: {exc}"
            problems.append(Problem(ProblemCode.CORRUPT, detail[:300]))
    return problems


def _attach(body: MIMEPart, part: Part, content_id: str | None) -> None:
    filename = _one_line(part.filename) if part.filename else None
    if part.content_type == "message/rfc822":
        inner = email.message_from_bytes(part.data, policy=SMTP)
        body.add_attachment(inner, filename=filename)
        return
    declared = (part.content_type or "").strip().lower()
    if not _MIME_TYPE.fullmatch(declared) or declared.startswith(("multipart/", "message/")):
        declared = "application/octet-stream"
    maintype, subtype = declared.split("/", 1)
    cid = _one_line(content_id).strip("<>") if content_id else None
    body.add_attachment(
        part.data,
        maintype=maintype,
        subtype=subtype,
        filename=filename,
        disposition="inline" if part.inline else "attachment",
        cid=f"<{cid}>" if cid else None,
    )


def _fix_boundaries(body: Message, digest: str) -> None:
    """Boundaries from the file's content instead of chance, in every nested part."""
    for number, part in enumerate(body.walk()):
        if part.get_content_maintype() == "multipart":
            part.set_boundary(f"=_msg_{digest[:24]}_{number}")


# --- the header -------------------------------------------------------------------------


def _header(reader: MapiReader, codec: str) -> bytes:
    """The header fields to put above the MIME structure, CRLF-terminated each."""
    built = _built_fields(reader, codec)
    transport = _transport_fields(reader, codec)
    if transport is None:
        return b"".join(field for _name, field in built)
    present = {name for name, _field in transport}
    missing = [field for name, field in built if name not in present]
    return b"".join(field for _name, field in transport) + b"".join(missing)


def _transport_fields(reader: MapiReader, codec: str) -> list[tuple[str, bytes]] | None:
    """The transport header's fields but its MIME ones; None if there is none to trust."""
    text = reader.string((), PR_TRANSPORT_MESSAGE_HEADERS, codec)
    if not text:
        return None
    raw = _EXCHANGE_PREAMBLE.sub(b"", _safe(text).encode("utf-8"))
    lines = raw.replace(b"\r\n", b"\n").split(b"\n")
    end = lines.index(b"") if b"" in lines else len(lines)
    lines = lines[:end]
    if not is_message(b"\n".join(lines) + b"\n\n"):
        return None
    fields: list[tuple[str, bytes]] = []
    for line in lines:
        name = _FIELD_NAME.match(line)
        if name is not None and line[:1] not in (b" ", b"\t"):
            fields.append((name[1].decode("ascii").lower(), line + _CRLF))
        elif fields:
            name_so_far, field = fields[-1]
            fields[-1] = (name_so_far, field + line + _CRLF)
    return [
        (name, field)
        for name, field in fields
        if not (name.startswith("content-") or name == "mime-version")
    ]


def _built_fields(reader: MapiReader, codec: str) -> list[tuple[str, bytes]]:
    top = ()
    values: list[tuple[str, str]] = []
    sender = _address(
        reader.string(top, PR_SENDER_NAME, codec),
        reader.string(top, PR_SENDER_SMTP, codec) or reader.string(top, PR_SENDER_EMAIL, codec),
    )
    author = _address(
        reader.string(top, PR_SENT_REPRESENTING_NAME, codec),
        reader.string(top, PR_SENT_REPRESENTING_SMTP, codec)
        or reader.string(top, PR_SENT_REPRESENTING_EMAIL, codec),
    )
    if author or sender:
        values.append(("From", author or sender or ""))
    if author and sender and author != sender:
        values.append(("Sender", sender))
    recipients = _recipients(reader, codec)
    for name, kind in (("To", _MAPI_TO), ("Cc", _MAPI_CC)):
        addresses = [address for recipient_kind, address in recipients if recipient_kind == kind]
        if addresses:
            values.append((name, ", ".join(addresses)))
    subject = reader.string(top, PR_SUBJECT, codec)
    if subject:
        values.append(("Subject", subject))
    sent = _systime(reader, top, PR_CLIENT_SUBMIT_TIME)
    if sent is not None:
        values.append(("Date", format_datetime(sent)))
    for name, prop in (
        ("Message-ID", PR_INTERNET_MESSAGE_ID),
        ("In-Reply-To", PR_IN_REPLY_TO_ID),
        ("References", PR_INTERNET_REFERENCES),
    ):
        value = reader.string(top, prop, codec)
        if value:
            values.append((name, value))
    return list(_fields(values))


def _fields(values: Iterable[tuple[str, str]]) -> Iterable[tuple[str, bytes]]:
    """Each value as a header field, folded and encoded as the SMTP policy does."""
    for name, value in values:
        holder = EmailMessage(policy=SMTP)
        try:
            holder[name] = _one_line(value)
            field = holder.as_bytes().split(_CRLF + _CRLF, 1)[0] + _CRLF
        except (ValueError, TypeError, MessageError):
            continue  # a value no header can hold is left out
        yield name.lower(), field


def _recipients(reader: MapiReader, codec: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for name in reader.storages((), _RECIPIENT):
        prefix = (name,)
        kind = reader.fixed_properties(prefix, _HEADER_SUB).get(PR_RECIPIENT_TYPE, _MAPI_TO)
        address = _address(
            reader.string(prefix, PR_DISPLAY_NAME, codec),
            reader.string(prefix, PR_SMTP_ADDRESS, codec)
            or reader.string(prefix, PR_EMAIL_ADDRESS, codec),
        )
        if address:
            found.append((kind, address))
    return found


def _address(name: str | None, address: str | None) -> str | None:
    if address and "@" not in address:
        address = None  # an Exchange distinguished name, not a mail address
    if not address:
        return None
    shown = _one_line(name) if name and name != address else ""
    return formataddr((shown, _one_line(address)))


def _systime(reader: MapiReader, prefix: tuple[str, ...], prop: int) -> datetime | None:
    entry = reader.fixed_values(prefix, _HEADER_TOP).get(prop)
    if entry is None or entry[0] != _TYPE_SYSTIME:
        return None
    ticks = int.from_bytes(entry[1], "little")
    if not ticks:
        return None
    try:
        moment = _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)
    except OverflowError:
        return None
    return moment.replace(microsecond=0)


def _one_line(value: str) -> str:
    printable = "".join(char if char.isprintable() else " " for char in _safe(value))
    return " ".join(printable.split())[:2000]


def _safe(value: str) -> str:
    """Text that encodes: lone surrogates (from broken UTF-16) replaced."""
    return value.encode("utf-8", "replace").decode("utf-8")
