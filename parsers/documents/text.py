"""Plain-text and HTML attachments: bytes to text, with the charset found honestly.

The bytes are decoded by :func:`parsers.charset.decode`, as body parts and header values
are: a byte-order mark decides, then the label (for HTML, a ``<meta charset>`` near the top)
where the bytes agree with it, UTF-8, and last Windows-1252, the charset of most old mail;
UTF-16 without a byte-order mark is recognised by its NUL bytes.  Bytes no charset could
decode are replaced and reported as a ``charset`` problem.  A document then needs what a
body part (whose line ends :func:`parsers.body.own_text` reads as they come) does not: its
newlines normalised to ``\n`` and stray NULs dropped, and data that is mostly NUL characters
once decoded, with no byte-order mark, refused as binary, not text (``corrupt``).  HTML is
turned into text by :func:`parsers.html_text.html_to_text`.
"""

from __future__ import annotations

import re

from parsers.charset import byte_order_mark, decode
from parsers.html_text import html_to_text
from parsers.model import Extracted, Limits, Problem, ProblemCode

_NUL_SHARE_BINARY = 0.10
"""More NUL characters than this share of the decoded text means the data is not text."""
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
_META_SCAN_BYTES = 4096
_NEWLINES = re.compile(r"\r\n?")


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read a plain-text attachment."""
    if len(data) > limits.max_bytes:
        return _too_large(data, limits)
    text, problems = decode_text(data)
    return _finish(text, problems)


def extract_html(data: bytes, limits: Limits) -> Extracted:
    """Read an HTML attachment (or body) as the text a reader sees."""
    if len(data) > limits.max_bytes:
        return _too_large(data, limits)
    markup, problems = decode_text(data, charset=_meta_charset(data))
    return _finish(html_to_text(markup), problems)


def decode_text(data: bytes, charset: str | None = None) -> tuple[str, tuple[Problem, ...]]:
    """Decode ``data`` as a document's text, ``charset`` being the label it came with.

    :func:`parsers.charset.decode` reads the bytes; the text comes back with newlines
    normalised to ``\\n`` and NUL characters dropped, or as no text and only a ``corrupt``
    problem when it is mostly NULs and no byte-order mark says it is text: binary data a
    text label was put on, whose charset problems would say nothing.
    """
    text, problems = decode(data, charset)
    if text.count("\x00") > len(text) * _NUL_SHARE_BINARY and not byte_order_mark(data):
        detail = "mostly NUL bytes: binary data, not text"
        return "", (Problem(ProblemCode.CORRUPT, detail),)
    return _NEWLINES.sub("\n", text).replace("\x00", ""), problems


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _finish(text: str, problems: tuple[Problem, ...]) -> Extracted:
    if not text.strip() and not problems:
        problems = (Problem(ProblemCode.EMPTY, "no text"),)
    return Extracted(text=text, problems=problems)


def _too_large(data: bytes, limits: Limits) -> Extracted:
    detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
    return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
