"""Bytes to text when the charset label may be wrong or missing.

``decode`` is the one decoder for text bytes in :mod:`parsers`: MIME text parts, header
values with raw 8-bit bytes, plain-text and HTML attachments, and the bodies Outlook files
store as bytes.  It honours the label when the bytes agree with it and corrects the
mislabels mail really arrives with:

- a byte-order mark decides, whatever the label says;
- the label is read as mail clients read it: quotes, ``;`` and RFC 2231's ``'en'`` dropped,
  aliases (``utf8mb4``, ``ansi``), code page spellings (``win-1252``, ``CP-1252``), Mac names,
  and a superset for labels clients write it under (GB2312 as GB18030, Shift_JIS as
  Windows-31J, as browsers do); a codec that is no charset (``base64``, ``rot13``) is unknown;
- a UTF-16 or UTF-32 label on bytes without a NUL is wrong; UTF-16 without a mark is
  recognised by its NUL bytes in every other place (unless the label says UTF-8 and the
  bytes are UTF-8);
- under a single-byte label (``us-ascii``, ``iso-8859-1``, ``windows-1252``, ...) or none,
  bytes that are valid UTF-8 are UTF-8; with no label, ``us-ascii`` or ``utf-8``, bytes that
  are mostly UTF-8 keep it with the stray bytes replaced, others are Windows-1252, the
  charset Outlook writes undeclared 8-bit text in; ``iso-8859-1`` with bytes in 0x80–0x9F
  is Windows-1252 too (which browsers read for that label);
- a multi-byte charset that does not decode is tried as UTF-8 before bytes are replaced.

Every replacement and every label found wrong is reported as a ``charset`` problem; a
missing label is not a problem.  What a caller does with the problems is its own affair: a
header value drops them, a body part or an attachment records them.
"""

from __future__ import annotations

import codecs
import re

from parsers.model import Problem, ProblemCode

Decoded = tuple[str, tuple[Problem, ...]]
"""The text and the problems met decoding it."""

_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALIASES = {
    "utf8mb4": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "unicode-2-0-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "unicode": "utf-16",
    "iso-8859-8-i": "iso8859-8",
    "iso-8859-6-i": "iso8859-6",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "x-euc-jp": "euc_jp",
    "x-gbk": "gb18030",
    "x-mac-ce": "mac-latin2",
    "ansi": "cp1252",
}
_CODE_PAGE = re.compile(r"(?:x-)?(?:windows|win|cp|ms|ibm)[-_ ]?(\d{3,5})")
_MAC = re.compile(r"x-mac-?(\w+)")
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
    "tis-620": "cp874",
}
"""Labels read with the superset mail clients use for them (as browsers do)."""
_NOT_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}
    | {"base64", "bz2", "hex", "quopri", "rot-13", "uu", "zlib"}
)
_SINGLE_BYTE = ("ascii", "iso8859-", "cp125", "koi8-", "mac-")
"""Single-byte charsets (by codec name prefix): UTF-8 text under their label is UTF-8."""
_NOT_ASCII_BASED = ("utf-7", "utf-16", "utf-32", "hz", "iso2022")
"""Codecs (by name prefix) whose ASCII-looking bytes still need decoding."""
_UTF16_NUL_SHARE = 0.40
"""UTF-16 without a mark: at least this share of the odd (or even) bytes are NUL."""
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_ESCAPED = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def decode(data: bytes, label: str | None = None) -> Decoded:
    """Decode text bytes under their charset ``label`` (or none); never raises.

    The problems say where bytes were replaced or the label was wrong.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_replacing(data[len(bom) :], encoding, f"{encoding} (byte order mark)")
    label = _clean_label(label)
    codec = _codec(label)
    if label and codec is None:
        text, problems = _decode(data, None, label)
        return text, (_charset_problem(f"unknown charset {label[:40]!r}"), *problems)
    return _decode(data, codec, label)


def byte_order_mark(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if there is one."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _charset_problem(detail: str) -> Problem:
    return Problem(ProblemCode.CHARSET, detail)


def _clean_label(declared: str | None) -> str:
    """``"UTF-8"``, ``utf-8;`` or RFC 2231's ``us-ascii'en'`` as a bare lower-case name."""
    if not declared:
        return ""
    label = declared.strip().strip("\"'").split("'", 1)[0]
    return label.strip().rstrip(";").strip().lower()


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, or None when it names no text charset."""
    if not label:
        return None
    label = _ALIASES.get(label, label)
    if page := _CODE_PAGE.fullmatch(label):
        label = f"cp{page.group(1)}"
    elif mac := _MAC.fullmatch(label):
        label = f"mac-{mac.group(1)}"
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None
    if name in _NOT_CHARSETS:
        return None
    return _SUPERSETS.get(name, name)


def _decode(payload: bytes, codec: str | None, label: str) -> Decoded:
    if codec is not None and codec.startswith(("utf-16", "utf-32")) and b"\x00" not in payload:
        text, problems = _decode(payload, None, label)
        return text, (_charset_problem(f"declared {label} but has no NUL bytes"), *problems)
    if codec is not None and codec.startswith(_NOT_ASCII_BASED):
        return _decode_not_ascii_based(payload, codec, label)
    if b"\x00" in payload and (utf16 := _bomless_utf16(payload, codec)):
        text, problems = _decode_replacing(payload, utf16, utf16)
        if codec is None:
            return text, problems
        return text, (_charset_problem(f"declared {label} but is {utf16}"), *problems)
    if payload.isascii():
        return payload.decode("ascii"), ()
    if codec is None or codec == "utf-8" or codec.startswith(_SINGLE_BYTE):
        return _decode_8bit(payload, codec, label)
    return _decode_multibyte(payload, codec, label)


def _bomless_utf16(payload: bytes, codec: str | None) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes sit in every other place, as in UTF-16 text.

    Bytes labelled UTF-8 that are valid UTF-8 are taken at their label, NULs and all.
    """
    if len(payload) < 4 or (codec == "utf-8" and _is_utf8(payload)):
        return None
    even, odd = payload[0::2], payload[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul >= _UTF16_NUL_SHARE and even_nul < 0.05:
        return "utf-16-le"
    if even_nul >= _UTF16_NUL_SHARE and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _is_utf8(payload: bytes) -> bool:
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_not_ascii_based(payload: bytes, codec: str, label: str) -> Decoded:
    """UTF-16/32, UTF-7 and ISO-2022: strictly, else replacing or as plain 8-bit bytes."""
    try:
        return payload.decode(codec), ()
    except UnicodeDecodeError:
        if codec.startswith(("utf-16", "utf-32")):
            return _decode_replacing(payload, codec, label)
    return _decode(payload, "ascii", label)


def _decode_multibyte(payload: bytes, codec: str, label: str) -> Decoded:
    """A CJK or other multi-byte charset: as declared, else UTF-8, else replacing."""
    try:
        return payload.decode(codec), ()
    except UnicodeDecodeError:
        pass
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_replacing(payload, codec, label)
    return text, (_charset_problem(f"declared {label} but is utf-8"),)


def _decode_8bit(payload: bytes, codec: str | None, label: str) -> Decoded:
    """UTF-8 when the bytes are (mostly) UTF-8, else the declared single-byte charset."""
    text = payload.decode("utf-8", "surrogateescape")
    replaced, bad = _ESCAPED.subn("\ufffd", text)
    if bad == 0:
        return text, ()
    if codec in (None, "utf-8", "ascii"):
        good = _NON_ASCII.subn("", text)[1]
        if good >= bad:
            return replaced, (_charset_problem(f"replaced {bad} invalid utf-8 byte(s)"),)
        text, problems = _decode_replacing(payload, "cp1252", "windows-1252")
        if codec is None:
            return text, problems
        return text, (_charset_problem(f"declared {label} but read as windows-1252"), *problems)
    if codec == "iso8859-1" and _C1_BYTES.search(payload):
        codec = "cp1252"
    return _decode_replacing(payload, codec, label)


def _decode_replacing(payload: bytes, codec: str, label: str) -> Decoded:
    """Decode, replacing what cannot be read; a problem says how much was replaced."""
    try:
        return payload.decode(codec), ()
    except UnicodeDecodeError:
        text = payload.decode(codec, "replace")
    replaced = max(1, text.count("\ufffd") - _literal_replacements(payload, codec))
    return text, (_charset_problem(f"replaced {replaced} character(s) not valid in {label}"),)


def _literal_replacements(payload: bytes, codec: str) -> int:
    """How many U+FFFD the bytes themselves spell (these were not replacements)."""
    try:
        return payload.count("\ufffd".encode(codec))
    except UnicodeEncodeError:
        return 0
