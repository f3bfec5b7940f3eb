"""Plain-text and HTML attachments: bytes to text, with the charset found honestly.

The charset comes from a byte-order mark, then (HTML only) a ``<meta charset>`` near the top,
then UTF-8 if the bytes are valid UTF-8, and last Windows-1252, the charset of most old mail.
A label of ASCII or Latin-1 is not taken at its word: 8-bit bytes under it are mostly UTF-8
or Windows-1252, which is what is tried.  UTF-16 without a byte-order mark is recognised by
its NUL bytes.  Bytes no charset could decode are replaced and reported as a ``charset``
problem; data that is mostly NUL bytes is binary, not text, and reported as ``corrupt``.
HTML is turned into text by :func:`parsers.html_text.html_to_text`.
"""

from __future__ import annotations

import codecs
import re

from parsers.html_text import html_to_text
from parsers.model import Extracted, Limits, Problem, ProblemCode

_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_FALLBACK = "cp1252"
_WESTERN_LABELS = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252"})
_NUL_SHARE_BINARY = 0.10
"""More NUL bytes than this share (outside UTF-16/32) means the data is not text."""
_UTF16_NUL_SHARE = 0.40
"""UTF-16 without a mark: at least this share of the odd (or even) bytes are NUL."""
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
    """Decode ``data`` as text: BOM, then ``charset`` (if given), UTF-8, Windows-1252.

    Returns the text with newlines normalised to ``\\n`` and the problems met on the way.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_lossy(data[len(bom) :], encoding)
    problems: list[Problem] = []
    if charset:
        decoded = _decode_declared(data, charset)
        if isinstance(decoded, str):
            return _clean(decoded), ()
        if decoded is not None:
            problems.append(decoded)
    utf16 = _bomless_utf16(data)
    if utf16:
        text, more = _decode_lossy(data, utf16)
        return text, (*problems, *more)
    if data.count(0) > len(data) * _NUL_SHARE_BINARY:
        detail = "mostly NUL bytes: binary data, not text"
        return "", (*problems, Problem(ProblemCode.CORRUPT, detail))
    try:
        return _clean(data.decode("utf-8")), tuple(problems)
    except UnicodeDecodeError:
        text, more = _decode_lossy(data, _FALLBACK)
        return text, (*problems, *more)


def _decode_declared(data: bytes, charset: str) -> str | Problem | None:
    """``data`` decoded as declared; ``None`` where the guess is better than the label."""
    try:
        name = codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return Problem(ProblemCode.CHARSET, f"unknown charset {charset[:40]!r}")
    if name in _WESTERN_LABELS:
        # "ASCII" and "Latin-1" labels are often wrong: 8-bit bytes that are valid UTF-8
        # are UTF-8, others Windows-1252 (which browsers read for both labels, WHATWG).
        return None
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return Problem(ProblemCode.CHARSET, f"not valid {charset[:40]}")


def _decode_lossy(data: bytes, encoding: str) -> tuple[str, tuple[Problem, ...]]:
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - _count_literal_replacement(data, encoding)
    problems: tuple[Problem, ...] = ()
    if replaced > 0:
        detail = f"{replaced} byte sequence(s) not valid {encoding} were replaced"
        problems = (Problem(ProblemCode.CHARSET, detail),)
    return _clean(text), problems


def _count_literal_replacement(data: bytes, encoding: str) -> int:
    """How many U+FFFD the data itself spells (these were not replacements)."""
    try:
        return data.count("\ufffd".encode(encoding))
    except (UnicodeEncodeError, LookupError):
        return 0


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes sit in every other place, as in UTF-16 text."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul >= _UTF16_NUL_SHARE and even_nul < 0.05:
        return "utf-16-le"
    if even_nul >= _UTF16_NUL_SHARE and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _clean(text: str) -> str:
    return _NEWLINES.sub("\n", text).replace("\x00", "")


def _finish(text: str, problems: tuple[Problem, ...]) -> Extracted:
    if not text.strip() and not problems:
        problems = (Problem(ProblemCode.EMPTY, "no text"),)
    return Extracted(text=text, problems=problems)


def _too_large(data: bytes, limits: Limits) -> Extracted:
    detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
    return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
