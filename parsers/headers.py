"""Decoding header values that arrive in every state: RFC 2047, raw 8-bit, broken."""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.header import Header, decode_header, make_header

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


def decode_header_text(value: str | Header | None) -> str | None:
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
