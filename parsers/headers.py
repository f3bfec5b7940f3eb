"""A message's header: values decoded from every state they arrive in (RFC 2047, raw
8-bit, broken), and :class:`Header`, the fields read once and asked many times."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from email.errors import HeaderParseError, MessageError
from email.header import Header as EncodedHeader
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32

from parsers.charset import decode

_WHITESPACE = re.compile(r"\s+")


def _decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Header bytes as text, decoded as all text bytes are (:func:`parsers.charset.decode`).

    Its problems are dropped: a header value is returned as text alone, as the standard
    library's decoding of well-formed encoded words returns it.
    """
    text, _problems = decode(data, declared)
    return text


def _unescape(value: str) -> str:
    """Undo the surrogate escapes the stdlib parser uses for raw 8-bit header bytes."""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        return _decode_bytes(value.encode("ascii", "surrogateescape"))
    return value


def decode_header_text(value: str | EncodedHeader | None) -> str | None:
    """A header value as readable text: encoded words decoded, folding undone."""
    if value is None:
        return None
    text = _unescape(str(value))
    try:
        parts = decode_header(text)
        decoded = str(make_header(parts))
    except (HeaderParseError, LookupError, UnicodeDecodeError, ValueError):
        decoded = _decode_parts_leniently(text)
    return _WHITESPACE.sub(" ", decoded).strip()


def _decode_parts_leniently(text: str) -> str:
    try:
        parts = decode_header(text)
    except (HeaderParseError, ValueError):
        return text
    pieces = []
    for chunk, charset in parts:
        if isinstance(chunk, bytes):
            pieces.append(_decode_bytes(chunk, charset))
        else:
            pieces.append(chunk)
    return "".join(pieces)


# --- the header of a message ---------------------------------------------------

_TOKEN = re.compile(r"\s*([\w.+-]+)")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_READ_ERRORS = (MessageError, ValueError, TypeError, LookupError, AttributeError)


@dataclass(frozen=True, slots=True)
class Header:
    """The header fields of a message, decoded, top first: read once, asked many times."""

    fields: tuple[tuple[str, str], ...] = ()
    """``(name, value)``: the name lower-cased, the value decoded (RFC 2047 and raw 8-bit
    bytes), unfolded and normalised to NFC."""
    _index: dict[str, tuple[str, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        index: dict[str, list[str]] = {}
        for name, value in self.fields:
            index.setdefault(name, []).append(value)
        self._index.update((name, tuple(values)) for name, values in index.items())

    def all(self, name: str) -> tuple[str, ...]:
        """Every value of a field, top first (``received``: the last hop first)."""
        return self._index.get(name.lower(), ())

    def first(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None

    def has(self, name: str) -> bool:
        return name.lower() in self._index

    def keyword(self, name: str) -> str | None:
        """The first word of a field's first value, lower-cased (``Auto-Submitted: Auto-Replied``
        gives ``auto-replied``)."""
        match = _TOKEN.match(self.first(name) or "")
        return match.group(1).lower() if match else None


def header_of(message: Message) -> Header:
    """The header of a parsed message; a field that cannot be read is left out."""
    fields: list[tuple[str, str]] = []
    for name, value in message.raw_items():
        try:
            text = decode_header_text(value) or ""
        except _READ_ERRORS:
            continue
        fields.append((name.strip().lower(), unicodedata.normalize("NFC", text)))
    return Header(tuple(fields))


def read_header(raw: bytes) -> Header:
    """The header of a raw message, read alone: for a message whose MIME tree cannot be read."""
    match = _HEADER_END.search(raw)
    head = raw if match is None else raw[: match.end()]
    try:
        return header_of(BytesHeaderParser(policy=compat32).parsebytes(head))
    except _READ_ERRORS:
        return Header()
