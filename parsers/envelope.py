"""What is read off a message's header before anything else: identity and times.

``read_envelope`` never raises on bad input: what cannot be read becomes a
:class:`HeaderProblem` on the result.  ``dedupe_key`` is what makes filing idempotent:
the same message seen twice (polled again, re-imported, after a UIDVALIDITY reset,
delivered to two aliases) has the same key, whatever trace headers the hops added.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parseaddr, parsedate_to_datetime

from parsers.headers import decode_header_text


@dataclass(frozen=True, slots=True)
class HeaderProblem:
    """Something in the header that could not be read as it should."""

    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class Envelope:
    """The header facts every filed message has, however malformed the rest is."""

    message_id: str | None
    from_header: str | None
    subject: str | None
    date_header: str | None
    date_header_at: datetime | None
    received_header_at: datetime | None
    """The date of the topmost ``Received:`` header: the last hop, normally our own server."""
    problems: tuple[HeaderProblem, ...] = ()


_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def read_envelope(raw: bytes, trusted_hosts: Sequence[str] = ()) -> Envelope:
    """Read the envelope facts of a raw RFC 822 message.

    ``received_header_at`` comes from the topmost ``Received:`` header added by one of
    ``trusted_hosts`` (its ``by`` clause: the host or a subdomain of it); with no trusted
    hosts given, from the topmost ``Received:`` header, the last hop.
    """
    parsed = BytesHeaderParser(policy=compat32).parsebytes(_header_block(raw))
    problems: list[HeaderProblem] = []
    for defect in getattr(parsed, "defects", []):
        problems.append(HeaderProblem("mime-defect", type(defect).__name__))
    # raw_items keeps undeclared 8-bit bytes as surrogate escapes, which decoding recovers.
    fields: dict[str, list[str]] = {}
    for name, value in parsed.raw_items():
        fields.setdefault(name.lower(), []).append(value)

    def first(name: str) -> str | None:
        values = fields.get(name)
        return values[0] if values else None

    message_id = _message_id(first("message-id"))
    if message_id is None:
        problems.append(HeaderProblem("no-message-id", "the message has no Message-ID header"))

    date_text = decode_header_text(first("date"))
    date_at = None
    if date_text:
        date_at = parse_mail_date(date_text)
        if date_at is None:
            problems.append(HeaderProblem("bad-date-header", date_text))

    received_at = None
    hops = [decode_header_text(value) or "" for value in fields.get("received", [])]
    ours = _our_hop(hops, trusted_hosts)
    if ours is not None:
        received_at = received_header_date(ours)
        if received_at is None:
            problems.append(HeaderProblem("bad-received-header", ours[:200]))
    elif hops:
        detail = f"none of the Received headers is by {', '.join(trusted_hosts)}"
        problems.append(HeaderProblem("no-trusted-received-header", detail))

    return Envelope(
        message_id=message_id,
        from_header=_address_text(decode_header_text(first("from"))),
        subject=decode_header_text(first("subject")),
        date_header=date_text,
        date_header_at=date_at,
        received_header_at=received_at,
        problems=tuple(problems),
    )


_BY_HOST = re.compile(r"\bby\s+\[?([A-Za-z0-9.-]+)", re.IGNORECASE)


def _our_hop(hops: list[str], trusted_hosts: Sequence[str]) -> str | None:
    """The topmost hop added by one of our own servers (the topmost hop if none named)."""
    if not trusted_hosts:
        return hops[0] if hops else None
    trusted = [host.lower().rstrip(".") for host in trusted_hosts]
    for hop in hops:
        match = _BY_HOST.search(hop)
        if match is None:
            continue
        host = match.group(1).lower().rstrip(".")
        if any(host == name or host.endswith("." + name) for name in trusted):
            return hop
    return None


def _address_text(text: str | None) -> str | None:
    """``"Name" <a@b>`` as ``Name <a@b>``; anything unusual is returned as it is."""
    if not text:
        return text
    name, address = parseaddr(text)
    if "@" not in address or "," in text.replace(f'"{name}"', ""):
        return text
    return f"{name} <{address}>" if name else address


def _header_block(raw: bytes) -> bytes:
    match = _HEADER_END.search(raw)
    return raw if match is None else raw[: match.end()]


def _message_id(value: str | None) -> str | None:
    text = decode_header_text(value)
    if not text:
        return None
    match = _MESSAGE_ID.search(text)
    return match.group(0) if match else text.strip()


def parse_mail_date(text: str) -> datetime | None:
    """An RFC 5322 date as an aware datetime; ``-0000`` and missing zones are taken as UTC."""
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
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


def dedupe_key(raw: bytes, message_id: str | None) -> str:
    """The key under which a message is filed once: Message-ID plus content fingerprint."""
    digest = hashlib.sha256()
    digest.update((message_id or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(content_fingerprint(raw).encode("ascii"))
    return digest.hexdigest()


def raw_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


__all__ = [
    "Envelope",
    "HeaderProblem",
    "content_fingerprint",
    "dedupe_key",
    "parse_mail_date",
    "raw_sha256",
    "read_envelope",
    "received_header_date",
]
