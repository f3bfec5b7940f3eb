"""What filing and the receipt time need of a message: its identity and its envelope.

``identify`` is all filing reads: one pass over the header lines, no MIME parsing, for
the Message-ID and a fingerprint of the content.  ``dedupe_key`` is what makes filing
idempotent: the same message seen twice (polled again, re-imported, after a UIDVALIDITY
reset, delivered to two aliases) has the same key, whatever trace headers the hops
added.

``envelope_of`` reads the envelope facts (sender, subject, the sender's Date, our own
server's Received time) from a :class:`~parsers.headers.Header` read once with the rest
of the message.  Neither raises on bad input: what cannot be read becomes a
:class:`~parsers.model.Problem` on the envelope.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr, parsedate_to_datetime

from parsers.headers import Header, decode_header_text
from parsers.model import Problem, ProblemCode


@dataclass(frozen=True, slots=True)
class Identity:
    """What filing needs of a message: who it is, without reading what it says."""

    message_id: str | None
    dedupe_key: str
    sha256: str
    """Of the raw bytes, exactly as received."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """The header facts every filed message has, however malformed the rest is."""

    message_id: str | None
    from_header: str | None
    subject: str | None
    date_header: str | None
    date_header_at: datetime | None
    received_header_at: datetime | None
    """The date of our own server's ``Received:`` header (by default the topmost: the
    last hop)."""
    problems: tuple[Problem, ...] = ()
    references: tuple[str, ...] = ()
    """The Message-IDs this message replies to: ``In-Reply-To`` first, then the
    ``References`` from the newest back."""


NO_ENVELOPE = Envelope(None, None, None, None, None, None)
"""The envelope of a message whose header could not be read."""

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")


def envelope_of(header: Header, trusted_hosts: Sequence[str] = ()) -> Envelope:
    """The envelope facts of a message, from its header.

    ``received_header_at`` comes from the topmost ``Received:`` header added by one of
    ``trusted_hosts`` (its ``by`` clause: the host or a subdomain of it); with no trusted
    hosts given, from the topmost ``Received:`` header, the last hop.
    """
    problems: list[Problem] = []
    message_id = _message_id_in(header.first("message-id"))
    if message_id is None:
        problems.append(Problem(ProblemCode.NO_MESSAGE_ID, "the message has no Message-ID"))

    date_text = header.first("date") or None
    date_at = None
    if date_text:
        date_at = parse_mail_date(date_text)
        if date_at is None:
            problems.append(Problem(ProblemCode.BAD_DATE_HEADER, date_text[:200]))

    received_at = None
    hops = header.all("received")
    ours = _our_hop(hops, trusted_hosts)
    if ours is not None:
        received_at = received_header_date(ours)
        if received_at is None:
            problems.append(Problem(ProblemCode.BAD_RECEIVED_HEADER, ours[:200]))
    elif hops:
        detail = f"none of the Received headers is by {', '.join(trusted_hosts)}"
        problems.append(Problem(ProblemCode.NO_TRUSTED_RECEIVED_HEADER, detail))

    return Envelope(
        message_id=message_id,
        from_header=_address_text(header.first("from")),
        subject=header.first("subject"),
        date_header=date_text,
        date_header_at=date_at,
        received_header_at=received_at,
        problems=tuple(problems),
        references=_references(header),
    )


_MAX_REFERENCES = 50
"""A thread this deep says nothing more: the newest references are kept."""


def _references(header: Header) -> tuple[str, ...]:
    replied = _MESSAGE_ID.findall(" ".join(header.all("in-reply-to")))
    chain = _MESSAGE_ID.findall(" ".join(header.all("references")))
    return tuple(dict.fromkeys([*replied, *reversed(chain)]))[:_MAX_REFERENCES]


_BY_HOST = re.compile(r"\bby\s+\[?([A-Za-z0-9.-]{1,255})", re.IGNORECASE)


def _our_hop(hops: Sequence[str], trusted_hosts: Sequence[str]) -> str | None:
    """The topmost hop added by one of our own servers (the topmost hop if none named)."""
    if not trusted_hosts:
        return hops[0] if hops else None
    for hop in hops:
        host = received_by(hop)
        if host is not None and is_trusted_host(host, trusted_hosts):
            return hop
    return None


def received_by(hop: str) -> str | None:
    """The host of a ``Received:`` header's ``by`` clause, in lower case; None without one."""
    match = _BY_HOST.search(hop)
    return match.group(1).lower().rstrip(".") if match else None


def is_trusted_host(host: str, trusted_hosts: Sequence[str]) -> bool:
    """Whether ``host`` is one of ``trusted_hosts`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    trusted = (name.lower().rstrip(".") for name in trusted_hosts)
    return any(host == name or host.endswith("." + name) for name in trusted)


def _address_text(text: str | None) -> str | None:
    """``"Name" <a@b>`` as ``Name <a@b>``; anything unusual is returned as it is."""
    if not text:
        return text
    name, address = parseaddr(text)
    if "@" not in address or "," in text.replace(f'"{name}"', ""):
        return text
    return f"{name} <{address}>" if name else address


def _message_id(value: str | None) -> str | None:
    """The ``<id@host>`` in a raw Message-ID value (encoded words decoded)."""
    return _message_id_in(decode_header_text(value))


def _message_id_in(text: str | None) -> str | None:
    """The ``<id@host>`` in a decoded Message-ID value, else the value; None if empty."""
    if not text or not text.strip():
        return None
    match = _MESSAGE_ID.search(text)
    return match.group(0) if match else text.strip()


def parse_mail_date(text: str) -> datetime | None:
    """An RFC 5322 date as an aware datetime; ``-0000`` and missing zones are taken as UTC.
    None when unreadable, or outside what a time in UTC can be."""
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        parsed.astimezone(UTC)  # 31 Dec 9999 in a zone west of UTC has no UTC time
    except OverflowError:
        return None
    return parsed


def received_header_date(value: str) -> datetime | None:
    """The timestamp of a ``Received:`` header: what follows its last semicolon."""
    _, sep, stamp = value.rpartition(";")
    if not sep:
        return None
    return parse_mail_date(stamp.strip())


# Headers that hops and mail stores add or rewrite; they differ between two copies of
# the same message and so are left out of its fingerprint.
_TRACE_HEADERS = frozenset(
    {
        "received",
        "return-path",
        "delivered-to",
        "x-original-to",
        "envelope-to",
        "x-envelope-from",
        "x-envelope-to",
        "status",
        "x-status",
        "x-keywords",
        "x-uid",
        "content-length",
        "lines",
        "authentication-results",
        "received-spf",
        "x-gmail-labels",
        "x-gm-thrid",
    }
)
_TRACE_PREFIXES = ("x-spam-", "x-virus-", "arc-", "x-mozilla-", "x-ms-exchange-organization-")
_MBOX_FROM_QUOTE = re.compile(rb"^>(>*From )", re.MULTILINE)
_FIELD_LINE = re.compile(rb"[\x21-\x39\x3b-\x7e]*:")
"""A header field's first line, as the email package recognises one."""
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def identify(raw: bytes) -> Identity:
    """The Message-ID, dedupe key and SHA-256 of a raw message, from its header lines.

    No MIME parsing: this runs before a message is safely filed, so it must not cost more
    than reading the bytes once.
    """
    message_id = _message_id_field(raw)
    return Identity(
        message_id=message_id,
        dedupe_key=_dedupe_key(message_id, content_fingerprint(raw)),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def dedupe_key(raw: bytes, message_id: str | None) -> str:
    """The key under which a message is filed once: Message-ID plus content fingerprint."""
    return _dedupe_key(message_id, content_fingerprint(raw))


def _dedupe_key(message_id: str | None, fingerprint: str) -> str:
    digest = hashlib.sha256()
    digest.update((message_id or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(fingerprint.encode("ascii"))
    return digest.hexdigest()


def content_fingerprint(raw: bytes) -> str:
    """SHA-256 over the message less its trace headers, line endings normalised."""
    normalised = raw.replace(b"\r\n", b"\n")
    head, sep, body = normalised.partition(b"\n\n")
    kept: list[bytes] = []
    current: list[bytes] = []

    def flush() -> None:
        if current:
            name, _, _ = current[0].partition(b":")
            lowered = name.strip().lower().decode("ascii", "replace")
            if lowered not in _TRACE_HEADERS and not lowered.startswith(_TRACE_PREFIXES):
                kept.append(b" ".join(part.strip() for part in current))
            current.clear()

    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and current:
            current.append(line)
        else:
            flush()
            if line.startswith(b"From ") and not kept and not current:
                continue  # an mbox envelope line, not a header
            current.append(line)
    flush()
    body = _MBOX_FROM_QUOTE.sub(rb"\1", body).rstrip()
    digest = hashlib.sha256()
    digest.update(b"\n".join(kept))
    digest.update(b"\n\n" if sep else b"\n")
    digest.update(body)
    return digest.hexdigest()


def _message_id_field(raw: bytes) -> str | None:
    """The first Message-ID in the header (see :func:`_header_fields`)."""
    for name, value in _header_fields(raw):
        if name == b"message-id":
            return _message_id(value.strip().decode("ascii", "surrogateescape"))
    return None


def received_hosts(raw: bytes) -> tuple[str, ...]:
    """The ``by`` host of each ``Received:`` header, topmost first, from the header lines
    alone (no MIME parsing: filing reads this before the message is read)."""
    hosts = []
    for name, value in _header_fields(raw):
        if name == b"received":
            host = received_by(value.decode("ascii", "replace"))
            if host is not None:
                hosts.append(host)
    return tuple(hosts)


def _header_fields(raw: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Each header field as (lower-case name, value with its continuation lines), read as
    the email package reads a header: lines end at CR, LF or CR LF; an envelope ``From``
    line, a continuation with no field before it and a line with no name are passed over;
    a blank line or a line that is no field ends the header."""
    name: bytes | None = None
    value: list[bytes] = []  # the lines of the field being read
    for match in _LINE.finditer(raw):
        line = match.group().rstrip(b"\r\n")
        if line[:1] in (b" ", b"\t"):
            if name is not None:
                value.append(line)
            continue
        if name is not None:
            yield name, b"\n".join(value)
            name = None
        if line.startswith(b"From ") or line.startswith(b":"):
            continue
        if not line or not _FIELD_LINE.match(line):
            return
        field, _, first = line.partition(b":")
        name, value = field.strip().lower(), [first]
    if name is not None:
        yield name, b"\n".join(value)


__all__ = [
    "Envelope",
    "Identity",
    "content_fingerprint",
    "dedupe_key",
    "envelope_of",
    "identify",
    "is_trusted_host",
    "parse_mail_date",
    "received_by",
    "received_header_date",
    "received_hosts",
]
