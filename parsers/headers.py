"""Decoding header values that arrive in every state: RFC 2047, raw 8-bit, broken."""

from __future__ import annotations

import codecs
import re
from email.errors import HeaderParseError
from email.header import Header, decode_header, make_header

_WHITESPACE = re.compile(r"\s+")
_FALLBACK_CHARSETS = ("utf-8", "cp1252")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode header or text bytes: the declared charset if it works, else UTF-8, else cp1252.

    cp1252 is the last resort because it is what Outlook writes undeclared 8-bit text in;
    its five undefined bytes are replaced rather than dropped.
    """
    for charset in (declared, *_FALLBACK_CHARSETS):
        if not charset:
            continue
        try:
            codecs.lookup(charset)
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def _unescape(value: str) -> str:
    """Undo the surrogate escapes the stdlib parser uses for raw 8-bit header bytes."""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        return decode_bytes(value.encode("ascii", "surrogateescape"))
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
            pieces.append(decode_bytes(chunk, charset))
        else:
            pieces.append(chunk)
    return "".join(pieces)
