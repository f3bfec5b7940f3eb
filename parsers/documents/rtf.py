"""RTF documents to text, and Outlook's compressed RTF (LZFu) to RTF.

The converter tokenises the RTF once, left to right, keeping the group state on an explicit
stack (no recursion, so ten million nested braces cost memory for references, not Python
frames), and emits the text a reader would see: destinations that hold no body text (font and
colour tables, style sheets, pictures, field instructions, headers and footers, ``\\*``
ignorable groups) are skipped; ``\\par``/``\\line``/``\\row`` become newlines and
``\\tab``/``\\cell`` tabs; ``\\'hh`` bytes are decoded with the code page of the current font
(``\\fcharset``) or of the document (``\\ansicpg``); ``\\uN`` characters skip their ``\\ucN``
fallback.  Word records the page count (``\\nofpages``) and paper size (``\\paperw``,
``\\paperh``) in the file; they are returned as recorded.
"""

from __future__ import annotations

import codecs
import re
import struct
from dataclasses import dataclass, field

from parsers.model import Extracted, Limits, PageSize, PagesSource, Problem, ProblemCode

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?[0-9]{1,10})? ?"  # 1, 2: control word and its parameter
    rb"|((?:\\'[0-9a-fA-F]{2})+)"  # 3: bytes in hex
    rb"|\\([^a-zA-Z])"  # 4: control symbol
    rb"|(\{+|\}+)"  # 5: groups opening or closing
    rb"|([^\\{}\r\n]+)"  # 6: text
    rb"|[\r\n]+",  # line ends in RTF source mean nothing
    re.DOTALL,
)
_WORD, _PARAM, _HEX, _SYMBOL, _BRACE, _TEXT = 1, 2, 3, 4, 5, 6

_SKIPPED_DESTINATIONS = frozenset(
    {
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "nonshppict", "objdata",
        "objclass", "fldinst", "header", "headerl", "headerr", "headerf", "footer",
        "footerl", "footerr", "footerf", "themedata", "colorschememapping", "datastore",
        "latentstyles", "listtable", "listoverridetable", "revtbl", "rsidtbl", "filetbl",
        "xmlnstbl", "generator", "pn", "sp", "sn", "sv", "template", "mmathPr", "pgdsctbl",
        "docvar", "userprops", "bkmkstart", "bkmkend", "atnid", "atnauthor", "xe", "tc",
    }
)  # fmt: skip
_SHOWN_IGNORABLES = frozenset({"nesttableprops"})
"""``\\*`` groups that are read: Word ends a nested table's row (``\\nestrow``) inside one."""
_NEWLINE_WORDS = frozenset({"par", "line", "sect", "page", "row", "nestrow", "column"})
_TAB_WORDS = frozenset({"tab", "cell", "nestcell"})
_CHARACTER_WORDS = {
    "emdash": "\u2014",
    "endash": "\u2013",
    "bullet": "\u2022",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
    "zwj": "",
    "zwnj": "",
}
_SYMBOLS = {
    "~": "\u00a0",  # non-breaking space
    "-": "",  # optional hyphen
    "_": "-",  # non-breaking hyphen
    "{": "{",
    "}": "}",
    "\\": "\\",
    "\n": "\n",  # a backslash before a line end is \par
    "\r": "\n",
}
_CHARSET_CODEPAGES = {
    0: 1252, 2: 1252, 77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950,
    161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874,
    238: 1250, 254: 437, 255: 850,
}  # fmt: skip
_CODEPAGE_CODECS = {
    10000: "mac_roman", 1361: "johab", 65001: "utf-8", 20127: "ascii", 20866: "koi8_r",
    21866: "koi8_u", 936: "gbk", 28591: "latin_1",
}  # fmt: skip
_DEFAULT_CODEPAGE = 1252
_MAX_DEPTH = 10_000
"""Deeper groups are counted, not stacked: no real document nests this deep."""
_TOO_DEEP = f"groups nested deeper than {_MAX_DEPTH}"
_TWIPS_PER_MM = 1440 / 25.4


def extract(data: bytes, limits: Limits) -> Extracted:
    """Read an RTF document."""
    if len(data) > limits.max_bytes:
        detail = f"{len(data)} bytes, more than the limit of {limits.max_bytes}"
        return Extracted(problems=(Problem(ProblemCode.TOO_LARGE, detail),))
    if not data.lstrip()[:5].lower().startswith(b"{\\rtf"):
        return Extracted(problems=(Problem(ProblemCode.CORRUPT, "not an RTF document"),))
    document = convert(data)
    problems = document.problems
    if not document.text.strip() and not problems:
        problems = (Problem(ProblemCode.EMPTY, "no text"),)
    pages = document.pages if document.pages else None
    return Extracted(
        text=document.text,
        pages=pages,
        pages_source=PagesSource.RECORDED if pages else None,
        page_size=document.page_size,
        problems=problems,
    )


@dataclass(frozen=True, slots=True)
class RtfDocument:
    """What the converter read from an RTF document."""

    text: str
    pages: int | None = None
    """``\\nofpages`` as the writing program recorded it (0 or absent: unknown)."""
    page_size: PageSize | None = None
    problems: tuple[Problem, ...] = ()


def convert(data: bytes) -> RtfDocument:
    """Convert RTF bytes to text with what the document records about its pages."""
    converter = _Converter(data)
    converter.run()
    return converter.result()


@dataclass(frozen=True, slots=True)
class _Group:
    """The state a ``{`` saves and its ``}`` restores."""

    destination: str | None
    """The skipped destination this group is in (``None``: body text is shown)."""
    uc: int
    codec: str


@dataclass(slots=True)
class _Converter:
    data: bytes
    group: _Group = _Group(None, 1, "cp1252")
    stack: list[_Group] = field(default_factory=list)
    out: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)
    pending_codec: str = "cp1252"
    document_codec: str = "cp1252"
    fonts: dict[int, str] = field(default_factory=dict)
    font_being_defined: int | None = None
    default_font: int | None = None
    overflow: int = 0
    """Groups opened past ``_MAX_DEPTH``: counted only, their state is not kept apart."""
    fallback_to_skip: int = 0
    ignorable_next: bool = False
    pages: int | None = None
    paper_width: int | None = None
    paper_height: int | None = None
    problems: list[Problem] = field(default_factory=list)

    def run(self) -> None:
        data, position, end = self.data, 0, len(self.data)
        while position < end:
            match = _TOKEN.match(data, position)
            if match is None:  # a lone backslash at the very end
                break
            position = match.end()
            kind = match.lastindex
            if kind == _TEXT:
                self.on_text(match.group(_TEXT))
            elif kind in (_WORD, _PARAM):
                word = match.group(_WORD).decode("ascii")
                param_bytes = match.group(_PARAM)
                param = int(param_bytes) if param_bytes is not None else None
                if word == "bin":
                    position += max(0, param or 0)  # raw binary data: skipped unread
                    self.fallback_to_skip = 0
                    continue
                self.on_word(word, param)
            elif kind == _HEX:
                self.on_bytes(bytes.fromhex(match.group(_HEX).replace(b"\\'", b"").decode()))
            elif kind == _BRACE:
                self.on_braces(match.group(_BRACE))
            elif kind == _SYMBOL:
                self.on_symbol(match.group(_SYMBOL).decode("latin-1"))
        self.flush()

    # --- tokens -------------------------------------------------------------------------

    def on_text(self, text: bytes) -> None:
        self.ignorable_next = False
        if self.fallback_to_skip:
            skipped = min(self.fallback_to_skip, len(text))
            self.fallback_to_skip -= skipped
            text = text[skipped:]
        if self.group.destination is None and text:
            self.add_bytes(text)

    def on_bytes(self, raw: bytes) -> None:
        self.ignorable_next = False
        if self.fallback_to_skip:
            skipped = min(self.fallback_to_skip, len(raw))
            self.fallback_to_skip -= skipped
            raw = raw[skipped:]
        if self.group.destination is None and raw:
            self.add_bytes(raw)

    def on_braces(self, braces: bytes) -> None:
        self.fallback_to_skip = 0
        self.ignorable_next = False
        if braces[0] == ord("{"):
            self.open_groups(len(braces))
        else:
            self.close_groups(len(braces))

    def open_groups(self, count: int) -> None:
        room = max(0, _MAX_DEPTH - len(self.stack))
        self.stack.extend([self.group] * min(count, room))
        if count > room:
            if not self.overflow:
                self.problems.append(Problem(ProblemCode.CORRUPT, _TOO_DEEP))
            self.overflow += count - room

    def close_groups(self, count: int) -> None:
        from_overflow = min(count, self.overflow)
        self.overflow -= from_overflow
        count = min(count - from_overflow, len(self.stack))
        if count:
            leaving_font_table = self.group.destination == "fonttbl"
            self.group = self.stack[-count]
            del self.stack[-count:]
            self.font_being_defined = None
            if leaving_font_table and self.group.destination is None:
                self.use_default_font()
        # Unbalanced closing braces are ignored: the text after them is still shown.

    def on_symbol(self, symbol: str) -> None:
        if symbol == "*":
            self.ignorable_next = True
            return
        if self.fallback_to_skip:
            self.fallback_to_skip -= 1
            return
        if self.group.destination is None and symbol in _SYMBOLS:
            self.add_text(_SYMBOLS[symbol])

    def on_word(self, word: str, param: int | None) -> None:
        ignorable, self.ignorable_next = self.ignorable_next, False
        if (ignorable and word not in _SHOWN_IGNORABLES) or word in _SKIPPED_DESTINATIONS:
            self.enter_destination(word)
        if self.group.destination is not None:
            self.on_word_in_destination(word, param)
        elif self.fallback_to_skip:
            self.fallback_to_skip -= 1
        elif word == "u" and param is not None:
            self.add_text(_unicode_char(param))
            self.fallback_to_skip = self.group.uc
        else:
            self.on_body_word(word, param)

    def on_body_word(self, word: str, param: int | None) -> None:
        if word in _NEWLINE_WORDS:
            self.add_text("\n")
        elif word in _TAB_WORDS:
            self.add_text("\t")
        elif word in _CHARACTER_WORDS:
            self.add_text(_CHARACTER_WORDS[word])
        else:
            self.on_state_word(word, param)

    def on_state_word(self, word: str, param: int | None) -> None:
        group = self.group
        if word == "uc" and param is not None:
            self.group = _Group(group.destination, max(0, min(param, 10)), group.codec)
        elif word == "f" and param is not None:
            self.group = _Group(group.destination, group.uc, self.font_codec(param))
        elif word == "ansicpg" and param is not None:
            self.document_codec = self.codec_for(param)
            self.group = _Group(group.destination, group.uc, self.document_codec)
        elif word in ("mac", "pc", "pca"):
            codepage = {"mac": 10000, "pc": 437, "pca": 850}[word]
            self.document_codec = self.codec_for(codepage)
            self.group = _Group(group.destination, group.uc, self.document_codec)
        elif word == "deff":
            self.default_font = param
        elif word == "paperw" and param:
            self.paper_width = param
        elif word == "paperh" and param:
            self.paper_height = param

    def on_word_in_destination(self, word: str, param: int | None) -> None:
        """Skipped groups still tell the page count and the fonts' character sets."""
        if word == "nofpages" and param is not None:
            self.pages = param
        elif self.group.destination != "fonttbl" or param is None:
            return
        elif word == "f":
            self.font_being_defined = param
        elif word == "fcharset" and self.font_being_defined is not None:
            codepage = _CHARSET_CODEPAGES.get(param)
            codec = self.document_codec if codepage is None else self.codec_for(codepage)
            self.fonts.setdefault(self.font_being_defined, codec)
        elif word == "cpg" and self.font_being_defined is not None:
            self.fonts[self.font_being_defined] = self.codec_for(param)

    def enter_destination(self, word: str) -> None:
        if self.group.destination is None:
            self.flush()
            self.group = _Group(word, self.group.uc, self.group.codec)
            self.fallback_to_skip = 0

    # --- output -------------------------------------------------------------------------

    def add_bytes(self, raw: bytes) -> None:
        if self.group.codec != self.pending_codec:
            self.flush()
            self.pending_codec = self.group.codec
        self.pending += raw

    def add_text(self, text: str) -> None:
        self.flush()
        self.out.append(text)

    def flush(self) -> None:
        if self.pending:
            self.out.append(bytes(self.pending).decode(self.pending_codec, errors="replace"))
            self.pending.clear()

    def use_default_font(self) -> None:
        """Text before any ``\\f`` is in the default font (``\\deff``), now that it is known."""
        if self.default_font is not None and self.default_font in self.fonts:
            codec = self.fonts[self.default_font]
            self.group = _Group(self.group.destination, self.group.uc, codec)

    def font_codec(self, font: int) -> str:
        return self.fonts.get(font, self.document_codec)

    def codec_for(self, codepage: int) -> str:
        name = _CODEPAGE_CODECS.get(codepage, f"cp{codepage}")
        try:
            return codecs.lookup(name).name
        except LookupError:
            if codepage != 0:  # \ansicpg0 is written by some tools for "the default"
                self.problems.append(
                    Problem(ProblemCode.CHARSET, f"unknown code page {codepage}, read as 1252")
                )
            return codecs.lookup(f"cp{_DEFAULT_CODEPAGE}").name

    def result(self) -> RtfDocument:
        text = "".join(self.out)
        # \uN may spell a UTF-16 surrogate pair; join the pairs into characters.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        text = text.replace("\x00", "")
        return RtfDocument(
            text=text,
            pages=self.pages if self.pages and self.pages > 0 else None,
            page_size=self._page_size(),
            problems=tuple(dict.fromkeys(self.problems)),
        )

    def _page_size(self) -> PageSize | None:
        if not self.paper_width or not self.paper_height:
            return None
        if self.paper_width < 0 or self.paper_height < 0:
            return None
        return PageSize(
            round(self.paper_width / _TWIPS_PER_MM, 1), round(self.paper_height / _TWIPS_PER_MM, 1)
        )


def _unicode_char(param: int) -> str:
    """``\\uN``: N is a signed 16-bit number; larger values are taken as they come."""
    code = param + 0x10000 if param < 0 else param
    return chr(code) if 0 <= code <= 0x10FFFF else "\ufffd"


# --- compressed RTF (MS-OXRTFCP) ------------------------------------------------------------

_LZFU = 0x75465A4C
_MELA = 0x414C454D
_LZFU_HEADER = struct.Struct("<IIII")
_LZFU_DICTIONARY = (
    b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss "
    b"\\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
    b"{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx"
)
_LZFU_WINDOW = 4096


class CompressedRtfError(ValueError):
    """Compressed RTF that cannot be decompressed."""


def decompress_rtf(data: bytes, max_size: int) -> bytes:
    """Decompress Outlook's compressed RTF (``PR_RTF_COMPRESSED``), at most ``max_size`` bytes.

    Raises :class:`CompressedRtfError` for data that is not compressed RTF.
    """
    if len(data) < _LZFU_HEADER.size:
        raise CompressedRtfError("shorter than the compressed RTF header")
    _comp_size, raw_size, comp_type, _crc = _LZFU_HEADER.unpack_from(data)
    body = data[_LZFU_HEADER.size :]
    if comp_type == _MELA:
        return body[: min(raw_size, max_size)]
    if comp_type != _LZFU:
        raise CompressedRtfError(f"unknown compression type {comp_type:#010x}")
    return _lzfu(body, min(raw_size, max_size))


def _lzfu(body: bytes, limit: int) -> bytes:
    window = bytearray(_LZFU_WINDOW)
    window[: len(_LZFU_DICTIONARY)] = _LZFU_DICTIONARY
    write = len(_LZFU_DICTIONARY)
    out = bytearray()
    position, end = 0, len(body)
    while position < end and len(out) < limit:
        control = body[position]
        position += 1
        for bit in range(8):
            if position >= end or len(out) >= limit:
                break
            if not control & (1 << bit):
                window[write] = body[position]
                out.append(body[position])
                write = (write + 1) % _LZFU_WINDOW
                position += 1
                continue
            if position + 2 > end:
                return bytes(out)
            reference = (body[position] << 8) | body[position + 1]
            position += 2
            offset, length = reference >> 4, (reference & 0xF) + 2
            if offset == write:
                return bytes(out)  # the end marker
            write = _copy_reference(window, out, offset, length, write)
    return bytes(out[:limit])


def _copy_reference(window: bytearray, out: bytearray, offset: int, length: int, write: int) -> int:
    """Copy ``length`` bytes from ``offset`` in the window to its end and to ``out``.

    Returns the new write position.  A run that neither overlaps what it writes nor wraps
    around the window is copied in one slice; otherwise byte by byte, as the format defines.
    """
    behind = (write - offset) % _LZFU_WINDOW
    if behind >= length and offset + length <= _LZFU_WINDOW and write + length <= _LZFU_WINDOW:
        run = window[offset : offset + length]
        window[write : write + length] = run
        out += run
        return (write + length) % _LZFU_WINDOW
    for index in range(length):
        byte = window[(offset + index) % _LZFU_WINDOW]
        window[write] = byte
        out.append(byte)
        write = (write + 1) % _LZFU_WINDOW
    return write
